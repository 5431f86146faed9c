"""attrs validators and converters shared by carekit.automation and
carekit.bots (public names in a private module)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from carekit._instants import instant_key
from carekit._validate import require_aware
from carekit.errors import InvalidValue

__all__ = [
    "MAX_INT",
    "MAX_SPAN",
    "explain",
    "instants",
    "instants_key",
    "is_a",
    "is_optional_instant",
    "non_negative_int",
    "non_negative_timedelta",
    "optional_aware",
    "optional_member",
    "positive_timedelta",
    "strict_bool",
]

Validator = Callable[[object, "attrs.Attribute[Any]", Any], None]

MAX_SPAN = dt.timedelta(days=366)
"""The longest duration a setting may have: a year, leap day included (an
instant plus any longer one may overflow ``datetime``)."""
MAX_INT = 2**63
"""Counters and positions stay below this (a 64-bit signed integer, as a
database column or JSON reader holds them)."""


def strict_bool(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field is exactly ``True`` or ``False``."""
    if type(value) is not bool:
        raise InvalidValue(attribute.name, value, "must be a bool")


def optional_aware(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field is ``None`` or a timezone-aware datetime."""
    if value is not None:
        require_aware(value, attribute.name)


def non_negative_int(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    """The field is an int in [0, :data:`MAX_INT`) (not a bool)."""
    if type(value) is not int or not 0 <= value < MAX_INT:
        raise InvalidValue(attribute.name, value, "must be an int in [0, 2**63)")


def positive_timedelta(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    """The field is a timedelta in (0, :data:`MAX_SPAN`]."""
    if not isinstance(value, dt.timedelta) or not dt.timedelta(0) < value <= MAX_SPAN:
        raise InvalidValue(
            attribute.name, value, "must be a timedelta above 0 and at most 366 days"
        )


def non_negative_timedelta(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    """The field is a timedelta in [0, :data:`MAX_SPAN`]."""
    if not isinstance(value, dt.timedelta) or not dt.timedelta(0) <= value <= MAX_SPAN:
        raise InvalidValue(
            attribute.name, value, "must be a timedelta from 0 to 366 days"
        )


def optional_member(kind: type[enum.Enum]) -> Validator:
    """The field is ``None`` or a member of *kind*."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidValue(
                attribute.name, value, f"must be a {kind.__name__} or None"
            )

    return check


def is_a(kind: type) -> Validator:
    """The field is an instance of *kind* (a class or a runtime Protocol)."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidValue(attribute.name, value, f"must be a {kind.__name__}")

    return check


def instants(value: Any, name: str) -> tuple[dt.datetime, ...]:
    """For a converter: aware datetimes as a tuple sorted by instant."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue(name, value, "must be a sequence of datetimes")
    items = tuple(value)
    for item in items:
        require_aware(item, name)
    return tuple(sorted(items, key=instant_key))


def instants_key(value: tuple[dt.datetime, ...]) -> tuple[dt.timedelta, ...]:
    """What a tuple of datetimes compares by: their instants."""
    return tuple(instant_key(item) for item in value)


def is_optional_instant(value: object) -> bool:
    """True for ``None`` or an aware datetime: the fast half of
    :func:`optional_aware`."""
    return value is None or (
        isinstance(value, dt.datetime) and value.utcoffset() is not None
    )


def explain(inst: Any, validators: dict[str, Validator]) -> None:
    """Run *validators* (field name → attrs validator) on *inst*, raising
    the first precise error: the slow path of a model whose combined check
    failed."""
    fields = attrs.fields_dict(type(inst))
    for name, check in validators.items():
        check(inst, fields[name], getattr(inst, name))
