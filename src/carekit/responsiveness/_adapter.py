"""Rich conversations in, rows of integer microseconds out.

The rows use whole microseconds since the epoch, so rule boundaries such as
"at least 24 h of silence" are exact for any aware timestamps over the years
1-9999; they come from each :class:`~carekit.messages.MessageLog`'s
microsecond column, computed once when the log was built (never pendulum
arithmetic, which costs ~10 µs per subtraction; STYLE habit 8). They are
kept as three columns of ints, which the garbage collector does not track.

Which role a message plays:

=================================  =========================================
message                            role
=================================  =========================================
kind PRIVATE_NOTE (any author)     INTERNAL: changes nothing
inbound (from the customer)        CUSTOMER
outbound REPLY by an agent         AGENT
outbound REPLY by a bot            BOT (answers only with ``count_bots``)
any other outbound message         AUTOMATED (instant reply, away message,
                                   survey, template, automation): changes
                                   nothing
=================================  =========================================

Visibility (public post or private message) does not matter: a response is
any customer-visible agent reply, whatever the channel's visibility; only
private notes are never seen by the customer.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Iterable, Iterator, Mapping, Set

from carekit._threads import MICROSECONDS, Refused, Tally, scan_columns
from carekit.away import AwaySchedule
from carekit.conversations import AuthorKind, Conversation, Direction, MessageKind
from carekit.errors import InvalidValue
from carekit.messages import KINDS, log_columns
from carekit.responsiveness._away import AwayPeriods, normalize_away
from carekit.responsiveness._rules import (
    checked_policy,
    optional_bound,
    report,
    thread_rules,
)
from carekit.responsiveness.policy import ResponsePolicy, Role
from carekit.responsiveness.stats import ResponseStats

__all__ = [
    "Columns",
    "conversation_rows",
    "measure_conversations",
    "role_of",
    "schedule_periods",
]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TICK = dt.timedelta(microseconds=1)
_LAST_INSTANT = dt.datetime.max.replace(tzinfo=dt.UTC)
_LAST_TICK = (_LAST_INSTANT - _EPOCH) // _TICK


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

    def span(self) -> tuple[int, int] | None:
        """The first and last time of the rows, or ``None`` without rows."""
        return (min(self.times), max(self.times)) if self.times else None


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


#: The role of each code of :data:`carekit.messages.KINDS`, as a table for
#: ``bytes.translate``: a log's codes become its roles in one call.
ROLE_OF_CODE = bytes(int(role_of(d, a, k)) for d, a, k, _ in KINDS).ljust(256, b"\xff")


def conversation_rows(conversations: object, name: str = "conversations") -> Columns:
    """Rows (conversation index, microseconds, role) of *conversations*.

    Raises:
        InvalidValue: *conversations* is not a collection of
            :class:`Conversation`, or an item is not one (``name[i]``).
    """
    if isinstance(conversations, Conversation | str | bytes | Mapping | Set) or (
        not isinstance(conversations, Iterable)
    ):
        raise InvalidValue(
            name, conversations, "must be a list or other iterable of Conversation"
        )
    rows = Columns()
    ids, times, roles = rows.ids, rows.times, rows.roles
    for index, conversation in enumerate(conversations):
        if conversation.__class__ is not Conversation and not isinstance(
            conversation, Conversation
        ):
            raise InvalidValue(
                f"{name}[{index}]", conversation, "must be a Conversation"
            )
        micros, codes = log_columns(conversation.messages)
        if micros:
            times += micros
            roles += codes.translate(ROLE_OF_CODE)
            ids += [index] * len(micros)
    return rows


def _moment(ticks: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(microseconds=ticks)


def schedule_periods(
    away: AwaySchedule, rows: Columns, as_of: float | None
) -> tuple[tuple[float, float], ...]:
    """The away periods of *away* over the span of *rows* (and *as_of*), in
    microseconds.

    A deferred thread needs the end of its away period; any end later than
    every message and than *as_of* gives the same answer (a reply before it
    takes 0 s; at *as_of* the thread is pending), so the span ends one second
    after both, or at the last instant a datetime holds.

    Raises:
        InvalidValue: The schedule cannot be evaluated over that span (its
            calendar would leave the years 1-9999).
    """
    span = rows.span()
    if span is None:
        return ()
    first, last = span
    if as_of is not None and as_of > last:
        last = math.ceil(as_of)
    horizon = min(last + MICROSECONDS, _LAST_TICK)
    try:
        spans = away.away_spans(_moment(first), _moment(horizon))
    except OverflowError:
        raise InvalidValue(
            "away",
            away,
            "the schedule cannot be evaluated this close to the years 1 or 9999",
        ) from None
    return tuple(((s - _EPOCH) // _TICK, (e - _EPOCH) // _TICK) for s, e in spans)


def measure_conversations(
    conversations: Iterable[Conversation],
    *,
    away: AwaySchedule | AwayPeriods = (),
    policy: ResponsePolicy | None = None,
    since: float | dt.datetime | None = None,
    until: float | dt.datetime | None = None,
) -> ResponseStats:
    """Responsiveness of :class:`~carekit.conversations.Conversation` models.

    Same rules and result as :func:`measure_rows`; each message's role
    follows its direction, author and kind (:func:`role_of`: private notes,
    instant replies, away messages, surveys and templates change nothing).
    Timestamps count in exact microseconds, so "24 h" boundaries are exact
    over the years 1-9999.

    Args:
        conversations: The page's conversations (a list or other iterable).
        away: An :class:`~carekit.away.AwaySchedule` (asked for the span of
            the data), or away periods as ``(start, end)`` pairs of epoch
            seconds or aware datetimes, or intervals.
        policy: The response rules, any :class:`ResponsePolicy`; default
            :class:`ResponseRules` ().
        since: Count only threads starting at or after this time.
        until: Skip messages at or after this time and report as of it.

    Raises:
        InvalidValue: *conversations* is not a collection of ``Conversation``,
            or an away period or a setting is invalid.
    """
    checked = checked_policy(policy)
    first = optional_bound(since, "since", MICROSECONDS, -math.inf)
    end = optional_bound(until, "until", MICROSECONDS, math.inf)
    rows = conversation_rows(conversations)
    if isinstance(away, AwaySchedule):
        periods = schedule_periods(away, rows, None if until is None else end)
    else:
        periods = normalize_away(away, MICROSECONDS)
    rules = thread_rules(checked, periods, first, end, MICROSECONDS)
    tally = Tally()
    try:
        scan_columns(rules, tally, (rows.ids, rows.times, rows.roles))
    except Refused as refused:  # only if a validated model was tampered with
        raise InvalidValue(
            f"conversations[{rows.ids[refused.index]}]", refused.row, refused.rule
        ) from None
    return report(tally, rules, None if until is None else end)
