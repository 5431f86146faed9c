"""The "Customer Support on Twitter" export, as carekit conversations.

The export (published on Kaggle by Thought Vector, 2017) has one row per
tweet, with the columns :data:`COLUMNS`:

=============================  ==============================================
column                         read as
=============================  ==============================================
``tweet_id``                   the message id; an int, a string of digits, or
                               a float written ``3.0`` by a tool that loaded
                               the file (``3.5`` is refused)
``author_id``                  the brand's handle (``AppleSupport``) on an
                               outbound tweet, the customer's id on an
                               inbound one
``inbound``                    ``True``/``False``, as text or bool: the tweet
                               comes from a customer
``created_at``                 ``Tue Oct 31 22:10:47 +0000 2017``
``text``                       kept verbatim: Twitter's HTML entities
                               (``&amp;``), emoji and line breaks included
``response_tweet_id``          a comma-separated list of the replies' ids
``in_response_to_tweet_id``    the parent tweet's id, or empty
=============================  ==============================================

:func:`thread_tweets` reads the rows (dicts from ``csv.DictReader`` or
tuples in that column order) and builds one
:class:`~carekit.conversations.Conversation` per reply tree, per brand, per
customer. The rule:

- A **reply tree** is a tweet with no parent in the export and all its
  replies, transitively. A parent is ``in_response_to_tweet_id``; when that
  is empty, a tweet listing this one in ``response_tweet_id`` (the lowest
  id if several do). A parent absent from the export makes a new tree.
- A **brand tweet** belongs to the conversation of its brand with the
  customer of the nearest customer tweet above it. With none above it the
  brand opened the tree and no customer has written yet: it is reported as
  :attr:`UnthreadedReason.BRAND_OPENED`.
- A **customer tweet** belongs to the conversation with the brand it
  replies to (the nearest brand tweet above it), and with every brand that
  answers this customer below it. A tweet several brands answered is in
  each of their conversations: it asked each of them. A customer tweet that
  names no brand this way is reported as :attr:`UnthreadedReason.UNANSWERED`.
- **Order**: by time; tweets with equal timestamps by reply depth, then id.

Every tweet is either in at least one conversation or reported, never both;
a brand tweet is in exactly one. Messages are public
(``Channel.TWITTER_PUBLIC``); brand tweets are agent replies credited to
the brand's handle (``author_id``).

Reading the file stays the caller's job; open it with ``newline=""`` so a
bare ``\\r`` inside a tweet stays in its text instead of splitting the row::

    with open("twcs.csv", newline="", encoding="utf-8") as file:  # io-ok: docs
        export = thread_tweets(csv.DictReader(file))
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
from attrs import field, frozen

from carekit._validate import non_empty_str
from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue
from carekit.messages import (
    AuthorKind,
    Direction,
    MessageKind,
    MessageRecord,
    Visibility,
)

__all__ = [
    "COLUMNS",
    "ThreadedExport",
    "UnthreadedReason",
    "UnthreadedTweet",
    "thread_tweets",
]

COLUMNS = (
    "tweet_id",
    "author_id",
    "inbound",
    "created_at",
    "text",
    "response_tweet_id",
    "in_response_to_tweet_id",
)
"""The export's columns, in file order (the order of a tuple row)."""
_EXACT_FLOAT = 2**53
_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ],
        start=1,
    )
}
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DATE_RULE = "must look like 'Tue Oct 31 22:10:47 +0000 2017'"
_BOOLS = {"True": True, "False": False, "true": True, "false": False}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_FIRST_SECOND = -62135596800  # 0001-01-01T00:00:00Z
_LAST_SECOND = 253402300799  # 9999-12-31T23:59:59Z
_INBOUND = (
    Direction.INBOUND,
    AuthorKind.CUSTOMER,
    MessageKind.REPLY,
    Visibility.PUBLIC,
)
_OUTBOUND = (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.REPLY, Visibility.PUBLIC)


class UnthreadedReason(enum.Enum):
    """Why a tweet is in no conversation."""

    BRAND_OPENED = "brand_opened"
    """A brand tweet with no customer tweet above it: the brand opened the
    tree, and no customer has written yet."""
    UNANSWERED = "unanswered"
    """A customer tweet that replies to no brand and that no brand answered:
    it names no brand to hold a conversation with."""


@frozen
class UnthreadedTweet:
    """A tweet of the export that is in no conversation, and why.

    Attributes:
        tweet_id: Its id, normalized.
        reason: Why it is in no conversation.
    """

    tweet_id: str = field(validator=non_empty_str)
    reason: UnthreadedReason = field(
        validator=attrs.validators.instance_of(UnthreadedReason)
    )


