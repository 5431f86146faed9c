"""The approval workflow: who may draft, approve and send a reply.

The care checklist for brands on Twitter (2019) asks for "a permission-based
workflow that outlines who is responsible for complaint monitoring, consumer
communication, and response approval", and for onboarding: "New admins
should receive customer satisfaction training that includes general
communication guidelines such as establishing an appropriate tone of voice".

carekit's rules, whatever :class:`ApprovalPolicy` is passed:

- a team member acts only with the role for the step (:data:`PERMISSIONS`),
  else :class:`~carekit.errors.PermissionDenied`;
- an approver never approves their own draft;
- editing a draft voids its approval: it needs a new one;
- an author who has not completed onboarding always needs approval;
- a rejection carries a reason;
- every step (write, edit, approve, reject, send) is in the draft's record.

The policy decides only whether an *onboarded* author needs approval. A
draft moves along :data:`~carekit.tickets.lifecycle.DRAFT_TRANSITIONS`; a
send yields :class:`SendReply`, which the caller performs.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, Protocol, TypeAlias, assert_never

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, utc_instant
from carekit._validate import (
    aware_datetime,
    enum_member,
    instance_of,
    non_empty_str,
    optional_non_empty_str,
)
from carekit.errors import InvalidValue, PermissionDenied, PolicyError
from carekit.roles import TeamRole
from carekit.tickets._convert import checked_tuple, enum_tuple
from carekit.tickets.lifecycle import DraftMove, DraftStatus, next_draft_status

__all__ = [
    "EVERY_REPLY_APPROVED",
    "PERMISSIONS",
    "TWITTER_CARE_2019",
    "ApprovalPolicy",
    "ApprovalRules",
    "ApproveDraft",
    "Draft",
    "DraftAction",
    "DraftCommand",
    "DraftEvent",
    "DraftStep",
    "EditDraft",
    "RejectDraft",
    "RequestApproval",
    "ReturnToAuthor",
    "SendDraft",
    "SendReply",
    "Team",
    "TeamMember",
    "requires_approval",
    "write_draft",
]


def _roles(items: Iterable[TeamRole]) -> tuple[TeamRole, ...]:
    return enum_tuple(items, TeamRole, "roles")


@frozen
class TeamMember:
    """A member of the page's care team.

    Attributes:
        id: The member's id (the ``by`` of their commands).
        roles: What they may do, kept in :class:`~carekit.roles.TeamRole`
            order without duplicates.
        onboarded: True once they completed onboarding (training in tone and
            guidelines); until then every reply of theirs needs approval.
    """

    id: str = field(validator=non_empty_str)
    roles: tuple[TeamRole, ...] = field(converter=_roles)
    onboarded: bool = field(default=False, kw_only=True, validator=instance_of(bool))


def _members(items: Iterable[TeamMember]) -> tuple[TeamMember, ...]:
    values = checked_tuple(items, TeamMember, "members")
    ids = [member.id for member in values]
    if len(set(ids)) != len(ids):
        raise InvalidValue("members", ids, "member ids must be unique")
    return values


@frozen
class Team:
    """A snapshot of the care team: who holds which roles.

    Attributes:
        members: The members, ids unique.
    """

    members: tuple[TeamMember, ...] = field(converter=_members)

    def find(self, member_id: str) -> TeamMember | None:
        """The member with *member_id*, or ``None``."""
        for member in self.members:
            if member.id == member_id:
                return member
        return None


class DraftStep(enum.Enum):
    """A step in a draft's record."""

    WRITE = "write"
    EDIT = "edit"
    APPROVE = "approve"
    REJECT = "reject"
    SEND = "send"


