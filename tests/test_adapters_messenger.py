"""Messenger Platform and Instagram Messaging webhooks, from payloads shaped
like Meta's documented examples (Messenger Platform webhook reference)."""

import datetime as dt
from typing import Any

import pytest

from carekit import structure, unstructure
from carekit.adapters.messenger import (
    Attachment,
    Delivery,
    Echo,
    Handover,
    HandoverKind,
    MessageDeleted,
    MessageReceived,
    Postback,
    Read,
    Referral,
    Standby,
    Unknown,
    WebhookInput,
    parse_webhook,
)
from carekit.conversations import Channel
from carekit.errors import InvalidValue

PAGE, PSID, T = "106459428421421", "5342018129176398", 1458692752478
WHEN = dt.datetime(2016, 3, 23, 0, 25, 52, 478000, tzinfo=dt.UTC)


def page(*events: dict[str, Any], standby: bool = False, obj: str = "page") -> Any:
    key = "standby" if standby else "messaging"
    return {"object": obj, "entry": [{"id": PAGE, "time": T, key: list(events)}]}


def inbound(**body: Any) -> dict[str, Any]:
    return {"sender": {"id": PSID}, "recipient": {"id": PAGE}, "timestamp": T, **body}


def only(payload: Any) -> WebhookInput:
    (event,) = parse_webhook(payload)
    return event


def test_a_text_message() -> None:
    """ "message: mid, text, quick_reply.payload, reply_to.mid, attachments[]" """
    event = only(
        page(
            inbound(
                message={
                    "mid": "m_AG5Hz2U",
                    "text": "Where is my order?",
                    "quick_reply": {"payload": "ORDER_STATUS"},
                    "reply_to": {"mid": "m_earlier"},
                    "attachments": [
                        {"type": "image", "payload": {"url": "https://x.test/1.jpg"}}
                    ],
                }
            )
        )
    )
    assert (
        MessageReceived(
            Channel.MESSENGER,
            PAGE,
            customer_id=PSID,
            timestamp=WHEN,
            mid="m_AG5Hz2U",
            text="Where is my order?",
            quick_reply_payload="ORDER_STATUS",
            reply_to_mid="m_earlier",
            attachments=[Attachment("image", "https://x.test/1.jpg")],
        )
        == event
    )


def test_an_echo_with_an_app_id_is_an_automated_send() -> None:
    """ "Echoes: message.is_echo: true, app_id, metadata. These are the page's
    own sends; an app_id marks an automated sender." """
    echo = {
        "sender": {"id": PAGE},
        "recipient": {"id": PSID},
        "timestamp": T,
        "message": {
            "is_echo": True,
            "app_id": 1517776481860111,
            "metadata": "bot-v2",
            "mid": "m_echo",
            "text": "Thanks, an agent will reply soon",
        },
    }
    event = only(page(echo))
    assert isinstance(event, Echo)
    assert (PAGE, PSID, "1517776481860111", "bot-v2") == (
        event.page_id,
        event.customer_id,
        event.app_id,
        event.metadata,
    )
    assert event.is_automated
    typed = {**echo, "message": {"is_echo": True, "mid": "m_typed", "text": "hi"}}
    person = only(page(typed))
    assert isinstance(person, Echo)
    assert not person.is_automated


def test_standby_events_are_reported_as_standby() -> None:
    """ "When the app is not the thread owner, events arrive in
    entry[].standby[]; report those as standby inputs." """
    event = only(page(inbound(message={"mid": "m1", "text": "hi"}), standby=True))
    assert isinstance(event, Standby)
    assert isinstance(event.event, MessageReceived)
    assert PSID == event.customer_id


def test_a_postback_with_a_referral() -> None:
    """ "postback: title, payload, referral." """
    event = only(
        page(
            inbound(
                postback={
                    "title": "Get Started",
                    "payload": "GET_STARTED",
                    "referral": {
                        "ref": "summer",
                        "source": "SHORTLINK",
                        "type": "OPEN_THREAD",
                    },
                }
            )
        )
    )
    assert (
        Postback(
            Channel.MESSENGER,
            PAGE,
            customer_id=PSID,
            timestamp=WHEN,
            title="Get Started",
            payload="GET_STARTED",
            referral=Referral("summer", "SHORTLINK", "OPEN_THREAD"),
        )
        == event
    )


