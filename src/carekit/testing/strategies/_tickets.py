"""Strategies for tickets and workflows: tickets built by applying random
commands, their commands and actions, work sessions, escalations, HEARD, and
the approval workflow's teams, drafts and steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from carekit.errors import CarekitError
from carekit.messages import Visibility
from carekit.roles import TeamRole
from carekit.tickets import (
    HEARD_OPTIONAL,
    TRANSITIONS,
    ApprovalRules,
    ApproveDraft,
    Assign,
    CaseSummary,
    Close,
    Departments,
    Diagnose,
    Diagnosis,
    Draft,
    DraftCommand,
    DraftEvent,
    DraftStatus,
    DraftStep,
    EditDraft,
    Escalate,
    Escalation,
    FollowUp,
    HandBack,
    HeardChecklist,
    HeardRequirement,
    HeardStep,
    HeardTick,
    Link,
    LogWork,
    NotifyDepartment,
    Open,
    Prioritize,
    Priority,
    RecordReply,
    RejectDraft,
    Reopen,
    RequestApproval,
    Resolve,
    Resume,
    ReturnToAuthor,
    Route,
    SendDraft,
    SendReply,
    SetLanguage,
    Tag,
    Team,
    TeamMember,
    Ticket,
    TicketCommand,
    TicketEvent,
    TicketMove,
    TicketStatus,
    TickHeard,
    Untag,
    Wait,
    WorkSession,
    write_draft,
)
from carekit.tickets.commands import ChangeKind

from ._common import identifiers
from ._conversations import languages
from ._time import aware_datetimes

__all__ = [
    "approval_rules",
    "case_summaries",
    "departments",
    "diagnoses",
    "draft_commands",
    "draft_events",
    "drafts",
    "escalations",
    "heard_checklists",
    "heard_requirements",
    "heard_ticks",
    "notify_departments",
    "priorities",
    "request_approvals",
    "return_to_authors",
    "send_replies",
    "strategies_by_type",
    "team_members",
    "teams",
    "ticket_commands",
    "ticket_events",
    "ticket_statuses",
    "tickets",
    "work_sessions",
]

_HOUR = dt.timedelta(hours=1)
_ZERO = dt.timedelta(0)
_DEPARTMENTS = st.sampled_from(["billing", "legal"])
_TEXT = st.text(min_size=1, max_size=20).filter(str.strip)
_TAGS = st.sampled_from(["refund", "delivery", "vip", "bug", "billing"])
_UTC = aware_datetimes(zones=st.just(dt.UTC))


def ticket_statuses() -> st.SearchStrategy[TicketStatus]:
    """Ticket statuses, shrinking to ``NEW``."""
    return st.sampled_from(list(TicketStatus))


def priorities() -> st.SearchStrategy[Priority]:
    """Priorities, shrinking to ``LOW``."""
    return st.sampled_from(list(Priority))


def _heard_steps() -> st.SearchStrategy[HeardStep]:
    return st.sampled_from([s for s in HeardStep if s is not HeardStep.DIAGNOSE])


@st.composite
def _work_sessions(
    draw: st.DrawFn,
    agents: st.SearchStrategy[str],
    starts: st.SearchStrategy[dt.datetime],
    max_duration: dt.timedelta,
) -> WorkSession:
    start = draw(starts)
    length = draw(
        st.timedeltas(min_value=dt.timedelta(seconds=1), max_value=max_duration)
    )
    # Elapsed time, in UTC: ``start + length`` would add wall-clock time,
    # which is shorter or longer across a DST change.
    end = (start.astimezone(dt.UTC) + length).astimezone(start.tzinfo)
    return WorkSession(draw(agents), start, end)


def work_sessions(
    *,
    agents: st.SearchStrategy[str] | None = None,
    starts: st.SearchStrategy[dt.datetime] | None = None,
    max_duration: dt.timedelta = dt.timedelta(hours=8),
) -> st.SearchStrategy[WorkSession]:
    """Work sessions of 1 s to *max_duration*.

    Args:
        agents: Strategy for the agent (default: :func:`identifiers`).
        starts: Strategy for the start (default: :func:`aware_datetimes`).
        max_duration: The longest session.
    """
    return _work_sessions(
        agents if agents is not None else identifiers(),
        starts if starts is not None else aware_datetimes(),
        max_duration,
    )


def heard_ticks() -> st.SearchStrategy[HeardTick]:
    """HEARD steps done (any but Diagnose)."""
    return st.builds(HeardTick, _heard_steps(), identifiers(), aware_datetimes())


def diagnoses() -> st.SearchStrategy[Diagnosis]:
    """Diagnose steps: a cause and a safeguard."""
    return st.builds(Diagnosis, _TEXT, _TEXT, by=identifiers(), at=aware_datetimes())


@st.composite
def heard_checklists(draw: st.DrawFn) -> HeardChecklist:
    """HEARD checklists with any steps done, shrinking to an empty one."""
    steps = draw(st.lists(_heard_steps(), unique=True, max_size=4))
    ticks = [HeardTick(s, draw(identifiers()), draw(aware_datetimes())) for s in steps]
    return HeardChecklist(ticks, diagnosis=draw(st.none() | diagnoses()))


def heard_requirements() -> st.SearchStrategy[HeardRequirement]:
    """HEARD policies requiring any set of steps before closing."""
    return st.builds(HeardRequirement, st.frozensets(st.sampled_from(HeardStep)))


def departments() -> st.SearchStrategy[Departments]:
    """Department policies with one to four departments."""
    return st.builds(
        Departments,
        st.lists(st.sampled_from(["billing", "legal", "logistics", "product"]),
                 min_size=1, max_size=4),
        follow_up=st.none()
        | st.timedeltas(min_value=dt.timedelta(minutes=1), max_value=7 * 24 * _HOUR),
    )  # fmt: skip


@st.composite
def escalations(draw: st.DrawFn) -> Escalation:
    """Escalations, with a last notification at or after the escalation."""
    at = draw(_UTC)
    return Escalation(
        draw(st.sampled_from(["billing", "legal", "logistics", "product"])),
        draw(_TEXT),
        by=draw(identifiers()),
        at=at,
        follow_up=draw(st.none() | st.just(24 * _HOUR)),
        notified_at=at
        + draw(st.timedeltas(min_value=dt.timedelta(0), max_value=_HOUR)),
    )


def _command_strategies(
    who: st.SearchStrategy[str],
) -> dict[type, st.SearchStrategy[Any]]:
    """One strategy per ticket command class."""
    late = dt.datetime(2000, 1, 2, tzinfo=dt.UTC)
    sessions = work_sessions(
        agents=who,
        starts=st.integers(0, 3000).map(lambda s: late - dt.timedelta(seconds=s + 600)),
        max_duration=dt.timedelta(minutes=10),
    )
    simple = (Open, Wait, Resume, HandBack, Resolve, Reopen, Close, FollowUp)
    return {cls: st.builds(cls, who) for cls in simple} | {
        Escalate: st.builds(Escalate, who, _DEPARTMENTS, note=_TEXT),
        Assign: st.builds(Assign, who, st.none() | identifiers()),
        Route: st.builds(Route, who, st.none() | st.sampled_from(["general", "vip"])),
        Prioritize: st.builds(Prioritize, who, priorities()),
        SetLanguage: st.builds(SetLanguage, who, st.none() | languages()),
        Tag: st.builds(Tag, who, st.lists(_TAGS, min_size=1, max_size=2)),
        Untag: st.builds(Untag, who, st.lists(_TAGS, min_size=1, max_size=2)),
        Link: st.builds(Link, who, identifiers()),
        RecordReply: st.builds(
            RecordReply, who, identifiers(), visibility=st.sampled_from(Visibility)
        ),
        LogWork: st.builds(LogWork, sessions),
        TickHeard: st.builds(TickHeard, who, _heard_steps()),
        Diagnose: st.builds(Diagnose, who, _TEXT, safeguard=_TEXT),
    }  # fmt: skip


def ticket_commands(
    *, agents: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[TicketCommand]:
    """Any ticket command, with its agent drawn from *agents* (default:
    :func:`identifiers`).

    Work sessions fall within the hour before 2000-01-02 00:00 UTC.
    """
    who = agents if agents is not None else identifiers()
    return st.one_of(*_command_strategies(who).values())


_MOVE_COMMANDS: dict[TicketMove, Callable[[str], TicketCommand]] = {
    TicketMove.OPEN: Open,
    TicketMove.WAIT: Wait,
    TicketMove.RESUME: Resume,
    TicketMove.ESCALATE: lambda by: Escalate(by, "billing", note="needs billing"),
    TicketMove.HAND_BACK: HandBack,
    TicketMove.RESOLVE: Resolve,
    TicketMove.REOPEN: Reopen,
    TicketMove.CLOSE: Close,
}


def _path(start: TicketStatus, goal: TicketStatus) -> list[TicketMove] | None:
    """The shortest list of moves from *start* to *goal* along the table."""
    paths: dict[TicketStatus, list[TicketMove]] = {start: []}
    frontier = [start]
    while frontier:
        status = frontier.pop(0)
        if status is goal:
            return paths[status]
        for (source, move), target in TRANSITIONS.items():
            if source is status and target not in paths:
                paths[target] = [*paths[status], move]
                frontier.append(target)
    return None


@st.composite
def _tickets(
    draw: st.DrawFn, statuses: st.SearchStrategy[TicketStatus] | None, max_size: int
) -> Ticket:
    created = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    ticket = Ticket(
        draw(identifiers()),
        created_at=created,
        conversation_ids=[draw(identifiers())],
        priority=draw(priorities()),
    )
    now = created
    for command in draw(st.lists(ticket_commands(), max_size=max_size)):
        now += draw(st.sampled_from([dt.timedelta(0), _HOUR, 25 * _HOUR]))
        try:
            ticket, _ = ticket.apply(command, now=now)
        except CarekitError:
            continue  # a refused command changes nothing: the ticket stays valid
    if statuses is None:
        return ticket
    goal = draw(statuses)
    path = _path(ticket.status, goal)
    assume(path is not None)  # only a closed ticket cannot move on
    for move in path or ():
        now += _HOUR
        command = _MOVE_COMMANDS[move](draw(identifiers()))
        ticket, _ = ticket.apply(command, now=now, heard=HEARD_OPTIONAL)
    return ticket


def tickets(
    *, statuses: st.SearchStrategy[TicketStatus] | None = None, max_size: int = 8
) -> st.SearchStrategy[Ticket]:
    """Tickets reached by applying up to *max_size* random commands to a new
    ticket created 2000-01-01 UTC (refused commands are skipped), so every
    ticket is one the lifecycle can reach. Shrinks to a NEW ticket.

    Args:
        statuses: When given, the ticket then moves along the table to a
            status drawn from it (closing without HEARD), an hour per move.
        max_size: Most random commands.
    """
    return _tickets(statuses, max_size)


def ticket_events() -> st.SearchStrategy[TicketEvent]:
    """History entries, on their own."""
    return st.builds(
        TicketEvent,
        aware_datetimes(),
        identifiers(),
        kind=st.sampled_from(ChangeKind),
        status=ticket_statuses(),
        detail=st.lists(_TEXT, max_size=2).map(tuple),
    )


def case_summaries() -> st.SearchStrategy[CaseSummary]:
    """Case summaries as departments receive them."""
    return st.builds(
        CaseSummary,
        identifiers(),
        _TEXT,
        priority=priorities(),
        conversation_ids=st.lists(identifiers(), min_size=1, max_size=2).map(tuple),
        assignee=st.none() | identifiers(),
        language=st.none() | languages(),
        tags=st.lists(_TAGS, unique=True, max_size=2).map(lambda t: tuple(sorted(t))),
    )


def notify_departments() -> st.SearchStrategy[NotifyDepartment]:
    """Escalation notices and reminders."""
    return st.builds(
        NotifyDepartment,
        st.sampled_from(["billing", "legal"]),
        case_summaries(),
        at=aware_datetimes(),
        reminder=st.booleans(),
    )


def team_members(
    *, roles: st.SearchStrategy[TeamRole] | None = None
) -> st.SearchStrategy[TeamMember]:
    """Team members with one or two roles, onboarded or not."""
    return st.builds(
        TeamMember,
        identifiers(),
        st.lists(roles if roles is not None else st.sampled_from(TeamRole),
                 min_size=1, max_size=2),
        onboarded=st.booleans(),
    )  # fmt: skip


def teams(*, max_size: int = 4) -> st.SearchStrategy[Team]:
    """Teams of up to *max_size* members with distinct ids."""
    return st.lists(team_members(), max_size=max_size, unique_by=lambda m: m.id).map(
        Team
    )


def approval_rules() -> st.SearchStrategy[ApprovalRules]:
    """Approval rules exempting any set of roles."""
    return st.builds(ApprovalRules, st.frozensets(st.sampled_from(TeamRole)))


def draft_events() -> st.SearchStrategy[DraftEvent]:
    """Steps of a draft's record, on their own."""
    return st.builds(
        DraftEvent,
        aware_datetimes(),
        identifiers(),
        step=st.sampled_from(DraftStep),
        status=st.sampled_from(DraftStatus),
        note=st.text(max_size=10),
    )


