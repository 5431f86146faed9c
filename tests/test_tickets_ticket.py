"""Tickets: fields, commands and the one transition table (issue 12, Build 1
to 3)."""

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

from carekit import Conversation
from carekit.conversations import Channel, ConversationStatus
from carekit.errors import IllegalTransition, InvalidValue, PolicyError
from carekit.messages import Visibility
from carekit.tickets import (
    DEFAULT_DEPARTMENTS,
    TRANSITIONS,
    Assign,
    ChangeKind,
    Close,
    Departments,
    Diagnose,
    Escalate,
    Escalation,
    FollowUp,
    HandBack,
    Link,
    NotifyDepartment,
    Open,
    Prioritize,
    Priority,
    RecordReply,
    Reopen,
    Resolve,
    Resume,
    Route,
    SetLanguage,
    Tag,
    Ticket,
    TicketCommand,
    TicketMove,
    TicketStatus,
    Untag,
    Wait,
    mermaid,
    next_status,
)

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
DOCS = Path(__file__).parents[1] / "docs" / "tickets.md"


def new_ticket() -> Ticket:
    return Ticket("t-1", created_at=T0, conversation_ids=["c-1"])


def opened() -> Ticket:
    ticket, _ = new_ticket().apply(Open("ann"), now=T0)
    return ticket


def test_a_command_returns_a_new_ticket_and_leaves_the_old_one() -> None:
    """ "A change is a command applied at `now`. It returns `(new_ticket,
    actions)`; the old value is untouched." """
    before = new_ticket()
    after, actions = before.apply(Open("ann"), now=T0 + HOUR)
    assert (TicketStatus.NEW, ()) == (before.status, before.history)
    assert TicketStatus.OPEN == after.status
    assert () == actions
    (event,) = after.history
    assert (T0 + HOUR, "ann", ChangeKind.OPEN, TicketStatus.OPEN) == (
        event.at,
        event.by,
        event.kind,
        event.status,
    )


def test_the_default_table() -> None:
    """ "NEW → OPEN; OPEN ↔ PENDING; OPEN → ESCALATED → OPEN; OPEN, PENDING or
    ESCALATED → RESOLVED; RESOLVED → OPEN (reopen) or → CLOSED" """
    S, M = TicketStatus, TicketMove
    assert {
        (S.NEW, M.OPEN): S.OPEN,
        (S.OPEN, M.WAIT): S.PENDING,
        (S.PENDING, M.RESUME): S.OPEN,
        (S.OPEN, M.ESCALATE): S.ESCALATED,
        (S.ESCALATED, M.HAND_BACK): S.OPEN,
        (S.OPEN, M.RESOLVE): S.RESOLVED,
        (S.PENDING, M.RESOLVE): S.RESOLVED,
        (S.ESCALATED, M.RESOLVE): S.RESOLVED,
        (S.RESOLVED, M.REOPEN): S.OPEN,
        (S.RESOLVED, M.CLOSE): S.CLOSED,
    } == dict(TRANSITIONS)


def test_an_illegal_move_names_the_state_and_the_command() -> None:
    """ "An illegal move raises an error naming the state and the command." """
    with pytest.raises(IllegalTransition) as caught:
        new_ticket().apply(Close("ann"), now=T0)
    assert ("new", "close") == (caught.value.state, caught.value.event)
    assert "ticket cannot close from state new" == str(caught.value)


def test_new_cannot_close_even_when_heard_is_complete() -> None:
    """ "CLOSED is terminal, and NEW cannot close." """
    ticket, _ = new_ticket().apply(Diagnose("ann", "typo", safeguard="lint"), now=T0)
    with pytest.raises(IllegalTransition):
        ticket.apply(Close("ann"), now=T0)


