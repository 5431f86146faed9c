"""Weekly business calendars: opening hours in their own timezone, exact
across DST changes, with bounded work."""

import datetime as dt
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import cattrs
import pendulum
import pytest
from hypothesis import find
from hypothesis import strategies as st

from carekit import (
    AwaySchedule,
    BusinessCalendar,
    Interval,
    IntervalSet,
    InvalidValue,
    OpeningHours,
    Weekday,
)
from carekit.business_hours import MAX_OPENINGS_WALKED, MAX_QUERY_SPAN
from carekit.testing import strategies as cks

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
T = dt.time
HOUR = dt.timedelta(hours=1)


def at(zone: dt.tzinfo, *parts: int, fold: int = 0) -> dt.datetime:
    """``datetime(year, month, day[, hour[, minute]])`` in *zone*."""
    year, month, day, hour, minute = (*parts, 0, 0)[:5]
    return dt.datetime(year, month, day, hour, minute, tzinfo=zone, fold=fold)


def berlin(*parts: int, fold: int = 0) -> dt.datetime:
    return at(BERLIN, *parts, fold=fold)


def new_york(*parts: int, fold: int = 0) -> dt.datetime:
    return at(NEW_YORK, *parts, fold=fold)


def utc(*parts: int) -> dt.datetime:
    return at(UTC, *parts)


def office(zone: str = "Europe/Berlin", **kwargs: Any) -> BusinessCalendar:
    """Monday to Friday 09:00–12:00 and 13:00–17:00."""
    return BusinessCalendar.weekly(
        zone, range(5), [(T(9), T(12)), (T(13), T(17))], **kwargs
    )


def sundays(zone: str, start: dt.time, end: dt.time) -> BusinessCalendar:
    return BusinessCalendar(zone, [OpeningHours(Weekday.SUNDAY, start, end=end)])


# --- validation ------------------------------------------------------------


def test_unknown_timezone_is_refused_naming_the_field() -> None:
    """The calendar has its own IANA timezone; an unknown zone is refused."""
    for bad in ("Mars/Olympus_Mons", "", "../etc/passwd", 5):
        with pytest.raises(InvalidValue) as info:
            BusinessCalendar(bad)  # type: ignore[arg-type]
        assert "timezone" == info.value.field


def test_zoneinfo_is_stored_by_its_name() -> None:
    assert "America/New_York" == BusinessCalendar(NEW_YORK).timezone
    assert (
        "Europe/Berlin" == BusinessCalendar(pendulum.timezone("Europe/Berlin")).timezone
    )


def test_end_before_start_is_refused() -> None:
    """An opening's end must be after its start (00:00 means end of day)."""
    with pytest.raises(InvalidValue) as info:
        OpeningHours(Weekday.MONDAY, T(17), end=T(9))
    assert "end" == info.value.field
    with pytest.raises(InvalidValue):
        OpeningHours(Weekday.MONDAY, T(9), end=T(9))


def test_midnight_end_means_the_end_of_the_day() -> None:
    """``end == 00:00`` is midnight at the end of the day: 22:00–00:00 is 2 h."""
    calendar = BusinessCalendar("UTC", [OpeningHours(0, T(22), end=T(0))])
    monday = utc(2024, 1, 1)
    assert 2 * HOUR == calendar.business_time(monday, monday + 2 * 24 * HOUR)
    whole_day = OpeningHours(0, T(0), end=T(0))
    assert whole_day.until_midnight


def test_weekday_and_times_are_validated() -> None:
    with pytest.raises(InvalidValue) as info:
        OpeningHours(7, T(9), end=T(17))
    assert "weekday" == info.value.field
    with pytest.raises(InvalidValue) as info:
        OpeningHours(0, T(9, tzinfo=UTC), end=T(17))
    assert "start" == info.value.field
    with pytest.raises(InvalidValue) as info:
        OpeningHours(0, "09:00", end=T(17))  # type: ignore[arg-type]
    assert "start" == info.value.field
    assert Weekday.FRIDAY == OpeningHours(4, T(9), end=T(17)).weekday


def test_overlapping_openings_on_one_day_are_refused_touching_are_not() -> None:
    """Openings of one weekday may touch but not overlap."""
    with pytest.raises(InvalidValue) as info:
        BusinessCalendar.weekly("UTC", [0], [(T(9), T(12)), (T(11), T(14))])
    assert "hours" == info.value.field
    with pytest.raises(InvalidValue):
        BusinessCalendar.weekly("UTC", [0], [(T(9), T(0)), (T(10), T(11))])
    touching = BusinessCalendar.weekly("UTC", [0], [(T(9), T(12)), (T(12), T(14))])
    assert 2 == len(touching.hours)


