"""Invariants of the message log: order, equality, and records == messages."""

import datetime as dt
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from carekit.messages import Message, MessageLog, MessageRecord
from carekit.serialization import structure, unstructure
from carekit.testing import strategies as cks

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MICROSECOND = dt.timedelta(microseconds=1)


def instant(message: Message) -> int:
    """Exact microseconds since the epoch (the base class's subtraction)."""
    return dt.datetime.__sub__(message.timestamp, EPOCH) // MICROSECOND


def record(message: Message) -> MessageRecord:
    """The full nine-item record of a message, in field order."""
    return (
        message.id,
        message.timestamp,
        message.direction,
        message.author,
        message.kind,
        message.visibility,
        message.text,
        message.language,
        message.author_id,
    )


def six(message: Message) -> MessageRecord:
    """The six-item record, the fast form."""
    return record(message)[:6]


def unique_messages(max_size: int = 8) -> st.SearchStrategy[list[Message]]:
    return st.lists(cks.messages(), max_size=max_size, unique_by=lambda m: m.id)


@given(unique_messages())
def test_a_log_is_the_stable_sort_of_its_messages_by_instant(
    messages: list[Message],
) -> None:
    log = MessageLog(messages)
    assert sorted(messages, key=instant) == list(log)
    assert [instant(m) for m in log] == list(log.epoch_micros)
    assert list(log.epoch_micros) == sorted(log.epoch_micros)


@given(unique_messages(), st.randoms(use_true_random=False))
def test_the_order_given_does_not_matter_when_instants_differ(
    messages: list[Message], random: Random
) -> None:
    distinct = list({instant(m): m for m in messages}.values())
    shuffled = list(distinct)
    random.shuffle(shuffled)
    assert MessageLog(distinct) == MessageLog(shuffled)


@given(unique_messages())
def test_records_give_the_log_messages_give(messages: list[Message]) -> None:
    """``from_records`` checks the same rules and keeps the same data."""
    expected = MessageLog(messages)
    assert expected == MessageLog.from_records(record(m) for m in messages)
    plain = [m for m in messages if not (m.text or m.language or m.author_id)]
    assert MessageLog(plain) == MessageLog.from_records(six(m) for m in plain)


@given(cks.message_logs())
def test_a_log_round_trips(log: MessageLog) -> None:
    assert log == MessageLog(list(log))
    if len(set(log.epoch_micros)) == len(log):  # no ties to keep in order
        assert log == MessageLog(log[::-1])
    assert log == structure(unstructure(log), MessageLog)
    assert hash(log) == hash(MessageLog(list(log)))
