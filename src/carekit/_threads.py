"""The thread kernel: one implementation of the thread and response rules.

Every metric that needs threads (response rate and time, the badge, and the
care analytics, SLA and bot code built on them) calls this module, so the
rules exist once. It works on plain rows ``(conversation_id, time, role)``
in ticks of an explicit unit (:data:`SECONDS` for the public rows,
:data:`MICROSECONDS` for conversations, whose datetimes are exact integers).

The rules, per conversation (rows in time order within it):

- Only CUSTOMER rows and *answering* rows (AGENT; BOT too when bots count)
  break the silence. AUTOMATED rows (instant replies, away messages,
  templates, surveys), INTERNAL rows (private notes) and, when bots do not
  count, BOT rows change nothing: automation never moves a metric, so a page
  cannot reshape its threads by sending automatic messages.
- A CUSTOMER row at ``t`` starts a thread iff no earlier row of the
  conversation broke the silence, or ``t - last >= silence``.
- A thread that starts inside an away period ``[start, end)`` is excluded
  (``defer`` off) or timed from the period's end (``defer`` on).
- The first answering row after the start answers the thread; it is a
  response when ``reply - start <= window`` (its time is ``max(0, reply -
  start)``).
- Rows at or after ``until`` are skipped; threads starting before
  ``since`` shape the silence but are not counted.
- Every row, skipped or not, must not go back in time within its
  conversation.

The hot loop (:func:`scan`) works on plain numbers in local variables
(STYLE habit 8). :func:`step` applies one row by the same rules; it serves
:meth:`ResponseAccumulator.add <carekit.responsiveness.ResponseAccumulator.add>`
and the loop's rare slow path (a role given as a :class:`Role` member or a
time that is not a float), and a property test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import operator
from array import array
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Iterator, Sequence
from fractions import Fraction
from itertools import islice
from typing import Any, Final, NamedTuple, TypeAlias

from carekit.errors import InvalidValue

__all__ = [
    "AGENT",
    "AUTOMATED",
    "BOT",
    "CUSTOMER",
    "FIRST_SECOND",
    "INTERNAL",
    "MICROSECONDS",
    "SECONDS",
    "STOP_SECOND",
    "Refused",
    "Tally",
    "ThreadFact",
    "ThreadRules",
    "ThreadState",
    "bound_ticks",
    "duration_ticks",
    "instant_ticks",
    "scan",
    "scan_columns",
    "step",
    "thread_facts",
]

#: Roles, as the plain ints rows carry (``carekit.responsiveness.Role``).
CUSTOMER: Final = 0
AGENT: Final = 1
BOT: Final = 2
AUTOMATED: Final = 3
INTERNAL: Final = 4
_ROLES: Final = (CUSTOMER, AGENT, BOT, AUTOMATED, INTERNAL)

#: Ticks per second of the two units.
SECONDS: Final = 1
MICROSECONDS: Final = 1_000_000

#: 0001-01-01T00:00Z and 10000-01-01T00:00Z in epoch seconds: the instants a
#: datetime can hold, and so the range of every bound.
FIRST_SECOND: Final = -62_135_596_800
STOP_SECOND: Final = 253_402_300_800

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TICK: Final = dt.timedelta(microseconds=1)
_SINCE_EPOCH = dt.datetime.__sub__  # exact, and never pendulum's Interval
_INF: Final = math.inf
# The silence-breaking time of a conversation never seen: every finite time
# is later than it by more than any silence, and ``seen <= t`` still
# refuses -inf.
_NEVER: Final = -1.7976931348623157e308  # -sys.float_info.max, without sys
# Keys the state by a value no caller can pass.
_NOBODY: Final = object()
# What ``Tally.last`` gives for a conversation it does not hold.
_ABSENT: Final[Any] = object()
# The first and the stop tick of the years 1-9999, by unit, in its number type.
_FIRST: Final = {
    SECONDS: float(FIRST_SECOND),
    MICROSECONDS: FIRST_SECOND * MICROSECONDS,
}
_STOP: Final = {SECONDS: float(STOP_SECOND), MICROSECONDS: STOP_SECOND * MICROSECONDS}
_CHUNK: Final = 65_536

ThreadState: TypeAlias = tuple[float, float, "float | None"]
"""A conversation's state: ``(seen, last, start)``: the time of its latest
row (for the order rule), of its latest silence-breaking row, and the
effective start of its open thread (``None`` when no thread waits)."""

#: The part of a row an error is about.
ID, TIME, ROLE = "conversation_id", "time", "role"
_ROLE_RULE: Final = (
    "role must be a Role or an int from 0 (customer) to 4 (internal);"
    " bools and floats are refused"
)
_TIME_RULE: Final = (
    "time must be a finite real number of epoch seconds; bools, Decimals"
    " and None are refused"
)
_SHAPE_RULE: Final = (
    "row must be (conversation_id, epoch_seconds, role) with a hashable id"
)


class Refused(Exception):
    """A row broke a rule; each entry point turns it into ``InvalidValue``
    naming its own argument, the row's index and the part at fault."""

    def __init__(self, index: int, row: object, part: str, rule: str) -> None:
        super().__init__(rule)
        self.index, self.row, self.part, self.rule = index, row, part, rule


