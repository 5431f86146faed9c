"""Conversations and messages (SPEC §1).

A :class:`Conversation` is one channel's exchange between a page and one
customer. Its messages are kept in time order; messages with equal
timestamps keep the order they were given in.

Rules enforced at construction:

- Timestamps are timezone-aware; naive values are refused.
- A message is inbound exactly when a customer wrote it.
- Instant replies, away messages, private notes, surveys and templates are
  things the business sends: they must be outbound.
- Message ids are unique within a conversation.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field, frozen

from carekit._validate import (
    aware_datetime,
    enum_member,
    non_empty_str,
    optional_non_empty_str,
    string_set,
)
from carekit.errors import InvalidValue

__all__ = [
    "AuthorKind",
    "Channel",
    "Conversation",
    "ConversationStatus",
    "Direction",
    "Message",
    "MessageKind",
    "Visibility",
]


class Channel(enum.Enum):
    """Where a conversation happens."""

    MESSENGER = "messenger"
    INSTAGRAM_DIRECT = "instagram_direct"
    WHATSAPP = "whatsapp"
    TWITTER_PUBLIC = "twitter_public"
    """A public reply thread on Twitter/X."""
    TWITTER_DM = "twitter_dm"
    LINKEDIN = "linkedin"
    FACEBOOK_COMMENT = "facebook_comment"
    EMAIL = "email"
    OTHER = "other"

    @property
    def is_public(self) -> bool:
        """True for channels where everyone can read the exchange."""
        return self in _PUBLIC_CHANNELS


_PUBLIC_CHANNELS = frozenset({Channel.TWITTER_PUBLIC, Channel.FACEBOOK_COMMENT})


class Direction(enum.Enum):
    """Who a message travels from: the customer (inbound) or the business."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class AuthorKind(enum.Enum):
    """What wrote a message."""

    CUSTOMER = "customer"
    AGENT = "agent"
    """A human working for the page."""
    BOT = "bot"
    """A bot or API integration answering for the page."""
    AUTOMATION = "automation"
    """The platform's own automatic messages (instant replies, away messages)."""


class MessageKind(enum.Enum):
    """What an (outbound) message is. Customer messages are always ``REPLY``."""

    REPLY = "reply"
    INSTANT_REPLY = "instant_reply"
    AWAY_MESSAGE = "away_message"
    PRIVATE_NOTE = "private_note"
    """Internal; never seen by the customer."""
    SURVEY = "survey"
    TEMPLATE = "template"


class Visibility(enum.Enum):
    """Who can read a message: everyone, or only the customer and the page."""

    PUBLIC = "public"
    PRIVATE = "private"


class ConversationStatus(enum.Enum):
    """Where a conversation stands in the inbox."""

    OPEN = "open"
    PENDING = "pending"
    CLOSED = "closed"


# BCP 47 shape: a 2-3 letter (or 4-8 registered) primary subtag, then subtags.
_BCP47 = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


def _is_language(value: object) -> bool:
    return isinstance(value, str) and _BCP47.fullmatch(value) is not None


_BUSINESS_ONLY = frozenset(MessageKind) - {MessageKind.REPLY}


def _explain(message: Message) -> None:
    """Raise the precise error for a message that failed the fast check."""
    for name, check in _MESSAGE_CHECKS:
        check(message, attrs.fields_dict(Message)[name], getattr(message, name))
    if not isinstance(message.text, str):
        raise InvalidValue("text", message.text, "must be a string")
    if message.language is not None and not _is_language(message.language):
        raise InvalidValue(
            "language", message.language, "must be a BCP 47 tag such as 'en-GB'"
        )
    inbound = message.direction is Direction.INBOUND
    if inbound != (message.author is AuthorKind.CUSTOMER):
        raise InvalidValue(
            "direction",
            message.direction.value,
            f"a message is inbound exactly when a customer wrote it "
            f"(author is {message.author.value})",
        )
    if inbound and message.kind in _BUSINESS_ONLY:
        raise InvalidValue(
            "kind", message.kind.value, "only outbound messages can be of this kind"
        )


@frozen
class Message:
    """One message in a conversation.

    Attributes:
        id: Unique within its conversation.
        timestamp: When it was sent (timezone-aware).
        direction: Inbound (from the customer) or outbound (from the page).
        author: What wrote it; inbound exactly when ``CUSTOMER``.
        kind: What an outbound message is (reply, instant reply, away message,
            private note, survey, template); customer messages are replies.
        visibility: Public (everyone can read it) or private.
        text: The message text.
        language: BCP 47 tag, if known.
        author_id: The agent or bot that wrote it, if known (for crediting).
    """

    # Validation lives in __attrs_post_init__: analytics build millions of
    # messages, and one combined check costs a fifth of nine validator calls.
    id: str
    timestamp: dt.datetime
    direction: Direction
    author: AuthorKind
    kind: MessageKind = field(default=MessageKind.REPLY, kw_only=True)
    visibility: Visibility = field(default=Visibility.PRIVATE, kw_only=True)
    text: str = field(default="", kw_only=True)
    language: str | None = field(default=None, kw_only=True)
    author_id: str | None = field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        ts, ident, author_id = self.timestamp, self.id, self.author_id
        inbound = self.direction is Direction.INBOUND
        if not (
            type(ident) is str
            and ident
            and not ident.isspace()
            and isinstance(ts, dt.datetime)
            and ts.tzinfo is not None
            and ts.utcoffset() is not None
            and type(self.direction) is Direction
            and type(self.author) is AuthorKind
            and type(self.kind) is MessageKind
            and type(self.visibility) is Visibility
            and type(self.text) is str
            and (self.language is None or _is_language(self.language))
            and (author_id is None or (type(author_id) is str and author_id.strip()))
            and inbound == (self.author is AuthorKind.CUSTOMER)
            and not (inbound and self.kind in _BUSINESS_ONLY)
        ):
            _explain(self)

    @property
    def visible_to_customer(self) -> bool:
        """False only for private notes, which stay inside the business."""
        return self.kind is not MessageKind.PRIVATE_NOTE

    @property
    def is_automatic(self) -> bool:
        """True for instant replies and away messages, which the platform sends."""
        return self.kind in (MessageKind.INSTANT_REPLY, MessageKind.AWAY_MESSAGE)


