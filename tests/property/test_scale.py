"""The combine contract's laws, for every accumulator carekit ships.

"For random merge trees over random partitions (any shape, empty partitions
included), the result equals the single pass, for every accumulator";
"``merge`` leaves its inputs unchanged"; "pickled and plain-data
accumulators merge to the same result" (issue 16).
"""

import pickle
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit.scale import (
    Combiner,
    JointCombiner,
    MethodCombiner,
    ResponseCombiner,
    fold,
)
from carekit.testing import strategies as cks

pytest.importorskip("ddsketch")

from carekit.scale import QuantileSketch, SketchedResponseCombiner, SketchedStats

Rows = list[tuple[int, float, int]]


def _state(accumulator: Any) -> Any:
    """Everything an accumulator holds, as plain data."""
    if isinstance(accumulator, tuple):  # a JointCombiner's or a sketched one
        return tuple(_state(part) for part in accumulator)
    return accumulator.to_data()


def _by_conversation(rows: Rows, places: Sequence[int], parts: int) -> list[Rows]:
    """*rows* cut into *parts* partitions, each conversation in one of them
    (``places[cid]``), keeping each conversation's order."""
    out: list[Rows] = [[] for _ in range(parts)]
    for row in rows:
        out[places[row[0]] % parts].append(row)
    return out


def _anywhere(
    items: list[float], places: Sequence[int], parts: int
) -> list[list[float]]:
    out: list[list[float]] = [[] for _ in range(parts)]
    for i, item in enumerate(items):
        out[places[i % len(places)] % parts].append(item)
    return out


def _merge_tree(
    data: st.DataObject, combiner: Combiner[Any, Any, Any], accumulators: list[Any]
) -> Any:
    """Merge *accumulators* in a random tree shape (any pair, either order)."""
    pool = list(accumulators)
    while len(pool) > 1:
        i = data.draw(st.integers(0, len(pool) - 1))
        first = pool.pop(i)
        j = data.draw(st.integers(0, len(pool) - 1))
        second = pool.pop(j)
        pool.append(combiner.merge(first, second))
    return pool[0]


partitions = st.integers(1, 6)
places = st.lists(st.integers(0, 5), min_size=1, max_size=12)
policies = cks.response_policies()
aways = cks.away_periods()
response_cases = st.builds(
    lambda policy, away: ResponseCombiner(policy, away), policies, aways
)
values = st.lists(
    st.floats(0, 1e7, allow_nan=False) | st.sampled_from([0.0, 1.0, 86_400.0]),
    max_size=40,
)
accuracies = st.sampled_from([0.01, 0.02, 0.05, 0.001])


def _sketches(accuracy: float) -> MethodCombiner[QuantileSketch]:
    return MethodCombiner(partial(QuantileSketch, relative_accuracy=accuracy))


@given(
    data=st.data(),
    combiner=response_cases,
    rows=cks.response_rows(max_size=6),
    where=places,
    parts=partitions,
)
def test_response_merge_trees_equal_the_single_pass(
    data: st.DataObject,
    combiner: ResponseCombiner,
    rows: Rows,
    where: list[int],
    parts: int,
) -> None:
    """Responsiveness: any merge tree over any split by conversation (empty
    partitions included) extracts the single pass's statistics."""
    pieces = _by_conversation(rows, where * 6, parts)
    merged = _merge_tree(data, combiner, [fold(combiner, p) for p in pieces])
    assert combiner.extract(fold(combiner, rows)) == combiner.extract(merged)


@given(
    data=st.data(),
    combiner=response_cases,
    rows=cks.response_rows(max_size=6),
    where=places,
    parts=partitions,
    until=st.integers(0, 4 * 86_400),
)
def test_joint_merge_trees_equal_the_single_pass(
    data: st.DataObject,
    combiner: ResponseCombiner,
    rows: Rows,
    where: list[int],
    parts: int,
    until: int,
) -> None:
    """Several aggregates in one pass (here responsiveness, and the same
    as of a past moment): the tuple of results of any merge tree equals the
    single pass, and each part equals its own combiner's single pass."""
    as_of = ResponseCombiner(
        combiner.policy, combiner.away, until=946_684_800.0 + until
    )
    joint = JointCombiner(combiner, as_of)
    pieces = _by_conversation(rows, where * 6, parts)
    merged = _merge_tree(data, joint, [fold(joint, p) for p in pieces])
    single = joint.extract(fold(joint, rows))
    assert single == joint.extract(merged)
    assert single == (
        combiner.extract(fold(combiner, rows)),
        as_of.extract(fold(as_of, rows)),
    )
    first, second = (fold(joint, p) for p in _by_conversation(rows, where * 6, 2))
    _check_pure_merge(joint, first, second)


@given(
    data=st.data(),
    accuracy=accuracies,
    items=values,
    where=places,
    parts=partitions,
)
def test_sketch_merge_trees_equal_the_single_pass(
    data: st.DataObject,
    accuracy: float,
    items: list[float],
    where: list[int],
    parts: int,
) -> None:
    """Quantile sketches: any merge tree over any partition holds the same
    buckets as one sketch of every value, so every quantile agrees."""
    combiner = _sketches(accuracy)
    pieces = _anywhere(items, where, parts)
    merged = _merge_tree(data, combiner, [fold(combiner, p) for p in pieces])
    single = combiner.extract(fold(combiner, items))
    assert single == combiner.extract(merged)
    assert single.percentile(90) == merged.percentile(90)