def _conversation_tuple(value: Iterable[Conversation]) -> tuple[Conversation, ...]:
    found = tuple(value)
    for item in found:
        if type(item) is not Conversation:
            raise InvalidValue("conversations", item, "each must be a Conversation")
    return found


def _brand_tuple(value: Iterable[str]) -> tuple[str, ...]:
    found = tuple(value)
    for item in found:
        if type(item) is not str or not item.strip():
            raise InvalidValue("brands", item, "each must be a non-empty string")
    return found


def _unthreaded_tuple(value: Iterable[UnthreadedTweet]) -> tuple[UnthreadedTweet, ...]:
    found = tuple(value)
    for item in found:
        if type(item) is not UnthreadedTweet:
            raise InvalidValue("unthreaded", item, "each must be an UnthreadedTweet")
    return found


@frozen
class ThreadedExport:
    """The conversations of an export, each with its brand, and the tweets
    that are in none.

    Attributes:
        conversations: One per reply tree, brand and customer, ordered by
            root tweet id, brand, customer.
        brands: ``brands[i]`` is the brand (its handle) of
            ``conversations[i]``.
        unthreaded: The tweets in no conversation, by id.
    """

    conversations: tuple[Conversation, ...] = field(converter=_conversation_tuple)
    brands: tuple[str, ...] = field(converter=_brand_tuple)
    unthreaded: tuple[UnthreadedTweet, ...] = field(
        default=(), kw_only=True, converter=_unthreaded_tuple
    )

    def __attrs_post_init__(self) -> None:
        if len(self.brands) != len(self.conversations):
            raise InvalidValue(
                "brands", len(self.brands), "must name one brand per conversation"
            )

    def brand_names(self) -> tuple[str, ...]:
        """Every brand with a conversation, sorted."""
        return tuple(sorted(set(self.brands)))

    def for_brand(self, brand: str) -> tuple[Conversation, ...]:
        """The conversations of *brand*, in order."""
        return tuple(
            c
            for c, b in zip(self.conversations, self.brands, strict=True)
            if b == brand
        )


def _id_from_text(value: str, path: str) -> str:
    text = value.strip()
    if text.isdigit() and text.isascii():
        return str(int(text))
    whole, dot, fraction = text.partition(".")
    if dot and whole.isdigit() and whole.isascii() and fraction.strip("0") == "":
        return str(int(whole))
    raise InvalidValue(path, value, "must be a whole, non-negative tweet id")


def _id(value: object, path: str) -> str:
    """A tweet id as its canonical digits: ``119237``, ``"119237"`` and
    ``119237.0`` are the same id; ``3.5`` is refused."""
    kind = type(value)
    if kind is str:
        return _id_from_text(value, path)  # type: ignore[arg-type]
    if kind is bool:
        raise InvalidValue(path, value, "must be a tweet id, not a bool")
    if isinstance(value, float):
        if not value.is_integer() or value < 0:
            raise InvalidValue(path, value, "must be a whole, non-negative tweet id")
        if value > _EXACT_FLOAT:
            raise InvalidValue(
                path, value, "is too large to be exact as a float; read ids as text"
            )
        return str(int(value))
    try:
        number = operator.index(value)  # type: ignore[arg-type]  # int, numpy's ints
    except TypeError:
        raise InvalidValue(path, value, "must be a tweet id") from None
    if number < 0:
        raise InvalidValue(path, value, "must be a whole, non-negative tweet id")
    return str(number)


def _is_missing(value: object) -> bool:
    """Empty in the export: an empty cell, or pandas' NaN for one."""
    return (
        value is None
        or (type(value) is str and not value.strip())
        or (isinstance(value, float) and math.isnan(value))
    )


def _optional_id(value: object, path: str) -> str | None:
    return None if _is_missing(value) else _id(value, path)


def _ids(value: object, path: str) -> tuple[str, ...]:
    if _is_missing(value):
        return ()
    if type(value) is str:
        return tuple(
            _id_from_text(part, path) for part in value.split(",") if part.strip()
        )
    return (_id(value, path),)


def _author(value: object, path: str) -> str:
    if type(value) is str and value.strip():
        return value.strip()
    if type(value) is not bool:
        try:
            number = operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            pass
        else:
            return str(number)
    raise InvalidValue(path, value, "must be a non-empty author id")


def _inbound(value: object, path: str) -> bool:
    if type(value) is bool:
        return value
    found = _BOOLS.get(value.strip()) if type(value) is str else None
    if found is None:
        raise InvalidValue(path, value, "must be True or False")
    return found


