"""The combine contract for every care-analytics and feedback accumulator,
through the one generic wrapper (``MethodCombiner``).

"For random merge trees over random partitions (any shape, empty partitions
included), the result equals the single pass, for every accumulator";
"``merge`` leaves its inputs unchanged"; "pickled and plain-data
accumulators merge to the same result" (issue 16).
"""

import pickle
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carekit.analytics import DurationAccumulator, GroupAccumulator, HandlingAccumulator
from carekit.feedback import (
    CommerceAccumulator,
    CsatAccumulator,
    NpsAccumulator,
    SentimentAccumulator,
    SurveyKind,
)
from carekit.scale import MethodCombiner, fold
from carekit.testing import strategies as cks
from tests.property._surveys import csat_histories

AGENTS = st.none() | st.sampled_from(["ana", "bo", "cy"])
SECONDS = st.floats(0, 1e6) | st.sampled_from([0.0, 60.0, 86_400.0])

#: name: (strategy of a factory, strategy of the items it adds). Handling
#: time counts disjoint tickets, so its tickets get distinct ids.
CASES: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[list[Any]]]] = {
    "duration": (
        cks.statistics().map(lambda s: partial(DurationAccumulator, s)),
        st.lists(SECONDS, max_size=25),
    ),
    "group": (
        cks.statistics().map(lambda s: partial(GroupAccumulator, s)),
        st.lists(st.tuples(st.sampled_from([None, "a", "b"]), SECONDS), max_size=25),
    ),
    "handling": (
        st.just(HandlingAccumulator),
        st.lists(cks.tickets(max_size=4), max_size=4, unique_by=lambda t: t.id),
    ),
    "csat": (
        st.just(CsatAccumulator),
        csat_histories(max_size=10),
    ),
    "nps": (
        st.just(NpsAccumulator),
        st.lists(
            cks.survey_responses(kinds=st.just(SurveyKind.NPS), agents=AGENTS),
            max_size=20,
        ),
    ),
    "sentiment": (
        st.just(SentimentAccumulator),
        st.lists(cks.conversation_sentiments(), max_size=20),
    ),
    "commerce": (
        st.just(CommerceAccumulator),
        st.lists(
            st.tuples(st.sampled_from(["shop", "deli"]), cks.commerce_satisfactions()),
            max_size=15,
        ),
    ),
}


def _case(
    data: st.DataObject, name: str
) -> tuple[MethodCombiner[Any], list[Any], list[list[Any]]]:
    """A combiner, its items, and the items dealt into 1-6 partitions (any of
    them possibly empty)."""
    factories, items_of = CASES[name]
    combiner: MethodCombiner[Any] = MethodCombiner(data.draw(factories))
    items = data.draw(items_of)
    parts = data.draw(st.integers(1, 6))
    places = data.draw(
        st.lists(st.integers(0, parts - 1), min_size=len(items), max_size=len(items))
    )
    pieces: list[list[Any]] = [[] for _ in range(parts)]
    if name == "csat":  # partitioned by conversation: a response goes with
        # its survey (the first item of the conversation picks the place)
        chosen: dict[str, int] = {}
        places = [
            chosen.setdefault(item.conversation_id, place)
            for item, place in zip(items, places, strict=True)
        ]
    for item, place in zip(items, places, strict=True):
        pieces[place].append(item)
    return combiner, items, pieces


def _tree(data: st.DataObject, combiner: MethodCombiner[Any], pool: list[Any]) -> Any:
    pool = list(pool)
    while len(pool) > 1:
        first = pool.pop(data.draw(st.integers(0, len(pool) - 1)))
        second = pool.pop(data.draw(st.integers(0, len(pool) - 1)))
        pool.append(combiner.merge(first, second))
    return pool[0]


def _rebuilt(accumulator: Any) -> list[Any]:
    """The accumulator, pickled and unpickled, and rebuilt from plain data."""
    rebuild: Callable[[Any], Any] = type(accumulator).from_data
    return [
        accumulator,
        pickle.loads(pickle.dumps(accumulator)),
        rebuild(accumulator.to_data()),
    ]


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=25)
@given(data=st.data())
def test_merge_trees_equal_the_single_pass(name: str, data: st.DataObject) -> None:
    """Any merge tree over any partition extracts the single pass's result
    and holds the same state."""
    combiner, items, pieces = _case(data, name)
    merged = _tree(data, combiner, [fold(combiner, piece) for piece in pieces])
    single = fold(combiner, items)
    assert combiner.extract(single) == combiner.extract(merged)
    assert single == merged


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=25)
@given(data=st.data())
def test_merge_leaves_its_inputs_unchanged(name: str, data: st.DataObject) -> None:
    """``merge`` is pure: the inputs hold the same plain data afterwards,
    also after the merged accumulator is added to."""
    combiner, items, pieces = _case(data, name)
    first, second = fold(combiner, pieces[0]), fold(combiner, items[len(pieces[0]) :])
    before = (first.to_data(), second.to_data())
    merged = combiner.merge(first, second)
    for item in items[:2]:
        combiner.add(merged, item)
    assert before == (first.to_data(), second.to_data())


@pytest.mark.parametrize("name", sorted(CASES))
@settings(max_examples=15)
@given(data=st.data())
def test_pickled_and_plain_accumulators_merge_alike(
    name: str, data: st.DataObject
) -> None:
    """An accumulator that crossed a process (pickle) or a checkpoint (plain
    data) merges to the same result as the original."""
    combiner, _, pieces = _case(data, name)
    first, second = (
        fold(combiner, pieces[0]),
        fold(combiner, pieces[-1] if len(pieces) > 1 else []),
    )
    expected = combiner.merge(first, second)
    for a in _rebuilt(first):
        for b in _rebuilt(second):
            assert expected == combiner.merge(a, b)
            assert combiner.extract(expected) == combiner.extract(combiner.merge(a, b))