def _check_pure_merge(
    combiner: Combiner[Any, Any, Any], first: Any, second: Any
) -> None:
    before = (_state(first), _state(second))
    merged = combiner.merge(first, second)
    assert before == (_state(first), _state(second))
    assert merged is not first
    assert merged is not second


@given(combiner=response_cases, rows=cks.response_rows(max_size=6), where=places)
def test_response_merge_leaves_its_inputs_unchanged(
    combiner: ResponseCombiner, rows: Rows, where: list[int]
) -> None:
    """``merge`` is pure: both inputs hold the same state afterwards."""
    first, second = (fold(combiner, p) for p in _by_conversation(rows, where * 6, 2))
    _check_pure_merge(combiner, first, second)
    merged = combiner.merge(first, second)
    state = (_state(first), _state(second))
    combiner.add(merged, (999, 946_684_800.0, 0))
    assert state == (_state(first), _state(second))


@given(accuracy=accuracies, items=values, where=places)
def test_sketch_merge_leaves_its_inputs_unchanged(
    accuracy: float, items: list[float], where: list[int]
) -> None:
    """``merge`` is pure for sketches, and the merged sketch shares no
    bucket with its inputs."""
    combiner = _sketches(accuracy)
    first, second = (fold(combiner, p) for p in _anywhere(items, where, 2))
    _check_pure_merge(combiner, first, second)
    merged = combiner.merge(first, second)
    state = (_state(first), _state(second))
    combiner.add(merged, 5.0)
    assert state == (_state(first), _state(second))


def _round_trips(accumulator: Any, rebuild: Callable[[Any], Any]) -> list[Any]:
    return [
        accumulator,
        pickle.loads(pickle.dumps(accumulator)),
        rebuild(accumulator.to_data()),
    ]


@given(combiner=response_cases, rows=cks.response_rows(max_size=6), where=places)
def test_pickled_and_plain_response_accumulators_merge_alike(
    combiner: ResponseCombiner, rows: Rows, where: list[int]
) -> None:
    """An accumulator that crossed a process (pickle) or a checkpoint (plain
    data) merges to the same result as the original."""
    first, second = (fold(combiner, p) for p in _by_conversation(rows, where * 6, 2))
    rebuild = type(first).from_data
    expected = combiner.extract(combiner.merge(first, second))
    for a in _round_trips(first, rebuild):
        for b in _round_trips(second, rebuild):
            assert expected == combiner.extract(combiner.merge(a, b))
            assert _state(combiner.merge(first, second)) == _state(combiner.merge(a, b))


@given(accuracy=accuracies, items=values, where=places)
def test_pickled_and_plain_sketches_merge_alike(
    accuracy: float, items: list[float], where: list[int]
) -> None:
    """Sketches through pickle or plain data merge to the same buckets."""
    combiner = _sketches(accuracy)
    first, second = (fold(combiner, p) for p in _anywhere(items, where, 2))
    expected = combiner.merge(first, second)
    for a in _round_trips(first, QuantileSketch.from_data):
        for b in _round_trips(second, QuantileSketch.from_data):
            assert expected == combiner.merge(a, b)


sketched_cases = st.builds(
    lambda policy, away, accuracy: SketchedResponseCombiner(
        ResponseCombiner(policy, away), relative_accuracy=accuracy
    ),
    policies,
    aways,
    accuracies,
)


@given(
    data=st.data(),
    combiner=sketched_cases,
    rows=cks.response_rows(max_size=6),
    where=places,
    parts=partitions,
)
def test_sketched_merge_trees_equal_the_single_pass(
    data: st.DataObject,
    combiner: SketchedResponseCombiner,
    rows: Rows,
    where: list[int],
    parts: int,
) -> None:
    """Approximate responsiveness: any merge tree holds the single pass's
    counts and the same sketch buckets; the counts equal the exact ones."""
    pieces = _by_conversation(rows, where * 6, parts)
    merged = _merge_tree(data, combiner, [fold(combiner, p) for p in pieces])
    single = combiner.extract(fold(combiner, rows))
    assert single == combiner.extract(merged)
    exact = combiner.response.extract(fold(combiner.response, rows))
    counts = (exact.eligible, exact.responded, exact.excluded_away, exact.pending)
    assert counts == (
        single.eligible,
        single.responded,
        single.excluded_away,
        single.pending,
    )


@given(combiner=sketched_cases, rows=cks.response_rows(max_size=6), where=places)
def test_sketched_merge_is_pure_and_round_trips(
    combiner: SketchedResponseCombiner, rows: Rows, where: list[int]
) -> None:
    """``merge`` leaves both inputs unchanged; pickled and plain-data
    accumulators merge to the same summary."""
    first, second = (fold(combiner, p) for p in _by_conversation(rows, where * 6, 2))
    _check_pure_merge(combiner, first, second)
    expected = combiner.extract(combiner.merge(first, second))

    def plain(acc: Any) -> Any:
        return (
            type(acc[0]).from_data(acc[0].to_data()),
            SketchedStats.from_data(acc[1].to_data()),
        )

    for a in (first, pickle.loads(pickle.dumps(first)), plain(first)):
        for b in (second, pickle.loads(pickle.dumps(second)), plain(second)):
            assert expected == combiner.extract(combiner.merge(a, b))