class _Dates:
    """Parses ``created_at``, remembering each day it has seen."""

    def __init__(self) -> None:
        self.days: dict[tuple[str, str, str, str], int] = {}

    def epoch(self, value: object, path: str) -> int:
        """Whole seconds since 1970 of a ``created_at`` value."""
        if type(value) is not str:
            raise InvalidValue(path, value, _DATE_RULE)
        parts = value.split()
        if len(parts) != 6:
            raise InvalidValue(path, value, _DATE_RULE)
        weekday, month, day, clock, offset, year = parts
        key = (weekday, month, day, year)
        days = self.days.get(key)
        if days is None:
            days = self.days[key] = self._day(key, value, path)
        try:
            hh, mm, ss = clock.split(":")
            seconds = int(hh) * 3600 + int(mm) * 60 + int(ss)
            sign = {"+": -1, "-": 1}[offset[0]]
            shift = sign * (int(offset[1:3]) * 3600 + int(offset[3:5]) * 60)
        except (ValueError, KeyError, IndexError):
            raise InvalidValue(path, value, _DATE_RULE) from None
        if not (
            len(hh) == len(mm) == len(ss) == 2
            and int(hh) < 24
            and int(mm) < 60
            and int(ss) < 61
            and len(offset) == 5
            and offset[1:].isdigit()
        ):
            raise InvalidValue(path, value, _DATE_RULE)
        epoch = days * 86400 + seconds + shift
        if not _FIRST_SECOND <= epoch <= _LAST_SECOND:  # the offset left 1..9999
            raise InvalidValue(path, value, "must fall within the years 1 to 9999")
        return epoch

    @staticmethod
    def _day(key: tuple[str, str, str, str], value: str, path: str) -> int:
        weekday, month, day, year = key
        try:
            date = dt.date(int(year), _MONTHS[month], int(day))
        except (ValueError, KeyError):
            raise InvalidValue(path, value, _DATE_RULE) from None
        if _WEEKDAYS[date.weekday()] != weekday:
            raise InvalidValue(path, value, f"{_DATE_RULE}, with the right weekday")
        return date.toordinal() - 719163  # 1970-01-01


def _cells(row: object, i: int) -> Sequence[Any]:
    """The seven cells of row *i*, from a mapping or a sequence."""
    if isinstance(row, Mapping):
        cells: list[Any] = []
        for column in COLUMNS:
            if column not in row:
                raise InvalidValue(f"rows[{i}].{column}", None, "is required")
            cells.append(row[column])
        return cells
    if isinstance(row, list | tuple):
        if len(row) < len(COLUMNS):
            raise InvalidValue(
                f"rows[{i}]", len(row), f"must have the {len(COLUMNS)} export columns"
            )
        return row
    raise InvalidValue(f"rows[{i}]", type(row).__name__, "must be a dict or a tuple")


class _Tweet:
    """One parsed row; plain slots, built once per row."""

    __slots__ = (
        "author",
        "depth",
        "epoch",
        "id",
        "inbound",
        "key",
        "near_in",
        "near_out",
        "parent",
        "replies_to",
        "root",
        "row",
        "text",
    )

    def __init__(self, row: object, i: int, dates: _Dates) -> None:
        cells = _cells(row, i)
        at = f"rows[{i}]."
        self.row = i
        self.id = _id(cells[0], at + "tweet_id")
        self.key = (len(self.id), self.id)
        self.author = _author(cells[1], at + "author_id")
        self.inbound = _inbound(cells[2], at + "inbound")
        self.epoch = dates.epoch(cells[3], at + "created_at")
        text = cells[4]
        if _is_missing(text):
            text = ""
        elif type(text) is not str:
            raise InvalidValue(at + "text", text, "must be a string")
        self.text: str = text
        self.replies_to: tuple[str, ...] = _ids(cells[5], at + "response_tweet_id")
        self.parent = _optional_id(cells[6], at + "in_response_to_tweet_id")
        self.depth = -1
        self.root: _Tweet = self
        self.near_in: _Tweet | None = None
        self.near_out: _Tweet | None = None


def thread_tweets(rows: Iterable[object]) -> ThreadedExport:
    """The conversations of a "Customer Support on Twitter" export.

    Args:
        rows: One per tweet: dicts with the :data:`COLUMNS` (as
            ``csv.DictReader`` gives them; extra keys are ignored) or tuples
            in that order.

    Returns:
        A :class:`ThreadedExport`: one conversation per reply tree, brand
        and customer, and the tweets in none (see the module's rule).

    Raises:
        InvalidValue: A row is malformed (``rows[41].created_at``), a tweet
            id appears twice, or reply links form a cycle.
    """
    if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
        raise InvalidValue("rows", type(rows).__name__, "must be an iterable of rows")
    dates = _Dates()
    tweets: dict[str, _Tweet] = {}
    for i, row in enumerate(rows):
        tweet = _Tweet(row, i, dates)
        if tweet.id in tweets:
            raise InvalidValue(f"rows[{i}].tweet_id", tweet.id, "appears twice")
        tweets[tweet.id] = tweet
    _link(tweets)
    for tweet in tweets.values():
        _place(tweet, tweets)
    return _assemble(tweets)


