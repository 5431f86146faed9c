"""Interval-set algebra laws: intervals are half-open and compared by instant."""

import datetime as dt

from hypothesis import given

from carekit import Interval, IntervalSet
from carekit.intervals import to_utc
from carekit.testing import strategies as cks

sets = cks.interval_sets()


@given(sets, sets)
def test_union_and_intersection_commute(a: IntervalSet, b: IntervalSet) -> None:
    """Union and intersection are commutative."""
    assert a | b == b | a
    assert a & b == b & a


@given(sets, sets, sets)
def test_union_and_intersection_associate(
    a: IntervalSet, b: IntervalSet, c: IntervalSet
) -> None:
    """Union and intersection are associative."""
    assert (a | b) | c == a | (b | c)
    assert (a & b) & c == a & (b & c)


@given(sets, sets)
def test_difference_is_disjoint_from_what_was_removed(
    a: IntervalSet, b: IntervalSet
) -> None:
    """``a − b`` is disjoint from ``b``, and ``(a − b) ∪ (a ∩ b) == a``."""
    assert IntervalSet() == (a - b) & b
    assert a == (a - b) | (a & b)


@given(sets, sets)
def test_total_duration_is_additive(a: IntervalSet, b: IntervalSet) -> None:
    """|a ∪ b| = |a| + |b| − |a ∩ b|."""
    expected = a.total_duration() + b.total_duration() - (a & b).total_duration()
    assert expected == (a | b).total_duration()


@given(cks.intervals(), cks.aware_datetimes())
def test_membership_is_half_open(interval: Interval, instant: dt.datetime) -> None:
    """An instant is in ``[start, end)`` iff ``start <= t < end`` (by instant)."""
    expected = to_utc(interval.start) <= to_utc(instant) < to_utc(interval.end)
    assert expected == (instant in interval)
    assert expected == (instant in IntervalSet.of(interval))


@given(sets)
def test_normal_form_is_sorted_disjoint_and_non_empty(s: IntervalSet) -> None:
    """Stored pieces are sorted, never touch, and are never empty."""
    for left, right in zip(s.intervals, s.intervals[1:], strict=False):
        assert left.end < right.start
    assert all(not piece.is_empty for piece in s)
