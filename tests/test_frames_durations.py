"""The analytics' response times on a frame, rule by rule.

The rules are those of ``docs/analytics.md``, quoted per test; every
backend must give what ``carekit.analytics.response_rows`` gives.
"""

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any
from unittest import mock

import duckdb
import polars as pl
import pytest

from carekit.analytics import (
    ByAgent,
    Count,
    ResponseKind,
    ResponseTimeRules,
    breakdown,
    resolution_rows,
    response_durations,
    response_rows,
)
from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue
from carekit.frames import (
    agent_breakdown,
    resolution_times_frame,
    response_times_frame,
)
from carekit.messages import AuthorKind, Direction, Message, MessageKind
from carekit.responsiveness import Mean, Percentile, Role
from carekit.tickets import TicketStatus

C, A, B, AUTO, NOTE = (int(role) for role in Role)
DAY = 86_400.0
T0 = 946_684_800.0  # 2000-01-01T00:00Z
Row = tuple[str, float, int, str | None]

BACKENDS: dict[str, Callable[[pl.DataFrame], Any]] = {
    "polars": lambda frame: frame,
    "polars-lazy": pl.DataFrame.lazy,
    "pandas": pl.DataFrame.to_pandas,
    "pyarrow": pl.DataFrame.to_arrow,
}


def frame_of(rows: list[Row]) -> pl.DataFrame:
    return pl.DataFrame(
        [(c, T0 + t, r, a) for c, t, r, a in rows],
        schema={
            "conversation_id": pl.String,
            "time": pl.Float64,
            "role": pl.Int8,
            "author_id": pl.String,
        },
        orient="row",
    )


def polars_of(result: Any) -> pl.DataFrame:
    if isinstance(result, pl.DataFrame):
        return result
    if hasattr(result, "to_pandas") and not hasattr(result, "iloc"):
        return pl.from_arrow(result)  # type: ignore[return-value]
    return pl.from_pandas(result)


@pytest.fixture(params=sorted(BACKENDS))
def responses(request: pytest.FixtureRequest) -> Callable[..., list[tuple[Any, ...]]]:
    """``response_times_frame`` on the rows through one backend, as
    ``(conversation, kind, agent, seconds)`` tuples; checked against the
    pure ``response_rows`` on the same rows."""
    make = BACKENDS[request.param]

    def run(rows: list[Row], **options: Any) -> list[tuple[Any, ...]]:
        result = response_times_frame(make(frame_of(rows)), epoch="s", **options)
        got = polars_of(result).rows()
        firsts, nexts = response_rows(
            [(c, T0 + t, r, a) for c, t, r, a in rows], **options
        )
        pure = [(c, "first", a, s) for c, a, s, _ in firsts]
        pure += [(c, "next", a, s) for c, a, s, _ in nexts]
        assert sorted(pure, key=repr) == sorted(got, key=repr)
        return got

    return run


def test_a_bot_reply_then_a_human_frt_comes_from_the_human(
    responses: Callable[..., list[tuple[Any, ...]]],
) -> None:
    """ "Bot replies count only with count_bots=True": the first response is
    the human's."""
    rows: list[Row] = [("c1", 0, C, None), ("c1", 10, B, "bot"), ("c1", 300, A, "ann")]
    assert [("c1", "first", "ann", 300.0)] == responses(rows)
    counted = responses(rows, policy=ResponseTimeRules(count_bots=True))
    assert [("c1", "first", "bot", 10.0)] == counted


def test_a_burst_is_timed_from_its_first_message(
    responses: Callable[..., list[tuple[Any, ...]]],
) -> None:
    """ "A burst of customer messages is timed from its first message"."""
    rows: list[Row] = [("c1", 0, C, None), ("c1", 50, C, None), ("c1", 90, C, None)]
    assert [("c1", "first", "ann", 120.0)] == responses([*rows, ("c1", 120, A, "ann")])


