"""Rich conversations in: ``measure_conversations``
and ``decide`` over ``carekit.conversations`` models."""

import datetime as dt
from typing import Any

import pendulum
import pytest

from carekit import (
    AwaySchedule,
    BusinessCalendar,
    Interval,
    IntervalSet,
    InvalidValue,
)
from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    Direction,
    Message,
    MessageKind,
    Visibility,
)
from carekit.responsiveness import (
    BADGE_2015,
    BADGE_2016,
    AwayRule,
    ResponseRules,
    ResponseStats,
    Role,
    decide,
    measure_conversations,
    measure_rows,
    role_of,
)

IN, OUT = Direction.INBOUND, Direction.OUTBOUND
CUSTOMER, AGENT, BOT, AUTO = (
    AuthorKind.CUSTOMER,
    AuthorKind.AGENT,
    AuthorKind.BOT,
    AuthorKind.AUTOMATION,
)
T0 = dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
NIGHT = dt.datetime(2024, 3, 1, 23, 0, tzinfo=dt.UTC)

#: Open 07:00-22:00 UTC every day: away every night from 22:00 to 07:00.
NIGHTS_AWAY = AwaySchedule(
    calendar=BusinessCalendar.weekly("UTC", range(7), [(dt.time(7), dt.time(22))])
)


def message(ident: str, when: dt.datetime, author: AuthorKind, **kw: Any) -> Message:
    """A valid message: inbound exactly when the customer wrote it."""
    direction = IN if author is CUSTOMER else OUT
    return Message(ident, when, direction, author, **kw)


def msg(ident: str, minutes: float, author: AuthorKind, **kw: Any) -> Message:
    return message(ident, T0 + dt.timedelta(minutes=minutes), author, **kw)


def conversation(ident: str, *messages: Message) -> Conversation:
    return Conversation(
        ident, Channel.MESSENGER, customer_id=f"customer-{ident}", messages=messages
    )


@pytest.mark.parametrize(
    ("direction", "author", "kind", "role"),
    [
        (IN, CUSTOMER, MessageKind.REPLY, Role.CUSTOMER),
        (OUT, AGENT, MessageKind.REPLY, Role.AGENT),
        (OUT, BOT, MessageKind.REPLY, Role.BOT),
        (OUT, AUTO, MessageKind.REPLY, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.INSTANT_REPLY, Role.AUTOMATED),
        (OUT, AUTO, MessageKind.INSTANT_REPLY, Role.AUTOMATED),
        (OUT, AUTO, MessageKind.AWAY_MESSAGE, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.TEMPLATE, Role.AUTOMATED),
        (OUT, BOT, MessageKind.SURVEY, Role.AUTOMATED),
        (OUT, AGENT, MessageKind.PRIVATE_NOTE, Role.INTERNAL),
        (OUT, BOT, MessageKind.PRIVATE_NOTE, Role.INTERNAL),
    ],
)
def test_role_of_a_message(
    direction: Direction, author: AuthorKind, kind: MessageKind, role: Role
) -> None:
    """Instant replies, away messages, private notes and templates never
    qualify; agents do; bots only by policy."""
    assert role == role_of(direction, author, kind)


