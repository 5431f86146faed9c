"""A message's own rules: visibility, language tags, and equality by instant."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue
from carekit.messages import (
    AuthorKind,
    Direction,
    Message,
    MessageKind,
    MessageLog,
    Visibility,
    default_visibility,
)
from carekit.responsiveness import from_conversations

T0 = dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.UTC)
OUT, AGENT = Direction.OUTBOUND, AuthorKind.AGENT
BERLIN = ZoneInfo("Europe/Berlin")
CEST = dt.datetime(2024, 10, 27, 2, 30, tzinfo=BERLIN)
CET = CEST.replace(fold=1)
PUBLIC_CHANNELS = [c for c in Channel if c.is_public]
PRIVATE_CHANNELS = [c for c in Channel if not c.is_public]


# -- visibility ----------------------------------------------------------------


@pytest.mark.parametrize("author", [AuthorKind.AGENT, AuthorKind.BOT])
def test_a_private_note_is_never_public(author: AuthorKind) -> None:
    """A private note is internal, never seen by the customer: a public one
    is refused, naming the visibility."""
    with pytest.raises(InvalidValue) as info:
        Message(
            "n", T0, OUT, author, kind=MessageKind.PRIVATE_NOTE,
            visibility=Visibility.PUBLIC,
        )  # fmt: skip
    assert "visibility" == info.value.field
    assert "private note" in info.value.rule


def test_a_public_private_note_is_refused_as_a_record_too() -> None:
    record = ("n", T0, OUT, AGENT, MessageKind.PRIVATE_NOTE, Visibility.PUBLIC)
    with pytest.raises(InvalidValue) as info:
        MessageLog.from_records([record])
    assert "records[0].visibility" == info.value.field


@pytest.mark.parametrize("channel", PUBLIC_CHANNELS)
def test_on_a_public_channel_a_message_defaults_to_public(channel: Channel) -> None:
    """Channels carekit marks public (a public Twitter/X reply, a Facebook
    comment) give their messages ``PUBLIC`` unless told otherwise."""
    reply = Message.for_channel(channel, "m", T0, OUT, AGENT)
    assert Visibility.PUBLIC is reply.visibility
    asked = Message.for_channel(
        channel, "q", T0, Direction.INBOUND, AuthorKind.CUSTOMER
    )
    assert Visibility.PUBLIC is asked.visibility


@pytest.mark.parametrize("channel", PRIVATE_CHANNELS)
def test_on_other_channels_a_message_defaults_to_private(channel: Channel) -> None:
    reply = Message.for_channel(channel, "m", T0, OUT, AGENT)
    assert Visibility.PRIVATE is reply.visibility


@pytest.mark.parametrize("channel", list(Channel))
def test_a_note_defaults_to_private_on_every_channel(channel: Channel) -> None:
    note = Message.for_channel(
        channel, "n", T0, OUT, AGENT, kind=MessageKind.PRIVATE_NOTE
    )
    assert Visibility.PRIVATE is note.visibility
    assert not note.visible_to_customer


def test_an_explicit_visibility_wins_over_the_channels() -> None:
    """A page may answer a public comment privately (and say so)."""
    private = Message.for_channel(
        Channel.FACEBOOK_COMMENT, "m", T0, OUT, AGENT, visibility=Visibility.PRIVATE
    )
    assert Visibility.PRIVATE is private.visibility
    assert private == Message("m", T0, OUT, AGENT, visibility=Visibility.PRIVATE)


def test_for_channel_builds_the_message_the_constructor_builds() -> None:
    built = Message.for_channel(
        Channel.TWITTER_PUBLIC, "m", T0, OUT, AGENT, text="Hi", language="en",
        author_id="a7",
    )  # fmt: skip
    assert built == Message(
        "m", T0, OUT, AGENT, visibility=Visibility.PUBLIC, text="Hi",
        language="en", author_id="a7",
    )  # fmt: skip


@pytest.mark.parametrize("channel", ["twitter_public", None, Visibility.PUBLIC])
def test_for_channel_refuses_what_is_not_a_channel(channel: object) -> None:
    with pytest.raises(InvalidValue) as info:
        Message.for_channel(channel, "m", T0, OUT, AGENT)  # type: ignore[arg-type]
    assert "channel" == info.value.field
    with pytest.raises(InvalidValue):
        default_visibility(channel)  # type: ignore[arg-type]


def test_default_visibility_refuses_what_is_not_a_kind() -> None:
    with pytest.raises(InvalidValue) as info:
        default_visibility(Channel.MESSENGER, "reply")  # type: ignore[arg-type]
    assert "kind" == info.value.field


@pytest.mark.parametrize("visibility", list(Visibility))
def test_a_response_is_any_customer_visible_agent_reply(visibility: Visibility) -> None:
    """A response is any customer-visible agent reply, whatever the channel's
    visibility: a public and a private reply are both answered in 3 min."""
    asked = Message("q", T0, Direction.INBOUND, AuthorKind.CUSTOMER)
    reply = Message(
        "r", T0 + dt.timedelta(minutes=3), OUT, AGENT, visibility=visibility
    )
    for channel in (Channel.TWITTER_PUBLIC, Channel.MESSENGER):
        convo = Conversation("c", channel, customer_id="u", messages=[asked, reply])
        stats = from_conversations([convo])
        assert 1.0 == stats.rate
        assert (180.0,) == stats.response_times


@pytest.mark.parametrize(
    "kind",
    [
        MessageKind.INSTANT_REPLY,
        MessageKind.AWAY_MESSAGE,
        MessageKind.SURVEY,
        MessageKind.TEMPLATE,
    ],
)
def test_automatic_messages_are_outbound_automation(kind: MessageKind) -> None:
    """The documented form of each automatic message is accepted, reaches
    the customer, and never counts as a response."""
    automatic = Message(
        "a", T0 + dt.timedelta(minutes=1), OUT, AuthorKind.AUTOMATION, kind=kind
    )
    assert automatic.visible_to_customer
    assert kind.__doc__
    asked = Message("q", T0, Direction.INBOUND, AuthorKind.CUSTOMER)
    convo = Conversation(
        "c", Channel.MESSENGER, customer_id="u", messages=[asked, automatic]
    )
    assert () == from_conversations([convo]).response_times
    with pytest.raises(InvalidValue):
        Message("a", T0, Direction.INBOUND, AuthorKind.CUSTOMER, kind=kind)


# -- language tags (RFC 5646, section 2.1) ---------------------------------------

WELL_FORMED = ["en", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1901", "es-419",
               "zh-yue-HK", "en-US-u-ca-gregory", "en-a-bbb-x-a-ccc", "x-klingon",
               "X-Whatever-123", "i-klingon", "en-GB-oed", "zh-min-nan",
               "art-lojban", "sgn-BE-FR", "EN-us", "tlh"]  # fmt: skip
MALFORMED = ["en-a", "en-US-US", "e", "", "en-", "-en", "en--US", "en_US",
             "abcdefghi", "en-x-", "en-x-abcdefghi", "en-Latn-Latn", "123",
             "en-US-a", "x", "ｅｎ", "en\n", " en", "i-notatag"]  # fmt: skip


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_a_well_formed_language_tag_is_accepted(tag: str) -> None:
    """BCP 47: "Language-Tag = langtag / privateuse / grandfathered";
    private use (``x-klingon``) and grandfathered tags are well-formed."""
    assert tag == Message("m", T0, OUT, AGENT, language=tag).language


@pytest.mark.parametrize("tag", MALFORMED)
def test_a_malformed_language_tag_is_refused(tag: str) -> None:
    """``en-a`` (an extension needs a subtag) and ``en-US-US`` (a second
    region) are not well-formed; neither is anything outside ASCII."""
    with pytest.raises(InvalidValue) as info:
        Message("m", T0, OUT, AGENT, language=tag)
    assert "language" == info.value.field
    assert "BCP 47" in info.value.rule


# -- equality by instant ----------------------------------------------------------


def test_two_messages_an_hour_apart_in_the_fold_differ() -> None:
    """02:30 CEST and 02:30 CET are an hour apart: two different messages,
    and two different logs, though Python finds the datetimes equal."""
    early = Message("m", CEST, OUT, AGENT)
    late = Message("m", CET, OUT, AGENT)
    assert early != late
    assert hash(early) != hash(late)
    assert MessageLog([early]) != MessageLog([late])
    convo = Conversation("c", Channel.MESSENGER, customer_id="u", messages=[early])
    assert convo != Conversation(
        "c", Channel.MESSENGER, customer_id="u", messages=[late]
    )


def test_one_instant_in_two_zones_is_one_message() -> None:
    in_utc = Message("m", CEST.astimezone(dt.UTC), OUT, AGENT)
    assert in_utc == Message("m", CEST, OUT, AGENT)
    assert hash(in_utc) == hash(Message("m", CEST, OUT, AGENT))
    assert MessageLog([in_utc]) == MessageLog([Message("m", CEST, OUT, AGENT)])
