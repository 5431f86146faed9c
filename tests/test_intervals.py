"""Half-open intervals and interval sets: ``[start, end)``, compared by instant."""

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import find
from hypothesis import strategies as st

from carekit import Interval, IntervalSet, InvalidValue, aware
from carekit.intervals import to_utc
from carekit.testing import strategies as cks

UTC = dt.UTC


def at(hour: int, minute: int = 0, day: int = 1) -> dt.datetime:
    return dt.datetime(2000, 1, day, hour, minute, tzinfo=UTC)


def test_naive_datetime_is_refused_naming_the_field() -> None:
    """Timestamps are timezone-aware; naive values are rejected."""
    with pytest.raises(InvalidValue) as info:
        Interval(dt.datetime(2000, 1, 1), at(1))
    assert "start" == info.value.field
    assert "naive" in info.value.rule


def test_aware_accepts_pendulum_and_stdlib_values() -> None:
    p = pendulum.datetime(2000, 1, 1, tz="Europe/Berlin")
    assert p is aware(p)
    with pytest.raises(InvalidValue):
        aware("2000-01-01", "when")


def test_end_before_start_is_refused() -> None:
    """Interval [start, end): end before start refused."""
    with pytest.raises(InvalidValue) as info:
        Interval(at(2), at(1))
    assert "end" == info.value.field


BEFORE_YEAR_1 = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))
AFTER_YEAR_9999 = dt.datetime.max.replace(tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def test_instants_outside_the_utc_range_are_refused_naming_the_field() -> None:
    """Bad input raises a carekit error naming the field, never a bare
    OverflowError: 0001-01-01 00:00+05:00 is before the first UTC datetime."""
    with pytest.raises(InvalidValue) as info:
        Interval(BEFORE_YEAR_1, at(1))
    assert "start" == info.value.field
    with pytest.raises(InvalidValue) as info:
        Interval(at(1), AFTER_YEAR_9999)
    assert "end" == info.value.field
    with pytest.raises(InvalidValue) as info:
        BEFORE_YEAR_1 in Interval(at(1), at(2))  # noqa: B015
    assert "instant" == info.value.field
    with pytest.raises(InvalidValue) as info:
        IntervalSet().find(AFTER_YEAR_9999)
    assert "instant" == info.value.field


def test_to_utc_refuses_naive_datetimes() -> None:
    """Naive values are rejected: to_utc never reads them as the machine's
    local time."""
    with pytest.raises(InvalidValue):
        to_utc(dt.datetime(2000, 1, 1))


def test_pendulum_bounds_give_stdlib_durations_and_utc_bounds() -> None:
    """Durations are ``datetime.timedelta``: pendulum bounds must not turn
    them into pendulum ``Interval`` objects, which cannot even be divided by a
    timedelta. An IntervalSet stores its bounds as stdlib datetimes in UTC."""
    start = pendulum.datetime(2024, 1, 1, tz="Europe/Berlin")
    interval = Interval(start, start.add(hours=2))
    assert dt.timedelta is type(interval.duration)
    assert 2 == interval.duration / dt.timedelta(hours=1)
    piece = IntervalSet.of(interval).intervals[0]
    assert (dt.datetime, dt.datetime) == (type(piece.start), type(piece.end))
    assert dt.timedelta is type(IntervalSet.of(interval).total_duration())


def test_interval_is_half_open() -> None:
    interval = Interval(at(1), at(2))
    assert at(1) in interval
    assert at(1, 59) in interval
    assert at(2) not in interval


def test_duration_is_absolute_across_a_dst_change() -> None:
    """Durations are elapsed time, not wall-clock differences."""
    berlin = ZoneInfo("Europe/Berlin")
    start = dt.datetime(2024, 3, 31, 0, 0, tzinfo=berlin)
    end = dt.datetime(2024, 3, 31, 4, 0, tzinfo=berlin)
    assert dt.timedelta(hours=3) == Interval(start, end).duration


def test_set_normalizes_overlapping_touching_and_empty_pieces() -> None:
    pieces = IntervalSet.of(
        Interval(at(3), at(4)), Interval(at(1), at(2)), Interval(at(2), at(3)),
        Interval(at(5), at(5)), Interval(at(6), at(8)), Interval(at(7), at(9)),
    )  # fmt: skip
    assert (Interval(at(1), at(4)), Interval(at(6), at(9))) == pieces.intervals


def test_set_algebra_on_examples() -> None:
    a = IntervalSet.of(Interval(at(1), at(5)))
    b = IntervalSet.of(Interval(at(2), at(3)), Interval(at(4), at(6)))
    assert IntervalSet.of(Interval(at(1), at(6))) == a | b
    assert IntervalSet.of(Interval(at(2), at(3)), Interval(at(4), at(5))) == a & b
    assert IntervalSet.of(Interval(at(1), at(2)), Interval(at(3), at(4))) == a - b
    assert dt.timedelta(hours=4) == a.total_duration()


def test_membership_and_find() -> None:
    s = IntervalSet.of(Interval(at(1), at(2)), Interval(at(3), at(4)))
    assert at(1, 30) in s
    assert at(2) not in s
    assert Interval(at(3), at(4)) == s.find(at(3))
    assert s.find(at(0)) is None


def test_set_refuses_non_intervals() -> None:
    with pytest.raises(InvalidValue) as info:
        IntervalSet([(at(1), at(2))])  # type: ignore[list-item]
    assert "intervals[0]" == info.value.field


def test_interval_strategy_measures_length_as_elapsed_time() -> None:
    """The intervals() strategy adds its length by instant, so a start in the
    second occurrence of a DST fold never gives an end before the start."""
    sydney = ZoneInfo("Australia/Sydney")
    second = dt.datetime(2004, 3, 28, 2, 0, fold=1, tzinfo=sydney)
    strategy = cks.intervals(starts=st.just(second), durations=st.just(dt.timedelta(0)))
    assert dt.timedelta(0) == find(strategy, lambda _: True).duration


@pytest.mark.parametrize("junk", [None, 5, Interval(at(1), at(2))])
def test_a_non_collection_of_intervals_is_refused_naming_the_field(
    junk: object,
) -> None:
    """Validated at the boundary: a carekit error naming the field, never a
    bare TypeError ("not iterable")."""
    with pytest.raises(InvalidValue) as info:
        IntervalSet(junk)  # type: ignore[arg-type]
    assert "intervals" == info.value.field


def test_wrong_operands_are_refused_naming_the_argument() -> None:
    """Set algebra and interval methods refuse what is not a set or an
    interval with a carekit error, never a bare AttributeError."""
    s, interval = IntervalSet.of(Interval(at(1), at(2))), Interval(at(1), at(2))
    for operation in (s.union, s.intersection, s.difference, interval.overlaps,
                      interval.intersection):  # fmt: skip
        with pytest.raises(InvalidValue) as info:
            operation(5)  # type: ignore[arg-type]
        assert "other" == info.value.field
    with pytest.raises(InvalidValue) as info:
        s | [interval]  # type: ignore[arg-type]
    assert "other" == info.value.field
    with pytest.raises(InvalidValue) as info:
        s.clip(s)  # type: ignore[arg-type]
    assert "window" == info.value.field