class ThreadRules(NamedTuple):
    """Everything the rules need, read once per call, in ticks of *unit*.

    Attributes:
        unit: Ticks per second of every time below and of the rows.
        silence: A customer row at least this long after the last
            silence-breaking row starts a thread.
        window: A reply at most this long after the (effective) start counts.
        since: Threads starting earlier are not counted (``-inf``: all).
        until: Rows at or after it are skipped (``inf``: none).
        away_starts: Starts of the merged away periods, sorted.
        away_ends: Their ends, in the same order.
        defer: Time an away thread from the end of its period instead of
            excluding it.
        count_bots: Whether BOT rows answer (and break the silence).
    """

    unit: int
    silence: float
    window: float
    since: float = -_INF
    until: float = _INF
    away_starts: tuple[float, ...] = ()
    away_ends: tuple[float, ...] = ()
    defer: bool = False
    count_bots: bool = False


class Tally:
    """What a scan accumulates: per-conversation state, counts, and one
    response time (in ticks) per responded thread.

    A conversation's :data:`ThreadState` is kept in two typed dicts, so
    that the common case costs no object: ``last`` maps every conversation
    seen to the time of its latest silence-breaking row (a float or int
    shared with the row), and ``waiting`` holds ``(seen, start)`` only for
    the few whose latest row is later than that (an automatic message last)
    or whose thread waits for its answer.
    """

    __slots__ = ("eligible", "excluded", "last", "responded", "times", "waiting")

    def __init__(self) -> None:
        self.last: dict[Hashable, float] = {}
        self.waiting: dict[Hashable, tuple[float, float | None]] = {}
        self.times: array[float] = array("d")
        self.eligible = self.responded = self.excluded = 0

    def read(self, cid: Hashable, unit: int) -> ThreadState:
        """The state of conversation *cid* (a fresh one if never seen)."""
        extra = self.waiting.get(cid)
        if extra is not None:
            return extra[0], self.last[cid], extra[1]
        last = self.last.get(cid)
        return _fresh(unit) if last is None else (last, last, None)

    def write(self, cid: Hashable, state: ThreadState) -> None:
        """Keep *state* for conversation *cid*."""
        seen, last, start = state
        self.last[cid] = last
        if start is None and seen is last:
            self.waiting.pop(cid, None)
        else:
            self.waiting[cid] = (seen, start)

    def merged(self, other: Tally) -> Tally:
        """A new tally holding both (their conversations must be disjoint)."""
        both = Tally()
        both.last = {**self.last, **other.last}
        both.waiting = {**self.waiting, **other.waiting}
        both.times = self.times + other.times
        both.eligible = self.eligible + other.eligible
        both.responded = self.responded + other.responded
        both.excluded = self.excluded + other.excluded
        return both

    def pending(self, now: float, window: float) -> int:
        """Open threads that may still be answered in time at *now*."""
        return sum(
            1
            for _, start in self.waiting.values()
            if start is not None and now - start <= window
        )

    def forget(self, now: float, silence: float, window: float) -> int:
        """Drop the conversations whose latest silence-breaking row is at
        least *silence* before *now* and whose open thread, if any, can no
        longer be answered within *window*; how many were dropped."""
        waiting = self.waiting
        idle = [
            cid
            for cid, last in self.last.items()
            if now - last >= silence
            and (
                cid not in waiting
                or (start := waiting[cid][1]) is None
                or now - start > window
            )
        ]
        for cid in idle:
            del self.last[cid]
            waiting.pop(cid, None)
        return len(idle)


