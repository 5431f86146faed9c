"""Rich conversations in, rows of integer microseconds out.

The rows use whole microseconds since the epoch, so rule boundaries such as
"at least 24 h of silence" are exact for any aware timestamps; each message is
converted once with ``datetime.timestamp()`` (never pendulum arithmetic, which
costs ~10 µs per subtraction; STYLE habit 8). They are kept as three columns
of ints, which the garbage collector does not track: half a million row
tuples next to a million model objects would trigger full collections that
cost more than the whole computation.

Written against the names of ``carekit.conversations`` (``Direction``,
``AuthorKind``, ``MessageKind``) by member *name*, so this module imports
nothing from it.

Which role a message plays (SPEC §2, §3):

=================================  =========================================
message                            role
=================================  =========================================
kind PRIVATE_NOTE (any author)     INTERNAL: ignored entirely
inbound from the customer          CUSTOMER
inbound from anyone else           AUTOMATED: breaks silence, never a thread
outbound REPLY by an agent         AGENT
outbound REPLY by a bot            BOT (qualifies only with ``count_bots``)
any other outbound message         AUTOMATED (instant reply, away message,
                                   survey, template, automation)
=================================  =========================================

Visibility (public post or private message) does not matter: both reach the
customer; only private notes do not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from carekit.errors import InvalidValue
from carekit.responsiveness._away import normalize_away
from carekit.responsiveness.accumulator import (
    _accumulator,
    _Refused,
    _scan,
    _seconds,
)
from carekit.responsiveness.policy import ResponsePolicy, Role
from carekit.responsiveness.stats import ResponseStats

__all__ = ["Columns", "conversation_rows", "from_conversations", "role_of"]

#: Ticks per second of the rows this module builds.
SCALE = 1_000_000


class Columns:
    """Parallel columns that iterate as ``(id, time, role)`` rows, as often as
    needed, without keeping a tuple per row."""

    __slots__ = ("ids", "roles", "times")

    def __init__(self) -> None:
        self.ids: list[Hashable] = []
        self.times: list[int] = []
        self.roles: list[int] = []

    def __iter__(self) -> Iterator[tuple[Hashable, int, int]]:
        return zip(self.ids, self.times, self.roles, strict=True)

    def __len__(self) -> int:
        return len(self.ids)


class _Message(Protocol):
    @property
    def timestamp(self) -> dt.datetime: ...

    @property
    def direction(self) -> Any: ...

    @property
    def author(self) -> Any: ...

    @property
    def kind(self) -> Any: ...


class _Conversation(Protocol):
    @property
    def messages(self) -> Sequence[_Message]: ...


def _name(member: Any) -> str:
    return str(getattr(member, "name", member)).upper()


def role_of(direction: Any, author: Any, kind: Any) -> Role:
    """The :class:`Role` of a message, from its direction, author kind and kind.

    Args:
        direction: ``Direction.INBOUND`` or ``Direction.OUTBOUND``.
        author: An ``AuthorKind`` (CUSTOMER, AGENT, BOT, AUTOMATION).
        kind: A ``MessageKind`` (REPLY, INSTANT_REPLY, AWAY_MESSAGE,
            PRIVATE_NOTE, SURVEY, TEMPLATE).
    """
    if _name(kind) == "PRIVATE_NOTE":
        return Role.INTERNAL
    if _name(direction) == "INBOUND":
        return Role.CUSTOMER if _name(author) == "CUSTOMER" else Role.AUTOMATED
    if _name(kind) == "REPLY":
        who = _name(author)
        if who == "AGENT":
            return Role.AGENT
        if who == "BOT":
            return Role.BOT
    return Role.AUTOMATED


_UNKNOWN: Any = object()


def _members(message: _Message) -> tuple[Any, ...]:
    """INBOUND, OUTBOUND, CUSTOMER, AGENT and REPLY of the message's enums, or
    a marker that matches nothing when a name is missing."""

    def member(value: Any, name: str) -> Any:
        return getattr(type(value), "__members__", {}).get(name, _UNKNOWN)

    return (
        member(message.direction, "INBOUND"),
        member(message.direction, "OUTBOUND"),
        member(message.author, "CUSTOMER"),
        member(message.author, "AGENT"),
        member(message.kind, "REPLY"),
    )


def _key(member: Any) -> object:
    """A cheap hashable stand-in for an enum member: its class and name."""
    return (type(member), getattr(member, "_name_", member))


def _ticks(moment: dt.datetime, index: int) -> int:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidValue(
            f"conversations[{index}]", moment, "naive timestamps are refused"
        )
    # timestamp() is exact microseconds / 1e6, so this recovers them exactly.
    return round(moment.timestamp() * SCALE)


def conversation_rows(
    conversations: Iterable[_Conversation],
    away: Any,
    policy: ResponsePolicy,
    as_of: float | None,
) -> tuple[Columns, tuple[tuple[float, float], ...], int]:
    """Rows (conversation index, microseconds, role) as columns, away periods
    in microseconds, and the scale (ticks per second).

    *away* is anything :func:`normalize_away` takes, or an away schedule with
    ``periods(a, b)``, asked for the span of the data.
    """
    rows = Columns()
    ids, times, roles = rows.ids, rows.times, rows.roles
    add_id, add_time, add_role = ids.append, times.append, roles.append
    known: dict[tuple[object, ...], int] = {}
    inbound = outbound = customer = agent = reply = _UNKNOWN
    first = last = None
    for index, conversation in enumerate(conversations):
        messages = conversation.messages
        if messages and inbound is _UNKNOWN:
            inbound, outbound, customer, agent, reply = _members(messages[0])
        begin = len(times)
        for message in messages:
            # Customer messages and agent replies (most of them) are told by
            # identity; Enum.__hash__ is Python code, too slow per message.
            direction, author, kind = message.direction, message.author, message.kind
            if direction is inbound and author is customer and kind is reply:
                role = 0
            elif direction is outbound and author is agent and kind is reply:
                role = 1
            else:
                key = (_key(direction), _key(author), _key(kind))
                role = known.get(key, -1)
                if role < 0:
                    role = known[key] = role_of(direction, author, kind)
            stamp = message.timestamp
            if stamp.tzinfo is None:
                _ticks(stamp, index)
            add_id(index)
            add_time(round(stamp.timestamp() * SCALE))
            add_role(role)
        if messages:
            if first is None or times[begin] < first:
                first = times[begin]
            if last is None or times[-1] > last:
                last = times[-1]
    periods = getattr(away, "periods", None)
    if callable(periods):
        if first is None or last is None:
            return rows, (), SCALE
        # A deferred thread needs the end of its away period; any end later
        # than every reply and than as_of gives the same answer.
        horizon = max(last, round((as_of or 0) * SCALE)) + SCALE
        horizon += policy.window // dt.timedelta(microseconds=1)
        away = periods(_moment(first), _moment(horizon))
    return rows, normalize_away(away, SCALE), SCALE


def _moment(ticks: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=ticks)


def from_conversations(
    conversations: Iterable[_Conversation],
    *,
    away: Any = (),
    policy: ResponsePolicy | None = None,
    since: float | dt.datetime | None = None,
    until: float | dt.datetime | None = None,
) -> ResponseStats:
    """Responsiveness of rich conversations (``carekit.conversations``).

    Same rules and result as :func:`from_rows`; each message's role follows
    its direction, author and kind (private notes ignored, instant replies,
    away messages, surveys and templates never qualify).

    Args:
        conversations: Conversations whose ``messages`` are in time order.
        away: Away periods (pairs of epoch seconds or intervals), an
            ``IntervalSet``, or an away schedule with ``periods(a, b)``.
        policy: The response rules; default :class:`ResponsePolicy` ().
        since: Count only threads starting at or after this time.
        until: Skip messages at or after this time and report as of it.

    Raises:
        InvalidValue: A timestamp is naive, or messages go back in time.
    """
    policy = policy or ResponsePolicy()
    first, end = _seconds(since, "since"), _seconds(until, "until")
    rows, periods, scale = conversation_rows(conversations, away, policy, end)
    acc = _accumulator(
        policy,
        periods,
        -float("inf") if first is None else round(first * scale),
        float("inf") if end is None else round(end * scale),
        scale,
    )
    try:
        _scan(acc, rows)
    except _Refused as refused:
        raise InvalidValue(
            f"conversations[{rows.ids[refused.index]}]", refused.row, refused.rule
        ) from None
    return acc.stats(end)
