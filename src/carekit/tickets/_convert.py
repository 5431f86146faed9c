"""attrs converters shared by the ticket modules: collections checked item by
item, so a wrong item is reported by field name rather than failing later."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, TypeVar

from carekit.errors import InvalidValue

__all__ = ["checked_tuple", "enum_tuple"]

_Member = TypeVar("_Member", bound=enum.Enum)


def checked_tuple(items: Iterable[Any], kind: type, name: str) -> tuple[Any, ...]:
    """*items* as a tuple, each an instance of *kind*.

    Raises:
        InvalidValue: *items* is not iterable or holds another type; names
            *name*.
    """
    if not isinstance(items, Iterable):
        raise InvalidValue(name, items, f"must be a collection of {kind.__name__}")
    values = tuple(items)
    for item in values:
        if not isinstance(item, kind):
            raise InvalidValue(name, item, f"each item must be a {kind.__name__}")
    return values


def enum_tuple(
    items: Iterable[_Member], kind: type[_Member], name: str
) -> tuple[_Member, ...]:
    """A set of *kind* members as a tuple in the enum's order, without
    duplicates, so equal sets compare (and serialize) equal.

    Raises:
        InvalidValue: *items* is not iterable or holds a non-member.
    """
    values = set(checked_tuple(items, kind, name))
    return tuple(member for member in kind if member in values)