class ThreadFact(NamedTuple):
    """One counted or excluded thread, for code that credits its answer.

    Attributes:
        conversation: The conversation id of the rows.
        start: When the customer message that opened it was sent.
        timed_from: Its effective start (the end of the away period when
            deferred), ``None`` when it was excluded as away.
        answered_at: The time of its first answering row (in the window or
            not), ``None`` when nothing answered it.
        answer_row: The index of that row in the rows given, or ``None``.
        answer_role: ``AGENT`` or ``BOT``, or ``None``.
    """

    conversation: Hashable
    start: float
    timed_from: float | None
    answered_at: float | None = None
    answer_row: int | None = None
    answer_role: int | None = None


def thread_facts(events: Iterable[tuple[Any, ...]]) -> list[ThreadFact]:
    """The threads that *events* (filled by :func:`scan`) describe, in the
    order they started."""
    facts: list[ThreadFact] = []
    latest: dict[Hashable, int] = {}
    for event in events:
        if len(event) == 3:
            latest[event[0]] = len(facts)
            facts.append(ThreadFact(*event))
        else:
            cid, t, index, role = event
            at = latest[cid]
            facts[at] = facts[at]._replace(
                answered_at=t, answer_row=index, answer_role=role
            )
    return facts


# -- the rules, once per row ---------------------------------------------------


def _plain_time(index: int, row: object, t: Any, unit: int) -> float:
    """*t* as a float (an int in microseconds) if it is a real number, not a
    bool, within the years 1-9999; else refuse."""
    if isinstance(t, bool) or not isinstance(t, numbers.Real):
        raise Refused(index, row, TIME, _TIME_RULE)
    number: Any = t
    if unit == MICROSECONDS:
        if not isinstance(t, numbers.Integral):
            raise Refused(index, row, TIME, "time must be whole microseconds")
        value: float = int(number)
    else:
        try:
            value = number if number.__class__ is int else float(number)
        except (OverflowError, TypeError, ValueError):
            value = _INF
        if value != value:
            raise Refused(index, row, TIME, _TIME_RULE)
    if not FIRST_SECOND * unit <= value < STOP_SECOND * unit:
        raise Refused(
            index, row, TIME, f"{_TIME_RULE}; it must lie within the years 1-9999"
        )
    return value


def _plain_role(index: int, row: object, role: Any) -> int:
    """*role* as one of the plain ints, or refuse (bools, floats, Decimals)."""
    if isinstance(role, bool) or not isinstance(role, numbers.Integral):
        raise Refused(index, row, ROLE, _ROLE_RULE)
    value = int(role)
    if value not in _ROLES:
        raise Refused(index, row, ROLE, _ROLE_RULE)
    return _ROLES[value]


def _out_of_order(index: int, row: object, cid: object, seen: Any) -> Refused:
    return Refused(
        index,
        row,
        TIME,
        f"time goes back within conversation {cid!r}: an earlier row is at"
        f" {seen!r} (rows must be in time order per conversation)",
    )