def test_items_of_the_wrong_type_are_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        BusinessCalendar("UTC", ["MON 9-17"])  # type: ignore[list-item]
    assert "hours[0]" == info.value.field
    with pytest.raises(InvalidValue) as info:
        BusinessCalendar("UTC", holidays=[utc(2024, 1, 1)])
    assert "holidays[0]" == info.value.field
    with pytest.raises(InvalidValue) as info:
        BusinessCalendar("UTC", 5)  # type: ignore[arg-type]
    assert "hours" == info.value.field


@pytest.mark.parametrize(
    ("weekdays", "spans", "field"),
    [
        ([0], None, "spans"),
        ([0], [(T(9),)], "spans[0]"),
        ([0], [T(9)], "spans[0]"),
        (None, [(T(9), T(17))], "weekdays"),
    ],
)
def test_weekly_refuses_malformed_arguments_naming_them(
    weekdays: Any, spans: Any, field: str
) -> None:
    """Validated at the boundary: a carekit error naming the argument, never a
    bare TypeError or unpacking ValueError."""
    with pytest.raises(InvalidValue) as info:
        BusinessCalendar.weekly("UTC", weekdays, spans)
    assert field == info.value.field


def test_naive_datetimes_are_refused_naming_the_argument() -> None:
    """Timestamps are timezone-aware; naive values are rejected."""
    calendar = office()
    naive = dt.datetime(2024, 1, 1, 10)
    with pytest.raises(InvalidValue) as info:
        calendar.is_open(naive)
    assert "instant" == info.value.field
    with pytest.raises(InvalidValue) as info:
        calendar.business_time(utc(2024, 1, 1), naive)
    assert "end" == info.value.field
    with pytest.raises(InvalidValue) as info:
        calendar.add_business_time(naive, HOUR)
    assert "start" == info.value.field


def test_instants_outside_the_utc_range_are_refused_naming_the_argument() -> None:
    """Bad input raises a carekit error naming the argument, never a bare
    OverflowError."""
    before_year_1 = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    with pytest.raises(InvalidValue) as info:
        office().is_open(before_year_1)
    assert "instant" == info.value.field
    with pytest.raises(InvalidValue) as info:
        office().business_time(before_year_1, utc(2024, 1, 1))
    assert "start" == info.value.field


def test_queries_at_the_ends_of_the_calendar_do_not_overflow() -> None:
    """An aware instant near datetime.max or datetime.min is valid input: a
    query answers it (days beyond the last representable local date are
    closed) instead of raising a bare OverflowError."""
    tokyo = BusinessCalendar.weekly("Asia/Tokyo", range(7), [(T(9), T(17))])
    new_york = BusinessCalendar.weekly("America/New_York", range(7), [(T(9), T(17))])
    last = dt.datetime.max.replace(tzinfo=UTC)  # already 10000-01-01 in Tokyo
    first = dt.datetime.min.replace(tzinfo=UTC)  # still year 0 in New York
    assert not tokyo.is_open(last)
    assert not new_york.is_open(first)
    assert 8 * HOUR == tokyo.business_time(utc(9999, 12, 30), last)
    assert tokyo.next_open(utc(9999, 12, 30, 12)) is None
    assert new_york.next_open(first) == new_york.next_open(utc(1, 1, 2))
    assert (utc(9999, 12, 30, 8), last) == AwaySchedule(calendar=tokyo).away_spans(
        utc(9999, 12, 30, 8), last
    )[0]


def test_query_window_end_before_start_is_refused() -> None:
    """business_time(a, b) with b before a is refused."""
    with pytest.raises(InvalidValue) as info:
        office().business_time(utc(2024, 1, 2), utc(2024, 1, 1))
    assert "end" == info.value.field


# --- deterministic, hashable, lossless ---------------------------------------


def test_fields_are_sorted_so_input_order_does_not_matter() -> None:
    """Same inputs, same outputs, regardless of input order."""
    a = OpeningHours(1, T(13), end=T(17))
    b = OpeningHours(0, T(9), end=T(12))
    c = OpeningHours(1, T(9), end=T(12))
    one = BusinessCalendar("UTC", [a, b, c], holidays=[dt.date(2024, 12, 25)] * 2)
    two = BusinessCalendar("UTC", (c, a, b), holidays=(dt.date(2024, 12, 25),))
    assert one == two
    assert hash(one) == hash(two)
    assert (b, c, a) == one.hours
    assert (dt.date(2024, 12, 25),) == one.holidays


