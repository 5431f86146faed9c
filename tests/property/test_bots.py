"""Invariants of the bot engine over random scripts of inputs and time jumps
(issue 17, "Must show"): at most one away message per thread per away
period; never an answer to an echo, an automated sender or a standby input;
automatic messages never change the responsiveness report; same inputs, same
actions; the state survives plain data mid-conversation; no send outside the
messaging window."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from carekit.adapters import Echo, MessageReceived, Postback, Standby
from carekit.bots import (
    AwayStatusChanged,
    BotAction,
    SendAwayMessage,
    SendInstantReply,
)
from carekit.conversations import Channel, Conversation
from carekit.messages import AuthorKind, Direction, Message, MessageKind
from carekit.responsiveness import measure_conversations
from carekit.tickets import SendReply

from .._bots import (
    CUSTOMERS,
    GAPS,
    KINDS,
    SKEWS,
    TEXTS,
    Run,
    Step,
    round_trip,
    sends,
    steps,
)

WINDOW = dt.timedelta(hours=24)


def _customer(action: BotAction) -> str:
    if isinstance(action, SendReply):
        return action.conversation_id
    return action.customer_id  # type: ignore[union-attr]


class Audit:
    """Checks a run's log against the rules, written from the issue's words
    rather than from the engine."""

    def __init__(self) -> None:
        self.last_customer: dict[str, dt.datetime] = {}
        self.last_break: dict[str, dt.datetime] = {}
        self.thread: Counter[str] = Counter()
        self.period = 0
        self.away = False
        self.away_sent: Counter[tuple[str, int, int]] = Counter()

    def check(
        self, now: dt.datetime, item: object, actions: tuple[BotAction, ...]
    ) -> None:
        if isinstance(item, Standby):
            assert [] == sends(actions), "a standby input produced a send"
            item = item.event
        if isinstance(item, Echo):
            assert () == actions, "an echo was answered"
        if isinstance(item, AwayStatusChanged) and item.away != self.away:
            self.away = item.away
            self.period += item.away
        if isinstance(item, MessageReceived | Postback):
            self._customer_wrote(item.customer_id, item.timestamp)
        if isinstance(item, Echo) and item.app_id is None:
            self._broke_silence(item.customer_id, item.timestamp)
        for action in sends(actions):
            customer = _customer(action)
            last = self.last_customer.get(customer)
            assert last is not None, "sent to a customer who never wrote"
            assert now - last <= WINDOW, "sent outside the window"
            if isinstance(action, SendAwayMessage):
                key = (customer, self.period, self.thread[customer])
                self.away_sent[key] += 1
                assert 1 == self.away_sent[key], "two away messages in one period"

    def _customer_wrote(self, customer: str, at: dt.datetime) -> None:
        previous = self.last_break.get(customer)
        if previous is None or at - previous >= WINDOW:
            self.thread[customer] += 1
        self._broke_silence(customer, at)
        self.last_customer[customer] = max(at, self.last_customer.get(customer, at))

    def _broke_silence(self, customer: str, at: dt.datetime) -> None:
        """A message delivered late (stamped before the latest silence
        breaker) moves nothing back."""
        previous = self.last_break.get(customer)
        self.last_break[customer] = at if previous is None else max(at, previous)


def _run(script: list[Step]) -> Run:
    run = Run()
    for step in script:
        run.step(step)
    return run


@settings(max_examples=200)
@given(script=steps())
def test_every_step_keeps_the_rules(script: list[Step]) -> None:
    """Window, away-period, echo and standby rules, checked on every step."""
    audit = Audit()
    for now, item, actions in _run(script).log:
        audit.check(now, item, actions)


@settings(max_examples=30)
@given(script=steps())
def test_same_inputs_same_actions(script: list[Step]) -> None:
    """ "The same inputs give the same actions"."""
    assert _run(script).log == _run(script).log


@settings(max_examples=30)
@given(first=steps(max_size=8), second=steps(max_size=8))
def test_the_state_survives_plain_data_mid_conversation(
    first: list[Step], second: list[Step]
) -> None:
    """ "The state survives a round trip through plain data mid-conversation,
    with identical later actions"."""
    kept, restored = _run(first), _run(first)
    restored.state = round_trip(restored.state)
    assert kept.state == restored.state
    for step in second:
        assert kept.step(step) == restored.step(step)


