"""Away-status laws: away periods are manual toggles plus time outside
business hours; status at time t is a pure query."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from carekit import AwaySchedule, Interval, IntervalSet
from carekit.intervals import to_utc
from carekit.testing import strategies as cks
from tests.property._dst import calendars, near_dst

MICROSECOND = dt.timedelta(microseconds=1)

schedules = cks.away_schedules(
    manual=cks.interval_sets(
        elements=cks.intervals(
            starts=near_dst(),
            durations=st.timedeltas(dt.timedelta(0), dt.timedelta(days=2)),
        )
    ),
    calendars=st.none() | calendars(),
)


def ordered(*instants: dt.datetime) -> list[dt.datetime]:
    return sorted(instants, key=to_utc)


@given(schedules, near_dst(), near_dst(), near_dst())
def test_is_away_agrees_with_periods(
    schedule: AwaySchedule, x: dt.datetime, y: dt.datetime, t: dt.datetime
) -> None:
    """For t in [a, b): is_away(t) iff t lies in periods(a, b)."""
    a, b = ordered(x, y)
    periods = schedule.periods(a, b)
    if to_utc(a) <= to_utc(t) < to_utc(b):
        assert schedule.is_away(t) == (t in periods)
    for piece in periods:
        assert schedule.is_away(piece.start)
        assert schedule.is_away(piece.end - MICROSECOND)


@given(schedules, near_dst(), near_dst())
def test_periods_are_manual_and_closed_time_in_the_window(
    schedule: AwaySchedule, x: dt.datetime, y: dt.datetime
) -> None:
    """periods(a, b) = (manual ∪ outside business hours) ∩ [a, b)."""
    a, b = ordered(x, y)
    window = IntervalSet.of(Interval(a, b))
    closed = IntervalSet()
    if schedule.calendar is not None:
        closed = window - schedule.calendar.open_intervals(a, b)
    assert (schedule.manual | closed) & window == schedule.periods(a, b)


@given(schedules, near_dst())
def test_away_until_is_the_first_available_instant(
    schedule: AwaySchedule, t: dt.datetime
) -> None:
    """away_until(t) is not away, and nothing in [t, away_until(t)) is
    available; None means away for good (a calendar with no hours)."""
    until = schedule.away_until(t)
    if until is None:
        assert schedule.calendar is not None
        assert not schedule.calendar.hours
        return
    assert not schedule.is_away(until)
    if to_utc(until) > to_utc(t):
        expected = IntervalSet.of(Interval(t, until))
        assert expected == schedule.periods(t, until)
