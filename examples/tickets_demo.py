"""carekit tickets demo: one complaint from first message to closed case.

A customer is charged twice. A new responder drafts the reply, an approver
approves it, the case is escalated to billing (which gets a reminder after a
day of silence), billing hands it back, the team resolves it with HEARD
complete, and the case closes. The script prints the ticket's history.
"""

import datetime as dt

from carekit import Conversation
from carekit.conversations import Channel
from carekit.messages import Visibility
from carekit.roles import TeamRole
from carekit.tickets import (
    ApproveDraft,
    Close,
    Diagnose,
    Draft,
    Escalate,
    FollowUp,
    HandBack,
    HeardStep,
    LogWork,
    NotifyDepartment,
    Open,
    Prioritize,
    Priority,
    RecordReply,
    Resolve,
    SendDraft,
    SendReply,
    Tag,
    Team,
    TeamMember,
    Ticket,
    TicketCommand,
    TickHeard,
    WorkSession,
    write_draft,
)

MONDAY = dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC)
TEAM = Team(
    [
        TeamMember("nina", [TeamRole.RESPONDER]),  # new: not onboarded yet
        TeamMember("alex", [TeamRole.APPROVER], onboarded=True),
        TeamMember("mo", [TeamRole.MONITOR], onboarded=True),
    ]
)


def at(hours: float) -> dt.datetime:
    return MONDAY + dt.timedelta(hours=hours)


def _approved_reply(ticket: Ticket, out: list[str]) -> SendReply:
    """Nina drafts, Alex approves, Nina sends: the SendReply to perform."""
    draft: Draft
    draft, actions = write_draft(
        "d-1",
        ticket_id=ticket.id,
        conversation_id=ticket.conversation_ids[0],
        author="nina",
        text="So sorry for the double charge! We are on it.",
        now=at(0.2),
        team=TEAM,
    )
    out += [f"  action: {type(a).__name__} ({a.author})" for a in actions]
    draft, _ = draft.apply(ApproveDraft("alex"), now=at(0.3), team=TEAM)
    draft, (reply,) = draft.apply(SendDraft("nina"), now=at(0.35), team=TEAM)
    assert isinstance(reply, SendReply)
    out.append(f"  action: SendReply approved by {reply.approved_by}: {reply.text!r}")
    out += [
        f"  draft {e.step.value:<8} by {e.by:<5} at {e.at:%a %H:%M}"
        for e in draft.record
    ]
    return reply


def _apply(
    ticket: Ticket, command: TicketCommand, when: dt.datetime, out: list[str]
) -> Ticket:
    ticket, actions = ticket.apply(command, now=when)
    for action in actions:
        if isinstance(action, NotifyDepartment):
            kind = "reminder" if action.reminder else "escalation"
            out.append(
                f"  action: notify {action.department} ({kind}): {action.summary.note}"
            )
    return ticket


def tickets_demo() -> str:
    """The whole case, as printed text."""
    out: list[str] = []
    chat = Conversation("c-77", Channel.TWITTER_DM, customer_id="ana", tags=["payment"])
    ticket = Ticket.from_conversations("case-77", [chat], created_at=MONDAY)
    ticket = _apply(ticket, Open("nina"), at(0.1), out)
    ticket = _apply(ticket, Prioritize("nina", Priority.HIGH), at(0.1), out)
    ticket = _apply(ticket, TickHeard("nina", HeardStep.HEAR), at(0.15), out)
    reply = _approved_reply(ticket, out)
    ticket = _apply(
        ticket,
        RecordReply(reply.author, "m-2", visibility=Visibility.PUBLIC),
        at(0.35),
        out,
    )
    for step in (HeardStep.EMPATHIZE, HeardStep.APOLOGIZE):
        ticket = _apply(ticket, TickHeard("nina", step), at(0.35), out)
    note = "customer charged twice for order 991 (2 x 49.90 USD)"
    ticket = _apply(ticket, Escalate("nina", "billing", note=note), at(0.5), out)
    due = ticket.next_deadline(at(0.5))
    out.append(f"  next deadline: {due:%a %H:%M} (billing reminder)")
    assert due is not None
    ticket = _apply(ticket, FollowUp("scheduler"), due, out)
    ticket = _apply(ticket, HandBack("billing-desk"), at(27), out)
    ticket = _apply(ticket, Tag("nina", ["refunded"]), at(27.1), out)
    ticket = _apply(ticket, TickHeard("nina", HeardStep.RESOLVE), at(27.2), out)
    ticket = _apply(ticket, Resolve("nina"), at(27.2), out)
    work = WorkSession("nina", at(0.1), at(0.6))
    ticket = _apply(ticket, LogWork(work), at(27.3), out)
    diagnose = Diagnose(
        "alex",
        "the payment retry job re-sent a captured charge",
        safeguard="idempotency keys on every capture",
    )
    ticket = _apply(ticket, diagnose, at(28), out)
    ticket = _apply(ticket, Close("alex"), at(28), out)
    lines = [
        f"Ticket {ticket.id}: {ticket.status.value}, resolved by {ticket.resolved_by}"
    ]
    lines += out
    lines.append("History:")
    lines += [
        f"  {e.at:%a %H:%M}  {e.by:<12} {e.kind.value:<12} -> {e.status.value:<9}"
        f" {' | '.join(e.detail)}".rstrip()
        for e in ticket.history
    ]
    missing = ", ".join(s.value for s in ticket.heard.missing) or "none"
    lines.append(
        f"HEARD missing: {missing}; work logged: {ticket.sessions[0].duration}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(tickets_demo())