def test_next_response_is_timed_from_the_first_unanswered_message(
    responses: Callable[..., list[tuple[Any, ...]]],
) -> None:
    """ "The first customer message after a response starts a wait; the next
    qualifying response ends it. Further customer messages before the
    answer do not restart the wait"; automatic messages and notes never
    count."""
    rows: list[Row] = [
        ("c1", 0, C, None),
        ("c1", 60, A, "ann"),
        ("c1", 100, C, None),
        ("c1", 110, AUTO, "ann"),
        ("c1", 150, C, None),
        ("c1", 200, NOTE, "ann"),
        ("c1", 400, A, "bob"),
        ("c1", 500, A, "bob"),
    ]
    assert [("c1", "first", "ann", 60.0), ("c1", "next", "bob", 300.0)] == responses(
        rows
    )


def test_24_hours_of_silence_open_a_new_thread(
    responses: Callable[..., list[tuple[Any, ...]]],
) -> None:
    """ "A customer message after 24 h of silence opens a new thread: it is
    timed as a first response, never as a next one"; 24 h - 1 s does not."""
    rows: list[Row] = [("c1", 0, C, None), ("c1", 60, A, "ann")]
    later: list[Row] = [("c1", 60 + DAY, C, None), ("c1", 90 + DAY, A, "bob")]
    assert [("c1", "first", "ann", 60.0), ("c1", "first", "bob", 30.0)] == responses(
        rows + later
    )
    sooner: list[Row] = [("c1", 59 + DAY, C, None), ("c1", 89 + DAY, A, "bob")]
    assert [("c1", "first", "ann", 60.0), ("c1", "next", "bob", 30.0)] == responses(
        rows + sooner
    )


def test_a_wait_open_at_the_silence_ends_unanswered(
    responses: Callable[..., list[tuple[Any, ...]]],
) -> None:
    """ "A wait still open then ends unanswered"."""
    rows: list[Row] = [
        ("c1", 0, C, None),
        ("c1", 60, A, "ann"),
        ("c1", 100, C, None),
        ("c1", 100 + DAY, C, None),
        ("c1", 200 + DAY, A, "bob"),
    ]
    assert [("c1", "first", "ann", 60.0), ("c1", "first", "bob", 100.0)] == responses(
        rows
    )


def test_a_page_opened_conversation_has_no_response_until_a_thread(
    responses: Callable[..., list[tuple[Any, ...]]],
) -> None:
    """A thread starts at a customer message that opens a conversation or
    follows 24 h of silence: a reply to the page's own message is none."""
    rows: list[Row] = [("c1", 0, A, "ann"), ("c1", 10, C, None), ("c1", 20, A, "ann")]
    assert [] == responses(rows)


def test_the_tie_rule_and_the_sequence_column() -> None:
    """At equal times the customer's message comes first (a reply stamped
    with its second answers it in 0 s), replies at one instant in the order
    of their agent, nulls first; a sequence column orders them instead."""
    frame = frame_of([("c1", 5, A, "bob"), ("c1", 5, A, "ann"), ("c1", 5, C, None)])
    assert [("c1", "first", "ann", 0.0)] == response_times_frame(
        frame, epoch="s"
    ).rows()
    numbered = frame.with_columns(seq=pl.Series([0, 1, 2]))
    ordered = response_times_frame(numbered, epoch="s", sequence="seq")
    assert [] == ordered.rows()  # the replies come before the customer's message


def test_message_columns_and_datetimes_give_the_models_durations() -> None:
    """Direction/author/kind columns map as ``role_of``; aware datetimes
    count in exact microseconds, as ``response_durations`` counts."""
    at = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
    steps = [
        (0, Direction.INBOUND, AuthorKind.CUSTOMER, MessageKind.REPLY, None),
        (0, Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.INSTANT_REPLY, "ann"),
        (1.5, Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.REPLY, "ann"),
        (2, Direction.INBOUND, AuthorKind.CUSTOMER, MessageKind.REPLY, None),
        (2.25, Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.PRIVATE_NOTE, "bob"),
        (3.000001, Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.REPLY, "bob"),
    ]
    messages = [
        Message(f"m{i}", at + dt.timedelta(seconds=s), d, a, kind=k, author_id=who)
        for i, (s, d, a, k, who) in enumerate(steps)
    ]
    chat = Conversation("c1", Channel.MESSENGER, customer_id="u1", messages=messages)
    frame = pl.DataFrame(
        {
            "conversation_id": ["c1"] * len(messages),
            "time": [m.timestamp for m in messages],
            "direction": [m.direction.value for m in messages],
            "author": [m.author.value for m in messages],
            "kind": [m.kind.value for m in messages],
            "author_id": [m.author_id for m in messages],
        }
    )
    got = response_times_frame(frame, roles=("direction", "author", "kind"))
    pure = [
        (d.conversation_id, d.kind.value, d.agent, d.seconds)
        for d in response_durations([chat])
    ]
    assert [("c1", "first", "ann", 1.5), ("c1", "next", "bob", 1.000001)] == pure
    assert pure == got.rows()


