"""The approval workflow (issue 12, Build 5): "a responder's draft reply must
be approved by an approver who is not its author before a `SendReply` action
is produced; editing an approved draft needs a new approval; agents who have
not completed onboarding always need approval, whatever their role; a
rejection carries a reason; every step is recorded, and acting without the
role raises `PermissionDenied`."
"""

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit.errors import (
    IllegalTransition,
    InvalidValue,
    PermissionDenied,
    PolicyError,
)
from carekit.roles import TeamRole
from carekit.testing import strategies as cks
from carekit.tickets import (
    DRAFT_TRANSITIONS,
    EVERY_REPLY_APPROVED,
    ApprovalRules,
    ApproveDraft,
    Draft,
    DraftStatus,
    DraftStep,
    EditDraft,
    RejectDraft,
    RequestApproval,
    ReturnToAuthor,
    SendDraft,
    SendReply,
    Team,
    TeamMember,
    mermaid,
    requires_approval,
    write_draft,
)

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
R, A, M, AD = TeamRole.RESPONDER, TeamRole.APPROVER, TeamRole.MONITOR, TeamRole.ADMIN
TEAM = Team(
    [
        TeamMember("rita", [R], onboarded=True),
        TeamMember("newbie", [R]),
        TeamMember("new-admin", [AD]),
        TeamMember("alex", [A], onboarded=True),
        TeamMember("una", [A]),
        TeamMember("ada", [AD], onboarded=True),
        TeamMember("mo", [M], onboarded=True),
        TeamMember("sam", [R, A], onboarded=True),
    ]
)


def draft_by(author: str, text: str = "Sorry about that!") -> Draft:
    draft, _ = write_draft(
        "d-1",
        ticket_id="t-1",
        conversation_id="c-1",
        author=author,
        text=text,
        now=T0,
        team=TEAM,
    )
    return draft


def step(draft: Draft, command: object, minutes: int) -> Draft:
    new, _ = draft.apply(command, now=T0 + minutes * MINUTE, team=TEAM)  # type: ignore[arg-type]
    return new


def test_a_responders_draft_is_sent_only_after_approval() -> None:
    """ "a responder's draft reply must be approved by an approver who is not
    its author before a `SendReply` action is produced" """
    draft, actions = write_draft(
        "d-1",
        ticket_id="t-1",
        conversation_id="c-1",
        author="rita",
        text="Sorry, refund on its way",
        now=T0,
        team=TEAM,
    )
    assert (RequestApproval("d-1", "t-1", "rita"),) == actions
    with pytest.raises(PolicyError, match="needs an approver's approval"):
        draft.apply(SendDraft("rita"), now=T0, team=TEAM)
    approved, actions = draft.apply(ApproveDraft("alex"), now=T0 + MINUTE, team=TEAM)
    assert () == actions
    sent, actions = approved.apply(SendDraft("rita"), now=T0 + 2 * MINUTE, team=TEAM)
    assert (
        SendReply(
            "t-1",
            "c-1",
            draft_id="d-1",
            text="Sorry, refund on its way",
            author="rita",
            approved_by="alex",
        ),
    ) == actions
    assert DraftStatus.SENT == sent.status


def test_self_approval_is_refused() -> None:
    """ "approved by an approver who is not its author" """
    draft = draft_by("sam")  # sam is both responder and approver
    with pytest.raises(PermissionDenied, match="never approves their own") as caught:
        draft.apply(ApproveDraft("sam"), now=T0, team=TEAM)
    assert "sam" == caught.value.who


def test_an_edit_after_approval_needs_a_new_approval() -> None:
    """ "editing an approved draft needs a new approval" """
    approved = step(draft_by("rita"), ApproveDraft("alex"), 1)
    edited, actions = approved.apply(
        EditDraft("rita", "Sorry! Refund sent today."), now=T0 + 2 * MINUTE, team=TEAM
    )
    assert (DraftStatus.DRAFTED, None) == (edited.status, edited.approved_by)
    assert (RequestApproval("d-1", "t-1", "rita"),) == actions
    with pytest.raises(PolicyError):
        edited.apply(SendDraft("rita"), now=T0 + 3 * MINUTE, team=TEAM)
    again = step(edited, ApproveDraft("ada"), 4)
    _, (reply,) = again.apply(SendDraft("rita"), now=T0 + 5 * MINUTE, team=TEAM)
    assert isinstance(reply, SendReply)
    assert ("Sorry! Refund sent today.", "ada") == (reply.text, reply.approved_by)


@pytest.mark.parametrize("author", ["newbie", "new-admin"])
def test_an_agent_without_onboarding_always_needs_approval(author: str) -> None:
    """ "agents who have not completed onboarding always need approval,
    whatever their role" """
    draft = draft_by(author)
    with pytest.raises(PolicyError):
        draft.apply(SendDraft(author), now=T0, team=TEAM)
    lenient = ApprovalRules(list(TeamRole))  # the policy exempts every role
    with pytest.raises(PolicyError):
        draft.apply(SendDraft(author), now=T0, team=TEAM, policy=lenient)
    assert requires_approval(TEAM.find(author), lenient)


def test_an_onboarded_admin_sends_alone_by_default() -> None:
    draft, actions = write_draft(
        "d-2",
        ticket_id="t-1",
        conversation_id="c-1",
        author="ada",
        text="We fixed it.",
        now=T0,
        team=TEAM,
    )
    assert () == actions
    _, (reply,) = draft.apply(SendDraft("ada"), now=T0, team=TEAM)
    assert isinstance(reply, SendReply)
    assert reply.approved_by is None
    with pytest.raises(PolicyError):
        draft.apply(SendDraft("ada"), now=T0, team=TEAM, policy=EVERY_REPLY_APPROVED)