def test_round_trips_through_cattrs_as_plain_data() -> None:
    """Every model converts to JSON-compatible dicts and back, unchanged."""
    converter = cattrs.Converter()
    for kind in (dt.time, dt.date):
        converter.register_unstructure_hook(kind, lambda v: v.isoformat())
    converter.register_structure_hook(dt.time, lambda v, _: dt.time.fromisoformat(v))
    converter.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))
    calendar = office(holidays=[dt.date(2024, 12, 25)])
    data = converter.unstructure(calendar)
    assert {"timezone", "hours", "holidays"} == set(data)
    assert {"weekday": 0, "start": "09:00:00", "end": "12:00:00"} == data["hours"][0]
    assert calendar == converter.structure(data, BusinessCalendar)


# --- opening hours ------------------------------------------------------------


def test_opening_hours_are_half_open() -> None:
    """An opening ``[start, end)`` contains its start and not its end."""
    calendar = office()
    assert calendar.is_open(berlin(2024, 1, 8, 9))
    assert calendar.is_open(berlin(2024, 1, 8, 11, 59))
    assert not calendar.is_open(berlin(2024, 1, 8, 12))
    assert not calendar.is_open(berlin(2024, 1, 8, 8, 59))


def test_several_intervals_per_day() -> None:
    """Several opening intervals per weekday: a lunch break is closed."""
    calendar = office()
    assert not calendar.is_open(berlin(2024, 1, 8, 12, 30))
    assert calendar.is_open(berlin(2024, 1, 8, 13))
    monday = berlin(2024, 1, 8)
    assert 7 * HOUR == calendar.business_time(monday, monday + 24 * HOUR)
    expected = IntervalSet.of(
        Interval(berlin(2024, 1, 8, 9), berlin(2024, 1, 8, 12)),
        Interval(berlin(2024, 1, 8, 13), berlin(2024, 1, 8, 17)),
    )
    assert expected == calendar.open_intervals(monday, monday + 24 * HOUR)


def test_instants_are_read_in_the_calendars_zone() -> None:
    """The calendar has its own timezone: 09:00 Berlin is 08:00 UTC in winter."""
    calendar = office()
    assert calendar.is_open(utc(2024, 1, 8, 8))
    assert not calendar.is_open(utc(2024, 1, 8, 16))
    assert calendar.is_open(pendulum.datetime(2024, 1, 8, 3, tz="America/New_York"))


def test_weekends_are_closed() -> None:
    calendar = office()
    saturday = berlin(2024, 1, 13)
    assert dt.timedelta(0) == calendar.business_time(saturday, saturday + 48 * HOUR)
    assert 35 * HOUR == calendar.business_time(saturday, saturday + 7 * 24 * HOUR)


def test_holidays_are_closed_all_day_in_the_calendars_zone() -> None:
    """Holidays are dates in the calendar's zone, closed all day."""
    calendar = office("America/New_York", holidays=[dt.date(2024, 12, 25)])
    assert not calendar.is_open(new_york(2024, 12, 25, 10))
    assert calendar.is_open(new_york(2024, 12, 26, 10))
    christmas = new_york(2024, 12, 25)
    assert dt.timedelta(0) == calendar.business_time(christmas, christmas + 24 * HOUR)


def test_openings_that_touch_across_midnight_are_one_opening() -> None:
    """Hours past midnight are two openings; the calendar joins them."""
    calendar = BusinessCalendar(
        "UTC", [OpeningHours(0, T(22), end=T(0)), OpeningHours(1, T(0), end=T(2))]
    )
    monday = utc(2024, 1, 1)
    expected = IntervalSet.of(Interval(utc(2024, 1, 1, 22), utc(2024, 1, 2, 2)))
    assert expected == calendar.open_intervals(monday, monday + 48 * HOUR)
    assert utc(2024, 1, 2, 2) == calendar.next_close(utc(2024, 1, 1, 23))


# --- DST ------------------------------------------------------------------------


def test_berlin_spring_forward_opening_holds_two_hours() -> None:
    """DST rule: a nonexistent wall time means the instant the clock jumps.
    Sunday 01:00–04:00 in Europe/Berlin on 2024-03-31 holds 2 h."""
    calendar = sundays("Europe/Berlin", T(1), T(4))
    day = berlin(2024, 3, 31)
    assert 2 * HOUR == calendar.business_time(day, day + 24 * HOUR)


