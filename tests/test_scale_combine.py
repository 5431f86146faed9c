"""The combine contract on one process: ``create``, ``add``, ``merge``,
``extract`` for responsiveness and for any accumulator with that method
shape (issue 16, item 1)."""

import pickle
from functools import partial

import pytest

from carekit.errors import InvalidValue
from carekit.responsiveness import (
    ResponseAccumulator,
    ResponseRules,
    Role,
    measure_rows,
)
from carekit.scale import (
    BatchCombiner,
    Combiner,
    JointCombiner,
    MethodCombiner,
    ResponseCombiner,
    compute,
    fold,
    merge_all,
)

ROWS = [
    ("a", 0.0, Role.CUSTOMER),
    ("b", 10.0, Role.CUSTOMER),
    ("a", 90.0, Role.AGENT),
    ("c", 100.0, Role.CUSTOMER),
    ("c", 101.0, Role.AUTOMATED),
    ("b", 400.0, Role.AGENT),
]


class Count:
    """An accumulator of the method shape, with no carekit base class."""

    def __init__(self) -> None:
        self.n = 0

    def add(self, item: object) -> "Count":
        self.n += 1
        return self

    def merge(self, other: "Count") -> "Count":
        both = Count()
        both.n = self.n + other.n
        return both

    def extract(self) -> int:
        return self.n


def test_response_combiner_equals_measure_rows_over_partitions() -> None:
    """ "Accumulators over partitions split by conversation merge exactly":
    three partitions (one empty) give ``measure_rows``'s statistics."""
    parts = [[r for r in ROWS if r[0] == "a"], [], [r for r in ROWS if r[0] != "a"]]
    assert measure_rows(ROWS) == compute(ResponseCombiner(), parts)


def test_response_combiner_add_is_the_accumulator_add() -> None:
    """``add(acc, row)`` applies one row and returns the same accumulator."""
    combiner = ResponseCombiner()
    accumulator = combiner.create()
    for row in ROWS:
        assert accumulator is combiner.add(accumulator, row)
    assert measure_rows(ROWS) == combiner.extract(accumulator)


def test_each_partition_starts_from_a_fresh_accumulator() -> None:
    """ "Each partition must start from a fresh accumulator": ``create`` never
    hands out the same object twice."""
    combiner = ResponseCombiner()
    assert combiner.create() is not combiner.create()
    assert 1 == fold(combiner, [ROWS[0]]).conversations
    assert 1 == fold(combiner, [ROWS[1]]).conversations


def test_a_conversation_in_two_partitions_is_refused() -> None:
    """Partitions must be split by conversation: a conversation in both is
    an ``InvalidValue``, never a wrong answer."""
    combiner = ResponseCombiner()
    with pytest.raises(InvalidValue, match="split by conversation"):
        compute(combiner, [ROWS[:3], ROWS[3:]])


def test_response_combiner_settings_are_checked_and_normalized() -> None:
    """The settings are validated at construction, and kept as the
    accumulator keeps them (away periods sorted and merged)."""
    combiner = ResponseCombiner(away=[(50.0, 60.0), (0.0, 55.0)], since=0, until=500)
    assert ((0.0, 60.0),) == combiner.away
    assert (0.0, 500.0) == (combiner.since, combiner.until)
    assert ResponseRules() == combiner.policy
    with pytest.raises(InvalidValue) as error:
        ResponseCombiner(away=[(60.0, 50.0)])
    assert "away[0]" == error.value.field
    with pytest.raises(InvalidValue):
        ResponseCombiner(since=float("nan"))


def test_until_reports_as_of_it_like_measure_rows() -> None:
    """``extract`` reports as of ``until``, as ``measure_rows(until=...)``."""
    combiner = ResponseCombiner(until=50.0)
    assert measure_rows(ROWS, until=50.0) == compute(combiner, [ROWS])


