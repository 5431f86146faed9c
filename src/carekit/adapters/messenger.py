"""Messenger Platform and Instagram Messaging webhooks, as carekit inputs.

:func:`parse_webhook` takes the JSON body of a webhook ``POST``, already
parsed (``json.loads``), and returns one input per event, in the order the
platform sent them. It never fetches anything. The inputs are a closed union
(:data:`WebhookInput`) of frozen classes, meant for a ``match`` statement:

=========================  ===================================================
event in the payload       input
=========================  ===================================================
``message``                :class:`MessageReceived`
``message.is_echo``        :class:`Echo` (the page's own send; ``app_id``
                           marks an automated sender)
``message.is_deleted``     :class:`MessageDeleted` (an Instagram unsend)
``postback``               :class:`Postback`
``read``                   :class:`Read` (Messenger ``watermark``, Instagram
                           ``messaging_seen`` ``mid``)
``delivery``               :class:`Delivery` (often without ``timestamp``)
``pass_thread_control``,   :class:`Handover`
``take_thread_control``
anything in ``standby``    :class:`Standby`, wrapping the event: the app is
                           not the thread owner and must not answer
anything else              :class:`Unknown`, never silently dropped
=========================  ===================================================

The envelope is ``{"object": "page" | "instagram", "entry": [{"id",
"time", "messaging": [...], "standby": [...]}]}`` (Meta, Messenger Platform
webhook reference, 2024). Timestamps are epoch milliseconds, as Meta documents
them (``1458692752478`` in its examples); some
published examples carry epoch seconds, often as strings. carekit accepts
ints and strings of digits, and reads a value below 10^11 as seconds: as
milliseconds it would fall before March 1973, decades before any webhook,
while as seconds 10^11 is the year 5138. A malformed payload raises
:class:`~carekit.errors.InvalidValue` whose ``field`` is the path to the
bad value, such as ``entry[0].messaging[0].sender``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeAlias

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, optional_instant_key
from carekit._validate import (
    aware_datetime,
    non_empty_str,
    optional_non_empty_str,
)
from carekit.adapters import _paths as p
from carekit.conversations import Channel
from carekit.errors import InvalidValue

__all__ = [
    "OBJECTS",
    "Attachment",
    "Delivery",
    "Echo",
    "Handover",
    "HandoverKind",
    "MessageDeleted",
    "MessageReceived",
    "Postback",
    "Read",
    "Referral",
    "Standby",
    "StandbyEvent",
    "Unknown",
    "WebhookInput",
    "parse_webhook",
]

OBJECTS: Mapping[str, Channel] = {
    "page": Channel.MESSENGER,
    "instagram": Channel.INSTAGRAM_DIRECT,
}
"""The ``object`` of a webhook payload, and the channel its events are on."""
_CHANNELS = frozenset(OBJECTS.values())


def _channel(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in _CHANNELS:
        raise InvalidValue(
            "channel", value, "must be Channel.MESSENGER or Channel.INSTAGRAM_DIRECT"
        )


def _optional_str(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and type(value) is not str:
        raise InvalidValue(attribute.name, value, "must be a string or None")


def _optional_aware(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        aware_datetime(inst, attribute, value)


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidValue("mids", value, "must be a sequence of message ids")
    for item in value:
        if type(item) is not str or not item.strip():
            raise InvalidValue("mids", item, "each must be a non-empty string")
    return tuple(value)


def _attachments(value: object) -> tuple[Attachment, ...]:
    if value == ():  # no attachments: the common case
        return ()
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidValue("attachments", value, "must be a sequence of Attachment")
    for item in value:
        if type(item) is not Attachment:
            raise InvalidValue("attachments", item, "each must be an Attachment")
    return tuple(value)


def _keys(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidValue("keys", value, "must be a sequence of strings")
    for item in value:
        if type(item) is not str:
            raise InvalidValue("keys", item, "each must be a string")
    return tuple(value)


@frozen
class Attachment:
    """A file or card sent with a message.

    Attributes:
        type: Meta's attachment type, kept as sent: ``image``, ``video``,
            ``audio``, ``file``, ``fallback``, ``template``; on Instagram
            also ``story_mention`` and ``share``.
        url: ``payload.url``, when the attachment has one.
    """

    type: str = field(validator=non_empty_str)
    url: str | None = field(default=None, validator=_optional_str)


@frozen
class Referral:
    """How the customer arrived: the ``referral`` of a postback (an ad, an
    ``m.me`` link with ``ref``, a chat plugin).

    Attributes:
        ref: The ``ref`` parameter, if any.
        source: Where it came from (``ADS``, ``SHORTLINK``...), if given.
        type: Usually ``OPEN_THREAD``, if given.
    """

    ref: str | None = field(default=None, validator=_optional_str)
    source: str | None = field(default=None, validator=_optional_str)
    type: str | None = field(default=None, validator=_optional_str)


def _is_text(value: object) -> bool:
    return value is None or type(value) is str


def _is_id(value: object) -> bool:
    return value is None or (type(value) is str and bool(value) and not value.isspace())


def _is_mid(value: object) -> bool:
    return type(value) is str and bool(value) and not value.isspace()


def _is_time(value: object) -> bool:
    return value is None or (
        isinstance(value, dt.datetime) and value.utcoffset() is not None
    )


def _is_referral(value: object) -> bool:
    return value is None or type(value) is Referral


def _is_handover(value: object) -> bool:
    return type(value) is HandoverKind


_Checks: TypeAlias = tuple[tuple[str, tuple[Callable[[object], bool], str]], ...]
"""(field, (test, rule)) pairs an event checks in one pass when it is built."""
_TEXT = (_is_text, "must be a string or None")
_ID = (_is_id, "must be a non-empty string or None")
_MID = (_is_mid, "must be a non-empty string")
_TIME = (_is_time, "must be a timezone-aware datetime or None")
_REFERRAL = (_is_referral, "must be a Referral or None")
_HANDOVER = (_is_handover, "must be a HandoverKind")


@frozen
class _OnPage:
    """What every input names: the channel and the page it reached."""

    channel: Channel = field(validator=_channel)
    page_id: str = field(validator=non_empty_str)


@frozen
class _Sent:
    """An input a customer's thread caused, at a known time."""

    channel: Channel
    page_id: str

    # Checked in __attrs_post_init__, all four at once: a webhook batch
    # builds a thousand of these, and one combined check costs a fraction
    # of four validator calls.
    customer_id: str = field(kw_only=True)
    timestamp: dt.datetime = field(kw_only=True, eq=instant_key)

    _checks: ClassVar[_Checks] = ()

    def __attrs_post_init__(self) -> None:
        for name, (allowed, rule) in self._checks:
            value = getattr(self, name)
            if not allowed(value):
                raise InvalidValue(name, value, rule)
        page, customer, when = self.page_id, self.customer_id, self.timestamp
        channel = self.channel
        if not (
            (channel is Channel.MESSENGER or channel is Channel.INSTAGRAM_DIRECT)
            and type(page) is str
            and page
            and not page.isspace()
            and type(customer) is str
            and customer
            and not customer.isspace()
            and isinstance(when, dt.datetime)
            and when.utcoffset() is not None
        ):
            _explain(self)


