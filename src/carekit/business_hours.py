"""Weekly business calendars: opening hours in a timezone, with holidays.

Rules:

- A :class:`BusinessCalendar` has its own IANA timezone, any number of
  opening intervals per weekday and holidays (dates in that zone, closed all
  day). Outside its opening hours the page is away.
- Opening hours are half-open wall-clock spans ``[start, end)`` in the
  calendar's zone. ``end == 00:00`` means midnight at the *end* of the day
  ("until 24:00"); any other end must be after the start. Hours past midnight
  are written as two openings (``MON 22:00–00:00`` and ``TUE 00:00–02:00``);
  the calendar treats them as one continuous opening.
- **DST rule**: a wall time on a day means the *first instant at which the
  zone's clock shows that time or later*. So an ambiguous time (the fall-back
  fold) means its first occurrence, and a time that does not exist (the
  spring-forward gap) means the instant the clock jumps, the end of the gap.
  An opening 01:00–04:00 in Europe/Berlin holds 2 h of business time on the
  spring-forward day and 4 h on the fall-back day.
- All arithmetic is by instant, through UTC: Python subtracts two datetimes
  that share a ``tzinfo`` by wall clock, which is wrong across a DST change.
- **Bounded work**: a query covers at most :data:`MAX_QUERY_SPAN` (200
  years). A longer window, or a business duration longer than that, is
  refused at once; :meth:`BusinessCalendar.add_business_time` looks at most
  that far ahead. Each query then answers in well under a second.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Iterator
from typing import Any, Final
from zoneinfo import ZoneInfo

import attrs
from attrs import field, frozen

from carekit._instants import plain_delta, utc_instant
from carekit._validate import ValueEnum, field_name
from carekit._zones import zone_key
from carekit.errors import InvalidValue
from carekit.intervals import Interval, IntervalSet

__all__ = [
    "MAX_OPENINGS_WALKED",
    "MAX_QUERY_SPAN",
    "BusinessCalendar",
    "OpeningHours",
    "Span",
    "Weekday",
]

UTC = dt.UTC

Span = tuple[dt.datetime, dt.datetime]
"""A half-open span ``(start, end)`` of plain (stdlib) UTC datetimes."""

_MIDNIGHT = dt.time(0)
_ZERO = dt.timedelta(0)
_MICROSECOND = dt.timedelta(microseconds=1)
# Day ordinals the calendar computes; one day of margin on each side keeps
# "midnight at the end of the day" and local-date conversions in range.
_FIRST_DAY = dt.date.min.toordinal() + 1
_LAST_DAY = dt.date.max.toordinal() - 1
# After the last holiday the week repeats: a search that has seen this many
# days without the answer changing has seen every case it will ever see.
_HORIZON = 8
# Memoized days per calendar: eleven years of daily queries, then start over.
_CACHE_DAYS = 4096

MAX_QUERY_SPAN: Final = dt.timedelta(days=73_050)
"""The longest window a calendar query covers: 200 years (73,050 days).

Work grows with the days a query covers (a few microseconds each), so
``business_time(year 1, year 9999)`` or ``add_business_time(t, 10**6 days)``
would run for a minute: such arguments are refused up front instead."""
MAX_OPENINGS_WALKED: Final = 150_000
"""The most openings one query may walk. A calendar with many openings a
week reaches it before :data:`MAX_QUERY_SPAN`: a window (or, for
:meth:`BusinessCalendar.add_business_time`, a search ahead) is then limited
to as many weeks as hold this many openings, so that a query with 720
openings a day answers in about a second rather than in minutes."""


class Weekday(ValueEnum, enum.IntEnum):
    """Days of the week, numbered like :meth:`datetime.date.weekday`."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


