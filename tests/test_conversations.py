"""Conversations and messages ()."""

import datetime as dt

import pytest

from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    Direction,
    Message,
    MessageKind,
)
from carekit.errors import InvalidValue

T0 = dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.UTC)


def customer(ident: str, minutes: int) -> Message:
    return Message(
        ident,
        T0 + dt.timedelta(minutes=minutes),
        Direction.INBOUND,
        AuthorKind.CUSTOMER,
    )


def agent(ident: str, minutes: int, kind: MessageKind = MessageKind.REPLY) -> Message:
    return Message(
        ident,
        T0 + dt.timedelta(minutes=minutes),
        Direction.OUTBOUND,
        AuthorKind.AGENT,
        kind=kind,
    )


def test_messages_are_kept_in_time_order() -> None:
    """Conversation: messages in time order."""
    convo = Conversation(
        "c1",
        Channel.MESSENGER,
        customer_id="u1",
        messages=[agent("b", 5), customer("a", 0)],
    )
    assert ["a", "b"] == [m.id for m in convo.messages]


def test_equal_timestamps_keep_their_given_order() -> None:
    """ "Messages with equal timestamps keep their given order." """
    convo = Conversation(
        "c1",
        Channel.WHATSAPP,
        customer_id="u1",
        messages=[customer("x", 1), customer("y", 1), customer("w", 0)],
    )
    assert ["w", "x", "y"] == [m.id for m in convo.messages]


def test_time_order_is_by_instant_across_zones() -> None:
    tokyo = dt.timezone(dt.timedelta(hours=9))
    early = Message(
        "tokyo", T0.astimezone(tokyo), Direction.INBOUND, AuthorKind.CUSTOMER
    )
    convo = Conversation(
        "c", Channel.LINKEDIN, customer_id="u", messages=[customer("utc", 1), early]
    )
    assert ["tokyo", "utc"] == [m.id for m in convo.messages]


def test_time_order_is_exact_to_the_microsecond_far_from_1970() -> None:
    """Conversation: "messages in time order" — exactly, also where a float
    of epoch seconds can no longer tell two microseconds apart."""
    later = dt.datetime(2300, 6, 1, 12, 0, 0, 2, tzinfo=dt.UTC)
    earlier = later - dt.timedelta(microseconds=1)
    convo = Conversation(
        "c",
        Channel.MESSENGER,
        customer_id="u",
        messages=[
            Message("later", later, Direction.INBOUND, AuthorKind.CUSTOMER),
            Message("earlier", earlier, Direction.INBOUND, AuthorKind.CUSTOMER),
        ],
    )
    assert ["earlier", "later"] == [m.id for m in convo.messages]


def test_naive_timestamp_is_refused() -> None:
    """Timestamps are timezone-aware; naive values are rejected."""
    with pytest.raises(InvalidValue) as info:
        Message(
            "m",
            dt.datetime(2024, 1, 1),
            Direction.INBOUND,
            AuthorKind.CUSTOMER,
        )
    assert "timestamp" == info.value.field


def test_inbound_exactly_when_a_customer_wrote_it() -> None:
    with pytest.raises(InvalidValue) as info:
        Message("m", T0, Direction.INBOUND, AuthorKind.AGENT)
    assert "direction" == info.value.field


@pytest.mark.parametrize("kind", [k for k in MessageKind if k is not MessageKind.REPLY])
def test_automatic_notes_surveys_and_templates_are_outbound(kind: MessageKind) -> None:
    """An instant reply, away message, private note, survey or template is
    something the business sends."""
    with pytest.raises(InvalidValue) as info:
        Message("m", T0, Direction.INBOUND, AuthorKind.CUSTOMER, kind=kind)
    assert "kind" == info.value.field


