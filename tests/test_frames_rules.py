"""Each responsiveness rule, on a frame, on every backend.

The rules are those of ``docs/responsiveness.md``, quoted per test; the
frame path must give what the pure kernel gives.
"""

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any
from unittest import mock

import dask.dataframe as dd
import polars as pl
import pytest

from carekit.frames import measure_frame
from carekit.responsiveness import (
    AwayRule,
    ResponseRules,
    ResponseStats,
    Role,
    measure_rows,
)
from tests._frames import BACKENDS

C, A, B, AUTO, NOTE = (int(role) for role in Role)
DAY = 86_400.0
T0 = 946_684_800.0  # 2000-01-01T00:00Z


Rows = list[tuple[Any, float, int]]


def frame_of(rows: Rows) -> pl.DataFrame:
    """Rows ``(conversation, epoch seconds, role)`` as a polars frame."""
    return pl.DataFrame(
        {
            "conversation_id": [str(c) for c, _, _ in rows],
            "time": [T0 + t for _, t, _ in rows],
            "role": [r for _, _, r in rows],
        },
        schema={"conversation_id": pl.String, "time": pl.Float64, "role": pl.Int8},
    )


@pytest.fixture(params=sorted(BACKENDS))
def measure(request: pytest.FixtureRequest) -> Callable[..., ResponseStats]:
    """``measure_frame`` on the rows, through one backend."""
    make = BACKENDS[request.param]

    def run(rows: Rows, **options: Any) -> ResponseStats:
        return measure_frame(make(frame_of(rows)), epoch="s", **options)

    return run


def kernel(rows: Rows, **options: Any) -> ResponseStats:
    """The pure kernel on the same rows."""
    return measure_rows([(str(c), T0 + t, r) for c, t, r in rows], **options)


def test_24_hours_of_silence_split_threads(
    measure: Callable[..., ResponseStats],
) -> None:
    """ "A thread starts at a customer message that ... follows at least 24 h
    with no message either way": exactly 24 h later is a new thread."""
    rows = [("c", 0.0, C), ("c", 60.0, A), ("c", 60.0 + DAY, C), ("c", 120 + DAY, A)]
    stats = measure(rows)
    assert kernel(rows) == stats
    assert 2 == stats.eligible
    assert (60.0, 60.0) == stats.response_times


def test_24_hours_less_a_second_does_not_split(
    measure: Callable[..., ResponseStats],
) -> None:
    """24 h − 1 s after the last message is the same thread: no new start,
    and the agent's later reply answers nothing new."""
    rows = [("c", 0.0, C), ("c", 60.0, A), ("c", 59.0 + DAY, C), ("c", 120 + DAY, A)]
    stats = measure(rows)
    assert kernel(rows) == stats
    assert (1, 1, (60.0,)) == (stats.eligible, stats.responded, stats.response_times)


def test_the_away_period_is_half_open(measure: Callable[..., ResponseStats]) -> None:
    """ "A thread that starts while the page is away is left out"; an away
    period ``[start, end)`` holds its start and not its end."""
    rows = [("in", 100.0, C), ("in", 200.0, A), ("end", 500.0, C), ("end", 560.0, A)]
    away = [(T0 + 100.0, T0 + 500.0)]
    stats = measure(rows, away=away)
    assert kernel(rows, away=away) == stats
    assert (1, 1, (60.0,)) == (
        stats.excluded_away,
        stats.eligible,
        stats.response_times,
    )
    deferred = ResponseRules(away=AwayRule.DEFER)
    later = measure(rows, away=away, policy=deferred)
    assert kernel(rows, away=away, policy=deferred) == later
    # Timed from the end of the period: the 200 s reply came while away.
    assert (0.0, 60.0) == later.response_times


