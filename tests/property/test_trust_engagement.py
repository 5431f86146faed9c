"""Engagement-spike laws (16 CFR 465.8 signals): "a day is flagged when its
gain is far above its trailing baseline", by a modified z-score over the
trailing week that is exact, so the laws below hold to the last digit.

A plain oracle (``statistics`` on fractions, one day at a time) states the
default rule; the policy must agree with it exactly.
"""

import datetime as dt
import statistics
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from carekit.testing import strategies as cks
from carekit.trust import FTC_ENGAGEMENT_2024, DailySeries, TrailingSpikes

gains = st.integers(min_value=-(10**4), max_value=10**4)
# Spiky series: mostly small gains, with now and then a large one.
spiky = st.lists(st.integers(0, 20) | st.integers(0, 5000), max_size=40)


def flagged(policy: TrailingSpikes, series: DailySeries) -> list[dt.date]:
    return [flag.day for flag in policy.flags(series)]


def oracle(gains: list[int]) -> list[int]:
    """The default rule, stated plainly: the flagged day indexes."""
    days = []
    for t in range(7, len(gains)):
        week = [Fraction(g) for g in gains[t - 7 : t]]
        median = statistics.median(week)
        deviations = [abs(g - median) for g in week]
        mad, mean_ad = statistics.median(deviations), statistics.mean(deviations)
        if mad:
            score = Fraction("0.6745") * (gains[t] - median) / mad
        elif mean_ad:
            score = Fraction("0.7979") * (gains[t] - median) / mean_ad
        elif median:
            score = Fraction("0.6745") * (gains[t] - median) / (abs(median) / 10)
        else:
            continue
        if score >= Fraction("3.5"):
            days.append(t)
    return days


@given(gains=spiky)
def test_the_default_agrees_with_the_oracle(gains: list[int]) -> None:
    series = DailySeries(dt.date(2024, 1, 1), gains)
    assert oracle(gains) == [
        (flag.day - series.start).days for flag in FTC_ENGAGEMENT_2024.flags(series)
    ]


@given(
    policy=cks.trailing_spikes(),
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    gain=gains,
    days=st.integers(min_value=0, max_value=40),
)
def test_a_constant_series_is_never_flagged(
    policy: TrailingSpikes, start: dt.date, gain: int, days: int
) -> None:
    """Every day equals its flat baseline: a score of 0, whatever the policy."""
    assert () == policy.flags(DailySeries(start, [gain] * days))


@given(
    policy=cks.trailing_spikes() | st.just(FTC_ENGAGEMENT_2024),
    series=cks.daily_series(gains=st.integers(0, 20) | st.integers(0, 5000)),
    factor=st.integers(min_value=1, max_value=10**6),
)
def test_scaling_a_series_flags_the_same_days(
    policy: TrailingSpikes, series: DailySeries, factor: int
) -> None:
    """Median, MAD, mean absolute deviation and the baseline floor all scale
    with the gains, and the arithmetic is exact: the scores do not move."""
    scaled = DailySeries(
        series.start, [g * factor for g in series.gains], indicator=series.indicator
    )
    before, after = policy.flags(series), policy.flags(scaled)
    assert [f.day for f in before] == [f.day for f in after]
    assert [f.score for f in before] == [f.score for f in after]


@given(policy=cks.trailing_spikes(), series=cks.daily_series(gains=gains))
def test_every_flag_shows_its_figures(
    policy: TrailingSpikes, series: DailySeries
) -> None:
    """Each flag gives the day, the gain, the baseline, the score and the
    threshold; no day before the minimum history is flagged."""
    for flag in policy.flags(series):
        index = (flag.day - series.start).days
        assert index >= policy.min_history
        assert series.gains[index] == flag.gain
        assert series.gains[index - policy.window : index] == flag.history
        assert flag.score >= flag.threshold == policy.threshold
        assert flag.gain > flag.baseline
        assert "16 CFR 465.8" == flag.section


@given(series=cks.daily_series(min_size=1), data=st.data())
def test_a_series_comes_back_from_its_dated_gains_in_any_order(
    series: DailySeries, data: st.DataObject
) -> None:
    pairs = data.draw(
        st.permutations(list(zip(series.days, series.gains, strict=True)))
    )
    assert series == DailySeries.from_days(pairs, indicator=series.indicator)
