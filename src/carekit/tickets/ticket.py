"""Tickets: a case created from conversations, changed only by commands.

A :class:`Ticket` is a value. :meth:`Ticket.apply` takes one command and the
instant ``now`` and returns the new ticket with the actions the caller must
perform (notifying a department); the old ticket is untouched. Every applied
command appends one :class:`TicketEvent` to the history (who, when, what);
a command that would change nothing is refused and not recorded.

Workflow state belongs to the ticket. A conversation has its own
``status``, ``assignee`` and ``tags`` (what the inbox shows); once a ticket is
created from conversations, the ticket is the owner of those three and
:meth:`Ticket.align` gives each linked conversation the ticket's values, so
the two never contradict each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeAlias, assert_never

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, utc_instant
from carekit._validate import is_name, string_set
from carekit.conversations import Conversation, ConversationStatus
from carekit.errors import IllegalTransition, InvalidValue, PolicyError
from carekit.privacy import PhoneFinder, RedactionPolicy, redact
from carekit.tickets._convert import checked_tuple
from carekit.tickets.commands import (
    Assign,
    ChangeKind,
    Close,
    Diagnose,
    Escalate,
    FollowUp,
    HandBack,
    Link,
    LogWork,
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
    TicketCommand,
    TickHeard,
    Untag,
    Wait,
)
from carekit.tickets.escalation import (
    DEFAULT_DEPARTMENTS,
    Escalation,
    EscalationPolicy,
)
from carekit.tickets.heard import (
    DIAGNOSE_BEFORE_CLOSE,
    HeardChecklist,
    HeardPolicy,
)
from carekit.tickets.lifecycle import (
    TRANSITIONS,
    TicketMove,
    TicketStatus,
    next_status,
)
from carekit.tickets.sessions import WorkSession, require_no_overlap

__all__ = [
    "INBOX_STATUS",
    "CaseSummary",
    "NotifyDepartment",
    "Ticket",
    "TicketAction",
    "TicketEvent",
]

UTC = dt.UTC

#: The status move each status command makes (they share their names).
_MOVE_OF: Final[Mapping[ChangeKind, TicketMove]] = MappingProxyType(
    {ChangeKind(move.value): move for move in TicketMove}
)

INBOX_STATUS: Final[Mapping[TicketStatus, ConversationStatus]] = MappingProxyType(
    {
        TicketStatus.NEW: ConversationStatus.OPEN,
        TicketStatus.OPEN: ConversationStatus.OPEN,
        TicketStatus.ESCALATED: ConversationStatus.OPEN,
        TicketStatus.PENDING: ConversationStatus.PENDING,
        TicketStatus.RESOLVED: ConversationStatus.CLOSED,
        TicketStatus.CLOSED: ConversationStatus.CLOSED,
    }
)
"""The conversation status the inbox shows for each ticket status."""


def _utc(value: Any) -> dt.datetime:
    """attrs converter: the instant in plain UTC (free when it already is)."""
    if type(value) is dt.datetime and value.tzinfo is UTC:
        return value
    return utc_instant(value, "at")


def _explain_event(event: TicketEvent) -> None:
    if not is_name(event.by):
        raise InvalidValue("by", event.by, "must be a non-empty string")
    if type(event.kind) is not ChangeKind:
        raise InvalidValue("kind", event.kind, "must be a ChangeKind")
    if type(event.status) is not TicketStatus:
        raise InvalidValue("status", event.status, "must be a TicketStatus")
    raise InvalidValue("detail", event.detail, "must be a tuple of strings")


@frozen
class TicketEvent:
    """One entry of a ticket's history: who changed what, and when.

    Attributes:
        at: When the command was applied (UTC).
        by: The agent who gave it.
        kind: Which command it was.
        status: The ticket's status after it (a status change shows as a new
            status; pauses and resumes of the clock are read from these).
        detail: What changed, as plain strings: the new assignee, queue,
            priority or language (an empty string for none); the tags added
            or removed; the linked conversation; ``(visibility, message
            id)`` of a reply; the department and note of an escalation; the
            session's start and end; the HEARD step; the diagnosed cause and
            safeguard.
    """

    # One combined check instead of five validators: stored tickets load by
    # the hundred thousand, each with its history. (``Ticket.apply`` builds
    # its events from values it has already checked and skips even this.)
    at: dt.datetime = field(converter=_utc, eq=instant_key)
    by: str
    kind: ChangeKind = field(kw_only=True)
    status: TicketStatus = field(kw_only=True)
    detail: tuple[str, ...] = field(default=(), kw_only=True)

    def __attrs_post_init__(self) -> None:
        detail = self.detail
        if not (
            is_name(self.by)
            and type(self.kind) is ChangeKind
            and type(self.status) is TicketStatus
            and type(detail) is tuple
            and all(type(item) is str for item in detail)
        ):
            _explain_event(self)


@frozen
class CaseSummary:
    """What a department is told about a case.

    Attributes:
        ticket_id: The ticket.
        note: The summary the escalating agent wrote.
        priority: The ticket's priority.
        conversation_ids: The linked conversations.
        assignee: Who handles the case on the care team.
        language: The customer's language, if known.
        tags: The ticket's tags.
    """

    ticket_id: str
    note: str
    priority: Priority = field(kw_only=True)
    conversation_ids: tuple[str, ...] = field(kw_only=True)
    assignee: str | None = field(default=None, kw_only=True)
    language: str | None = field(default=None, kw_only=True)
    tags: tuple[str, ...] = field(default=(), kw_only=True)

    def redacted(
        self,
        policy: RedactionPolicy | None = None,
        *,
        phones: PhoneFinder | None = None,
    ) -> CaseSummary:
        """This summary with card numbers, e-mails and phones in its note
        masked (:func:`carekit.privacy.redact`): at most the last four digits
        of a card remain.

        Args:
            policy: How to mask; default :class:`carekit.privacy.Redactor`.
            phones: Finds phone numbers; default the best one installed.
        """
        note = redact(self.note, policy=policy, phones=phones)
        return attrs.evolve(self, note=note)


@frozen
class NotifyDepartment:
    """Action: tell *department* about a case (an escalation or a reminder).

    Attributes:
        department: Who to notify.
        summary: The case summary.
        at: When the notification was decided.
        reminder: True for a follow-up reminder, False for the escalation.
    """

    department: str
    summary: CaseSummary
    at: dt.datetime = field(kw_only=True, eq=instant_key)
    reminder: bool = field(default=False, kw_only=True)


TicketAction: TypeAlias = NotifyDepartment
"""Every action a ticket command can produce."""


def _conversation_ids(items: Iterable[str]) -> tuple[str, ...]:
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise InvalidValue("conversation_ids", items, "must be a collection of ids")
    values = tuple(items)
    if not values:
        raise InvalidValue("conversation_ids", values, "a ticket has a conversation")
    if not all(is_name(item) for item in values) or len(set(values)) != len(values):
        raise InvalidValue("conversation_ids", values, "distinct non-empty ids")
    return values


def _tags(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "tags")


def _history(items: Iterable[TicketEvent]) -> tuple[TicketEvent, ...]:
    return checked_tuple(items, TicketEvent, "history")


def _sessions(items: Iterable[WorkSession]) -> tuple[WorkSession, ...]:
    return checked_tuple(items, WorkSession, "sessions")


_SET = object.__setattr__
_NEW = object.__new__


@frozen
class Ticket:
    """A case: one or more conversations followed up until closed.

    Build a new ticket with :meth:`from_conversations`; construct one
    directly to load a stored ticket (every rule is checked). Change it with
    :meth:`apply`.

    Attributes:
        id: The caller's id for the ticket.
        created_at: When the ticket was created (timezone-aware).
        conversation_ids: The linked conversations, at least one, in the
            order linked.
        status: Where the ticket is in its lifecycle.
        priority: How urgent it is.
        assignee: The agent who owns it, if any.
        queue: The queue it waits in, if any.
        language: The customer's language (BCP 47), if known.
        tags: Labels, stored sorted and without duplicates.
        history: One event per applied command, in order; times never go
            backwards.
        escalation: The current escalation, exactly while ``ESCALATED``.
        sessions: Work sessions recorded on the ticket; one agent's never
            overlap.
        heard: The HEARD checklist.

    Raises:
        InvalidValue: A field breaks its rule, the history goes back in time
            or disagrees with the status, or two sessions of one agent
            overlap.
    """

    id: str
    created_at: dt.datetime = field(kw_only=True, eq=instant_key)
    conversation_ids: tuple[str, ...] = field(kw_only=True, converter=_conversation_ids)
    status: TicketStatus = field(default=TicketStatus.NEW, kw_only=True)
    priority: Priority = field(default=Priority.MEDIUM, kw_only=True)
    assignee: str | None = field(default=None, kw_only=True)
    queue: str | None = field(default=None, kw_only=True)
    language: str | None = field(default=None, kw_only=True)
    tags: tuple[str, ...] = field(default=(), kw_only=True, converter=_tags)
    history: tuple[TicketEvent, ...] = field(
        default=(), kw_only=True, converter=_history
    )
    escalation: Escalation | None = field(default=None, kw_only=True)
    sessions: tuple[WorkSession, ...] = field(
        default=(), kw_only=True, converter=_sessions
    )
    heard: HeardChecklist = field(factory=HeardChecklist, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check_ticket(self)

    # -- named constructors -------------------------------------------------

    @classmethod
    def from_conversations(
        cls,
        id: str,
        conversations: Iterable[Conversation],
        *,
        created_at: dt.datetime,
        priority: Priority = Priority.MEDIUM,
        queue: str | None = None,
        language: str | None = None,
    ) -> Ticket:
        """A NEW ticket for *conversations*, taking over their workflow state.

        The ticket's tags are all the conversations' tags; its assignee is
        theirs when they name one agent.

        Raises:
            InvalidValue: No conversation, one given twice, or conversations
                assigned to different agents (assign one ticket owner first).
        """
        items = tuple(conversations)
        for index, item in enumerate(items):
            if not isinstance(item, Conversation):
                raise InvalidValue(
                    f"conversations[{index}]", item, "must be a Conversation"
                )
        owners = sorted({c.assignee for c in items if c.assignee is not None})
        if len(owners) > 1:
            raise InvalidValue(
                "conversations",
                ", ".join(owners),
                "assigned to different agents: a ticket has one assignee",
            )
        return cls(
            id,
            created_at=created_at,
            conversation_ids=[c.id for c in items],
            priority=priority,
            assignee=owners[0] if owners else None,
            queue=queue,
            language=language,
            tags=[tag for c in items for tag in c.tags],
        )

    # -- views --------------------------------------------------------------

    @property
    def updated_at(self) -> dt.datetime:
        """When the ticket last changed (its creation, if never), in UTC."""
        history = self.history
        return history[-1].at if history else utc_instant(self.created_at, "")

    @property
    def resolved_by(self) -> str | None:
        """Who resolved the ticket most recently, or ``None`` if never."""
        for event in reversed(self.history):
            if event.kind is ChangeKind.RESOLVE:
                return event.by
        return None

    def next_deadline(self, now: dt.datetime) -> dt.datetime | None:
        """The first instant after *now* at which asking again can change the
        answer (an escalation reminder falls due), or ``None``."""
        escalation = self.escalation
        return None if escalation is None else escalation.next_deadline(now)

    def summary(self, note: str) -> CaseSummary:
        """The case as a department is told about it, with *note*."""
        return CaseSummary(
            self.id,
            note,
            priority=self.priority,
            conversation_ids=self.conversation_ids,
            assignee=self.assignee,
            language=self.language,
            tags=self.tags,
        )

    def align(self, conversation: Conversation) -> Conversation:
        """*conversation* with the ticket's workflow state: its assignee, its
        tags and the inbox status of its status (:data:`INBOX_STATUS`).

        Raises:
            InvalidValue: The conversation is not linked to this ticket.
        """
        if conversation.id not in self.conversation_ids:
            raise InvalidValue(
                "conversation", conversation.id, f"not linked to ticket {self.id}"
            )
        return attrs.evolve(
            conversation,
            assignee=self.assignee,
            tags=self.tags,
            status=INBOX_STATUS[self.status],
        )

    # -- commands -----------------------------------------------------------

    def apply(
        self,
        command: TicketCommand,
        *,
        now: dt.datetime,
        heard: HeardPolicy = DIAGNOSE_BEFORE_CLOSE,
        escalation: EscalationPolicy = DEFAULT_DEPARTMENTS,
    ) -> tuple[Ticket, tuple[TicketAction, ...]]:
        """Apply *command* at *now*: the new ticket and the actions to perform.

        Args:
            command: What to change.
            now: When (timezone-aware; not before the ticket's last change).
            heard: Which HEARD steps closing needs.
            escalation: The departments and their reminders.

        Raises:
            IllegalTransition: The status allows no such move (the error
                names the status and the command); a closed ticket accepts
                no command.
            InvalidValue: *now* goes back in time, or the command changes
                nothing.
            PolicyError: Closing with required HEARD steps missing, or
                escalating to an unknown department.
        """
        at = now if type(now) is dt.datetime and now.tzinfo is UTC else None
        if at is None:
            at = utc_instant(now, "now")
        history = self.history
        if at < (history[-1].at if history else self.updated_at):
            raise InvalidValue(
                "now",
                now,
                f"time never goes backwards: ticket last changed {self.updated_at}",
            )
        if self.status is TicketStatus.CLOSED:
            raise IllegalTransition("ticket", "closed", command.kind.value)
        match command:
            case Open() | Wait() | Resume() | HandBack() | Resolve() | Reopen():
                return self._move(command.kind, command.by, at), ()
            case Close():
                next_status(self.status, TicketMove.CLOSE)  # the table first
                self._require_heard(heard)
                return self._move(command.kind, command.by, at), ()
            case Escalate():
                return self._escalate(command, at, escalation)
            case FollowUp():
                return self._follow_up(command, at)
            case (
                Assign()
                | Route()
                | Prioritize()
                | SetLanguage()
                | Tag()
                | Untag()
                | Link()
            ):
                return self._route(command, at), ()
            case RecordReply():
                detail = (command.visibility.value, command.message_id)
                return self._changed(command.kind, command.by, at, detail), ()
            case LogWork():
                return self._log_work(command.session, at), ()
            case TickHeard() | Diagnose():
                return self._heard(command, at), ()
            case _:
                assert_never(command)

    # -- the moves, each keeping every rule of the model --------------------

    def _changed(
        self,
        kind: ChangeKind,
        by: str,
        at: dt.datetime,
        detail: tuple[str, ...] = (),
        status: TicketStatus | None = None,
        **changes: Any,
    ) -> Ticket:
        """A copy with *status* (default: unchanged), *changes* and one more
        history event. The commands keep every rule of the model, so the copy
        skips re-checking the whole history: that would make n commands cost
        O(n²)."""
        if status is None:
            status = self.status
        event = _NEW(TicketEvent)  # trusted: every part was checked by apply
        # A bound setter per object: about half the cost of object.__setattr__
        # called with the object each time.
        fill = _SET.__get__(event)
        fill("at", at)
        fill("by", by)
        fill("kind", kind)
        fill("status", status)
        fill("detail", detail)
        new = _NEW(Ticket)
        put = _SET.__get__(new)
        # Unrolled, not a loop over the fields: this runs once per command.
        # tests/test_tickets_ticket.py checks that it names every field.
        put("id", self.id)
        put("created_at", self.created_at)
        put("conversation_ids", self.conversation_ids)
        put("status", status)
        put("priority", self.priority)
        put("assignee", self.assignee)
        put("queue", self.queue)
        put("language", self.language)
        put("tags", self.tags)
        put("history", (*self.history, event))
        put("escalation", self.escalation)
        put("sessions", self.sessions)
        put("heard", self.heard)
        if changes:
            for name, value in changes.items():
                put(name, value)
        return new

    def _move(self, kind: ChangeKind, by: str, at: dt.datetime) -> Ticket:
        # The table itself, read inline: this is the hot path of every move.
        status = TRANSITIONS.get((self.status, _MOVE_OF[kind]))
        if status is None:
            raise IllegalTransition("ticket", self.status.value, kind.value)
        if status is TicketStatus.ESCALATED or self.escalation is None:
            return self._changed(kind, by, at, status=status)
        return self._changed(kind, by, at, status=status, escalation=None)

    def _require_heard(self, policy: HeardPolicy) -> None:
        done = self.heard.done
        missing = [s.value for s in policy.required_to_close(self) if s not in done]
        if missing:
            raise PolicyError(
                "heard",
                ", ".join(sorted(missing)),
                "a ticket cannot close while HEARD steps the policy requires "
                "are missing",
            )

    def _escalate(
        self, command: Escalate, at: dt.datetime, policy: EscalationPolicy
    ) -> tuple[Ticket, tuple[TicketAction, ...]]:
        status = next_status(self.status, TicketMove.ESCALATE)
        record = Escalation(
            command.department,
            command.note,
            by=command.by,
            at=at,
            follow_up=policy.follow_up_after(command.department),
            notified_at=at,
        )
        detail = (command.department, command.note)
        new = self._changed(
            command.kind, command.by, at, detail, status=status, escalation=record
        )
        notice = NotifyDepartment(command.department, new.summary(command.note), at=at)
        return new, (notice,)

    def _follow_up(
        self, command: FollowUp, at: dt.datetime
    ) -> tuple[Ticket, tuple[TicketAction, ...]]:
        record = self.escalation
        if record is None:
            raise IllegalTransition("ticket", self.status.value, command.kind.value)
        if record.follow_up is None:
            raise InvalidValue(
                "now",
                at,
                f"{record.department} gets no reminders: that changes nothing",
            )
        if not record.reminder_due(at):
            raise InvalidValue(
                "now",
                at,
                f"no reminder is due before {record.reminder_due_at}: "
                "a follow-up now changes nothing",
            )
        updated = attrs.evolve(record, notified_at=at)
        new = self._changed(
            command.kind, command.by, at, (record.department,), escalation=updated
        )
        notice = NotifyDepartment(
            record.department, new.summary(record.note), at=at, reminder=True
        )
        return new, (notice,)

    def _route(
        self,
        command: Assign | Route | Prioritize | SetLanguage | Tag | Untag | Link,
        at: dt.datetime,
    ) -> Ticket:
        name, value, detail = _routing_change(self, command)
        if getattr(self, name) == value:
            raise InvalidValue(
                _FIELD_OF[command.kind], detail, "that changes nothing: already so"
            )
        change: dict[str, Any] = {name: value}
        return self._changed(command.kind, command.by, at, detail, **change)

    def _log_work(self, session: WorkSession, at: dt.datetime) -> Ticket:
        start, end = session.start, session.end
        if utc_instant(end, "end") > at:
            raise InvalidValue("session", session.end, "a session ends by now")
        if utc_instant(start, "start") < utc_instant(self.created_at, "created_at"):
            raise InvalidValue(
                "session",
                session.start,
                "a session starts no earlier than the ticket's creation",
            )
        require_no_overlap((*self.sessions, session), "session")
        detail = (session.start.isoformat(), session.end.isoformat())
        return self._changed(
            LogWork.kind, session.agent, at, detail, sessions=(*self.sessions, session)
        )

    def _heard(self, command: TickHeard | Diagnose, at: dt.datetime) -> Ticket:
        if isinstance(command, TickHeard):
            checklist = self.heard.tick(command.step, by=command.by, at=at)
            detail: tuple[str, ...] = (command.step.value,)
        else:
            checklist = self.heard.diagnose(
                command.cause, command.safeguard, by=command.by, at=at
            )
            detail = (command.cause, command.safeguard)
        return self._changed(command.kind, command.by, at, detail, heard=checklist)


_FIELD_OF: Final[Mapping[ChangeKind, str]] = MappingProxyType(
    {
        ChangeKind.ASSIGN: "assignee",
        ChangeKind.ROUTE: "queue",
        ChangeKind.PRIORITIZE: "priority",
        ChangeKind.SET_LANGUAGE: "language",
        ChangeKind.TAG: "tags",
        ChangeKind.UNTAG: "tags",
        ChangeKind.LINK: "conversation_id",
    }
)


def _routing_change(
    ticket: Ticket,
    command: Assign | Route | Prioritize | SetLanguage | Tag | Untag | Link,
) -> tuple[str, object, tuple[str, ...]]:
    """``(field, new value, history detail)`` of a routing command."""
    match command:
        case Assign():
            return "assignee", command.assignee, (command.assignee or "",)
        case Route():
            return "queue", command.queue, (command.queue or "",)
        case Prioritize():
            return "priority", command.priority, (command.priority.value,)
        case SetLanguage():
            return "language", command.language, (command.language or "",)
        case Tag():
            added = tuple(t for t in command.tags if t not in ticket.tags)
            return "tags", tuple(sorted({*ticket.tags, *added})), added
        case Untag():
            gone = tuple(t for t in command.tags if t in ticket.tags)
            return "tags", tuple(t for t in ticket.tags if t not in gone), gone
        case Link():
            ids = ticket.conversation_ids
            if command.conversation_id in ids:
                return "conversation_ids", ids, (command.conversation_id,)
            return (
                "conversation_ids",
                (*ids, command.conversation_id),
                (command.conversation_id,),
            )
        case _:
            assert_never(command)


def _check_ticket(ticket: Ticket) -> None:
    """Every rule of a stored ticket, as construction checks it."""
    if not is_name(ticket.id):
        raise InvalidValue("id", ticket.id, "must be a non-empty string")
    created = utc_instant(ticket.created_at, "created_at")
    _check_enums(ticket)
    for name in ("assignee", "queue", "language"):
        value = getattr(ticket, name)
        if value is not None and not is_name(value):
            raise InvalidValue(name, value, "must be a non-empty string or None")
    last = created
    for index, event in enumerate(ticket.history):
        if event.at < last:
            raise InvalidValue(
                f"history[{index}].at", event.at, "times never go backwards"
            )
        last = event.at
    expected = ticket.history[-1].status if ticket.history else TicketStatus.NEW
    if ticket.status is not expected:
        raise InvalidValue(
            "status", ticket.status.value, f"the history ends in {expected.value}"
        )
    _check_parts(ticket)


def _check_enums(ticket: Ticket) -> None:
    if type(ticket.status) is not TicketStatus:
        raise InvalidValue("status", ticket.status, "must be a TicketStatus")
    if type(ticket.priority) is not Priority:
        raise InvalidValue("priority", ticket.priority, "must be a Priority")


def _check_parts(ticket: Ticket) -> None:
    escalated = ticket.status is TicketStatus.ESCALATED
    if escalated != isinstance(ticket.escalation, Escalation):
        raise InvalidValue(
            "escalation",
            ticket.escalation,
            "an Escalation exactly while the ticket is escalated",
        )
    if not isinstance(ticket.heard, HeardChecklist):
        raise InvalidValue("heard", ticket.heard, "must be a HeardChecklist")
    require_no_overlap(ticket.sessions, "sessions")