def _explain(event: _Sent) -> None:
    """Raise the precise error for an event that failed the fast check."""
    fields = attrs.fields_dict(type(event))
    _channel(event, fields["channel"], event.channel)
    non_empty_str(event, fields["page_id"], event.page_id)
    non_empty_str(event, fields["customer_id"], event.customer_id)
    aware_datetime(event, fields["timestamp"], event.timestamp)


@frozen
class MessageReceived(_Sent):
    """A customer wrote to the page.

    Attributes:
        channel: ``Channel.MESSENGER`` or ``Channel.INSTAGRAM_DIRECT``.
        page_id: The page (or Instagram professional account) written to.
        customer_id: The sender's page-scoped id (PSID or IGSID).
        timestamp: When it was sent (UTC).
        mid: The message id.
        text: The text, if any (attachments may come alone).
        quick_reply_payload: ``quick_reply.payload`` when a quick reply was
            tapped.
        reply_to_mid: ``reply_to.mid`` when it replies to a message.
        reply_to_story_url: ``reply_to.story.url`` when it replies to an
            Instagram story.
        attachments: ``attachments[]``, in order.
    """

    _checks: ClassVar[_Checks] = (
        ("mid", _MID),
        ("text", _TEXT),
        ("quick_reply_payload", _TEXT),
        ("reply_to_mid", _ID),
        ("reply_to_story_url", _TEXT),
    )

    mid: str = field(kw_only=True)
    text: str | None = field(default=None, kw_only=True)
    quick_reply_payload: str | None = field(default=None, kw_only=True)
    reply_to_mid: str | None = field(default=None, kw_only=True)
    reply_to_story_url: str | None = field(default=None, kw_only=True)
    attachments: tuple[Attachment, ...] = field(
        default=(), kw_only=True, converter=_attachments
    )


