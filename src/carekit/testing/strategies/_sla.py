"""Strategies for service levels: terms, statuses, derived history events,
and whole cases (a ticket with its conversation) to evaluate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.conversations import Channel, Conversation
from carekit.errors import CarekitError
from carekit.messages import AuthorKind, Direction, Message, MessageKind
from carekit.sla import (
    MetricStatus,
    ServiceLevel,
    SlaEvent,
    SlaEventKind,
    SlaMetric,
    SlaState,
    SlaStatus,
)
from carekit.tickets import (
    HEARD_OPTIONAL,
    Close,
    Open,
    Reopen,
    Resolve,
    Resume,
    Ticket,
    TicketCommand,
    TicketStatus,
    Wait,
)

from ._common import identifiers
from ._time import aware_datetimes

__all__ = [
    "CASE_STEPS",
    "metric_statuses",
    "service_levels",
    "sla_cases",
    "sla_events",
    "sla_statuses",
    "strategies_by_type",
]

_UTC = aware_datetimes(zones=st.just(dt.UTC))
_MINUTES = st.integers(min_value=1, max_value=8 * 60).map(
    lambda m: dt.timedelta(minutes=m)
)

#: What a step of :func:`sla_cases` does: a status command, or a message.
CASE_STEPS = (
    "ask",
    "answer",
    "note",
    "instant_reply",
    "bot_answer",
    "open",
    "wait",
    "resume",
    "resolve",
    "reopen",
    "close",
)

_COMMANDS: dict[str, TicketCommand] = {
    "open": Open("agent"),
    "wait": Wait("agent"),
    "resume": Resume("agent"),
    "resolve": Resolve("agent"),
    "reopen": Reopen("agent"),
    "close": Close("agent"),
}
_MESSAGES: dict[str, tuple[Direction, AuthorKind, MessageKind]] = {
    "ask": (Direction.INBOUND, AuthorKind.CUSTOMER, MessageKind.REPLY),
    "answer": (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.REPLY),
    "note": (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.PRIVATE_NOTE),
    "instant_reply": (
        Direction.OUTBOUND,
        AuthorKind.AUTOMATION,
        MessageKind.INSTANT_REPLY,
    ),
    "bot_answer": (Direction.OUTBOUND, AuthorKind.BOT, MessageKind.REPLY),
}


def service_levels(
    *, targets: st.SearchStrategy[dt.timedelta] | None = None
) -> st.SearchStrategy[ServiceLevel]:
    """Terms with any of the four targets (1 minute to 8 hours by default),
    pause states and a warning; shrinks to no targets, PENDING pausing.

    Args:
        targets: Strategy for each target that is set.
    """
    target = targets if targets is not None else _MINUTES
    return st.builds(
        ServiceLevel,
        first_response=st.none() | target,
        next_response=st.none() | target,
        periodic_update=st.none() | target,
        resolution=st.none() | target,
        pause_states=st.sets(
            st.sampled_from([TicketStatus.PENDING, TicketStatus.ESCALATED]),
            min_size=1,
        ),
        warning=st.integers(min_value=0, max_value=60).map(
            lambda m: dt.timedelta(minutes=m)
        ),
        count_bots=st.booleans(),
    )


def sla_events() -> st.SearchStrategy[SlaEvent]:
    """Derived history events, on their own."""
    return st.builds(
        SlaEvent,
        _UTC,
        st.sampled_from(SlaMetric),
        st.sampled_from(SlaEventKind),
        episode=st.integers(min_value=1, max_value=5),
    )


def metric_statuses(
    *, metrics: st.SearchStrategy[SlaMetric] | None = None
) -> st.SearchStrategy[MetricStatus]:
    """Statuses of one target, on their own."""
    return st.builds(
        MetricStatus,
        metrics if metrics is not None else st.sampled_from(SlaMetric),
        st.sampled_from(SlaState),
        episode=st.integers(min_value=1, max_value=5),
        deadline=st.none() | _UTC,
        due_soon_at=st.none() | _UTC,
        paused=st.booleans(),
    )


@st.composite
def _statuses(draw: st.DrawFn) -> SlaStatus:
    chosen = draw(st.sets(st.sampled_from(SlaMetric)))
    return SlaStatus(
        draw(identifiers()),
        draw(_UTC),
        metrics=[draw(metric_statuses(metrics=st.just(m))) for m in chosen],
        next_change_at=draw(st.none() | _UTC),
    )


def sla_statuses() -> st.SearchStrategy[SlaStatus]:
    """A ticket's statuses at an instant, shrinking to no targets."""
    return _statuses()


@st.composite
def _cases(
    draw: st.DrawFn,
    starts: st.SearchStrategy[dt.datetime],
    gaps: st.SearchStrategy[dt.timedelta],
    max_size: int,
) -> tuple[Ticket, Conversation]:
    created = draw(starts)
    ticket = Ticket("t", created_at=created, conversation_ids=["c"])
    messages: list[Message] = []
    at = created
    if draw(st.booleans()):
        ticket, _ = ticket.apply(Open("agent"), now=created)
    # Customer messages, answers and pauses come up most, as in a real queue.
    common = st.sampled_from(("ask", "answer", "wait", "resume"))
    steps = draw(st.lists(common | st.sampled_from(CASE_STEPS), max_size=max_size))
    for number, step in enumerate(steps):
        at = at + draw(gaps)
        command = _COMMANDS.get(step)
        if command is None:
            direction, author, kind = _MESSAGES[step]
            messages.append(Message(f"m{number}", at, direction, author, kind=kind))
            continue
        try:
            ticket, _ = ticket.apply(command, now=at, heard=HEARD_OPTIONAL)
        except CarekitError:
            continue  # a move the lifecycle refuses here: skip it
    conversation = Conversation(
        "c", Channel.MESSENGER, customer_id="customer", messages=messages
    )
    return ticket, conversation


def sla_cases(
    *,
    starts: st.SearchStrategy[dt.datetime] | None = None,
    gaps: st.SearchStrategy[dt.timedelta] | None = None,
    max_size: int = 12,
) -> st.SearchStrategy[tuple[Ticket, Conversation]]:
    """A ticket ``"t"`` (opened at its creation or not) and its conversation
    ``"c"``: up to *max_size* steps
    (customer messages, answers, notes, instant and bot replies, and status
    commands the lifecycle allows), each *gaps* after the one before.

    Args:
        starts: Strategy for the creation; default UTC datetimes.
        gaps: Strategy for the time between steps; default 1 minute to 8 h.
        max_size: Most steps.
    """
    return _cases(
        starts if starts is not None else _UTC,
        gaps if gaps is not None else _MINUTES,
        max_size,
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each service-level model."""
    return {
        ServiceLevel: service_levels(),
        SlaEvent: sla_events(),
        MetricStatus: metric_statuses(),
        SlaStatus: sla_statuses(),
    }
