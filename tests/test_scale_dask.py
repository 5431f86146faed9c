"""Dask (``carekit[dask]``): "a page split into conversation-partitions, and
one split with conversations cut across partitions" give the single pass's
answer exactly (issue 16, item 2). The synchronous and threaded schedulers
keep these fast; one small in-process cluster checks the distributed path."""

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest

from carekit.errors import InvalidValue
from carekit.responsiveness import measure_rows
from carekit.scale import MethodCombiner, QuantileSketch, ResponseCombiner
from carekit.testing import strategies as cks

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")

from carekit.scale.dask import accumulate, measure  # noqa: E402

DAY = 86_400.0
AWAY = [(cks.EPOCH_2000 + 3_600.0, cks.EPOCH_2000 + 7_200.0)]
COMBINER = ResponseCombiner(away=AWAY)


def page(conversations: int = 120) -> list[tuple[int, float, int]]:
    """Rows of a small page, interleaved in time order, with threads opened
    in away time, bursts, automatic messages and late replies."""
    rows: list[tuple[int, float, int]] = []
    for cid in range(conversations):
        t = cks.EPOCH_2000 + (cid * 977) % 10_000
        for step, role in enumerate((0, 3, 0, 1, 4, 0, 2, 1)[: 2 + cid % 7]):
            t += (cid * 31 + step * 613) % (2 * 86_400 if cid % 11 == 0 else 4_000)
            rows.append((cid, float(t), role))
    rows.sort(key=lambda row: row[1])
    return rows


ROWS = page()
EXPECTED = measure_rows(ROWS, away=AWAY)


@pytest.fixture(params=["sync", "threads"])
def scheduler(request: pytest.FixtureRequest) -> Iterator[str]:
    with dask.config.set(scheduler=request.param):
        yield request.param


def by_conversation(parts: int) -> list[list[tuple[int, float, int]]]:
    out: list[list[tuple[int, float, int]]] = [[] for _ in range(parts)]
    for row in ROWS:
        out[row[0] % (parts - 1)].append(row)  # the last partition stays empty
    return out


def frame(rows: list[tuple[int, float, int]]) -> Any:
    return pd.DataFrame(rows, columns=["conversation_id", "time", "role"])


def test_the_fixture_page_is_not_trivial() -> None:
    """The page has answered, unanswered and away-excluded threads."""
    assert EXPECTED.responded > 0
    assert EXPECTED.eligible > EXPECTED.responded
    assert EXPECTED.excluded_away > 0


def test_a_bag_of_conversation_partitions(scheduler: str) -> None:
    """Partitions holding whole conversations (one empty) merge exactly,
    with no shuffle."""
    bag = db.from_delayed([dask.delayed(p) for p in by_conversation(5)])
    assert EXPECTED == measure(bag, COMBINER)


def test_a_bag_with_conversations_cut_across_partitions(scheduler: str) -> None:
    """Rows in time order cut into 7 partitions: every conversation spans
    several; repartitioning by conversation gives the exact answer."""
    bag = db.from_sequence(ROWS, npartitions=7)
    assert EXPECTED == measure(bag, COMBINER, conversations="cut")


def test_cut_conversations_without_repartitioning_are_refused(scheduler: str) -> None:
    """With ``conversations="whole"`` on a cut layout the merge refuses the
    conversation seen twice: never a wrong answer."""
    bag = db.from_sequence(ROWS, npartitions=7)
    with pytest.raises(InvalidValue, match="split by conversation"):
        measure(bag, COMBINER)


def test_a_frame_partitioned_by_conversation(scheduler: str) -> None:
    """A dataframe indexed by conversation id (sorted divisions): whole
    conversations per partition; the rows keep their order within each."""
    data = frame(ROWS).set_index("conversation_id", drop=False)
    data.index.name = None
    ordered = data.sort_index(kind="stable")
    ddf = dd.from_pandas(ordered, npartitions=4, sort=True)
    assert EXPECTED == measure(ddf, COMBINER)


def test_a_frame_with_conversations_cut_across_partitions(scheduler: str) -> None:
    """A dataframe in time order, cut into 5 partitions: exact after the
    repartition by conversation."""
    ddf = dd.from_pandas(frame(ROWS), npartitions=5, sort=False)
    assert EXPECTED == measure(ddf, COMBINER, conversations="cut")


def test_ties_keep_their_collection_order_across_partitions(scheduler: str) -> None:
    """Messages with equal timestamps keep their given order, even when they
    sit in different partitions: an answer then a customer at the same
    second differ from a customer then an answer."""
    rows = [(1, 0.0, 0), (1, 60.0, 1), (1, 60.0, 0), (1, 100.0, 1)]
    bag = db.from_sequence(rows, npartitions=4)
    assert measure_rows(rows) == measure(bag, conversations="cut")