def test_the_result_is_a_frame_of_the_inputs_library() -> None:
    """pandas in, pandas out; Arrow in, Arrow out; also without polars."""
    frame = frame_of([("c1", 0, C, None), ("c1", 7, A, "ann")])
    assert (
        type(response_times_frame(frame.to_pandas(), epoch="s")).__name__ == "DataFrame"
    )
    assert type(response_times_frame(frame.to_arrow(), epoch="s")).__name__ == "Table"
    with mock.patch.dict(sys.modules, {"polars": None}):
        table = response_times_frame(frame.to_arrow(), epoch="s")
        assert [7.0] == table.column("seconds").to_pylist()
        assert ["first"] == table.column("kind").to_pylist()


@pytest.mark.parametrize(
    ("change", "options", "field"),
    [
        (lambda f: f.drop("author_id"), {}, "author_id"),
        (lambda f: f.drop("role"), {}, "role"),
        (
            lambda f: f.with_columns(conversation_id=pl.lit(None, pl.String)),
            {},
            "conversation_id",
        ),
        (lambda f: f.with_columns(role=pl.lit(9, pl.Int8)), {}, "role"),
        (lambda f: f, {"agent": ""}, "agent"),
        (lambda f: f, {"policy": object()}, "policy.silence"),
    ],
)
def test_bad_frames_raise_naming_the_column(
    change: Callable[[pl.DataFrame], pl.DataFrame], options: dict[str, Any], field: str
) -> None:
    """Bad frames raise carekit errors naming the column (or the setting)."""
    frame = change(frame_of([("c1", 0, C, None), ("c1", 7, A, "ann")]))
    for make in BACKENDS.values():
        with pytest.raises(InvalidValue) as caught:
            response_times_frame(make(frame), epoch="s", **options)
        assert field == caught.value.field


def test_unsupported_frames_are_refused() -> None:
    """DuckDB relations and non-frames are refused, naming ``frame``."""
    relation = duckdb.from_arrow(frame_of([("c1", 0, C, None)]).to_arrow())
    for bad in (relation, [("c1", 0.0, 0, None)]):
        with pytest.raises(InvalidValue) as caught:
            response_times_frame(bad, epoch="s")
        assert "frame" == caught.value.field


def test_agent_breakdown_equals_the_pure_breakdown() -> None:
    """ "breakdown takes any statistic (Median() by default, Mean(),
    Percentile(p), Count())": per agent, from the frame's responses, the
    same figures as ``breakdown(durations, ByAgent())``."""
    rows: list[Row] = [
        ("c1", 0, C, None),
        ("c1", 60, A, "ann"),
        ("c1", 100, C, None),
        ("c1", 130, A, "bob"),
        ("c2", 0, C, None),
        ("c2", 45, A, "ann"),
        ("c3", 0, C, None),
        ("c3", 1, A, "ann"),
        ("c4", 0, C, None),
        ("c4", 7, A, None),
    ]
    frame = frame_of(rows)
    chats = [
        Conversation(
            cid,
            Channel.MESSENGER,
            customer_id="u",
            messages=[
                Message(
                    f"m{i}",
                    dt.datetime.fromtimestamp(T0 + t, dt.UTC),
                    Direction.INBOUND if r == C else Direction.OUTBOUND,
                    AuthorKind.CUSTOMER if r == C else AuthorKind.AGENT,
                    author_id=a,
                )
                for i, (c, t, r, a) in enumerate(rows)
                if c == cid
            ],
        )
        for cid in ("c1", "c2", "c3", "c4")
    ]
    durations = response_durations(chats)
    for make in BACKENDS.values():
        responses = response_times_frame(make(frame), epoch="s")
        if isinstance(responses, pl.LazyFrame):  # pragma: no cover - never lazy
            responses = responses.collect()
        for statistic in (None, Mean(), Percentile(90.0), Count()):
            for kind in ResponseKind:
                pure = breakdown(
                    [d for d in durations if d.kind is kind],
                    ByAgent(),
                    statistic=statistic,
                )
                assert pure == agent_breakdown(
                    responses, kind=kind, statistic=statistic
                )
    assert {"ann": 45.0, None: 7.0} == agent_breakdown(
        response_times_frame(frame, epoch="s")
    )
    with pytest.raises(InvalidValue) as caught:
        agent_breakdown(frame)
    assert "kind" == caught.value.field


