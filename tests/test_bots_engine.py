"""The bot engine's decisions, one example each (carekit.bots)."""

import datetime as dt

import attrs
import pytest

from carekit.adapters import Delivery, Standby, parse_webhook
from carekit.automation import LoopGuards, MessageTag
from carekit.bots import (
    ANSWERED_TAG,
    HANDED_OVER_TAG,
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
from carekit.errors import InvalidValue
from carekit.feedback import SurveyKind
from carekit.routing import Agent, RoutingRule, RoutingRules
from carekit.tickets import Assign, NotifyDepartment, Open, Priority, Resolve, SendReply

from ._bots import ENGINE, PAGE, T0, echo, message, postback, round_trip

MINUTE, HOUR = dt.timedelta(minutes=1), dt.timedelta(hours=1)
ANSWER = SuggestedAnswer("hours", "We open 9-17.", confidence=0.9)


def kinds(actions: tuple[object, ...]) -> list[str]:
    return [type(action).__name__ for action in actions]


def test_a_confident_match_is_answered_after_the_instant_reply() -> None:
    """ "A high-confidence knowledge-base match is answered"; the first
    message of a thread gets the instant reply first."""
    state, actions = ENGINE.handle(
        PageState(PAGE), message("u", T0, "opening hours"), T0
    )
    assert ["SendInstantReply", "SendReply", "ApplyTags"] == kinds(actions)
    reply = actions[1]
    assert isinstance(reply, SendReply)
    assert "We open 9-17, friend." == reply.text
    assert ("u", "kb:hours", "bot") == (
        reply.conversation_id,
        reply.draft_id,
        reply.author,
    )
    assert ApplyTags("u", [ANSWERED_TAG]) == actions[2]
    assert None is state.next_deadline(T0)


def test_a_weak_match_creates_routes_and_alerts() -> None:
    """ "Otherwise the engine creates a ticket, routes it and raises an
    alert"; the answers it found go to the agent."""
    engine = attrs.evolve(
        ENGINE,
        routing=RoutingRules(
            [
                RoutingRule(
                    "refunds",
                    keywords=["refund"],
                    queue="billing",
                    priority=Priority.HIGH,
                )
            ],
            default_queue="care",
        ),
        agents=(Agent("ana", True, queues=["billing"]),),
    )
    text = "refund please"
    state, actions = engine.handle(PageState(PAGE), message("u", T0, text), T0)
    assert [
        "SendInstantReply",
        "CreateTicket",
        "UpdateTicket",
        "NotifyDepartment",
        "SuggestAnswers",
        "ApplyTags",
    ] == kinds(actions)
    created, assigned, alert = actions[1], actions[2], actions[3]
    assert isinstance(created, CreateTicket)
    assert ("billing", Priority.HIGH) == (created.ticket.queue, created.ticket.priority)
    assert UpdateTicket(created.ticket.id, Assign("bot", "ana")) == assigned
    assert isinstance(alert, NotifyDepartment)
    assert ("billing", text) == (alert.department, alert.summary.note)
    assert ApplyTags("u", [HANDED_OVER_TAG]) == actions[5]
    assert T0 + HOUR == state.next_deadline(T0)


def test_an_open_ticket_gets_suggestions_not_answers() -> None:
    """While a human has the case, the knowledge base helps the agent."""
    state, _ = ENGINE.handle(PageState(PAGE), message("u", T0, "hi"), T0)
    later = T0 + 10 * MINUTE
    _, actions = ENGINE.handle(state, message("u", later, "opening hours"), later)
    assert ["SuggestAnswers"] == kinds(actions)
    assert isinstance(actions[0], SuggestAnswers)
    assert "page-1:u:1" == actions[0].ticket_id


def test_the_sla_alert_fires_once_unless_an_agent_replies() -> None:
    """``next_deadline(now)`` says when to send "time passed"."""
    state, _ = ENGINE.handle(PageState(PAGE), message("u", T0, "hi"), T0)
    due = state.next_deadline(T0)
    assert T0 + HOUR == due
    assert due == state.next_deadline(T0 + 59 * MINUTE)
    assert due is not None
    after, actions = ENGINE.handle(state, TimePassed(due), due)
    assert [SlaAlert("page-1:u:1", "u", due_at=due, at=due)] == list(actions)
    assert None is after.next_deadline(due)
    assert () == ENGINE.handle(after, TimePassed(due + HOUR), due + HOUR)[1]
    replied, _ = ENGINE.handle(state, echo("u", T0 + MINUTE), T0 + MINUTE)
    assert None is replied.next_deadline(T0 + MINUTE)


def test_away_sends_only_the_away_message_once_per_period() -> None:
    """Only the away message on a new thread while away; at most one per
    thread per away period."""
    state, _ = ENGINE.handle(PageState(PAGE), AwayStatusChanged(PAGE, True, at=T0), T0)
    t1 = T0 + MINUTE
    state, actions = ENGINE.handle(state, message("u", t1, "opening hours"), t1)
    assert ["SendAwayMessage", "SendReply", "ApplyTags"] == kinds(actions)
    assert isinstance(actions[0], SendAwayMessage)
    t2 = t1 + MINUTE
    state, actions = ENGINE.handle(state, message("u", t2, "opening hours"), t2)
    assert not any(isinstance(a, SendAwayMessage) for a in actions)
    state, _ = ENGINE.handle(state, AwayStatusChanged(PAGE, False, at=t2), t2)
    state, _ = ENGINE.handle(state, AwayStatusChanged(PAGE, True, at=t2), t2)
    t3 = t2 + 10 * MINUTE
    _, actions = ENGINE.handle(state, message("u", t3, "opening hours"), t3)
    assert isinstance(actions[0], SendAwayMessage)


def test_a_new_thread_after_24_hours_of_silence_gets_an_instant_reply() -> None:
    """ "The first message, or the first after 24 h of silence"; an
    automatic message does not break the silence."""
    state, actions = ENGINE.handle(PageState(PAGE), postback("u", T0), T0)
    assert isinstance(actions[0], SendInstantReply)
    t1 = T0 + 23 * HOUR
    state, actions = ENGINE.handle(state, postback("u", t1), t1)
    assert not any(isinstance(a, SendInstantReply) for a in actions)
    t2 = t1 + 24 * HOUR
    _, actions = ENGINE.handle(state, postback("u", t2), t2)
    assert isinstance(actions[0], SendInstantReply)


def test_echoes_and_standby_never_produce_an_action() -> None:
    """ "Never answer the page's own echoes" nor an automated sender;
    "standby inputs never produce a send"."""
    state = PageState(PAGE)
    for item in (
        echo("u", T0),
        echo("u", T0, "app-9"),
        Standby(Channel.MESSENGER, PAGE, event=message("u", T0, "opening hours")),
        Delivery(Channel.MESSENGER, PAGE, customer_id="u"),
    ):
        state, actions = ENGINE.handle(state, item, T0)
        assert () == actions
    watched = state.conversation("u")
    assert watched is not None
    assert T0 == watched.last_customer_at


def test_nothing_automatic_within_5_minutes_of_an_agent_reply() -> None:
    state, _ = ENGINE.handle(PageState(PAGE), echo("u", T0), T0)
    state, _ = ENGINE.handle(state, AwayStatusChanged(PAGE, True, at=T0), T0)
    t1 = T0 + 4 * MINUTE
    _, actions = ENGINE.handle(state, message("u", t1, "hi"), t1)
    assert not any(isinstance(a, SendAwayMessage | SendInstantReply) for a in actions)
    explained = ENGINE.explain(state, message("u", t1, "hi"), t1)
    assert "agent replied" in explained.explain()


def test_a_late_send_is_held_back_naming_the_tag() -> None:
    """ "The engine never emits a send outside the window. Instead it emits a
    WindowClosed decision that names the tag that would allow the send"."""
    late = T0 + 25 * HOUR
    _, actions = ENGINE.handle(PageState(PAGE), message("u", T0, "opening hours"), late)
    closed = [a for a in actions if isinstance(a, WindowClosed)]
    assert ["SendInstantReply", "SendReply"] == [c.blocked for c in closed]
    # "the HUMAN_AGENT tag extends a human reply": never an automated send's.
    assert {None} == {c.tag for c in closed}
    assert "CreateTicket" in kinds(actions)  # a human may still reply


def test_a_resolved_ticket_gets_one_survey_inside_the_window() -> None:
    state, actions = ENGINE.handle(PageState(PAGE), message("u", T0, "hi"), T0)
    ticket = next(a.ticket for a in actions if isinstance(a, CreateTicket))
    ticket, _ = ticket.apply(Open("ana"), now=T0 + MINUTE)
    ticket, _ = ticket.apply(Resolve("ana"), now=T0 + HOUR)
    update = TicketUpdated(ticket, at=T0 + HOUR)
    state, actions = ENGINE.handle(state, update, T0 + HOUR)
    survey = RequestSurvey(
        "u", Channel.MESSENGER, ticket_id=ticket.id, kind=SurveyKind.CSAT, at=T0 + HOUR
    )
    assert (survey,) == actions
    assert () == ENGINE.handle(state, update, T0 + HOUR)[1]
    late = T0 + 2 * 24 * HOUR
    fresh, _ = ENGINE.handle(PageState(PAGE), message("u", T0, "hi"), T0)
    _, actions = ENGINE.handle(fresh, TicketUpdated(ticket, at=late), late)
    assert ["WindowClosed"] == kinds(actions)


def test_the_state_round_trips_through_json() -> None:
    """ "Immutable and serializable, so a bot can persist it"."""
    state, _ = ENGINE.handle(PageState(PAGE), message("u", T0, "hi"), T0)
    state, _ = ENGINE.handle(state, AwayStatusChanged(PAGE, True, at=T0), T0)
    assert state == round_trip(state)


def test_the_engine_reads_the_adapters_output() -> None:
    ms = int(T0.timestamp() * 1000)
    payload = {
        "object": "page",
        "entry": [
            {
                "id": PAGE,
                "time": ms,
                "messaging": [
                    {
                        "sender": {"id": "u"},
                        "recipient": {"id": PAGE},
                        "timestamp": ms,
                        "message": {"mid": "m.1", "text": "opening hours?"},
                    }
                ],
            }
        ],
    }
    (item,) = parse_webhook(payload)
    _, actions = ENGINE.handle(PageState(PAGE), item, T0)
    assert "SendInstantReply" == kinds(actions)[0]


def test_bad_calls_raise_naming_the_problem() -> None:
    with pytest.raises(InvalidValue, match="another page"):
        ENGINE.handle(PageState("other"), message("u", T0), T0)
    with pytest.raises(InvalidValue, match="now"):
        ENGINE.handle(PageState(PAGE), message("u", T0), dt.datetime(2024, 3, 1))
    with pytest.raises(InvalidValue, match="state"):
        ENGINE.handle("state", message("u", T0), T0)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="threshold"):
        BotEngine(threshold=1)
    with pytest.raises(InvalidValue, match="away_since"):
        PageState(PAGE, away=True)
    with pytest.raises(InvalidValue, match="one state per customer"):
        PageState(PAGE, conversations=[ConversationState("u", Channel.MESSENGER)] * 2)


