"""Rich conversations in (SPEC §1 messages, §3 rules).

Until ``carekit.conversations`` lands, these tests use stand-ins with the same
field and enum member names; they move to the real models after the merge.
"""

import datetime as dt
import enum
from typing import Any

import attrs
import pendulum
import pytest

from carekit import Interval, IntervalSet, InvalidValue
from carekit.responsiveness import (
    BADGE_2015,
    BADGE_2016,
    AwayRule,
    ResponsePolicy,
    ResponseStats,
    Role,
    decide,
    from_conversations,
    from_rows,
    role_of,
)


class Direction(enum.Enum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class AuthorKind(enum.Enum):
    CUSTOMER = "customer"
    AGENT = "agent"
    BOT = "bot"
    AUTOMATION = "automation"


class MessageKind(enum.Enum):
    REPLY = "reply"
    INSTANT_REPLY = "instant_reply"
    AWAY_MESSAGE = "away_message"
    PRIVATE_NOTE = "private_note"
    SURVEY = "survey"
    TEMPLATE = "template"


@attrs.frozen
class Message:
    timestamp: dt.datetime
    direction: Direction
    author: AuthorKind
    kind: MessageKind = MessageKind.REPLY


@attrs.frozen
class Conversation:
    id: str
    messages: tuple[Message, ...]


@attrs.frozen
class Schedule:
    """An away schedule: away every night from 22:00 to 07:00 UTC."""

    def periods(self, a: dt.datetime, b: dt.datetime) -> IntervalSet:
        day = dt.datetime.combine(a.date(), dt.time(), tzinfo=dt.UTC)
        nights = []
        while day < b:
            start = day - dt.timedelta(hours=2)
            nights.append(Interval(start, start + dt.timedelta(hours=9)))
            day += dt.timedelta(days=1)
        return IntervalSet(nights).clip(Interval(a, b))


IN, OUT = Direction.INBOUND, Direction.OUTBOUND
CUSTOMER, AGENT, BOT, AUTO = (
    AuthorKind.CUSTOMER,
    AuthorKind.AGENT,
    AuthorKind.BOT,
    AuthorKind.AUTOMATION,
)
T0 = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)


def msg(minutes: float, direction: Direction, author: AuthorKind, **kw: Any) -> Message:
    return Message(T0 + dt.timedelta(minutes=minutes), direction, author, **kw)


@pytest.mark.parametrize(
    ("direction", "author", "kind", "role"),
    [
        (IN, CUSTOMER, MessageKind.REPLY, Role.CUSTOMER),
        (IN, AUTO, MessageKind.REPLY, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.REPLY, Role.AGENT),
        (OUT, BOT, MessageKind.REPLY, Role.BOT),
        (OUT, AUTO, MessageKind.REPLY, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.INSTANT_REPLY, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.AWAY_MESSAGE, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.TEMPLATE, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.SURVEY, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.PRIVATE_NOTE, Role.INTERNAL),
    ],
)
def test_role_of_a_message(
    direction: Direction, author: AuthorKind, kind: MessageKind, role: Role
) -> None:
    """Instant replies, away messages, private notes and templates never
    qualify; agents do; bots only by policy."""
    assert role == role_of(direction, author, kind)


def test_conversations_give_the_same_answer_as_rows() -> None:
    conversations = [
        Conversation(
            "a",
            (
                msg(0, IN, CUSTOMER),
                msg(0.5, OUT, AUTO, kind=MessageKind.INSTANT_REPLY),
                msg(3, OUT, AGENT, kind=MessageKind.PRIVATE_NOTE),
                msg(4, OUT, AGENT),
            ),
        ),
        Conversation("b", (msg(10, IN, CUSTOMER), msg(70, OUT, BOT))),
        Conversation("c", ()),
    ]
    assert ResponseStats(2, 1, response_times=[240.0]) == from_conversations(
        conversations
    )
    bots = ResponsePolicy(count_bots=True)
    assert ResponseStats(2, 2, response_times=[240.0, 3600.0]) == from_conversations(
        conversations, policy=bots
    )