def _weekday(value: int) -> Weekday:
    """Converter: a :class:`Weekday` or an int 0 (Monday) … 6 (Sunday)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return Weekday(value)
    raise InvalidValue(
        "weekday", value, "must be a Weekday or an int from 0 (Monday) to 6 (Sunday)"
    )


def _wall_time(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.time):
        raise InvalidValue(field_name(attribute), value, "must be a datetime.time")
    if value.tzinfo is not None:
        raise InvalidValue(
            field_name(attribute),
            value,
            "must be a naive wall-clock time; the calendar's timezone applies",
        )


def _check_end(inst: OpeningHours, attribute: attrs.Attribute[Any], end: Any) -> None:
    _wall_time(inst, attribute, end)
    if end != _MIDNIGHT and end <= inst.start:
        raise InvalidValue(
            "end",
            end,
            f"end must be after start ({inst.start}); "
            "write midnight at the end of the day as 00:00",
        )


@frozen
class OpeningHours:
    """One opening on a weekday: wall-clock time ``[start, end)``.

    Times are naive and read in the calendar's timezone. ``end == 00:00``
    means midnight at the end of the day, so ``start=00:00, end=00:00`` is the
    whole day. ``fold`` on the times is ignored: the calendar's DST rule
    decides which instant an ambiguous time means.

    Attributes:
        weekday: The day of the week (a :class:`Weekday` or 0–6).
        start: First wall-clock time that is open.
        end: First wall-clock time that is closed again (keyword-only);
            00:00 means the end of the day.

    Raises:
        InvalidValue: A time is not a naive ``datetime.time``, or ``end`` is
            not after ``start`` (other than 00:00).
    """

    weekday: Weekday = field(converter=_weekday)
    start: dt.time = field(validator=_wall_time)
    end: dt.time = field(kw_only=True, validator=_check_end)

    @property
    def until_midnight(self) -> bool:
        """True when the opening lasts until the end of the day (``end`` 00:00)."""
        return self.end == _MIDNIGHT


def _hours_key(hours: OpeningHours) -> tuple[int, dt.time, bool, dt.time]:
    return (hours.weekday, hours.start, hours.until_midnight, hours.end)


def _zone_key(value: str | ZoneInfo) -> str:
    """Converter: an IANA zone name (or a ``ZoneInfo`` built from one)."""
    return zone_key(value, "timezone")


def _sorted_hours(value: Iterable[OpeningHours]) -> tuple[OpeningHours, ...]:
    """Converter: opening hours sorted by weekday and time, none overlapping."""
    try:
        items = tuple(value)
    except TypeError:
        raise InvalidValue(
            "hours", value, "must be an iterable of OpeningHours"
        ) from None
    for index, item in enumerate(items):
        if not isinstance(item, OpeningHours):
            raise InvalidValue(f"hours[{index}]", item, "must be an OpeningHours")
    ordered = tuple(sorted(items, key=_hours_key))
    for before, after in itertools.pairwise(ordered):
        if before.weekday == after.weekday and (
            before.until_midnight or after.start < before.end
        ):
            raise InvalidValue(
                "hours",
                (before, after),
                "openings on one weekday must not overlap (touching is fine)",
            )
    return ordered


def _sorted_dates(value: Iterable[dt.date]) -> tuple[dt.date, ...]:
    """Converter: holidays as sorted, distinct ``datetime.date`` values."""
    try:
        items = tuple(value)
    except TypeError:
        raise InvalidValue("holidays", value, "must be an iterable of dates") from None
    for index, item in enumerate(items):
        if not isinstance(item, dt.date) or isinstance(item, dt.datetime):
            raise InvalidValue(
                f"holidays[{index}]", item, "must be a datetime.date (not a datetime)"
            )
    return tuple(sorted(set(items)))


def _pairs(spans: Iterable[tuple[dt.time, dt.time]]) -> tuple[tuple[Any, Any], ...]:
    """``spans`` as ``(start, end)`` pairs, refusing anything else by name."""
    try:
        pairs = tuple(spans)
    except TypeError:
        raise InvalidValue(
            "spans", spans, "must be an iterable of (start, end) pairs"
        ) from None
    for index, pair in enumerate(pairs):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise InvalidValue(f"spans[{index}]", pair, "must be a (start, end) pair")
    return tuple((start, end) for start, end in pairs)


def _instant(day: dt.date, wall: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The first instant (UTC) at which *zone*'s clock shows *day* *wall* or later.

    Ambiguous wall times give their first occurrence; nonexistent ones give
    the instant the clock jumps over them.
    """
    local = dt.datetime.combine(day, wall.replace(fold=0), tzinfo=zone)
    before, after = local.utcoffset(), local.replace(fold=1).utcoffset()
    moment = local.astimezone(UTC)
    if before is None or after is None or before >= after:
        return moment  # exists, or ambiguous and fold=0 is the first occurrence
    return _jump(local.replace(tzinfo=None), moment - (after - before), moment, zone)


