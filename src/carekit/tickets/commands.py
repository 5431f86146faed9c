"""The commands a ticket accepts: a closed union of frozen classes.

Each command names the agent who gives it (``by``) and what changes; the
instant is given to :meth:`~carekit.tickets.Ticket.apply` as ``now``. Each
class carries the :class:`ChangeKind` it is recorded under in the ticket's
history.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, ClassVar, TypeAlias

import attrs
from attrs import field, frozen

from carekit._validate import (
    enum_member,
    instance_of,
    non_empty_str,
    optional_non_empty_str,
    string_set,
)
from carekit.errors import InvalidValue
from carekit.messages import Visibility
from carekit.tickets.heard import HeardStep
from carekit.tickets.sessions import WorkSession

__all__ = [
    "Assign",
    "ChangeKind",
    "Close",
    "Diagnose",
    "Escalate",
    "FollowUp",
    "HandBack",
    "Link",
    "LogWork",
    "Open",
    "Prioritize",
    "Priority",
    "RecordReply",
    "Reopen",
    "Resolve",
    "Resume",
    "Route",
    "SetLanguage",
    "Tag",
    "TickHeard",
    "TicketCommand",
    "Untag",
    "Wait",
]


class Priority(enum.Enum):
    """How urgent a ticket is."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"


class ChangeKind(enum.Enum):
    """What a history entry records: one kind per command."""

    # Members compare by identity, so they hash by identity too: Enum's own
    # ``__hash__`` is Python code, and each command looks its move up.
    __hash__ = object.__hash__

    OPEN = "open"
    WAIT = "wait"
    RESUME = "resume"
    ESCALATE = "escalate"
    HAND_BACK = "hand_back"
    RESOLVE = "resolve"
    REOPEN = "reopen"
    CLOSE = "close"
    FOLLOW_UP = "follow_up"
    ASSIGN = "assign"
    ROUTE = "route"
    PRIORITIZE = "prioritize"
    SET_LANGUAGE = "set_language"
    TAG = "tag"
    UNTAG = "untag"
    LINK = "link"
    REPLY = "reply"
    LOG_WORK = "log_work"
    TICK_HEARD = "tick_heard"
    DIAGNOSE = "diagnose"


@frozen
class Open:
    """NEW → OPEN: an agent takes the ticket up."""

    kind: ClassVar[ChangeKind] = ChangeKind.OPEN
    by: str = field(validator=non_empty_str)


@frozen
class Wait:
    """OPEN → PENDING: the ticket waits on the customer."""

    kind: ClassVar[ChangeKind] = ChangeKind.WAIT
    by: str = field(validator=non_empty_str)


@frozen
class Resume:
    """PENDING → OPEN: the wait is over (the customer answered)."""

    kind: ClassVar[ChangeKind] = ChangeKind.RESUME
    by: str = field(validator=non_empty_str)


@frozen
class HandBack:
    """ESCALATED → OPEN: the department handed the ticket back."""

    kind: ClassVar[ChangeKind] = ChangeKind.HAND_BACK
    by: str = field(validator=non_empty_str)


@frozen
class Resolve:
    """OPEN, PENDING or ESCALATED → RESOLVED; ``by`` is who resolved it."""

    kind: ClassVar[ChangeKind] = ChangeKind.RESOLVE
    by: str = field(validator=non_empty_str)


@frozen
class Reopen:
    """RESOLVED → OPEN: a new resolution cycle starts."""

    kind: ClassVar[ChangeKind] = ChangeKind.REOPEN
    by: str = field(validator=non_empty_str)


@frozen
class Close:
    """RESOLVED → CLOSED, once the HEARD policy is satisfied. Terminal."""

    kind: ClassVar[ChangeKind] = ChangeKind.CLOSE
    by: str = field(validator=non_empty_str)


@frozen
class Escalate:
    """OPEN → ESCALATED: notify *department*, with *note* as the case summary."""

    kind: ClassVar[ChangeKind] = ChangeKind.ESCALATE
    by: str = field(validator=non_empty_str)
    department: str = field(validator=non_empty_str)
    note: str = field(kw_only=True, validator=non_empty_str)


