"""First and next response times: ``carekit.analytics.response_durations``
and the bulk ``response_rows``."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from carekit import BusinessCalendar, InvalidValue
from carekit.analytics import (
    Handoff,
    ResponseDuration,
    ResponseKind,
    ResponseTimeRules,
    response_durations,
    response_rows,
)
from carekit.conversations import Channel, Conversation
from carekit.messages import AuthorKind, Direction, Message, MessageKind
from carekit.responsiveness import Role

IN, OUT = Direction.INBOUND, Direction.OUTBOUND
CUSTOMER, AGENT, BOT, AUTO = (
    AuthorKind.CUSTOMER,
    AuthorKind.AGENT,
    AuthorKind.BOT,
    AuthorKind.AUTOMATION,
)
T0 = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
FIRST, NEXT = ResponseKind.FIRST, ResponseKind.NEXT


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def conversation(*steps: tuple[Any, ...], cid: str = "c1") -> Conversation:
    """``(minutes, author)`` or ``(minutes, author, kind)`` or with an author id."""
    messages = []
    for index, step in enumerate(steps):
        minutes, author, *rest = step
        kind = rest[0] if rest else MessageKind.REPLY
        who = rest[1] if len(rest) > 1 else (None if author is CUSTOMER else "ann")
        messages.append(
            Message(
                f"m{index}",
                at(minutes) if isinstance(minutes, int | float) else minutes,
                IN if author is CUSTOMER else OUT,
                author,
                kind=kind,
                author_id=who,
            )
        )
    return Conversation(cid, Channel.MESSENGER, customer_id="u1", messages=messages)


def figures(durations: tuple[ResponseDuration, ...]) -> list[tuple[Any, ...]]:
    return [(d.kind, d.seconds / 60, d.agent) for d in durations]


def test_a_bot_reply_then_a_human_frt_comes_from_the_human() -> None:
    """ "Bot replies ... never count (default rules)": the first response is
    the human's, credited to them."""
    c = conversation(
        (0, CUSTOMER),
        (1, BOT, MessageKind.REPLY, "bot-1"),
        (7, AGENT, MessageKind.REPLY, "ann"),
    )
    assert [(FIRST, 7.0, "ann")] == figures(response_durations([c]))


def test_bots_count_when_the_policy_says_so() -> None:
    """``count_bots=True``: a bot's reply is the response."""
    c = conversation((0, CUSTOMER), (1, BOT, MessageKind.REPLY, "bot-1"))
    durations = response_durations([c], policy=ResponseTimeRules(count_bots=True))
    assert [(FIRST, 1.0, "bot-1")] == figures(durations)


def test_a_burst_of_customer_messages_is_timed_from_the_first() -> None:
    """ "A burst of customer messages is timed from the first"."""
    c = conversation((0, CUSTOMER), (2, CUSTOMER), (3, CUSTOMER), (10, AGENT))
    assert [(FIRST, 10.0, "ann")] == figures(response_durations([c]))


def test_notes_instant_replies_and_away_messages_are_not_first_responses() -> None:
    """ "A private note, an instant reply and an away message are not first
    responses": the agent's later reply is."""
    c = conversation(
        (0, CUSTOMER),
        (0, AGENT, MessageKind.INSTANT_REPLY),
        (1, AUTO, MessageKind.AWAY_MESSAGE, None),
        (2, AGENT, MessageKind.PRIVATE_NOTE),
        (30, AGENT),
    )
    assert [(FIRST, 30.0, "ann")] == figures(response_durations([c]))


def test_next_response_is_timed_from_the_first_unanswered_message() -> None:
    """ "Next response time: first unanswered customer message → next
    qualifying response, within a thread", credited to the replying agent."""
    c = conversation(
        (0, CUSTOMER),
        (5, AGENT, MessageKind.REPLY, "ann"),
        (20, CUSTOMER),
        (22, CUSTOMER),
        (23, AGENT, MessageKind.PRIVATE_NOTE, "ann"),
        (26, AGENT, MessageKind.REPLY, "bob"),
        (27, AGENT, MessageKind.REPLY, "bob"),
    )
    assert [(FIRST, 5.0, "ann"), (NEXT, 6.0, "bob")] == figures(response_durations([c]))


def test_after_24_hours_of_silence_a_message_is_timed_as_a_first_response() -> None:
    """ "A customer message after 24 h of silence opens a new thread, timed as a
    first response" (not as a next response)."""
    day = 24 * 60
    c = conversation((0, CUSTOMER), (5, AGENT), (day + 5, CUSTOMER), (day + 15, AGENT))
    assert [(FIRST, 5.0, "ann"), (FIRST, 10.0, "ann")] == figures(
        response_durations([c])
    )


def test_a_first_response_may_be_timed_from_the_handoff() -> None:
    """ "A policy option times FRT from a bot handoff instead (Chatwoot's
    rule)": the latest handoff between the thread's start and the answer."""
    c = conversation((0, CUSTOMER), (2, BOT, MessageKind.REPLY, "bot"), (12, AGENT))
    handoffs = [Handoff("c1", at(4)), Handoff("c1", at(8)), Handoff("other", at(1))]
    rules = ResponseTimeRules(from_handoff=True)
    durations = response_durations([c], policy=rules, handoffs=handoffs)
    assert [(FIRST, 4.0, "ann")] == figures(durations)
    assert [(FIRST, 12.0, "ann")] == figures(response_durations([c], handoffs=handoffs))