@frozen
class Echo(_Sent):
    """A message the page itself sent, echoed back (``message.is_echo``).

    Attributes:
        channel: ``Channel.MESSENGER`` or ``Channel.INSTAGRAM_DIRECT``.
        page_id: The page that sent it.
        customer_id: The recipient's page-scoped id.
        timestamp: When it was sent (UTC).
        mid: The message id.
        text: The text, if any.
        app_id: The app that sent it; ``None`` when a person typed it in the
            page inbox.
        metadata: The ``metadata`` string the sending app attached, if any.
        attachments: ``attachments[]``, in order.
    """

    _checks: ClassVar[_Checks] = (
        ("mid", _MID),
        ("text", _TEXT),
        ("app_id", _ID),
        ("metadata", _TEXT),
    )

    mid: str = field(kw_only=True)
    text: str | None = field(default=None, kw_only=True)
    app_id: str | None = field(default=None, kw_only=True)
    metadata: str | None = field(default=None, kw_only=True)
    attachments: tuple[Attachment, ...] = field(
        default=(), kw_only=True, converter=_attachments
    )

    @property
    def is_automated(self) -> bool:
        """An app sent it (``app_id`` is set): an automated sender."""
        return self.app_id is not None


@frozen
class MessageDeleted(_Sent):
    """The customer unsent a message (Instagram ``message.is_deleted``).

    Attributes:
        channel: Usually ``Channel.INSTAGRAM_DIRECT``.
        page_id: The account written to.
        customer_id: The sender's scoped id.
        timestamp: When it was unsent (UTC).
        mid: The id of the message taken back.
    """

    _checks: ClassVar[_Checks] = (("mid", _MID),)

    mid: str = field(kw_only=True)


@frozen
class Postback(_Sent):
    """The customer tapped a button (``postback``).

    Attributes:
        channel: ``Channel.MESSENGER`` or ``Channel.INSTAGRAM_DIRECT``.
        page_id: The page.
        customer_id: Who tapped.
        timestamp: When (UTC).
        title: The button's title, if sent.
        payload: The button's payload, if sent.
        mid: The postback's message id (Instagram sends one), if any.
        referral: How the customer arrived, if sent.
    """

    _checks: ClassVar[_Checks] = (
        ("title", _TEXT),
        ("payload", _TEXT),
        ("mid", _ID),
        ("referral", _REFERRAL),
    )

    title: str | None = field(default=None, kw_only=True)
    payload: str | None = field(default=None, kw_only=True)
    mid: str | None = field(default=None, kw_only=True)
    referral: Referral | None = field(default=None, kw_only=True)


@frozen
class Read(_Sent):
    """The customer read the page's messages.

    Messenger sends ``read.watermark``: every message sent before it was
    read. Instagram (``messaging_seen``) sends ``read.mid``: that message
    was seen.

    Attributes:
        channel: ``Channel.MESSENGER`` or ``Channel.INSTAGRAM_DIRECT``.
        page_id: The page.
        customer_id: Who read.
        timestamp: When (UTC).
        watermark: Messages sent before this instant were read, if given.
        mid: The message seen, if given.
    """

    _checks: ClassVar[_Checks] = (
        ("watermark", _TIME),
        ("mid", _ID),
    )

    watermark: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key
    )
    mid: str | None = field(default=None, kw_only=True)


@frozen
class Delivery(_OnPage):
    """The page's messages reached the customer's device.

    Meta often sends no ``timestamp`` for a delivery, so it is optional
    here; ``watermark`` says every message before it was delivered.

    Attributes:
        channel: ``Channel.MESSENGER`` or ``Channel.INSTAGRAM_DIRECT``.
        page_id: The page.
        customer_id: Whose device.
        timestamp: When, if sent (UTC).
        watermark: Messages sent before this instant were delivered.
        mids: The ids of the messages delivered, when listed.
    """

    customer_id: str = field(kw_only=True, validator=non_empty_str)
    timestamp: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key, validator=_optional_aware
    )
    watermark: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key, validator=_optional_aware
    )
    mids: tuple[str, ...] = field(default=(), kw_only=True, converter=_strings)


class HandoverKind(enum.Enum):
    """Which handover-protocol move happened."""

    PASS = "pass_thread_control"
    """Another app passed the thread to this one."""
    TAKE = "take_thread_control"
    """The primary receiver took the thread from this app."""