def test_read_and_delivery_without_a_timestamp() -> None:
    """ "read: watermark. delivery: watermark, optional mids, and often no
    timestamp." """
    read = inbound(read={"watermark": T})
    delivery = {
        "sender": {"id": PSID},
        "recipient": {"id": PAGE},
        "delivery": {"mids": ["m_1", "m_2"], "watermark": T},
    }
    got_read, got_delivery = parse_webhook(page(read, delivery))
    assert Read(
        Channel.MESSENGER, PAGE, customer_id=PSID, timestamp=WHEN, watermark=WHEN
    ) == (got_read)
    assert (
        Delivery(
            Channel.MESSENGER,
            PAGE,
            customer_id=PSID,
            watermark=WHEN,
            mids=["m_1", "m_2"],
        )
        == got_delivery
    )


def test_a_batch_with_several_entries_keeps_their_order() -> None:
    """Meta batches up to 1,000 events, over several entries."""
    first = page(inbound(message={"mid": "a", "text": "1"}))
    second = {
        "id": "other-page",
        "time": T,
        "messaging": [
            {
                "sender": {"id": "u2"},
                "recipient": {"id": "other-page"},
                "timestamp": T,
                "message": {"mid": "b", "text": "2"},
            },
            {
                "sender": {"id": "u3"},
                "recipient": {"id": "other-page"},
                "timestamp": T,
                "message": {"mid": "c", "text": "3"},
            },
        ],
    }
    first["entry"].append(second)
    events = parse_webhook(first)
    assert ["a", "b", "c"] == [e.mid for e in events if isinstance(e, MessageReceived)]
    assert [PAGE, "other-page", "other-page"] == [e.page_id for e in events]


@pytest.mark.parametrize("kind", list(HandoverKind))
def test_handover(kind: HandoverKind) -> None:
    """ "Handover: pass_thread_control / take_thread_control." """
    body = {
        "new_owner_app_id": "123456789",
        "previous_owner_app_id": None,
        "metadata": "to a human",
    }
    event = only(page(inbound(**{kind.value: body})))
    assert (
        Handover(
            Channel.MESSENGER,
            PAGE,
            customer_id=PSID,
            timestamp=WHEN,
            kind=kind,
            new_owner_app_id="123456789",
            metadata="to a human",
        )
        == event
    )


def test_instagram_echo_in_messages_seen_and_unsend() -> None:
    """ "object: instagram; echoes arrive in messages with is_echo;
    messaging_seen carries read.mid; message.is_deleted marks an unsend;
    story_mention and share attachments; reply_to.story." """
    ig = "17841400008460056"
    echo = {
        "sender": {"id": ig},
        "recipient": {"id": PSID},
        "timestamp": T,
        "message": {"mid": "ig_echo", "text": "hello", "is_echo": True},
    }
    seen = {
        "sender": {"id": PSID},
        "recipient": {"id": ig},
        "timestamp": T,
        "read": {"mid": "ig_echo"},
    }
    unsend = {
        "sender": {"id": PSID},
        "recipient": {"id": ig},
        "timestamp": T,
        "message": {"mid": "ig_gone", "is_deleted": True},
    }
    story = {
        "sender": {"id": PSID},
        "recipient": {"id": ig},
        "timestamp": T,
        "message": {
            "mid": "ig_story",
            "text": "love it",
            "reply_to": {"story": {"url": "https://x.test/s", "id": "9"}},
            "attachments": [
                {"type": "story_mention", "payload": {"url": "https://x.test/m"}},
                {"type": "share", "payload": {"url": "https://x.test/p"}},
            ],
        },
    }
    events = parse_webhook(page(echo, seen, unsend, story, obj="instagram"))
    got_echo, got_seen, got_unsend, got_story = events
    assert {Channel.INSTAGRAM_DIRECT} == {e.channel for e in events}
    assert isinstance(got_echo, Echo)
    assert (ig, PSID) == (got_echo.page_id, got_echo.customer_id)
    assert Read(
        Channel.INSTAGRAM_DIRECT, ig, customer_id=PSID, timestamp=WHEN, mid="ig_echo"
    ) == (got_seen)
    assert MessageDeleted(
        Channel.INSTAGRAM_DIRECT, ig, customer_id=PSID, timestamp=WHEN, mid="ig_gone"
    ) == (got_unsend)
    assert isinstance(got_story, MessageReceived)
    assert "https://x.test/s" == got_story.reply_to_story_url
    assert ["story_mention", "share"] == [a.type for a in got_story.attachments]


