"""Rich conversations in, rows of integer microseconds out.

The rows use whole microseconds since the epoch, so rule boundaries such as
"at least 24 h of silence" are exact for any aware timestamps; each message is
converted once with ``datetime.timestamp()`` (never pendulum arithmetic, which
costs ~10 µs per subtraction; STYLE habit 8). They are kept as three columns
of ints, which the garbage collector does not track: half a million row
tuples next to a million model objects would trigger full collections that
cost more than the whole computation.

Which role a message plays (SPEC §2, §3):

=================================  =========================================
message                            role
=================================  =========================================
kind PRIVATE_NOTE (any author)     INTERNAL: ignored entirely
inbound (from the customer)        CUSTOMER
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
from collections.abc import Hashable, Iterable, Iterator

from carekit.away import AwaySchedule
from carekit.conversations import AuthorKind, Conversation, Direction, MessageKind
from carekit.errors import InvalidValue
from carekit.responsiveness._away import AwayPeriods, normalize_away
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

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TICK = dt.timedelta(microseconds=1)


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


def role_of(direction: Direction, author: AuthorKind, kind: MessageKind) -> Role:
    """The :class:`Role` of a message, from its direction, author and kind.

    Args:
        direction: ``Direction.INBOUND`` or ``Direction.OUTBOUND``.
        author: The ``AuthorKind`` (CUSTOMER, AGENT, BOT, AUTOMATION).
        kind: The ``MessageKind`` (REPLY, INSTANT_REPLY, AWAY_MESSAGE,
            PRIVATE_NOTE, SURVEY, TEMPLATE).

    Raises:
        InvalidValue: An argument is not a member of its enum.

    >>> from carekit.conversations import AuthorKind, Direction, MessageKind
    >>> role_of(Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.INSTANT_REPLY)
    <Role.AUTOMATED: 3>
    """
    for name, value, enum in (
        ("direction", direction, Direction),
        ("author", author, AuthorKind),
        ("kind", kind, MessageKind),
    ):
        if type(value) is not enum:
            raise InvalidValue(name, value, f"must be a {enum.__name__}")
    if kind is MessageKind.PRIVATE_NOTE:
        return Role.INTERNAL
    if direction is Direction.INBOUND:
        return Role.CUSTOMER if author is AuthorKind.CUSTOMER else Role.AUTOMATED
    if kind is MessageKind.REPLY:
        if author is AuthorKind.AGENT:
            return Role.AGENT
        if author is AuthorKind.BOT:
            return Role.BOT
    return Role.AUTOMATED


def _not_a_conversation(index: int, value: object) -> InvalidValue:
    return InvalidValue(f"conversations[{index}]", value, "must be a Conversation")


def conversation_rows(
    conversations: Iterable[Conversation],
    away: AwaySchedule | AwayPeriods,
    as_of: float | None,
) -> tuple[Columns, tuple[tuple[float, float], ...], int]:
    """Rows (conversation index, microseconds, role) as columns, away periods
    in microseconds, and the scale (ticks per second).

    *away* is anything :func:`normalize_away` takes, or an
    :class:`~carekit.away.AwaySchedule`, asked for the span of the data.

    Raises:
        InvalidValue: An item is not a :class:`Conversation`.
    """
    rows = Columns()
    ids, times = rows.ids, rows.times
    add_time, add_role = times.append, rows.roles.append
    customer, agent, bot = AuthorKind.CUSTOMER, AuthorKind.AGENT, AuthorKind.BOT
    reply, note = MessageKind.REPLY, MessageKind.PRIVATE_NOTE
    first = last = None
    for index, conversation in enumerate(conversations):
        if conversation.__class__ is not Conversation and not isinstance(
            conversation, Conversation
        ):
            raise _not_a_conversation(index, conversation)
        messages = conversation.messages
        if not messages:
            continue
        for message in messages:
            # The model guarantees that a message is inbound exactly when a
            # customer wrote it and that inbound messages are replies, so
            # the author and kind decide the role (role_of, by identity:
            # Enum.__hash__ is Python code, too slow per message). Messages
            # are in time order and their timestamps aware.
            author = message.author
            if author is customer:
                role = 0
            else:
                kind = message.kind
                if kind is reply:
                    role = 1 if author is agent else 2 if author is bot else 3
                else:
                    role = 4 if kind is note else 3
            # timestamp() is exact microseconds / 1e6: round() recovers them.
            add_time(round(message.timestamp.timestamp() * SCALE))
            add_role(role)
        ids += [index] * len(messages)
        opened, closed = times[-len(messages)], times[-1]
        if first is None or last is None:
            first, last = opened, closed
        else:
            first, last = min(first, opened), max(last, closed)
    if not isinstance(away, AwaySchedule):
        return rows, normalize_away(away, SCALE), SCALE
    if first is None or last is None:
        return rows, (), SCALE
    # A deferred thread needs the end of its away period; any end later than
    # every message and than as_of gives the same answer (a reply before it
    # takes 0 s; at as_of the thread is pending).
    horizon = max(last, round((as_of or 0) * SCALE)) + SCALE
    spans = away.away_spans(_moment(first), _moment(horizon))
    return rows, tuple((_ticks(s), _ticks(e)) for s, e in spans), SCALE


def _moment(ticks: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(microseconds=ticks)


def _ticks(moment: dt.datetime) -> int:
    """Exact microseconds since the epoch of a plain (stdlib) aware datetime."""
    return (moment - _EPOCH) // _TICK


def from_conversations(
    conversations: Iterable[Conversation],
    *,
    away: AwaySchedule | AwayPeriods = (),
    policy: ResponsePolicy | None = None,
    since: float | dt.datetime | None = None,
    until: float | dt.datetime | None = None,
) -> ResponseStats:
    """Responsiveness of :class:`~carekit.conversations.Conversation` models.

    Same rules and result as :func:`from_rows`; each message's role follows
    its direction, author and kind (:func:`role_of`: private notes ignored;
    instant replies, away messages, surveys and templates never qualify).
    Timestamps count to the microsecond, so "24 h" boundaries are exact.

    Args:
        conversations: The page's conversations.
        away: An :class:`~carekit.away.AwaySchedule` (asked for the span of
            the data), away periods as pairs of epoch seconds or intervals, or
            an ``IntervalSet``.
        policy: The response rules; default :class:`ResponsePolicy` ().
        since: Count only threads starting at or after this time.
        until: Skip messages at or after this time and report as of it.

    Raises:
        InvalidValue: An item is not a ``Conversation``, or an away period or
            a setting is invalid.
    """
    policy = policy or ResponsePolicy()
    first, end = _seconds(since, "since"), _seconds(until, "until")
    rows, periods, scale = conversation_rows(conversations, away, end)
    acc = _accumulator(
        policy,
        periods,
        -float("inf") if first is None else round(first * scale),
        float("inf") if end is None else round(end * scale),
        scale,
    )
    try:
        _scan(acc, rows)
    except _Refused as refused:  # only if a validated model was tampered with
        raise InvalidValue(
            f"conversations[{rows.ids[refused.index]}]", refused.row, refused.rule
        ) from None
    return acc.stats(end)
