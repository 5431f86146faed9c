"""Conversations.

A :class:`Conversation` is one channel's exchange between a page and one
customer. Its messages are a :class:`~carekit.messages.MessageLog`, in time
order; messages with equal timestamps keep the order they were given in.
The message types live in :mod:`carekit.messages`.

Rules enforced at construction: the ids are non-empty, the messages follow
the rules of :mod:`carekit.messages` and their ids are unique within the
conversation.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs
from attrs import field, frozen

from carekit._validate import (
    enum_member,
    is_name,
    non_empty_str,
    optional_non_empty_str,
    string_set,
)
from carekit.messages import (
    Message,
    MessageLog,
    MessageRecord,
)

__all__ = [
    "Channel",
    "Conversation",
    "ConversationStatus",
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


class ConversationStatus(enum.Enum):
    """Where a conversation stands in the inbox."""

    OPEN = "open"
    PENDING = "pending"
    CLOSED = "closed"


def _log(messages: Iterable[Message]) -> MessageLog:
    """What a conversation keeps of its messages: a :class:`MessageLog`."""
    if isinstance(messages, MessageLog):  # already checked and in order
        return messages
    return MessageLog(messages)


_NO_MESSAGES = MessageLog()


def _tags(items: Iterable[str]) -> tuple[str, ...]:
    if type(items) is tuple and not items:  # the default: nothing to check
        return ()
    return string_set(items, "tags")


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
        messages: A :class:`~carekit.messages.MessageLog`, in time order
            (equal timestamps keep the given order); any iterable of
            messages is accepted and sorted.
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
    messages: MessageLog = field(default=_NO_MESSAGES, kw_only=True, converter=_log)
    assignee: str | None = field(default=None, kw_only=True)
    tags: tuple[str, ...] = field(default=(), kw_only=True, converter=_tags)
    status: ConversationStatus = field(default=ConversationStatus.OPEN, kw_only=True)

    def __attrs_post_init__(self) -> None:
        ident, customer_id = self.id, self.customer_id
        if not (
            type(ident) is str
            and ident
            and not ident.isspace()
            and type(self.channel) is Channel
            and type(customer_id) is str
            and customer_id
            and not customer_id.isspace()
            and (self.assignee is None or is_name(self.assignee))
            and type(self.status) is ConversationStatus
        ):
            _explain_conversation(self)

    @classmethod
    def from_records(
        cls,
        id: str,
        channel: Channel,
        *,
        customer_id: str,
        records: Iterable[MessageRecord],
        assignee: str | None = None,
        tags: Iterable[str] = (),
        status: ConversationStatus = ConversationStatus.OPEN,
    ) -> Conversation:
        """A conversation whose messages are given as plain tuples.

        The fast way to load a history: the same conversation as passing
        ``messages=[Message(*record) ...]``, but the records go straight into
        the :class:`~carekit.messages.MessageLog`
        (:meth:`~carekit.messages.MessageLog.from_records`) and no
        :class:`Message` is built.

        Args:
            id: Unique conversation id.
            channel: Where it happens.
            customer_id: The customer's id.
            records: ``(id, timestamp, direction, author, kind, visibility)``
                per message, in any order.
            assignee: The agent it is assigned to, if any.
            tags: Labels.
            status: Open, pending or closed.

        Raises:
            InvalidValue: A record breaks a message rule (named as
                ``records[i].field``), or a conversation field is invalid.
        """
        log = MessageLog.from_records(records)
        if (
            assignee is None
            and tags.__class__ is tuple
            and not tags
            and status is ConversationStatus.OPEN
        ):
            # Loading a history: the defaults need not be passed again (a
            # keyword costs as much as a check, and this runs per conversation).
            return cls(id, channel, customer_id=customer_id, messages=log)
        return cls(
            id,
            channel,
            customer_id=customer_id,
            messages=log,
            assignee=assignee,
            tags=tags,
            status=status,
        )

    def with_message(self, message: Message) -> Conversation:
        """A copy with *message* added in its place in time."""
        return attrs.evolve(self, messages=(*self.messages, message))

    def with_tags(self, *tags: str) -> Conversation:
        """A copy with *tags* added."""
        return attrs.evolve(self, tags=(*self.tags, *tags))

    @property
    def started_at(self) -> dt.datetime | None:
        """Timestamp of the first message, or ``None`` when there is none."""
        stamps = self.messages.timestamps
        return stamps[0] if stamps else None

    @property
    def last_activity_at(self) -> dt.datetime | None:
        """Timestamp of the last message, or ``None`` when there is none."""
        stamps = self.messages.timestamps
        return stamps[-1] if stamps else None


# In field order, as attrs would run them as validators.
_CONVERSATION_CHECKS = (
    ("id", non_empty_str),
    ("channel", enum_member(Channel)),
    ("customer_id", non_empty_str),
    ("assignee", optional_non_empty_str),
    ("status", enum_member(ConversationStatus)),
)
