"""Response statistics and aggregates."""

import pytest

from carekit import InvalidValue
from carekit.responsiveness import (
    FastestMean,
    Mean,
    Median,
    Percentile,
    ResponseStats,
)


def stats(*times: float, eligible: int | None = None) -> ResponseStats:
    count = len(times) if eligible is None else eligible
    return ResponseStats(count, len(times), response_times=times)


def test_rate_is_responded_over_eligible() -> None:
    """ "Response rate = threads with a qualifying response within the window
    ÷ eligible threads"."""
    assert 0.75 == stats(1.0, 2.0, 3.0, eligible=4).rate


def test_no_eligible_thread_means_no_rate() -> None:
    """ "No eligible threads → no rate (None)"."""
    assert stats().rate is None


def test_times_are_kept_sorted() -> None:
    assert (1.0, 2.0, 3.0) == stats(3.0, 1.0, 2.0).response_times


def test_median_odd_and_even() -> None:
    """Median by default; an even count takes the mean of the two middle values."""
    assert 2.0 == stats(3.0, 1.0, 2.0).median()
    assert 2.5 == stats(4.0, 1.0, 2.0, 3.0).median()


def test_mean() -> None:
    assert 2.5 == stats(1.0, 2.0, 3.0, 4.0).mean()


def test_percentile_interpolates_and_50_is_the_median() -> None:
    """ "any percentile": linear between nearest ranks, so p50 is the median."""
    s = stats(10.0, 20.0, 30.0, 40.0)
    assert 10.0 == s.percentile(0)
    assert 40.0 == s.percentile(100)
    assert s.median() == s.percentile(50)
    assert 37.0 == s.percentile(90)


def test_fastest_mean_keeps_the_fastest_90_percent() -> None:
    """ "mean of the fastest 90 %": of 10 values the 9 fastest."""
    s = stats(*[float(v) for v in range(1, 10)], 1000.0)
    assert 5.0 == s.fastest_mean()
    assert 5.0 == FastestMean().compute(s)
    assert 1.0 == s.fastest_mean(0.1)


def test_fastest_share_is_read_as_written() -> None:
    """0.9 × 30 is exactly 27 values, not 28 through float rounding."""
    s = stats(*[1.0] * 27, *[100.0] * 3)
    assert 1.0 == s.fastest_mean(0.9)


def test_empty_aggregates_are_none() -> None:
    s = stats(eligible=3)
    assert [None] * 4 == [s.median(), s.mean(), s.percentile(90), s.fastest_mean()]


@pytest.mark.parametrize("p", [-1, 101, float("nan"), "50", True])
def test_percentile_out_of_range_is_refused(p: object) -> None:
    with pytest.raises(InvalidValue) as info:
        stats(1.0).percentile(p)  # type: ignore[arg-type]
    assert "p" == info.value.field


@pytest.mark.parametrize("share", [0, -0.5, 1.5, "0.9"])
def test_share_out_of_range_is_refused(share: object) -> None:
    with pytest.raises(InvalidValue) as info:
        stats(1.0).fastest_mean(share)  # type: ignore[arg-type]
    assert "share" == info.value.field
    with pytest.raises(InvalidValue):
        FastestMean(share)  # type: ignore[arg-type]


def test_aggregates_name_their_figure() -> None:
    s = stats(1.0, 3.0)
    assert [2.0, 2.0, 3.0] == [
        Median().compute(s),
        Mean().compute(s),
        Percentile(100).compute(s),
    ]
    assert "median response time" == str(Median())
    assert "90th percentile response time" == str(Percentile(90))
    assert "mean of the fastest 90 % response times" == str(FastestMean())


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"eligible": -1, "responded": 0}, "eligible"),
        ({"eligible": 1, "responded": 2}, "responded"),
        ({"eligible": 1, "responded": 1}, "response_times"),
        ({"eligible": 1, "responded": 1, "response_times": [-1.0]}, "response_times"),
        (
            {"eligible": 1, "responded": 1, "response_times": [float("nan")]},
            "response_times",
        ),
        ({"eligible": 1, "responded": 1, "response_times": ["x"]}, "response_times"),
        ({"eligible": 1, "responded": 0, "excluded_away": 1.5}, "excluded_away"),
        ({"eligible": 1, "responded": 0, "pending": -2}, "pending"),
    ],
)
def test_inconsistent_stats_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        ResponseStats(**kwargs)  # type: ignore[arg-type]
    assert field == info.value.field