def test_a_burst_is_one_thread(measure: Callable[..., ResponseStats]) -> None:
    """Follow-ups within 24 h of the customer's first message do not start
    threads: the reply is timed from the first message of the burst."""
    rows = [("c", 0.0, C), ("c", 30.0, C), ("c", 45.0, C), ("c", 300.0, A)]
    stats = measure(rows)
    assert kernel(rows) == stats
    assert (1, (300.0,)) == (stats.eligible, stats.response_times)


def test_bots_do_not_answer_by_default(measure: Callable[..., ResponseStats]) -> None:
    """ "A qualifying response is ... sent by an agent (policy option:
    bots/API count too)": a bot reply answers only when counted."""
    rows = [("c", 0.0, C), ("c", 5.0, B), ("c", 600.0, A)]
    assert (600.0,) == measure(rows).response_times
    counted = ResponseRules(count_bots=True)
    assert kernel(rows, policy=counted) == measure(rows, policy=counted)
    assert (5.0,) == measure(rows, policy=counted).response_times


def test_automatic_messages_never_change_a_metric(
    measure: Callable[..., ResponseStats],
) -> None:
    """ "Automatic messages ... and private notes do not break the silence:
    automation never changes any metric." Adding them changes nothing."""
    human = [("c", 0.0, C), ("c", 400.0, A), ("c", 400.0 + DAY, C)]
    automated = [
        *human,
        ("c", 1.0, AUTO),
        ("c", 2.0, NOTE),
        ("c", 300.0 + DAY, AUTO),
        ("c", 401.0 + DAY, AUTO),
    ]
    assert measure(human) == measure(automated)
    assert kernel(human) == measure(automated)


def test_a_page_opened_conversation(measure: Callable[..., ResponseStats]) -> None:
    """The page writes first: its message breaks the silence, so the
    customer's answer within 24 h starts no thread."""
    rows = [("c", 0.0, A), ("c", 600.0, C), ("d", 0.0, A), ("d", DAY, C)]
    stats = measure(rows)
    assert kernel(rows) == stats
    assert (1, 0) == (stats.eligible, stats.responded)


def test_the_tie_rule_puts_the_customer_first(
    measure: Callable[..., ResponseStats],
) -> None:
    """A frame has no order: at equal times within a conversation, without a
    sequence column, the customer's message comes before the reply (a reply
    cannot precede what it answers), whatever the rows' order."""
    rows = [("c", 0.0, A), ("c", 0.0, C)]
    stats = measure(rows)
    assert kernel(list(reversed(rows))) == stats
    assert (1, (0.0,)) == (stats.responded, stats.response_times)


def test_a_sequence_column_orders_equal_times(
    measure: Callable[..., ResponseStats],
) -> None:
    """With a sequence column, equal times keep the sequence's order: the
    reply first, so it answers nothing (the kernel's "rows in given order")."""
    rows = [("c", 0.0, A), ("c", 0.0, C)]
    frame = frame_of(rows).with_columns(seq=pl.Series([0, 1]))
    stats = measure_frame(frame.sample(fraction=1.0, shuffle=True, seed=3), epoch="s")
    assert 1 == stats.responded
    ordered = measure_frame(frame.reverse(), epoch="s", sequence="seq")
    assert kernel(rows) == ordered
    assert 0 == ordered.responded


def test_until_reports_open_threads_as_pending(
    measure: Callable[..., ResponseStats],
) -> None:
    """ "Open threads that could still be answered in time at as_of are
    pending", and rows from ``until`` on are skipped."""
    rows = [("a", 0.0, C), ("b", 100.0, C), ("b", 200.0, A), ("c", 0.0, C)]
    until = T0 + 150.0
    stats = measure(rows, until=until, since=T0 + 50.0)
    assert kernel(rows, until=until, since=T0 + 50.0) == stats
    assert (0, 1) == (stats.eligible, stats.pending)


