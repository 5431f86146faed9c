"""Every ticket command, from every reachable ticket (issue 12: "A change is
a command applied at `now`. It returns `(new_ticket, actions)`; the old value
is untouched"; "A command that changes nothing is refused, not recorded";
reminders through `next_deadline(now)`: "the first instant after `now` at
which asking again can change the answer, or `None`")."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from carekit.errors import CarekitError
from carekit.serialization import unstructure
from carekit.testing import strategies as cks
from carekit.tickets import (
    TRANSITIONS,
    FollowUp,
    NotifyDepartment,
    Ticket,
    TicketCommand,
    TicketStatus,
)

LATER = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3))


@given(
    ticket=cks.tickets(statuses=st.sampled_from(TicketStatus)) | cks.tickets(),
    command=cks.ticket_commands(),
    step=LATER,
)
def test_a_command_adds_one_event_or_changes_nothing(
    ticket: Ticket, command: TicketCommand, step: dt.timedelta
) -> None:
    """Accepted: exactly one event more, at `now`, by the command's agent, and
    a status the table allows. Refused: a carekit error, the ticket as it was."""
    now = ticket.updated_at + step
    snapshot = unstructure(ticket)
    try:
        new, actions = ticket.apply(command, now=now)
    except CarekitError:
        assert snapshot == unstructure(ticket)
        return
    assert snapshot == unstructure(ticket)
    assert ticket.history == new.history[:-1]
    event = new.history[-1]
    assert (now, command.by, command.kind, new.status) == (
        event.at,
        event.by,
        event.kind,
        event.status,
    )
    if new.status is not ticket.status:
        assert any(
            (ticket.status, move) in TRANSITIONS
            and TRANSITIONS[ticket.status, move] is new.status
            for move in {m for _, m in TRANSITIONS}
        )
    assert all(isinstance(a, NotifyDepartment) for a in actions)
    assert (new.status is TicketStatus.ESCALATED) == (new.escalation is not None)


ESCALATED = cks.tickets(statuses=st.just(TicketStatus.ESCALATED))


@given(ticket=ESCALATED | cks.tickets(), step=LATER, probe=st.floats(0, 1))
def test_next_deadline_is_after_now_and_holds_until_then(
    ticket: Ticket, step: dt.timedelta, probe: float
) -> None:
    """`next_deadline(now)` is None or after `now`; asked again at any instant
    before it, the answer is the same; at it, a follow-up is accepted."""
    now = ticket.updated_at + step
    deadline = ticket.next_deadline(now)
    if deadline is None:
        return
    assert deadline > now
    between = now + (deadline - now) * probe
    if between < deadline:
        assert deadline == ticket.next_deadline(between)
    reminded, (notice,) = ticket.apply(FollowUp("scheduler"), now=deadline)
    assert notice.reminder
    assert reminded.escalation is not None
