"""When a page is away: manual toggles plus an optional business calendar.

Rule (SPEC §2, "Away"): a page is available or away. Away periods are
intervals (manual toggles) plus an optional weekly business-hours calendar;
outside business hours the page is away. Status at time ``t`` is a pure
query. All intervals are half-open: a manual away period ``[start, end)``
is over at ``end``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from operator import itemgetter
from typing import Any

import attrs
from attrs import field, frozen

from carekit._instants import plain_utc, utc_instant
from carekit._validate import instance_of
from carekit.business_hours import BusinessCalendar, Span
from carekit.errors import InvalidValue
from carekit.intervals import Interval, IntervalSet

__all__ = ["AwaySchedule"]

_START = itemgetter(0)


def _optional_calendar(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is not None and not isinstance(value, BusinessCalendar):
        raise InvalidValue("calendar", value, "must be a BusinessCalendar or None")


@frozen
class AwaySchedule:
    """Away periods of a page: manual toggles and, optionally, the time
    outside a business calendar's opening hours.

    Attributes:
        manual: Intervals the page was switched to away by hand.
        calendar: Business hours; outside them (and on holidays) the page is
            away. ``None`` means no calendar: only *manual* counts.

    Raises:
        InvalidValue: *manual* is not an :class:`~carekit.intervals.IntervalSet`
            or *calendar* is neither a ``BusinessCalendar`` nor ``None``.
    """

    manual: IntervalSet = field(factory=IntervalSet, validator=instance_of(IntervalSet))
    calendar: BusinessCalendar | None = field(
        default=None, validator=_optional_calendar
    )
    # The manual toggles as plain UTC pairs, for bisection in hot queries.
    _toggles: tuple[Span, ...] = field(init=False, eq=False, repr=False)

    @_toggles.default
    def _toggles_default(self) -> tuple[Span, ...]:
        # attrs derives defaults before it validates: leave junk to the validator.
        manual: object = self.manual
        if not isinstance(manual, IntervalSet):
            return ()
        return tuple((plain_utc(i.start), plain_utc(i.end)) for i in manual)

    def is_away(self, instant: dt.datetime) -> bool:
        """True when *instant* lies in a manual away period or outside the
        calendar's opening hours.

        Raises:
            InvalidValue: *instant* is naive.
        """
        moment = utc_instant(instant, "instant")
        if self._toggle_at(moment) is not None:
            return True
        return self.calendar is not None and not self.calendar.is_open(moment)

    def away_until(self, instant: dt.datetime) -> dt.datetime | None:
        """The first instant at or after *instant* when the page is available.

        Returns:
            *instant* itself when the page is available now, else the instant
            (UTC) it becomes available; ``None`` when it never does again (its
            calendar has no opening hours left).

        Raises:
            InvalidValue: *instant* is naive.
        """
        moment = utc_instant(instant, "instant")
        candidate: dt.datetime | None = moment
        while candidate is not None:
            toggle = self._toggle_at(candidate)
            if toggle is not None:
                candidate = toggle[1]
            elif self.calendar is None or self.calendar.is_open(candidate):
                return instant if candidate == moment else candidate
            else:
                candidate = self.calendar.next_open(candidate)
        return None

    def away_spans(self, start: dt.datetime, end: dt.datetime) -> tuple[Span, ...]:
        """All away time within ``[start, end)`` as plain UTC ``(start, end)``
        pairs: sorted, disjoint and never touching.

        This is :meth:`periods` without building objects, for kernels that
        turn the pairs into epoch seconds.

        Raises:
            InvalidValue: A bound is naive, or *end* is before *start*.
        """
        low = utc_instant(start, "start")
        high = utc_instant(end, "end")
        if high < low:
            raise InvalidValue(
                "end", end, f"end before start is refused (start is {start})"
            )
        closed = self._closed_spans(low, high)
        return _merge(closed, self._toggles_within(low, high))

    def periods(self, start: dt.datetime, end: dt.datetime) -> IntervalSet:
        """All away time within ``[start, end)``: manual periods and time
        outside business hours, merged.

        Raises:
            InvalidValue: A bound is naive, or *end* is before *start*.
        """
        return IntervalSet(Interval(s, e) for s, e in self.away_spans(start, end))

    def _toggle_at(self, moment: dt.datetime) -> Span | None:
        """The manual away pair containing *moment*, or ``None``."""
        index = bisect.bisect_right(self._toggles, moment, key=_START) - 1
        if index >= 0 and moment < self._toggles[index][1]:
            return self._toggles[index]
        return None

    def _toggles_within(self, low: dt.datetime, high: dt.datetime) -> list[Span]:
        """Manual away pairs clipped to ``[low, high)``."""
        first = bisect.bisect_right(self._toggles, low, key=_START) - 1
        spans: list[Span] = []
        for start, end in self._toggles[max(first, 0) :]:
            if start >= high:
                break
            if end > low:
                spans.append((max(start, low), min(end, high)))
        return spans

    def _closed_spans(self, low: dt.datetime, high: dt.datetime) -> list[Span]:
        """Time outside the calendar's opening hours within ``[low, high)``."""
        if self.calendar is None:
            return []
        spans: list[Span] = []
        cursor = low
        for start, end in self.calendar.open_spans(low, high):
            if cursor < start:
                spans.append((cursor, start))
            cursor = end
        if cursor < high:
            spans.append((cursor, high))
        return spans


def _merge(first: list[Span], second: list[Span]) -> tuple[Span, ...]:
    """Union of two sorted lists of disjoint pairs, touching pairs joined."""
    merged: list[Span] = []
    for start, end in heapq.merge(first, second):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