def test_times_in_milliseconds_and_datetimes_agree() -> None:
    """Epoch milliseconds and aware datetimes count exact microseconds, as
    ``measure_conversations`` does; seconds count as ``measure_rows``."""
    base = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    offsets = [0, 250, 86_400_250, 86_400_571]
    frame = pl.DataFrame(
        {
            "conversation_id": ["c"] * 4,
            "ms": [int(base.timestamp()) * 1000 + o for o in offsets],
            "role": ["customer", "agent", "customer", "agent"],
        }
    ).with_columns(at=pl.from_epoch("ms", time_unit="ms").dt.replace_time_zone("UTC"))
    by_ms = measure_frame(frame, time="ms", epoch="ms")
    by_datetime = measure_frame(frame, time="at")
    assert by_ms == by_datetime
    assert (0.25, 0.321) == by_ms.response_times


@pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")
def test_a_two_partition_dask_frame_gives_the_same_result() -> None:
    """ "Lazy stays lazy": a Dask dataframe in two partitions (one
    conversation split across them) gives the identical statistics."""
    rows = [
        ("a", 0.0, C),
        ("b", 10.0, C),
        ("a", 50.0, A),
        ("c", 20.0, A),
        ("b", 10.0 + DAY, C),
        ("c", 30.0, C),
        ("b", 15.0 + DAY, A),
        ("a", 60.0 + DAY, C),
    ]
    away = [(T0 + 5.0, T0 + 12.0)]
    policy = ResponseRules(away=AwayRule.DEFER)
    pandas_frame = frame_of(rows).to_pandas()
    dask_frame = dd.from_pandas(pandas_frame, npartitions=2, sort=False)  # type: ignore[no-untyped-call]
    assert 2 == dask_frame.npartitions
    stats = measure_frame(dask_frame, epoch="s", away=away, policy=policy)
    assert measure_frame(pandas_frame, epoch="s", away=away, policy=policy) == stats
    assert kernel(sorted(rows, key=lambda row: row[1]), away=away, policy=policy) == (
        stats
    )


@pytest.mark.parametrize(
    ("gap", "threads"),
    [(dt.timedelta(hours=24), 2), (dt.timedelta(hours=24, microseconds=-1), 1)],
)
def test_datetimes_are_exact_to_the_microsecond(
    gap: dt.timedelta, threads: int
) -> None:
    """Aware datetimes count whole microseconds: 24 h splits, 24 h − 1 µs
    does not, in any zone the column is shown in."""
    first = dt.datetime(2024, 3, 30, 23, 59, 59, 999_999, tzinfo=dt.UTC)
    frame = pl.DataFrame(
        {"conversation_id": ["c", "c"], "time": [first, first + gap], "role": [0, 0]},
        schema={
            "conversation_id": pl.String,
            "time": pl.Datetime("us", "UTC"),
            "role": pl.Int8,
        },
    ).with_columns(pl.col("time").dt.convert_time_zone("Europe/Berlin"))
    for make in BACKENDS.values():
        assert threads == measure_frame(make(frame)).eligible


@pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")
def test_pandas_and_dask_datetimes_in_a_named_zone() -> None:
    """A pandas datetime column in a named zone (which narwhals cannot type)
    counts the same instants, with polars, without it, and on Dask."""
    at = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    frame = pl.DataFrame(
        {
            "conversation_id": ["a", "a", "b", "b"],
            "time": [at, at + dt.timedelta(seconds=90), at, at + dt.timedelta(hours=1)],
            "role": ["customer", "agent", "customer", "bot"],
        }
    ).with_columns(pl.col("time").dt.convert_time_zone("America/New_York"))
    zoned = frame.to_pandas()
    assert "America/New_York" == str(zoned["time"].dtype.tz)
    expected = measure_frame(frame)
    assert (2, (90.0,)) == (expected.eligible, expected.response_times)
    assert expected == measure_frame(zoned)
    assert expected == measure_frame(dd.from_pandas(zoned, npartitions=2))  # type: ignore[no-untyped-call]
    with mock.patch.dict(sys.modules, {"polars": None}):
        assert expected == measure_frame(zoned)