def _conversations(run: Run, *, automatic: bool) -> list[Conversation]:
    """The run as conversations: customer messages, agent replies and, when
    asked, the engine's automatic messages."""
    logs: dict[str, list[Message]] = {c: [] for c in CUSTOMERS}
    for now, item, actions in run.log:
        if isinstance(item, MessageReceived | Postback):
            logs[item.customer_id].append(
                Message(
                    f"m{len(logs[item.customer_id])}",
                    item.timestamp,
                    Direction.INBOUND,
                    AuthorKind.CUSTOMER,
                )
            )
        elif isinstance(item, Echo) and item.app_id is None:
            logs[item.customer_id].append(
                Message(
                    f"m{len(logs[item.customer_id])}",
                    item.timestamp,
                    Direction.OUTBOUND,
                    AuthorKind.AGENT,
                )
            )
        for action in actions if automatic else ():
            if isinstance(action, SendInstantReply | SendAwayMessage):
                kind = (
                    MessageKind.AWAY_MESSAGE
                    if isinstance(action, SendAwayMessage)
                    else MessageKind.INSTANT_REPLY
                )
                log = logs[action.customer_id]
                log.append(
                    Message(
                        f"m{len(log)}",
                        now,
                        Direction.OUTBOUND,
                        AuthorKind.AUTOMATION,
                        kind=kind,
                    )
                )
    return [
        Conversation(c, Channel.MESSENGER, customer_id=c, messages=messages)
        for c, messages in logs.items()
    ]


@settings(max_examples=30)
@given(script=steps())
def test_automatic_messages_never_change_the_responsiveness_report(
    script: list[Step],
) -> None:
    """ "Adding or removing the engine's automatic messages never changes the
    responsiveness report (automatic messages are neither responses nor
    silence breakers)"."""
    run = _run(script)
    with_them = measure_conversations(_conversations(run, automatic=True))
    without = measure_conversations(_conversations(run, automatic=False))
    assert without == with_them


class BotMachine(RuleBasedStateMachine):
    """The engine under random inputs and time jumps; the audit's rules,
    the deadline contract and the plain-data round trip after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.run = Run()
        self.audit = Audit()
        self.checked = 0

    @rule(
        kind=st.sampled_from(KINDS),
        who=st.integers(0, len(CUSTOMERS) - 1),
        gap=st.integers(0, len(GAPS) - 1),
        text=st.integers(0, len(TEXTS) - 1),
        skew=st.integers(0, len(SKEWS) - 1),
    )
    def act(self, kind: str, who: int, gap: int, text: int, skew: int) -> None:
        self.run.step((kind, who, gap, text, skew))

    @rule()
    def wait_for_the_deadline(self) -> None:
        deadline = self.run.state.next_deadline(self.run.now)
        if deadline is not None:
            self.run.now = deadline
            self.run.step(("tick", 0, 0, 0, 0))

    @invariant()
    def keeps_the_rules(self) -> None:
        for now, item, actions in self.run.log[self.checked :]:
            self.audit.check(now, item, actions)
        self.checked = len(self.run.log)

    @invariant()
    def the_deadline_is_after_now(self) -> None:
        deadline = self.run.state.next_deadline(self.run.now)
        assert deadline is None or deadline > self.run.now

    @invariant()
    def the_state_is_plain_data(self) -> None:
        assert self.run.state == round_trip(self.run.state)


BotMachine.TestCase.settings = settings(
    max_examples=50, stateful_step_count=15, deadline=None
)
TestBotMachine = BotMachine.TestCase
