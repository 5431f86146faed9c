"""Business time on whole microseconds since the epoch: two clocks, one answer.

:class:`CalendarClock` asks the calendar each time; :class:`PrefixClock`
computes the calendar's open spans once for a window, keeps the cumulative
business time at the start of each span (a prefix sum), and answers with two
bisections. Both are exact to the microsecond, so a queue evaluated with the
prefix clock equals each ticket evaluated with the calendar.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Protocol

from carekit.business_hours import BusinessCalendar
from carekit.errors import InvalidValue

__all__ = [
    "EPOCH",
    "TICK",
    "BusinessClock",
    "CalendarClock",
    "PrefixClock",
    "Segment",
    "micros",
    "moment",
    "reach_by_steps",
]

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
TICK = dt.timedelta(microseconds=1)

Segment = tuple[int, int | None]
"""A running span ``(start, end)``; ``end`` is ``None`` when it runs on."""


def micros(value: dt.datetime) -> int:
    """Whole microseconds since the epoch of an aware datetime."""
    return (value - EPOCH) // TICK


def moment(value: int) -> dt.datetime:
    """The UTC datetime *value* microseconds after the epoch."""
    return EPOCH + dt.timedelta(microseconds=value)


class BusinessClock(Protocol):
    """Business time between instants given as epoch microseconds."""

    def elapsed(self, start: int, end: int) -> int:
        """Business microseconds within ``[start, end)``."""
        ...

    def advance(self, start: int, amount: int) -> int | None:
        """The first instant at which *amount* business microseconds have
        passed since *start*; ``None`` when the calendar never holds that much."""
        ...

    def reach(
        self, segments: Sequence[Segment], soon: int, due: int
    ) -> tuple[int | None, int | None]:
        """The first instants at which *soon* and *due* (``soon <= due``)
        business microseconds have run in *segments*, or ``None`` for one
        they do not reach."""
        ...


def reach_by_steps(
    clock: BusinessClock, segments: Sequence[Segment], soon: int, due: int
) -> tuple[int | None, int | None]:
    """:meth:`BusinessClock.reach` from ``elapsed`` and ``advance`` alone."""
    found: list[int | None] = [None, None]
    budgets = [soon, due]
    used = 0
    for low, high in segments:
        spent = None if high is None else clock.elapsed(low, high)
        for slot in (0, 1):
            if found[slot] is None and (spent is None or used + spent >= budgets[slot]):
                found[slot] = clock.advance(low, budgets[slot] - used)
        if spent is None or found[1] is not None:
            break
        used += spent
    return found[0], found[1]


class CalendarClock:
    """Business time straight from a calendar."""

    __slots__ = ("calendar",)

    def __init__(self, calendar: BusinessCalendar) -> None:
        self.calendar = calendar

    def elapsed(self, start: int, end: int) -> int:
        """Business microseconds within ``[start, end)``."""
        return self.calendar.business_time(moment(start), moment(end)) // TICK

    def advance(self, start: int, amount: int) -> int | None:
        """The first instant *amount* business microseconds after *start*."""
        if not amount:
            return start
        try:
            when = self.calendar.add_business_time(
                moment(start), dt.timedelta(microseconds=amount)
            )
        except InvalidValue:  # the calendar does not hold that much time
            return None
        return micros(when)

    def reach(
        self, segments: Sequence[Segment], soon: int, due: int
    ) -> tuple[int | None, int | None]:
        """See :meth:`BusinessClock.reach`."""
        return reach_by_steps(self, segments, soon, due)


class PrefixClock:
    """Business time from the open spans of ``[low, high)``, computed once.

    Instants outside the window are answered by the calendar, so the clock
    is right everywhere and fast inside the window.
    """

    __slots__ = (
        "_cum_end",
        "_cum_start",
        "_ends",
        "_fallback",
        "_starts",
        "high",
        "low",
    )

    def __init__(self, calendar: BusinessCalendar, low: int, high: int) -> None:
        self.low, self.high = low, high
        self._fallback = CalendarClock(calendar)
        starts: list[int] = []
        ends: list[int] = []
        cum_start: list[int] = []
        cum_end: list[int] = []
        total = 0
        for start, end in calendar.open_spans(moment(low), moment(high)):
            s, e = micros(start), micros(end)
            starts.append(s)
            ends.append(e)
            cum_start.append(total)
            total += e - s
            cum_end.append(total)
        self._starts, self._ends = starts, ends
        self._cum_start, self._cum_end = cum_start, cum_end

    def offset(self, instant: int) -> int:
        """Business microseconds from ``low`` to *instant* (inside the window)."""
        index = bisect_right(self._starts, instant) - 1
        if index < 0:
            return 0
        end = self._ends[index]
        return (
            self._cum_start[index]
            + (end if end < instant else instant)
            - self._starts[index]
        )

    def instant(self, goal: int) -> int | None:
        """The first instant whose :meth:`offset` is *goal* (positive), or
        ``None`` past the window."""
        index = bisect_left(self._cum_end, goal)
        if index == len(self._cum_end):
            return None
        return self._starts[index] + goal - self._cum_start[index]

    def reach(
        self, segments: Sequence[Segment], soon: int, due: int
    ) -> tuple[int | None, int | None]:
        """See :meth:`BusinessClock.reach`: two offsets per segment and one
        bisection per instant found, all inside the window."""
        low, high = self.low, self.high
        offset = self.offset
        found_soon: int | None = None
        used = 0
        for start, end in segments:
            if start < low or start > high or (end is not None and end > high):
                return reach_by_steps(self, segments, soon, due)
            base = offset(start)
            spent = None if end is None else offset(end) - base
            if found_soon is None and (spent is None or used + spent >= soon):
                found_soon = start if soon == used else self.instant(base + soon - used)
                if found_soon is None:
                    return reach_by_steps(self, segments, soon, due)
            if spent is None or used + spent >= due:
                found = start if due == used else self.instant(base + due - used)
                if found is None:
                    return reach_by_steps(self, segments, soon, due)
                return found_soon, found
            used += spent
        return found_soon, None

    def elapsed(self, start: int, end: int) -> int:
        """Business microseconds within ``[start, end)``."""
        if start < self.low or end > self.high:
            return self._fallback.elapsed(start, end)
        return self.offset(end) - self.offset(start)

    def advance(self, start: int, amount: int) -> int | None:
        """The first instant *amount* business microseconds after *start*."""
        if not amount:
            return start
        if start < self.low or start > self.high:
            return self._fallback.advance(start, amount)
        goal = self.offset(start) + amount
        index = bisect_left(self._cum_end, goal)
        if index == len(self._cum_end):
            return self._fallback.advance(start, amount)
        return self._starts[index] + goal - self._cum_start[index]