@frozen
class Handover(_Sent):
    """Thread control changed hands (Messenger handover protocol).

    Attributes:
        channel: ``Channel.MESSENGER`` or ``Channel.INSTAGRAM_DIRECT``.
        page_id: The page.
        customer_id: Whose thread.
        timestamp: When (UTC).
        kind: Passed to this app, or taken from it.
        new_owner_app_id: The app that owns the thread now, if given.
        previous_owner_app_id: The app that owned it before; ``None`` when
            the thread was idle.
        metadata: The string the moving app attached, if any.
    """

    _checks: ClassVar[_Checks] = (
        ("kind", _HANDOVER),
        ("new_owner_app_id", _ID),
        ("previous_owner_app_id", _ID),
        ("metadata", _TEXT),
    )

    kind: HandoverKind = field(kw_only=True)
    new_owner_app_id: str | None = field(default=None, kw_only=True)
    previous_owner_app_id: str | None = field(default=None, kw_only=True)
    metadata: str | None = field(default=None, kw_only=True)


@frozen
class Unknown(_OnPage):
    """An event carekit does not model (a reaction, an opt-in, a referral
    without postback...), reported rather than dropped.

    Attributes:
        channel: ``Channel.MESSENGER`` or ``Channel.INSTAGRAM_DIRECT``.
        page_id: The entry's page.
        path: Where the event sits in the payload
            (``entry[0].messaging[2]``), to read it there.
        keys: The event's keys other than ``sender``, ``recipient`` and
            ``timestamp``, sorted: what kind of event it is.
        customer_id: The sender's id, when the event names one.
        timestamp: When, if the event says (UTC).
    """

    path: str = field(kw_only=True, validator=non_empty_str)
    keys: tuple[str, ...] = field(default=(), kw_only=True, converter=_keys)
    customer_id: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    timestamp: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key, validator=_optional_aware
    )


StandbyEvent: TypeAlias = (
    MessageReceived
    | Echo
    | MessageDeleted
    | Postback
    | Read
    | Delivery
    | Handover
    | Unknown
)
"""What a standby event can be: any event but another standby."""
_STANDBY_EVENTS = (
    MessageReceived,
    Echo,
    MessageDeleted,
    Postback,
    Read,
    Delivery,
    Handover,
    Unknown,
)


def _standby_event(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) not in _STANDBY_EVENTS:
        raise InvalidValue("event", value, "must be a webhook event other than Standby")


@frozen
class Standby(_OnPage):
    """An event that reached the app while another app owns the thread
    (``entry[].standby[]``). The app may watch, but must not answer.

    Attributes:
        channel: ``Channel.MESSENGER`` or ``Channel.INSTAGRAM_DIRECT``.
        page_id: The entry's page.
        event: The event itself, parsed as if it had come in ``messaging``.
    """

    event: StandbyEvent = field(kw_only=True, validator=_standby_event)

    @property
    def customer_id(self) -> str | None:
        """The customer of the wrapped event."""
        return self.event.customer_id


WebhookInput: TypeAlias = StandbyEvent | Standby
"""Every input :func:`parse_webhook` returns."""

_MAX_MILLIS = 253402300800000  # 10000-01-01

_ENVELOPE_KEYS = frozenset({"sender", "recipient", "timestamp"})
"""Keys every event may carry besides what makes it one kind or another."""


def parse_webhook(payload: object) -> tuple[WebhookInput, ...]:
    """The inputs in a Messenger or Instagram webhook payload, in order.

    Args:
        payload: The parsed JSON body: ``{"object": "page" | "instagram",
            "entry": [...]}``.

    Returns:
        One input per event: each entry's ``messaging[]`` first, then its
        ``standby[]`` (as :class:`Standby`), entry by entry.

    Raises:
        InvalidValue: Something is malformed; ``field`` is its path
            (``object``, ``entry[0].messaging[0].sender``...).

    >>> payload = {"object": "page", "entry": [{"id": "1", "time": 1700000000000,
    ...     "messaging": [{"sender": {"id": "u"}, "recipient": {"id": "1"},
    ...     "timestamp": 1700000000000, "message": {"mid": "m.1", "text": "hi"}}]}]}
    >>> (received,) = parse_webhook(payload)
    >>> received.text
    'hi'
    """
    body = p.mapping(payload, "")
    kind = body.get("object")
    channel = OBJECTS.get(kind) if type(kind) is str else None
    if channel is None:
        raise InvalidValue("object", kind, "must be 'page' or 'instagram'")
    if "entry" not in body:
        raise InvalidValue("entry", None, "is required")
    inputs: list[WebhookInput] = []
    for i, entry in enumerate(p.items(body, "entry", "")):
        path = f"entry[{i}]"
        entry = p.mapping(entry, path)
        page_id = p.identifier(entry, "id", path)
        for j, event in enumerate(p.items(entry, "messaging", path)):
            inputs.append(_event(event, f"{path}.messaging[{j}]", channel, page_id))
        for j, event in enumerate(p.items(entry, "standby", path)):
            inner = _event(event, f"{path}.standby[{j}]", channel, page_id)
            inputs.append(Standby(channel, page_id, event=inner))
    return tuple(inputs)


