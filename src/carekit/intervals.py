"""Half-open time intervals and normalized interval sets.

An :class:`Interval` is ``[start, end)``: it contains ``start`` and not
``end``, so two intervals that touch (``a.end == b.start``) do not overlap and
an instant belongs to at most one of them. An :class:`IntervalSet` is a
union of intervals kept in normal form: sorted, disjoint, non-adjacent and
without empty pieces.

All comparisons are by instant. Python compares two aware datetimes that
share one ``tzinfo`` by wall-clock time (wrong inside a DST fold), so every
computation here goes through UTC first.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, utc_bound, utc_instant
from carekit._validate import require_aware
from carekit.errors import InvalidValue

__all__ = ["UTC", "Interval", "IntervalSet", "aware", "to_utc"]

UTC = dt.UTC
_ZERO = dt.timedelta(0)


def aware(value: object, field: str = "value") -> dt.datetime:
    """Accept a timezone-aware ``datetime`` (pendulum's included) and refuse naive.

    Args:
        value: The value to check.
        field: The name to report if it is refused.

    Returns:
        *value* itself, unchanged.

    Raises:
        InvalidValue: *value* is naive or not a datetime.
    """
    return require_aware(value, field)


def to_utc(value: object, field: str = "value") -> dt.datetime:
    """Return the same instant as a stdlib datetime in UTC.

    Raises:
        InvalidValue: *value* is naive, not a datetime, or outside the years
            UTC can show.
    """
    return utc_instant(value, field)


def _check_order(inst: Interval, _attribute: attrs.Attribute[Any], end: Any) -> None:
    # Both bounds passed utc_bound, so they convert; by instant, not wall clock.
    if end.astimezone(UTC) < inst.start.astimezone(UTC):
        raise InvalidValue(
            "end", end, f"end before start is refused (start is {inst.start})"
        )


@frozen
class Interval:
    """The half-open span of time ``[start, end)``.

    Attributes:
        start: First instant inside the interval (timezone-aware).
        end: First instant after it; ``end == start`` is the empty interval.

    Raises:
        InvalidValue: A bound is naive or outside the years UTC can show
            (1 to 9999), or ``end`` is before ``start``.
    """

    start: dt.datetime = field(validator=utc_bound, eq=instant_key)
    end: dt.datetime = field(validator=[utc_bound, _check_order], eq=instant_key)

    @property
    def duration(self) -> dt.timedelta:
        """Elapsed (absolute) time from ``start`` to ``end``."""
        return to_utc(self.end) - to_utc(self.start)

    @property
    def is_empty(self) -> bool:
        """True when the interval contains no instant."""
        return to_utc(self.end) == to_utc(self.start)

    def __contains__(self, instant: object) -> bool:
        moment = to_utc(instant, "instant")
        return to_utc(self.start) <= moment < to_utc(self.end)

    def overlaps(self, other: Interval) -> bool:
        """True when some instant lies in both intervals."""
        _require(other, Interval, "other")
        return to_utc(self.start) < to_utc(other.end) and to_utc(other.start) < to_utc(
            self.end
        )

    def intersection(self, other: Interval) -> Interval | None:
        """The common part of both intervals, or ``None`` if they do not overlap."""
        _require(other, Interval, "other")
        if not self.overlaps(other):
            return None
        start = max(to_utc(self.start), to_utc(other.start))
        end = min(to_utc(self.end), to_utc(other.end))
        return Interval(start, end)


def _require(value: object, kind: type, name: str) -> None:
    if not isinstance(value, kind):
        raise InvalidValue(name, value, f"must be an {kind.__name__}")


def _normalize(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sort, merge overlapping and touching pieces, drop empty ones, in UTC."""
    try:
        items = tuple(intervals)
    except TypeError:
        raise InvalidValue(
            "intervals", intervals, "must be an iterable of Interval"
        ) from None
    pieces: list[tuple[dt.datetime, dt.datetime]] = []
    for index, interval in enumerate(items):
        if not isinstance(interval, Interval):
            raise InvalidValue(f"intervals[{index}]", interval, "must be an Interval")
        start, end = to_utc(interval.start), to_utc(interval.end)
        if start < end:
            pieces.append((start, end))
    pieces.sort()
    merged: list[list[dt.datetime]] = []
    for start, end in pieces:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(Interval(start, end) for start, end in merged)


@frozen
class IntervalSet:
    """A union of half-open intervals in normal form.

    The stored ``intervals`` are sorted, pairwise disjoint, never touching and
    never empty, with both bounds in UTC; any iterable of intervals given to the
    constructor is normalized to that form (empty intervals hold no time, so
    they vanish from the union). Two sets are equal exactly when they cover the
    same instants.

    Supports ``|`` (union), ``&`` (intersection), ``-`` (difference) and
    ``instant in interval_set``.
    """

    intervals: tuple[Interval, ...] = field(default=(), converter=_normalize)

    @classmethod
    def of(cls, *intervals: Interval) -> IntervalSet:
        """Build a set from intervals given as arguments."""
        return cls(intervals)

    def __iter__(self) -> Iterator[Interval]:
        return iter(self.intervals)

    def __len__(self) -> int:
        return len(self.intervals)

    def __bool__(self) -> bool:
        return bool(self.intervals)

    def __contains__(self, instant: object) -> bool:
        return self.find(aware(instant, "instant")) is not None

    def find(self, instant: dt.datetime) -> Interval | None:
        """The interval containing *instant*, or ``None``."""
        moment = to_utc(instant, "instant")
        index = bisect.bisect_right(self.intervals, moment, key=_start) - 1
        if index >= 0 and moment < self.intervals[index].end:
            return self.intervals[index]
        return None

    def total_duration(self) -> dt.timedelta:
        """Sum of the durations of the pieces (they never overlap)."""
        return sum((i.duration for i in self.intervals), _ZERO)

    def union(self, other: IntervalSet) -> IntervalSet:
        """Every instant in either set."""
        _require(other, IntervalSet, "other")
        return IntervalSet((*self.intervals, *other.intervals))

    def intersection(self, other: IntervalSet) -> IntervalSet:
        """Every instant in both sets."""
        _require(other, IntervalSet, "other")
        result: list[Interval] = []
        mine, theirs = self.intervals, other.intervals
        i = j = 0
        while i < len(mine) and j < len(theirs):
            common = mine[i].intersection(theirs[j])
            if common is not None:
                result.append(common)
            if mine[i].end < theirs[j].end:
                i += 1
            else:
                j += 1
        return IntervalSet(result)

    def difference(self, other: IntervalSet) -> IntervalSet:
        """Every instant in this set and not in *other*."""
        _require(other, IntervalSet, "other")
        result: list[Interval] = []
        cuts = other.intervals
        j = 0
        for piece in self.intervals:
            start = piece.start
            while j < len(cuts) and cuts[j].end <= start:
                j += 1
            k = j
            while k < len(cuts) and cuts[k].start < piece.end:
                if cuts[k].start > start:
                    result.append(Interval(start, cuts[k].start))
                start = max(start, cuts[k].end)
                k += 1
            if start < piece.end:
                result.append(Interval(start, piece.end))
        return IntervalSet(result)

    def clip(self, window: Interval) -> IntervalSet:
        """The part of this set inside *window*."""
        _require(window, Interval, "window")
        return self.intersection(IntervalSet.of(window))

    __or__ = union
    __and__ = intersection
    __sub__ = difference


def _start(interval: Interval) -> dt.datetime:
    return interval.start