def test_berlin_fall_back_opening_holds_four_hours() -> None:
    """DST rule: Sunday 01:00–04:00 in Europe/Berlin on 2024-10-27 holds 4 h."""
    calendar = sundays("Europe/Berlin", T(1), T(4))
    day = berlin(2024, 10, 27)
    assert 4 * HOUR == calendar.business_time(day, day + 25 * HOUR)


def test_opening_inside_the_gap_starts_when_the_clock_jumps() -> None:
    """DST rule: nonexistent → the end of the gap. 02:30–03:30 on the
    spring-forward day opens at 03:00 CEST (01:00 UTC) and lasts 30 min."""
    calendar = sundays("Europe/Berlin", T(2, 30), T(3, 30))
    day = berlin(2024, 3, 31)
    expected = IntervalSet.of(Interval(utc(2024, 3, 31, 1), utc(2024, 3, 31, 1, 30)))
    assert expected == calendar.open_intervals(day, day + 24 * HOUR)
    inside_gap = sundays("Europe/Berlin", T(2, 15), T(2, 45))
    assert dt.timedelta(0) == inside_gap.business_time(day, day + 24 * HOUR)


def test_ambiguous_times_mean_their_first_occurrence() -> None:
    """DST rule: ambiguous → first occurrence. 02:00–02:30 on the fall-back
    day is open during the first 02:15 (CEST) and closed during the second."""
    calendar = sundays("Europe/Berlin", T(2), T(2, 30))
    assert calendar.is_open(berlin(2024, 10, 27, 2, 15))
    assert not calendar.is_open(berlin(2024, 10, 27, 2, 15, fold=1))
    day = berlin(2024, 10, 27)
    assert 30 * dt.timedelta(minutes=1) == calendar.business_time(day, day + 25 * HOUR)


def test_new_york_spring_forward_and_fall_back() -> None:
    """DST in America/New_York: 01:00–04:00 holds 2 h on 2024-03-10 and
    4 h on 2024-11-03."""
    calendar = sundays("America/New_York", T(1), T(4))
    spring, fall = new_york(2024, 3, 10), new_york(2024, 11, 3)
    assert 2 * HOUR == calendar.business_time(spring, spring + 24 * HOUR)
    assert 4 * HOUR == calendar.business_time(fall, fall + 25 * HOUR)


def test_new_york_fold_start_includes_the_repeated_hour() -> None:
    """DST rule: 01:30–02:00 on 2024-11-03 in New York runs from the first
    01:30 (EDT) to 02:00 (EST): 1 h 30 min of business time."""
    calendar = sundays("America/New_York", T(1, 30), T(2))
    fall = new_york(2024, 11, 3)
    assert 90 * dt.timedelta(minutes=1) == calendar.business_time(
        fall, fall + 25 * HOUR
    )
    assert calendar.is_open(new_york(2024, 11, 3, 1, 15, fold=1))


def test_office_week_across_dst_holds_forty_hours() -> None:
    """A Monday–Friday 09:00–17:00 week is 40 h, whatever DST does."""
    calendar = BusinessCalendar.weekly("America/New_York", range(5), [(T(9), T(17))])
    start = new_york(2024, 3, 9)
    assert 40 * HOUR == calendar.business_time(start, start + 7 * 24 * HOUR)
    assert calendar.is_open(new_york(2024, 3, 11, 9))
    assert utc(2024, 3, 11, 13) == calendar.next_open(new_york(2024, 3, 10, 12))


# --- add_business_time, next_open, next_close ---------------------------------


def test_a_weekly_opening_swallowed_by_dst_opens_again_next_week() -> None:
    """DST rule: an opening inside the spring-forward gap holds nothing that
    day, but the week repeats: a calendar whose only opening is Sunday
    02:00–03:00 in Europe/Berlin opens again on the next Sunday, so
    next_open is not ``None`` and add_business_time does not give up."""
    calendar = sundays("Europe/Berlin", T(2), T(3))
    before = utc(2024, 3, 24, 12)  # the Sunday before 2024-03-31
    assert berlin(2024, 4, 7, 2) == calendar.next_open(before)
    assert berlin(2024, 4, 7, 2, 30) == calendar.add_business_time(
        before, dt.timedelta(minutes=30)
    )
    assert berlin(2024, 4, 7, 2) == AwaySchedule(calendar=calendar).away_until(before)


