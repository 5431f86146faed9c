"""The thread kernel (``carekit._threads``) through the public entry points:
exact time, strict rows, automation that never moves a metric, and one
regression test per counterexample found against the previous engine."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from carekit import _threads
from carekit.away import AwaySchedule
from carekit.business_hours import BusinessCalendar, OpeningHours
from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    Direction,
    MessageKind,
    Visibility,
)
from carekit.errors import InvalidValue
from carekit.intervals import Interval, IntervalSet
from carekit.responsiveness import (
    EvaluationWindow,
    FastestMean,
    ResponseAccumulator,
    ResponseStats,
    Role,
    measure_columns,
    measure_conversations,
    measure_rows,
)

C, A, B, X, N = 0, 1, 2, 3, 4
#: pandas' missing value, whose comparisons give NA and whose truth raises.
NA: Any = __import__("pandas").NA
DAY = 86400.0
UTC = dt.UTC
IN = (Direction.INBOUND, AuthorKind.CUSTOMER, MessageKind.REPLY, Visibility.PRIVATE)
OUT = (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.REPLY, Visibility.PRIVATE)


def conversation(*records: tuple[str, dt.datetime, tuple[Any, ...]]) -> Conversation:
    return Conversation.from_records(
        "c1",
        Channel.MESSENGER,
        customer_id="u1",
        records=[(ident, moment, *kinds) for ident, moment, kinds in records],
    )


# -- exact time ---------------------------------------------------------------


def test_a_reply_1_us_later_at_5159_is_counted_to_the_microsecond() -> None:
    """Regression: a customer message at 5159-01-01Z answered 1 µs later,
    with ``until`` 1 µs after the reply, gave ``eligible=0`` (the datetime
    bound went through a float of seconds). Datetimes are exact integer
    microseconds now."""
    opened = dt.datetime(5159, 1, 1, tzinfo=UTC)
    tick = dt.timedelta(microseconds=1)
    page = [conversation(("m1", opened, IN), ("m2", opened + tick, OUT))]
    stats = measure_conversations(page, until=opened + 2 * tick)
    assert ResponseStats(1, 1, response_times=[1e-6]) == stats


def test_bounds_outside_the_years_1_to_9999_name_the_argument() -> None:
    """Regression: a time of ``10**400`` raised ``OverflowError`` in ``add``,
    ``since``, ``forget`` and away bounds, and was accepted in rows."""
    huge = 10**400
    calls: list[tuple[Callable[[], object], str]] = [
        (lambda: measure_rows([("c", huge, C)]), "rows[0].time"),
        (lambda: measure_rows([], since=huge), "since"),
        (lambda: measure_rows([], until=-huge), "until"),
        (lambda: ResponseAccumulator().add("c", huge, C), "t"),
        (lambda: ResponseAccumulator().forget(huge), "before"),
        (lambda: measure_rows([], away=[(0, huge)]), "away[0].end"),
        (lambda: measure_rows([], since=float("inf")), "since"),
        (lambda: measure_rows([], since=300_000_000_000), "since"),
    ]
    for call, field in calls:
        with pytest.raises(InvalidValue) as info:
            call()
        assert field == info.value.field


def test_a_bound_as_a_datetime_is_exact_even_at_the_edges_of_time() -> None:
    """Years 1 and 9999 are valid bounds, in any zone that keeps them there."""
    first = dt.datetime(1, 1, 1, tzinfo=UTC)
    last = dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    page = [conversation(("m1", first, IN), ("m2", last, OUT))]
    assert ResponseStats(1, 0) == measure_conversations(page, since=first, until=last)
    ahead = dt.timezone(dt.timedelta(hours=5))
    with pytest.raises(InvalidValue) as info:
        measure_rows([], since=dt.datetime(1, 1, 1, tzinfo=ahead))
    assert "since" == info.value.field


def test_row_times_keep_a_floats_precision_and_ints_are_exact() -> None:
    """Rows give epoch seconds as real numbers; ints, floats, fractions and
    NumPy numbers give one answer."""
    plain = measure_rows([("c", 0.0, C), ("c", 90.0, A)])
    times: list[tuple[Any, Any]] = [
        (0, 90),
        (Fraction(0), Fraction(90)),
        (np.float64(0), np.int64(90)),
    ]
    for t0, t1 in times:
        assert plain == measure_rows([("c", t0, C), ("c", t1, A)])


# -- strict rows -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "part"),
    [
        (("c", 0.0, False), "role"),
        (("c", 0.0, True), "role"),
        (("c", 0.0, 1.0), "role"),
        (("c", 0.0, Decimal(1)), "role"),
        (("c", 0.0, None), "role"),
        (("c", 0.0, 7), "role"),
        (("c", True, C), "time"),
        (("c", Decimal("1.5"), C), "time"),
        (("c", None, A), "time"),
        (("c", NA, A), "time"),
        (("c", float("nan"), N), "time"),
        (("c", 10**30, X), "time"),
        (("c", "12", A), "time"),
        (("c", 1.0), "conversation_id"),
        (([], 1.0, C), "conversation_id"),
        (("c", 1.0, C, "extra"), "conversation_id"),
    ],
)
def test_a_bad_row_is_refused_naming_the_row_and_the_part(
    row: tuple[Any, ...], part: str
) -> None:
    """Bools, floats and Decimals as roles, bools, Decimals and huge ints as
    times, and malformed rows were accepted or raised builtin errors."""
    rows = [("ok", 0.0, C), row]
    with pytest.raises(InvalidValue) as info:
        measure_rows(rows)
    assert f"rows[1].{part}" == info.value.field
    if len(row) == 3:
        with pytest.raises(InvalidValue):
            ResponseAccumulator().add(*row)


def test_a_row_back_in_time_after_a_skipped_row_is_refused() -> None:
    """Regression: ``[("c",0,0),("c",200,1),("c",50,1)]`` with ``until=100``
    gave a 50 s response: the row at 200 was skipped and forgotten."""
    rows = [("c", 0.0, C), ("c", 200.0, A), ("c", 50.0, A)]
    with pytest.raises(InvalidValue) as info:
        measure_rows(rows, until=100.0)
    assert "rows[2].time" == info.value.field
    assert "time goes back" in info.value.rule


def test_a_row_back_in_time_after_an_automatic_message_is_refused() -> None:
    """Messages that change no metric still keep the time order."""
    with pytest.raises(InvalidValue) as info:
        measure_rows([("c", 0.0, C), ("c", 100.0, X), ("c", 50.0, A)])
    assert "rows[2].time" == info.value.field


@pytest.mark.parametrize("ids", ["ab", b"ab", {"a", "b"}, frozenset("ab"), {"a": 1}])
def test_an_id_column_given_as_a_str_or_a_set_is_refused(ids: Any) -> None:
    """Regression: ``measure_columns("ab", ...)`` split the str into ids, and
    set columns (no order) were accepted."""
    with pytest.raises(InvalidValue) as info:
        measure_columns(ids, [0.0, 1.0], [C, A])
    assert "conversation_ids" == info.value.field


def test_a_set_of_times_or_roles_is_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        measure_columns(["a", "a"], {0.0, 1.0}, [C, A])
    assert "times" == info.value.field
    with pytest.raises(InvalidValue) as info:
        measure_columns(["a", "a"], [0.0, 1.0], {C, A})
    assert "roles" == info.value.field


def test_columns_name_the_column_and_index_at_fault() -> None:
    with pytest.raises(InvalidValue) as info:
        measure_columns(["a", "a", "a"], [0.0, 1.0, 2.0], [C, A, True])
    assert "roles[2]" == info.value.field


# -- automation never moves a metric -------------------------------------------------


def test_an_instant_reply_does_not_merge_two_threads() -> None:
    """Regression: ``[("c",0,0),("c",86400.5,0),("c",86460,1)]`` gives 2
    eligible threads, 1 responded; an instant reply at 1 s made it 1 and 0,
    so a page could suppress unanswered threads with automatic check-ins."""
    rows = [("c", 0.0, C), ("c", 86400.5, C), ("c", 86460.0, A)]
    expected = ResponseStats(2, 1, response_times=[59.5])
    assert expected == measure_rows(rows)
    assert expected == measure_rows([rows[0], ("c", 1.0, X), *rows[1:]])


def test_a_bot_message_that_does_not_count_does_not_break_the_silence() -> None:
    """Only customer and answering messages do; a bot answers (and breaks
    the silence) only when the policy counts bots."""
    rows = [("c", 0.0, C), ("c", 1.0, B), ("c", DAY, C)]
    assert 2 == measure_rows(rows).eligible


# -- the kernel itself ----------------------------------------------------------------


def test_the_kernel_reports_who_answered_each_thread() -> None:
    """Per-thread facts (start, effective start, answer, its row and role)
    for code that credits agents."""
    rules = _threads.ThreadRules(
        unit=_threads.SECONDS,
        silence=DAY,
        window=DAY,
        away_starts=(100.0,),
        away_ends=(200.0,),
        defer=True,
    )
    rows = [("a", 0.0, C), ("b", 150.0, C), ("a", 60.0, A), ("b", 250.0, Role.AGENT)]
    events: list[tuple[Any, ...]] = []
    _threads.scan(rules, _threads.Tally(), rows, events)
    assert [
        _threads.ThreadFact("a", 0.0, 0.0, 60.0, 2, A),
        _threads.ThreadFact("b", 150.0, 200.0, 250.0, 3, A),
    ] == _threads.thread_facts(events)


def test_scan_over_a_generator_counts_rows_across_chunks() -> None:
    """Row indices in errors count from 0 over the whole iterable."""
    count = 70_000
    rows = ((i, float(i), C) for i in range(count))
    with pytest.raises(InvalidValue) as info:
        ResponseAccumulator().feed(
            row if row[0] != count - 1 else (row[0], row[1], 9) for row in rows
        )
    assert f"rows[{count - 1}].role" == info.value.field


# -- bounds that protect against runaway or late builtin errors ------------------------


def test_an_evaluation_window_longer_than_time_is_refused_up_front() -> None:
    """Regression: ``EvaluationWindow(days=10**400)`` raised ``OverflowError``
    when a decision used it."""
    with pytest.raises(InvalidValue) as info:
        EvaluationWindow(days=10**400)
    assert "days" == info.value.field
    assert EvaluationWindow(days=3_652_059).days == 3_652_059


@pytest.mark.parametrize(
    "start",
    [dt.datetime(1, 1, 1, tzinfo=UTC), dt.datetime(9999, 12, 31, 23, 0, tzinfo=UTC)],
)
def test_an_away_schedule_at_year_1_or_9999_gives_a_result(start: dt.datetime) -> None:
    """Regression: an away schedule at year 1 or 9999 in the conversation
    path raised ``OverflowError`` (the span asked of the schedule left the
    years a datetime holds). It now ends at the last instant there is."""
    end = start + dt.timedelta(minutes=30)
    page = [conversation(("m1", start, IN), ("m2", end, OUT))]
    manual = AwaySchedule(IntervalSet.of(Interval(start, end)))
    hours = [OpeningHours(day, dt.time(9), end=dt.time(17)) for day in range(5)]
    nights = AwaySchedule(calendar=BusinessCalendar("Pacific/Kiritimati", hours=hours))
    for schedule in (manual, nights):
        assert ResponseStats(0, 0, 1) == measure_conversations(page, away=schedule)


def test_a_numpy_share_is_refused_when_the_aggregate_is_built() -> None:
    """Regression: ``FastestMean(np.float64(0.9))`` passed validation, then
    failed with ``ValueError: Invalid literal for Fraction`` when evaluated."""
    with pytest.raises(InvalidValue) as info:
        FastestMean(np.float64(0.9))
    assert "share" == info.value.field
    assert "NumPy" in info.value.rule
