"""The bot engine, sans-I/O: ``handle(state, input, now) -> (state,
actions)``.

The caller owns the network, the clock and the storage: it feeds what the
platform sent (through :func:`carekit.adapters.parse_webhook`) and the
instant it happens, performs the actions, keeps the new state, and sends
:class:`~carekit.bots.TimePassed` at ``state.next_deadline(now)``.

Decisions, for a customer's message (rules quoted in ``docs/bots.md``):

- an automatic message first, if the automation policies call for one (an
  instant reply on a new thread; the away message while the page is away,
  and then only it), past the loop guards;
- while a ticket the engine created is open, the knowledge base's answers
  go to the agent (:class:`~carekit.bots.SuggestAnswers`), never to the
  customer;
- otherwise a knowledge-base match at or above the confidence threshold is
  answered (``SendReply``);
- otherwise the engine creates a ticket, routes it (``carekit.routing``),
  assigns it when agents are known, and raises an alert
  (``NotifyDepartment`` to its queue); an SLA alert follows if no agent
  replies in time;
- standby inputs (another app owns the thread) never produce a send, and
  neither does an echo: the engine never answers the page's own messages or
  an automated sender;
- no send goes out outside the messaging window: a
  :class:`~carekit.bots.WindowClosed` takes its place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, assert_never, get_args, runtime_checkable

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import is_language_tag, non_empty_str, require_aware
from carekit.adapters import (
    Delivery,
    Echo,
    Handover,
    MessageDeleted,
    MessageReceived,
    Postback,
    Read,
    Standby,
    Unknown,
)
from carekit.automation import (
    MESSENGER_2020,
    AutomaticPlan,
    AwayMessage,
    AwayMessagePolicy,
    InstantReply,
    InstantReplyPolicy,
    LoopGuardPolicy,
    LoopGuards,
    MessagingWindow,
    Situation,
    WindowPolicy,
    plan_automatic,
)
from carekit.automation import _checks as c
from carekit.bots import _kernel as k
from carekit.bots.actions import (
    ApplyTags,
    BotAction,
    CreateTicket,
    RequestSurvey,
    SendAwayMessage,
    SendInstantReply,
    SlaAlert,
    SuggestAnswers,
    SuggestedAnswer,
    UpdateTicket,
    WindowClosed,
)
from carekit.bots.inputs import AwayStatusChanged, BotInput, TicketUpdated, TimePassed
from carekit.bots.state import ConversationState, PageState
from carekit.errors import InvalidValue
from carekit.feedback import SurveyKind
from carekit.knowledge import DEFAULT_MINIMUM_CONFIDENCE
from carekit.messages import MessageKind
from carekit.routing import (
    Agent,
    Assigned,
    AssignmentRequest,
    AssignmentStrategy,
    CaseFacts,
    LanguageMatch,
    LeastLoaded,
    RoundRobin,
    RoutingPolicy,
    RoutingRules,
    SkillMatch,
    assign,
    route,
)
from carekit.serialization import register_policy
from carekit.tickets import (
    Assign,
    CaseSummary,
    NotifyDepartment,
    SendReply,
    Ticket,
    TicketStatus,
)
from carekit.tickets._convert import checked_tuple

__all__ = [
    "ANSWERED_TAG",
    "HANDED_OVER_TAG",
    "BotEngine",
    "KnowledgePolicy",
    "Suggested",
]

ANSWERED_TAG = "bot-answered"
"""The label :class:`~carekit.bots.ApplyTags` puts on a conversation the
engine answered from the knowledge base."""
HANDED_OVER_TAG = "bot-handover"
"""The label put on a conversation the engine handed to a human."""

_KEEP_AUTOMATIC = dt.timedelta(days=7)
_INPUTS: tuple[type, ...] = get_args(BotInput)
_Result = tuple[PageState, tuple[BotAction, ...]]


class _Article(Protocol):
    @property
    def id(self) -> str: ...


@runtime_checkable
class Suggested(Protocol):
    """What the engine reads of a knowledge-base suggestion
    (``carekit.knowledge.Suggestion`` is one)."""

    @property
    def article(self) -> _Article:
        """The article suggested; the engine reads its ``id``."""
        ...

    @property
    def confidence(self) -> float:
        """How sure the match is, in [0, 1]."""
        ...

    def answer(self, **values: str) -> str:
        """The article's answer with its placeholders filled from *values*."""
        ...