def _link(tweets: dict[str, _Tweet]) -> None:
    """Keep each tweet's parent only when it is in the export; fall back to
    a tweet that lists it among its replies."""
    listed: dict[str, _Tweet] = {}
    for tweet in tweets.values():
        for reply in tweet.replies_to:
            if reply in tweets:
                known = listed.get(reply)
                if known is None or tweet.key < known.key:
                    listed[reply] = tweet
    for tweet in tweets.values():
        if tweet.parent is None or tweet.parent not in tweets:
            parent = listed.get(tweet.id)
            tweet.parent = None if parent is None else parent.id


def _place(tweet: _Tweet, tweets: dict[str, _Tweet]) -> None:
    """Depth, root and nearest customer and brand tweets above, for *tweet*
    and the chain above it (each tweet is placed once)."""
    chain = []
    seen = set()
    node = tweet
    while node.depth < 0:
        if node.id in seen:
            raise InvalidValue(
                f"rows[{node.row}].in_response_to_tweet_id",
                node.parent,
                "reply links must not form a cycle",
            )
        seen.add(node.id)
        chain.append(node)
        if node.parent is None:
            break
        node = tweets[node.parent]
    for node in reversed(chain):
        if node.parent is None:
            node.depth, node.root = 0, node
            continue
        up = tweets[node.parent]
        node.depth, node.root = up.depth + 1, up.root
        node.near_in = up if up.inbound else up.near_in
        node.near_out = up.near_out if up.inbound else up


def _assemble(tweets: dict[str, _Tweet]) -> ThreadedExport:
    """Group the placed tweets into conversations."""
    addressed: dict[str, set[str]] = {}
    groups: dict[tuple[tuple[int, str], str, str], list[_Tweet]] = {}
    unthreaded = []
    for tweet in tweets.values():
        if tweet.inbound:
            continue
        asker = tweet.near_in
        if asker is None:
            unthreaded.append(UnthreadedTweet(tweet.id, UnthreadedReason.BRAND_OPENED))
            continue
        groups.setdefault((tweet.root.key, tweet.author, asker.author), []).append(
            tweet
        )
        _address(asker, tweet.author, addressed, tweets)
    for tweet in tweets.values():
        if not tweet.inbound:
            continue
        brands = addressed.get(tweet.id, set())
        if tweet.near_out is not None:
            brands.add(tweet.near_out.author)
        if not brands:
            unthreaded.append(UnthreadedTweet(tweet.id, UnthreadedReason.UNANSWERED))
        for brand in brands:
            groups.setdefault((tweet.root.key, brand, tweet.author), []).append(tweet)
    conversations, brands_of = [], []
    for (root, brand, customer), members in sorted(groups.items()):
        members.sort(key=lambda t: (t.epoch, t.depth, t.key))
        conversations.append(
            Conversation.from_records(
                f"twitter:{root[1]}:{brand}:{customer}",
                Channel.TWITTER_PUBLIC,
                customer_id=customer,
                records=[_record(t) for t in members],
            )
        )
        brands_of.append(brand)
    unthreaded.sort(key=lambda u: (len(u.tweet_id), u.tweet_id))
    return ThreadedExport(conversations, brands_of, unthreaded=unthreaded)


def _address(
    tweet: _Tweet, brand: str, addressed: dict[str, set[str]], tweets: dict[str, _Tweet]
) -> None:
    """Mark *brand* as answering *tweet*'s author on *tweet* and every tweet
    of that author above it."""
    author = tweet.author
    node: _Tweet | None = tweet
    while node is not None:
        if node.inbound and node.author == author:
            marks = addressed.setdefault(node.id, set())
            if brand in marks:
                return
            marks.add(brand)
        node = None if node.parent is None else tweets[node.parent]


def _record(tweet: _Tweet) -> MessageRecord:
    when = _EPOCH + dt.timedelta(seconds=tweet.epoch)
    if tweet.inbound:
        return (tweet.id, when, *_INBOUND, tweet.text)
    return (tweet.id, when, *_OUTBOUND, tweet.text, None, tweet.author)
