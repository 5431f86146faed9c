"""Instant replies, away messages and the loop guards around them.

Rules (Facebook page inbox, as the seeds describe it; loop guards after
FreeScout and Chatwoot):

- **Instant reply**: "sent automatically to consumers who message your
  page" when they start a new thread: the first message, or the first after
  24 h of silence both ways (the thread rule of ``carekit.responsiveness``:
  automatic messages do not break the silence).
- **Away message**: sent when the customer writes while the page is away,
  telling them when to expect a reply. When a new thread starts while the
  page is away, only the away message is sent.
- **Loop guards** (defaults): never answer an automated sender (an author of
  kind automation or bot, or a Messenger echo with an ``app_id``); never
  answer the page's own echoes; at most one away message per thread per away
  period; at most 3 automatic messages per customer per 24 h; never as a
  public reply on Twitter; nothing automatic within 5 minutes of an agent's
  reply.

Every policy answers an :class:`AutoDecision` that says why a message is
sent, or why not; :func:`plan_automatic` runs them in order and keeps every
decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, optional_instant_key
from carekit._validate import (
    aware_datetime,
    enum_member,
    is_name,
    non_empty_str,
    optional_non_empty_str,
)
from carekit.automation import _checks as c
from carekit.conversations import Channel
from carekit.errors import InvalidValue
from carekit.messages import AuthorKind, MessageKind
from carekit.tickets._convert import checked_tuple

__all__ = [
    "AUTOMATIC_KINDS",
    "AutoDecision",
    "AutomaticPlan",
    "AwayMessage",
    "AwayMessagePolicy",
    "InstantReply",
    "InstantReplyPolicy",
    "LoopGuardPolicy",
    "LoopGuards",
    "Situation",
    "plan_automatic",
]

AUTOMATIC_KINDS = frozenset({MessageKind.INSTANT_REPLY, MessageKind.AWAY_MESSAGE})
"""The kinds of message these policies send."""


def _sent_times(value: Any) -> tuple[dt.datetime, ...]:
    return c.instants(value, "automatic_sent")


@frozen
class Situation:
    """What the automation policies look at when a customer's message (or
    anything the page receives) arrives.

    Attributes:
        channel: Where it arrived.
        at: When.
        author: Who wrote it (``CUSTOMER`` for a customer; ``BOT`` or
            ``AUTOMATION`` for an automated sender).
        echo: True when it is the page's own message echoed back.
        app_id: The app that sent an echo, if any (an automated sender).
        public: True when an automatic answer would be public (a tweet
            reply, a comment).
        new_thread: True when it starts a new thread.
        away: True when the page is away at *at*.
        away_since: When the current away period began, if away (``None``
            while available).
        away_message_at: When the last away message went to this thread.
        thread_started_at: When the current thread started, if known.
        automatic_sent: When automatic messages went to this customer (the
            last 24 h are enough).
        last_agent_reply_at: When an agent last replied to the customer.
    """

    # Checked in __attrs_post_init__, all at once (see _SITUATION_CHECKS).
    channel: Channel
    at: dt.datetime = field(eq=instant_key)
    author: AuthorKind = field(default=AuthorKind.CUSTOMER, kw_only=True)
    echo: bool = field(default=False, kw_only=True)
    app_id: str | None = field(default=None, kw_only=True)
    public: bool = field(default=False, kw_only=True)
    new_thread: bool = field(default=False, kw_only=True)
    away: bool = field(default=False, kw_only=True)
    away_since: dt.datetime | None = field(
        default=None, eq=optional_instant_key, kw_only=True
    )
    away_message_at: dt.datetime | None = field(
        default=None, eq=optional_instant_key, kw_only=True
    )
    thread_started_at: dt.datetime | None = field(
        default=None, eq=optional_instant_key, kw_only=True
    )
    automatic_sent: tuple[dt.datetime, ...] = field(
        default=(),
        converter=_sent_times,
        eq=c.instants_key,
        kw_only=True,
    )
    last_agent_reply_at: dt.datetime | None = field(
        default=None, eq=optional_instant_key, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.channel) is Channel
            and type(self.author) is AuthorKind
            and self.at is not None
            and c.is_optional_instant(self.at)
            and type(self.echo) is bool
            and type(self.public) is bool
            and type(self.new_thread) is bool
            and type(self.away) is bool
            and (self.app_id is None or is_name(self.app_id))
            and c.is_optional_instant(self.away_since)
            and c.is_optional_instant(self.away_message_at)
            and c.is_optional_instant(self.thread_started_at)
            and c.is_optional_instant(self.last_agent_reply_at)
        ):
            c.explain(self, _SITUATION_CHECKS)
        if self.away_since is not None and not self.away:
            raise InvalidValue(
                "away_since", self.away_since, "is set only while the page is away"
            )

    @property
    def automated_sender(self) -> bool:
        """True when a machine wrote what arrived: a bot, an automation, or
        an echo an app sent."""
        return self.author in (AuthorKind.BOT, AuthorKind.AUTOMATION) or (
            self.echo and self.app_id is not None
        )


_SITUATION_CHECKS: dict[str, Any] = {
    "channel": enum_member(Channel),
    "at": aware_datetime,
    "author": enum_member(AuthorKind),
    "echo": c.strict_bool,
    "public": c.strict_bool,
    "new_thread": c.strict_bool,
    "away": c.strict_bool,
    "app_id": optional_non_empty_str,
    "away_since": c.optional_aware,
    "away_message_at": c.optional_aware,
    "thread_started_at": c.optional_aware,
    "last_agent_reply_at": c.optional_aware,
}


@frozen
class AutoDecision:
    """One policy's answer, with its reason.

    Attributes:
        kind: The automatic message it is about (``INSTANT_REPLY`` or
            ``AWAY_MESSAGE``).
        send: True when the message may go out as far as this rule goes.
        rule: The rule that decided (``"instant reply"``, ``"loop guard:
            automated sender"``...).
        reason: Why, in words.
    """

    # Checked in __attrs_post_init__, all at once.
    kind: MessageKind
    send: bool
    rule: str = field(kw_only=True)
    reason: str = field(kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not (
            (self.kind is _INSTANT or self.kind is _AWAY)
            and type(self.send) is bool
            and is_name(self.rule)
            and is_name(self.reason)
        ):
            c.explain(self, _DECISION_CHECKS)
        if self.kind not in AUTOMATIC_KINDS:
            raise InvalidValue(
                "kind", self.kind, "must be MessageKind.INSTANT_REPLY or AWAY_MESSAGE"
            )


_DECISION_CHECKS: dict[str, Any] = {
    "kind": enum_member(MessageKind),
    "send": c.strict_bool,
    "rule": non_empty_str,
    "reason": non_empty_str,
}


@runtime_checkable
class InstantReplyPolicy(Protocol):
    """Decides whether a situation calls for an instant reply."""

    def decide(self, situation: Situation) -> AutoDecision:
        """Send an instant reply in *situation*, or not, and why."""
        ...


@runtime_checkable
class AwayMessagePolicy(Protocol):
    """Decides whether a situation calls for an away message."""

    def decide(self, situation: Situation) -> AutoDecision:
        """Send an away message in *situation*, or not, and why."""
        ...


@runtime_checkable
class LoopGuardPolicy(Protocol):
    """Vetoes an automatic message that would feed a loop or annoy."""

    def decide(self, situation: Situation, kind: MessageKind) -> AutoDecision:
        """May the automatic message of *kind* go out in *situation*?"""
        ...


_INSTANT = MessageKind.INSTANT_REPLY
_AWAY = MessageKind.AWAY_MESSAGE


@frozen
class InstantReply:
    """The default instant-reply rule: on a new thread, unless the page is
    away (then only the away message goes).

    Attributes:
        enabled: False turns instant replies off.
    """

    enabled: bool = field(default=True, validator=c.strict_bool, kw_only=True)

    def decide(self, situation: Situation) -> AutoDecision:
        """See :class:`InstantReplyPolicy`."""
        _situation(situation)
        rule = "instant reply"
        if not self.enabled:
            return AutoDecision(_INSTANT, False, rule=rule, reason="turned off")
        if not situation.new_thread:
            return AutoDecision(
                _INSTANT,
                False,
                rule=rule,
                reason="not a new thread (less than 24 h since the last message)",
            )
        if situation.away:
            return AutoDecision(
                _INSTANT,
                False,
                rule=rule,
                reason="the page is away: only the away message is sent",
            )
        return AutoDecision(
            _INSTANT, True, rule=rule, reason="the customer started a new thread"
        )


@frozen
class AwayMessage:
    """The default away-message rule: whenever the customer writes while the
    page is away.

    Attributes:
        enabled: False turns away messages off.
    """

    enabled: bool = field(default=True, validator=c.strict_bool, kw_only=True)

    def decide(self, situation: Situation) -> AutoDecision:
        """See :class:`AwayMessagePolicy`."""
        _situation(situation)
        rule = "away message"
        if not self.enabled:
            return AutoDecision(_AWAY, False, rule=rule, reason="turned off")
        if not situation.away:
            return AutoDecision(_AWAY, False, rule=rule, reason="the page is available")
        return AutoDecision(
            _AWAY, True, rule=rule, reason="the customer wrote while the page is away"
        )


@frozen
class LoopGuards:
    """The default loop guards (FreeScout's per-customer cap, Chatwoot's
    quiet time after an agent's message).

    Attributes:
        max_per_customer: At most this many automatic messages per customer
            within *cap_window* (default 3).
        cap_window: The window of the cap (default 24 h; at most 366 days).
        agent_quiet: Nothing automatic this soon after an agent's reply
            (default 5 minutes; at most 366 days).
        one_away_per_period: At most one away message per thread per away
            period (default on).
    """

    max_per_customer: int = field(default=3, validator=c.non_negative_int, kw_only=True)
    cap_window: dt.timedelta = field(
        default=dt.timedelta(hours=24), validator=c.non_negative_timedelta, kw_only=True
    )
    agent_quiet: dt.timedelta = field(
        default=dt.timedelta(minutes=5),
        validator=c.non_negative_timedelta,
        kw_only=True,
    )
    one_away_per_period: bool = field(
        default=True, validator=c.strict_bool, kw_only=True
    )

    def decide(self, situation: Situation, kind: MessageKind) -> AutoDecision:
        """See :class:`LoopGuardPolicy`: the first guard that vetoes, or a
        pass."""
        _situation(situation)
        if kind not in AUTOMATIC_KINDS:
            raise InvalidValue(
                "kind", kind, "must be MessageKind.INSTANT_REPLY or AWAY_MESSAGE"
            )
        for rule, vetoed, reason in self._checks(situation, kind):
            if vetoed:
                return AutoDecision(
                    kind, False, rule=f"loop guard: {rule}", reason=reason
                )
        return AutoDecision(
            kind, True, rule="loop guards", reason="no loop guard applies"
        )

    def _checks(
        self, s: Situation, kind: MessageKind
    ) -> Iterable[tuple[str, bool, str]]:
        at = s.at
        yield "own echo", s.echo and s.app_id is None, "the page's own message"
        yield (
            "automated sender",
            s.automated_sender,
            "never answer an automated sender",
        )
        yield (
            "public reply",
            s.channel is Channel.TWITTER_PUBLIC,
            "never as a public reply on Twitter",
        )
        last_agent = s.last_agent_reply_at
        yield (
            "agent replied",
            last_agent is not None and at - last_agent < self.agent_quiet,
            f"an agent replied less than {_words(self.agent_quiet)} ago",
        )
        yield (
            "one per away period",
            kind is _AWAY and self.one_away_per_period and _away_sent(s),
            "an away message already went to this thread in this away period",
        )
        recent = sum(1 for sent in s.automatic_sent if at - sent < self.cap_window)
        yield (
            "per-customer cap",
            recent >= self.max_per_customer,
            f"{recent} automatic messages to this customer in the last"
            f" {_words(self.cap_window)} (cap {self.max_per_customer})",
        )


def _situation(value: object) -> None:
    if not isinstance(value, Situation):
        raise InvalidValue("situation", value, "must be a Situation")


def _policy(name: str, value: object, kind: type) -> None:
    if value is not None and not isinstance(value, kind):
        raise InvalidValue(name, value, f"must be a {kind.__name__} or None")


def _away_sent(s: Situation) -> bool:
    """Whether an away message went out since both the away period and the
    thread began."""
    sent = s.away_message_at
    if sent is None:
        return False
    since = [b for b in (s.away_since, s.thread_started_at) if b is not None]
    return all(sent >= bound for bound in since)


def _words(span: dt.timedelta) -> str:
    seconds = int(span.total_seconds())
    if seconds % 3600 == 0:
        return f"{seconds // 3600} h"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def _optional_kind(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value not in AUTOMATIC_KINDS:
        raise InvalidValue(
            attribute.name, value, "must be INSTANT_REPLY, AWAY_MESSAGE or None"
        )


def _decisions(value: Any) -> tuple[AutoDecision, ...]:
    return checked_tuple(value, AutoDecision, "decisions")


@frozen
class AutomaticPlan:
    """What to send automatically, and every decision that led there.

    Attributes:
        send: The automatic message to send, or ``None``.
        decisions: Each policy's answer, in the order asked.
    """

    send: MessageKind | None = field(validator=_optional_kind)
    decisions: tuple[AutoDecision, ...] = field(converter=_decisions)

    def explain(self) -> str:
        """Every decision on one line each: ``rule: sent|not sent (reason)``."""
        return "\n".join(
            f"{d.rule}: {'send' if d.send else 'no'} {d.kind.value} ({d.reason})"
            for d in self.decisions
        )


def plan_automatic(
    situation: Situation,
    *,
    instant: InstantReplyPolicy | None = None,
    away: AwayMessagePolicy | None = None,
    guards: LoopGuardPolicy | None = None,
) -> AutomaticPlan:
    """The automatic message (at most one) *situation* calls for.

    The away message is asked first: when it is due, the instant reply is
    not sent ("only the away message"). Whichever is due must then pass the
    loop guards.

    Args:
        situation: What arrived.
        instant: Default :class:`InstantReply` ().
        away: Default :class:`AwayMessage` ().
        guards: Default :class:`LoopGuards` ().

    >>> import datetime as dt
    >>> t0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
    >>> plan = plan_automatic(Situation(Channel.MESSENGER, t0, new_thread=True))
    >>> plan.send
    <MessageKind.INSTANT_REPLY: 'instant_reply'>
    """
    _situation(situation)
    _policy("instant", instant, InstantReplyPolicy)
    _policy("away", away, AwayMessagePolicy)
    _policy("guards", guards, LoopGuardPolicy)
    wanted = (away or _DEFAULT_AWAY).decide(situation)
    decisions = [wanted]
    if not wanted.send:
        wanted = (instant or _DEFAULT_INSTANT).decide(situation)
        decisions.append(wanted)
    if not wanted.send:
        return AutomaticPlan(None, decisions)
    guard = (guards or _DEFAULT_GUARDS).decide(situation, wanted.kind)
    decisions.append(guard)
    return AutomaticPlan(wanted.kind if guard.send else None, decisions)


_DEFAULT_INSTANT = InstantReply()
_DEFAULT_AWAY = AwayMessage()
_DEFAULT_GUARDS = LoopGuards()
