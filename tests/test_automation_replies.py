"""Instant replies, away messages and loop guards (carekit.automation)."""

import datetime as dt

import pytest

from carekit.automation import (
    AutoDecision,
    AwayMessage,
    InstantReply,
    LoopGuards,
    Situation,
    plan_automatic,
)
from carekit.conversations import Channel
from carekit.errors import InvalidValue
from carekit.messages import AuthorKind, MessageKind

T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
INSTANT, AWAY = MessageKind.INSTANT_REPLY, MessageKind.AWAY_MESSAGE


def situation(**changes: object) -> Situation:
    fields: dict[str, object] = {"new_thread": True}
    fields.update(changes)
    return Situation(Channel.MESSENGER, T0, **fields)  # type: ignore[arg-type]


def test_an_instant_reply_goes_to_a_new_thread() -> None:
    """ "Instant reply: sent when a customer starts a new thread"."""
    plan = plan_automatic(situation())
    assert INSTANT is plan.send
    assert "the customer started a new thread" in plan.explain()


def test_no_instant_reply_inside_a_thread() -> None:
    """The first message, or the first after 24 h of silence, only."""
    plan = plan_automatic(situation(new_thread=False))
    assert None is plan.send
    assert "not a new thread" in plan.explain()


def test_only_the_away_message_when_a_thread_starts_while_away() -> None:
    """ "When a new thread starts while the page is away, only the away
    message is sent"."""
    plan = plan_automatic(situation(away=True, away_since=T0))
    assert AWAY is plan.send
    assert [AWAY, AWAY] == [d.kind for d in plan.decisions]


def test_an_away_message_goes_to_a_customer_writing_while_away() -> None:
    """ "Away message: sent when the customer writes while the page is away"."""
    plan = plan_automatic(situation(new_thread=False, away=True, away_since=T0))
    assert AWAY is plan.send


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"author": AuthorKind.BOT}, "automated sender"),
        ({"author": AuthorKind.AUTOMATION}, "automated sender"),
        ({"echo": True, "app_id": "app"}, "automated sender"),
        ({"echo": True}, "own echo"),
        ({"channel": Channel.TWITTER_PUBLIC, "public": True}, "public reply"),
        ({"last_agent_reply_at": T0 - dt.timedelta(minutes=4)}, "agent replied"),
        ({"automatic_sent": [T0 - dt.timedelta(hours=h) for h in (1, 2, 3)]}, "cap"),
    ],
)
def test_each_default_loop_guard_vetoes(changes: dict[str, object], rule: str) -> None:
    """The defaults: never answer an automated sender (author automation or
    bot, an echo with an app_id); never the page's own echoes; never as a
    public reply on Twitter; nothing within 5 minutes of an agent's reply; at
    most 3 automatic messages per customer per 24 h."""
    channel = changes.pop("channel", Channel.MESSENGER)
    s = Situation(channel, T0, new_thread=True, **changes)  # type: ignore[arg-type]
    plan = plan_automatic(s)
    assert None is plan.send
    assert rule in plan.decisions[-1].rule


def test_the_guards_let_through_just_past_their_limits() -> None:
    """5 minutes after an agent's reply, and a fourth message once the
    oldest of three is 24 h old."""
    s = situation(
        last_agent_reply_at=T0 - dt.timedelta(minutes=5),
        automatic_sent=[T0 - dt.timedelta(hours=24), T0, T0],
    )
    assert INSTANT is plan_automatic(s).send


def test_one_away_message_per_thread_per_away_period() -> None:
    """ "At most one away message per thread per away period"; a new away
    period, or a new thread, may have its own."""
    sent = T0 - dt.timedelta(minutes=10)
    base = {"away": True, "away_message_at": sent, "new_thread": False}
    same = situation(**base, away_since=T0 - dt.timedelta(hours=1))
    assert None is plan_automatic(same).send
    later_period = situation(**base, away_since=T0 - dt.timedelta(minutes=1))
    assert AWAY is plan_automatic(later_period).send
    new_thread = situation(
        **base, away_since=T0 - dt.timedelta(hours=1), thread_started_at=T0
    )
    assert AWAY is plan_automatic(new_thread).send


