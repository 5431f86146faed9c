"""Boundary helpers that turn caller instants into plain UTC datetimes.

Hot paths (business-hours and away queries) work on stdlib ``datetime``
values in UTC: comparing and subtracting those is exact and cheap, whereas a
pendulum ``DateTime`` makes every subtraction build an ``Interval`` object.
"""

from __future__ import annotations

import datetime as dt

from carekit._validate import require_aware
from carekit.errors import InvalidValue

__all__ = ["plain_delta", "plain_utc", "utc_instant"]

UTC = dt.UTC


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