PERMISSIONS: Final[Mapping[DraftStep, frozenset[TeamRole]]] = MappingProxyType(
    {
        DraftStep.WRITE: frozenset({TeamRole.RESPONDER, TeamRole.ADMIN}),
        DraftStep.EDIT: frozenset({TeamRole.RESPONDER, TeamRole.ADMIN}),
        DraftStep.APPROVE: frozenset({TeamRole.APPROVER, TeamRole.ADMIN}),
        DraftStep.REJECT: frozenset({TeamRole.APPROVER, TeamRole.ADMIN}),
        DraftStep.SEND: frozenset({TeamRole.RESPONDER, TeamRole.ADMIN}),
    }
)
"""The roles that may take each step; a monitor takes none (it watches)."""


class ApprovalPolicy(Protocol):
    """Whether an onboarded author's replies need an approver."""

    def needs_approval(self, author: TeamMember) -> bool:
        """True when *author*'s drafts must be approved before sending."""
        ...


@frozen
class ApprovalRules:
    """Onboarded members holding an exempt role send without approval.

    Attributes:
        exempt: The roles whose holders need no approval (empty: every reply
            is approved).
    """

    exempt: tuple[TeamRole, ...] = field(
        default=(TeamRole.APPROVER, TeamRole.ADMIN), converter=_roles
    )

    def needs_approval(self, author: TeamMember) -> bool:
        """True unless *author* holds an exempt role."""
        return not any(role in self.exempt for role in author.roles)


TWITTER_CARE_2019: Final = ApprovalRules((TeamRole.APPROVER, TeamRole.ADMIN))
"""The checklist's workflow (Twitter's care checklist for brands, 2019):
responders' replies are approved; approvers and admins answer alone once
onboarded. The default."""

EVERY_REPLY_APPROVED: Final = ApprovalRules(())
"""Every reply needs an approver who is not its author."""


def requires_approval(author: TeamMember | None, policy: ApprovalPolicy) -> bool:
    """Whether *author*'s draft needs an approval before it is sent.

    Rule carekit keeps whatever the policy: an author who has not completed
    onboarding (or is not on the team) always needs approval.
    """
    if author is None or not author.onboarded:
        return True
    return bool(policy.needs_approval(author))


@frozen
class DraftEvent:
    """One step in a draft's record.

    Attributes:
        at: When (UTC).
        by: Who took the step.
        step: Which step.
        status: The draft's status after it.
        note: The reason of a rejection, or the text written or edited.
    """

    at: dt.datetime = field(validator=aware_datetime, eq=instant_key)
    by: str = field(validator=non_empty_str)
    step: DraftStep = field(kw_only=True, validator=enum_member(DraftStep))
    status: DraftStatus = field(kw_only=True, validator=enum_member(DraftStatus))
    note: str = field(default="", kw_only=True, validator=instance_of(str))


@frozen
class EditDraft:
    """The author replaces the draft's text; any approval is void."""

    by: str = field(validator=non_empty_str)
    text: str = field(validator=non_empty_str)


@frozen
class ApproveDraft:
    """An approver who is not the author approves the draft."""

    by: str = field(validator=non_empty_str)


@frozen
class RejectDraft:
    """An approver sends the draft back to its author, saying why."""

    by: str = field(validator=non_empty_str)
    reason: str = field(validator=non_empty_str)


@frozen
class SendDraft:
    """Send the draft: approved, or by an author who needs no approval."""

    by: str = field(validator=non_empty_str)


DraftCommand: TypeAlias = EditDraft | ApproveDraft | RejectDraft | SendDraft
"""Every command a draft accepts."""


@frozen
class RequestApproval:
    """Action: ask the approvers to review the draft."""

    draft_id: str
    ticket_id: str
    author: str


@frozen
class ReturnToAuthor:
    """Action: tell the author the draft was rejected, and why."""

    draft_id: str
    author: str
    reason: str


@frozen
class SendReply:
    """Action: send the reply to the customer in the conversation.

    Attributes:
        ticket_id: The ticket it answers.
        conversation_id: Where to send it.
        draft_id: The draft it comes from.
        text: What to send.
        author: Who wrote it.
        approved_by: Who approved it, or ``None`` when none was needed.
    """

    ticket_id: str
    conversation_id: str
    draft_id: str = field(kw_only=True)
    text: str = field(kw_only=True)
    author: str = field(kw_only=True)
    approved_by: str | None = field(default=None, kw_only=True)