def _draft_command_strategies(
    who: st.SearchStrategy[str],
) -> dict[type, st.SearchStrategy[Any]]:
    return {
        EditDraft: st.builds(EditDraft, who, _TEXT),
        ApproveDraft: st.builds(ApproveDraft, who),
        RejectDraft: st.builds(RejectDraft, who, _TEXT),
        SendDraft: st.builds(SendDraft, who),
    }


def draft_commands(
    *, agents: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[DraftCommand]:
    """Any draft command by one of *agents* (default: :func:`identifiers`)."""
    who = agents if agents is not None else identifiers()
    return st.one_of(*_draft_command_strategies(who).values())


#: The team every generated draft is written and reviewed by.
_TEAM = Team(
    [
        TeamMember("rita", [TeamRole.RESPONDER], onboarded=True),
        TeamMember("newbie", [TeamRole.RESPONDER]),
        TeamMember("alex", [TeamRole.APPROVER], onboarded=True),
        TeamMember("ada", [TeamRole.ADMIN], onboarded=True),
    ]
)


@st.composite
def _drafts(draw: st.DrawFn, max_size: int) -> Draft:
    names = st.sampled_from([m.id for m in _TEAM.members])
    start = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    draft, _ = write_draft(
        draw(identifiers()),
        ticket_id=draw(identifiers()),
        conversation_id=draw(identifiers()),
        author=draw(st.sampled_from(["rita", "newbie", "ada"])),
        text=draw(_TEXT),
        now=start,
        team=_TEAM,
    )
    for index, command in enumerate(
        draw(st.lists(draft_commands(agents=names), max_size=max_size))
    ):
        try:
            draft, _ = draft.apply(command, now=start + index * _HOUR, team=_TEAM)
        except CarekitError:
            continue
    return draft


def drafts(*, max_size: int = 5) -> st.SearchStrategy[Draft]:
    """Drafts after up to *max_size* random steps by a fixed four-member team
    (a refused step is skipped). Shrinks to a freshly written draft."""
    return _drafts(max_size)


def request_approvals() -> st.SearchStrategy[RequestApproval]:
    """Requests for approval."""
    return st.builds(RequestApproval, identifiers(), identifiers(), identifiers())


def return_to_authors() -> st.SearchStrategy[ReturnToAuthor]:
    """Rejection notices."""
    return st.builds(ReturnToAuthor, identifiers(), identifiers(), _TEXT)


def send_replies() -> st.SearchStrategy[SendReply]:
    """Replies to send."""
    return st.builds(
        SendReply,
        identifiers(),
        identifiers(),
        draft_id=identifiers(),
        text=_TEXT,
        author=identifiers(),
        approved_by=st.none() | identifiers(),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each ticket and workflow model."""
    by_type = _command_strategies(identifiers())
    by_type |= _draft_command_strategies(identifiers())
    return by_type | {
        Ticket: tickets(),
        TicketEvent: ticket_events(),
        WorkSession: work_sessions(),
        HeardTick: heard_ticks(),
        Diagnosis: diagnoses(),
        HeardChecklist: heard_checklists(),
        HeardRequirement: heard_requirements(),
        Departments: departments(),
        Escalation: escalations(),
        CaseSummary: case_summaries(),
        NotifyDepartment: notify_departments(),
        TeamMember: team_members(),
        Team: teams(),
        ApprovalRules: approval_rules(),
        DraftEvent: draft_events(),
        Draft: drafts(),
        RequestApproval: request_approvals(),
        ReturnToAuthor: return_to_authors(),
        SendReply: send_replies(),
    }
