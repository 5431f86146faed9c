"""Engagement spikes (16 CFR 465.8 signals): the modified z-score over the
trailing week, with the figures behind every flag."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from carekit import InvalidValue
from carekit.serialization import structure, unstructure
from carekit.trust import (
    FTC_ENGAGEMENT_2024,
    DailySeries,
    EngagementFlag,
    Indicator,
    Spread,
    TrailingSpikes,
)

START = dt.date(2024, 11, 1)


def flagged_days(
    gains: list[int], policy: TrailingSpikes = FTC_ENGAGEMENT_2024
) -> list[int]:
    """The indexes of the flagged days of *gains*."""
    flags = policy.flags(DailySeries(START, gains))
    return [(flag.day - START).days for flag in flags]


def test_the_follower_spike_is_flagged_on_its_last_day_and_not_before() -> None:
    """ "A day is flagged when its gain is far above its trailing baseline":
    modified z-score ≥ 3.5 over the trailing 7 days' median and MAD."""
    series = DailySeries(START, [10, 12, 9, 11, 10, 13, 11, 500])
    (flag,) = FTC_ENGAGEMENT_2024.flags(series)
    assert "16 CFR 465.8" == flag.section
    assert (dt.date(2024, 11, 8), 500) == (flag.day, flag.gain)
    # Trailing week 10 12 9 11 10 13 11: median 11, deviations 1 1 2 0 1 2 0,
    # MAD 1; score 0.6745 × (500 − 11) / 1 = 329.8305.
    assert (Decimal(11), Decimal(1), Spread.MAD) == (
        flag.baseline,
        flag.spread,
        flag.spread_kind,
    )
    assert (Decimal("329.8305"), Decimal("3.5")) == (flag.score, flag.threshold)
    assert (10, 12, 9, 11, 10, 13, 11) == flag.history
    assert Indicator.FOLLOWERS == flag.indicator
    assert "500 followers" in flag.reason


def test_fewer_than_seven_days_of_history_flags_nothing() -> None:
    """ "At least 7 days of history before a day can be flagged": the spike on
    day 7 (six days before it) is not flagged."""
    assert [] == flagged_days([10, 12, 9, 11, 10, 13, 500])
    assert [] == flagged_days([500])
    assert [] == flagged_days([])


def test_an_ordinary_day_is_not_flagged() -> None:
    assert [] == flagged_days([10, 12, 9, 11, 10, 13, 11, 14])


def test_the_threshold_is_inclusive_and_exact() -> None:
    """A score of exactly 3.5 flags: MAD 2 around 100, so a gain of
    100 + 3.5 × 2 / 0.6745 would need a fraction; with a constant of 0.5 the
    gain 114 scores 0.5 × 14 / 2 = 3.5 exactly."""
    policy = TrailingSpikes(mad_constant=Decimal("0.5"))
    history = [98, 100, 102, 100, 96, 104, 100]
    assert Fraction(7, 2) == policy.score(114, history)[0]  # type: ignore[index]
    assert [7] == flagged_days([*history, 114], policy)
    assert [] == flagged_days([*history, 113], policy)


def test_a_zero_mad_falls_back_to_the_mean_absolute_deviation() -> None:
    """Four of seven days at 10: the MAD is 0, the mean absolute deviation
    (0+0+0+0+3+3+3)/7 = 9/7 scales the score instead."""
    history = [10, 10, 10, 10, 13, 13, 13]
    score, spread, kind = FTC_ENGAGEMENT_2024.score(30, history)  # type: ignore[misc]
    assert (Fraction(9, 7), Spread.MEAN_ABSOLUTE_DEVIATION) == (spread, kind)
    assert Fraction(7979, 10000) * 20 / Fraction(9, 7) == score
    (flag,) = FTC_ENGAGEMENT_2024.flags(DailySeries(START, [*history, 30]))
    assert Decimal("1.285714") == flag.spread  # 9/7, rounded down


def test_a_flat_week_falls_back_to_a_share_of_the_baseline() -> None:
    """Every day at 10: the spread is 10 % of the baseline, 1; a jump to 500
    scores 0.6745 × 490 and is flagged; 15 scores 3.3725 and is not."""
    assert [7] == flagged_days([10] * 7 + [500])
    assert [] == flagged_days([10] * 7 + [15])
    (flag,) = FTC_ENGAGEMENT_2024.flags(DailySeries(START, [10] * 7 + [500]))
    assert (Spread.BASELINE_FLOOR, Decimal(1)) == (flag.spread_kind, flag.spread)