def step(
    rules: ThreadRules,
    tally: Tally,
    row: Any,
    index: int = 0,
    events: list[tuple[Any, ...]] | None = None,
) -> None:
    """Apply one row by the rules above; on a bad row *tally* is unchanged.

    The per-row rules written once more, outside :func:`scan`'s loop (a call
    per row there would cost more than the rules themselves).

    Raises:
        Refused: The row is malformed, its role or time is invalid, or it
            goes back in time within its conversation.
    """
    try:
        cid, t, role = row
        if cid.__class__ is not str and cid.__class__ is not int:
            hash(cid)
            bool(cid == cid)
    except (TypeError, ValueError):
        raise Refused(index, row, ID, _SHAPE_RULE) from None
    unit = rules.unit
    if (t.__class__ is float and unit == SECONDS) or t.__class__ is int:
        if not _FIRST[unit] <= t < _STOP[unit]:
            _plain_time(index, row, t, unit)  # raises, naming the range
    else:
        t = _plain_time(index, row, t, unit)
    if role.__class__ is not int or not 0 <= role <= INTERNAL:
        role = _plain_role(index, row, role)
    waiting, lasts = tally.waiting, tally.last
    extra = waiting.get(cid)
    if extra is not None:
        seen, start = extra
        last = lasts[cid]
    else:
        last = lasts.get(cid, _ABSENT)
        if last is _ABSENT:
            seen, last, start = _FIRST[unit], _NEVER, None
        else:
            seen, start = last, None
    if not seen <= t:
        raise _out_of_order(index, row, cid, seen)
    if t < rules.until:
        if role == CUSTOMER:
            if t - last >= rules.silence:
                start = None
                if t >= rules.since:
                    start = _open(rules, tally, t)
                    if events is not None:
                        events.append((cid, t, start))
            last = t
        elif role == AGENT or (role == BOT and rules.count_bots):
            last = t
            if start is not None:
                if events is not None:
                    events.append((cid, t, index, role))
                delay = t - start
                start = None
                if delay <= rules.window:
                    tally.responded += 1
                    tally.times.append(delay if delay > 0 else 0.0)
    lasts[cid] = last
    if start is None and t is last:
        if extra is not None:
            del waiting[cid]
    else:
        waiting[cid] = (t, start)


def _open(rules: ThreadRules, tally: Tally, t: float) -> float | None:
    """Count a thread that starts at *t*; its effective start, or ``None``
    when it is excluded as away."""
    k = bisect_right(rules.away_starts, t) - 1
    if k >= 0 and t < rules.away_ends[k]:
        if not rules.defer:
            tally.excluded += 1
            return None
        tally.eligible += 1
        return rules.away_ends[k]
    tally.eligible += 1
    return t


# -- the same rules, over many rows -----------------------------------------------


def scan(
    rules: ThreadRules,
    tally: Tally,
    rows: Iterable[Any],
    events: list[tuple[Any, ...]] | None = None,
) -> None:
    """Apply *rows* to *tally*; with *events*, record each thread's start and
    answer there (read them with :func:`thread_facts`).

    On a bad row every earlier row stays applied and the bad one is not.

    Raises:
        Refused: A row is malformed, has an invalid role or time, or goes
            back in time within its conversation (``index`` counts from 0).
    """
    if isinstance(rows, list | tuple):
        iterator = iter(rows)
        _scan(rules, tally, iterator, iterator, len(rows), 0, events)
        return
    iterator = iter(rows)
    offset = 0
    while chunk := list(islice(iterator, _CHUNK)):
        counted = iter(chunk)
        _scan(rules, tally, counted, counted, len(chunk), offset, events)
        offset += len(chunk)


def scan_columns(
    rules: ThreadRules,
    tally: Tally,
    columns: tuple[Sequence[Hashable], Sequence[Any], Sequence[Any]],
    events: list[tuple[Any, ...]] | None = None,
) -> None:
    """:func:`scan` over three parallel columns of equal length (ids, times,
    roles), building no row tuple to keep."""
    ids, times, roles = columns
    counted = iter(ids)
    rows = zip(counted, times, roles, strict=True)
    _scan(rules, tally, rows, counted, len(ids), 0, events)


