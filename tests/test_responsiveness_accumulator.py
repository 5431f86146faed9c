"""Bulk, streaming and partitioned computation ("Computation must
work in one batch over a history and incrementally, one message at a time,
with state that can be merged across partitions")."""

import datetime as dt
import pickle
from array import array
from collections.abc import Hashable
from typing import Any

import pytest

from carekit import Interval, IntervalSet, InvalidValue
from carekit.responsiveness import (
    AwayRule,
    ResponseAccumulator,
    ResponseRules,
    ResponseStats,
    Role,
    measure_columns,
    measure_rows,
)

C, A, X, N = Role.CUSTOMER, Role.AGENT, Role.AUTOMATED, Role.INTERNAL
HOUR, DAY = 3600.0, 86400.0

ROWS: list[tuple[Hashable, float, int]] = [
    ("a", 0.0, C),
    ("b", 10.0, C),
    ("a", 1.0 * HOUR, A),
    ("c", 2.0 * HOUR, C),
    ("b", 2.5 * HOUR, X),
    ("c", 3.0 * HOUR, N),
    ("a", 2.0 * DAY, C),
    ("a", 2.0 * DAY + 60, A),
]


def test_streaming_one_at_a_time_equals_bulk() -> None:
    acc = ResponseAccumulator()
    for cid, t, role in ROWS:
        acc.add(cid, t, role)
    assert measure_rows(ROWS) == acc.stats()
    assert 3 == acc.conversations


def test_columns_equal_rows() -> None:
    ids, times, roles = zip(*ROWS, strict=True)
    assert measure_rows(ROWS) == measure_columns(ids, times, roles)
    assert measure_rows(ROWS) == measure_columns(
        list(ids), array("d", times), (int(r) for r in roles)
    )


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        measure_columns(["a", "a"], [1.0], [0, 1])
    assert "times" == info.value.field


def test_feed_returns_the_accumulator_for_chaining() -> None:
    acc = ResponseAccumulator()
    assert acc is acc.feed(ROWS[:3])
    assert measure_rows(ROWS) == acc.feed(ROWS[3:]).stats()


def test_open_threads_are_pending_while_inside_the_window() -> None:
    """``stats(as_of)``: a thread that could still be answered in time is
    pending, neither answered nor failed; ``stats()`` treats the data as
    complete."""
    acc = ResponseAccumulator().feed([("a", 0.0, C), ("b", 0.0, C), ("b", 5.0, A)])
    assert ResponseStats(1, 1, response_times=[5.0], pending=1) == acc.stats(60.0)
    assert ResponseStats(2, 1, response_times=[5.0]) == acc.stats(DAY + 1)
    assert ResponseStats(2, 1, response_times=[5.0]) == acc.stats()


def test_as_of_may_be_an_aware_datetime() -> None:
    acc = ResponseAccumulator().feed([("a", 0.0, C)])
    moment = dt.datetime(1970, 1, 1, 0, 1, tzinfo=dt.UTC)
    assert 1 == acc.stats(moment).pending
    with pytest.raises(InvalidValue) as info:
        acc.stats(dt.datetime(1970, 1, 1))
    assert "as_of" == info.value.field


def test_since_counts_only_later_threads_but_keeps_the_silence_rule() -> None:
    """Threads before ``since`` are not counted, yet their messages still
    break the silence."""
    rows = [("a", 0.0, C), ("a", 20 * HOUR, A), ("a", 30 * HOUR, C), ("b", DAY, C)]
    assert ResponseStats(1, 0) == measure_rows(rows, since=DAY)


def test_until_skips_later_rows_and_reports_as_of_it() -> None:
    rows = [("a", 0.0, C), ("a", 100.0, A), ("b", 50.0, C), ("b", 300.0, A)]
    assert ResponseStats(1, 1, response_times=[100.0], pending=1) == measure_rows(
        rows, until=200.0
    )


def test_merge_of_partitions_by_conversation_equals_one_pass() -> None:
    left = ResponseAccumulator().feed(r for r in ROWS if r[0] == "a")
    right = ResponseAccumulator().feed(r for r in ROWS if r[0] != "a")
    assert measure_rows(ROWS) == left.merge(right).stats()
    assert measure_rows(ROWS) == right.merge(left).stats()
    assert 2 == left.stats().eligible  # inputs are unchanged


def test_merge_refuses_a_conversation_in_both_partitions() -> None:
    left = ResponseAccumulator().feed(ROWS[:2])
    right = ResponseAccumulator().feed(ROWS[2:])
    with pytest.raises(InvalidValue) as info:
        left.merge(right)
    assert "other" == info.value.field
    assert "split by conversation" in info.value.rule


def test_merge_refuses_different_settings() -> None:
    defer = ResponseAccumulator(ResponseRules(away=AwayRule.DEFER))
    with pytest.raises(InvalidValue):
        ResponseAccumulator().merge(defer)
    with pytest.raises(InvalidValue):
        ResponseAccumulator().merge(ResponseAccumulator(away=[(0.0, 1.0)]))
    with pytest.raises(InvalidValue):
        ResponseAccumulator().merge("acc")  # type: ignore[arg-type]


def test_accumulator_pickles_for_distributed_engines() -> None:
    acc = ResponseAccumulator(away=[(0.0, 5.0)]).feed(ROWS)
    copy = pickle.loads(pickle.dumps(acc))
    assert acc.stats() == copy.stats()
    assert acc.away == copy.away