_MESSAGE_CHECKS = (
    ("id", non_empty_str),
    ("timestamp", aware_datetime),
    ("direction", enum_member(Direction)),
    ("author", enum_member(AuthorKind)),
    ("kind", enum_member(MessageKind)),
    ("visibility", enum_member(Visibility)),
    ("author_id", optional_non_empty_str),
)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# The base class's subtraction: exact to the microsecond (a float of epoch
# seconds is not, past the year 2242) and never pendulum's Interval object.
_ELAPSED = dt.datetime.__sub__


def _utc_key(message: Message) -> dt.timedelta:
    return _ELAPSED(message.timestamp, _EPOCH)


def _in_time_order(messages: Iterable[Message]) -> tuple[Message, ...]:
    """Sort by instant; ``sorted`` is stable, so equal timestamps keep their order.

    Messages usually come in order: the loop that checks their type also
    checks that (by exact elapsed time), and only unordered input is sorted.
    """
    try:
        items: tuple[Any, ...] = tuple(messages)
    except TypeError:
        raise InvalidValue(
            "messages", messages, "must be an iterable of Message"
        ) from None
    ordered, last = True, None
    for message in items:
        if message.__class__ is not Message and not isinstance(message, Message):
            index = next(i for i, item in enumerate(items) if item is message)
            raise InvalidValue(f"messages[{index}]", message, "must be a Message")
        moment = _utc_key(message)
        if last is not None and moment < last:
            ordered = False
        last = moment
    return items if ordered else tuple(sorted(items, key=_utc_key))


def _check_unique_ids(
    _inst: object, _attribute: attrs.Attribute[Any], value: tuple[Message, ...]
) -> None:
    seen: set[str] = set()
    for message in value:
        if message.id in seen:
            raise InvalidValue("messages", message.id, "message ids must be unique")
        seen.add(message.id)


def _tags(items: Iterable[str]) -> tuple[str, ...]:
    if type(items) is tuple and not items:  # the default: nothing to check
        return ()
    return string_set(items, "tags")


def _is_name(value: object) -> bool:
    """The fast form of ``non_empty_str`` for exact strings."""
    return type(value) is str and bool(value) and not value.isspace()


def _explain_conversation(conversation: Conversation) -> None:
    """Raise the precise error for a conversation that failed the fast check."""
    fields = attrs.fields_dict(Conversation)
    for name, check in _CONVERSATION_CHECKS:
        check(conversation, fields[name], getattr(conversation, name))


@frozen
class Conversation:
    """One customer's exchange with the page on one channel.

    Attributes:
        id: Unique conversation id.
        channel: Where it happens.
        customer_id: The customer's id.
        messages: In time order (equal timestamps keep the given order); any
            iterable of messages is accepted and sorted.
        assignee: The agent it is assigned to, if any.
        tags: Labels, stored sorted and without duplicates.
        status: Open, pending or closed.
    """

    # Validation lives in __attrs_post_init__, as for Message: analytics
    # build conversations by the hundred thousand, and one combined check
    # costs a fraction of six validator calls.
    id: str
    channel: Channel
    customer_id: str = field(kw_only=True)
    messages: tuple[Message, ...] = field(
        default=(), kw_only=True, converter=_in_time_order
    )
    assignee: str | None = field(default=None, kw_only=True)
    tags: tuple[str, ...] = field(default=(), kw_only=True, converter=_tags)
    status: ConversationStatus = field(default=ConversationStatus.OPEN, kw_only=True)

    def __attrs_post_init__(self) -> None:
        ident, customer_id, messages = self.id, self.customer_id, self.messages
        if not (
            type(ident) is str
            and ident
            and not ident.isspace()
            and type(self.channel) is Channel
            and type(customer_id) is str
            and customer_id
            and not customer_id.isspace()
            and (
                len(messages) < 2
                or len({message.id for message in messages}) == len(messages)
            )
            and (self.assignee is None or _is_name(self.assignee))
            and type(self.status) is ConversationStatus
        ):
            _explain_conversation(self)

    def with_message(self, message: Message) -> Conversation:
        """A copy with *message* added in its place in time."""
        return attrs.evolve(self, messages=(*self.messages, message))

    def with_tags(self, *tags: str) -> Conversation:
        """A copy with *tags* added."""
        return attrs.evolve(self, tags=(*self.tags, *tags))

    @property
    def started_at(self) -> dt.datetime | None:
        """Timestamp of the first message, or ``None`` when there is none."""
        return self.messages[0].timestamp if self.messages else None

    @property
    def last_activity_at(self) -> dt.datetime | None:
        """Timestamp of the last message, or ``None`` when there is none."""
        return self.messages[-1].timestamp if self.messages else None


# In field order, as attrs would run them as validators.
_CONVERSATION_CHECKS = (
    ("id", non_empty_str),
    ("channel", enum_member(Channel)),
    ("customer_id", non_empty_str),
    ("messages", _check_unique_ids),
    ("assignee", optional_non_empty_str),
    ("status", enum_member(ConversationStatus)),
)