def test_a_weekday_skipped_by_the_date_line_opens_again_next_week() -> None:
    """Pacific/Apia skipped Friday 2011-12-30: a Friday-only calendar opens
    again on Friday 2012-01-06 (the calendar never opens again only when it
    has no opening hours)."""
    apia = ZoneInfo("Pacific/Apia")
    calendar = BusinessCalendar("Pacific/Apia", [OpeningHours(4, T(9), end=T(17))])
    after_close = at(apia, 2011, 12, 23, 18)
    assert at(apia, 2012, 1, 6, 9) == calendar.next_open(after_close)
    assert at(apia, 2012, 1, 6, 10) == calendar.add_business_time(after_close, HOUR)


def test_add_business_time_skips_closed_time() -> None:
    """add_business_time(a, d): the instant where d of business time has
    elapsed from a. Friday 16:00 + 2 h is Monday 10:00."""
    calendar = office()
    result = calendar.add_business_time(berlin(2024, 1, 12, 16), 2 * HOUR)
    assert berlin(2024, 1, 15, 10) == result
    assert UTC is result.tzinfo


def test_add_business_time_lands_on_the_end_of_an_opening() -> None:
    """The *first* instant where d has elapsed: the end of the morning, not
    the start of the afternoon."""
    calendar = office()
    assert berlin(2024, 1, 8, 12) == calendar.add_business_time(
        berlin(2024, 1, 8, 9), 3 * HOUR
    )


def test_add_business_time_skips_holidays() -> None:
    calendar = office(holidays=[dt.date(2024, 1, 15)])
    result = calendar.add_business_time(berlin(2024, 1, 12, 16), 2 * HOUR)
    assert berlin(2024, 1, 16, 10) == result


def test_add_zero_returns_the_start_and_negative_is_refused() -> None:
    calendar = office()
    saturday = berlin(2024, 1, 13, 10)
    assert saturday is calendar.add_business_time(saturday, dt.timedelta(0))
    with pytest.raises(InvalidValue) as info:
        calendar.add_business_time(saturday, -HOUR)
    assert "duration" == info.value.field


def test_add_business_time_accepts_pendulum_values() -> None:
    calendar = office()
    start = pendulum.datetime(2024, 1, 8, 9, tz="Europe/Berlin")
    result = calendar.add_business_time(start, pendulum.duration(hours=4))
    assert berlin(2024, 1, 8, 14) == result
    assert dt.datetime is type(result)


def test_a_calendar_without_hours_never_opens() -> None:
    """No opening hours: add_business_time raises, next_open is None."""
    calendar = BusinessCalendar("Europe/Berlin")
    with pytest.raises(InvalidValue) as info:
        calendar.add_business_time(utc(2024, 1, 1), HOUR)
    assert "duration" == info.value.field
    assert "no opening hours" in info.value.rule
    assert calendar.next_open(utc(2024, 1, 1)) is None
    assert not calendar.is_open(utc(2024, 1, 1))


def test_next_open_and_next_close() -> None:
    """next_open(t)/next_close(t): t itself when already open/closed."""
    calendar = office()
    open_now, closed_now = berlin(2024, 1, 8, 10), berlin(2024, 1, 8, 12, 30)
    assert open_now is calendar.next_open(open_now)
    assert closed_now is calendar.next_close(closed_now)
    assert berlin(2024, 1, 8, 13) == calendar.next_open(closed_now)
    assert berlin(2024, 1, 8, 12) == calendar.next_close(open_now)
    assert berlin(2024, 1, 15, 9) == calendar.next_open(berlin(2024, 1, 12, 17))


def test_always_open_never_closes_until_a_holiday() -> None:
    """Open around the clock: next_close is None, or the holiday's start."""
    always = BusinessCalendar.weekly("Europe/Berlin", range(7), [(T(0), T(0))])
    assert always.next_close(utc(2024, 1, 1)) is None
    with_holiday = BusinessCalendar.weekly(
        "Europe/Berlin", range(7), [(T(0), T(0))], holidays=[dt.date(2024, 5, 1)]
    )
    assert berlin(2024, 5, 1) == with_holiday.next_close(utc(2024, 1, 1))
    assert berlin(2024, 5, 2) == with_holiday.next_open(berlin(2024, 5, 1, 12))


# --- strategies -----------------------------------------------------------------


