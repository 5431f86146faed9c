"""Messages, and the log that keeps a conversation's messages.

A :class:`Message` is one message, validated when it is built. A
:class:`MessageLog` is the messages of one conversation in time order: a
read-only sequence of :class:`Message` that stores them as columns (ids,
timestamps, one byte for direction/author/kind/visibility, and the text,
language and author id only when some message has them).

Why columns: a page's history holds millions of messages, and every Python
object that lives long is walked by each full pass of the garbage
collector. Tuples of strings, datetimes and ints, and bytes, are not
tracked, so a log costs the collector one object and its columns, whatever
its length. Reading ``log[i]`` builds an equal :class:`Message`; it is never
the same object that was passed in.

Rules enforced at construction:

- Timestamps are timezone-aware; naive values are refused.
- A message is inbound exactly when a customer wrote it.
- Instant replies, away messages, private notes, surveys and templates are
  things the business sends: they must be outbound.
- A private note is internal, never seen by the customer: it is never
  public.
- The language, when given, is a well-formed BCP 47 tag (RFC 5646).
- Message ids are unique within a log (that is, within a conversation).
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import (
    aware_datetime,
    enum_member,
    is_language_tag,
    non_empty_str,
    optional_non_empty_str,
)
from carekit.errors import InvalidValue

if TYPE_CHECKING:
    from carekit.conversations import Channel

__all__ = [
    "KINDS",
    "AuthorKind",
    "Direction",
    "Message",
    "MessageKind",
    "MessageLog",
    "MessageRecord",
    "Visibility",
    "default_visibility",
]


class _HashedByIdentity(enum.Enum):
    """Members compare by identity, so they may hash by identity too: Enum's
    own ``__hash__`` is Python code, and every message looks its four kinds
    up in ``_CODES`` below."""

    __hash__ = object.__hash__


class Direction(_HashedByIdentity):
    """Who a message travels from: the customer (inbound) or the business."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class AuthorKind(_HashedByIdentity):
    """What wrote a message.

    Automatic messages are written by ``AUTOMATION`` (see
    :class:`MessageKind` for each one); what makes them automatic for the
    metrics is their kind, whoever wrote them.
    """

    CUSTOMER = "customer"
    """The customer; exactly the inbound messages."""
    AGENT = "agent"
    """A human working for the page."""
    BOT = "bot"
    """A bot or API integration answering for the page."""
    AUTOMATION = "automation"
    """The platform's own automatic messages: instant replies, away
    messages, and the surveys and templates it sends by itself."""


class MessageKind(_HashedByIdentity):
    """What an (outbound) message is. Customer messages are always ``REPLY``.

    The automatic messages, all outbound, and how to record them:

    | kind | author | sent |
    | --- | --- | --- |
    | ``INSTANT_REPLY`` | ``AUTOMATION`` | to a customer who starts a new thread |
    | ``AWAY_MESSAGE`` | ``AUTOMATION`` | to a customer who writes while away |
    | ``SURVEY`` | ``AUTOMATION`` (``BOT`` if a bot asks) | to ask for a rating |
    | ``TEMPLATE`` | ``AUTOMATION`` (``BOT`` if a bot sends it) | a prepared message |

    Facebook's page inbox (Internet Retailer, December 2015): "Away
    messages, which automatically reply to messages received when a page is
    set to away [...] Instant replies, which are automatically sent to
    consumers who message the page". None of these kinds, nor a private
    note, ever counts as a response, whoever the author: only a ``REPLY``
    by an agent (or a bot, if the policy says so) does.
    """

    REPLY = "reply"
    """A message a person or bot wrote: every customer message, and the
    page's replies."""
    INSTANT_REPLY = "instant_reply"
    """Sent automatically to a customer who starts a new thread."""
    AWAY_MESSAGE = "away_message"
    """Sent automatically to a customer who writes while the page is away."""
    PRIVATE_NOTE = "private_note"
    """Internal; never seen by the customer, so never ``PUBLIC``."""
    SURVEY = "survey"
    """A request for a rating, such as a satisfaction survey."""
    TEMPLATE = "template"
    """A prepared message sent as it is."""


