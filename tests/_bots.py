"""Helpers shared by the bot tests: a tiny knowledge base, input builders,
and a runner that drives the engine through a script of steps."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

from carekit import structure, unstructure
from carekit.adapters import Echo, MessageReceived, Postback, Standby
from carekit.bots import (
    SEND_ACTIONS,
    AwayStatusChanged,
    BotAction,
    BotEngine,
    BotInput,
    CreateTicket,
    PageState,
    TicketUpdated,
    TimePassed,
)
from carekit.conversations import Channel
from carekit.tickets import (
    HEARD_OPTIONAL,
    Close,
    Open,
    Resolve,
    Ticket,
    TicketStatus,
)

PAGE = "page-1"
T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
APP = "app-42"


@attrs.frozen
class Article:
    """A test article: its keywords decide the confidence."""

    id: str
    keywords: frozenset[str]
    text: str


@attrs.frozen
class Match:
    """A suggestion, shaped like ``carekit.knowledge.Suggestion``."""

    article: Article
    confidence: float

    def answer(self, **values: str) -> str:
        return self.article.text.format(**values)


@attrs.frozen
class KeywordBase:
    """A knowledge base whose confidence is the share of an article's
    keywords the message holds."""

    articles: tuple[Article, ...]

    def suggest(
        self, text: str, *, language: str | None = None, limit: int = 3
    ) -> Sequence[Match]:
        words = set(text.casefold().split())
        found = [
            Match(a, len(a.keywords & words) / len(a.keywords))
            for a in self.articles
            if a.keywords & words
        ]
        found.sort(key=lambda m: (-m.confidence, m.article.id))
        return found[:limit]


KB = KeywordBase(
    (
        Article("hours", frozenset({"open", "hours"}), "We open 9-17, {name}."),
        Article("refund", frozenset({"refund", "order", "broken"}), "Refunds: {url}"),
    )
)
ENGINE = BotEngine(
    KB, threshold=0.5, answer_values={"name": "friend", "url": "https://x.test/r"}
)


def message(
    customer: str, at: dt.datetime, text: str | None = "hello", mid: str = "m"
) -> MessageReceived:
    return MessageReceived(
        Channel.MESSENGER, PAGE, customer_id=customer, timestamp=at, mid=mid, text=text
    )


def echo(customer: str, at: dt.datetime, app_id: str | None = None) -> Echo:
    return Echo(
        Channel.MESSENGER,
        PAGE,
        customer_id=customer,
        timestamp=at,
        mid="e",
        text="reply",
        app_id=app_id,
    )


def postback(customer: str, at: dt.datetime, title: str = "Opening hours") -> Postback:
    return Postback(
        Channel.MESSENGER, PAGE, customer_id=customer, timestamp=at, title=title
    )


def round_trip(state: PageState) -> PageState:
    """*state* through plain data and JSON text, as a bot stores it."""
    data = json.loads(json.dumps(unstructure(state)))
    back: PageState = structure(data, PageState)
    return back


# -- scripts -------------------------------------------------------------------

CUSTOMERS = ("u1", "u2")
TEXTS = ("hello", "what are your opening hours", "refund my broken order", None)
#: Minutes between steps: none, within the guards, around a day, a week.
GAPS = (0, 1, 4, 6, 30, 60, 23 * 60, 24 * 60, 25 * 60, 3 * 24 * 60, 8 * 24 * 60)
KINDS: tuple[str, ...] = ("message", "postback", "agent", "app_echo", "standby")
KINDS += ("away", "back", "tick", "resolve", "close")
#: Customers write most: three in ten steps are messages beyond their share.
KINDS += ("message",) * 3

#: Minutes the platform's timestamps run ahead of (or behind) the engine's
#: ``now``: the clocks of Meta and of the bot's host never agree exactly.
SKEWS = (0, 0, 0, 2, -2, 90)

Step = tuple[str, int, int, int, int]
"""(kind, customer index, gap index, text index, skew index)."""


def steps(*, max_size: int = 14) -> st.SearchStrategy[list[Step]]:
    return st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.integers(0, len(CUSTOMERS) - 1),
            st.integers(0, len(GAPS) - 1),
            st.integers(0, len(TEXTS) - 1),
            st.integers(0, len(SKEWS) - 1),
        ),
        max_size=max_size,
    )


@attrs.define
class Run:
    """Drives an engine through steps and records what happened."""

    engine: BotEngine = ENGINE
    state: PageState = attrs.field(factory=lambda: PageState(PAGE))
    now: dt.datetime = T0
    tickets: dict[str, Ticket] = attrs.field(factory=dict)
    log: list[tuple[dt.datetime, BotInput, tuple[BotAction, ...]]] = attrs.field(
        factory=list
    )

    def feed(self, item: BotInput) -> tuple[BotAction, ...]:
        self.state, actions = self.engine.handle(self.state, item, self.now)
        for action in actions:
            if isinstance(action, CreateTicket):
                self.tickets[action.ticket.id] = action.ticket
        self.log.append((self.now, item, actions))
        return actions

    def step(self, step: Step) -> tuple[BotAction, ...] | None:
        kind, who, gap, text, skew = step
        self.now += dt.timedelta(minutes=GAPS[gap])
        customer, now = CUSTOMERS[who], self.now
        sent = now + dt.timedelta(minutes=SKEWS[skew])
        item = self._input(kind, customer, TEXTS[text], now, sent)
        return None if item is None else self.feed(item)

    def _input(
        self,
        kind: str,
        customer: str,
        text: str | None,
        now: dt.datetime,
        sent: dt.datetime,
    ) -> BotInput | None:
        """The input of *kind*: the platform's stamped *sent*, the caller's
        own at *now*."""
        match kind:
            case "message":
                return message(customer, sent, text)
            case "postback":
                return postback(customer, sent, text or "Get started")
            case "agent":
                return echo(customer, sent)
            case "app_echo":
                return echo(customer, sent, APP)
            case "standby":
                return Standby(Channel.MESSENGER, PAGE, event=message(customer, sent))
            case "away" | "back":
                return AwayStatusChanged(PAGE, kind == "away", at=now)
            case "tick":
                return TimePassed(now)
            case _:
                return self._ticket_input(kind, customer, now)

    def _ticket_input(
        self, kind: str, customer: str, now: dt.datetime
    ) -> TicketUpdated | None:
        conversation = self.state.conversation(customer)
        if conversation is None or conversation.ticket_id is None:
            return None
        ticket = self.tickets[conversation.ticket_id]
        if ticket.status is TicketStatus.NEW:
            ticket, _ = ticket.apply(Open("agent"), now=now)
        if ticket.status is TicketStatus.OPEN:
            ticket, _ = ticket.apply(Resolve("agent"), now=now)
        if kind == "close":
            ticket, _ = ticket.apply(Close("agent"), now=now, heard=HEARD_OPTIONAL)
        self.tickets[ticket.id] = ticket
        return TicketUpdated(ticket, at=now)


def sends(actions: Sequence[BotAction]) -> list[BotAction]:
    return [a for a in actions if isinstance(a, SEND_ACTIONS)]