def test_24h_boundary_is_exact_for_sub_second_timestamps() -> None:
    """ "at least 24 h": exact to the microsecond, whatever the float epoch."""
    start = dt.datetime(2024, 3, 1, 12, 0, 0, 123457, tzinfo=dt.UTC)
    day = dt.timedelta(hours=24)
    tick = dt.timedelta(microseconds=1)
    for gap, threads in ((day, 2), (day - tick, 1)):
        messages = (
            Message(start, IN, CUSTOMER),
            Message(start + gap, IN, CUSTOMER),
        )
        assert threads == from_conversations([Conversation("a", messages)]).eligible


def test_pendulum_timestamps_in_any_zone_are_accepted() -> None:
    start = pendulum.datetime(2024, 3, 1, 13, 0, tz="Europe/Berlin")
    messages = (
        Message(start, IN, CUSTOMER),
        Message(start.in_timezone("America/New_York").add(minutes=3), OUT, AGENT),
    )
    assert (180.0,) == from_conversations([Conversation("a", messages)]).response_times


def test_naive_timestamps_are_refused() -> None:
    naive = Message(dt.datetime(2024, 3, 1), IN, CUSTOMER)
    with pytest.raises(InvalidValue) as info:
        from_conversations([Conversation("a", (naive,))])
    assert "conversations[0]" == info.value.field


def test_an_away_schedule_is_asked_for_the_span_of_the_data() -> None:
    """Threads starting while away are left out (seed), or timed from the end
    of the away period (later rule)."""
    night = dt.datetime(2024, 3, 1, 23, 0, tzinfo=dt.UTC)
    conversation = Conversation(
        "a",
        (
            Message(night, IN, CUSTOMER),
            Message(night + dt.timedelta(hours=8, minutes=5), OUT, AGENT),
        ),
    )
    assert ResponseStats(0, 0, 1) == from_conversations([conversation], away=Schedule())
    defer = ResponsePolicy(away=AwayRule.DEFER)
    assert (300.0,) == from_conversations(
        [conversation], away=Schedule(), policy=defer
    ).response_times
    interval = Interval(night - dt.timedelta(hours=1), night + dt.timedelta(hours=8))
    rows = [("a", night.timestamp(), 0), ("a", night.timestamp() + 29100, 1)]
    pairs = [(interval.start.timestamp(), interval.end.timestamp())]
    assert from_rows(rows, away=pairs, policy=defer) == from_conversations(
        [conversation], away=IntervalSet.of(interval), policy=defer
    )


def test_since_and_until_apply_to_conversations() -> None:
    conversation = Conversation("a", (msg(0, IN, CUSTOMER), msg(60, OUT, AGENT)))
    until = T0 + dt.timedelta(minutes=30)
    assert ResponseStats(0, 0, pending=1) == from_conversations(
        [conversation], until=until
    )
    since = T0 + dt.timedelta(minutes=1)
    assert ResponseStats(0, 0) == from_conversations([conversation], since=since)


def test_messages_of_other_enum_types_or_plain_names_are_still_classified() -> None:
    """Roles follow member names, whichever enum class (or string) carries them."""

    class Way(enum.Enum):
        INBOUND = 1
        OUTBOUND = 2

    start = T0
    messages = (
        Message(start, IN, CUSTOMER),
        Message(start + dt.timedelta(minutes=1), Way.OUTBOUND, AGENT),  # type: ignore[arg-type]
        Message(start + dt.timedelta(days=2), "inbound", "customer", "reply"),  # type: ignore[arg-type]
        Message(start + dt.timedelta(days=2, minutes=2), OUT, AGENT),
    )
    stats = from_conversations([Conversation("a", messages)])
    assert ResponseStats(2, 2, response_times=[60.0, 120.0]) == stats


def test_badge_decision_over_conversations_with_an_away_schedule() -> None:
    """The 2016 preset over conversations: the night thread is timed from
    07:00, the window ends at as_of."""
    night = dt.datetime(2024, 3, 1, 23, 0, tzinfo=dt.UTC)
    conversation = Conversation(
        "a",
        (
            Message(night, IN, CUSTOMER),
            Message(night + dt.timedelta(hours=8, minutes=10), OUT, AGENT),
        ),
    )
    as_of = night + dt.timedelta(days=2)
    decision = decide([conversation], policy=BADGE_2016, as_of=as_of, away=Schedule())
    assert ResponseStats(1, 1, response_times=[600.0]) == decision.stats
    assert decision.awarded
    seed = decide([conversation], policy=BADGE_2015, away=Schedule())
    assert seed.reasons[0].startswith("no data")