def test_closed_is_terminal_for_every_command() -> None:
    """ "CLOSED is terminal" """
    ticket = opened()
    ticket, _ = ticket.apply(Resolve("ann"), now=T0)
    ticket, _ = ticket.apply(Diagnose("ann", "typo", safeguard="lint"), now=T0)
    ticket, _ = ticket.apply(Close("ann"), now=T0)
    commands: list[TicketCommand] = [Reopen("a"), Assign("a", "b"), Tag("a", ["x"])]
    for command in commands:
        with pytest.raises(IllegalTransition) as caught:
            ticket.apply(command, now=T0 + HOUR)
        assert "closed" == caught.value.state


@pytest.mark.parametrize(
    "command",
    [Assign("ann", None), Route("ann", None), Prioritize("ann", Priority.MEDIUM)],
    ids=["assignee", "queue", "priority"],
)
def test_a_command_that_changes_nothing_is_refused_not_recorded(
    command: Assign | Route | Prioritize,
) -> None:
    """ "A command that changes nothing is refused, not recorded." """
    ticket = opened()
    with pytest.raises(InvalidValue, match="changes nothing"):
        ticket.apply(command, now=T0)
    assert 1 == len(ticket.history)


def test_tags_already_there_or_absent_change_nothing() -> None:
    ticket, _ = opened().apply(Tag("ann", ["vip", "refund"]), now=T0)
    assert ("refund", "vip") == ticket.tags
    with pytest.raises(InvalidValue):
        ticket.apply(Tag("ann", ["vip"]), now=T0)
    with pytest.raises(InvalidValue):
        ticket.apply(Untag("ann", ["bug"]), now=T0)
    ticket, _ = ticket.apply(Untag("ann", ["vip", "bug"]), now=T0)
    assert (("refund",), ("vip",)) == (ticket.tags, ticket.history[-1].detail)


def test_routing_fields_are_recorded_with_who_when_what() -> None:
    """ "an append-only history of every change (who, when, what)" """
    ticket = opened()
    steps: list[TicketCommand] = [
        Assign("lead", "bob"),
        Route("lead", "billing-queue"),
        Prioritize("lead", Priority.URGENT),
        SetLanguage("lead", "pt-BR"),
        Link("lead", "c-2"),
        RecordReply("bob", "m-9", visibility=Visibility.PRIVATE),
    ]
    for minutes, command in enumerate(steps, start=1):
        ticket, _ = ticket.apply(command, now=T0 + dt.timedelta(minutes=minutes))
    assert ("bob", "billing-queue", Priority.URGENT, "pt-BR") == (
        ticket.assignee,
        ticket.queue,
        ticket.priority,
        ticket.language,
    )
    assert ("c-1", "c-2") == ticket.conversation_ids
    assert [
        ("assign", ("bob",)),
        ("route", ("billing-queue",)),
        ("prioritize", ("urgent",)),
        ("set_language", ("pt-BR",)),
        ("link", ("c-2",)),
        ("reply", ("private", "m-9")),
    ] == [(e.kind.value, e.detail) for e in ticket.history[1:]]


def test_time_never_goes_backwards() -> None:
    ticket, _ = opened().apply(Assign("ann", "bob"), now=T0 + HOUR)
    with pytest.raises(InvalidValue) as caught:
        ticket.apply(Assign("ann", "cy"), now=T0)
    assert "now" == caught.value.field


def test_times_compare_as_instants_not_wall_clock() -> None:
    """In a DST fold, 01:30 EDT comes before 01:10 EST of the same night."""
    from zoneinfo import ZoneInfo

    york = ZoneInfo("America/New_York")
    first = dt.datetime(2024, 11, 3, 1, 30, tzinfo=york)  # fold=0: EDT
    later = dt.datetime(2024, 11, 3, 1, 10, fold=1, tzinfo=york)  # EST
    ticket = Ticket("t", created_at=first, conversation_ids=["c"])
    ticket, _ = ticket.apply(Open("ann"), now=first)
    ticket, _ = ticket.apply(Wait("ann"), now=later)  # 40 min later, accepted
    assert dt.timedelta(minutes=40) == ticket.history[1].at - ticket.history[0].at
    with pytest.raises(InvalidValue):
        ticket.apply(Resume("ann"), now=first)


