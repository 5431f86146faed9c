"""Work sessions (issue 12, Build 4): "recorded on tickets: agent, start, end,
each validated. One agent's sessions never overlap."
"""

import datetime as dt

import pytest

from carekit.errors import InvalidValue
from carekit.tickets import (
    LogWork,
    Open,
    Ticket,
    WorkSession,
    find_overlap,
    require_no_overlap,
)

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)
NOW = T0 + 600 * MIN


def session(agent: str, start: int, end: int) -> WorkSession:
    return WorkSession(agent, T0 + start * MIN, T0 + end * MIN)


def opened() -> Ticket:
    ticket, _ = Ticket("t", created_at=T0, conversation_ids=["c"]).apply(
        Open("ann"), now=T0
    )
    return ticket


def test_an_end_before_its_start_is_refused() -> None:
    """ "agent, start, end, each validated" """
    with pytest.raises(InvalidValue, match="ends after it starts") as caught:
        session("ann", 30, 10)
    assert "end" == caught.value.field
    with pytest.raises(InvalidValue):
        session("ann", 10, 10)  # an empty session records no work


def test_naive_times_and_blank_agents_are_refused() -> None:
    with pytest.raises(InvalidValue, match="naive"):
        WorkSession("ann", dt.datetime(2024, 3, 1), T0)
    with pytest.raises(InvalidValue, match="agent"):
        WorkSession(" ", T0, T0 + MIN)


def test_overlapping_sessions_of_one_agent_are_refused() -> None:
    """ "One agent's sessions never overlap." """
    ticket, _ = opened().apply(LogWork(session("ann", 0, 30)), now=NOW)
    with pytest.raises(InvalidValue, match="never overlap") as caught:
        ticket.apply(LogWork(session("ann", 20, 40)), now=NOW)
    assert "session" == caught.value.field
    assert 1 == len(ticket.sessions)


def test_touching_sessions_and_other_agents_do_not_overlap() -> None:
    ticket = opened()
    for work in (session("ann", 0, 30), session("ann", 30, 45), session("bob", 10, 40)):
        ticket, _ = ticket.apply(LogWork(work), now=NOW)
    assert 3 == len(ticket.sessions)
    assert ["ann", "ann", "bob"] == [e.by for e in ticket.history[1:]]
    assert dt.timedelta(minutes=15) == ticket.sessions[1].duration


def test_a_session_ends_by_now_and_starts_after_the_ticket() -> None:
    with pytest.raises(InvalidValue, match="ends by now"):
        opened().apply(LogWork(session("ann", 0, 30)), now=T0 + 10 * MIN)
    with pytest.raises(InvalidValue, match="no earlier than the ticket"):
        opened().apply(LogWork(session("ann", -5, 30)), now=NOW)


def test_overlap_across_tickets() -> None:
    """The rule holds across tickets: check any collection of sessions."""
    mine = [session("ann", 0, 30), session("bob", 0, 30)]
    other = [session("ann", 29, 31)]
    assert (mine[0], other[0]) == find_overlap([*mine, *other])
    with pytest.raises(InvalidValue, match="ann already works"):
        require_no_overlap([*mine, *other], "sessions")
    require_no_overlap(mine, "sessions")


def test_a_stored_ticket_with_overlapping_sessions_is_refused() -> None:
    with pytest.raises(InvalidValue, match="never overlap"):
        Ticket(
            "t",
            created_at=T0,
            conversation_ids=["c"],
            sessions=[session("ann", 0, 30), session("ann", 10, 20)],
        )


def test_start_and_end_compare_as_instants_across_a_dst_fold() -> None:
    """01:10 EST comes 40 minutes after 01:30 EDT on the night clocks fall
    back, although its wall clock reads earlier."""
    from zoneinfo import ZoneInfo

    york = ZoneInfo("America/New_York")
    start = dt.datetime(2024, 11, 3, 1, 30, tzinfo=york)
    end = dt.datetime(2024, 11, 3, 1, 10, fold=1, tzinfo=york)
    assert dt.timedelta(minutes=40) == WorkSession("ann", start, end).duration
    with pytest.raises(InvalidValue):
        WorkSession("ann", end, start)