DraftAction: TypeAlias = RequestApproval | ReturnToAuthor | SendReply
"""Every action a draft step can produce."""


def _record(items: Iterable[DraftEvent]) -> tuple[DraftEvent, ...]:
    values = checked_tuple(items, DraftEvent, "record")
    if not values or values[0].step is not DraftStep.WRITE:
        raise InvalidValue("record", len(values), "a record starts with the write")
    return values


@frozen
class Draft:
    """A reply drafted for a ticket's conversation, on its way to the customer.

    Start one with :func:`write_draft`; change it with :meth:`apply`.

    Attributes:
        id: The caller's id for the draft.
        ticket_id: The ticket it answers.
        conversation_id: The conversation it goes to.
        author: Who wrote it.
        text: The current text.
        status: Where it is in the approval workflow.
        approved_by: The approver of the current text, while ``APPROVED`` or
            once sent after approval.
        record: Every step, first the write; times never go backwards.
    """

    id: str = field(validator=non_empty_str)
    ticket_id: str = field(kw_only=True, validator=non_empty_str)
    conversation_id: str = field(kw_only=True, validator=non_empty_str)
    author: str = field(kw_only=True, validator=non_empty_str)
    text: str = field(kw_only=True, validator=non_empty_str)
    status: DraftStatus = field(
        default=DraftStatus.DRAFTED, kw_only=True, validator=enum_member(DraftStatus)
    )
    approved_by: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    record: tuple[DraftEvent, ...] = field(kw_only=True, converter=_record)

    def __attrs_post_init__(self) -> None:
        if self.record[-1].status is not self.status:
            raise InvalidValue(
                "status", self.status.value, "the record ends in another status"
            )
        stamps = [utc_instant(event.at, "at") for event in self.record]
        if stamps != sorted(stamps):
            raise InvalidValue("record", self.id, "times never go backwards")
        if self.status is DraftStatus.APPROVED and self.approved_by is None:
            raise InvalidValue(
                "approved_by", None, "an approved draft names its approver"
            )
        unapproved = self.status in (DraftStatus.DRAFTED, DraftStatus.REJECTED)
        if unapproved and self.approved_by is not None:
            raise InvalidValue(
                "approved_by",
                self.approved_by,
                f"a {self.status.value} draft has no approval",
            )

    def apply(
        self,
        command: DraftCommand,
        *,
        now: dt.datetime,
        team: Team,
        policy: ApprovalPolicy = TWITTER_CARE_2019,
    ) -> tuple[Draft, tuple[DraftAction, ...]]:
        """Take one step at *now*: the new draft and the actions to perform.

        Raises:
            PermissionDenied: The member is not on *team*, lacks the role for
                the step, approves their own draft, approves before
                onboarding, or edits another author's draft.
            IllegalTransition: The draft's status allows no such step.
            PolicyError: Sending a draft that still needs approval.
            InvalidValue: *now* goes back in time, or an edit changes nothing.
        """
        at = utc_instant(now, "now")
        if at < utc_instant(self.record[-1].at, "at"):
            raise InvalidValue("now", now, "time never goes backwards")
        match command:
            case EditDraft():
                return self._edit(command, at, team, policy)
            case ApproveDraft():
                self._check_approver(command.by, team)
                draft = self._step(
                    DraftStep.APPROVE, command.by, at, approved_by=command.by
                )
                return draft, ()
            case RejectDraft():
                _allowed(team, command.by, DraftStep.REJECT)
                draft = self._step(
                    DraftStep.REJECT,
                    command.by,
                    at,
                    approved_by=None,
                    note=command.reason,
                )
                return draft, (ReturnToAuthor(self.id, self.author, command.reason),)
            case SendDraft():
                return self._send(command, at, team, policy)
            case _:
                assert_never(command)

    def _step(
        self,
        step: DraftStep,
        by: str,
        at: dt.datetime,
        *,
        approved_by: str | None,
        note: str = "",
        text: str | None = None,
    ) -> Draft:
        status = next_draft_status(self.status, DraftMove(step.value))
        event = DraftEvent(at, by, step=step, status=status, note=note)
        return attrs.evolve(
            self,
            status=status,
            approved_by=approved_by,
            text=self.text if text is None else text,
            record=(*self.record, event),
        )

    def _edit(
        self, command: EditDraft, at: dt.datetime, team: Team, policy: ApprovalPolicy
    ) -> tuple[Draft, tuple[DraftAction, ...]]:
        _allowed(team, command.by, DraftStep.EDIT)
        if command.by != self.author:
            raise PermissionDenied(
                "draft", command.by, "only the author edits a draft; write a new one"
            )
        if command.text == self.text:
            raise InvalidValue("text", "<unchanged>", "that changes nothing")
        draft = self._step(
            DraftStep.EDIT,
            command.by,
            at,
            approved_by=None,
            note=command.text,
            text=command.text,
        )
        return draft, _review(draft, team, policy)

    def _check_approver(self, by: str, team: Team) -> None:
        member = _allowed(team, by, DraftStep.APPROVE)
        if by == self.author:
            raise PermissionDenied(
                "approval", by, "an approver never approves their own draft"
            )
        if not member.onboarded:
            raise PermissionDenied(
                "approval", by, "approving needs completed onboarding"
            )

    def _send(
        self, command: SendDraft, at: dt.datetime, team: Team, policy: ApprovalPolicy
    ) -> tuple[Draft, tuple[DraftAction, ...]]:
        _allowed(team, command.by, DraftStep.SEND)
        author = team.find(self.author)
        if self.status is DraftStatus.DRAFTED and requires_approval(author, policy):
            raise PolicyError(
                "approval",
                self.id,
                f"a draft by {self.author} needs an approver's approval before "
                "it is sent",
            )
        draft = self._step(DraftStep.SEND, command.by, at, approved_by=self.approved_by)
        reply = SendReply(
            self.ticket_id,
            self.conversation_id,
            draft_id=self.id,
            text=self.text,
            author=self.author,
            approved_by=self.approved_by,
        )
        return draft, (reply,)


