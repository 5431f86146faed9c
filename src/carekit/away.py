"""When a page is away: manual toggles plus an optional business calendar.

Rule, from Facebook's page inbox (Internet Retailer, December 2015): "a
new messaging status called 'away' that allows an administrator to
designate when someone is unavailable to respond to messages." A page is
available or away. Away periods are intervals (manual toggles) plus an
optional weekly business-hours calendar; outside business hours the page is
away. Status at time ``t`` is a pure query. All intervals are half-open: a
manual away period ``[start, end)`` is over at ``end``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from collections.abc import Iterable
from operator import itemgetter
from typing import Any, TypeAlias

import attrs
from attrs import field, frozen

from carekit._instants import plain_utc, utc_instant
from carekit.business_hours import BusinessCalendar, Span
from carekit.errors import InvalidValue
from carekit.intervals import Interval, IntervalSet

__all__ = ["AwaySchedule"]

_START = itemgetter(0)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

#: One bound of a manual away period: an aware datetime or epoch seconds.
Bound: TypeAlias = dt.datetime | float
#: What :class:`AwaySchedule` takes as its manual periods (an
#: :class:`IntervalSet` is an iterable of intervals); a pair may be a list.
ManualPeriods: TypeAlias = Iterable[Interval | tuple[Bound, Bound] | list[Bound]]


def _bound(value: object, field: str) -> dt.datetime:
    """An aware datetime as it is, or epoch seconds as a UTC datetime."""
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise InvalidValue(field, value, "must be an aware datetime or epoch seconds")
    try:
        if math.isfinite(value):
            return _EPOCH + dt.timedelta(seconds=value)
    except OverflowError:  # beyond a float, or beyond year 9999
        pass
    raise InvalidValue(
        field, value, "epoch seconds must be finite and within years 1 to 9999"
    )


def _period(index: int, item: object) -> Interval:
    """Item *index* of the manual periods as an :class:`Interval`."""
    if isinstance(item, Interval):
        return item
    if not isinstance(item, tuple | list) or len(item) != 2:
        raise InvalidValue(
            f"manual[{index}]",
            item,
            "must be an Interval or a (start, end) pair of aware datetimes "
            "or epoch seconds",
        )
    name = f"manual[{index}]"
    start, end = _bound(item[0], f"{name}.start"), _bound(item[1], f"{name}.end")
    try:
        return Interval(start, end)
    except InvalidValue as exc:
        raise InvalidValue(f"{name}.{exc.field}", exc.value, exc.rule) from None


def _manual(value: ManualPeriods) -> IntervalSet:
    """Converter: the manual away periods as an :class:`IntervalSet`.

    Raises:
        InvalidValue: *value* is not an iterable of periods (a string, a
            single datetime), or an item is not a period (named
            ``manual[i]``, ``manual[i].start`` or ``manual[i].end``).
    """
    if isinstance(value, IntervalSet):
        return value
    if isinstance(value, str | bytes | dt.datetime) or not isinstance(value, Iterable):
        raise InvalidValue(
            "manual", value, "must be an IntervalSet or an iterable of away periods"
        )
    return IntervalSet(_period(index, item) for index, item in enumerate(value))


def _optional_calendar(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is not None and not isinstance(value, BusinessCalendar):
        raise InvalidValue("calendar", value, "must be a BusinessCalendar or None")


@frozen
class AwaySchedule:
    """Away periods of a page: manual toggles and, optionally, the time
    outside a business calendar's opening hours.

    Build one from any iterable of periods: an
    :class:`~carekit.intervals.IntervalSet`, :class:`~carekit.intervals.Interval`
    values, or ``(start, end)`` pairs of aware datetimes or epoch seconds
    (the forms may be mixed).

    >>> import datetime as dt
    >>> lunch = (dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC),
    ...          dt.datetime(2024, 1, 1, 13, tzinfo=dt.UTC))
    >>> schedule = AwaySchedule([lunch, (1704117600, 1704121200)])
    >>> len(schedule.manual), schedule.is_away(lunch[0])
    (2, True)

    Attributes:
        manual: Intervals the page was switched to away by hand, stored as
            an :class:`~carekit.intervals.IntervalSet` (sorted and merged).
        calendar: Business hours; outside them (and on holidays) the page is
            away. ``None`` means no calendar: only *manual* counts.

    Raises:
        InvalidValue: *manual* is not an iterable of periods, or one of them
            is not a period (named ``manual[i]``, ``manual[i].start`` or
            ``manual[i].end``), or *calendar* is neither a
            ``BusinessCalendar`` nor ``None``.
    """

    manual: IntervalSet = field(factory=IntervalSet, converter=_manual)
    calendar: BusinessCalendar | None = field(
        default=None, validator=_optional_calendar
    )
    # The manual toggles as plain UTC pairs, for bisection in hot queries.
    _toggles: tuple[Span, ...] = field(init=False, eq=False, repr=False)

    @_toggles.default
    def _toggles_default(self) -> tuple[Span, ...]:
        return tuple((plain_utc(i.start), plain_utc(i.end)) for i in self.manual)

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