NINE_TO_FIVE = BusinessCalendar.weekly(
    "Europe/Berlin", range(5), [(dt.time(9), dt.time(17))]
)


def test_business_hours_frt_across_a_weekend() -> None:
    """ "Business-hours FRT across a weekend (Friday 16:50 → Monday 09:10 = 20
    business minutes, with 09:00–17:00 hours)"."""
    berlin = ZoneInfo("Europe/Berlin")
    friday = dt.datetime(2024, 3, 1, 16, 50, tzinfo=berlin)
    monday = dt.datetime(2024, 3, 4, 9, 10, tzinfo=berlin)
    c = conversation((friday, CUSTOMER), (monday, AGENT))
    (duration,) = response_durations([c], calendar=NINE_TO_FIVE)
    assert 20 * 60 == duration.business_seconds
    assert (monday - friday).total_seconds() == duration.seconds


def test_business_hours_frt_across_a_dst_change() -> None:
    """Business time is counted by instant: on the night Berlin springs
    forward (2024-03-31), 01:00–04:00 opening hours hold 2 h, so a message
    at 00:30 answered at 04:30 waited 2 business hours (4 h on the clock)."""
    nightly = BusinessCalendar.weekly(
        "Europe/Berlin", range(7), [(dt.time(1), dt.time(4))]
    )
    berlin = ZoneInfo("Europe/Berlin")
    asked = dt.datetime(2024, 3, 31, 0, 30, tzinfo=berlin)
    answered = dt.datetime(2024, 3, 31, 4, 30, tzinfo=berlin)
    c = conversation((asked, CUSTOMER), (answered, AGENT))
    (duration,) = response_durations([c], calendar=nightly)
    assert 2 * 3600 == duration.business_seconds
    assert 3 * 3600 == duration.seconds


def test_durations_carry_the_conversation_breakdown_keys() -> None:
    """Each duration carries its channel, language and tags, for breakdowns."""
    message = Message("m0", T0, IN, CUSTOMER, language="de")
    reply = Message("m1", at(3), OUT, AGENT, author_id="ann")
    c = Conversation(
        "c9",
        Channel.INSTAGRAM_DIRECT,
        customer_id="u",
        messages=[message, reply],
        tags=["b"],
    )
    (d,) = response_durations([c])
    assert (Channel.INSTAGRAM_DIRECT, "de", ("b",)) == (d.channel, d.language, d.tags)


def test_rows_give_the_same_durations_as_conversations() -> None:
    """The bulk path applies the same rules to plain rows."""
    rows = [
        ("a", 0.0, Role.CUSTOMER, None),
        ("b", 10.0, Role.CUSTOMER, None),
        ("a", 60.0, Role.BOT, "bot"),
        ("a", 120.0, Role.AGENT, "ann"),
        ("a", 130.0, Role.CUSTOMER, None),
        ("a", 190.0, Role.AGENT, "bob"),
        ("b", 200.0, 1, "bob"),
    ]
    firsts, nexts = response_rows(rows)
    assert [("a", "ann", 120.0, None), ("b", "bob", 190.0, None)] == firsts
    assert [("a", "bob", 60.0, None)] == nexts


def test_rows_in_business_time() -> None:
    """Business seconds of rows come from the same precomputed offsets."""
    friday = dt.datetime(2024, 3, 1, 16, 50, tzinfo=ZoneInfo("Europe/Berlin"))
    start = friday.timestamp()
    rows = [("a", start, 0, None), ("a", start + 3 * 86400 - 460 * 60, 1, "ann")]
    ((_, _, wall, business),), () = response_rows(rows, calendar=NINE_TO_FIVE)
    assert (3 * 86400 - 460 * 60.0, 1200.0) == (wall, business)


@pytest.mark.parametrize(
    ("rows", "field"),
    [
        ([("a", 1.0)], "rows"),
        ([("a", 5.0, 0, None), ("a", 1.0, 1, "x")], "rows[1]"),
        ([("a", 5.0, 9, None)], "rows[0]"),
    ],
)
def test_bad_rows_are_refused_naming_the_row(rows: Any, field: str) -> None:
    """A malformed row, a late row or a bad role raises InvalidValue."""
    with pytest.raises(InvalidValue) as error:
        response_rows(rows)
    assert field == error.value.field


def test_models_validate() -> None:
    """An end before its start, business time over wall time, a naive
    handoff and a bad policy are refused, naming the field."""
    with pytest.raises(InvalidValue, match="end"):
        ResponseDuration("c", FIRST, start=at(5), end=at(1))
    with pytest.raises(InvalidValue, match="business_seconds"):
        ResponseDuration("c", FIRST, start=at(0), end=at(1), business_seconds=61.0)
    with pytest.raises(InvalidValue, match="at"):
        Handoff("c", dt.datetime(2024, 1, 1))

    class Rules:
        silence = dt.timedelta(hours=1)
        count_bots = "no"
        from_handoff = False

    with pytest.raises(InvalidValue, match=r"policy\.count_bots"):
        response_durations([], policy=Rules())  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="count_bots"):
        ResponseTimeRules(count_bots=1)  # type: ignore[arg-type]