def status_frame(rows: list[tuple[str, float, str, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "ticket_id": pl.String,
            "time": pl.Float64,
            "status": pl.String,
            "by": pl.String,
        },
        orient="row",
    )


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_resolution_cycles_on_a_frame(backend: str) -> None:
    """ "A resolution cycle runs from the ticket's creation, or from a reopen
    (a move out of RESOLVED, except to CLOSED), to the next move into
    RESOLVED"; "first resolution: creation → first resolved; full
    resolution: creation → last resolved"; the ticket is credited to the
    agent of its last resolution; a ticket never resolved has no row."""
    rows = [
        ("t1", 0.0, "new", None),
        ("t1", 30.0, "open", "ann"),
        ("t1", 40.0, "open", "ann"),  # no change
        ("t1", 60.0, "resolved", "ann"),
        ("t1", 90.0, "open", "bob"),  # a reopen
        ("t1", 150.0, "resolved", "bob"),
        ("t2", 0.0, "open", None),
        ("t2", 10.0, "resolved", "cy"),
        ("t2", 20.0, "closed", "cy"),
        ("t2", 30.0, "open", "cy"),  # out of CLOSED: no new cycle
        ("t2", 40.0, "resolved", "dan"),
        ("t3", 0.0, "new", None),
        ("t3", 5.0, "pending", "ann"),
    ]
    got = polars_of(
        resolution_times_frame(BACKENDS[backend](status_frame(rows)), epoch="s")
    )
    pure = resolution_rows([(k, t, TicketStatus(s), b) for k, t, s, b in rows])
    assert [(k, a, len(c), f, full) for k, a, c, f, full, _, _ in pure] == got.rows()
    assert [("t1", "bob", 2, 60.0, 150.0), ("t2", "cy", 1, 10.0, 10.0)] == got.rows()


def test_resolution_ties_keep_the_frames_order_or_the_sequence() -> None:
    """Events at equal times keep the frame's row order, unless a sequence
    column orders them."""
    rows = [
        ("t1", 0.0, "new", None),
        ("t1", 9.0, "resolved", "ann"),
        ("t1", 9.0, "open", "bob"),  # after the resolution: a reopen
        ("t1", 20.0, "resolved", "bob"),
    ]
    frame = status_frame(rows)
    got = resolution_times_frame(frame, epoch="s").rows()
    assert [("t1", "bob", 2, 9.0, 20.0)] == got
    numbered = frame.with_columns(seq=pl.Series([0, 2, 1, 3]))
    ordered = resolution_times_frame(numbered, epoch="s", sequence="seq").rows()
    assert [("t1", "ann", 1, 9.0, 9.0)] == ordered  # opened, then resolved


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda f: f.drop("by"), "by"),
        (lambda f: f.with_columns(status=pl.lit("solved")), "status"),
        (lambda f: f.with_columns(status=pl.lit(1)), "status"),
        (lambda f: f.with_columns(ticket_id=pl.lit(None, pl.String)), "ticket_id"),
        (lambda f: f.with_columns(time=pl.lit(float("nan"))), "time"),
    ],
)
def test_bad_status_frames_raise_naming_the_column(
    change: Callable[[pl.DataFrame], pl.DataFrame], field: str
) -> None:
    """Bad frames raise carekit errors naming the column."""
    frame = change(
        status_frame([("t1", 0.0, "new", None), ("t1", 9.0, "resolved", "ann")])
    )
    for make in BACKENDS.values():
        with pytest.raises(InvalidValue) as caught:
            resolution_times_frame(make(frame), epoch="s")
        assert field == caught.value.field