def test_one_away_message_per_thread_and_period_whatever_the_clock_skew() -> None:
    """ "At most one away message per thread per away period", even when the
    platform's timestamps run ahead of the engine's ``now``."""
    state, _ = ENGINE.handle(PageState(PAGE), AwayStatusChanged(PAGE, True, at=T0), T0)
    away = []
    for minutes in (1, 2, 3):
        now = T0 + minutes * MINUTE
        ahead = now + 90 * MINUTE  # Meta's clock, ahead of the bot's host
        state, actions = ENGINE.handle(state, message("u", ahead, "hi"), now)
        away += [a for a in actions if isinstance(a, SendAwayMessage)]
    assert 1 == len(away)
    # A new away period, on the bot's clock, still gets its away message.
    back, again = T0 + 10 * MINUTE, T0 + 11 * MINUTE
    state, _ = ENGINE.handle(state, AwayStatusChanged(PAGE, False, at=back), back)
    state, _ = ENGINE.handle(state, AwayStatusChanged(PAGE, True, at=again), again)
    now = T0 + 12 * MINUTE
    _, actions = ENGINE.handle(state, message("u", now, "hi"), now)
    assert "SendAwayMessage" in kinds(actions)


def test_a_cap_window_longer_than_a_week_is_enforced() -> None:
    """ "At most N automatic messages per customer per window": a window of
    30 days keeps 30 days of automatic messages, not the default 7."""
    engine = attrs.evolve(
        ENGINE, guards=LoopGuards(max_per_customer=1, cap_window=30 * 24 * HOUR)
    )
    state, actions = engine.handle(PageState(PAGE), message("u", T0, "hi"), T0)
    assert "SendInstantReply" in kinds(actions)
    later = T0 + 10 * 24 * HOUR  # a new thread, inside the 30-day cap
    plan = engine.explain(state, message("u", later, "hi"), later)
    assert "loop guard: per-customer cap" in plan.explain()
    _, actions = engine.handle(state, message("u", later, "hi"), later)
    assert "SendInstantReply" not in kinds(actions)


