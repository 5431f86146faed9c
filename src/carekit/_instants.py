"""Boundary helpers for instants: plain UTC datetimes, the range check, and
the key models compare datetimes by.

Hot paths (business-hours and away queries) work on stdlib ``datetime``
values in UTC: comparing and subtracting those is exact and cheap, whereas a
pendulum ``DateTime`` makes every subtraction build an ``Interval`` object.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from carekit._validate import field_name, require_aware
from carekit.errors import InvalidValue

__all__ = [
    "instant_key",
    "optional_instant_key",
    "plain_delta",
    "plain_utc",
    "utc_bound",
    "utc_instant",
]

UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
# The base class's subtraction: by instant, and never pendulum's Interval.
_ELAPSED = dt.datetime.__sub__


def instant_key(value: dt.datetime) -> dt.timedelta:
    """What models compare, hash and sort an aware datetime by: its instant.

    Python compares two datetimes that share a ``tzinfo`` by wall clock, so
    02:30 CEST and 02:30 CET on the night Berlin falls back are "equal",
    one hour apart. The time since 1970-01-01T00:00Z is the instant itself,
    exact to the microsecond, for every aware datetime (no UTC conversion
    that could overflow at year 1 or 9999). For ``attrs.field(eq=...)``.

    >>> from zoneinfo import ZoneInfo
    >>> cest = dt.datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    >>> cet = cest.replace(fold=1)
    >>> cest == cet, instant_key(cest) == instant_key(cet)
    (True, False)
    """
    return _ELAPSED(value, _EPOCH)


def optional_instant_key(value: dt.datetime | None) -> dt.timedelta | None:
    """:func:`instant_key` for an optional datetime; ``None`` stays ``None``."""
    return None if value is None else _ELAPSED(value, _EPOCH)


def plain_utc(value: dt.datetime) -> dt.datetime:
    """The same instant as a stdlib ``datetime`` in UTC (never a subclass)."""
    moment = value.astimezone(UTC)
    if type(moment) is dt.datetime:
        return moment
    return dt.datetime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=UTC,
    )


def utc_instant(value: object, field: str) -> dt.datetime:
    """Check that *value* is an aware datetime and return it as plain UTC.

    Raises:
        InvalidValue: *value* is naive, not a datetime, or an instant that UTC
            cannot show (before 0001-01-01 or after 9999-12-31); names *field*.
    """
    moment = require_aware(value, field)
    try:
        return plain_utc(moment)
    except OverflowError:
        raise InvalidValue(
            field, value, "out of range: in UTC it falls outside years 1 to 9999"
        ) from None


def utc_bound(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: an aware datetime whose instant UTC can show (years
    1 to 9999), so it converts, compares and serializes without overflow."""
    utc_instant(value, field_name(attribute))


def plain_delta(value: object, field: str) -> dt.timedelta:
    """Check that *value* is a non-negative duration; return a plain timedelta.

    Raises:
        InvalidValue: *value* is not a ``timedelta`` (pendulum's ``Duration``
            is one) or it is negative.
    """
    if not isinstance(value, dt.timedelta):
        raise InvalidValue(field, value, "must be a datetime.timedelta")
    if value < dt.timedelta(0):
        raise InvalidValue(field, value, "must not be negative")
    return dt.timedelta(
        days=value.days, seconds=value.seconds, microseconds=value.microseconds
    )
