"""Approximate quantiles (``carekit[sketch]``): "the merged sketch's
quantiles lie within the stated relative error on log-normal and bimodal
data"; "merging sketches of different accuracy is a carekit error"
(issue 16, item 3)."""

import json
import math
import pickle
import random

import pytest

from carekit.errors import CarekitError, InvalidValue

pytest.importorskip("ddsketch")

from carekit.responsiveness import measure_rows
from carekit.scale import (
    DEFAULT_ACCURACY,
    MethodCombiner,
    QuantileSketch,
    ResponseCombiner,
    SketchedResponseCombiner,
    SketchedStats,
    compute,
)

PERCENTILES = (0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100)
# Float rounding in the logarithm: the bound holds to a few ulps.
SLACK = 1e-12


def lognormal(n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [rng.lognormvariate(math.log(240.0), 2.3) for _ in range(n)]


def bimodal(n: int, seed: int) -> list[float]:
    """Bot-fast and human-slow answers: two modes three decades apart, and
    a few exact zeros."""
    rng = random.Random(seed)
    fast = [rng.gauss(2.0, 0.5) for _ in range(n // 2)]
    slow = [rng.gauss(3_600.0, 600.0) for _ in range(n - n // 2)]
    return [max(0.0, x) for x in fast + slow] + [0.0] * 5


def merged_sketch(values: list[float], accuracy: float, parts: int) -> QuantileSketch:
    pieces = [values[i::parts] for i in range(parts)]
    combiner = MethodCombiner(lambda: QuantileSketch(accuracy))
    sketch: QuantileSketch = compute(combiner, pieces)
    return sketch


def assert_within(values: list[float], sketch: QuantileSketch) -> None:
    ordered = sorted(values)
    alpha = sketch.relative_accuracy
    for p in PERCENTILES:
        exact = ordered[math.floor(p / 100 * (len(ordered) - 1))]
        approx = sketch.percentile(p)
        assert approx is not None
        assert abs(approx - exact) <= alpha * exact * (1 + SLACK), (p, exact, approx)


@pytest.mark.parametrize("accuracy", [DEFAULT_ACCURACY, 0.05, 0.001])
def test_lognormal_quantiles_are_within_the_relative_error(accuracy: float) -> None:
    """Log-normal response times (median 4 min, a tail to days), in seven
    partitions merged: every quantile within α of the exact order statistic
    ``x[floor(q(n-1))]``."""
    values = lognormal(20_000, seed=1)
    assert_within(values, merged_sketch(values, accuracy, parts=7))


@pytest.mark.parametrize("accuracy", [DEFAULT_ACCURACY, 0.05])
def test_bimodal_quantiles_are_within_the_relative_error(accuracy: float) -> None:
    """Two modes three decades apart (and zeros): the bound holds on both
    sides of the gap, where interpolating would not."""
    values = bimodal(20_000, seed=2)
    assert_within(values, merged_sketch(values, accuracy, parts=5))


def test_the_default_accuracy_is_one_percent() -> None:
    """ "The relative accuracy is a parameter (default 1 %)"."""
    assert 0.01 == QuantileSketch().relative_accuracy == DEFAULT_ACCURACY


def test_sketches_of_different_accuracy_do_not_merge() -> None:
    """Merging sketches of different accuracy is a carekit error
    (``InvalidValue``, a ``CarekitError`` and a ``ValueError``)."""
    with pytest.raises(InvalidValue, match="different relative accuracy") as error:
        QuantileSketch(0.01).add(1.0).merge(QuantileSketch(0.02).add(1.0))
    assert isinstance(error.value, CarekitError)
    assert "other" == error.value.field


@pytest.mark.parametrize("bad", [0, 1, 1.5, -0.1, True, "0.01", float("nan")])
def test_the_accuracy_must_lie_between_0_and_1(bad: object) -> None:
    """α is a number strictly between 0 and 1."""
    with pytest.raises(InvalidValue) as error:
        QuantileSketch(bad)  # type: ignore[arg-type]
    assert "relative_accuracy" == error.value.field


@pytest.mark.parametrize("bad", [-1.0, float("inf"), float("nan"), True, "3", None])
def test_values_must_be_finite_and_non_negative(bad: object) -> None:
    """Response times are finite, non-negative numbers; bools are refused;
    the sketch is unchanged."""
    sketch = QuantileSketch().add(1.0)
    with pytest.raises(InvalidValue):
        sketch.add(bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue) as error:
        sketch.feed([2.0, bad])  # type: ignore[list-item]
    assert "values[1]" == error.value.field
    assert 2 == sketch.count


def test_an_empty_sketch_has_no_quantile() -> None:
    """No values, no quantile: ``None``, never an error."""
    assert QuantileSketch().median() is None
    with pytest.raises(InvalidValue):
        QuantileSketch().percentile(101)


def test_merge_is_pure_and_extract_is_a_copy() -> None:
    """``merge`` builds a new sketch; ``extract`` hands out a copy."""
    first, second = QuantileSketch().feed([1.0, 2.0]), QuantileSketch().add(3.0)
    merged = first.merge(second)
    assert (2, 1, 3) == (first.count, second.count, merged.count)
    copy = merged.extract()
    copy.add(4.0)
    assert (3, 4) == (merged.count, copy.count)


def test_plain_data_and_pickle_round_trip() -> None:
    """The sketch's plain data is JSON and reads back to the same buckets."""
    sketch = QuantileSketch(0.02).feed(bimodal(500, seed=3))
    data = json.loads(json.dumps(sketch.to_data()))
    assert sketch == QuantileSketch.from_data(data)
    assert sketch == pickle.loads(pickle.dumps(sketch))
    assert sketch.percentile(75) == QuantileSketch.from_data(data).percentile(75)
    with pytest.raises(InvalidValue):
        QuantileSketch.from_data({**data, "counts": [1.5]})
    with pytest.raises(InvalidValue):
        QuantileSketch.from_data({**data, "zero_count": -1})


def test_state_grows_with_the_range_not_the_count() -> None:
    """Buckets are logarithmic: 100,000 values spanning six decades need at
    most log(1e6)/log(γ) ≈ 700 buckets at 1 %."""
    rng = random.Random(4)
    values = [10 ** rng.uniform(0, 6) for _ in range(100_000)]
    sketch = QuantileSketch().feed(values)
    assert len(sketch.to_data()["counts"]) <= 700
    assert len(pickle.dumps(sketch)) < 10_000


def page_rows(conversations: int, seed: int) -> list[tuple[int, float, int]]:
    """One thread per conversation, answered after a log-normal delay; one
    in ten unanswered."""
    rng = random.Random(seed)
    rows: list[tuple[int, float, int]] = []
    for cid in range(conversations):
        start = rng.uniform(0, 86_400.0)
        rows.append((cid, start, 0))
        if cid % 10:
            rows.append((cid, start + rng.lognormvariate(math.log(240.0), 2.0), 1))
    return rows


def test_sketched_responsiveness_counts_exactly_and_sketches_the_times() -> None:
    """The approximate mode: counts and rate equal ``measure_rows``; every
    percentile within 1 % of the exact order statistic; the merged state is
    a few kilobytes."""
    rows = page_rows(20_000, seed=5)
    parts = [[r for r in rows if r[0] % 4 == k] for k in range(4)]
    combiner = SketchedResponseCombiner()
    approx = compute(combiner, parts)
    exact = measure_rows(rows)
    assert (exact.eligible, exact.responded, exact.rate) == (
        approx.eligible,
        approx.responded,
        approx.rate,
    )
    ordered = exact.response_times
    for p in PERCENTILES:
        x = ordered[math.floor(p / 100 * (len(ordered) - 1))]
        value = approx.percentile(p)
        assert value is not None
        assert abs(value - x) <= 0.01 * x * (1 + SLACK)
    assert len(pickle.dumps(approx)) < 10_000
    assert approx == SketchedStats.from_data(json.loads(json.dumps(approx.to_data())))


def test_sketched_summaries_of_different_accuracy_do_not_merge() -> None:
    """Merging sketches of different accuracy is a carekit error."""
    rows = [("a", 0.0, 0), ("a", 30.0, 1)]
    fine = compute(SketchedResponseCombiner(), [rows])
    coarse = compute(SketchedResponseCombiner(relative_accuracy=0.05), [rows])
    with pytest.raises(InvalidValue, match="different relative accuracy"):
        fine.merge(coarse)
    with pytest.raises(InvalidValue) as error:
        SketchedResponseCombiner(ResponseCombiner(), relative_accuracy=1.0)
    assert "relative_accuracy" == error.value.field


def test_an_empty_sketched_summary_has_no_rate_and_no_median() -> None:
    """No eligible thread: no rate; no response: no median (``None``)."""
    empty = compute(SketchedResponseCombiner(), [[], []])
    assert (None, None, 0) == (empty.rate, empty.median(), empty.eligible)