def test_a_week_of_zeros_gives_no_scale() -> None:
    """No spread, no baseline: no score is invented, no day is flagged."""
    assert FTC_ENGAGEMENT_2024.score(1000, [0] * 7) is None
    assert [] == flagged_days([0] * 7 + [1000])


def test_a_constant_series_is_never_flagged() -> None:
    assert [] == flagged_days([250] * 30)


def test_each_day_is_scored_against_its_own_trailing_week() -> None:
    gains = [10, 12, 9, 11, 10, 13, 11, 500, 11, 10, 12, 9, 11, 10, 13, 900]
    assert [7, 15] == flagged_days(gains)


def test_the_settings_are_fields() -> None:
    """A shorter window and history flag earlier."""
    policy = TrailingSpikes(window=3, min_history=3)
    assert [3] == flagged_days([10, 12, 11, 500], policy)


# -- series ------------------------------------------------------------------------


def test_a_series_from_dated_gains_in_any_order() -> None:
    series = DailySeries.from_days(
        {dt.date(2024, 11, 3): 7, dt.date(2024, 11, 1): 5, dt.date(2024, 11, 2): 6},
        indicator=Indicator.LIKES,
    )
    assert DailySeries(START, (5, 6, 7), indicator=Indicator.LIKES) == series
    assert (START, dt.date(2024, 11, 2), dt.date(2024, 11, 3)) == series.days
    pairs = [(dt.date(2024, 11, 2), 6), (START, 5)]
    assert DailySeries(START, (5, 6)) == DailySeries.from_days(pairs)


def test_a_gap_in_the_days_is_refused() -> None:
    with pytest.raises(InvalidValue, match="missing") as caught:
        DailySeries.from_days({START: 1, dt.date(2024, 11, 3): 2})
    assert ("days", dt.date(2024, 11, 2)) == (caught.value.field, caught.value.value)


def test_a_repeated_day_is_refused() -> None:
    with pytest.raises(InvalidValue, match="once"):
        DailySeries.from_days([(START, 1), (START, 2)])


def test_no_day_is_refused() -> None:
    with pytest.raises(InvalidValue, match="at least one"):
        DailySeries.from_days({})


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((dt.datetime(2024, 11, 1, tzinfo=dt.UTC), (1,)), "start"),
        (("2024-11-01", (1,)), "start"),
        ((START, (1.0,)), "gains"),
        ((START, (True,)), "gains"),
        ((START, "123"), "gains"),
        ((START, 5), "gains"),
        ((dt.date(9999, 12, 31), (1, 2)), "start"),
    ],
)
def test_bad_series_name_their_field(args: tuple[Any, Any], field: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        DailySeries(*args)
    assert field == caught.value.field


def test_dated_gains_refuse_floats() -> None:
    with pytest.raises(InvalidValue, match="whole number"):
        DailySeries.from_days({START: 1.5})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"threshold": 3.5}, "threshold"),
        ({"threshold": Decimal(0)}, "threshold"),
        ({"window": 2}, "window"),
        ({"window": 7.0}, "window"),
        ({"min_history": 5}, "min_history"),
        ({"mad_constant": Decimal("-0.6745")}, "mad_constant"),
        ({"mean_ad_constant": Decimal("Infinity")}, "mean_ad_constant"),
        ({"baseline_floor": Decimal("-0.1")}, "baseline_floor"),
    ],
)
def test_bad_settings_are_refused(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        TrailingSpikes(**changes)
    assert field == caught.value.field


def test_the_policy_takes_only_a_series() -> None:
    with pytest.raises(InvalidValue) as caught:
        FTC_ENGAGEMENT_2024.flags([10, 12, 500])  # type: ignore[arg-type]
    assert "series" == caught.value.field


def test_a_flag_round_trips_as_plain_data() -> None:
    (flag,) = FTC_ENGAGEMENT_2024.flags(
        DailySeries(START, [10, 12, 9, 11, 10, 13, 11, 500])
    )
    plain = unstructure(flag)
    assert ("2024-11-08", "329.8305", "mad") == (
        plain["day"],
        plain["score"],
        plain["spread_kind"],
    )
    assert flag == structure(plain, EngagementFlag)