def _scan(
    rules: ThreadRules,
    tally: Tally,
    rows: Iterator[Any],
    counted: Iterator[Any],
    size: int,
    offset: int,
    events: list[tuple[Any, ...]] | None,
) -> None:
    """The loop: *rows* yields the rows, *counted* (*rows* itself, or the
    column of ids it zips) is a sequence iterator of *size* items; row
    indices start at *offset*.

    The position of a row is not counted in the loop (``enumerate`` costs
    more than the rules): it is recovered from *counted*'s length hint.
    """
    last_of, waiting = tally.last, tally.waiting
    last_get, waiting_get = last_of.get, waiting.get
    append = tally.times.append
    silence, window, since = rules.silence, rules.window, rules.since
    starts, ends = rules.away_starts, rules.away_ends
    has_away, defer = bool(starts), rules.defer
    unit = rules.unit
    first = _fresh(unit)[0]
    # In the unit's own number type: a float compared with an int costs more.
    stop = min(rules.until, _number(STOP_SECOND * rules.unit, rules.unit))
    # The classes of time taken without a closer look: floats and ints for
    # seconds (both checked against the years 1-9999 by ``seen <= t < stop``),
    # ints for microseconds. Anything else goes through ``step``.
    plain, whole = (int, int) if rules.unit == MICROSECONDS else (float, int)
    # Identity tests against the cached small ints: a bool, a float, a
    # Decimal or a Role member fails them all and goes through ``step``.
    customer, agent = CUSTOMER, AGENT
    bot = BOT if rules.count_bots else AGENT
    automated, internal, quiet_bot = AUTOMATED, INTERNAL, BOT
    eligible = responded = excluded = 0
    # The current conversation's state lives in locals until the id changes:
    # consecutive rows of one conversation then never touch the dict.
    current: Hashable = _NOBODY
    seen: Any = _NEVER
    last: Any = _NEVER
    start: Any = None
    held = False  # whether ``waiting`` holds the current conversation
    hint = operator.length_hint
    row: Any = None
    try:
        for row in rows:
            cid, t, role = row
            if cid != current:
                last_of[current] = last
                if start is None and seen is last:
                    if held:
                        del waiting[current]
                else:
                    waiting[current] = (seen, start)
                last = last_get(cid, _ABSENT)
                if last is _ABSENT:  # a new conversation: the common case
                    seen, last, start, held = first, _NEVER, None, False
                else:
                    extra = waiting_get(cid)
                    held = extra is not None
                    seen, start = (last, None) if extra is None else extra
                current = cid
            if (
                t.__class__ is not plain and t.__class__ is not whole
            ) or not seen <= t < stop:
                # Rare: another kind of number, a late row, or a bad one.
                tally.write(current, (seen, last, start))
                step(rules, tally, row, offset + size - hint(counted) - 1, events)
                seen, last, start = tally.read(current, unit)
                held = current in waiting
            elif role is customer:
                seen = t
                if t - last >= silence:
                    start = None
                    if t >= since:
                        if (
                            has_away
                            and (k := bisect_right(starts, t) - 1) >= 0
                            and t < ends[k]
                        ):
                            if defer:
                                start = ends[k]
                                eligible += 1
                            else:
                                excluded += 1
                        else:
                            start = t
                            eligible += 1
                        if events is not None:
                            events.append((cid, t, start))
                last = t
            elif role is agent or role is bot:
                seen = last = t
                if start is not None:
                    if events is not None:
                        index = offset + size - hint(counted) - 1
                        events.append((cid, t, index, role))
                    delay = t - start
                    start = None
                    if delay <= window:
                        responded += 1
                        # A deferred thread answered while still away: 0.
                        append(delay if delay > 0 else 0.0)
            elif role is automated or role is internal or role is quiet_bot:
                seen = t
            else:  # a Role member, a numpy int, or a bad role
                tally.write(current, (seen, last, start))
                step(rules, tally, row, offset + size - hint(counted) - 1, events)
                seen, last, start = tally.read(current, unit)
                held = current in waiting
    except (TypeError, ValueError) as exc:
        # *rows* iterates over lists (the caller's iterator is read outside
        # this loop), so the row at hand raised: its id compares or hashes
        # badly, or it is not three items.
        index = offset + size - hint(counted) - 1
        raise Refused(index, row, _part(row), _SHAPE_RULE) from exc
    finally:
        tally.write(current, (seen, last, start))
        del last_of[_NOBODY]
        tally.eligible += eligible
        tally.responded += responded
        tally.excluded += excluded


