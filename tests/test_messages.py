"""The message log: a conversation's messages as columns ()."""

import datetime as dt
import pydoc
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import pendulum
import pytest

from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue
from carekit.messages import (
    KINDS,
    AuthorKind,
    Direction,
    Message,
    MessageKind,
    MessageLog,
    Visibility,
)

T0 = dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.UTC)
IN = (Direction.INBOUND, AuthorKind.CUSTOMER, MessageKind.REPLY, Visibility.PRIVATE)
OUT = (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.REPLY, Visibility.PUBLIC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def message(ident: str, moment: dt.datetime, kinds: tuple[Any, ...] = IN) -> Message:
    direction, author, kind, visibility = kinds
    return Message(ident, moment, direction, author, kind=kind, visibility=visibility)


def test_a_log_is_a_sequence_of_equal_messages() -> None:
    """Reading a log builds messages equal to the ones given."""
    first, second = message("a", at(0)), message("b", at(5), OUT)
    log = MessageLog([first, second])
    assert 2 == len(log)
    assert first == log[0]
    assert second == log[-1]
    assert (first, second) == log[:]
    assert (second,) == log[1:]
    assert [first, second] == list(log)
    assert second in log
    assert message("c", at(9)) not in log
    assert ("a", "b") == log.ids
    assert (at(0), at(5)) == log.timestamps
    with pytest.raises(IndexError):
        log[2]


def test_text_language_and_author_id_survive() -> None:
    """Details are kept only when some message has them, and come back."""
    plain = message("a", at(0))
    rich = Message(
        "b",
        at(1),
        Direction.OUTBOUND,
        AuthorKind.AGENT,
        text="Hello",
        language="en-GB",
        author_id="agent-7",
    )
    log = MessageLog([rich, plain])
    assert [plain, rich] == list(log)


def test_messages_are_sorted_by_instant_and_ties_keep_their_order() -> None:
    """ "Messages with equal timestamps keep their given order." """
    log = MessageLog([message("x", at(1)), message("y", at(1)), message("w", at(0))])
    assert ("w", "x", "y") == log.ids


def test_order_is_by_instant_even_in_a_dst_fold() -> None:
    """Berlin, 2024-10-27: 02:45 (+02:00) comes before 02:15 (+01:00)."""
    berlin = ZoneInfo("Europe/Berlin")
    summer = dt.datetime(2024, 10, 27, 2, 45, tzinfo=berlin)  # fold=0: 00:45Z
    winter = dt.datetime(2024, 10, 27, 2, 15, fold=1, tzinfo=berlin)  # 01:15Z
    log = MessageLog([message("later", winter), message("earlier", summer)])
    assert ("earlier", "later") == log.ids
    assert 30 * 60 * 10**6 == log.epoch_micros[1] - log.epoch_micros[0]


def test_epoch_micros_are_exact_far_from_1970() -> None:
    """A float of seconds cannot tell these apart; whole microseconds can."""
    late = dt.datetime(2300, 1, 1, tzinfo=dt.UTC)
    one = dt.timedelta(microseconds=1)
    log = MessageLog([message("b", late + one), message("a", late)])
    assert ("a", "b") == log.ids
    assert 1 == log.epoch_micros[1] - log.epoch_micros[0]
    assert (late - T0) // one == log.epoch_micros[0] - (T0 - _epoch()) // one


def _epoch() -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def test_equal_logs_hash_alike_and_a_log_round_trips() -> None:
    messages = [message("a", at(0)), message("b", at(1), OUT)]
    log = MessageLog(messages)
    assert log == MessageLog(reversed(messages))
    assert hash(log) == hash(MessageLog(messages))
    assert log == MessageLog(list(log))
    assert log != MessageLog(messages[:1])
    assert "MessageLog([Message(id='a'" in repr(log)


def test_ids_must_be_unique() -> None:
    """ "Message ids are unique within a conversation." """
    with pytest.raises(InvalidValue, match="unique") as caught:
        MessageLog([message("a", at(0)), message("b", at(1)), message("a", at(2))])
    assert "messages[2].id" == caught.value.field
    with pytest.raises(InvalidValue, match="unique") as caught:
        MessageLog.from_records([("a", at(0), *IN), ("a", at(1), *OUT)])
    assert "records[1].id" == caught.value.field


def test_only_messages_go_into_a_log() -> None:
    with pytest.raises(InvalidValue) as caught:
        MessageLog([message("a", at(0)), "b"])  # type: ignore[list-item]
    assert "messages[1]" == caught.value.field
    with pytest.raises(InvalidValue, match="iterable of Message"):
        MessageLog(3)  # type: ignore[arg-type]


def test_every_allowed_combination_has_one_code() -> None:
    """Inbound exactly when a customer wrote it; customers only send replies;
    a private note is never public."""
    assert len(set(KINDS)) == len(KINDS) <= 256
    inbound = [kinds for kinds in KINDS if kinds[0] is Direction.INBOUND]
    assert {(AuthorKind.CUSTOMER, MessageKind.REPLY)} == {k[1:3] for k in inbound}
    notes = [kinds for kinds in KINDS if kinds[2] is MessageKind.PRIVATE_NOTE]
    assert {Visibility.PRIVATE} == {kinds[3] for kinds in notes}
    # 2 customer replies; 3 business authors x (5 kinds x 2 visibilities + 1 note)
    assert 2 + 3 * ((len(MessageKind) - 1) * 2 + 1) == len(KINDS)
    log = MessageLog(message(f"m{i}", at(i), kinds) for i, kinds in enumerate(KINDS))
    assert list(KINDS) == list(log.kinds())
    assert bytes(range(len(KINDS))) == log.codes()


# -- from_records: plain tuples, the same rules --------------------------------


def test_records_make_the_same_log_as_messages() -> None:
    records = [("b", at(5), *OUT), ("a", at(0), *IN)]
    assert MessageLog([message("a", at(0)), message("b", at(5), OUT)]) == (
        MessageLog.from_records(records)
    )


def test_short_and_long_records_follow_message_field_order() -> None:
    """Records of 4 to 9 items take Message's defaults for the rest."""
    short = ("a", at(0), Direction.INBOUND, AuthorKind.CUSTOMER)
    full = ("b", at(1), *OUT, "Hi", "en", "agent-1")
    log = MessageLog.from_records([short, full])
    assert Message("a", at(0), Direction.INBOUND, AuthorKind.CUSTOMER) == log[0]
    assert "Hi" == log[1].text
    assert "en" == log[1].language
    assert "agent-1" == log[1].author_id
    assert MessageKind.REPLY is log[0].kind
    assert Visibility.PRIVATE is log[0].visibility


class Row(NamedTuple):
    id: str
    timestamp: dt.datetime
    direction: Direction
    author: AuthorKind
    kind: MessageKind
    visibility: Visibility


def test_a_named_tuple_or_a_list_is_a_record_too() -> None:
    expected = MessageLog.from_records([("a", at(0), *IN)])
    assert expected == MessageLog.from_records([Row("a", at(0), *IN)])
    assert expected == MessageLog.from_records([["a", at(0), *IN]])  # type: ignore[list-item]
    assert expected == MessageLog.from_records([["a", at(0), *IN[:2]]])  # type: ignore[list-item]


NAIVE = dt.datetime(2024, 5, 6, 9, 0)


@pytest.mark.parametrize(
    ("record", "field", "rule"),
    [
        (("b", NAIVE, *IN), "records[1].timestamp", "naive"),
        (("b", "2024-05-06", *IN), "records[1].timestamp", "timezone-aware"),
        (("", at(1), *IN), "records[1].id", "non-empty string"),
        ((" ", at(1), *IN), "records[1].id", "non-empty string"),
        (("b", at(1), "inbound", *IN[1:]), "records[1].direction", "Direction"),
        (
            ("b", at(1), Direction.INBOUND, AuthorKind.AGENT, *IN[2:]),
            "records[1].direction",
            "inbound exactly when a customer wrote it",
        ),
        (
            ("b", at(1), *IN[:2], MessageKind.INSTANT_REPLY, Visibility.PUBLIC),
            "records[1].kind",
            "only outbound",
        ),
        (("b", at(1), *IN, "x", "not a tag!"), "records[1].language", "BCP 47"),
        (("b", at(1), Direction.INBOUND), "records[1]", "must be a tuple"),
        (("b", at(1), *IN, "", None, None, "x"), "records[1]", "must be a tuple"),
        ("b-at-1-in!", "records[1]", "must be a tuple"),
        (None, "records[1]", "must be a tuple"),
        ((["b"], at(1), *IN), "records[1].id", "non-empty string"),
    ],
)
def test_a_bad_record_is_named_with_its_field(
    record: Any, field: str, rule: str
) -> None:
    """Bad input gets a clear error naming the record and the field."""
    with pytest.raises(InvalidValue, match=rule) as caught:
        MessageLog.from_records([("a", at(0), *IN), record])
    assert field == caught.value.field


def test_only_an_iterable_of_records_is_read() -> None:
    with pytest.raises(InvalidValue) as caught:
        MessageLog.from_records(None)  # type: ignore[arg-type]
    assert "records" == caught.value.field


def test_a_record_is_a_tuple_or_a_list_not_any_iterable() -> None:
    """A generator or a dict of six items is refused, as a shorter one is."""
    items = ("a", at(0), *IN)
    for record in ((item for item in items), dict.fromkeys(items)):
        with pytest.raises(InvalidValue, match="must be a tuple") as caught:
            MessageLog.from_records([record])  # type: ignore[list-item]
        assert "records[0]" == caught.value.field


class _Naive(dt.datetime):
    """A datetime that says it has no offset, whatever its tzinfo."""

    def utcoffset(self) -> None:
        return None


def test_a_datetime_subclass_is_judged_as_message_judges_it() -> None:
    moment = _Naive(2024, 5, 6, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(InvalidValue, match="naive") as caught:
        MessageLog.from_records([("a", moment, *IN)])
    assert "records[0].timestamp" == caught.value.field


def test_a_six_tuple_passed_as_messages_is_refused() -> None:
    """A conversation keeps a MessageLog and nothing else: six columns that
    look like a log's insides are an iterable of (bad) messages."""
    stamp = at(0)
    look_alike = (("a",), (stamp,), (0,), b"\x00", (), object())
    with pytest.raises(InvalidValue) as caught:
        Conversation("c1", Channel.EMAIL, customer_id="u1", messages=look_alike)  # type: ignore[arg-type]
    assert "messages[0]" == caught.value.field


def test_help_of_a_conversation_shows_no_internal_state() -> None:
    """``help(Conversation)`` shows the fields a user passes, and the default
    of ``messages`` is an empty log, not a tuple of columns."""
    text = pydoc.render_doc(Conversation, renderer=pydoc.TextDoc())
    assert "MessageLog([])" in text
    assert "object object at" not in text
    assert "LogState" not in text
    assert "_messages" not in text
    assert not any(name.startswith("state") for name in dir(MessageLog))


def test_an_unhashable_kind_is_a_clear_error() -> None:
    with pytest.raises(InvalidValue) as caught:
        MessageLog.from_records([("a", at(0), [Direction.INBOUND], *IN[1:])])  # type: ignore[list-item]
    assert "records[0].direction" == caught.value.field


def test_a_datetime_subclass_record_keeps_its_exact_instant() -> None:
    """A pendulum DateTime (a datetime subclass, whose own subtraction gives
    an Interval) is read by the base class's exact rule, as in Message."""
    moment = pendulum.datetime(2024, 5, 6, 9, 0, 0, 123456, tz="Europe/Paris")
    log = MessageLog.from_records([("a", moment, *IN)])
    assert MessageLog([message("a", moment)]) == log
    utc = moment.in_timezone("UTC")
    assert 1714978800_123456 == log.epoch_micros[0]
    assert (7, 0, 0) == (utc.hour, utc.minute, utc.second)
    assert moment is log.timestamps[0]


def test_conversation_from_records_with_only_defaults() -> None:
    """The defaults (no assignee, no tags, open) give the same conversation
    as passing them."""
    records = [("m1", at(0), *IN)]
    assert Conversation(
        "c1",
        Channel.MESSENGER,
        customer_id="u1",
        messages=[message("m1", at(0))],
    ) == Conversation.from_records(
        "c1", Channel.MESSENGER, customer_id="u1", records=records, tags=[]
    )


def test_conversation_from_records_equals_conversation_from_messages() -> None:
    records = [("m2", at(3), *OUT), ("m1", at(0), *IN)]
    built = Conversation.from_records(
        "c1",
        Channel.MESSENGER,
        customer_id="u1",
        records=records,
        assignee="agent-1",
        tags=["vip"],
    )
    expected = Conversation(
        "c1",
        Channel.MESSENGER,
        customer_id="u1",
        messages=[message("m2", at(3), OUT), message("m1", at(0))],
        assignee="agent-1",
        tags=["vip"],
    )
    assert expected == built
    assert at(0) == built.started_at
    assert at(3) == built.last_activity_at


def test_a_conversation_keeps_a_log_as_it_is() -> None:
    """A given log is not checked again: the conversation keeps it."""
    log = MessageLog([message("a", at(0))])
    convo = Conversation("c1", Channel.EMAIL, customer_id="u1", messages=log)
    assert log is convo.messages
    assert convo.messages is convo.with_tags("vip").messages
