"""Shared attrs validators that raise :mod:`carekit.errors` exceptions.

Each validator names the field by its ``__init__`` name (the attrs alias),
so a private attribute ``_notes`` is reported as ``notes``, the name the
caller used.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any, NoReturn, TypeVar

import attrs

from carekit.errors import InvalidValue

__all__ = [
    "ValueEnum",
    "aware_datetime",
    "enum_member",
    "enum_rule",
    "field_name",
    "instance_of",
    "is_language_tag",
    "is_name",
    "iterable",
    "member_set",
    "non_empty_str",
    "optional_non_empty_str",
    "require_aware",
    "string_set",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
E = TypeVar("E", bound=enum.Enum)


def field_name(attribute: attrs.Attribute[Any]) -> str:
    """The name the caller used for the field: the ``__init__`` alias."""
    return attribute.alias or attribute.name


def is_name(value: object) -> bool:
    """True for an exact ``str`` with something besides whitespace: the fast
    form of :func:`non_empty_str`, for checks that run once per message."""
    return type(value) is str and bool(value) and not value.isspace()


# RFC 5646 (BCP 47, September 2009), section 2.1, "Syntax": the ABNF of a
# well-formed tag, case-insensitive. A tag is a langtag, a private-use tag or
# one of the 26 grandfathered tags; no subtag is looked up in the registry.
_ALNUM = "[a-z0-9]"
_LANGTAG = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"  # language ["-" extlang]
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wy-z](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE_USE = rf"x(?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo"
    "|i-navajo|i-pwn|i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de"
    "|art-lojban|cel-gaulish|no-bok|no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan"
    "|zh-xiang"
)
_LANGUAGE_TAG = re.compile(
    f"{_LANGTAG}|{_PRIVATE_USE}|{_GRANDFATHERED}", re.IGNORECASE | re.ASCII
)


def is_language_tag(value: object) -> bool:
    """True for a string that is a well-formed BCP 47 language tag.

    Rule (RFC 5646, "Tags for Identifying Languages", September 2009,
    section 2.1): ``Language-Tag = langtag / privateuse / grandfathered``,
    where ``langtag = language ["-" script] ["-" region] *("-" variant)
    *("-" extension) ["-" privateuse]``. Well-formed only: subtags are not
    checked against the language subtag registry.

    >>> [is_language_tag(t) for t in ("en", "pt-BR", "zh-Hant-TW", "x-klingon")]
    [True, True, True, True]
    >>> [is_language_tag(t) for t in ("i-klingon", "en-a", "en-US-US", "e")]
    [True, False, False, False]
    """
    return type(value) is str and _well_formed(value)


# Memoized: a history uses a handful of tags millions of times, and a look-up
# costs a third of the full match (a pure function: the memo is invisible).
@functools.lru_cache(maxsize=1024)
def _well_formed(tag: str) -> bool:
    return _LANGUAGE_TAG.fullmatch(tag) is not None


def require_aware(value: object, field: str) -> dt.datetime:
    """Return *value* if it is a timezone-aware datetime, else raise.

    Args:
        value: Anything; pendulum ``DateTime`` values pass (they are datetimes).
        field: The name reported in the error.

    Raises:
        InvalidValue: *value* is not a datetime, or it is naive.
    """
    if not isinstance(value, dt.datetime):
        raise InvalidValue(field, value, "must be a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValue(
            field, value, "naive datetimes are refused; give a timezone-aware value"
        )
    return value


def aware_datetime(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: the field holds a timezone-aware datetime."""
    require_aware(value, field_name(attribute))


def instance_of(*types: type) -> Validator:
    """attrs validator factory: the field is an instance of one of *types*."""
    names = " or ".join(t.__name__ for t in types)

    def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, types) or (
            isinstance(value, bool) and bool not in types and int in types
        ):
            raise InvalidValue(field_name(attribute), value, f"must be a {names}")

    return check


def _members(kind: type[enum.Enum]) -> str:
    return ", ".join(f"{kind.__name__}.{member.name}" for member in kind)