@frozen
class FollowUp:
    """Remind the department of an escalated ticket, once a reminder is due."""

    kind: ClassVar[ChangeKind] = ChangeKind.FOLLOW_UP
    by: str = field(validator=non_empty_str)


@frozen
class Assign:
    """Give the ticket to *assignee* (``None``: unassign)."""

    kind: ClassVar[ChangeKind] = ChangeKind.ASSIGN
    by: str = field(validator=non_empty_str)
    assignee: str | None = field(validator=optional_non_empty_str)


@frozen
class Route:
    """Move the ticket to *queue* (``None``: no queue)."""

    kind: ClassVar[ChangeKind] = ChangeKind.ROUTE
    by: str = field(validator=non_empty_str)
    queue: str | None = field(validator=optional_non_empty_str)


@frozen
class Prioritize:
    """Set the ticket's priority."""

    kind: ClassVar[ChangeKind] = ChangeKind.PRIORITIZE
    by: str = field(validator=non_empty_str)
    priority: Priority = field(validator=enum_member(Priority))


@frozen
class SetLanguage:
    """Set the ticket's language, a BCP 47 tag (``None``: unknown)."""

    kind: ClassVar[ChangeKind] = ChangeKind.SET_LANGUAGE
    by: str = field(validator=non_empty_str)
    language: str | None = field(validator=optional_non_empty_str)


def _tag_set(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "tags")


def _some(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value:
        raise InvalidValue(attribute.name, value, "name at least one tag")


@frozen
class Tag:
    """Add *tags* (stored sorted, without duplicates)."""

    kind: ClassVar[ChangeKind] = ChangeKind.TAG
    by: str = field(validator=non_empty_str)
    tags: tuple[str, ...] = field(converter=_tag_set, validator=_some)


@frozen
class Untag:
    """Remove *tags*."""

    kind: ClassVar[ChangeKind] = ChangeKind.UNTAG
    by: str = field(validator=non_empty_str)
    tags: tuple[str, ...] = field(converter=_tag_set, validator=_some)


@frozen
class Link:
    """Link another conversation to the ticket."""

    kind: ClassVar[ChangeKind] = ChangeKind.LINK
    by: str = field(validator=non_empty_str)
    conversation_id: str = field(validator=non_empty_str)


@frozen
class RecordReply:
    """Record that *by* answered in a linked conversation: a public reply
    the customer reads, or a private note only the team reads."""

    kind: ClassVar[ChangeKind] = ChangeKind.REPLY
    by: str = field(validator=non_empty_str)
    message_id: str = field(validator=non_empty_str)
    visibility: Visibility = field(kw_only=True, validator=enum_member(Visibility))


@frozen
class LogWork:
    """Record a work session; its agent is who gives the command."""

    kind: ClassVar[ChangeKind] = ChangeKind.LOG_WORK
    session: WorkSession = field(validator=instance_of(WorkSession))

    @property
    def by(self) -> str:
        """The session's agent."""
        return self.session.agent


@frozen
class TickHeard:
    """Tick a HEARD step other than Diagnose."""

    kind: ClassVar[ChangeKind] = ChangeKind.TICK_HEARD
    by: str = field(validator=non_empty_str)
    step: HeardStep = field(validator=enum_member(HeardStep))


@frozen
class Diagnose:
    """Record HEARD's Diagnose: how the error happened and its safeguard."""

    kind: ClassVar[ChangeKind] = ChangeKind.DIAGNOSE
    by: str = field(validator=non_empty_str)
    cause: str = field(validator=non_empty_str)
    safeguard: str = field(kw_only=True, validator=non_empty_str)


TicketCommand: TypeAlias = (
    Open
    | Wait
    | Resume
    | HandBack
    | Resolve
    | Reopen
    | Close
    | Escalate
    | FollowUp
    | Assign
    | Route
    | Prioritize
    | SetLanguage
    | Tag
    | Untag
    | Link
    | RecordReply
    | LogWork
    | TickHeard
    | Diagnose
)
"""Every command a ticket accepts."""