def test_naive_now_is_refused() -> None:
    with pytest.raises(InvalidValue, match="naive"):
        new_ticket().apply(Open("ann"), now=dt.datetime(2024, 3, 1))


def test_resolved_by_is_who_resolved_last() -> None:
    ticket, _ = opened().apply(Resolve("bob"), now=T0)
    ticket, _ = ticket.apply(Reopen("ann"), now=T0)
    ticket, _ = ticket.apply(Resolve("cy"), now=T0)
    assert "cy" == ticket.resolved_by
    assert opened().resolved_by is None


def test_escalation_notifies_the_department_with_the_case_summary() -> None:
    """ "it yields a `NotifyDepartment` action carrying the case summary" """
    ticket, _ = opened().apply(Tag("ann", ["refund"]), now=T0)
    command = Escalate("ann", "billing", note="charged twice for order 991")
    escalated, actions = ticket.apply(command, now=T0 + HOUR)
    assert TicketStatus.ESCALATED == escalated.status
    (notice,) = actions
    assert isinstance(notice, NotifyDepartment)
    assert ("billing", False, T0 + HOUR) == (
        notice.department,
        notice.reminder,
        notice.at,
    )
    assert escalated.summary("charged twice for order 991") == notice.summary
    assert ("t-1", ("refund",), ("c-1",)) == (
        notice.summary.ticket_id,
        notice.summary.tags,
        notice.summary.conversation_ids,
    )


def test_escalation_only_to_a_configured_department() -> None:
    """ "named departments (billing, logistics, legal, product…: a
    configurable set)" """
    command = Escalate("ann", "marketing", note="a complaint")
    with pytest.raises(PolicyError, match="billing, legal, logistics, product"):
        opened().apply(command, now=T0)
    mine = Departments(["marketing"])
    ticket, _ = opened().apply(command, now=T0, escalation=mine)
    assert ticket.escalation is not None
    assert "marketing" == ticket.escalation.department


def test_follow_up_reminders_are_deadlines() -> None:
    """ "follow-up reminders are deadlines, through `next_deadline(now)`: the
    first instant after `now` at which asking again can change the answer,
    or `None`" """
    command = Escalate("ann", "billing", note="refund stuck")
    ticket, _ = opened().apply(command, now=T0)
    due = T0 + dt.timedelta(hours=24)
    assert DEFAULT_DEPARTMENTS.follow_up == dt.timedelta(hours=24)
    assert due == ticket.next_deadline(T0)
    assert due == ticket.next_deadline(due - dt.timedelta(microseconds=1))
    assert ticket.next_deadline(due) is None  # due now: nothing later changes
    with pytest.raises(InvalidValue, match="no reminder is due"):
        ticket.apply(FollowUp("bot"), now=due - HOUR)
    reminded, (notice,) = ticket.apply(FollowUp("bot"), now=due + HOUR)
    assert notice.reminder
    assert due + 25 * HOUR == reminded.next_deadline(due + HOUR)
    back, _ = reminded.apply(HandBack("billing-desk"), now=due + 2 * HOUR)
    assert (back.escalation, back.next_deadline(due)) == (None, None)


def test_no_deadline_without_reminders() -> None:
    quiet = Departments(["billing"], follow_up=None)
    command = Escalate("ann", "billing", note="refund stuck")
    ticket, _ = opened().apply(command, now=T0, escalation=quiet)
    assert ticket.next_deadline(T0) is None
    with pytest.raises(InvalidValue, match="no reminders"):
        ticket.apply(FollowUp("bot"), now=T0 + 48 * HOUR)
    assert opened().next_deadline(T0) is None