class Visibility(_HashedByIdentity):
    """Who can read a message: everyone, or only the customer and the page.

    It says where a message is shown, not whether the customer sees it:
    every message but a private note reaches the customer, so a reply counts
    as a response whatever its visibility (see
    :attr:`Message.visible_to_customer`).
    """

    PUBLIC = "public"
    PRIVATE = "private"


_BUSINESS_ONLY = frozenset(MessageKind) - {MessageKind.REPLY}
_PUBLIC, _PRIVATE = Visibility.PUBLIC, Visibility.PRIVATE

Kinds: TypeAlias = tuple[Direction, AuthorKind, MessageKind, Visibility]


def _allowed(kinds: Kinds) -> bool:
    """A message is inbound exactly when a customer wrote it; only outbound
    messages are instant replies, away messages, notes, surveys or
    templates; and a private note, internal and never seen by the
    customer, is never public."""
    direction, author, kind, visibility = kinds
    inbound = direction is Direction.INBOUND
    return (
        inbound == (author is AuthorKind.CUSTOMER)
        and not (inbound and kind in _BUSINESS_ONLY)
        and not (kind is MessageKind.PRIVATE_NOTE and visibility is _PUBLIC)
    )


KINDS: tuple[Kinds, ...] = tuple(
    kinds
    for kinds in itertools.product(Direction, AuthorKind, MessageKind, Visibility)
    if _allowed(kinds)
)
"""Every allowed (direction, author, kind, visibility), by its one-byte code."""
#: The code of each allowed combination: looking one up checks all four
#: types and both direction rules at once.
_CODES: dict[Kinds, int] = {kinds: code for code, kinds in enumerate(KINDS)}


def default_visibility(
    channel: Channel, kind: MessageKind = MessageKind.REPLY
) -> Visibility:
    """The visibility a message of *kind* has on *channel* unless told
    otherwise: ``PUBLIC`` on a channel where everyone reads the exchange
    (``Channel.is_public``: a public Twitter/X reply thread, a Facebook
    comment), ``PRIVATE`` elsewhere; a private note is always ``PRIVATE``.

    Raises:
        InvalidValue: *channel* is not a ``Channel`` or *kind* not a
            :class:`MessageKind`.

    >>> from carekit.conversations import Channel
    >>> default_visibility(Channel.TWITTER_PUBLIC)
    <Visibility.PUBLIC: 'public'>
    >>> default_visibility(Channel.TWITTER_PUBLIC, MessageKind.PRIVATE_NOTE)
    <Visibility.PRIVATE: 'private'>
    """
    from carekit.conversations import Channel  # it imports this module

    if type(channel) is not Channel:
        raise InvalidValue("channel", channel, "must be a Channel")
    if type(kind) is not MessageKind:
        raise InvalidValue("kind", kind, "must be a MessageKind")
    public = channel.is_public and kind is not MessageKind.PRIVATE_NOTE
    return _PUBLIC if public else _PRIVATE