def test_policies_can_be_turned_off_and_replaced() -> None:
    off = plan_automatic(situation(), instant=InstantReply(enabled=False))
    assert None is off.send
    away_off = plan_automatic(
        situation(away=True, away_since=T0), away=AwayMessage(enabled=False)
    )
    assert None is away_off.send  # away: no instant reply either
    loose = plan_automatic(
        situation(last_agent_reply_at=T0), guards=LoopGuards(agent_quiet=dt.timedelta())
    )
    assert INSTANT is loose.send


def test_a_decision_names_its_kind() -> None:
    with pytest.raises(InvalidValue, match="kind"):
        AutoDecision(MessageKind.REPLY, True, rule="r", reason="x")


def test_a_situation_refuses_naive_times() -> None:
    with pytest.raises(InvalidValue, match="at"):
        Situation(Channel.MESSENGER, dt.datetime(2024, 1, 1))


def test_loop_guards_refuse_negative_settings() -> None:
    with pytest.raises(InvalidValue, match="max_per_customer"):
        LoopGuards(max_per_customer=-1)
    with pytest.raises(InvalidValue, match="agent_quiet"):
        LoopGuards(agent_quiet=dt.timedelta(minutes=-1))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"channel": "messenger"}, "channel"),
        ({"author": "customer"}, "author"),
        ({"echo": 1}, "echo"),
        ({"app_id": " "}, "app_id"),
        ({"away_since": dt.datetime(2024, 1, 1)}, "away_since"),
        ({"automatic_sent": [dt.datetime(2024, 1, 1)]}, "automatic_sent"),
        # An away period begins only while away (as PageState holds it).
        ({"away": False, "away_since": T0}, "away_since"),
    ],
)
def test_a_situation_names_the_bad_field(
    changes: dict[str, object], field: str
) -> None:
    """Bad input raises InvalidValue naming the field and the rule."""
    fields: dict[str, object] = {"channel": Channel.MESSENGER}
    fields.update(changes)
    channel = fields.pop("channel")
    with pytest.raises(InvalidValue) as info:
        Situation(channel, T0, **fields)  # type: ignore[arg-type]
    assert field == info.value.field


def test_a_decision_checks_its_fields() -> None:
    with pytest.raises(InvalidValue) as info:
        AutoDecision(INSTANT, 1, rule="r", reason="x")  # type: ignore[arg-type]
    assert "send" == info.value.field
    with pytest.raises(InvalidValue) as info:
        AutoDecision(INSTANT, True, rule=" ", reason="x")
    assert "rule" == info.value.field


@pytest.mark.parametrize("public", [False, True])
def test_never_an_automatic_message_on_a_public_twitter_thread(public: bool) -> None:
    """ "Never as a public reply on Twitter": the channel alone vetoes, even
    when the caller leaves ``public`` unset."""
    plan = plan_automatic(
        Situation(Channel.TWITTER_PUBLIC, T0, new_thread=True, public=public)
    )
    assert None is plan.send
    assert "loop guard: public reply" in plan.explain()


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: LoopGuards().decide(None, AWAY), "situation"),  # type: ignore[arg-type]
        (lambda: LoopGuards().decide(situation(), "x"), "kind"),  # type: ignore[arg-type]
        (lambda: LoopGuards().decide(situation(), MessageKind.REPLY), "kind"),
        (lambda: InstantReply().decide(None), "situation"),  # type: ignore[arg-type]
        (lambda: AwayMessage().decide("x"), "situation"),  # type: ignore[arg-type]
        (lambda: plan_automatic(situation(), instant=5), "instant"),  # type: ignore[arg-type]
        (lambda: plan_automatic(situation(), away="x"), "away"),  # type: ignore[arg-type]
        (lambda: plan_automatic(situation(), guards="x"), "guards"),  # type: ignore[arg-type]
        (lambda: LoopGuards(cap_window=dt.timedelta.max), "cap_window"),
        (lambda: LoopGuards(agent_quiet=dt.timedelta(days=367)), "agent_quiet"),
        (lambda: LoopGuards(max_per_customer=2**63), "max_per_customer"),
    ],
)
def test_bad_calls_raise_naming_the_field(call: object, field: str) -> None:
    """Bad input raises InvalidValue naming the field, never a bare builtin
    error; durations are at most 366 days, counts below 2**63."""
    with pytest.raises(InvalidValue) as info:
        call()  # type: ignore[operator]
    assert field == info.value.field
