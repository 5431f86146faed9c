"""Strategies for :mod:`carekit.automation` and :mod:`carekit.bots`: the
automation situations, decisions and policies, the engine's own inputs, its
actions, its state and its configuration.

Everything shrinks to UTC on 2000-01-01, no history and the default policies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.automation import (
    AUTOMATIC_KINDS,
    AutoDecision,
    AutomaticPlan,
    AwayMessage,
    InstantReply,
    LoopGuards,
    MessageTag,
    MessagingWindow,
    Situation,
    WindowDecision,
)
from carekit.bots import (
    ApplyTags,
    AwayStatusChanged,
    BotEngine,
    ConversationState,
    CreateTicket,
    PageState,
    RequestSurvey,
    SendAwayMessage,
    SendInstantReply,
    SlaAlert,
    SuggestAnswers,
    SuggestedAnswer,
    TicketUpdated,
    TimePassed,
    UpdateTicket,
    WindowClosed,
)
from carekit.conversations import Channel
from carekit.feedback import SurveyKind
from carekit.messages import AuthorKind
from carekit.tickets import Assign, Escalate

from ._common import identifiers
from ._routing import routing_decisions
from ._tickets import tickets
from ._time import aware_datetimes

__all__ = [
    "apply_tags",
    "auto_decisions",
    "automatic_plans",
    "away_message_policies",
    "away_status_changes",
    "bot_engines",
    "conversation_states",
    "create_tickets",
    "instant_reply_policies",
    "loop_guards",
    "messaging_windows",
    "page_states",
    "request_surveys",
    "send_away_messages",
    "send_instant_replies",
    "situations",
    "sla_alerts",
    "strategies_by_type",
    "suggest_answers",
    "suggested_answers",
    "ticket_updates",
    "time_passed",
    "update_tickets",
    "window_closures",
    "window_decisions",
]

_UTC = aware_datetimes(zones=st.just(dt.UTC))
_OPTIONAL_TIME = st.none() | _UTC
_KINDS = st.sampled_from(sorted(AUTOMATIC_KINDS, key=lambda kind: kind.value))
_CHANNELS = st.sampled_from([Channel.MESSENGER, Channel.INSTAGRAM_DIRECT, *Channel])
_TEXT = st.text(min_size=1, max_size=20).filter(lambda text: text.strip() != "")
_SPAN = st.integers(min_value=0, max_value=48 * 60).map(
    lambda minutes: dt.timedelta(minutes=minutes)
)
_POSITIVE = st.integers(min_value=1, max_value=10 * 24 * 60).map(
    lambda minutes: dt.timedelta(minutes=minutes)
)


def situations() -> st.SearchStrategy[Situation]:
    """What an automation policy may be asked about, shrinking to a customer
    writing on Messenger at 2000-01-01 UTC (an away period's start only
    while away)."""
    return st.booleans().flatmap(
        lambda away: st.builds(
            Situation,
            _CHANNELS,
            _UTC,
            author=st.sampled_from(list(AuthorKind)),
            echo=st.booleans(),
            app_id=st.none() | identifiers(),
            public=st.booleans(),
            new_thread=st.booleans(),
            away=st.just(away),
            away_since=_OPTIONAL_TIME if away else st.none(),
            away_message_at=_OPTIONAL_TIME,
            thread_started_at=_OPTIONAL_TIME,
            automatic_sent=st.lists(_UTC, max_size=4),
            last_agent_reply_at=_OPTIONAL_TIME,
        )
    )


def auto_decisions() -> st.SearchStrategy[AutoDecision]:
    """One policy's answer."""
    return st.builds(AutoDecision, _KINDS, st.booleans(), rule=_TEXT, reason=_TEXT)


def automatic_plans() -> st.SearchStrategy[AutomaticPlan]:
    """Plans, shrinking to nothing sent and no decision."""
    return st.builds(
        AutomaticPlan, st.none() | _KINDS, st.lists(auto_decisions(), max_size=3)
    )


