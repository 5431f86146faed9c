"""Away periods as sorted, merged half-open ``[start, end)`` pairs of numbers.

The hot loops look up a thread's start with :func:`bisect.bisect_right` over
the starts, once per thread (never per message).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any, TypeAlias

from carekit.errors import InvalidValue
from carekit.intervals import Interval

__all__ = ["AwayPeriods", "normalize_away"]

#: One away period: ``(start, end)`` in epoch seconds, or an :class:`Interval`.
AwayPeriod: TypeAlias = tuple[float, float] | Interval
#: What the public functions accept for ``away=``.
AwayPeriods: TypeAlias = Iterable[AwayPeriod]


def _bounds(index: int, period: object) -> tuple[float, float]:
    if isinstance(period, Interval):
        return period.start.timestamp(), period.end.timestamp()
    start: Any
    end: Any
    try:
        start, end = period  # type: ignore[misc]
        ok = math.isfinite(start) and math.isfinite(end)
    except (TypeError, ValueError):
        ok = False
    if not ok or isinstance(start, bool) or isinstance(end, bool):
        raise InvalidValue(
            f"away[{index}]",
            period,
            "must be (start, end) in finite epoch seconds, or an Interval",
        )
    if end < start:
        raise InvalidValue(f"away[{index}]", period, "end before start is refused")
    return start, end


def normalize_away(
    away: AwayPeriods, scale: int = 1
) -> tuple[tuple[float, float], ...]:
    """Sort *away*, merge overlapping and touching periods, drop empty ones.

    Touching periods merge because the page is away without a break: a thread
    deferred (:attr:`AwayRule.DEFER`) is timed from the end of the whole run.

    Args:
        away: ``(start, end)`` pairs of epoch seconds (any order, overlaps
            allowed) or :class:`~carekit.intervals.Interval` values.
        scale: Ticks per second of the result (``1_000_000`` for microseconds,
            rounded to whole ticks).

    Raises:
        InvalidValue: A period is not two finite numbers, or ends before it
            starts.
    """
    if isinstance(away, dt.datetime | str | bytes):
        raise InvalidValue("away", away, "must be a collection of away periods")
    pieces = sorted(_bounds(i, period) for i, period in enumerate(away))
    merged: list[list[float]] = []
    for start, end in pieces:
        if start == end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if scale == 1:
        return tuple((start, end) for start, end in merged)
    return tuple((round(start * scale), round(end * scale)) for start, end in merged)