def _event(value: object, path: str, channel: Channel, page_id: str) -> StandbyEvent:
    """One event of ``messaging[]`` or ``standby[]``."""
    event = p.mapping(value, path)
    message = p.optional_mapping(event, "message", path)
    if message is not None:
        return _message(event, message, path, channel)
    for key, parse in _PARSERS:
        if key in event:
            return parse(event, path, channel)
    sender = p.optional_mapping(event, "sender", path)
    stamp = event.get("timestamp")
    return Unknown(
        channel,
        page_id,
        path=path,
        keys=sorted(set(event) - _ENVELOPE_KEYS),
        customer_id=None
        if sender is None
        else p.identifier(sender, "id", f"{path}.sender"),
        timestamp=None if stamp is None else p.instant(stamp, f"{path}.timestamp"),
    )


def _party(event: Mapping[str, Any], key: str, path: str) -> str:
    """The id of ``sender`` or ``recipient``: both are required."""
    party = event.get(key)
    if type(party) is dict:  # the common case, checked inline
        ident = party.get("id")
        if type(ident) is str and ident and not ident.isspace():
            return ident
    where = p.join(path, key)
    if party is None:
        raise InvalidValue(where, None, "is required")
    return p.identifier(p.mapping(party, where), "id", where)


def _timestamp(event: Mapping[str, Any], path: str) -> dt.datetime:
    stamp = event.get("timestamp")
    if type(stamp) is int and p.SECONDS_BELOW <= stamp < _MAX_MILLIS:
        return p.EPOCH + dt.timedelta(milliseconds=stamp)
    if stamp is None:
        raise InvalidValue(p.join(path, "timestamp"), None, "is required")
    return p.instant(stamp, p.join(path, "timestamp"))


def _inbound(event: Mapping[str, Any], path: str) -> tuple[str, str, dt.datetime]:
    """(page id, customer id, timestamp) of an event the customer caused."""
    customer = _party(event, "sender", path)
    page = _party(event, "recipient", path)
    return page, customer, _timestamp(event, path)


def _attachment_list(message: Mapping[str, Any], path: str) -> tuple[Attachment, ...]:
    found = []
    for k, value in enumerate(p.items(message, "attachments", path)):
        where = f"{path}.attachments[{k}]"
        item = p.mapping(value, where)
        kind = p.text(item, "type", where, required=True)
        if not kind:
            raise InvalidValue(f"{where}.type", kind, "must be a non-empty string")
        payload = p.optional_mapping(item, "payload", where)
        url = None if payload is None else p.text(payload, "url", f"{where}.payload")
        found.append(Attachment(kind, url))
    return tuple(found)


def _mid(message: Mapping[str, Any], path: str) -> str:
    mid = p.text(message, "mid", path, required=True)
    if not mid:
        raise InvalidValue(p.join(path, "mid"), mid, "must be a non-empty string")
    return mid