def _explain(message: Message) -> None:
    """Raise the precise error for a message that failed the fast check."""
    for name, check in _MESSAGE_CHECKS:
        check(message, attrs.fields_dict(Message)[name], getattr(message, name))
    if not isinstance(message.text, str):
        raise InvalidValue("text", message.text, "must be a string")
    if message.language is not None and not is_language_tag(message.language):
        raise InvalidValue(
            "language",
            message.language,
            "must be a well-formed BCP 47 tag (RFC 5646) such as 'en-GB'",
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
    if message.kind is MessageKind.PRIVATE_NOTE and message.visibility is _PUBLIC:
        raise InvalidValue(
            "visibility",
            message.visibility.value,
            "a private note is internal, never seen by the customer: "
            "it cannot be public",
        )


@frozen
class Message:
    """One message in a conversation.

    Rules, checked when it is built (each raises ``InvalidValue`` naming the
    field): the timestamp is timezone-aware; a message is inbound exactly
    when a customer wrote it; instant replies, away messages, private notes,
    surveys and templates are outbound; a private note is never ``PUBLIC``;
    the language is a well-formed BCP 47 tag.

    Automatic messages are outbound, written by ``AuthorKind.AUTOMATION``,
    with their own kind: ``INSTANT_REPLY``, ``AWAY_MESSAGE``, ``SURVEY`` or
    ``TEMPLATE`` (a bot's survey or template has author ``BOT``). None of
    them ever counts as a response; see :class:`MessageKind`.

    Visibility: built directly, a message is ``PRIVATE`` unless told
    otherwise. :meth:`for_channel` gives it the channel's default instead
    (``PUBLIC`` on a public channel), which is what a message in a
    conversation on that channel should carry. Either way a response is any
    customer-visible agent reply (every kind but a private note reaches the
    customer), public or private.

    Two messages are equal when their fields are, the timestamps compared
    by instant (never by wall clock).

    Attributes:
        id: Unique within its conversation.
        timestamp: When it was sent (timezone-aware).
        direction: Inbound (from the customer) or outbound (from the page).
        author: What wrote it; inbound exactly when ``CUSTOMER``.
        kind: What an outbound message is (reply, instant reply, away message,
            private note, survey, template); customer messages are replies.
        visibility: Public (everyone can read it) or private; never public
            for a private note.
        text: The message text.
        language: BCP 47 tag, if known.
        author_id: The agent or bot that wrote it, if known (for crediting).
    """

    # Validation lives in __attrs_post_init__: analytics build millions of
    # messages, and one combined check costs a fifth of nine validator calls.
    id: str
    timestamp: dt.datetime = field(eq=instant_key)
    direction: Direction
    author: AuthorKind
    kind: MessageKind = field(default=MessageKind.REPLY, kw_only=True)
    visibility: Visibility = field(default=Visibility.PRIVATE, kw_only=True)
    text: str = field(default="", kw_only=True)
    language: str | None = field(default=None, kw_only=True)
    author_id: str | None = field(default=None, kw_only=True)

    @classmethod
    def for_channel(
        cls,
        channel: Channel,
        id: str,
        timestamp: dt.datetime,
        direction: Direction,
        author: AuthorKind,
        *,
        kind: MessageKind = MessageKind.REPLY,
        visibility: Visibility | None = None,
        text: str = "",
        language: str | None = None,
        author_id: str | None = None,
    ) -> Message:
        """A message in a conversation on *channel*, whose visibility unless
        given is the channel's default (:func:`default_visibility`):
        ``PUBLIC`` on a public channel (a public Twitter/X reply, a Facebook
        comment), ``PRIVATE`` elsewhere, and always ``PRIVATE`` for a note.

        Raises:
            InvalidValue: *channel* is not a ``Channel``, or the message
                breaks a rule of :class:`Message`.

        >>> import datetime as dt
        >>> from carekit.conversations import Channel
        >>> reply = Message.for_channel(
        ...     Channel.FACEBOOK_COMMENT, "m2", dt.datetime(2024, 5, 6, tzinfo=dt.UTC),
        ...     Direction.OUTBOUND, AuthorKind.AGENT, text="Sorry! Sending a DM.",
        ... )
        >>> reply.visibility
        <Visibility.PUBLIC: 'public'>
        """
        default = default_visibility(channel, kind)
        return cls(
            id,
            timestamp,
            direction,
            author,
            kind=kind,
            visibility=default if visibility is None else visibility,
            text=text,
            language=language,
            author_id=author_id,
        )

    def __attrs_post_init__(self) -> None:
        try:
            allowed = (
                self.direction,
                self.author,
                self.kind,
                self.visibility,
            ) in _CODES
        except TypeError:  # an unhashable value where an enum member belongs
            allowed = False
        ident, moment = self.id, self.timestamp
        author_id, language = self.author_id, self.language
        if not (
            allowed
            and type(ident) is str
            and ident
            and not ident.isspace()
            and isinstance(moment, dt.datetime)
            and moment.tzinfo is not None
            and moment.utcoffset() is not None
            and type(self.text) is str
            and (language is None or is_language_tag(language))
            and (author_id is None or (type(author_id) is str and author_id.strip()))
        ):
            _explain(self)

    @property
    def visible_to_customer(self) -> bool:
        """False only for private notes, which stay inside the business; a
        public and a private reply both reach the customer."""
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
_FIELDS = tuple(a.name for a in attrs.fields(Message))
_OPTIONAL = _FIELDS[4:]  # keyword-only, with defaults

MessageRecord: TypeAlias = (
    tuple[str, dt.datetime, Direction, AuthorKind]
    | tuple[str, dt.datetime, Direction, AuthorKind, MessageKind]
    | tuple[str, dt.datetime, Direction, AuthorKind, MessageKind, Visibility]
    | tuple[str, dt.datetime, Direction, AuthorKind, MessageKind, Visibility, str]
    | tuple[
        str,
        dt.datetime,
        Direction,
        AuthorKind,
        MessageKind,
        Visibility,
        str,
        str | None,
    ]
    | tuple[
        str,
        dt.datetime,
        Direction,
        AuthorKind,
        MessageKind,
        Visibility,
        str,
        str | None,
        str | None,
    ]
)
"""A message as a plain tuple of 4 to 9 items in :class:`Message`'s field
order, with its defaults for the rest: ``(id, timestamp, direction, author,
kind, visibility, text, language, author_id)``. Six items, ``(id,
timestamp, direction, author, kind, visibility)``, is the fast form."""

Details: TypeAlias = tuple[str, str | None, str | None]
_NO_DETAILS: Details = ("", None, None)

Columns: TypeAlias = tuple[
    tuple[str, ...],
    tuple[dt.datetime, ...],
    tuple[int, ...],
    bytes,
    tuple[Details, ...],
]
"""A :class:`MessageLog`'s columns, private to this module: ids, timestamps,
epoch microseconds, one code per message (an index into :data:`KINDS`) and
the (text, language, author id) of each message, or nothing when no message
has any. A tuple of untracked values, so the garbage collector skips it."""


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_BEFORE_ALL = -(10**20)  # below any datetime's microseconds since 1970
# The base class's subtraction: exact to the microsecond (a float of epoch
# seconds is not, past the year 2242) and never pendulum's Interval object.
_ELAPSED = dt.datetime.__sub__
_set = object.__setattr__


def _assemble(ident: str, moment: dt.datetime, code: int, details: Details) -> Message:
    """A :class:`Message` from a log's columns, which were validated on the
    way in: built without checking them again."""
    message = object.__new__(Message)
    direction, author, kind, visibility = KINDS[code]
    text, language, author_id = details
    for name, value in zip(
        _FIELDS,
        (ident, moment, direction, author, kind, visibility, text, language, author_id),
        strict=True,
    ):
        _set(message, name, value)
    return message


def _aware(moment: dt.datetime) -> bool:
    """Message's own test of a timestamp, for datetime subclasses."""
    return moment.tzinfo is not None and moment.utcoffset() is not None


def _code_of(message: Message) -> int:
    """The one-byte code of a message's direction, author, kind and visibility."""
    code = _CODES.get(
        (message.direction, message.author, message.kind, message.visibility)
    )
    if code is None:  # only for a message altered after it was built
        _explain(message)
        raise InvalidValue("message", message, "must be a valid Message")
    return code


def _from_record(index: int, record: object) -> Message:
    """The :class:`Message` a record describes; errors name ``records[i].field``."""
    if not isinstance(record, tuple | list) or not 4 <= len(record) <= len(_FIELDS):
        raise InvalidValue(
            f"records[{index}]",
            record,
            "must be a tuple (id, timestamp, direction, author, "
            "[kind, visibility, text, language, author_id])",
        )
    ident, moment, direction, author, *rest = record
    try:
        return Message(
            ident, moment, direction, author, **dict(zip(_OPTIONAL, rest, strict=False))
        )
    except InvalidValue as exc:
        raise InvalidValue(
            f"records[{index}].{exc.field}", exc.value, exc.rule
        ) from None


@frozen(init=False, repr=False)
class MessageLog(Sequence[Message]):
    """The messages of one conversation, in time order, stored as columns.

    A read-only sequence of :class:`Message`: ``len``, indexing (a slice
    gives a tuple), iteration, ``in``. Messages with equal timestamps keep
    the order they were given in. Two logs are equal when they hold equal
    messages in the same order.

    Build one from messages, ``MessageLog([message, ...])``, or from plain
    tuples, :meth:`from_records`, which builds no :class:`Message` at all.

    Its columns are :attr:`ids`, :attr:`timestamps` and
    :attr:`epoch_micros`, and :meth:`kinds` or :meth:`codes`; all of them
    are read without building a :class:`Message`.
    """

    # The columns, each untracked by the garbage collector (see the module
    # docstring); equality compares instants, not the timestamps as
    # written, so two logs are equal exactly when their messages are (by
    # instant, as for :class:`Message`: 02:30 before and after clocks fall
    # back are an hour apart).
    _ids: tuple[str, ...]
    _stamps: tuple[dt.datetime, ...] = field(eq=False)
    _micros: tuple[int, ...]
    _codes: bytes
    _details: tuple[Details, ...]

    def __init__(self, messages: Iterable[Message] = ()) -> None:
        """Keep *messages*, sorted by time.

        Raises:
            InvalidValue: ``messages`` is not an iterable of :class:`Message`
                (the error names ``messages[i]``), or two share an id.
        """
        try:
            items: tuple[Any, ...] = tuple(messages)
        except TypeError:
            raise InvalidValue(
                "messages", messages, "must be an iterable of Message"
            ) from None
        ids: list[str] = []
        stamps: list[dt.datetime] = []
        micros: list[int] = []
        codes = bytearray()
        details: list[Details] = []
        plain, last, ordered = True, _BEFORE_ALL, True
        for index, message in enumerate(items):
            if message.__class__ is not Message and not isinstance(message, Message):
                raise InvalidValue(f"messages[{index}]", message, "must be a Message")
            extra = (message.text, message.language, message.author_id)
            details.append(extra)
            if plain and extra != _NO_DETAILS:
                plain = False
            micro = _ELAPSED(message.timestamp, _EPOCH) // _MICROSECOND
            if micro < last:
                ordered = False
            last = micro
            ids.append(message.id)
            stamps.append(message.timestamp)
            micros.append(micro)
            codes.append(_code_of(message))
        self.__attrs_init__(
            *_in_time_order(
                ids,
                stamps,
                micros,
                codes,
                () if plain else details,
                ordered,
                "messages",
            )
        )

    @classmethod
    def from_records(cls, records: Iterable[MessageRecord]) -> MessageLog:
        """A log from plain tuples, checked by the same rules as :class:`Message`.

        The fast way to load a history: no :class:`Message` is built for a
        six-item record ``(id, timestamp, direction, author, kind,
        visibility)``. Shorter or longer records follow :class:`Message`'s
        field order and defaults.

        Raises:
            InvalidValue: A record breaks a rule; the error names it as
                ``records[i].field`` (``records[i]`` when it is not a tuple of
                4 to 9 items), or two records share an id.
        """
        log: MessageLog = cls.__new__(cls)
        log.__attrs_init__(*_columns_of_records(records))
        return log

    @property
    def ids(self) -> tuple[str, ...]:
        """The message ids, in time order."""
        return self._ids

    @property
    def timestamps(self) -> tuple[dt.datetime, ...]:
        """The message timestamps, in time order, as given (any timezone)."""
        return self._stamps

    @property
    def epoch_micros(self) -> tuple[int, ...]:
        """Each message's instant as whole microseconds since 1970-01-01T00:00Z:
        exact for any aware timestamp (a float of seconds is not, past the
        year 2242), and the order of the log."""
        return self._micros

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, index: int) -> Message: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Message, ...]: ...
    def __getitem__(self, index: int | slice) -> Message | tuple[Message, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        details = self._details
        extra = details[index] if details else _NO_DETAILS
        return _assemble(
            self._ids[index], self._stamps[index], self._codes[index], extra
        )

    def __iter__(self) -> Iterator[Message]:
        ids, stamps, codes, details = (
            self._ids,
            self._stamps,
            self._codes,
            self._details,
        )
        for ident, moment, code, extra in zip(
            ids, stamps, codes, details or (_NO_DETAILS,) * len(codes), strict=True
        ):
            yield _assemble(ident, moment, code, extra)

    def __repr__(self) -> str:
        return f"MessageLog({list(self)!r})"

    def kinds(self) -> Iterator[Kinds]:
        """Each message's ``(direction, author, kind, visibility)``, in order,
        without building the messages."""
        return (KINDS[code] for code in self._codes)

    def codes(self) -> bytes:
        """Each message's kinds as one byte: an index into :data:`KINDS`."""
        return self._codes


def _columns_of_records(records: Iterable[MessageRecord]) -> Columns:
    """The columns of *records*, for :meth:`MessageLog.from_records`.

    Raises:
        InvalidValue: As :meth:`MessageLog.from_records`.
    """
    ids: list[str] = []
    stamps: list[dt.datetime] = []
    micros: list[int] = []
    codes = bytearray()
    add_id, add_stamp, add_micro, add_code = (
        ids.append,
        stamps.append,
        micros.append,
        codes.append,
    )
    details: list[Details] | None = None  # until a record has any
    last, ordered = _BEFORE_ALL, True
    code_of, elapsed, epoch, tick = _CODES, _ELAPSED, _EPOCH, _MICROSECOND
    plain = dt.datetime
    try:
        rows: Iterator[Any] = iter(records)  # any length until it is unpacked
    except TypeError:
        raise InvalidValue(
            "records", records, "must be an iterable of records"
        ) from None
    for record in rows:
        # The fast check, inlined: the dict look-up checks the four kinds
        # and both direction rules; subtracting the (aware) epoch from a
        # plain datetime raises TypeError for a naive one.
        try:
            ident, moment, direction, author, kind, visibility = record
            code = code_of[direction, author, kind, visibility]
            if moment.__class__ is not plain:
                raise TypeError  # a subclass's own subtraction may differ
            micro = (moment - epoch) // tick
        except (TypeError, ValueError, KeyError):
            code = -1
        if (
            code < 0
            or record.__class__ is not tuple
            or ident.__class__ is not str
            or not ident
            or ident.isspace()
        ):
            # Anything else (a list, a named tuple, 4 to 9 items, a datetime
            # subclass, or a bad value) goes through Message and its errors.
            index = len(ids)
            message = _from_record(index, record)
            ident, moment, code = message.id, message.timestamp, _code_of(message)
            micro = elapsed(moment, epoch) // tick
            extra = (message.text, message.language, message.author_id)
            if details is None and extra != _NO_DETAILS:
                details = [_NO_DETAILS] * index  # the records before it
            if details is not None:
                details.append(extra)
        elif details is not None:
            details.append(_NO_DETAILS)
        if micro < last:
            ordered = False
        last = micro
        add_id(ident)
        add_stamp(moment)
        add_micro(micro)
        add_code(code)
    return _in_time_order(ids, stamps, micros, codes, details or (), ordered, "records")


def _in_time_order(
    ids: Sequence[str],
    stamps: Sequence[dt.datetime],
    micros: Sequence[int],
    codes: bytes | bytearray,
    details: Sequence[Details],
    ordered: bool,
    name: str,
) -> Columns:
    """A log's columns by instant, a stable sort (ties keep the given order)
    unless they are *ordered* already; *details* is empty or one per message.

    Raises:
        InvalidValue: Two messages share an id; the second is named as
            ``name[i].id``.
    """
    if len(ids) > 1 and len(set(ids)) != len(ids):
        seen: set[str] = set()
        for index, ident in enumerate(ids):
            if ident in seen:
                raise InvalidValue(
                    f"{name}[{index}].id", ident, "message ids must be unique"
                )
            seen.add(ident)
    if not ordered:
        order = sorted(range(len(micros)), key=micros.__getitem__)
        ids = [ids[i] for i in order]
        stamps = [stamps[i] for i in order]
        micros = [micros[i] for i in order]
        codes = bytearray(codes[i] for i in order)
        details = [details[i] for i in order] if details else details
    return (
        tuple(ids),
        tuple(stamps),
        tuple(micros),
        bytes(codes),
        tuple(details),
    )


def log_columns(log: MessageLog) -> tuple[tuple[int, ...], bytes]:
    """Package-private: a log's epoch microseconds and its codes (indices
    into :data:`KINDS`), read in place.

    The one accessor the responsiveness engine reads a conversation's
    messages through (named in ``docs/design.md``); not part of the public
    API, which offers :attr:`MessageLog.epoch_micros` and
    :meth:`MessageLog.codes`.
    """
    return log._micros, log._codes