def test_method_combiner_serves_any_accumulator_of_that_shape() -> None:
    """One generic wrapper: ``add(item)``, ``merge(other)``, ``extract()``."""
    combiner: Combiner[object, Count, int] = MethodCombiner(Count)
    assert 5 == compute(combiner, [[1, 2], [], [3, 4, 5]])
    assert 0 == compute(combiner, [])


def test_method_combiner_refuses_a_factory_that_is_not_callable() -> None:
    """The factory builds each fresh accumulator: it must be callable."""
    with pytest.raises(InvalidValue) as error:
        MethodCombiner(Count())  # type: ignore[arg-type]
    assert "factory" == error.value.field


def test_combiners_pickle() -> None:
    """Combiners cross process boundaries (a cluster pickles each task)."""
    combiner = ResponseCombiner(away=[(0.0, 5.0)])
    assert combiner == pickle.loads(pickle.dumps(combiner))
    wrapped = MethodCombiner(partial(Count))
    assert 2 == compute(pickle.loads(pickle.dumps(wrapped)), [[1], [2]])


def test_fold_uses_the_batch_path_when_there_is_one() -> None:
    """``ResponseCombiner`` has ``add_all`` (``feed``): a ``BatchCombiner``."""
    assert isinstance(ResponseCombiner(), BatchCombiner)
    assert not isinstance(MethodCombiner(Count), BatchCombiner)


def test_merge_all_of_nothing_is_a_fresh_accumulator() -> None:
    """An empty merge gives ``create()``: the identity of ``merge``."""
    assert 0 == merge_all(ResponseCombiner(), []).conversations


def test_response_accumulator_plain_data_round_trips() -> None:
    """ "Their plain-data form round-trips": ``from_data(to_data())`` holds the
    same settings and state, and goes on to give the same answer."""
    accumulator = ResponseAccumulator(away=[(5.0, 8.0)], since=1.0).feed(ROWS[:4])
    data = accumulator.to_data()
    copy = ResponseAccumulator.from_data(data)
    assert data == copy.to_data()
    assert accumulator.rules == copy.rules
    for acc in (accumulator, copy):
        acc.feed(ROWS[4:])
    assert accumulator.stats() == copy.stats()


def test_plain_data_refuses_what_it_cannot_write_or_read() -> None:
    """Only str and int ids have a plain form; bad data is an
    ``InvalidValue`` naming the key."""
    with pytest.raises(InvalidValue) as error:
        ResponseAccumulator().feed([(("a", 1), 0.0, 0)]).to_data()
    assert "conversations" == error.value.field
    good = ResponseAccumulator().feed(ROWS).to_data()
    for key, bad in [
        ("times", [-1.0, 2.0]),
        ("eligible", True),
        ("conversations", [["a", 1.0], ["a", 2.0]]),
        ("policy", {"window": 0}),
        ("since", float("inf")),
    ]:
        with pytest.raises(InvalidValue) as error:
            ResponseAccumulator.from_data({**good, key: bad})
        assert key == error.value.field.split("[")[0].split(".")[0]
    with pytest.raises(InvalidValue):
        ResponseAccumulator.from_data({**good, "extra": 1})


def test_a_joint_combiner_runs_several_aggregates_in_one_pass() -> None:
    """Each item goes to every combiner; results come back in order."""
    joint = JointCombiner(ResponseCombiner(), MethodCombiner(Count))
    parts = [[r for r in ROWS if r[0] == "a"], [r for r in ROWS if r[0] != "a"]]
    assert (measure_rows(ROWS), 6) == compute(joint, parts)
    assert isinstance(joint, BatchCombiner)
    accumulator = joint.add(joint.create(), ROWS[0])
    assert 1 == accumulator[1].n
    assert joint == pickle.loads(pickle.dumps(joint))


def test_a_joint_combiner_takes_two_or_more_combiners() -> None:
    """One combiner alone needs no joint; each must have the four methods."""
    with pytest.raises(InvalidValue):
        JointCombiner(ResponseCombiner())
    with pytest.raises(InvalidValue) as error:
        JointCombiner(ResponseCombiner(), Count())  # type: ignore[arg-type]
    assert "combiners[1]" == error.value.field