def instant_reply_policies() -> st.SearchStrategy[InstantReply]:
    """The instant-reply rule, on or off."""
    return st.builds(InstantReply, enabled=st.booleans())


def away_message_policies() -> st.SearchStrategy[AwayMessage]:
    """The away-message rule, on or off."""
    return st.builds(AwayMessage, enabled=st.booleans())


def loop_guards() -> st.SearchStrategy[LoopGuards]:
    """Loop-guard settings, shrinking to a zero cap and no quiet time."""
    return st.builds(
        LoopGuards,
        max_per_customer=st.integers(min_value=0, max_value=5),
        cap_window=_SPAN,
        agent_quiet=_SPAN,
        one_away_per_period=st.booleans(),
    )


@st.composite
def messaging_windows(draw: st.DrawFn) -> MessagingWindow:
    """Window policies whose human window is at least the standard one."""
    standard = draw(_POSITIVE)
    extra = draw(_SPAN)
    channels = draw(st.frozensets(st.sampled_from(list(Channel)), max_size=3))
    return MessagingWindow(
        standard=standard, human_agent=standard + extra, channels=channels
    )


def window_decisions() -> st.SearchStrategy[WindowDecision]:
    """Window decisions, open or closed."""
    return st.builds(
        WindowDecision,
        st.booleans(),
        st.none() | st.just(MessageTag.HUMAN_AGENT),
        reason=_TEXT,
        closes_at=_OPTIONAL_TIME,
    )


def away_status_changes() -> st.SearchStrategy[AwayStatusChanged]:
    """Away toggles."""
    return st.builds(AwayStatusChanged, identifiers(), st.booleans(), at=_UTC)


def ticket_updates() -> st.SearchStrategy[TicketUpdated]:
    """Ticket updates, of tickets the lifecycle can reach."""
    return st.builds(TicketUpdated, tickets(max_size=3), at=_UTC)


def time_passed() -> st.SearchStrategy[TimePassed]:
    """Timer inputs."""
    return st.builds(TimePassed, _UTC)


def send_instant_replies() -> st.SearchStrategy[SendInstantReply]:
    """Instant-reply actions."""
    return st.builds(
        SendInstantReply,
        identifiers(),
        _CHANNELS,
        text=_TEXT,
        at=_UTC,
        decisions=st.lists(auto_decisions(), max_size=2),
    )


def send_away_messages() -> st.SearchStrategy[SendAwayMessage]:
    """Away-message actions."""
    return st.builds(
        SendAwayMessage,
        identifiers(),
        _CHANNELS,
        text=_TEXT,
        at=_UTC,
        decisions=st.lists(auto_decisions(), max_size=2),
    )


def suggested_answers() -> st.SearchStrategy[SuggestedAnswer]:
    """Knowledge-base answers with a confidence in [0, 1]."""
    return st.builds(
        SuggestedAnswer,
        identifiers(),
        st.text(max_size=30),
        confidence=st.floats(min_value=0.0, max_value=1.0),
    )


def suggest_answers() -> st.SearchStrategy[SuggestAnswers]:
    """Suggestions for an agent, one to three answers."""
    return st.builds(
        SuggestAnswers,
        identifiers(),
        ticket_id=st.none() | identifiers(),
        answers=st.lists(suggested_answers(), min_size=1, max_size=3),
    )


def create_tickets() -> st.SearchStrategy[CreateTicket]:
    """Ticket creations."""
    return st.builds(CreateTicket, tickets(max_size=2), routing=routing_decisions())


def update_tickets() -> st.SearchStrategy[UpdateTicket]:
    """Ticket updates the engine asks for (an assignment or an escalation)."""
    commands = st.builds(Assign, identifiers(), st.none() | identifiers()) | st.builds(
        Escalate, identifiers(), identifiers(), note=_TEXT
    )
    return st.builds(UpdateTicket, identifiers(), commands)


def apply_tags() -> st.SearchStrategy[ApplyTags]:
    """Labels for a conversation."""
    return st.builds(ApplyTags, identifiers(), st.lists(identifiers(), min_size=1))


