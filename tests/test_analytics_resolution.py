"""Time to resolution and handling time of tickets."""

import datetime as dt
import pickle
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from carekit import BusinessCalendar, InvalidValue, structure, unstructure
from carekit.analytics import (
    HandlingAccumulator,
    HandlingTime,
    Resolution,
    handling_by_agent,
    handling_rows,
    handling_time,
    resolution_of,
    resolution_rows,
    resolutions,
)
from carekit.tickets import (
    LogWork,
    Open,
    Reopen,
    Resolve,
    Resume,
    Ticket,
    TicketCommand,
    TicketStatus,
    Wait,
    WorkSession,
)

T0 = dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def ticket(*steps: tuple[float, TicketCommand], ident: str = "t1") -> Ticket:
    made = Ticket(ident, created_at=T0, conversation_ids=["c1"])
    for minutes, command in steps:
        made, _ = made.apply(command, now=at(minutes))
    return made


REOPENED = ticket(
    (0, Open("ann")), (60, Resolve("ann")), (120, Reopen("bob")), (150, Resolve("bob"))
)


def test_a_reopen_starts_a_new_cycle() -> None:
    """ "A reopen starts a new cycle: cycles 60 and 30 min, first resolution 60,
    full 150"; the ticket is credited to its last resolver."""
    result = resolution_of(REOPENED)
    assert [60.0, 30.0] == [c.seconds / 60 for c in result.cycles]
    assert ["ann", "bob"] == [c.resolved_by for c in result.cycles]
    assert (3600.0, 9000.0) == (result.first_resolution, result.full_resolution)
    assert "bob" == result.agent


def test_pending_time_is_excluded_when_asked() -> None:
    """ "Time in pending optionally excluded": 20 minutes waiting on the
    customer come off every figure that spans them."""
    waited = ticket(
        (0, Open("ann")), (10, Wait("ann")), (30, Resume("ann")), (60, Resolve("ann"))
    )
    assert 60 * 60 == resolution_of(waited).full_resolution
    excluded = resolution_of(waited, exclude_pending=True)
    assert (40 * 60, 40 * 60) == (excluded.first_resolution, excluded.full_resolution)
    assert [40 * 60] == [c.seconds for c in excluded.cycles]


def test_a_ticket_never_resolved_has_no_figures() -> None:
    """ "Empty groups give None, never an error": no resolution, no figure."""
    result = resolution_of(ticket((0, Open("ann"))))
    assert (None, None, ()) == (
        result.first_resolution,
        result.full_resolution,
        result.cycles,
    )


def test_resolution_in_business_time() -> None:
    """Business time counts only opening hours: Friday 16:00 → Monday 10:00
    is 2 business hours with 09:00–17:00 hours."""
    calendar = BusinessCalendar.weekly("UTC", range(5), [(dt.time(9), dt.time(17))])
    friday = dt.datetime(2024, 3, 1, 16, 0, tzinfo=dt.UTC)
    made = Ticket("t", created_at=friday, conversation_ids=["c"])
    made, _ = made.apply(Open("a"), now=friday)
    made, _ = made.apply(Resolve("a"), now=friday + dt.timedelta(days=2, hours=18))
    result = resolution_of(made, calendar=calendar)
    assert (7200.0, 7200.0) == (result.business_first, result.business_full)
    assert [7200.0] == [c.business_seconds for c in result.cycles]


def test_rows_give_the_same_resolution_as_tickets() -> None:
    """The bulk path reads ``(ticket, epoch seconds, status, by)`` rows."""
    t = T0.timestamp()
    rows = [
        ("t1", t, TicketStatus.NEW, "x"),
        ("t1", t, TicketStatus.OPEN, "ann"),
        ("t1", t + 3600, TicketStatus.RESOLVED, "ann"),
        ("t1", t + 7200, TicketStatus.OPEN, "bob"),
        ("t1", t + 9000, TicketStatus.RESOLVED, "bob"),
        ("t2", t, TicketStatus.NEW, "x"),
    ]
    assert [("t1", "bob", (3600.0, 1800.0), 3600.0, 9000.0, None, None)] == (
        resolution_rows(rows)
    )
    (result,) = resolutions([REOPENED])
    assert (3600.0, 9000.0) == (result.first_resolution, result.full_resolution)


def test_resolution_validates() -> None:
    """A first resolution longer than the full one, or a bad flag, is refused."""
    with pytest.raises(InvalidValue, match="first_resolution"):
        Resolution("t", T0, first_resolution=10.0, full_resolution=5.0)
    with pytest.raises(InvalidValue, match="exclude_pending"):
        resolution_of(REOPENED, exclude_pending=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"tickets\[0\]"):
        resolutions(["t"])  # type: ignore[list-item]


