"""Moving a public conversation into private messages, with the channel's
deep link.

The rule (care checklist for brands on Twitter, 2019): "When possible, move
public conversations into private messages ... Brands can request that a
customer move from a tweet into a DM via direct message deep links." carekit
proposes it whenever the guard finds personal data in a public message.

Deep links:

- Twitter/X: ``https://twitter.com/messages/compose?recipient_id=ID``, the
  direct-message deep link Twitter documented in 2016, with the business
  account's numeric user id (and an optional pre-filled ``text``);
- Messenger: ``https://m.me/HANDLE``, Facebook's link that opens a
  conversation with the page whose username is ``HANDLE``.
"""

from __future__ import annotations

import re
from typing import Any

from attrs import field, frozen

from carekit._validate import enum_member, non_empty_str, optional_non_empty_str
from carekit.conversations import Channel
from carekit.errors import InvalidValue
from carekit.messages import Message, Visibility
from carekit.privacy.findings import FindingKind, scan
from carekit.privacy.phones import PhoneFinder

__all__ = [
    "MoveToPrivate",
    "PrivateLinks",
    "messenger_link",
    "propose_move_to_private",
    "twitter_dm_link",
]

_TWITTER_ID = re.compile(r"[0-9]{1,20}")
# Facebook usernames: letters, digits and periods, at least five characters.
_PAGE_HANDLE = re.compile(r"[A-Za-z0-9.]{5,50}")


#: Characters a URL query keeps as they are (RFC 3986 "unreserved").
_UNRESERVED = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
)


def _percent_encoded(text: str) -> str:
    """*text* as UTF-8, every byte but the unreserved ones as ``%XX``."""
    return "".join(
        chr(byte) if chr(byte) in _UNRESERVED else f"%{byte:02X}"
        for byte in text.encode("utf-8")
    )


def twitter_dm_link(recipient_id: str, text: str | None = None) -> str:
    """Twitter's direct-message deep link to the account *recipient_id*.

    >>> twitter_dm_link("3805104374", "Hi! Tell us your order number here.")
    'https://twitter.com/messages/compose?recipient_id=3805104374&text=Hi%21%20Tell%20us%20your%20order%20number%20here.'

    Raises:
        InvalidValue: *recipient_id* is not a numeric user id.
    """
    if not isinstance(recipient_id, str) or not _TWITTER_ID.fullmatch(recipient_id):
        raise InvalidValue("recipient_id", recipient_id, "must be a numeric user id")
    link = f"https://twitter.com/messages/compose?recipient_id={recipient_id}"
    if text:
        link += "&text=" + _percent_encoded(text)
    return link


def messenger_link(handle: str) -> str:
    """Messenger's ``m.me`` link to the page with username *handle*.

    >>> messenger_link("acme.store")
    'https://m.me/acme.store'

    Raises:
        InvalidValue: *handle* is not a page username (letters, digits and
            periods, at least five).
    """
    if not isinstance(handle, str) or not _PAGE_HANDLE.fullmatch(handle):
        raise InvalidValue(
            "handle", handle, "must be a page username: 5+ letters, digits or periods"
        )
    return f"https://m.me/{handle}"


def _optional_twitter_id(_inst: object, _attribute: Any, value: Any) -> None:
    if value is not None:
        twitter_dm_link(value)


def _optional_handle(_inst: object, _attribute: Any, value: Any) -> None:
    if value is not None:
        messenger_link(value)


@frozen
class PrivateLinks:
    """Where a customer can reach the business privately.

    Attributes:
        twitter_recipient_id: The business's numeric Twitter/X user id.
        messenger_handle: The Facebook page's username.
    """

    twitter_recipient_id: str | None = field(
        default=None, validator=_optional_twitter_id, kw_only=True
    )
    messenger_handle: str | None = field(
        default=None, validator=_optional_handle, kw_only=True
    )

    def link_for(self, channel: Channel) -> str | None:
        """The deep link that moves a conversation on *channel* to private,
        or ``None`` when none is known for it."""
        if channel in (Channel.TWITTER_PUBLIC, Channel.TWITTER_DM):
            recipient = self.twitter_recipient_id
            return None if recipient is None else twitter_dm_link(recipient)
        if channel in (Channel.FACEBOOK_COMMENT, Channel.MESSENGER):
            handle = self.messenger_handle
            return None if handle is None else messenger_link(handle)
        return None


def _kinds(value: Any) -> tuple[FindingKind, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, FindingKind):
            raise InvalidValue("kinds", item, "each item must be a FindingKind")
    if not items:
        raise InvalidValue("kinds", items, "must name at least one kind")
    return tuple(sorted(set(items), key=lambda kind: kind.value))


@frozen
class MoveToPrivate:
    """A proposal: invite the customer to continue in private messages.

    Attributes:
        message_id: The public message that holds personal data.
        channel: Where it was posted.
        kinds: What was found in it (never the data itself).
        link: The channel's deep link, or ``None`` when no link is known for
            the channel: then ask the customer to message the page.
    """

    message_id: str = field(validator=non_empty_str)
    channel: Channel = field(validator=enum_member(Channel))
    kinds: tuple[FindingKind, ...] = field(converter=_kinds, kw_only=True)
    link: str | None = field(
        default=None, validator=optional_non_empty_str, kw_only=True
    )


def propose_move_to_private(
    message: Message,
    channel: Channel,
    links: PrivateLinks,
    *,
    phones: PhoneFinder | None = None,
) -> MoveToPrivate | None:
    """A :class:`MoveToPrivate` when a public *message* holds personal data.

    A message is public when its visibility is public or *channel* is a
    public one (a tweet reply, a Facebook comment).

    Args:
        message: The message to check.
        channel: Its conversation's channel.
        links: Where the business can be messaged privately.
        phones: Finds phone numbers; default the best one installed.

    Returns:
        The proposal, or ``None`` for a private message or one with nothing
        to hide.

    Raises:
        InvalidValue: *message*, *channel* or *links* has the wrong type.
    """
    if not isinstance(message, Message):
        raise InvalidValue("message", type(message).__name__, "must be a Message")
    if not isinstance(channel, Channel):
        raise InvalidValue("channel", channel, "must be a Channel")
    if not isinstance(links, PrivateLinks):
        raise InvalidValue("links", links, "must be PrivateLinks")
    if message.visibility is not Visibility.PUBLIC and not channel.is_public:
        return None
    findings = scan(message.text, phones=phones)
    if not findings:
        return None
    kinds = tuple(finding.kind for finding in findings)
    return MoveToPrivate(message.id, channel, kinds=kinds, link=links.link_for(channel))
