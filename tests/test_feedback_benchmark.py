"""The feedback benchmark measures what it says: on a small run, carekit's
bulk CSAT by agent, the plain loop and polars agree on every agent."""

import pytest
from benchmarks import feedback as bench


def test_the_three_implementations_agree() -> None:
    """ "All three must agree on every agent": same counts, score and rate."""
    pytest.importorskip("polars")
    rows = bench.generate(2_000, agents=5, seed=3)
    expected = bench.run_loop(rows)
    assert 6 == len(expected)  # five agents and the uncredited
    assert expected == bench.run_carekit(rows)
    assert expected == bench.run_polars(rows)


def test_the_rows_are_what_the_benchmark_promises() -> None:
    """About a tenth uncredited, about 60 % answered, ratings 1 to 5."""
    rows = bench.generate(5_000, agents=50, seed=1)
    uncredited = sum(1 for agent, _ in rows if agent is None) / len(rows)
    answered = [rating for _, rating in rows if rating is not None]
    assert 0.08 < uncredited < 0.12
    assert 0.55 < len(answered) / len(rows) < 0.65
    assert {1, 2, 3, 4, 5} == set(answered)
