"""Business-time laws: business-hours arithmetic uses the calendar's own
timezone and is correct across DST changes; intervals are half-open."""

import datetime as dt
import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from carekit import BusinessCalendar, InvalidValue
from carekit.intervals import to_utc
from tests.property._dst import calendars, near_dst

ZERO = dt.timedelta(0)
MICROSECOND = dt.timedelta(microseconds=1)
durations = st.timedeltas(min_value=ZERO, max_value=dt.timedelta(days=3))


def ordered(*instants: dt.datetime) -> list[dt.datetime]:
    return sorted(instants, key=to_utc)


@given(calendars(), near_dst(), near_dst(), near_dst())
def test_business_time_is_additive(
    calendar: BusinessCalendar, x: dt.datetime, y: dt.datetime, z: dt.datetime
) -> None:
    """business_time(a, c) == business_time(a, b) + business_time(b, c)
    for a <= b <= c."""
    a, b, c = ordered(x, y, z)
    expected = calendar.business_time(a, b) + calendar.business_time(b, c)
    assert expected == calendar.business_time(a, c)


@given(calendars(), near_dst(), near_dst())
def test_business_time_is_bounded_by_elapsed_time(
    calendar: BusinessCalendar, x: dt.datetime, y: dt.datetime
) -> None:
    """0 <= business_time(a, b) <= b - a, elapsed time through UTC."""
    a, b = ordered(x, y)
    assert ZERO <= calendar.business_time(a, b) <= to_utc(b) - to_utc(a)


@given(calendars(), near_dst(), near_dst())
def test_open_intervals_agree_with_business_time_and_is_open(
    calendar: BusinessCalendar, x: dt.datetime, y: dt.datetime
) -> None:
    """business_time(a, b) is the length of open_intervals(a, b), and an
    instant of [a, b) is open iff it lies in open_intervals(a, b)."""
    a, b = ordered(x, y)
    opened = calendar.open_intervals(a, b)
    assert opened.total_duration() == calendar.business_time(a, b)
    for piece in opened:
        assert calendar.is_open(piece.start)
        assert calendar.is_open(piece.end - MICROSECOND)
        assert piece.end == to_utc(b) or not calendar.is_open(piece.end)
    assert (a in opened) == (a != b and calendar.is_open(a))


@given(calendars(), near_dst(), durations)
def test_add_business_time_inverts_business_time(
    calendar: BusinessCalendar, a: dt.datetime, d: dt.timedelta
) -> None:
    """business_time(a, add_business_time(a, d)) == d (the brief asks it for
    a inside business hours; it holds for every a), and the result is the
    first such instant."""
    assume(calendar.hours)
    end = calendar.add_business_time(a, d)
    assert d == calendar.business_time(a, end)
    if d:
        assert d > calendar.business_time(a, end - MICROSECOND)


@given(near_dst(), durations.filter(bool))
def test_add_business_time_without_hours_raises(
    a: dt.datetime, d: dt.timedelta
) -> None:
    """A calendar with no opening hours: add_business_time raises a carekit
    error instead of searching forever."""
    calendar = BusinessCalendar("Europe/Berlin")
    with pytest.raises(InvalidValue) as info:
        calendar.add_business_time(a, d)
    assert "duration" == info.value.field


@given(calendars(), near_dst())
def test_next_open_is_the_first_open_instant(
    calendar: BusinessCalendar, t: dt.datetime
) -> None:
    """next_open(t) is open and nothing in [t, next_open(t)) is; None only
    when the calendar never opens (no opening hours)."""
    result = calendar.next_open(t)
    if result is None:
        assert not calendar.hours
        return
    assert to_utc(t) <= to_utc(result)
    assert calendar.is_open(result)
    assert ZERO == calendar.business_time(t, result)


@given(calendars(), near_dst())
def test_next_close_is_the_first_closed_instant(
    calendar: BusinessCalendar, t: dt.datetime
) -> None:
    """next_close(t) is closed and all of [t, next_close(t)) is open; None
    only when the calendar is open for good."""
    result = calendar.next_close(t)
    if result is None:
        fortnight = t + dt.timedelta(days=14)
        assert to_utc(fortnight) - to_utc(t) == calendar.business_time(t, fortnight)
        return
    assert not calendar.is_open(result)
    assert to_utc(result) - to_utc(t) == calendar.business_time(t, result)


@given(calendars(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(
    calendar: BusinessCalendar, rng: random.Random
) -> None:
    """Deterministic: same openings and holidays in any order, same calendar."""
    hours, holidays = list(calendar.hours), list(calendar.holidays)
    rng.shuffle(hours)
    rng.shuffle(holidays)
    shuffled = BusinessCalendar(calendar.timezone, hours, holidays=holidays)
    assert calendar == shuffled
    assert hash(calendar) == hash(shuffled)
