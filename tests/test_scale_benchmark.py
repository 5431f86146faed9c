"""The scale-out benchmark computes what the single process computes, so
``make bench`` compares like with like (run small, with the synchronous
scheduler: no cluster)."""

import argparse

import pytest

pytest.importorskip("dask")
pytest.importorskip("numpy")

from benchmarks import scaleout


@pytest.mark.parametrize("partitions", [1, 3])
def test_the_cluster_graph_equals_the_single_process(partitions: int) -> None:
    """The graph's responsiveness and per-agent medians equal one pass over
    every slice's rows (slices never share a conversation)."""
    import dask

    away = scaleout.away_periods(28)
    rows = [r for i in range(partitions) for r in scaleout.slice_rows(i, 60, 5)]
    expected = scaleout.single_process(rows, away)
    with dask.config.set(scheduler="sync"):
        result = scaleout.page_graph(partitions, 60, 5, away).compute()
    assert expected == result
    assert expected[0].responded > 0
    assert expected[1]


def test_the_sketch_section_meets_its_targets_at_a_small_size() -> None:
    """The sketch's quantiles are within 1 % and its state is small."""
    args = argparse.Namespace(values=50_000, seed=1)
    lines, met = scaleout.sketch_section(args)
    assert met, "\n".join(lines)