def _fresh(unit: int) -> ThreadState:
    """The state of a conversation not seen yet: any time from the year 1 on
    is in order, and any customer row starts a thread."""
    return (_number(FIRST_SECOND * unit, unit), _NEVER, None)


def _number(ticks: int, unit: int) -> float:
    """*ticks* as the unit's own number type: an int for microseconds, a
    float for seconds."""
    return ticks if unit == MICROSECONDS else float(ticks)


def _part(row: object) -> str:
    """Which part of a malformed row is at fault (for the error's field)."""
    cid: Any
    try:
        cid, _t, _role = row  # type: ignore[misc]
        hash(cid)
        bool(cid == cid)
    except (TypeError, ValueError):
        return ID
    return TIME


# -- times in ticks ---------------------------------------------------------------


def instant_ticks(moment: dt.datetime, unit: int) -> float:
    """An aware datetime in ticks of *unit*: exact integer microseconds
    (never through a float), or for seconds the smallest float not before it
    (so ``t >= bound`` is exact for any float ``t``)."""
    micros: int = _SINCE_EPOCH(moment, _EPOCH) // _TICK
    if unit == MICROSECONDS:
        return micros
    return _ceil_float(Fraction(micros, 1_000_000))


def _ceil_float(value: Fraction) -> float:
    nearest = float(value)
    return nearest if nearest >= value else math.nextafter(nearest, _INF)


def bound_ticks(value: object, name: str, unit: int) -> float:
    """A time bound (epoch seconds or an aware datetime) in ticks of *unit*.

    Rows are compared as ``t >= bound``, so a bound between two ticks is
    taken up to the next tick: exact for every row.

    Raises:
        InvalidValue: *value* is naive, not a real number, not finite, or
            outside the years 1-9999 (field *name*).
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidValue(name, value, "naive datetimes are refused")
        micros: int = _SINCE_EPOCH(value, _EPOCH) // _TICK
        if not FIRST_SECOND * MICROSECONDS <= micros < STOP_SECOND * MICROSECONDS:
            # An offset can put 0001-01-01 before the year 1 in UTC.
            raise InvalidValue(
                name, value, "must be an instant within the years 1-9999"
            )
        return instant_ticks(value, unit)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise InvalidValue(name, value, "must be epoch seconds or an aware datetime")
    number: Any = value
    if not (isinstance(number, int) or math.isfinite(number)):
        raise InvalidValue(name, value, "must be finite")
    if not FIRST_SECOND <= number < STOP_SECOND:
        raise InvalidValue(
            name,
            value,
            "must be within the years 1-9999"
            f" ({FIRST_SECOND} to {STOP_SECOND} epoch seconds)",
        )
    exact = Fraction(number)
    if unit == MICROSECONDS:
        return math.ceil(exact * MICROSECONDS)
    return _ceil_float(exact)


def duration_ticks(value: dt.timedelta, unit: int) -> float:
    """A duration in ticks of *unit* (exact whole microseconds, or seconds)."""
    if unit == MICROSECONDS:
        return value // _TICK
    return value.total_seconds()