def _jump(
    wall: dt.datetime, low: dt.datetime, high: dt.datetime, zone: ZoneInfo
) -> dt.datetime:
    """The first instant in ``(low, high]`` whose wall time is at least *wall*.

    *wall* lies in a spring-forward gap: the clock shows less than *wall* at
    *low* and more at *high*, so bisection finds the jump, to the microsecond.
    """
    while high - low > _MICROSECOND:
        middle = low + (high - low) // 2
        if middle.astimezone(zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high


@frozen
class BusinessCalendar:
    """A weekly opening schedule in its own timezone, with holidays.

    An instant is *open* when it lies in one of the openings of its local day
    and that day is not a holiday. See the module docstring for the DST rule.

    Attributes:
        timezone: IANA name of the calendar's zone (a ``ZoneInfo`` is
            accepted and stored by its name).
        hours: The openings, any number per weekday; stored sorted by weekday
            and time. Openings of one weekday may touch but not overlap.
        holidays: Dates in the calendar's zone that are closed all day
            (keyword-only); stored sorted and distinct.

    Raises:
        InvalidValue: Unknown timezone, an item that is not an
            :class:`OpeningHours` or a date, or overlapping openings.
    """

    timezone: str = field(converter=_zone_key)
    hours: tuple[OpeningHours, ...] = field(default=(), converter=_sorted_hours)
    holidays: tuple[dt.date, ...] = field(
        default=(), kw_only=True, converter=_sorted_dates
    )
    # Derived lookups, excluded from equality, hashing, repr and cattrs.
    _zone: ZoneInfo = field(init=False, eq=False, repr=False)
    _week: tuple[tuple[tuple[dt.time, dt.time], ...], ...] = field(
        init=False, eq=False, repr=False
    )
    _closed: frozenset[int] = field(init=False, eq=False, repr=False)
    # Memo of computed days (ordinal → open spans). Invisible to callers: the
    # same day always gives the same spans, so the value stays immutable.
    _days: dict[int, tuple[Span, ...]] = field(
        init=False, eq=False, repr=False, factory=dict
    )

    @_zone.default
    def _zone_default(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @_week.default
    def _week_default(self) -> tuple[tuple[tuple[dt.time, dt.time], ...], ...]:
        return tuple(
            tuple((h.start, h.end) for h in self.hours if h.weekday == day)
            for day in Weekday
        )

    @_closed.default
    def _closed_default(self) -> frozenset[int]:
        return frozenset(day.toordinal() for day in self.holidays)

    @classmethod
    def weekly(
        cls,
        timezone: str | ZoneInfo,
        weekdays: Iterable[int],
        spans: Iterable[tuple[dt.time, dt.time]],
        *,
        holidays: Iterable[dt.date] = (),
    ) -> BusinessCalendar:
        """The same openings on each of *weekdays*.

        Args:
            timezone: IANA name of the calendar's zone.
            weekdays: Days that open (``range(5)`` is Monday to Friday).
            spans: ``(start, end)`` wall-clock times, each an opening.
            holidays: Dates closed all day.

        Returns:
            The calendar.

        Raises:
            InvalidValue: As for the constructor and :class:`OpeningHours`, or
                *weekdays* or *spans* is not a collection of days or of pairs.
        """
        pairs = _pairs(spans)
        try:
            days = tuple(weekdays)
        except TypeError:
            raise InvalidValue(
                "weekdays", weekdays, "must be an iterable of weekdays"
            ) from None
        hours = [
            OpeningHours(day, start, end=end) for day in days for start, end in pairs
        ]
        return cls(timezone, hours, holidays=holidays)

    def is_open(self, instant: dt.datetime) -> bool:
        """True when *instant* lies inside an opening (half-open: the opening's
        end is already closed).

        Raises:
            InvalidValue: *instant* is naive.
        """
        moment = utc_instant(instant, "instant")
        today = self._local_day(moment)
        for day in (today, today + 1):  # +1: a fold can cross midnight
            for start, end in self._day(day):
                if start <= moment < end:
                    return True
        return False

    def open_spans(self, start: dt.datetime, end: dt.datetime) -> tuple[Span, ...]:
        """The open time within ``[start, end)`` as plain UTC ``(start, end)``
        pairs: sorted, disjoint and never touching.

        This is :meth:`open_intervals` without building objects, for kernels
        that turn the pairs into epoch seconds.

        Raises:
            InvalidValue: A bound is naive, *end* is before *start*, or the
                window is longer than :data:`MAX_QUERY_SPAN`.
        """
        low, high = self._bounded_window(start, end)
        return tuple(self._clipped(low, high))

    def open_intervals(self, start: dt.datetime, end: dt.datetime) -> IntervalSet:
        """The open time within ``[start, end)``.

        Raises:
            InvalidValue: A bound is naive, *end* is before *start*, or the
                window is longer than :data:`MAX_QUERY_SPAN`.
        """
        return IntervalSet(Interval(s, e) for s, e in self.open_spans(start, end))

    def business_time(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Elapsed time inside opening hours within ``[start, end)``.

        Additive (``business_time(a, c) == business_time(a, b) +
        business_time(b, c)``) and never more than the elapsed time ``end -
        start``.

        Raises:
            InvalidValue: A bound is naive, *end* is before *start*, or the
                window is longer than :data:`MAX_QUERY_SPAN`.
        """
        low, high = self._bounded_window(start, end)
        return sum((e - s for s, e in self._clipped(low, high)), _ZERO)

    def add_business_time(
        self, start: dt.datetime, duration: dt.timedelta
    ) -> dt.datetime:
        """The first instant at which *duration* of business time has elapsed
        since *start*: ``business_time(start, result) == duration``.

        A zero *duration* gives *start* itself, open or not.

        Args:
            start: Where counting starts (timezone-aware).
            duration: Business time to add; not negative.

        Returns:
            The instant, in UTC (or *start* when *duration* is zero).

        Raises:
            InvalidValue: *start* is naive, *duration* is negative or longer
                than :data:`MAX_QUERY_SPAN`, or the calendar does not hold
                that much business time within :data:`MAX_QUERY_SPAN` after
                *start* (for example it has no opening hours at all).
        """
        moment = utc_instant(start, "start")
        remaining = plain_delta(duration, "duration")
        if not remaining:
            return start
        if remaining > MAX_QUERY_SPAN:
            raise InvalidValue(
                "duration", duration, "at most 200 years (MAX_QUERY_SPAN)"
            )
        ahead = self._days_within_budget()
        if remaining > self._weekly_open() * (ahead // 7 + 1):
            raise InvalidValue(
                "duration",
                duration,
                f"more business time than this calendar holds within {ahead}"
                " days (MAX_QUERY_SPAN, MAX_OPENINGS_WALKED)",
            )
        last_day = self._local_day(moment) + ahead
        for day, low, high in self._spans_from(moment):
            if day > last_day:
                break
            low = max(low, moment)
            if remaining <= high - low:
                return low + remaining
            remaining -= high - low
        raise InvalidValue(
            "duration",
            duration,
            "the calendar does not hold that much business time within"
            f" {ahead} days after {start} (MAX_QUERY_SPAN, MAX_OPENINGS_WALKED)"
            + ("" if self.hours else " (it has no opening hours)"),
        )

    def _days_within_budget(self) -> int:
        """How many days ahead a query may walk: :data:`MAX_QUERY_SPAN`, or
        fewer when that many days hold more than :data:`MAX_OPENINGS_WALKED`
        openings."""
        per_week = sum(len(openings) for openings in self._week)
        if not per_week:
            return MAX_QUERY_SPAN.days
        return min(MAX_QUERY_SPAN.days, MAX_OPENINGS_WALKED * 7 // per_week)

    def _weekly_open(self) -> dt.timedelta:
        """The wall-clock length of a week's openings, plus an hour a day for
        DST: an upper bound of the business time any week holds."""
        total = dt.timedelta(hours=7)
        for openings in self._week:
            for start, end in openings:
                span = dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(
                    dt.date.min, start
                )
                total += span if end != _MIDNIGHT else span + dt.timedelta(days=1)
        return total

    def _bounded_window(self, start: dt.datetime, end: dt.datetime) -> Span:
        """:func:`_window`, refusing a window that would walk more than
        :data:`MAX_OPENINGS_WALKED` openings."""
        low, high = _window(start, end)
        days = self._days_within_budget()
        if (high - low).days > days:
            raise InvalidValue(
                "end",
                end,
                f"this calendar's windows span at most {days} days"
                f" (MAX_OPENINGS_WALKED openings) from {start}",
            )
        return low, high

    def next_open(self, instant: dt.datetime) -> dt.datetime | None:
        """The first instant at or after *instant* that is open.

        Returns:
            *instant* itself when it is open, else the start of the next
            opening in UTC; ``None`` when the calendar never opens again.

        Raises:
            InvalidValue: *instant* is naive.
        """
        moment = utc_instant(instant, "instant")
        for _day, low, _high in self._spans_from(moment):
            return instant if low <= moment else low
        return None

    def next_close(self, instant: dt.datetime) -> dt.datetime | None:
        """The first instant at or after *instant* that is closed.

        Touching openings (also across midnight) count as one opening.

        Returns:
            *instant* itself when it is closed, else the end of its opening in
            UTC; ``None`` when the calendar never closes again (open around
            the clock with no holiday ahead).

        Raises:
            InvalidValue: *instant* is naive.
        """
        moment = utc_instant(instant, "instant")
        if not self.is_open(moment):
            return instant
        closing: dt.datetime | None = None
        last_change = max(self._local_day(moment), self._last_holiday())
        for day, low, high in self._spans_from(moment):
            if closing is not None and low > closing:
                return closing
            if day > last_change + _HORIZON:
                return None  # a whole week open, holidays behind: always open
            closing = high
        return closing

    def _local_day(self, moment: dt.datetime) -> int:
        """Ordinal of the local date of *moment* in the calendar's zone.

        Near ``datetime.min``/``max`` the local date may lie outside years
        1-9999; it is then reported one day past that range, where the
        calendar has no openings.
        """
        try:
            return moment.astimezone(self._zone).toordinal()
        except OverflowError:
            return _FIRST_DAY - 2 if moment.year == 1 else _LAST_DAY + 2

    def _last_holiday(self) -> int:
        return self.holidays[-1].toordinal() if self.holidays else _FIRST_DAY

    def _day(self, ordinal: int) -> tuple[Span, ...]:
        """Open spans of one local day, in UTC, merged where they touch."""
        spans = self._days.get(ordinal)
        if spans is None:
            spans = self._compute_day(ordinal)
            if len(self._days) >= _CACHE_DAYS:
                self._days.clear()
            self._days[ordinal] = spans
        return spans

    def _compute_day(self, ordinal: int) -> tuple[Span, ...]:
        if ordinal in self._closed or not _FIRST_DAY <= ordinal <= _LAST_DAY:
            return ()
        day = dt.date.fromordinal(ordinal)
        spans: list[Span] = []
        for start, end in self._week[day.weekday()]:
            low = _instant(day, start, self._zone)
            if end == _MIDNIGHT:
                high = _instant(day + dt.timedelta(days=1), end, self._zone)
            else:
                high = _instant(day, end, self._zone)
            _append(spans, low, high)
        return tuple(spans)

    def _clipped(self, low: dt.datetime, high: dt.datetime) -> list[Span]:
        """Open spans within ``[low, high)`` (plain UTC), merged across days."""
        spans: list[Span] = []
        last = self._local_day(high) + 1  # +1: a fold can cross midnight
        for day in range(self._local_day(low), last + 1):
            for start, end in self._day(day):
                _append(spans, max(start, low), min(end, high))
        return spans

    def _spans_from(
        self, moment: dt.datetime
    ) -> Iterator[tuple[int, dt.datetime, dt.datetime]]:
        """``(day, start, end)`` of every opening that ends after *moment*, in
        time order, until the calendar stops opening or dates run out."""
        if not self.hours:
            return
        day = self._local_day(moment)
        give_up = max(day, self._last_holiday()) + _HORIZON
        while day <= min(give_up, _LAST_DAY):
            if self._week[(day - 1) % 7] and day not in self._closed:
                # The week opens on this day, even when DST leaves it empty
                # (an opening inside a spring-forward gap, a day the date line
                # skipped): the same weekday opens again a week later. Ordinal
                # 1, 0001-01-01, is a Monday.
                give_up = max(give_up, day + _HORIZON)
            for start, end in self._day(day):
                if end > moment:
                    yield day, start, end
            day += 1


def _append(spans: list[Span], start: dt.datetime, end: dt.datetime) -> None:
    """Append ``[start, end)`` to time-ordered *spans*, merging a touching one."""
    if start >= end:
        return
    if spans and start <= spans[-1][1]:
        spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
    else:
        spans.append((start, end))


def _window(start: dt.datetime, end: dt.datetime) -> Span:
    """Check a query window ``[start, end)`` and return it in plain UTC."""
    low = utc_instant(start, "start")
    high = utc_instant(end, "end")
    if high < low:
        raise InvalidValue(
            "end", end, f"end before start is refused (start is {start})"
        )
    if high - low > MAX_QUERY_SPAN:
        raise InvalidValue(
            "end",
            end,
            f"a window spans at most 200 years (MAX_QUERY_SPAN) from {start}",
        )
    return low, high
