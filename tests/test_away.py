"""Away schedules: manual toggles plus business hours. "A page is available
or away": away periods are manual toggles plus an optional weekly calendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from carekit import AwaySchedule, BusinessCalendar, Interval, IntervalSet, InvalidValue

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")
HOUR = dt.timedelta(hours=1)
T = dt.time


def utc(day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """An instant in January 2024 (the 1st is a Monday)."""
    return dt.datetime(2024, 1, day, hour, minute, tzinfo=UTC)


def office() -> BusinessCalendar:
    """Monday to Friday 09:00–17:00 UTC."""
    return BusinessCalendar.weekly("UTC", range(5), [(T(9), T(17))])


def manual(*pairs: tuple[dt.datetime, dt.datetime]) -> IntervalSet:
    return IntervalSet(Interval(start, end) for start, end in pairs)


def test_without_periods_or_calendar_the_page_is_never_away() -> None:
    schedule, now = AwaySchedule(), utc(1)
    assert not schedule.is_away(now)
    assert now is schedule.away_until(now)
    assert IntervalSet() == schedule.periods(utc(1), utc(8))


def test_manual_away_periods_are_half_open() -> None:
    """A manual away period ``[start, end)`` is over at its end."""
    schedule = AwaySchedule(manual((utc(1, 10), utc(1, 11))))
    assert not schedule.is_away(utc(1, 9, 59))
    assert schedule.is_away(utc(1, 10))
    assert schedule.is_away(utc(1, 10, 59))
    assert not schedule.is_away(utc(1, 11))
    assert utc(1, 11) == schedule.away_until(utc(1, 10, 30))


def test_outside_business_hours_is_away() -> None:
    """An optional business-hours calendar: outside it the page is away."""
    schedule = AwaySchedule(calendar=office())
    assert schedule.is_away(utc(1, 8))
    assert not schedule.is_away(utc(1, 9))
    assert schedule.is_away(utc(6, 12))  # Saturday
    assert utc(8, 9) == schedule.away_until(utc(5, 17))


def test_away_until_skips_manual_and_closed_time_together() -> None:
    """away_until(t): the first instant >= t when the page is available."""
    schedule = AwaySchedule(manual((utc(1, 8), utc(1, 12))), office())
    assert utc(1, 12) == schedule.away_until(utc(1, 7))
    evening = AwaySchedule(manual((utc(5, 16), utc(5, 20))), office())
    assert utc(8, 9) == evening.away_until(utc(5, 16, 30))
    chained = AwaySchedule(manual((utc(8, 9), utc(8, 10))), office())
    assert utc(8, 10) == chained.away_until(utc(6))


def test_away_until_is_none_when_the_page_never_opens_again() -> None:
    """None if it never becomes available again."""
    schedule = AwaySchedule(calendar=BusinessCalendar("Europe/Berlin"))
    assert schedule.is_away(utc(1))
    assert schedule.away_until(utc(1)) is None


def test_periods_merge_manual_and_outside_hours() -> None:
    """periods(a, b): all away time within [a, b), manual and outside-hours
    merged; touching pieces join."""
    schedule = AwaySchedule(
        manual((utc(1, 16), utc(1, 18)), (utc(2, 12), utc(2, 13))), office()
    )
    expected = manual(
        (utc(1, 0), utc(1, 9)),
        (utc(1, 16), utc(2, 9)),
        (utc(2, 12), utc(2, 13)),
        (utc(2, 17), utc(3, 0)),
    )
    assert expected == schedule.periods(utc(1), utc(3))


def test_periods_are_clipped_to_the_window() -> None:
    schedule = AwaySchedule(manual((utc(1, 10), utc(1, 14))))
    assert manual((utc(1, 12), utc(1, 13))) == schedule.periods(utc(1, 12), utc(1, 13))
    assert IntervalSet() == schedule.periods(utc(1, 12), utc(1, 12))


def test_away_spans_are_plain_utc_pairs() -> None:
    berlin_monday = BusinessCalendar.weekly("Europe/Berlin", [0], [(T(1), T(0))])
    schedule = AwaySchedule(calendar=berlin_monday)
    start = dt.datetime(2024, 1, 1, tzinfo=BERLIN)
    ((low, high),) = schedule.away_spans(start, start + 24 * HOUR)
    assert (utc(1) - HOUR, utc(1)) == (low, high)
    assert UTC is low.tzinfo


def test_models_and_arguments_are_validated() -> None:
    """Validated at the boundary: wrong types, naive datetimes, end before
    start are refused, naming the field."""
    with pytest.raises(InvalidValue) as info:
        AwaySchedule([(utc(2), utc(1))])
    assert "manual[0].end" == info.value.field
    with pytest.raises(InvalidValue) as info:
        AwaySchedule(calendar="UTC")  # type: ignore[arg-type]
    assert "calendar" == info.value.field
    schedule = AwaySchedule()
    with pytest.raises(InvalidValue) as info:
        schedule.is_away(dt.datetime(2024, 1, 1))
    assert "instant" == info.value.field
    with pytest.raises(InvalidValue) as info:
        schedule.periods(utc(2), utc(1))
    assert "end" == info.value.field


def test_schedules_are_hashable_values() -> None:
    one = AwaySchedule(manual((utc(1, 10), utc(1, 11))), office())
    two = AwaySchedule(manual((utc(1, 10), utc(1, 11))), office())
    assert one == two
    assert hash(one) == hash(two)


@pytest.mark.parametrize("junk", [None, 5, "periods", b"ab", utc(1)])
def test_manual_periods_that_are_not_an_iterable_are_refused(junk: object) -> None:
    """Validated at the boundary: the manual periods are checked before
    anything is derived from them, so the error names the field."""
    with pytest.raises(InvalidValue) as info:
        AwaySchedule(junk)  # type: ignore[arg-type]
    assert "manual" == info.value.field


# -- the forms an away period takes ---------------------------------------------

EPOCH_JAN_1_10H = 1704103200  # 2024-01-01T10:00:00Z


def test_a_list_of_intervals_is_an_away_schedule() -> None:
    """A list of intervals was refused with "manual: must be a IntervalSet";
    any iterable of intervals now builds the schedule, the same as the set."""
    periods = [Interval(utc(1, 10), utc(1, 11)), Interval(utc(2, 10), utc(2, 11))]
    expected = AwaySchedule(IntervalSet(periods))
    assert expected == AwaySchedule(periods)
    assert expected == AwaySchedule(tuple(periods))
    assert expected == AwaySchedule(iter(periods))
    assert expected == AwaySchedule(reversed(periods))


def test_datetime_pairs_are_away_periods() -> None:
    """``(start, end)`` pairs of aware datetimes, in any zone, were refused."""
    berlin = (utc(1, 10).astimezone(BERLIN), utc(1, 11).astimezone(BERLIN))
    schedule = AwaySchedule([berlin])
    assert manual((utc(1, 10), utc(1, 11))) == schedule.manual
    assert schedule.is_away(utc(1, 10, 30))


def test_epoch_second_pairs_are_away_periods() -> None:
    schedule = AwaySchedule([(EPOCH_JAN_1_10H, EPOCH_JAN_1_10H + 3600.5)])
    expected = Interval(utc(1, 10), utc(1, 11) + dt.timedelta(milliseconds=500))
    assert IntervalSet.of(expected) == schedule.manual


def test_the_forms_mix_and_the_old_form_still_works() -> None:
    mixed = AwaySchedule(
        [Interval(utc(1, 10), utc(1, 11)), [utc(1, 11), EPOCH_JAN_1_10H + 7200]]
    )
    assert manual((utc(1, 10), utc(1, 12))) == mixed.manual
    old = AwaySchedule(IntervalSet.of(Interval(utc(1, 10), utc(1, 12))), office())
    assert old.manual == mixed.manual


@pytest.mark.parametrize(
    ("period", "field"),
    [
        ((utc(1),), "manual[0]"),
        ((utc(1), utc(2), utc(3)), "manual[0]"),
        ("ab", "manual[0]"),
        ((dt.datetime(2024, 1, 1), utc(2)), "manual[0].start"),
        ((utc(1), True), "manual[0].end"),
        ((utc(1), float("nan")), "manual[0].end"),
        ((0, 10**400), "manual[0].end"),
        ((0, 1e300), "manual[0].end"),
        ((utc(2), utc(1)), "manual[0].end"),
        ((utc(1), "2024-01-02"), "manual[0].end"),
    ],
)
def test_a_bad_period_is_named_in_the_error(period: object, field: str) -> None:
    """A carekit error naming the period and its bound, never OverflowError
    or TypeError."""
    with pytest.raises(InvalidValue) as info:
        AwaySchedule([period])  # type: ignore[list-item]
    assert field == info.value.field