def worked(ident: str, *sessions: tuple[str, float, float]) -> Ticket:
    made = Ticket(ident, created_at=T0, conversation_ids=["c"])
    for agent, start, end in sessions:
        made, _ = made.apply(
            LogWork(WorkSession(agent, at(start), at(end))), now=at(end)
        )
    return made


TICKETS = [
    worked("t1", ("ann", 0, 30), ("bob", 30, 40)),
    worked("t2", ("ann", 60, 90)),
    worked("t3"),
]


def test_average_handling_time_divides_by_handled_tickets() -> None:
    """ "Average handling time: agents' work sessions ... ÷ handled tickets (a
    ticket with ≥1 work session)": 70 minutes over 2 handled tickets."""
    total = handling_time(TICKETS)
    assert (70 * 60, 2, 35 * 60) == (total.seconds, total.handled, total.average)
    assert {
        "ann": HandlingTime(60 * 60_000_000, 2),
        "bob": HandlingTime(10 * 60_000_000, 1),
    } == handling_by_agent(TICKETS)
    assert handling_time([TICKETS[2]]).average is None


def test_handling_time_clipped_to_business_hours() -> None:
    """ "Optionally clipped to business hours": a session 16:30–17:30 counts
    30 minutes with hours ending at 17:00."""
    calendar = BusinessCalendar.weekly(
        ZoneInfo("UTC"), range(5), [(dt.time(9), dt.time(17))]
    )
    late = worked("t9", ("ann", 450, 510))
    assert 30 * 60 == handling_time([late], calendar=calendar).seconds


def test_the_handling_accumulator_merges_round_trips_and_pickles() -> None:
    """Accumulator contract: merge is pure and equals a single pass; the
    plain-data form round-trips; pickling keeps it."""
    left = HandlingAccumulator().feed(TICKETS[:1])
    right = HandlingAccumulator().feed(TICKETS[1:])
    before = (left.to_data(), right.to_data())
    both = left.merge(right)
    assert before == (left.to_data(), right.to_data())
    assert HandlingAccumulator().feed(TICKETS) == both
    assert both == HandlingAccumulator.from_data(both.to_data())
    assert both == pickle.loads(pickle.dumps(both))
    calendar = BusinessCalendar.weekly("UTC", range(5), [(dt.time(9), dt.time(17))])
    clipped = HandlingAccumulator(calendar).feed(TICKETS)
    assert clipped == HandlingAccumulator.from_data(clipped.to_data())
    assert structure(unstructure(calendar), BusinessCalendar) == calendar
    with pytest.raises(InvalidValue, match="calendar"):
        both.merge(clipped)


def test_rows_exclude_pending_and_count_business_time() -> None:
    """The bulk path leaves PENDING out when asked, and gives business time
    (never above the wall clock)."""
    calendar = BusinessCalendar.weekly("UTC", range(5), [(dt.time(9), dt.time(17))])
    t = T0.timestamp()  # Monday 09:00 UTC
    rows = [
        ("t1", t, TicketStatus.NEW, "x"),
        ("t1", t + 600, TicketStatus.PENDING, "ann"),
        ("t1", t + 1800, TicketStatus.OPEN, "ann"),
        ("t1", t + 3600, TicketStatus.RESOLVED, "ann"),
    ]
    ((_, agent, cycles, first, full, b_first, b_full),) = resolution_rows(
        rows, exclude_pending=True, calendar=calendar
    )
    assert ("ann", (2400.0,), 2400.0, 2400.0) == (agent, cycles, first, full)
    assert (2400.0, 2400.0) == (b_first, b_full)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: resolution_rows([("t", 1.0, "resolved", "a")]), "rows"),  # type: ignore[list-item]
        (lambda: resolution_rows([("t", 1.0)]), "rows"),  # type: ignore[list-item]
        (lambda: resolution_rows([], exclude_pending="yes"), "exclude_pending"),  # type: ignore[arg-type]
        (lambda: handling_rows([("t", "ann", 5.0, 1.0)]), "rows[0]"),
        (
            lambda: handling_rows([("t", "ann", 1.0, 5.0), ("t", None, 1, 2)]),  # type: ignore[list-item]
            "rows[1]",
        ),
        (lambda: handling_rows([("t", "ann")]), "rows[0]"),  # type: ignore[list-item]
    ],
)
def test_bad_rows_are_refused_naming_the_field(call: Any, field: str) -> None:
    """Malformed rows raise InvalidValue naming the rows (or the row)."""
    with pytest.raises(InvalidValue) as error:
        call()
    assert field == error.value.field


def test_handling_rows_agree_with_tickets() -> None:
    """The bulk path of handling time gives what the tickets give."""
    rows = [
        (ticket.id, s.agent, s.start.timestamp(), s.end.timestamp())
        for ticket in TICKETS
        for s in ticket.sessions
    ]
    assert handling_by_agent(TICKETS) == handling_rows(rows)
