"""Rich conversations in, rows of integer microseconds out.

The rows use whole microseconds since the epoch, so rule boundaries such as
"at least 24 h of silence" are exact for any aware timestamps; they come from each
:class:`~carekit.messages.MessageLog`'s ``epoch_micros`` column, computed once
when the log was built (never pendulum arithmetic, which costs ~10 µs per
subtraction; STYLE habit 8). They are kept as three columns
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
from carekit.conversations import Conversation
from carekit.errors import InvalidValue
from carekit.messages import KINDS, AuthorKind, Direction, MessageKind
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

    >>> from carekit.messages import AuthorKind, Direction, MessageKind
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


#: The role of each code of :data:`carekit.messages.KINDS`, as a table for
#: ``bytes.translate``: a log's codes become its roles in one call.
_ROLE_OF_CODE = bytes(int(role_of(d, a, k)) for d, a, k, _ in KINDS).ljust(256, b"\xff")


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
    ids, times, roles = rows.ids, rows.times, rows.roles
    first = last = None
    for index, conversation in enumerate(conversations):
        if conversation.__class__ is not Conversation and not isinstance(
            conversation, Conversation
        ):
            raise _not_a_conversation(index, conversation)
        # The log's columns, read in place (carekit's own model: no
        # MessageLog wrapper, no Message per message): exact times, in
        # order, and one byte per message for its kinds.
        _, _, micros, codes, _, _ = conversation._messages
        if not micros:
            continue
        times += micros
        roles += codes.translate(_ROLE_OF_CODE)
        ids += [index] * len(micros)
        opened, closed = micros[0], micros[-1]
        if first is None or last is None:
            first, last = opened, closed
        else:
            first = opened if opened < first else first
            last = closed if closed > last else last
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