def test_away_accepts_intervals_and_normalizes() -> None:
    utc = dt.UTC
    start = dt.datetime(1970, 1, 1, tzinfo=utc)
    periods = IntervalSet.of(Interval(start, start + dt.timedelta(hours=1)))
    acc = ResponseAccumulator(away=periods)
    assert ((0.0, HOUR),) == acc.away
    pairs = ResponseAccumulator(away=[(5.0, 9.0), (0.0, 5.0), (7.0, 7.0), (20, 30)])
    assert ((0.0, 9.0), (20, 30)) == pairs.away


@pytest.mark.parametrize(
    "away",
    [[(5.0, 1.0)], [(0.0, float("inf"))], [(0.0,)], [("a", "b")], "away", [(True, 2)]],
)
def test_malformed_away_periods_are_refused(away: Any) -> None:
    with pytest.raises(InvalidValue) as info:
        ResponseAccumulator(away=away)
    assert info.value.field.startswith("away")


@pytest.mark.parametrize(
    ("rows", "field", "words"),
    [
        ([("a", 5.0, C), ("a", 4.0, A)], "rows[1].time", "time goes back"),
        ([("a", 5.0, C), ("a", 4.0, N)], "rows[1].time", "time goes back"),
        ([("a", 5.0, C), ("a", float("nan"), A)], "rows[1].time", "finite"),
        ([("a", float("inf"), C)], "rows[0].time", "finite"),
        ([("a", float("-inf"), X)], "rows[0].time", "finite"),
        ([("a", 1.0, 5)], "rows[0].role", "role"),
        ([("a", 1.0, "0")], "rows[0].role", "role"),
        ([(["a"], 1.0, C)], "rows[0].conversation_id", "hashable"),
        ([("a", "1.0", C)], "rows[0].time", "real number"),
        ([("a", 1.0)], "rows[0].conversation_id", "row must be"),
    ],
)
def test_bad_rows_are_refused_naming_the_row(
    rows: list[Any], field: str, words: str
) -> None:
    """ "Out-of-order time within a conversation → InvalidValue naming the row";
    nothing is silently dropped."""
    with pytest.raises(InvalidValue) as info:
        measure_rows(rows)
    assert field == info.value.field
    assert words in info.value.rule


def test_columns_name_the_column_at_fault() -> None:
    with pytest.raises(InvalidValue) as info:
        measure_columns(["a", "a"], [5.0, 4.0], [C, A])
    assert "times[1]" == info.value.field
    with pytest.raises(InvalidValue) as info:
        measure_columns(["a"], [5.0], [9])
    assert "roles[0]" == info.value.field
    with pytest.raises(InvalidValue) as info:
        measure_columns([["a"]], [5.0], [0])  # type: ignore[list-item]
    assert "conversation_ids[0]" == info.value.field


def test_rows_before_a_bad_row_stay_applied() -> None:
    acc = ResponseAccumulator()
    with pytest.raises(InvalidValue):
        acc.feed([("a", 0.0, C), ("a", 60.0, A), ("b", 1.0, C), ("b", 0.0, A)])
    assert ResponseStats(2, 1, response_times=[60.0]) == acc.stats()


def test_errors_of_the_callers_iterator_pass_through() -> None:
    def broken() -> Any:
        yield ("a", 0.0, C)
        raise ValueError("database went away")

    with pytest.raises(ValueError, match="database went away") as info:
        ResponseAccumulator().feed(broken())
    assert not isinstance(info.value, InvalidValue)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("a", float("nan"), C), "t"),
        (("a", "x", C), "t"),
        ((["a"], 1.0, C), "conversation_id"),
        (("a", 1.0, 7), "role"),
    ],
)
def test_add_refuses_bad_messages_and_stays_unchanged(
    args: tuple[Any, Any, Any], field: str
) -> None:
    acc = ResponseAccumulator().feed([("a", 5.0, C)])
    with pytest.raises(InvalidValue) as info:
        acc.add(*args)
    assert field == info.value.field
    assert ResponseStats(1, 0) == acc.stats()


def test_add_refuses_time_going_back() -> None:
    acc = ResponseAccumulator()
    acc.add("a", 5.0, C)
    with pytest.raises(InvalidValue) as info:
        acc.add("a", 4.0, A)
    assert "t" == info.value.field


def test_policy_must_be_a_response_policy() -> None:
    with pytest.raises(InvalidValue) as info:
        ResponseAccumulator("24h")  # type: ignore[arg-type]
    assert "policy" == info.value.field


@pytest.mark.parametrize("value", [float("nan"), "yesterday", True])
def test_since_must_be_a_finite_time(value: Any) -> None:
    with pytest.raises(InvalidValue) as info:
        ResponseAccumulator(since=value)
    assert "since" == info.value.field


def test_repr_shows_the_counts() -> None:
    acc = ResponseAccumulator().feed(ROWS)
    assert "eligible=4" in repr(acc)


def test_forget_drops_only_conversations_that_cannot_change_anything() -> None:
    acc = ResponseAccumulator().feed(
        [
            ("done", 0.0, C),
            ("done", 60.0, A),  # answered, quiet since 60 s
            ("open", 100.0, C),  # unanswered: its window closes at 100 s + 24 h
            ("recent", DAY, C),
        ]
    )
    assert 0 == acc.forget(DAY)  # "done" has been quiet for < 24 h
    assert 1 == acc.forget(DAY + 60)
    assert 0 == acc.forget(DAY + 100)  # "open" could still be answered in time
    assert 1 == acc.forget(DAY + 101)
    assert 1 == acc.conversations
    assert ResponseStats(3, 1, response_times=[60.0]) == acc.stats()
    with pytest.raises(InvalidValue) as info:
        acc.forget(float("nan"))
    assert "before" == info.value.field


def test_forget_needs_a_time() -> None:
    with pytest.raises(InvalidValue) as info:
        ResponseAccumulator().forget(None)  # type: ignore[arg-type]
    assert "before" == info.value.field
