"""Rich conversations in, rows of integer microseconds out.

The rows use whole microseconds since the epoch, so rule boundaries such as
"at least 24 h of silence" are exact for any aware timestamps; each message is
converted once with ``datetime.timestamp()`` (never pendulum arithmetic, which
costs ~10 µs per subtraction; STYLE habit 8).

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
from collections.abc import Hashable, Iterable, Sequence
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

__all__ = ["conversation_rows", "from_conversations", "role_of"]

#: Ticks per second of the rows this module builds.
SCALE = 1_000_000


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
) -> tuple[list[tuple[Hashable, int, int]], tuple[tuple[float, float], ...], int]:
    """Rows (conversation index, microseconds, role), away periods in
    microseconds, and the scale (ticks per second).

    *away* is anything :func:`normalize_away` takes, or an away schedule with
    ``periods(a, b)``, asked for the span of the data.
    """
    rows: list[tuple[Hashable, int, int]] = []
    append = rows.append
    roles: dict[tuple[Any, Any, Any], int] = {}
    first = last = None
    for index, conversation in enumerate(conversations):
        messages = conversation.messages
        for message in messages:
            key = (message.direction, message.author, message.kind)
            role = roles.get(key, -1)
            if role < 0:
                role = roles[key] = role_of(*key)
            stamp = message.timestamp
            if stamp.tzinfo is None:
                _ticks(stamp, index)
            append((index, round(stamp.timestamp() * SCALE), role))
        if messages:
            begin, end = _ticks(messages[0].timestamp, index), rows[-1][1]
            first = begin if first is None else min(first, begin)
            last = end if last is None else max(last, end)
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
        index = refused.index
        raise InvalidValue(
            f"conversations[{rows[index][0]}]", refused.row, refused.rule
        ) from None
    return acc.stats(end)