def test_other_accumulators_run_too(scheduler: str) -> None:
    """Any combiner: response times into a quantile sketch."""
    times = [float(t) for t in range(1, 1001)]
    sketches = MethodCombiner(partial(QuantileSketch, relative_accuracy=0.01))
    result = measure(db.from_sequence(times, npartitions=6), sketches)
    assert 1000 == result.count
    median = result.median()
    assert median is not None
    assert abs(median - 500.0) <= 0.01 * 500.0


def test_accumulate_is_lazy_and_computes_with_others(scheduler: str) -> None:
    """``accumulate`` returns the merged accumulator unevaluated."""
    bag = db.from_delayed([dask.delayed(p) for p in by_conversation(3)])
    (accumulator,) = dask.compute(accumulate(bag, COMBINER))
    assert EXPECTED == COMBINER.extract(accumulator)


def test_bad_arguments_are_refused() -> None:
    """Only bags and frames; the conversation layout is named; frame columns
    must exist; merges take at least two."""
    bag = db.from_sequence(ROWS, npartitions=2)
    with pytest.raises(InvalidValue) as error:
        measure(ROWS, COMBINER)
    assert "collection" == error.value.field
    with pytest.raises(InvalidValue):
        measure(bag, COMBINER, conversations="split")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        measure(bag, COMBINER, split_every=1)
    ddf = dd.from_pandas(frame(ROWS), npartitions=2)
    with pytest.raises(InvalidValue) as error:
        measure(ddf, COMBINER, columns=("conversation_id", "at", "role"))
    assert "columns" == error.value.field


def test_an_in_process_distributed_cluster() -> None:
    """The distributed scheduler (an in-process ``LocalCluster``, tasks
    pickled between threads) gives the same answer, cut or not."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        bag = db.from_sequence(ROWS, npartitions=4)
        assert EXPECTED == measure(bag, COMBINER, conversations="cut")
        whole = db.from_delayed([dask.delayed(p) for p in by_conversation(3)])
        assert EXPECTED == measure(whole, COMBINER)


def plain_rows(rows: list[tuple[int, float, int, str]]) -> list[tuple[int, float, int]]:
    """Responsiveness rows from analytics rows (the author dropped)."""
    return [(cid, t, role) for cid, t, role, _ in rows]


def first_responses_by_agent(rows: list[tuple[int, float, int, str]]) -> list[Any]:
    """``(agent, seconds)`` of each first response (analytics' bulk path),
    for a partition of whole conversations."""
    from carekit.analytics import response_rows

    first, _ = response_rows(rows)
    return [(agent, seconds) for _, agent, seconds, _ in first]


def test_a_page_responsiveness_and_analytics_in_one_compute(scheduler: str) -> None:
    """ "Compute a page's responsiveness and analytics from a dask.bag": the
    same bag (conversations cut across partitions) gives the response rate
    and the per-agent median first response time in one ``dask.compute``,
    equal to one process."""
    from carekit.analytics import GroupAccumulator, response_rows

    rows = [(cid, t, role, f"agent{cid % 3}") for cid, t, role in ROWS]
    bag = db.from_sequence(rows, npartitions=6)
    by_agent = MethodCombiner(GroupAccumulator)
    lazy = (
        accumulate(bag, COMBINER, conversations="cut", prepare=plain_rows),
        accumulate(
            bag, by_agent, conversations="cut", prepare=first_responses_by_agent
        ),
    )
    responsiveness, agents = dask.compute(*lazy)
    first, _ = response_rows(rows)
    expected = GroupAccumulator().feed((agent, s) for _, agent, s, _ in first)
    assert EXPECTED == COMBINER.extract(responsiveness)
    assert expected.extract() == by_agent.extract(agents)
    assert 3 == len(by_agent.extract(agents))


def test_prepare_must_be_callable() -> None:
    """``prepare`` is a function of a partition's items."""
    bag = db.from_sequence(ROWS, npartitions=2)
    with pytest.raises(InvalidValue) as error:
        measure(bag, COMBINER, prepare=3)  # type: ignore[arg-type]
    assert "prepare" == error.value.field


def test_each_partition_folds_into_a_fresh_accumulator(scheduler: str) -> None:
    """The ``Bag.fold`` trap (one mutable initial accumulator shared by the
    partitions, measured returning 128,000 instead of 1,000): 1,000 values
    in 125 partitions are counted exactly 1,000 times."""
    sketches = MethodCombiner(QuantileSketch)
    bag = db.from_sequence([float(i) for i in range(1000)], partition_size=8)
    assert 1000 == measure(bag, sketches).count