def test_follow_up_needs_an_escalation() -> None:
    with pytest.raises(IllegalTransition):
        opened().apply(FollowUp("bot"), now=T0)


def conversation(
    ident: str, tags: tuple[str, ...] = (), assignee: str | None = None
) -> Conversation:
    return Conversation(
        ident, Channel.MESSENGER, customer_id="cust", tags=tags, assignee=assignee
    )


def test_from_conversations_takes_over_their_workflow_state() -> None:
    """ "Ticket, created from one or more conversations" """
    first = conversation("c-1", ("refund",), "bob")
    second = conversation("c-2", ("vip",))
    ticket = Ticket.from_conversations("t", [first, second], created_at=T0)
    assert (("c-1", "c-2"), ("refund", "vip"), "bob") == (
        ticket.conversation_ids,
        ticket.tags,
        ticket.assignee,
    )


def test_conversations_with_two_assignees_make_no_ticket() -> None:
    first = conversation("c-1", assignee="bob")
    second = conversation("c-2", assignee="cy")
    with pytest.raises(InvalidValue, match="different agents"):
        Ticket.from_conversations("t", [first, second], created_at=T0)


def test_align_gives_the_conversation_the_tickets_workflow_state() -> None:
    """The ticket owns status, assignee and tags; the conversation shows them."""
    chat = conversation("c-1", ("old",), "bob")
    ticket = Ticket.from_conversations("t", [chat], created_at=T0)
    ticket, _ = ticket.apply(Open("ann"), now=T0)
    ticket, _ = ticket.apply(Assign("ann", "cy"), now=T0)
    ticket, _ = ticket.apply(Untag("ann", ["old"]), now=T0)
    ticket, _ = ticket.apply(Wait("cy"), now=T0)
    shown = ticket.align(chat)
    assert ("cy", (), ConversationStatus.PENDING) == (
        shown.assignee,
        shown.tags,
        shown.status,
    )
    with pytest.raises(InvalidValue):
        ticket.align(conversation("elsewhere"))


def test_a_stored_ticket_is_checked_on_construction() -> None:
    ticket, _ = opened().apply(Wait("ann"), now=T0 + HOUR)
    with pytest.raises(InvalidValue, match="history ends in pending"):
        attrs.evolve(ticket, status=TicketStatus.OPEN)
    with pytest.raises(InvalidValue, match="backwards"):
        attrs.evolve(ticket, history=tuple(reversed(ticket.history)))
    record = Escalation("billing", "refund", by="ann", at=T0, notified_at=T0)
    with pytest.raises(InvalidValue, match="escalated"):
        Ticket("t", created_at=T0, conversation_ids=["c"], escalation=record)
    with pytest.raises(InvalidValue, match="conversation"):
        Ticket("t", created_at=T0, conversation_ids=[])


def test_apply_copies_every_field() -> None:
    """``apply`` builds the new ticket without re-checking the history; its
    copy must name every field of the model."""
    source = Path(__file__).parents[1] / "src" / "carekit" / "tickets" / "ticket.py"
    copied = set(re.findall(r'put\("(\w+)"', source.read_text()))
    assert {a.name for a in attrs.fields(Ticket)} == copied


def test_next_status_names_the_move() -> None:
    assert TicketStatus.PENDING == next_status(TicketStatus.OPEN, TicketMove.WAIT)
    with pytest.raises(IllegalTransition, match="cannot wait from state pending"):
        next_status(TicketStatus.PENDING, TicketMove.WAIT)


def test_the_diagram_in_the_docs_is_generated_from_the_table() -> None:
    """ "`docs/tickets.md` shows the state diagram as a Mermaid block,
    generated from the table; a test regenerates it and compares." """
    text = DOCS.read_text()
    blocks = re.findall(r"```mermaid\n(.*?)\n```", text, re.DOTALL)
    assert mermaid(TRANSITIONS, initial=TicketStatus.NEW) == blocks[0]
