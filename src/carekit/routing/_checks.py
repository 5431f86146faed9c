"""attrs validators shared by the routing models."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from carekit._validate import is_language_tag, string_set
from carekit.errors import InvalidValue
from carekit.routing.languages import language_tags

__all__ = [
    "optional_language",
    "to_keywords",
    "to_languages",
    "to_queues",
    "to_sentiments",
    "to_skills",
    "to_tags",
    "whole_number",
]


def whole_number(_inst: object, attribute: Any, value: Any) -> None:
    """attrs validator: an ``int`` (not a bool), zero or more."""
    if type(value) is not int or value < 0:
        name = attribute.alias or attribute.name
        raise InvalidValue(name, value, "must be a whole number, zero or more")


def optional_language(_inst: object, attribute: Any, value: Any) -> None:
    """attrs validator: ``None`` or a BCP 47 tag."""
    if value is not None and not is_language_tag(value):
        name = attribute.alias or attribute.name
        raise InvalidValue(name, value, "must be a BCP 47 tag such as 'es-MX'")


# attrs converters, one per field name so that errors name the field.


def to_languages(value: Iterable[str]) -> tuple[str, ...]:
    """The ``languages`` field: sorted, duplicate-free BCP 47 tags."""
    return language_tags(value, "languages")


def to_skills(value: Iterable[str]) -> tuple[str, ...]:
    """The ``skills`` field: sorted, duplicate-free names."""
    return string_set(value, "skills")


def to_queues(value: Iterable[str]) -> tuple[str, ...]:
    """The ``queues`` field: sorted, duplicate-free names."""
    return string_set(value, "queues")


def to_tags(value: Iterable[str]) -> tuple[str, ...]:
    """The ``tags`` field: sorted, duplicate-free names."""
    return string_set(value, "tags")


def to_keywords(value: Iterable[str]) -> tuple[str, ...]:
    """The ``keywords`` field: sorted, duplicate-free words or phrases."""
    return string_set(value, "keywords")


def to_sentiments(value: Iterable[str]) -> tuple[str, ...]:
    """The ``sentiments`` field: sorted, duplicate-free labels."""
    return string_set(value, "sentiments")
