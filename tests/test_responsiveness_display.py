"""Displayed response time (Internet Retailer, December 2015)."""

import datetime as dt

import pytest

from carekit import InvalidValue, PolicyError
from carekit.responsiveness import (
    DisplayBands,
    DisplayedResponseTime,
    Median,
    ResponseStats,
    displayed,
)

MINUTES = DisplayedResponseTime.WITHIN_MINUTES
HOURS = DisplayedResponseTime.WITHIN_HOURS
DAY_ = DisplayedResponseTime.WITHIN_A_DAY


def average(seconds: float) -> ResponseStats:
    return ResponseStats(1, 1, response_times=[seconds])


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0.0, MINUTES),
        (3599.0, MINUTES),
        (3600.0, HOURS),
        (12 * 3600.0 - 1, HOURS),
        (12 * 3600.0, DAY_),
        (24 * 3600.0, DAY_),
        (24 * 3600.0 + 1, None),
    ],
)
def test_default_bounds(seconds: float, expected: DisplayedResponseTime | None) -> None:
    """ "average < 1 h → within minutes; < 12 h → within hours; ≤ 24 h →
    within a day; slower [...] → no display"."""
    assert expected == displayed(average(seconds))


def test_display_follows_the_average_not_the_median() -> None:
    """'based on the page's average response time' (Internet Retailer, 2015)."""
    stats = ResponseStats(3, 3, response_times=[60.0, 60.0, 3 * 3600.0])
    assert HOURS == displayed(stats)
    assert MINUTES == displayed(stats, policy=DisplayBands(aggregate=Median()))


def test_no_data_means_no_display() -> None:
    assert displayed(ResponseStats(0, 0)) is None
    assert displayed(ResponseStats(4, 0)) is None


def test_admin_may_choose_a_slower_display() -> None:
    """Seed: "even though the page, on average responds 'within hours' an
    administrator can set it to 'within a day'"."""
    assert DAY_ == displayed(average(7200.0), admin_choice=DAY_)
    assert HOURS == displayed(average(7200.0), admin_choice=HOURS)


def test_admin_may_not_choose_a_faster_display() -> None:
    """ "never a faster one: asking for faster raises"."""
    with pytest.raises(PolicyError) as info:
        displayed(average(7200.0), admin_choice=MINUTES)
    assert "admin_choice" == info.value.field
    assert "within hours" in info.value.rule


def test_admin_may_not_display_a_time_that_is_not_earned() -> None:
    with pytest.raises(PolicyError) as info:
        displayed(average(2 * 86400.0), admin_choice=DAY_)
    assert "admin_choice" == info.value.field


def test_admin_choice_must_be_a_display() -> None:
    with pytest.raises(InvalidValue) as info:
        displayed(average(60.0), admin_choice="within minutes")  # type: ignore[arg-type]
    assert "admin_choice" == info.value.field


def test_bounds_are_parameters_and_must_increase() -> None:
    policy = DisplayBands(dt.timedelta(minutes=5), dt.timedelta(hours=1))
    assert HOURS == displayed(average(600.0), policy=policy)
    with pytest.raises(InvalidValue) as info:
        DisplayBands(dt.timedelta(hours=2), dt.timedelta(hours=1))
    assert "hours" == info.value.field
    with pytest.raises(InvalidValue) as info:
        DisplayBands(day=dt.timedelta(hours=1))
    assert "day" == info.value.field
    with pytest.raises(InvalidValue):
        DisplayBands(aggregate="mean")  # type: ignore[arg-type]


def test_ranks_order_fastest_first() -> None:
    assert [0, 1, 2] == [d.rank for d in DisplayedResponseTime]
