"""Thread detection and response timing on plain rows: bulk and streaming.

A row is ``(conversation_id, epoch_seconds, role)``. Rows are in time order
within each conversation (ties keep their given order); conversations may be
interleaved. Per conversation (SPEC §3, seed ``001_…``):

- INTERNAL rows (private notes) are skipped: they are no message "either way".
- A CUSTOMER row at ``t`` starts a thread iff it is the conversation's first
  message or ``t - last >= silence``, where ``last`` is the time of the
  previous non-internal row. A burst is therefore timed from its first message.
- If ``t`` lies in an away period ``[start, end)``: with
  :attr:`AwayRule.EXCLUDE` the thread is counted in ``excluded_away`` and not
  timed; with :attr:`AwayRule.DEFER` it is timed from ``end`` (of the merged
  away period).
- The thread's first AGENT row (BOT too with ``count_bots``) answers it:
  responded with time ``max(0, reply - start)`` if ``reply - start <= window``,
  else eligible but not responded. Later rows change nothing until the next
  thread.

This module is a hot path (STYLE habit 8): the loop works on plain numbers in
local variables and keeps one dict entry per conversation, a bare number (the
time of its last message) or, while a thread waits for its answer, a
``(last, start)`` tuple. The per-message rules exist twice, in
:func:`_scan` and in :meth:`ResponseAccumulator.add`, because a function
call per message would cost more than the rules themselves; property tests
check that both give the same answer.
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, Final, Self, TypeAlias

from carekit.errors import InvalidValue
from carekit.responsiveness._away import AwayPeriods, normalize_away
from carekit.responsiveness.policy import AwayRule, ResponsePolicy
from carekit.responsiveness.stats import ResponseStats

__all__ = ["ResponseAccumulator", "Row", "from_columns", "from_rows"]

Row: TypeAlias = tuple[Hashable, float, int]
"""``(conversation_id, epoch_seconds, role)``; ``role`` is a :class:`Role` or
its int value."""

# "last" of a conversation never seen: every finite time is later than it by
# more than any silence, and the order check ``last <= t`` still refuses -inf.
_FRESH: Final = -1.7976931348623157e308  # -sys.float_info.max, without sys
_INF: Final = math.inf
_NOT_FINITE: Final = "time must be a finite number of epoch seconds"
_ROLE_RULE: Final = "role must be a Role (0 customer .. 4 internal)"
_SHAPE_RULE: Final = (
    "row must be (conversation_id, epoch_seconds, role) with a hashable id"
    " and a real-number time"
)
# Keys the accumulator state by a value no caller can pass.
_NO_CONVERSATION: Final = object()

# The part of a row an error is about, for the field name in each entry point.
_ID, _TIME, _ROLE = "conversation_id", "time", "role"


class _Refused(Exception):
    """A row broke a rule; the entry point turns it into InvalidValue."""

    def __init__(self, index: int, row: object, part: str, rule: str) -> None:
        super().__init__(rule)
        self.index, self.row, self.part, self.rule = index, row, part, rule


def _shape_part(row: object) -> str:
    """Which part of a malformed row is at fault (for the error's field)."""
    cid: Any
    try:
        cid, _t, _role = row  # type: ignore[misc]
        hash(cid)
    except (TypeError, ValueError):
        return _ID
    return _TIME


def _order_rule(conversation: object, t: Any, last: Any) -> str:
    if t != t or t in (_INF, -_INF):
        return _NOT_FINITE
    return (
        f"time goes back within conversation {conversation!r}: the previous"
        f" message is at {last!r} (rows must be in time order per conversation)"
    )


def _late(index: int, row: object, cid: object, t: Any, last: Any, until: Any) -> None:
    """Return if a row that failed ``last <= t < until`` is merely late (at or
    after ``until``, in order, finite) and is to be skipped; else raise."""
    if last <= t and until <= t < _INF:
        return
    raise _Refused(index, row, _TIME, _order_rule(cid, t, last))


def _scan(
    acc: ResponseAccumulator, rows: Iterable[Any], log: array[float] | None = None
) -> None:
    """Apply *rows* to *acc*, appending the start of each counted thread to *log*.

    On a bad row, every earlier row stays applied and the bad one is not, then
    :class:`_Refused` is raised.
    """
    state = acc._state
    get = state.get
    times = acc._times
    append = times.append
    log_append = log.append if log is not None else None
    silence, window, since, until = acc._silence, acc._window, acc._since, acc._until
    defer = acc._defer
    bot = acc._bot
    starts, ends = acc._away_starts, acc._away_ends
    has_away = bool(starts)
    eligible = responded = excluded = 0
    # The current conversation's state lives in locals until the id changes:
    # consecutive rows of one conversation then never touch the dict.
    current: Hashable = _NO_CONVERSATION
    last: Any = _FRESH
    start: Any = None
    i, row = 0, None
    try:
        for i, row in enumerate(rows):
            cid, t, role = row
            if cid != current:
                value = get(cid, _FRESH)
                state[current] = last if start is None else (last, start)
                current = cid
                if value.__class__ is tuple:
                    last, start = value
                else:
                    last, start = value, None
            if role == 0:
                if t - last >= silence:
                    if t - t:  # NaN for inf and NaN, 0 for finite numbers
                        raise _Refused(i, row, _TIME, _NOT_FINITE)
                    if t >= until:
                        continue
                    last = t
                    start = None
                    if t >= since:
                        if (
                            has_away
                            and (k := bisect_right(starts, t) - 1) >= 0
                            and t < ends[k]
                        ):
                            if not defer:
                                excluded += 1
                                continue
                            start = ends[k]
                        else:
                            start = t
                        eligible += 1
                        if log_append is not None:
                            log_append(t)
                    continue
                if not last <= t < until:
                    _late(i, row, cid, t, last, until)
                    continue
                last = t
            elif role == 1 or role == bot:
                if not last <= t < until:
                    _late(i, row, cid, t, last, until)
                    continue
                last = t
                if start is not None:
                    delay = t - start
                    start = None
                    if delay <= window:
                        responded += 1
                        # A deferred thread answered while still away: 0.
                        append(delay if delay > 0 else 0.0)
            elif role == 3 or role == 2:
                if not last <= t < until:
                    _late(i, row, cid, t, last, until)
                    continue
                last = t
            elif role == 4:
                if not last <= t < until:
                    _late(i, row, cid, t, last, until)
                    continue
            else:
                raise _Refused(i, row, _ROLE, _ROLE_RULE)
    except (TypeError, ValueError) as exc:
        trace = exc.__traceback__
        if trace is not None and trace.tb_next is not None:
            raise  # raised by the caller's iterator or objects, not by a row
        raise _Refused(i, row, _shape_part(row), _SHAPE_RULE) from exc
    finally:
        state[current] = last if start is None else (last, start)
        del state[_NO_CONVERSATION]
        acc._eligible += eligible
        acc._responded += responded
        acc._excluded += excluded


def _invalid(refused: _Refused, name: str | None) -> InvalidValue:
    """The public error for a refused row, named after the caller's argument."""
    if name is None:  # columns: name the column at fault
        columns = {_ID: "conversation_ids", _TIME: "times", _ROLE: "roles"}
        field = f"{columns[refused.part]}[{refused.index}]"
    else:
        field = f"{name}[{refused.index}]"
    return InvalidValue(field, refused.row, refused.rule)


def _seconds(value: float | dt.datetime | None, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidValue(name, value, "naive datetimes are refused")
        return value.timestamp()
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(name, value, "must be epoch seconds or an aware datetime")
    if not math.isfinite(value):
        raise InvalidValue(name, value, "must be finite")
    return value


class ResponseAccumulator:
    """Incremental, mergeable responsiveness state (sans-I/O, no clock).

    Feed messages one at a time with :meth:`add` or many at once with
    :meth:`feed` (faster per message, most when a conversation's messages
    come together), in time order within each conversation. State is one
    number per conversation seen, plus a ``(last, start)`` tuple while a
    thread waits for its answer, plus one 8-byte float per answered thread
    (an exact median needs the values).

    Accumulators over partitions **split by conversation** merge exactly:
    ``a.merge(b).stats() == single_pass.stats()``; :meth:`merge` is
    associative and commutative.

    Args:
        policy: The response rules; default :class:`ResponsePolicy` ().
        away: Away periods as ``(start, end)`` epoch-second pairs (half-open,
            any order, overlaps allowed) or :class:`~carekit.intervals.Interval`
            values.
        since: Epoch seconds (or an aware datetime): threads that start
            earlier still shape the silence rule but are not counted (for a
            trailing evaluation window). Default: count every thread.
        until: Epoch seconds (or an aware datetime): rows at or after it are
            skipped, as if the data ended there (for a report as of a past
            moment). Default: use every row.

    Raises:
        InvalidValue: *policy* is not a :class:`ResponsePolicy`, an away
            period is malformed, or *since*/*until* is not a finite time.
    """

    __slots__ = (
        "_away",
        "_away_ends",
        "_away_starts",
        "_bot",
        "_defer",
        "_eligible",
        "_excluded",
        "_policy",
        "_responded",
        "_scale",
        "_silence",
        "_since",
        "_state",
        "_times",
        "_until",
        "_window",
    )

    def __init__(
        self,
        policy: ResponsePolicy | None = None,
        away: AwayPeriods = (),
        *,
        since: float | dt.datetime | None = None,
        until: float | dt.datetime | None = None,
    ) -> None:
        first, end = _seconds(since, "since"), _seconds(until, "until")
        self._setup(
            policy,
            normalize_away(away),
            -_INF if first is None else first,
            _INF if end is None else end,
            1,
        )

    def _setup(
        self,
        policy: ResponsePolicy | None,
        away: tuple[tuple[float, float], ...],
        since: float,
        until: float,
        scale: int,
    ) -> None:
        """Initialize; times, *away*, *since* and *until* are in ticks of
        1/*scale* second."""
        if policy is None:
            policy = ResponsePolicy()
        if not isinstance(policy, ResponsePolicy):
            raise InvalidValue("policy", policy, "must be a ResponsePolicy")
        self._policy = policy
        self._away = away
        self._away_starts = [start for start, _ in away]
        self._away_ends = [end for _, end in away]
        self._since = since
        self._until = until
        # Ticks may be finer than seconds: the conversation adapter uses whole
        # microseconds, so that boundaries such as "24 h" are exact.
        self._scale = scale
        if scale == 1:
            self._silence: float = policy.silence.total_seconds()
            self._window: float = policy.window.total_seconds()
        else:
            micro = dt.timedelta(microseconds=1)
            self._silence = policy.silence // micro * scale // 1_000_000
            self._window = policy.window // micro * scale // 1_000_000
        self._defer = policy.away is AwayRule.DEFER
        # The role that answers besides AGENT: BOT when bots count, else AGENT.
        self._bot = 2 if policy.count_bots else 1
        self._state: dict[Hashable, Any] = {}
        self._times: array[float] = array("d")
        self._eligible = self._responded = self._excluded = 0

    @property
    def policy(self) -> ResponsePolicy:
        """The response rules in force."""
        return self._policy

    @property
    def away(self) -> tuple[tuple[float, float], ...]:
        """The away periods, sorted and merged, as ``(start, end)`` pairs."""
        return self._away

    @property
    def conversations(self) -> int:
        """How many distinct conversations have been seen."""
        return len(self._state)

    def add(self, conversation_id: Hashable, t: float, role: int) -> None:
        """Apply one message (the same rules as :meth:`feed`).

        Args:
            conversation_id: Any hashable id.
            t: Epoch seconds, not before the conversation's previous message.
            role: A :class:`Role` (or its int value).

        Raises:
            InvalidValue: The message breaks a row rule; the accumulator is
                unchanged.
        """
        state = self._state
        try:
            value = state.get(conversation_id, _FRESH)
            if value.__class__ is tuple:
                last, start = value
            else:
                last, start = value, None
            if role == 0:
                if t - last >= self._silence:
                    if t - t:
                        raise InvalidValue("t", t, _NOT_FINITE)
                    if t >= self._until:
                        return
                    # A new thread (inline: a call per thread costs more).
                    start = None
                    if t >= self._since:
                        k = bisect_right(self._away_starts, t) - 1
                        if k >= 0 and t < self._away_ends[k]:
                            if self._defer:
                                start = self._away_ends[k]
                            else:
                                self._excluded += 1
                        else:
                            start = t
                        if start is not None:
                            self._eligible += 1
                    state[conversation_id] = t if start is None else (t, start)
                    return
                if not last <= t < self._until:
                    self._refuse_unless_late(conversation_id, t, last)
                    return
            elif role == 1 or role == self._bot:
                if not last <= t < self._until:
                    self._refuse_unless_late(conversation_id, t, last)
                    return
                if start is not None:
                    delay = t - start
                    start = None
                    if delay <= self._window:
                        self._responded += 1
                        self._times.append(delay if delay > 0 else 0.0)
            elif role == 3 or role == 2 or role == 4:
                if not last <= t < self._until:
                    self._refuse_unless_late(conversation_id, t, last)
                    return
                if role == 4:
                    return
            else:
                raise InvalidValue("role", role, _ROLE_RULE)
            state[conversation_id] = t if start is None else (t, start)
        except TypeError as exc:
            part = _shape_part((conversation_id, t, role))
            raise InvalidValue(
                "t" if part == _TIME else part, (conversation_id, t, role), _SHAPE_RULE
            ) from exc

    def _refuse_unless_late(self, conversation_id: Hashable, t: Any, last: Any) -> None:
        try:
            _late(0, None, conversation_id, t, last, self._until)
        except _Refused as refused:
            raise InvalidValue("t", t, refused.rule) from None

    def feed(self, rows: Iterable[Row]) -> Self:
        """Apply many messages in one call; the fast path.

        Args:
            rows: ``(conversation_id, epoch_seconds, role)`` rows, in time
                order within each conversation.

        Returns:
            This accumulator, for chaining: ``acc.feed(rows).stats()``.

        Raises:
            InvalidValue: A row is malformed, has a non-finite time, an unknown
                role, or goes back in time within its conversation; the field
                is ``rows[i]`` (counting from 0 in this call). Earlier rows
                stay applied.
        """
        try:
            _scan(self, rows)
        except _Refused as refused:
            raise _invalid(refused, "rows") from refused.__cause__
        return self

    def forget(self, before: float | dt.datetime) -> int:
        """Drop conversations that can no longer change any figure.

        For long-running streams: state then follows the active
        conversations, not the history. A conversation is dropped when its
        last message is at least ``silence`` before *before* (its next
        customer message starts a thread, as in a new conversation) and any
        open thread can no longer be answered within the window. Its counts
        stay; only its state goes.

        Args:
            before: A watermark (epoch seconds or an aware datetime): no
                message earlier than it will be added any more. Later messages
                of a dropped conversation are not checked for time order
                against the forgotten ones, and :meth:`merge` cannot see that
                a dropped conversation also appears in another partition.

        Returns:
            How many conversations were dropped.
        """
        when = _seconds(before, "before")
        if when is None:
            raise InvalidValue("before", before, "must be a time")
        now = when if self._scale == 1 else round(when * self._scale)
        silence, window = self._silence, self._window
        idle = [
            cid
            for cid, value in self._state.items()
            if (
                now - value[0] >= silence and now - value[1] > window
                if value.__class__ is tuple
                else now - value >= silence
            )
        ]
        for cid in idle:
            del self._state[cid]
        return len(idle)

    def merge(self, other: ResponseAccumulator) -> ResponseAccumulator:
        """A new accumulator holding both partitions; neither input changes.

        Args:
            other: An accumulator with the same policy, away periods,
                ``since`` and ``until``, fed a disjoint set of conversations.

        Raises:
            InvalidValue: The settings differ, or a conversation appears in
                both (partitions must be split by conversation).
        """
        if not isinstance(other, ResponseAccumulator):
            raise InvalidValue("other", other, "must be a ResponseAccumulator")
        mine = (self._policy, self._away, self._since, self._until, self._scale)
        theirs = (other._policy, other._away, other._since, other._until, other._scale)
        if mine != theirs:
            raise InvalidValue(
                "other", other, "accumulators must share policy, away, since and until"
            )
        small, large = sorted((self._state, other._state), key=len)
        shared = next((cid for cid in small if cid in large), _NO_CONVERSATION)
        if shared is not _NO_CONVERSATION:
            raise InvalidValue(
                "other",
                shared,
                "conversation appears in both partitions; split by conversation",
            )
        merged = object.__new__(ResponseAccumulator)
        merged._setup(self._policy, self._away, self._since, self._until, self._scale)
        merged._state = {**large, **small}
        merged._times = self._times + other._times
        merged._eligible = self._eligible + other._eligible
        merged._responded = self._responded + other._responded
        merged._excluded = self._excluded + other._excluded
        return merged

    def stats(self, as_of: float | dt.datetime | None = None) -> ResponseStats:
        """Report what has been fed so far.

        Args:
            as_of: The reporting moment (epoch seconds or an aware datetime),
                normally the time of the latest message or later. Open threads
                that could still be answered in time (``as_of - start <=
                window``) are **pending**: reported in ``pending``, not
                counted as eligible. Without ``as_of`` the data is taken as
                complete: every open thread is finished, eligible and
                unanswered.

        Returns:
            The counts and response times (in seconds).
        """
        when = _seconds(as_of, "as_of")
        pending = 0
        if when is not None:
            now = when if self._scale == 1 else round(when * self._scale)
            window = self._window
            for value in self._state.values():
                if value.__class__ is tuple and now - value[1] <= window:
                    pending += 1
        times: Iterable[float] = self._times
        if self._scale != 1:
            scale = self._scale
            times = [delay / scale for delay in self._times]
        return ResponseStats(
            self._eligible - pending,
            self._responded,
            self._excluded,
            response_times=times,
            pending=pending,
        )

    def __repr__(self) -> str:
        return (
            f"<ResponseAccumulator conversations={len(self._state)}"
            f" eligible={self._eligible} responded={self._responded}"
            f" excluded_away={self._excluded}>"
        )


def _accumulator(
    policy: ResponsePolicy,
    away: tuple[tuple[float, float], ...],
    since: float,
    until: float,
    scale: int,
) -> ResponseAccumulator:
    """An accumulator whose times, *away*, *since* and *until* are in ticks of
    1/*scale* second (already normalized)."""
    acc = object.__new__(ResponseAccumulator)
    acc._setup(policy, away, since, until, scale)
    return acc


def from_rows(
    rows: Iterable[Row],
    *,
    away: AwayPeriods = (),
    policy: ResponsePolicy | None = None,
    since: float | dt.datetime | None = None,
    until: float | dt.datetime | None = None,
) -> ResponseStats:
    """Responsiveness of plain rows in one pass, building no object per message.

    Args:
        rows: ``(conversation_id, epoch_seconds, role)`` rows in time order
            within each conversation; conversations may be interleaved.
        away: Away periods (see :class:`ResponseAccumulator`).
        policy: The response rules; default :class:`ResponsePolicy` ().
        since: Count only threads starting at or after this time.
        until: Skip rows at or after this time and report as of it: threads
            still inside their window then are pending. Default: every row,
            and every open thread is finished.

    Returns:
        The statistics with every open thread finished (the data is complete).

    Raises:
        InvalidValue: A row is malformed (field ``rows[i]``), or a setting is.

    >>> from carekit.responsiveness import Role, from_rows
    >>> stats = from_rows([("c1", 0.0, Role.CUSTOMER), ("c1", 90.0, Role.AGENT)])
    >>> stats.rate, stats.median()
    (1.0, 90.0)
    """
    acc = ResponseAccumulator(policy, away, since=since, until=until)
    return acc.feed(rows).stats(until)


def _column(values: Iterable[Any]) -> Sequence[Any]:
    # NumPy and pandas columns iterate as boxed scalars, whose arithmetic is
    # slow; ``tolist()`` turns them into plain Python values.
    if isinstance(values, list | tuple):
        return values
    tolist = getattr(values, "tolist", None)
    if callable(tolist):
        return tolist()  # type: ignore[no-any-return]
    return list(values)


def from_columns(
    conversation_ids: Iterable[Hashable],
    times: Iterable[float],
    roles: Iterable[int],
    *,
    away: AwayPeriods = (),
    policy: ResponsePolicy | None = None,
    since: float | dt.datetime | None = None,
    until: float | dt.datetime | None = None,
) -> ResponseStats:
    """Responsiveness of three parallel columns (one row per index).

    Same rules and result as :func:`from_rows`; NumPy or pandas columns are
    accepted and read through ``tolist()``.

    Raises:
        InvalidValue: The columns differ in length, or a value is invalid
            (field ``times[i]``, ``roles[i]`` or ``conversation_ids[i]``).
    """
    columns = [_column(c) for c in (conversation_ids, times, roles)]
    lengths = [len(c) for c in columns]
    if len(set(lengths)) != 1:
        raise InvalidValue(
            "times", lengths, "the three columns must have the same length"
        )
    acc = ResponseAccumulator(policy, away, since=since, until=until)
    try:
        _scan(acc, zip(*columns, strict=True))
    except _Refused as refused:
        raise _invalid(refused, None) from refused.__cause__
    return acc.stats(until)
