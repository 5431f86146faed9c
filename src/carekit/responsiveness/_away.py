"""Away periods as sorted, merged half-open ``[start, end)`` pairs of ticks.

The hot loop looks up a thread's start with :func:`bisect.bisect_right` over
the starts, once per thread (never per message).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeAlias

from carekit._threads import SECONDS, bound_ticks
from carekit.errors import InvalidValue
from carekit.intervals import Interval

__all__ = ["AwayPeriod", "AwayPeriods", "normalize_away"]

#: One away period: ``(start, end)`` as epoch seconds or aware datetimes, or
#: an :class:`Interval`.
AwayPeriod: TypeAlias = tuple[float, float] | tuple[dt.datetime, dt.datetime] | Interval
#: What the public functions accept for ``away=``.
AwayPeriods: TypeAlias = Iterable[AwayPeriod]

_PERIOD_RULE = (
    "must be (start, end) as finite epoch seconds or aware datetimes, or an Interval"
)


def _bounds(index: int, period: object, unit: int) -> tuple[float, float]:
    name = f"away[{index}]"
    if isinstance(period, Interval):
        low: Any = period.start
        high: Any = period.end
    elif isinstance(period, tuple | list) and len(period) == 2:
        low, high = period
    else:
        raise InvalidValue(name, period, _PERIOD_RULE)
    start = bound_ticks(low, f"{name}.start", unit)
    end = bound_ticks(high, f"{name}.end", unit)
    if end < start:
        raise InvalidValue(name, period, "end before start is refused")
    return start, end


def normalize_away(
    away: AwayPeriods, unit: int = SECONDS
) -> tuple[tuple[float, float], ...]:
    """Sort *away*, merge overlapping and touching periods, drop empty ones.

    Touching periods merge because the page is away without a break: a thread
    deferred (:attr:`AwayRule.DEFER`) is timed from the end of the whole run.

    Args:
        away: ``(start, end)`` pairs of epoch seconds or aware datetimes (any
            order, overlaps allowed) or :class:`~carekit.intervals.Interval`
            values.
        unit: Ticks per second of the result; datetimes become exact
            microseconds, never through a float.

    Raises:
        InvalidValue: A period is not two finite times within the years
            1-9999, or ends before it starts (field ``away[i]``).
    """
    if isinstance(away, dt.datetime | str | bytes) or not isinstance(away, Iterable):
        raise InvalidValue("away", away, "must be a collection of away periods")
    pieces = sorted(_bounds(i, period, unit) for i, period in enumerate(away))
    merged: list[list[float]] = []
    for start, end in pieces:
        if start == end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)
