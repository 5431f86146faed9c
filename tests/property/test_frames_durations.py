"""``response_times_frame`` gives the responses of the pure
``carekit.analytics.response_rows`` (``resolution_times_frame`` the
tickets of ``resolution_rows``), exactly, on polars and pandas (and
without polars): "one row per response with conversation id, kind
(first/next), agent and seconds — exactly equal to
``carekit.analytics.response_rows`` on the same data".

A frame has no row order, so the rows given to the pure path are put in the
frame's order first: conversation, time, customer rows before answering
rows at the same instant (the tie rule), then the agent (nulls first). The
frame itself is shuffled.
"""

import sys
from collections.abc import Callable
from typing import Any
from unittest import mock

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carekit.analytics import (
    ResponseKind,
    ResponseTimeRules,
    resolution_rows,
    response_rows,
)
from carekit.frames import resolution_times_frame, response_times_frame
from carekit.tickets import TicketStatus

DAY = 86_400.0
Row = tuple[str, float, int, str | None]

#: Times from a small set, so that ties, bursts and the 24 h silence (and
#: 24 h - 1 s) all come up in few examples.
STEPS = st.sampled_from([0.0, 0.0, 1.0, 30.0, DAY - 1, DAY, 2 * DAY])
ROWS = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c"]),
        STEPS,
        st.integers(min_value=0, max_value=4),
        st.sampled_from([None, "ann", "bob"]),
    ),
    max_size=24,
)


def pure_order(rows: list[Row], count_bots: bool) -> list[Row]:
    """The rows in the frame's order: cumulative times per conversation,
    then the tie rule and the agent (nulls first)."""
    clock: dict[str, float] = {}
    timed = []
    for cid, step, role, agent in rows:
        clock[cid] = clock.get(cid, 1_000_000.0) + step
        timed.append((cid, clock[cid], role, agent))
    answering = {1, 2} if count_bots else {1}

    def key(row: Row) -> tuple[Any, ...]:
        cid, t, role, agent = row
        return (cid, t, role in answering, agent is not None, agent or "")

    return sorted(timed, key=key)


def expected(rows: list[Row], count_bots: bool) -> list[tuple[Any, ...]]:
    firsts, nexts = response_rows(rows, policy=ResponseTimeRules(count_bots=count_bots))
    return sorted(
        [(c, ResponseKind.FIRST.value, a, s) for c, a, s, _ in firsts]
        + [(c, ResponseKind.NEXT.value, a, s) for c, a, s, _ in nexts],
        key=repr,
    )


def polars_rows(result: Any) -> list[tuple[Any, ...]]:
    return sorted(pl.DataFrame(result).rows(), key=repr)


def pandas_rows(result: Any) -> list[tuple[Any, ...]]:
    frame = result.astype(object).where(result.notna(), None)
    return sorted(map(tuple, frame.itertuples(index=False)), key=repr)


BACKENDS: dict[str, tuple[Callable[[pl.DataFrame], Any], Callable[[Any], Any]]] = {
    "polars": (lambda frame: frame, polars_rows),
    "polars-lazy": (pl.DataFrame.lazy, polars_rows),
    "pandas": (pl.DataFrame.to_pandas, pandas_rows),
}


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize("count_bots", [False, True])
@settings(max_examples=25, deadline=None)
@given(rows=ROWS, seed=st.randoms(use_true_random=False))
def test_frame_responses_equal_the_pure_rows(
    backend: str, count_bots: bool, rows: list[Row], seed: Any
) -> None:
    ordered = pure_order(rows, count_bots)
    shuffled = list(ordered)
    seed.shuffle(shuffled)
    frame = pl.DataFrame(
        shuffled,
        schema={
            "conversation_id": pl.String,
            "time": pl.Float64,
            "role": pl.Int8,
            "author_id": pl.String,
        },
        orient="row",
    )
    make, read = BACKENDS[backend]
    result = response_times_frame(
        make(frame), epoch="s", policy=ResponseTimeRules(count_bots=count_bots)
    )
    assert expected(ordered, count_bots) == read(result)


@settings(max_examples=25, deadline=None)
@given(rows=ROWS)
def test_pandas_without_polars_equals_the_pure_rows(rows: list[Row]) -> None:
    ordered = pure_order(rows, count_bots=False)
    frame = pl.DataFrame(
        ordered,
        schema={
            "conversation_id": pl.String,
            "time": pl.Float64,
            "role": pl.Int8,
            "author_id": pl.String,
        },
        orient="row",
    ).to_pandas()
    with mock.patch.dict(sys.modules, {"polars": None}):
        result = response_times_frame(frame, epoch="s")
    assert expected(ordered, count_bots=False) == pandas_rows(result)


STATUS_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["t1", "t2"]),
        st.sampled_from([0.0, 0.0, 1.0, 60.0]),
        st.sampled_from([status.value for status in TicketStatus]),
        st.sampled_from([None, "ann", "bob"]),
    ),
    max_size=16,
)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@settings(max_examples=25, deadline=None)
@given(rows=STATUS_ROWS, seed=st.randoms(use_true_random=False))
def test_frame_resolutions_equal_the_pure_rows(
    backend: str, rows: list[Row], seed: Any
) -> None:
    """ "TTR per ticket from a frame of ticket status events equal to
    ``carekit.analytics.resolution_rows``": equal times are ordered by the
    sequence column, the frame is shuffled."""
    clock: dict[str, float] = {}
    timed = []
    for number, (ticket, step, status, by) in enumerate(rows):
        clock[ticket] = clock.get(ticket, 1_000_000.0) + step
        timed.append((ticket, clock[ticket], number, status, by))
    timed.sort()
    pure = resolution_rows([(k, t, TicketStatus(s), b) for k, t, _, s, b in timed])
    expected_rows = sorted(
        [
            (k, agent, len(cycles), first, full)
            for k, agent, cycles, first, full, _, _ in pure
        ],
        key=repr,
    )
    shuffled = list(timed)
    seed.shuffle(shuffled)
    frame = pl.DataFrame(
        shuffled,
        schema={
            "ticket_id": pl.String,
            "time": pl.Float64,
            "seq": pl.Int64,
            "status": pl.String,
            "by": pl.String,
        },
        orient="row",
    )
    make, read = BACKENDS[backend]
    result = resolution_times_frame(make(frame), epoch="s", sequence="seq")
    assert expected_rows == read(result)