@pytest.mark.parametrize(
    ("direction", "author", "kind", "field"),
    [
        ("inbound", CUSTOMER, MessageKind.REPLY, "direction"),
        (IN, "customer", MessageKind.REPLY, "author"),
        (IN, CUSTOMER, Visibility.PUBLIC, "kind"),
    ],
)
def test_role_of_refuses_values_that_are_not_members(
    direction: Any, author: Any, kind: Any, field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        role_of(direction, author, kind)
    assert field == info.value.field


def test_conversations_give_the_same_answer_as_rows() -> None:
    conversations = [
        conversation(
            "a",
            msg("1", 0, CUSTOMER),
            msg("2", 0.5, AUTO, kind=MessageKind.INSTANT_REPLY),
            msg("3", 3, AGENT, kind=MessageKind.PRIVATE_NOTE),
            msg("4", 4, AGENT, visibility=Visibility.PUBLIC),
        ),
        conversation("b", msg("1", 10, CUSTOMER), msg("2", 70, BOT)),
        conversation("c"),
    ]
    assert ResponseStats(2, 1, response_times=[240.0]) == measure_conversations(
        conversations
    )
    bots = ResponseRules(count_bots=True)
    assert ResponseStats(2, 2, response_times=[240.0, 3600.0]) == measure_conversations(
        conversations, policy=bots
    )


def test_a_private_note_does_not_break_the_silence() -> None:
    """A private note is no message "either way": 24 h after the customer's
    last message, a note in between does not stop a new thread."""
    messages = (
        msg("1", 0, CUSTOMER),
        msg("2", 5, AGENT),
        msg("3", 23 * 60, AGENT, kind=MessageKind.PRIVATE_NOTE),
        msg("4", 5 + 24 * 60, CUSTOMER),
    )
    assert 2 == measure_conversations([conversation("a", *messages)]).eligible


def test_24h_boundary_is_exact_for_sub_second_timestamps() -> None:
    """ "at least 24 h": exact to the microsecond, whatever the float epoch."""
    start = dt.datetime(2024, 3, 1, 12, 0, 0, 123457, tzinfo=dt.UTC)
    day = dt.timedelta(hours=24)
    tick = dt.timedelta(microseconds=1)
    for gap, threads in ((day, 2), (day - tick, 1)):
        messages = (
            message("1", start, CUSTOMER),
            message("2", start + gap, CUSTOMER),
        )
        assert threads == measure_conversations([conversation("a", *messages)]).eligible


def test_pendulum_timestamps_in_any_zone_are_accepted() -> None:
    start = pendulum.datetime(2024, 3, 1, 13, 0, tz="Europe/Berlin")
    messages = (
        message("1", start, CUSTOMER),
        message("2", start.in_timezone("America/New_York").add(minutes=3), AGENT),
    )
    stats = measure_conversations([conversation("a", *messages)])
    assert (180.0,) == stats.response_times


@pytest.mark.parametrize(
    "item",
    [
        (msg("1", 0, CUSTOMER),),
        msg("1", 0, CUSTOMER),
        ("a", 0.0, 0),
    ],
)
def test_items_that_are_not_conversations_are_refused(item: Any) -> None:
    conversations = [conversation("a", msg("1", 0, CUSTOMER)), item]
    with pytest.raises(InvalidValue) as info:
        measure_conversations(conversations)
    assert "conversations[1]" == info.value.field


def test_an_away_schedule_is_asked_for_the_span_of_the_data() -> None:
    """Threads starting while away are left out (seed), or timed from the end
    of the away period (later rule)."""
    night = conversation(
        "a",
        message("1", NIGHT, CUSTOMER),
        message("2", NIGHT + dt.timedelta(hours=8, minutes=5), AGENT),
    )
    assert ResponseStats(0, 0, 1) == measure_conversations([night], away=NIGHTS_AWAY)
    defer = ResponseRules(away=AwayRule.DEFER)
    stats = measure_conversations([night], away=NIGHTS_AWAY, policy=defer)
    assert (300.0,) == stats.response_times
    interval = Interval(NIGHT - dt.timedelta(hours=1), NIGHT + dt.timedelta(hours=8))
    rows = [("a", NIGHT.timestamp(), 0), ("a", NIGHT.timestamp() + 29100, 1)]
    pairs = [(interval.start.timestamp(), interval.end.timestamp())]
    assert measure_rows(rows, away=pairs, policy=defer) == measure_conversations(
        [night], away=IntervalSet.of(interval), policy=defer
    )


def test_manual_away_periods_of_a_schedule_count_too() -> None:
    """A manual toggle during opening hours: the thread is left out; the
    next one, after the toggle ends, is timed."""
    meeting = Interval(T0 - dt.timedelta(hours=1), T0 + dt.timedelta(minutes=30))
    schedule = AwaySchedule(IntervalSet.of(meeting), NIGHTS_AWAY.calendar)
    conversations = [
        conversation("a", msg("1", 0, CUSTOMER), msg("2", 40, AGENT)),
        conversation("b", msg("1", 31, CUSTOMER), msg("2", 40, AGENT)),
    ]
    expected = ResponseStats(1, 1, 1, response_times=[540.0])
    assert expected == measure_conversations(conversations, away=schedule)


def test_a_deferred_thread_answered_while_still_away_takes_no_time() -> None:
    """The away period runs past every message: the answer counts as 0 s."""
    schedule = AwaySchedule(IntervalSet.of(Interval(T0, T0 + dt.timedelta(days=30))))
    defer = ResponseRules(away=AwayRule.DEFER)
    talk = conversation("a", msg("1", 1, CUSTOMER), msg("2", 2, AGENT))
    stats = measure_conversations([talk], away=schedule, policy=defer)
    assert ResponseStats(1, 1, response_times=[0.0]) == stats


def test_since_and_until_apply_to_conversations() -> None:
    talk = conversation("a", msg("1", 0, CUSTOMER), msg("2", 60, AGENT))
    until = T0 + dt.timedelta(minutes=30)
    assert ResponseStats(0, 0, pending=1) == measure_conversations([talk], until=until)
    since = T0 + dt.timedelta(minutes=1)
    assert ResponseStats(0, 0) == measure_conversations([talk], since=since)


def test_no_conversations_and_empty_ones_give_no_data() -> None:
    assert ResponseStats(0, 0) == measure_conversations([], away=NIGHTS_AWAY)
    assert ResponseStats(0, 0) == measure_conversations(
        [conversation("a")], away=NIGHTS_AWAY
    )


def test_badge_decision_over_conversations_with_an_away_schedule() -> None:
    """The 2016 preset over conversations: the night thread is timed from
    07:00, the window ends at as_of."""
    talk = conversation(
        "a",
        message("1", NIGHT, CUSTOMER),
        message("2", NIGHT + dt.timedelta(hours=8, minutes=10), AGENT),
    )
    as_of = NIGHT + dt.timedelta(days=2)
    decision = decide([talk], policy=BADGE_2016, as_of=as_of, away=NIGHTS_AWAY)
    assert ResponseStats(1, 1, response_times=[600.0]) == decision.stats
    assert decision.awarded
    seed = decide([talk], policy=BADGE_2015, away=NIGHTS_AWAY)
    assert seed.reasons[0].startswith("no data")


def test_an_away_schedule_with_rows_is_refused() -> None:
    """Rows carry no span to ask the schedule for: give its periods instead."""
    with pytest.raises(InvalidValue) as info:
        decide([("a", 0.0, 0)], away=NIGHTS_AWAY)
    assert "away" == info.value.field
    assert decide([], away=NIGHTS_AWAY).stats == ResponseStats(0, 0)