@runtime_checkable
class KnowledgePolicy(Protocol):
    """Suggests knowledge-base answers for a customer's message
    (``carekit.knowledge.KnowledgeBase`` is one)."""

    def suggest(
        self, text: str, *, language: str | None = None, limit: int = 3
    ) -> Sequence[Suggested]:
        """The best matches for *text*, best first."""
        ...


def _text(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    non_empty_str(_inst, attribute, value)


def _language(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not is_language_tag(value):
        raise InvalidValue(attribute.name, value, "must be a BCP 47 tag or None")


def _threshold(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not float or not 0.0 <= value <= 1.0:
        raise InvalidValue(attribute.name, value, "must be a float in [0, 1]")


def _values(value: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(value, Mapping):
        pairs = tuple(value.items())
    elif isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue("answer_values", value, "must map names to strings")
    else:
        pairs = tuple(value)
    for pair in pairs:
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and all(type(part) is str for part in pair)
        ):
            raise InvalidValue("answer_values", pair, "must map names to strings")
    return tuple(sorted(pairs))


def _agents(value: Any) -> tuple[Agent, ...]:
    return checked_tuple(value, Agent, "agents")


def _optional_knowledge(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is not None and not isinstance(value, KnowledgePolicy):
        raise InvalidValue(attribute.name, value, "must be a KnowledgePolicy or None")


@frozen
class BotEngine:
    """The engine's configuration, and its one verb, :meth:`handle`.

    Attributes:
        knowledge: The knowledge base (its index lives here, not in the
            state), or ``None`` to hand every message to a human.
        language: The BCP 47 tag the page's customers write in, if known:
            the knowledge base looks in it, and tickets carry it.
        threshold: A match with at least this confidence is answered
            (default ``carekit.knowledge.DEFAULT_MINIMUM_CONFIDENCE``).
        instant_text: The instant reply.
        away_text: The away message.
        bot_id: Who the engine's replies are from, and who changes tickets.
        answer_values: Values for the answers' placeholders.
        routing: Places the tickets; default one queue, ``care``.
        agents: The agent snapshot tickets are assigned from; empty: the
            tickets stay queued.
        assignment: How an agent is picked.
        first_reply_within: An agent's first reply to a handed-over ticket
            is due this long after it is created (then an SLA alert); at
            most 366 days.
        survey: The survey requested when a ticket is resolved (``None``:
            none).
        instant: The instant-reply policy.
        away: The away-message policy.
        guards: The loop guards.
        window: The messaging-window policy.
    """

    knowledge: KnowledgePolicy | None = field(
        default=None, validator=_optional_knowledge
    )
    language: str | None = field(default=None, kw_only=True, validator=_language)
    threshold: float = field(
        default=DEFAULT_MINIMUM_CONFIDENCE, kw_only=True, validator=_threshold
    )
    instant_text: str = field(
        default="Thanks for your message! We will get back to you shortly.",
        kw_only=True,
        validator=_text,
    )
    away_text: str = field(
        default="We are away right now and will reply as soon as we are back.",
        kw_only=True,
        validator=_text,
    )
    bot_id: str = field(default="bot", kw_only=True, validator=non_empty_str)
    answer_values: tuple[tuple[str, str], ...] = field(
        default=(), kw_only=True, converter=_values
    )
    routing: RoutingPolicy = field(
        factory=lambda: RoutingRules((), default_queue="care"),
        kw_only=True,
        validator=c.is_a(RoutingPolicy),
    )
    agents: tuple[Agent, ...] = field(default=(), kw_only=True, converter=_agents)
    assignment: AssignmentStrategy = field(
        factory=RoundRobin, kw_only=True, validator=c.is_a(AssignmentStrategy)
    )
    first_reply_within: dt.timedelta = field(
        default=dt.timedelta(hours=1), kw_only=True, validator=c.positive_timedelta
    )
    survey: SurveyKind | None = field(
        default=SurveyKind.CSAT, kw_only=True, validator=c.optional_member(SurveyKind)
    )
    instant: InstantReplyPolicy = field(
        factory=InstantReply, kw_only=True, validator=c.is_a(InstantReplyPolicy)
    )
    away: AwayMessagePolicy = field(
        factory=AwayMessage, kw_only=True, validator=c.is_a(AwayMessagePolicy)
    )
    guards: LoopGuardPolicy = field(
        factory=LoopGuards, kw_only=True, validator=c.is_a(LoopGuardPolicy)
    )
    window: WindowPolicy = field(
        default=MESSENGER_2020, kw_only=True, validator=c.is_a(WindowPolicy)
    )

    def handle(self, state: PageState, input: BotInput, now: dt.datetime) -> _Result:
        """Apply *input* at *now*: the new state and the actions to perform.

        Args:
            state: The page's state (``PageState(page_id)`` to start).
            input: What happened.
            now: When the engine decides (timezone-aware).

        Returns:
            The new state (the old one is untouched) and the actions, in
            the order to perform them.

        Raises:
            InvalidValue: *state* is not a :class:`PageState`, *now* is
                naive, or *input* is for another page.
        """
        if not isinstance(state, PageState):
            raise InvalidValue("state", state, "must be a PageState")
        if not isinstance(input, _INPUTS):
            raise InvalidValue("input", input, "must be a BotInput")
        require_aware(now, "now")
        match input:
            case MessageReceived():
                _same_page(state, input.page_id)
                return self._customer_wrote(state, input, input.text, now)
            case Postback():
                _same_page(state, input.page_id)
                text = input.title or input.payload
                return self._customer_wrote(state, input, text, now)
            case Echo():
                _same_page(state, input.page_id)
                return _echoed(state, input), ()
            case Standby():
                _same_page(state, input.page_id)
                _same_page(state, input.event.page_id)
                return _watched(state, input), ()
            case Read() | Delivery() | Handover() | MessageDeleted() | Unknown():
                _same_page(state, input.page_id)
                return state, ()
            case AwayStatusChanged():
                _same_page(state, input.page_id)
                return _away_changed(state, input), ()
            case TicketUpdated():
                return self._ticket_updated(state, input, now)
            case TimePassed():
                return _time_passed(state, input)
            case _:
                assert_never(input)

    def explain(
        self, state: PageState, input: MessageReceived | Postback, now: dt.datetime
    ) -> AutomaticPlan:
        """Why :meth:`handle` would (or would not) send an automatic message
        for *input*: every automation decision, in order.

        Raises:
            InvalidValue: as :meth:`handle`, or *input* is not a customer's
                message or postback.
        """
        if not isinstance(state, PageState):
            raise InvalidValue("state", state, "must be a PageState")
        if not isinstance(input, MessageReceived | Postback):
            raise InvalidValue("input", input, "must be a MessageReceived or Postback")
        _same_page(state, input.page_id)
        require_aware(now, "now")
        conversation = _conversation(state, input)
        conversation, started = _customer_row(conversation, input.timestamp)
        return plan_automatic(
            self._situation(state, conversation, started, now),
            instant=self.instant,
            away=self.away,
            guards=self.guards,
        )

    # -- a customer's message ---------------------------------------------

    def _customer_wrote(
        self,
        state: PageState,
        input: MessageReceived | Postback,
        text: str | None,
        now: dt.datetime,
    ) -> _Result:
        conversation = _conversation(state, input)
        conversation, started = _customer_row(conversation, input.timestamp)
        plan = plan_automatic(
            self._situation(state, conversation, started, now),
            instant=self.instant,
            away=self.away,
            guards=self.guards,
        )
        actions: list[BotAction] = []
        # Changes are gathered and applied at once: each evolve re-checks
        # every field of the conversation.
        changes: dict[str, Any] = {}
        if plan.send is not None:
            changes = self._automatic(state, conversation, plan, now, actions)
        position = self._answer(state, conversation, text, now, actions, changes)
        if changes:
            conversation = attrs.evolve(conversation, **changes)
        state = state.with_conversation(conversation)
        if position != state.assign_position:
            state = state.with_assign_position(position)
        return state, tuple(actions)

    def _situation(
        self,
        state: PageState,
        conversation: ConversationState,
        started: bool,
        now: dt.datetime,
    ) -> Situation:
        return Situation(
            conversation.channel,
            now,
            new_thread=started,
            away=state.away,
            away_since=state.away_since,
            away_message_at=_away_record(state, conversation),
            thread_started_at=conversation.thread_started_at,
            automatic_sent=conversation.automatic_at,
            last_agent_reply_at=conversation.last_agent_reply_at,
        )

    def _automatic(
        self,
        state: PageState,
        conversation: ConversationState,
        plan: AutomaticPlan,
        now: dt.datetime,
        actions: list[BotAction],
    ) -> dict[str, Any]:
        away = plan.send is MessageKind.AWAY_MESSAGE
        name = "SendAwayMessage" if away else "SendInstantReply"
        if not self._window_open(conversation, name, now, actions):
            return {}
        cid, channel = conversation.customer_id, conversation.channel
        if away:
            actions.append(
                SendAwayMessage(
                    cid, channel, text=self.away_text, at=now, decisions=plan.decisions
                )
            )
        else:
            actions.append(
                SendInstantReply(
                    cid,
                    channel,
                    text=self.instant_text,
                    at=now,
                    decisions=plan.decisions,
                )
            )
        keep = max(_KEEP_AUTOMATIC, _cap_window(self.guards))
        recent = [t for t in conversation.automatic_at if now - t < keep]
        changes: dict[str, Any] = {"automatic_at": (*recent, now)}
        if away:
            changes["away_message_at"] = state.away_since or now
        return changes

    def _window_open(
        self,
        conversation: ConversationState,
        blocked: str,
        now: dt.datetime,
        actions: list[BotAction],
    ) -> bool:
        decision = self.window.decide(
            conversation.channel, conversation.last_customer_at, now, human=False
        )
        if not decision.open:
            actions.append(
                WindowClosed(
                    conversation.customer_id,
                    conversation.channel,
                    blocked=blocked,
                    tag=decision.tag,
                    reason=decision.reason,
                    at=now,
                )
            )
        return decision.open

    def _suggestions(self, text: str | None) -> tuple[SuggestedAnswer, ...]:
        if self.knowledge is None or not text or not text.strip():
            return ()
        values = dict(self.answer_values)
        return tuple(
            SuggestedAnswer(
                s.article.id, s.answer(**values), confidence=float(s.confidence)
            )
            for s in self.knowledge.suggest(text, language=self.language)
        )

    def _answer(
        self,
        state: PageState,
        conversation: ConversationState,
        text: str | None,
        now: dt.datetime,
        actions: list[BotAction],
        changes: dict[str, Any],
    ) -> int:
        """Answer, suggest or hand over; the next round-robin position."""
        answers = self._suggestions(text)
        cid = conversation.customer_id
        if conversation.ticket_id is not None:
            if answers:
                actions.append(
                    SuggestAnswers(
                        cid, ticket_id=conversation.ticket_id, answers=answers
                    )
                )
            return state.assign_position
        confident = bool(answers) and answers[0].confidence >= self.threshold
        if confident and self._window_open(conversation, "SendReply", now, actions):
            best = answers[0]
            actions.append(
                SendReply(
                    _case_id(state, conversation),
                    cid,
                    draft_id=f"kb:{best.article_id}",
                    text=best.text,
                    author=self.bot_id,
                )
            )
            actions.append(ApplyTags(cid, [ANSWERED_TAG]))
            return state.assign_position
        return self._hand_over(
            state, conversation, text, answers, now, actions, changes
        )

    def _hand_over(
        self,
        state: PageState,
        conversation: ConversationState,
        text: str | None,
        answers: tuple[SuggestedAnswer, ...],
        now: dt.datetime,
        actions: list[BotAction],
        changes: dict[str, Any],
    ) -> int:
        cid = conversation.customer_id
        ticket_id = _case_id(state, conversation)
        facts = CaseFacts(
            ticket_id, conversation.channel, language=self.language, text=text or ""
        )
        decision = route(facts, self.routing)
        ticket = Ticket(
            ticket_id,
            created_at=now,
            conversation_ids=[cid],
            priority=decision.priority,
            queue=decision.queue,
            language=self.language,
        )
        actions.append(CreateTicket(ticket, routing=decision))
        position = state.assign_position
        if self.agents:
            request = AssignmentRequest(
                ticket_id, queue=decision.queue, language=self.language
            )
            outcome = assign(request, self.agents, self.assignment, position=position)
            position = outcome.position
            if isinstance(outcome, Assigned):
                command = Assign(self.bot_id, outcome.agent_id)
                actions.append(UpdateTicket(ticket_id, command))
        summary = CaseSummary(
            ticket_id,
            _note(text),
            priority=decision.priority,
            conversation_ids=(cid,),
            language=self.language,
        )
        actions.append(NotifyDepartment(decision.queue, summary, at=now))
        if answers:
            actions.append(SuggestAnswers(cid, ticket_id=ticket_id, answers=answers))
        actions.append(ApplyTags(cid, [HANDED_OVER_TAG]))
        changes["ticket_id"] = ticket_id
        changes["tickets"] = conversation.tickets + 1
        changes["alert_due_at"] = now + self.first_reply_within
        return position

    # -- tickets ------------------------------------------------------------

    def _ticket_updated(
        self, state: PageState, input: TicketUpdated, now: dt.datetime
    ) -> _Result:
        ticket = input.ticket
        for cid in ticket.conversation_ids:
            conversation = state.conversation(cid)
            if conversation is not None and conversation.ticket_id == ticket.id:
                break
        else:
            return state, ()
        actions: list[BotAction] = []
        if (
            ticket.status is TicketStatus.RESOLVED
            and self.survey is not None
            and conversation.surveyed_ticket != ticket.id
        ):
            if self._window_open(conversation, "RequestSurvey", now, actions):
                actions.append(
                    RequestSurvey(
                        cid,
                        conversation.channel,
                        ticket_id=ticket.id,
                        kind=self.survey,
                        at=now,
                    )
                )
            conversation = attrs.evolve(conversation, surveyed_ticket=ticket.id)
        if ticket.status is TicketStatus.CLOSED:
            conversation = attrs.evolve(conversation, ticket_id=None, alert_due_at=None)
        return state.with_conversation(conversation), tuple(actions)


def _cap_window(guards: LoopGuardPolicy) -> dt.timedelta:
    """How far back the guards count automatic messages: a custom guard
    without a ``cap_window`` is kept the default 7 days."""
    window = getattr(guards, "cap_window", None)
    return window if isinstance(window, dt.timedelta) else _KEEP_AUTOMATIC


def _away_record(
    state: PageState, conversation: ConversationState
) -> dt.datetime | None:
    """What the guards see as the thread's last away message.

    The engine records an away message as the start of the away period it
    went out under, and forgets it when a new thread starts: the thread
    starts on the platform's clock, the away period on the caller's and
    *now* on the engine's, so comparing one with another breaks under clock
    skew. The record is current when it names the present away period; the
    guards then see an instant at or after both starts (one away message
    per thread per away period), and otherwise nothing.
    """
    record, since = conversation.away_message_at, state.away_since
    if record is None or since is None or instant_key(record) != instant_key(since):
        return None
    started = conversation.thread_started_at
    return since if started is None else max(since, started, key=instant_key)


def _same_page(state: PageState, page_id: str) -> None:
    if page_id != state.page_id:
        raise InvalidValue(
            "input", page_id, f"is for another page than the state's {state.page_id!r}"
        )


def _conversation(
    state: PageState, input: MessageReceived | Postback | Echo
) -> ConversationState:
    found = state.conversation(input.customer_id)
    return found or ConversationState(input.customer_id, input.channel)


def _customer_row(
    conversation: ConversationState, at: dt.datetime
) -> tuple[ConversationState, bool]:
    started, last_break = k.apply_row(conversation.last_break_at, at, k.CUSTOMER)
    last = conversation.last_customer_at
    return (
        attrs.evolve(
            conversation,
            last_customer_at=at if last is None or at > last else last,
            last_break_at=last_break,
            thread_started_at=at if started else conversation.thread_started_at,
            # An away message is per thread: a new thread forgets it.
            away_message_at=None if started else conversation.away_message_at,
        ),
        started,
    )


def _echoed(state: PageState, echo: Echo) -> PageState:
    """A page's message: an agent's reply when no app sent it."""
    conversation = _conversation(state, echo)
    if echo.app_id is not None:
        _, last_break = k.apply_row(conversation.last_break_at, echo.timestamp, k.BOT)
        updated = attrs.evolve(conversation, last_break_at=last_break)
    else:
        _, last_break = k.apply_row(conversation.last_break_at, echo.timestamp, k.AGENT)
        last = conversation.last_agent_reply_at
        updated = attrs.evolve(
            conversation,
            last_break_at=last_break,
            last_agent_reply_at=echo.timestamp
            if last is None or echo.timestamp > last
            else last,
            alert_due_at=None,
        )
    return state.with_conversation(updated)


def _watched(state: PageState, standby: Standby) -> PageState:
    """Another app owns the thread: remember what happened, send nothing."""
    event = standby.event
    match event:
        case MessageReceived() | Postback():
            conversation, _ = _customer_row(
                _conversation(state, event), event.timestamp
            )
            return state.with_conversation(conversation)
        case Echo():
            return _echoed(state, event)
        case Read() | Delivery() | Handover() | MessageDeleted() | Unknown():
            return state
        case _:
            assert_never(event)


def _away_changed(state: PageState, change: AwayStatusChanged) -> PageState:
    if change.away == state.away:
        return state
    return attrs.evolve(
        state, away=change.away, away_since=change.at if change.away else None
    )


def _time_passed(state: PageState, passed: TimePassed) -> _Result:
    actions: list[BotAction] = []
    for conversation in state.conversations:
        due = conversation.alert_due_at
        if due is None or due > passed.at or conversation.ticket_id is None:
            continue
        actions.append(
            SlaAlert(
                conversation.ticket_id,
                conversation.customer_id,
                due_at=due,
                at=passed.at,
            )
        )
        state = state.with_conversation(attrs.evolve(conversation, alert_due_at=None))
    return state, tuple(actions)


def _case_id(state: PageState, conversation: ConversationState) -> str:
    """The id of the conversation's next case: page, customer and number."""
    return f"{state.page_id}:{conversation.customer_id}:{conversation.tickets + 1}"


def _note(text: str | None) -> str:
    if not text or not text.strip():
        return "the customer wrote without text (an attachment or a button)"
    words = " ".join(text.split())
    return words if len(words) <= 280 else words[:279] + "…"


# The engine's configuration round-trips through plain data when it holds
# carekit's own policies; a knowledge base (an index) or a policy of your own
# class is passed again when the engine is built.
register_policy(KnowledgePolicy, field="knowledge")
register_policy(RoutingPolicy, RoutingRules, field="routing")
register_policy(
    AssignmentStrategy,
    RoundRobin,
    LeastLoaded,
    LanguageMatch,
    SkillMatch,
    field="assignment",
)
register_policy(InstantReplyPolicy, InstantReply, field="instant")
register_policy(AwayMessagePolicy, AwayMessage, field="away")
register_policy(LoopGuardPolicy, LoopGuards, field="guards")
register_policy(WindowPolicy, MessagingWindow, field="window")