def test_an_approver_who_is_not_onboarded_cannot_approve() -> None:
    with pytest.raises(PermissionDenied, match="onboarding"):
        draft_by("rita").apply(ApproveDraft("una"), now=T0, team=TEAM)


def test_a_monitor_cannot_send_draft_or_approve() -> None:
    """ "acting without the role raises `PermissionDenied`": monitors watch."""
    approved = step(draft_by("rita"), ApproveDraft("alex"), 1)
    with pytest.raises(PermissionDenied, match="to send needs the admin or responder"):
        approved.apply(SendDraft("mo"), now=T0 + 2 * MINUTE, team=TEAM)
    with pytest.raises(PermissionDenied):
        draft_by("mo")
    with pytest.raises(PermissionDenied):
        draft_by("rita").apply(ApproveDraft("mo"), now=T0, team=TEAM)


def test_a_responder_cannot_approve_and_a_stranger_cannot_act() -> None:
    with pytest.raises(PermissionDenied, match="approve"):
        draft_by("sam").apply(ApproveDraft("rita"), now=T0, team=TEAM)
    with pytest.raises(PermissionDenied, match="not a member"):
        draft_by("rita").apply(ApproveDraft("eve"), now=T0, team=TEAM)


def test_only_the_author_edits() -> None:
    with pytest.raises(PermissionDenied, match="only the author"):
        draft_by("rita").apply(EditDraft("sam", "other words"), now=T0, team=TEAM)


def test_an_edit_that_changes_nothing_is_refused() -> None:
    with pytest.raises(InvalidValue, match="changes nothing"):
        draft_by("rita").apply(
            EditDraft("rita", "Sorry about that!"), now=T0, team=TEAM
        )


def test_a_rejection_carries_a_reason_back_to_the_author() -> None:
    """ "a rejection carries a reason" """
    with pytest.raises(InvalidValue):
        RejectDraft("alex", " ")
    rejected, actions = draft_by("rita").apply(
        RejectDraft("alex", "too casual for a legal complaint"), now=T0, team=TEAM
    )
    assert (
        ReturnToAuthor("d-1", "rita", "too casual for a legal complaint"),
    ) == actions
    assert DraftStatus.REJECTED == rejected.status
    with pytest.raises(IllegalTransition, match="cannot send from state rejected"):
        rejected.apply(SendDraft("rita"), now=T0, team=TEAM)


def test_every_decision_is_in_the_record() -> None:
    """ "every step is recorded" """
    draft = draft_by("rita")
    draft = step(draft, RejectDraft("alex", "check the order number"), 1)
    draft = step(draft, EditDraft("rita", "Order 991 is refunded."), 2)
    draft = step(draft, ApproveDraft("ada"), 3)
    draft = step(draft, SendDraft("rita"), 4)
    assert [
        (0, "rita", DraftStep.WRITE, DraftStatus.DRAFTED, "Sorry about that!"),
        (1, "alex", DraftStep.REJECT, DraftStatus.REJECTED, "check the order number"),
        (2, "rita", DraftStep.EDIT, DraftStatus.DRAFTED, "Order 991 is refunded."),
        (3, "ada", DraftStep.APPROVE, DraftStatus.APPROVED, ""),
        (4, "rita", DraftStep.SEND, DraftStatus.SENT, ""),
    ] == [((e.at - T0) // MINUTE, e.by, e.step, e.status, e.note) for e in draft.record]


def test_a_sent_draft_is_final() -> None:
    sent = step(step(draft_by("rita"), ApproveDraft("alex"), 1), SendDraft("rita"), 2)
    with pytest.raises(IllegalTransition):
        sent.apply(EditDraft("rita", "one more thing"), now=T0 + 3 * MINUTE, team=TEAM)


def test_the_approvals_page_shows_the_draft_table() -> None:
    from pathlib import Path

    page = (Path(__file__).parents[1] / "docs" / "approvals.md").read_text()
    assert mermaid(DRAFT_TRANSITIONS, initial=DraftStatus.DRAFTED) in page


@given(draft=cks.drafts(), command=cks.draft_commands(agents=st.sampled_from(
    [m.id for m in TEAM.members])))  # fmt: skip
def test_no_reply_leaves_without_an_allowed_path(draft: Draft, command: object) -> None:
    """Whatever the steps: a ``SendReply`` comes only from a member who may
    send, for a draft approved by someone else or by an author who needs no
    approval; and the record grows by exactly one step per accepted command."""
    at = draft.record[-1].at + MINUTE
    try:
        new, actions = draft.apply(command, now=at, team=TEAM)  # type: ignore[arg-type]
    except (PermissionDenied, PolicyError, IllegalTransition, InvalidValue):
        return
    assert len(draft.record) + 1 == len(new.record)
    for action in actions:
        if isinstance(action, SendReply):
            sender = TEAM.find(new.record[-1].by)
            assert sender is not None
            assert {R, AD} & set(sender.roles)
            if action.approved_by is None:
                assert not requires_approval(TEAM.find(draft.author), ApprovalRules())
            else:
                assert action.approved_by != draft.author


def test_a_stored_draft_is_checked_on_construction() -> None:
    approved = step(draft_by("rita"), ApproveDraft("alex"), 1)
    with pytest.raises(InvalidValue, match="names its approver"):
        attrs.evolve(approved, approved_by=None)
    with pytest.raises(InvalidValue, match="has no approval"):
        attrs.evolve(draft_by("rita"), approved_by="alex")
    with pytest.raises(InvalidValue, match="starts with the write"):
        attrs.evolve(approved, record=approved.record[1:])
