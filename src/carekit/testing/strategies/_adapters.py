"""Strategies for the adapters' models: webhook inputs, subscription
verifications and threaded Twitter exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

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
    StandbyEvent,
    Unknown,
    WebhookInput,
)
from carekit.adapters.twitter_export import (
    ThreadedExport,
    UnthreadedReason,
    UnthreadedTweet,
)
from carekit.adapters.webhooks import SubscriptionAccepted, SubscriptionRefused
from carekit.conversations import Channel

from ._common import identifiers
from ._conversations import conversations
from ._time import aware_datetimes

__all__ = [
    "attachments",
    "deliveries",
    "echoes",
    "handovers",
    "message_deletions",
    "messages_received",
    "postbacks",
    "reads",
    "referrals",
    "standby_events",
    "standbys",
    "strategies_by_type",
    "subscription_verifications",
    "threaded_exports",
    "unknown_events",
    "unthreaded_tweets",
    "webhook_inputs",
]

_CHANNELS = st.sampled_from([Channel.MESSENGER, Channel.INSTAGRAM_DIRECT])
_TEXTS = st.none() | st.text(max_size=30)
_IDS = st.none() | identifiers()
_TYPES = st.sampled_from(["image", "video", "audio", "file", "story_mention", "share"])


def _times() -> st.SearchStrategy[dt.datetime]:
    return aware_datetimes()


def attachments() -> st.SearchStrategy[Attachment]:
    """Attachments of Messenger and Instagram types, shrinking to an image
    without a URL."""
    return st.builds(Attachment, _TYPES, st.none() | st.just("https://x.test/a"))


def referrals() -> st.SearchStrategy[Referral]:
    """Postback referrals, shrinking to an empty one."""
    return st.builds(Referral, _TEXTS, _TEXTS, _TEXTS)


def _sent(cls: type, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.builds(
        cls,
        _CHANNELS,
        identifiers(),
        customer_id=identifiers(),
        timestamp=_times(),
        **fields,
    )


def messages_received() -> st.SearchStrategy[MessageReceived]:
    """Customer messages, shrinking to an empty Messenger message."""
    return _sent(
        MessageReceived,
        mid=identifiers(),
        text=_TEXTS,
        quick_reply_payload=_TEXTS,
        reply_to_mid=_IDS,
        reply_to_story_url=_TEXTS,
        attachments=st.lists(attachments(), max_size=2),
    )


def echoes() -> st.SearchStrategy[Echo]:
    """Page echoes, by a person (no ``app_id``) or an app."""
    return _sent(
        Echo,
        mid=identifiers(),
        text=_TEXTS,
        app_id=_IDS,
        metadata=_TEXTS,
        attachments=st.lists(attachments(), max_size=2),
    )


def message_deletions() -> st.SearchStrategy[MessageDeleted]:
    """Unsends."""
    return _sent(MessageDeleted, mid=identifiers())


def postbacks() -> st.SearchStrategy[Postback]:
    """Button taps, with or without a referral."""
    return _sent(
        Postback,
        title=_TEXTS,
        payload=_TEXTS,
        mid=_IDS,
        referral=st.none() | referrals(),
    )


def reads() -> st.SearchStrategy[Read]:
    """Reads, by watermark (Messenger) or by mid (Instagram)."""
    return _sent(Read, watermark=st.none() | _times(), mid=_IDS)


def deliveries() -> st.SearchStrategy[Delivery]:
    """Deliveries, often without a timestamp."""
    return st.builds(
        Delivery,
        _CHANNELS,
        identifiers(),
        customer_id=identifiers(),
        timestamp=st.none() | _times(),
        watermark=st.none() | _times(),
        mids=st.lists(identifiers(), max_size=3),
    )


def handovers() -> st.SearchStrategy[Handover]:
    """Thread-control passes and takes."""
    return _sent(
        Handover,
        kind=st.sampled_from(HandoverKind),
        new_owner_app_id=_IDS,
        previous_owner_app_id=_IDS,
        metadata=_TEXTS,
    )


def unknown_events() -> st.SearchStrategy[Unknown]:
    """Events carekit does not model, as reported."""
    return st.builds(
        Unknown,
        _CHANNELS,
        identifiers(),
        path=st.just("entry[0].messaging[0]"),
        keys=st.lists(st.sampled_from(["reaction", "optin", "referral"]), max_size=2),
        customer_id=_IDS,
        timestamp=st.none() | _times(),
    )


def standby_events() -> st.SearchStrategy[StandbyEvent]:
    """Any event but a standby: what a standby wraps."""
    return st.one_of(
        messages_received(),
        echoes(),
        message_deletions(),
        postbacks(),
        reads(),
        deliveries(),
        handovers(),
        unknown_events(),
    )


def standbys(
    *, events: st.SearchStrategy[StandbyEvent] | None = None
) -> st.SearchStrategy[Standby]:
    """Standby inputs, on the wrapped event's channel and page.

    Args:
        events: Strategy for the wrapped event; default :func:`standby_events`.
    """
    return (events if events is not None else standby_events()).map(
        lambda event: Standby(event.channel, event.page_id, event=event)
    )


def webhook_inputs() -> st.SearchStrategy[WebhookInput]:
    """Every kind of webhook input, standby included."""
    return standby_events() | standbys()


def subscription_verifications() -> st.SearchStrategy[
    SubscriptionAccepted | SubscriptionRefused
]:
    """Answers to the subscription ``GET``, accepted or refused."""
    return st.builds(SubscriptionAccepted, st.text(max_size=12)) | st.builds(
        SubscriptionRefused, st.just("hub.verify_token does not match")
    )


def unthreaded_tweets() -> st.SearchStrategy[UnthreadedTweet]:
    """Tweets reported as in no conversation."""
    return st.builds(
        UnthreadedTweet,
        st.integers(min_value=0, max_value=10**6).map(str),
        st.sampled_from(UnthreadedReason),
    )


def threaded_exports() -> st.SearchStrategy[ThreadedExport]:
    """Threaded exports: conversations each with a brand, and reported
    tweets; shrinking to an empty export."""
    pairs = st.lists(st.tuples(conversations(), identifiers()), max_size=3)
    return st.builds(
        lambda items, unthreaded: ThreadedExport(
            [c for c, _ in items], [b for _, b in items], unthreaded=unthreaded
        ),
        pairs,
        st.lists(unthreaded_tweets(), max_size=2),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each adapters model."""
    return {
        Attachment: attachments(),
        Referral: referrals(),
        MessageReceived: messages_received(),
        Echo: echoes(),
        MessageDeleted: message_deletions(),
        Postback: postbacks(),
        Read: reads(),
        Delivery: deliveries(),
        Handover: handovers(),
        Unknown: unknown_events(),
        Standby: standbys(),
        SubscriptionAccepted: st.builds(SubscriptionAccepted, st.text(max_size=12)),
        SubscriptionRefused: st.builds(
            SubscriptionRefused, st.just("hub.mode must be 'subscribe'")
        ),
        UnthreadedTweet: unthreaded_tweets(),
        ThreadedExport: threaded_exports(),
    }