def _message(
    event: Mapping[str, Any], message: Mapping[str, Any], path: str, channel: Channel
) -> StandbyEvent:
    where = f"{path}.message"
    if message.get("is_echo") is True:
        page = _party(event, "sender", path)
        customer = _party(event, "recipient", path)
        app_id = message.get("app_id")
        return Echo(
            channel,
            page,
            customer_id=customer,
            timestamp=_timestamp(event, path),
            mid=_mid(message, where),
            text=p.text(message, "text", where),
            app_id=None if app_id is None else p.identifier(message, "app_id", where),
            metadata=p.text(message, "metadata", where),
            attachments=_attachment_list(message, where),
        )
    page, customer, when = _inbound(event, path)
    if message.get("is_deleted") is True:
        return MessageDeleted(
            channel,
            page,
            customer_id=customer,
            timestamp=when,
            mid=_mid(message, where),
        )
    quick = p.optional_mapping(message, "quick_reply", where)
    reply = p.optional_mapping(message, "reply_to", where)
    story = (
        None
        if reply is None
        else p.optional_mapping(reply, "story", f"{where}.reply_to")
    )
    return MessageReceived(
        channel,
        page,
        customer_id=customer,
        timestamp=when,
        mid=_mid(message, where),
        text=p.text(message, "text", where),
        quick_reply_payload=None
        if quick is None
        else p.text(quick, "payload", f"{where}.quick_reply"),
        reply_to_mid=None
        if reply is None
        else p.text(reply, "mid", f"{where}.reply_to"),
        reply_to_story_url=None
        if story is None
        else p.text(story, "url", f"{where}.reply_to.story"),
        attachments=_attachment_list(message, where),
    )


def _postback(event: Mapping[str, Any], path: str, channel: Channel) -> Postback:
    page, customer, when = _inbound(event, path)
    where = f"{path}.postback"
    body = p.mapping(event["postback"], where)
    found = p.optional_mapping(body, "referral", where)
    referral = (
        found if found is not None else p.optional_mapping(event, "referral", path)
    )
    at = f"{where}.referral" if found is not None else f"{path}.referral"
    return Postback(
        channel,
        page,
        customer_id=customer,
        timestamp=when,
        title=p.text(body, "title", where),
        payload=p.text(body, "payload", where),
        mid=p.text(body, "mid", where) or None,
        referral=None
        if referral is None
        else Referral(
            p.text(referral, "ref", at),
            p.text(referral, "source", at),
            p.text(referral, "type", at),
        ),
    )


def _read(event: Mapping[str, Any], path: str, channel: Channel) -> Read:
    page, customer, when = _inbound(event, path)
    where = f"{path}.read"
    body = p.mapping(event["read"], where)
    mark = body.get("watermark")
    return Read(
        channel,
        page,
        customer_id=customer,
        timestamp=when,
        watermark=None if mark is None else p.instant(mark, f"{where}.watermark"),
        mid=p.text(body, "mid", where) or None,
    )


def _delivery(event: Mapping[str, Any], path: str, channel: Channel) -> Delivery:
    customer = _party(event, "sender", path)
    page = _party(event, "recipient", path)
    stamp = event.get("timestamp")
    where = f"{path}.delivery"
    body = p.mapping(event["delivery"], where)
    mark = body.get("watermark")
    mids = []
    for k, mid in enumerate(p.items(body, "mids", where)):
        if type(mid) is not str or not mid.strip():
            raise InvalidValue(f"{where}.mids[{k}]", mid, "must be a non-empty string")
        mids.append(mid)
    return Delivery(
        channel,
        page,
        customer_id=customer,
        timestamp=None if stamp is None else p.instant(stamp, f"{path}.timestamp"),
        watermark=None if mark is None else p.instant(mark, f"{where}.watermark"),
        mids=mids,
    )


def _handover(kind: HandoverKind) -> Any:
    def parse(event: Mapping[str, Any], path: str, channel: Channel) -> Handover:
        page, customer, when = _inbound(event, path)
        where = f"{path}.{kind.value}"
        body = p.mapping(event[kind.value], where)
        new = body.get("new_owner_app_id")
        old = body.get("previous_owner_app_id")
        return Handover(
            channel,
            page,
            customer_id=customer,
            timestamp=when,
            kind=kind,
            new_owner_app_id=None
            if new is None
            else p.identifier(body, "new_owner_app_id", where),
            previous_owner_app_id=None
            if old is None
            else p.identifier(body, "previous_owner_app_id", where),
            metadata=p.text(body, "metadata", where),
        )

    return parse


_PARSERS = (
    ("postback", _postback),
    ("read", _read),
    ("delivery", _delivery),
    ("pass_thread_control", _handover(HandoverKind.PASS)),
    ("take_thread_control", _handover(HandoverKind.TAKE)),
)


def _register_plain_data() -> None:
    """A standby event is stored with a ``"type"`` tag naming its class, so
    :func:`carekit.structure` knows which event to build back."""
    from cattrs.strategies import configure_tagged_union

    from carekit.serialization import converter

    configure_tagged_union(
        StandbyEvent, converter, tag_name="type", tag_generator=lambda c: c.__name__
    )


_register_plain_data()