def test_private_note_is_never_seen_by_the_customer() -> None:
    """A private note is "internal, never seen by the customer"."""
    assert not agent("n", 0, MessageKind.PRIVATE_NOTE).visible_to_customer
    assert agent("r", 0).visible_to_customer
    assert agent("i", 0, MessageKind.INSTANT_REPLY).is_automatic


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", ""),
        ("language", "not a tag"),
        ("language", "en\n"),
        ("text", None),
        ("author_id", " "),
    ],
)
def test_bad_fields_are_named(field: str, value: object) -> None:
    """Validated at the boundary, naming the field; a BCP 47 tag with a
    trailing newline is not a BCP 47 tag."""
    kwargs: dict[str, object] = {
        "id": "m",
        "timestamp": T0,
        "direction": Direction.OUTBOUND,
        "author": AuthorKind.AGENT,
        field: value,
    }
    with pytest.raises(InvalidValue) as info:
        Message(**kwargs)  # type: ignore[arg-type]
    assert field == info.value.field


def test_duplicate_message_ids_are_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        Conversation(
            "c", Channel.MESSENGER, customer_id="u",
            messages=[customer("a", 0), customer("a", 1)],
        )  # fmt: skip
    assert "messages[1].id" == info.value.field


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", ""),
        ("id", " "),
        ("id", 7),
        ("channel", "messenger"),
        ("customer_id", "\t"),
        ("customer_id", None),
        ("assignee", ""),
        ("assignee", 3),
        ("status", "open"),
    ],
)
def test_bad_conversation_fields_are_named(field: str, value: object) -> None:
    kwargs: dict[str, object] = {
        "id": "c",
        "channel": Channel.MESSENGER,
        "customer_id": "u",
        "messages": [customer("a", 0), customer("b", 1)],
        field: value,
    }
    with pytest.raises(InvalidValue) as info:
        Conversation(**kwargs)  # type: ignore[arg-type]
    assert field == info.value.field


def test_the_first_bad_field_in_order_is_reported() -> None:
    """As attrs validators would: id, channel, customer_id, messages,
    assignee, status."""
    with pytest.raises(InvalidValue) as info:
        Conversation(
            "c", Channel.MESSENGER, customer_id="u", assignee="",
            messages=[customer("a", 0), customer("a", 1)],
        )  # fmt: skip
    assert "messages[1].id" == info.value.field


def test_valid_values_that_are_not_exact_strings_pass() -> None:
    """Subclasses of str are strings: the fast check defers to the validators."""

    class Name(str):
        pass

    convo = Conversation(Name("c"), Channel.MESSENGER, customer_id=Name("u"))
    assert "c" == convo.id


def test_messages_must_be_messages() -> None:
    with pytest.raises(InvalidValue) as info:
        Conversation(
            "c", Channel.MESSENGER, customer_id="u",
            messages=[customer("a", 0), "b"],  # type: ignore[list-item]
        )  # fmt: skip
    assert "messages[1]" == info.value.field


def test_tags_are_a_sorted_set_and_a_bare_string_is_refused() -> None:
    convo = Conversation("c", Channel.MESSENGER, customer_id="u", tags=["b", "a", "b"])
    assert ("a", "b") == convo.tags
    assert ("a", "b", "c") == convo.with_tags("c").tags
    with pytest.raises(InvalidValue) as info:
        Conversation("c", Channel.MESSENGER, customer_id="u", tags="vip")
    assert "tags" == info.value.field


def test_with_message_inserts_in_time_order() -> None:
    convo = Conversation("c", Channel.MESSENGER, customer_id="u").with_message(
        customer("late", 10)
    )
    convo = convo.with_message(customer("early", 1))
    assert ["early", "late"] == [m.id for m in convo.messages]
    assert T0 + dt.timedelta(minutes=1) == convo.started_at
    assert T0 + dt.timedelta(minutes=10) == convo.last_activity_at


def test_public_channels() -> None:
    assert Channel.TWITTER_PUBLIC.is_public
    assert not Channel.TWITTER_DM.is_public


@pytest.mark.parametrize("junk", [None, 5])
def test_messages_that_are_not_a_collection_are_refused(junk: object) -> None:
    """Validated at the boundary: a carekit error naming the field, never a
    bare TypeError ("not iterable")."""
    with pytest.raises(InvalidValue) as info:
        Conversation("c", Channel.MESSENGER, customer_id="u", messages=junk)  # type: ignore[arg-type]
    assert "messages" == info.value.field