def test_a_late_survey_names_no_tag() -> None:
    """ "The HUMAN_AGENT tag extends a human reply to 7 days": a survey is
    automated, so the WindowClosed that holds it back names no tag."""
    state, actions = ENGINE.handle(PageState(PAGE), message("u", T0, "hi"), T0)
    ticket = next(a.ticket for a in actions if isinstance(a, CreateTicket))
    ticket, _ = ticket.apply(Open("ana"), now=T0 + MINUTE)
    ticket, _ = ticket.apply(Resolve("ana"), now=T0 + HOUR)
    late = T0 + 2 * 24 * HOUR
    _, actions = ENGINE.handle(state, TicketUpdated(ticket, at=late), late)
    closed = [a for a in actions if isinstance(a, WindowClosed)]
    assert [("RequestSurvey", None)] == [(c.blocked, c.tag) for c in closed]
    assert MessageTag.HUMAN_AGENT not in {c.tag for c in closed}


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: ENGINE.handle(PageState(PAGE), None, T0), "input"),  # type: ignore[arg-type]
        (lambda: ENGINE.handle(PageState(PAGE), "hi", T0), "input"),  # type: ignore[arg-type]
        (lambda: ENGINE.handle(PageState(PAGE), {}, T0), "input"),  # type: ignore[arg-type]
        (
            lambda: ENGINE.handle(
                PageState(PAGE),
                Standby(
                    Channel.MESSENGER,
                    PAGE,
                    event=attrs.evolve(message("u", T0), page_id="q"),
                ),
                T0,
            ),
            "input",
        ),
        (lambda: ENGINE.explain(None, message("u", T0), T0), "state"),  # type: ignore[arg-type]
        (lambda: ENGINE.explain(PageState(PAGE), None, T0), "input"),  # type: ignore[arg-type]
        (lambda: ENGINE.explain(PageState("q"), message("u", T0), T0), "input"),
        (lambda: BotEngine(assignment="rr"), "assignment"),  # type: ignore[arg-type]
        (lambda: BotEngine(assignment=None), "assignment"),  # type: ignore[arg-type]
        (lambda: BotEngine(answer_values=5), "answer_values"),
        (lambda: BotEngine(answer_values="ab"), "answer_values"),
        (
            lambda: BotEngine(first_reply_within=dt.timedelta.max),
            "first_reply_within",
        ),
        (lambda: SuggestAnswers("u", ticket_id=None, answers=5), "answers"),
        (lambda: SuggestAnswers("u", ticket_id="", answers=[ANSWER]), "ticket_id"),
        (lambda: SuggestAnswers("u", ticket_id=5, answers=[ANSWER]), "ticket_id"),  # type: ignore[arg-type]
        (
            lambda: ConversationState("u", Channel.MESSENGER, tickets=10**5000),
            "tickets",
        ),
        (lambda: PageState(PAGE, assign_position=10**5000), "assign_position"),
        (lambda: PageState(PAGE).conversation(None), "customer_id"),  # type: ignore[arg-type]
        (lambda: PageState(PAGE).conversation(5), "customer_id"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_raises_naming_the_field(call: object, field: str) -> None:
    """ "Bad input raises a carekit.errors exception naming the field and
    rule; never a bare builtin error", and never a silent accept."""
    with pytest.raises(InvalidValue) as caught:
        call()  # type: ignore[operator]
    assert field == caught.value.field