def _allowed(team: Team, by: str, step: DraftStep) -> TeamMember:
    """The member *by*, if they hold a role that may take *step*.

    Raises:
        PermissionDenied: *by* is not on the team or lacks every such role.
    """
    member = team.find(by)
    if member is None:
        raise PermissionDenied("draft", by, "not a member of the team")
    allowed = PERMISSIONS[step]
    if not any(role in allowed for role in member.roles):
        names = " or ".join(sorted(role.value for role in allowed))
        raise PermissionDenied("draft", by, f"to {step.value} needs the {names} role")
    return member


def _review(
    draft: Draft, team: Team, policy: ApprovalPolicy
) -> tuple[DraftAction, ...]:
    """Ask for approval when the draft's author needs it."""
    if requires_approval(team.find(draft.author), policy):
        return (RequestApproval(draft.id, draft.ticket_id, draft.author),)
    return ()


def write_draft(
    id: str,
    *,
    ticket_id: str,
    conversation_id: str,
    author: str,
    text: str,
    now: dt.datetime,
    team: Team,
    policy: ApprovalPolicy = TWITTER_CARE_2019,
) -> tuple[Draft, tuple[DraftAction, ...]]:
    """Write a draft reply: the draft and, when its author needs one, a
    :class:`RequestApproval`.

    Raises:
        PermissionDenied: *author* is not on *team* or may not write replies.
        InvalidValue: A field breaks its rule.
    """
    _allowed(team, author, DraftStep.WRITE)
    at = utc_instant(now, "now")
    event = DraftEvent(
        at, author, step=DraftStep.WRITE, status=DraftStatus.DRAFTED, note=text
    )
    draft = Draft(
        id,
        ticket_id=ticket_id,
        conversation_id=conversation_id,
        author=author,
        text=text,
        record=(event,),
    )
    return draft, _review(draft, team, policy)