def enum_rule(kind: type[enum.Enum], value: object) -> str:
    """Why *value* is not a member of *kind*, and what to pass instead.

    >>> import enum
    >>> class Color(enum.Enum):
    ...     RED = "red"
    >>> enum_rule(Color, "red")
    "must be a Color member, not the str 'red'; pass Color.RED"
    >>> enum_rule(Color, "blue")
    "must be a Color member (one of Color.RED), not the str 'blue'"
    """
    for member in kind:
        if type(value) is type(member.value) and value == member.value:
            what = f"the {type(value).__name__} {value!r}"
            name = f"{kind.__name__}.{member.name}"
            return f"must be a {kind.__name__} member, not {what}; pass {name}"
    given = f"the {type(value).__name__} {_short(value)}"
    return f"must be a {kind.__name__} member (one of {_members(kind)}), not {given}"


def _short(value: object) -> str:
    try:
        text = repr(value)
    except Exception:  # a broken __repr__ must not hide the real error
        text = "value"
    return text if len(text) <= 40 else text[:37] + "..."


def enum_member(kind: type[enum.Enum]) -> Validator:
    """attrs validator factory: the field is a member of the enum *kind*.

    The error says what was given and what to pass instead: a value of a
    member (``"fundraiser"``) is pointed to its member
    (``PaymentPurpose.FUNDRAISER``); anything else lists the members.
    """

    def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind):
            raise InvalidValue(field_name(attribute), value, enum_rule(kind, value))

    return check


class _LookupByValue(enum.EnumType):
    """Looks members up by value without :class:`enum.Enum`'s own miss path,
    which formats the value with ``repr`` first (a 5,000-digit int or a
    deeply nested list makes that raise) before calling ``_missing_``."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:  # the functional API: ValueEnum("Name", "A B")
            return super().__call__(value, *args, **kwargs)
        kind: type[enum.Enum] = cls  # type: ignore[assignment]
        if type(value) is kind:  # a member stands for itself
            return value
        try:
            return kind._value2member_map_[value]
        except Exception:  # a miss, an unhashable or a hostile value
            pass
        return kind._missing_(value)


class ValueEnum(enum.Enum, metaclass=_LookupByValue):
    """Base of carekit's enums: looking up an unknown value raises
    :class:`~carekit.errors.InvalidValue` (a ``ValueError``) that lists the
    accepted values, instead of a bare ``ValueError``.

    >>> class Color(ValueEnum):
    ...     RED = "red"
    >>> Color("blue")
    Traceback (most recent call last):
    ...
    carekit.errors.InvalidValue: Color: not a Color value; accepted: 'red' (got 'blue')
    """

    @classmethod
    def _missing_(cls, value: object) -> NoReturn:
        accepted = ", ".join(repr(member.value) for member in cls)
        raise InvalidValue(
            cls.__name__, value, f"not a {cls.__name__} value; accepted: {accepted}"
        )


def non_empty_str(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: the field is a string with at least one non-space."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(field_name(attribute), value, "must be a non-empty string")


def optional_non_empty_str(
    inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    """attrs validator: ``None`` or a non-empty string."""
    if value is not None:
        non_empty_str(inst, attribute, value)


def string_set(items: Iterable[str], name: str) -> tuple[str, ...]:
    """A collection of strings as a sorted, duplicate-free tuple, so equal sets
    compare (and serialize) equal. For attrs converters.

    Raises:
        InvalidValue: *items* is a bare ``str`` (it is not split into
            characters), not iterable, or holds a blank or non-string item.
    """
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise InvalidValue(name, items, "must be a collection of strings")
    values = tuple(items)
    for item in values:
        if not isinstance(item, str) or not item.strip():
            raise InvalidValue(name, item, "each item must be a non-empty string")
    return tuple(sorted(set(values)))


def member_set(items: object, name: str, kind: type[E]) -> tuple[E, ...]:
    """A collection of *kind* members as a duplicate-free tuple sorted by
    value, so equal sets compare (and serialize) equal. For attrs converters.

    Raises:
        InvalidValue: *items* is a ``str``, not iterable, or holds an item
            that is not a *kind* member.
    """
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise InvalidValue(name, items, f"must be a collection of {kind.__name__}")
    values = tuple(items)
    for item in values:
        if not isinstance(item, kind):
            raise InvalidValue(name, item, f"each item must be a {kind.__name__}")
    return tuple(sorted(set(values), key=lambda member: member.value))


def iterable(value: object, field: str, what: str) -> Iterable[Any]:
    """*value* if it is an iterable other than a ``str`` or ``bytes``.

    Raises:
        InvalidValue: It is not, naming *field* and saying it must be an
            iterable of *what*.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue(field, value, f"must be an iterable of {what}")
    return value