def test_unknown_event_kinds_are_reported_never_dropped() -> None:
    """ "Unknown event kinds are reported as unknown inputs, never silently
    dropped." """
    event = only(page(inbound(reaction={"mid": "m1", "action": "react"})))
    assert (
        Unknown(
            Channel.MESSENGER,
            PAGE,
            path="entry[0].messaging[0]",
            keys=["reaction"],
            customer_id=PSID,
            timestamp=WHEN,
        )
        == event
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1458692752478, WHEN),
        ("1458692752478", WHEN),
        ("1458692752", WHEN.replace(microsecond=0)),
        (1458692752, WHEN.replace(microsecond=0)),
    ],
)
def test_timestamps_are_milliseconds_or_seconds_below_1e11(
    value: object, expected: dt.datetime
) -> None:
    """Milliseconds as documented; values below 10^11 (before March 1973 as
    milliseconds) are the seconds some published examples show."""
    event = only(page(inbound(timestamp=value, message={"mid": "m"})))
    assert expected == event.timestamp  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ([], "payload"),
        ({"object": "user", "entry": []}, "object"),
        ({"object": "page"}, "entry"),
        ({"object": "page", "entry": {}}, "entry"),
        ({"object": "page", "entry": [3]}, "entry[0]"),
        ({"object": "page", "entry": [{"messaging": []}]}, "entry[0].id"),
        (
            page({"recipient": {"id": PAGE}, "timestamp": T, "message": {"mid": "m"}}),
            "entry[0].messaging[0].sender",
        ),
        (
            page(inbound(sender="x", message={"mid": "m"})),
            "entry[0].messaging[0].sender",
        ),
        (
            page(inbound(sender={"id": ""}, message={"mid": "m"})),
            "entry[0].messaging[0].sender.id",
        ),
        (
            page(inbound(timestamp=1.5, message={"mid": "m"})),
            "entry[0].messaging[0].timestamp",
        ),
        (
            page(inbound(timestamp="soon", message={"mid": "m"})),
            "entry[0].messaging[0].timestamp",
        ),
        (
            page(inbound(timestamp=-1, message={"mid": "m"})),
            "entry[0].messaging[0].timestamp",
        ),
        (
            page(inbound(timestamp=10**30, message={"mid": "m"})),
            "entry[0].messaging[0].timestamp",
        ),
        (
            page(inbound(message={"text": "no mid"})),
            "entry[0].messaging[0].message.mid",
        ),
        (
            page(inbound(message={"mid": "m", "text": 7})),
            "entry[0].messaging[0].message.text",
        ),
        (
            page(inbound(message={"mid": "m", "attachments": [{"payload": {}}]})),
            "entry[0].messaging[0].message.attachments[0].type",
        ),
        (
            page(inbound(delivery={"mids": ["ok", 5]})),
            "entry[0].messaging[0].delivery.mids[1]",
        ),
        (
            page(inbound(read={"watermark": "x"})),
            "entry[0].messaging[0].read.watermark",
        ),
        (
            page(inbound(message={"mid": "m"}), standby=True),  # fine
            None,
        ),
        (page(inbound(postback="tap")), "entry[0].messaging[0].postback"),
        (
            page(inbound(message={"mid": "m"}), inbound(message=[1])),
            "entry[0].messaging[1].message",
        ),
    ],
)
def test_malformed_payloads_name_their_path(payload: Any, path: str | None) -> None:
    """ "Every malformed payload raises a carekit.errors error whose message
    gives the path (entry[0].messaging[0].sender)." """
    if path is None:
        assert 1 == len(parse_webhook(payload))
        return
    with pytest.raises(InvalidValue) as caught:
        parse_webhook(payload)
    assert path == caught.value.field
    assert str(caught.value).startswith(f"{path}: ")


def test_inputs_round_trip_through_plain_data() -> None:
    events = parse_webhook(
        page(
            inbound(message={"mid": "m", "text": "hi"}),
            inbound(postback={"payload": "P"}),
        )
    )
    postback = events[1]
    assert isinstance(postback, Postback)
    wrapped = Standby(Channel.MESSENGER, PAGE, event=postback)
    for event in (*events, wrapped):
        assert event == structure(unstructure(event), type(event))


def test_models_refuse_bad_fields_by_name() -> None:
    with pytest.raises(InvalidValue, match=r"^channel: "):
        Read(Channel.EMAIL, PAGE, customer_id=PSID, timestamp=WHEN)
    with pytest.raises(InvalidValue, match=r"^timestamp: "):
        Read(
            Channel.MESSENGER, PAGE, customer_id=PSID, timestamp=dt.datetime(2024, 1, 1)
        )
    with pytest.raises(InvalidValue, match=r"^event: "):
        Standby(Channel.MESSENGER, PAGE, event="x")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"^attachments: "):
        Echo(
            Channel.MESSENGER,
            PAGE,
            customer_id=PSID,
            timestamp=WHEN,
            mid="m",
            attachments=["image"],
        )
