"""Strategies for time: zones, aware datetimes, intervals, business calendars
and away schedules."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from carekit.away import AwaySchedule, ManualPeriods
from carekit.business_hours import BusinessCalendar, OpeningHours, Weekday
from carekit.intervals import Interval, IntervalSet

__all__ = [
    "ZONES",
    "aware_datetimes",
    "away_schedules",
    "business_calendars",
    "interval_sets",
    "intervals",
    "opening_hours",
    "strategies_by_type",
    "timezones",
]

#: Zones that exercise DST in both hemispheres, a half-hour offset and none.
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")

#: The default range of generated wall times: 2000-01-01 to 2100-01-01.
FIRST = dt.datetime(2000, 1, 1)
LAST = dt.datetime(2100, 1, 1)

_MINUTES_PER_DAY = 24 * 60
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def timezones() -> st.SearchStrategy[dt.tzinfo]:
    """IANA timezones, shrinking to UTC."""
    return st.sampled_from(ZONES).map(ZoneInfo)


def aware_datetimes(
    *,
    min_value: dt.datetime = FIRST,
    max_value: dt.datetime = LAST,
    zones: st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes that exist on the wall clock, shrinking to
    2000-01-01 00:00 UTC.

    Args:
        min_value: Naive lower bound (local wall time).
        max_value: Naive upper bound (local wall time).
        zones: Strategy for the zone; default :func:`timezones`.
    """
    return st.datetimes(
        min_value=min_value,
        max_value=max_value,
        timezones=zones if zones is not None else timezones(),
        allow_imaginary=False,
    )


def intervals(
    *,
    starts: st.SearchStrategy[dt.datetime] | None = None,
    durations: st.SearchStrategy[dt.timedelta] | None = None,
) -> st.SearchStrategy[Interval]:
    """Half-open intervals, shrinking to empty.

    The duration is elapsed time: the end is computed by instant, because
    ``start + duration`` is wall-clock arithmetic that drops ``fold`` and can
    land before a start in the second occurrence of a DST fold.

    Args:
        starts: Strategy for the start; default :func:`aware_datetimes`.
        durations: Strategy for the non-negative duration; default 0 to 7
            days.
    """
    return st.builds(
        lambda start, duration: Interval(start, _elapsed(start, duration)),
        starts if starts is not None else aware_datetimes(),
        durations
        if durations is not None
        else st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=7)),
    )


def _elapsed(start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
    """The instant *duration* of elapsed time after *start*, in *start*'s zone."""
    return (start.astimezone(dt.UTC) + duration).astimezone(start.tzinfo)


def interval_sets(
    *,
    elements: st.SearchStrategy[Interval] | None = None,
    max_size: int = 8,
) -> st.SearchStrategy[IntervalSet]:
    """Interval sets built from up to *max_size* intervals, shrinking to empty."""
    return st.lists(
        elements if elements is not None else intervals(), max_size=max_size
    ).map(IntervalSet)


def _wall(minute: int) -> dt.time:
    """Minute of the day as a wall time; 1440 (the day's end) is 00:00."""
    return dt.time((minute // 60) % 24, minute % 60)


def opening_hours(
    *, weekdays: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[OpeningHours]:
    """Single openings at minute resolution, shrinking to Monday 00:00–00:01.

    An end at the day's end is written 00:00, as :class:`OpeningHours` asks.

    Args:
        weekdays: Strategy for the weekday (0–6); default every day.
    """

    def build(day: int, start: int, length: int) -> OpeningHours:
        end = min(start + length, _MINUTES_PER_DAY)
        return OpeningHours(day, _wall(start), end=_wall(end))

    return st.builds(
        build,
        weekdays if weekdays is not None else st.sampled_from(list(Weekday)),
        st.integers(min_value=0, max_value=_MINUTES_PER_DAY - 1),
        st.integers(min_value=1, max_value=_MINUTES_PER_DAY),
    )


@st.composite
def _day_openings(
    draw: st.DrawFn, day: int, counts: st.SearchStrategy[int]
) -> list[OpeningHours]:
    """Disjoint openings on one weekday, as many as *counts* draws."""
    count = draw(counts)
    bounds = st.integers(min_value=0, max_value=_MINUTES_PER_DAY)
    size = 2 * count
    marks = sorted(draw(st.lists(bounds, unique=True, min_size=size, max_size=size)))
    return [
        OpeningHours(day, _wall(start), end=_wall(end))
        for start, end in zip(marks[::2], marks[1::2], strict=True)
    ]


def business_calendars(
    *,
    zones: st.SearchStrategy[str] | None = None,
    openings_per_day: st.SearchStrategy[int] | None = None,
    holidays: st.SearchStrategy[list[dt.date]] | None = None,
) -> st.SearchStrategy[BusinessCalendar]:
    """Weekly calendars at minute resolution, shrinking to UTC with no
    opening hours and no holidays.

    Openings of one day never overlap; one that ends at midnight is written
    with ``end`` 00:00, so openings that reach across midnight appear too.

    Args:
        zones: Strategy for the IANA zone name; default :data:`ZONES`.
        openings_per_day: Strategy for the number of openings on each
            weekday; default 0 to 3.
        holidays: Strategy for the list of holiday dates; default up to three
            dates in 2000–2099.
    """
    counts = (
        openings_per_day
        if openings_per_day is not None
        else st.integers(min_value=0, max_value=3)
    )
    week = st.tuples(*(_day_openings(day, counts) for day in Weekday))
    return st.builds(
        lambda zone, days, closed: BusinessCalendar(
            zone, [h for day in days for h in day], holidays=closed
        ),
        zones if zones is not None else st.sampled_from(ZONES),
        week,
        holidays
        if holidays is not None
        else st.lists(st.dates(FIRST.date(), LAST.date()), max_size=3),
    )


def _manual_periods() -> st.SearchStrategy[ManualPeriods]:
    """Manual away periods in each form a schedule takes: an interval set, a
    list of intervals, or ``(start, end)`` pairs of datetimes or epoch
    seconds (whole milliseconds, which convert exactly)."""
    listed = st.lists(intervals(), max_size=3)
    as_datetimes = listed.map(lambda items: [(i.start, i.end) for i in items])
    as_epochs = listed.map(
        lambda items: [(_epoch(i.start), _epoch(i.end)) for i in items]
    )
    return st.one_of(interval_sets(), listed, as_datetimes, as_epochs)


def _epoch(moment: dt.datetime) -> float:
    """Epoch seconds of *moment*, rounded down to whole milliseconds."""
    millis = (moment - _EPOCH) // dt.timedelta(milliseconds=1)
    return millis / 1000


def away_schedules(
    *,
    manual: st.SearchStrategy[ManualPeriods] | None = None,
    calendars: st.SearchStrategy[BusinessCalendar | None] | None = None,
) -> st.SearchStrategy[AwaySchedule]:
    """Away schedules, shrinking to no manual periods and no calendar.

    Args:
        manual: Strategy for the manual away periods; default an interval
            set, a list of intervals, or a list of datetime or epoch-second
            pairs (see :func:`interval_sets`).
        calendars: Strategy for the calendar or ``None``; default ``None`` or
            :func:`business_calendars`.
    """
    return st.builds(
        AwaySchedule,
        manual if manual is not None else _manual_periods(),
        calendars if calendars is not None else st.none() | business_calendars(),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each time model."""
    return {
        AwaySchedule: away_schedules(),
        BusinessCalendar: business_calendars(),
        Interval: intervals(),
        IntervalSet: interval_sets(),
        OpeningHours: opening_hours(),
    }