def request_surveys() -> st.SearchStrategy[RequestSurvey]:
    """Survey requests, CSAT or NPS."""
    return st.builds(
        RequestSurvey,
        identifiers(),
        _CHANNELS,
        ticket_id=identifiers(),
        kind=st.sampled_from(list(SurveyKind)),
        at=_UTC,
    )


def sla_alerts() -> st.SearchStrategy[SlaAlert]:
    """SLA alerts."""
    return st.builds(SlaAlert, identifiers(), identifiers(), due_at=_UTC, at=_UTC)


def window_closures() -> st.SearchStrategy[WindowClosed]:
    """Held-back sends."""
    return st.builds(
        WindowClosed,
        identifiers(),
        _CHANNELS,
        blocked=st.sampled_from(
            ["SendReply", "SendInstantReply", "SendAwayMessage", "RequestSurvey"]
        ),
        tag=st.none() | st.just(MessageTag.HUMAN_AGENT),
        reason=_TEXT,
        at=_UTC,
    )


def conversation_states(
    *, customer_ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[ConversationState]:
    """Per-conversation states, shrinking to a fresh one.

    Args:
        customer_ids: The customer ids; default :func:`identifiers`.
    """
    return st.builds(
        ConversationState,
        customer_ids if customer_ids is not None else identifiers(),
        _CHANNELS,
        last_customer_at=_OPTIONAL_TIME,
        last_break_at=_OPTIONAL_TIME,
        thread_started_at=_OPTIONAL_TIME,
        last_agent_reply_at=_OPTIONAL_TIME,
        away_message_at=_OPTIONAL_TIME,
        automatic_at=st.lists(_UTC, max_size=3),
        ticket_id=st.none() | identifiers(),
        tickets=st.integers(min_value=0, max_value=5),
        alert_due_at=_OPTIONAL_TIME,
        surveyed_ticket=st.none() | identifiers(),
    )


@st.composite
def page_states(draw: st.DrawFn, *, max_size: int = 4) -> PageState:
    """Page states with up to *max_size* conversations (unique customers),
    shrinking to an available page with none."""
    ids = draw(st.lists(identifiers(), unique=True, max_size=max_size))
    conversations = [
        draw(conversation_states(customer_ids=st.just(cid))) for cid in ids
    ]
    since = draw(_OPTIONAL_TIME)
    return PageState(
        draw(identifiers()),
        away=since is not None,
        away_since=since,
        conversations=conversations,
        assign_position=draw(st.integers(min_value=0, max_value=10)),
    )


def bot_engines() -> st.SearchStrategy[BotEngine]:
    """Engine configurations without a knowledge base (every message is
    handed to a human), with drawn thresholds and policies."""
    return st.builds(
        BotEngine,
        threshold=st.floats(min_value=0.0, max_value=1.0),
        first_reply_within=_POSITIVE,
        survey=st.none() | st.sampled_from(list(SurveyKind)),
        instant=instant_reply_policies(),
        away=away_message_policies(),
        guards=loop_guards(),
        window=messaging_windows(),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each automation and bot model."""
    return {
        Situation: situations(),
        AutoDecision: auto_decisions(),
        AutomaticPlan: automatic_plans(),
        InstantReply: instant_reply_policies(),
        AwayMessage: away_message_policies(),
        LoopGuards: loop_guards(),
        MessagingWindow: messaging_windows(),
        WindowDecision: window_decisions(),
        AwayStatusChanged: away_status_changes(),
        TicketUpdated: ticket_updates(),
        TimePassed: time_passed(),
        SendInstantReply: send_instant_replies(),
        SendAwayMessage: send_away_messages(),
        SuggestedAnswer: suggested_answers(),
        SuggestAnswers: suggest_answers(),
        CreateTicket: create_tickets(),
        UpdateTicket: update_tickets(),
        ApplyTags: apply_tags(),
        RequestSurvey: request_surveys(),
        SlaAlert: sla_alerts(),
        WindowClosed: window_closures(),
        ConversationState: conversation_states(),
        PageState: page_states(),
        BotEngine: bot_engines(),
    }
