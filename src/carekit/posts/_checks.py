"""Validators shared by the posts modules: counts and IANA zones.

Public names in a private module, so every posts module checks a count or a
zone the same way and reports the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from carekit.errors import InvalidValue

__all__ = ["count", "items_of", "optional_count", "require_count", "zone_name"]


def require_count(value: object, field: str) -> int:
    """Return *value* if it is a count: an exact ``int`` (not a bool), >= 0.

    >>> require_count(3, "likes")
    3
    >>> require_count(True, "likes")
    Traceback (most recent call last):
    ...
    carekit.errors.InvalidValue: likes: a bool is not a count (got True)

    Raises:
        InvalidValue: *value* is a bool, not an ``int``, or negative; names
            *field*.
    """
    if type(value) is not int:
        if isinstance(value, bool):
            raise InvalidValue(field, value, "a bool is not a count")
        raise InvalidValue(field, value, "a count is a non-negative integer")
    if value < 0:
        raise InvalidValue(field, value, "a count is never negative")
    return value


def count(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: the field is a count (see :func:`require_count`)."""
    require_count(value, attribute.alias or attribute.name)


def optional_count(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: ``None`` (not reported) or a count."""
    if value is not None:
        count(inst, attribute, value)


def zone_name(value: object) -> str:
    """Converter: an IANA zone name (or a ``ZoneInfo``) that zoneinfo knows.

    Raises:
        InvalidValue: *value* is not a known IANA zone (field ``timezone``).
    """
    key = value.key if isinstance(value, ZoneInfo) else value
    if isinstance(key, str) and key:
        try:
            ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return key
    raise InvalidValue("timezone", value, "must be a known IANA timezone name")


def items_of(values: object, kind: type, name: str) -> tuple[Any, ...]:
    """*values* as a tuple, if it is a collection (not a string) of *kind*.

    Raises:
        InvalidValue: *values* is a string or not iterable, or an item is not
            a *kind*; names *name*.
    """
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise InvalidValue(name, values, f"must be a collection of {kind.__name__}")
    items = tuple(values)
    for item in items:
        if not isinstance(item, kind):
            raise InvalidValue(name, item, f"each item must be a {kind.__name__}")
    return items