def test_strategies_shrink_to_simple_values() -> None:
    """Strategies shrink toward UTC and empty collections."""
    assert BusinessCalendar("UTC") == find(cks.business_calendars(), lambda _: True)
    assert AwaySchedule() == find(cks.away_schedules(), lambda _: True)
    expected = OpeningHours(Weekday.MONDAY, T(0), end=T(0, 1))
    assert expected == find(cks.opening_hours(), lambda _: True)


def test_strategies_are_registered_for_from_type() -> None:
    for kind in (OpeningHours, BusinessCalendar, AwaySchedule):
        assert kind in cks.by_type()
    assert isinstance(
        find(st.from_type(BusinessCalendar), lambda _: True), BusinessCalendar
    )


# -- bounded work (regressions) -------------------------------------------------


@pytest.mark.parametrize(
    "calendar",
    [
        office(),
        BusinessCalendar.weekly("UTC", range(7), [(T(0), T(0))]),
        BusinessCalendar.weekly("Europe/Berlin", [0], [(T(9), T(9, 1))]),
        BusinessCalendar("UTC"),
    ],
    ids=["office", "always open", "one minute a week", "never open"],
)
def test_a_huge_business_duration_answers_within_a_second(
    calendar: BusinessCalendar,
) -> None:
    """``add_business_time(t, 10**6 days)`` took 11 s before it refused; a
    duration beyond MAX_QUERY_SPAN is refused up front, and the search never
    looks further than that ahead, so every call answers within a second
    with a result or a carekit error."""
    start = utc(2024, 1, 1)
    for duration in (dt.timedelta(days=10**6), dt.timedelta.max, 2 * MAX_QUERY_SPAN):
        began = time.perf_counter()
        with pytest.raises(InvalidValue) as info:
            calendar.add_business_time(start, duration)
        assert "duration" == info.value.field
        assert time.perf_counter() - began < 1
    began = time.perf_counter()
    outcome = _outcome(lambda: calendar.add_business_time(start, YEAR))
    assert time.perf_counter() - began < 1
    if isinstance(outcome, InvalidValue):
        assert "duration" == outcome.field
    else:
        assert YEAR == calendar.business_time(start, outcome)


YEAR = dt.timedelta(days=365)


def _outcome(call: Callable[[], dt.datetime]) -> dt.datetime | InvalidValue:
    """The call's result, or the carekit error it raised."""
    try:
        return call()
    except InvalidValue as error:
        return error


def test_a_window_longer_than_the_query_span_is_refused_at_once() -> None:
    """``business_time`` from year 1 to year 9999 ran for a minute; a window
    longer than MAX_QUERY_SPAN (200 years) is refused, and one at the limit
    is answered."""
    first, last = utc(1, 1, 2), utc(9999, 12, 30)
    began = time.perf_counter()
    for query in (office().business_time, office().open_spans, office().open_intervals):
        with pytest.raises(InvalidValue) as info:
            query(first, last)
        assert "end" == info.value.field
    assert time.perf_counter() - began < 1
    start = utc(2000, 1, 1)
    assert office().business_time(start, start + MAX_QUERY_SPAN) > dt.timedelta(0)


def _dense() -> BusinessCalendar:
    """720 two-minute-apart openings a day, every day: 5,040 a week."""
    return BusinessCalendar(
        "Europe/Berlin",
        [
            OpeningHours(day, T(hour, minute), end=T(hour, minute + 1))
            for day in Weekday
            for hour in range(24)
            for minute in range(0, 60, 2)
        ],
    )


def test_a_dense_calendar_bounds_the_openings_a_query_walks() -> None:
    """A calendar with 720 openings a day made ``business_time`` over five
    years run for seconds and ``add_business_time(t, 30000 days)`` for
    minutes: the 200-year cap bounds elapsed time, not work. A query walks at
    most MAX_OPENINGS_WALKED openings: beyond that it is refused at once, and
    within it, it answers within about a second."""
    calendar = _dense()
    start = utc(2024, 1, 1)
    began = time.perf_counter()
    with pytest.raises(InvalidValue, match="MAX_OPENINGS_WALKED") as window:
        calendar.business_time(start, start + 5 * YEAR)
    assert "end" == window.value.field
    with pytest.raises(InvalidValue, match="MAX_OPENINGS_WALKED") as ahead:
        calendar.add_business_time(start, dt.timedelta(days=30_000))
    assert "duration" == ahead.value.field
    assert time.perf_counter() - began < 1
    per_week = 7 * 720
    days = MAX_OPENINGS_WALKED * 7 // per_week
    assert dt.timedelta(0) < calendar.business_time(
        start, start + dt.timedelta(days=days)
    )
