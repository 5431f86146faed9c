"""Responsiveness of plain rows: in one call, or one message at a time.

A row is ``(conversation_id, epoch_seconds, role)``. Rows are in time order
within each conversation (ties keep their given order); conversations may be
interleaved. The rules are those of the thread kernel (see
``docs/responsiveness.md``): customer messages open threads after 24 h of
silence, the first agent reply answers them, and automatic messages,
private notes and uncounted bot messages change nothing.

Times are epoch seconds as real numbers (floats or ints). Their precision is
what a float holds: about 1 µs until the year 2255, coarser later. For
exact microseconds over the years 1-9999, give conversations
(:func:`~carekit.responsiveness.measure_conversations`), whose datetimes are
counted in whole microseconds.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from typing import Any, Self, TypeAlias

from carekit._threads import (
    AGENT,
    BOT,
    CUSTOMER,
    FIRST_SECOND,
    ID,
    INTERNAL,
    ROLE,
    SECONDS,
    STOP_SECOND,
    TIME,
    Refused,
    Tally,
    ThreadRules,
    scan,
    scan_columns,
    step,
)
from carekit.errors import InvalidValue
from carekit.responsiveness._away import AwayPeriods, normalize_away
from carekit.responsiveness._rules import (
    checked_policy,
    optional_bound,
    report,
    row_error,
    thread_rules,
)
from carekit.responsiveness._state import state_data, tally_of
from carekit.responsiveness.policy import ResponsePolicy
from carekit.responsiveness.stats import ResponseStats

__all__ = ["ResponseAccumulator", "Row", "measure_columns", "measure_rows"]

_EARLIEST = float(FIRST_SECOND)
# The silence-breaking time of a conversation never seen (-sys.float_info.max).
_NEVER = -1.7976931348623157e308

Row: TypeAlias = tuple[Hashable, float, int]
"""``(conversation_id, epoch_seconds, role)``; ``role`` is a :class:`Role` or
its int value."""


class ResponseAccumulator:
    """Incremental, mergeable responsiveness state (sans-I/O, no clock).

    Feed messages one at a time with :meth:`add` or many at once with
    :meth:`feed` (faster per message, most when a conversation's messages
    come together), in time order within each conversation. State is one
    number per conversation seen (plus a small tuple while a thread waits
    for its answer), and one 8-byte float per answered thread (an exact
    median needs the values).

    Accumulators over partitions **split by conversation** merge exactly:
    ``a.merge(b).stats() == single_pass.stats()``; :meth:`merge` is
    associative and commutative.

    Args:
        policy: The response rules, any :class:`ResponsePolicy`; default
            :class:`ResponseRules` ().
        away: Away periods as ``(start, end)`` pairs of epoch seconds or
            aware datetimes (half-open, any order, overlaps allowed) or
            :class:`~carekit.intervals.Interval` values.
        since: Epoch seconds (or an aware datetime): threads that start
            earlier still shape the silence rule but are not counted (for a
            trailing evaluation window). Default: count every thread.
        until: Epoch seconds (or an aware datetime): rows at or after it are
            skipped, as if the data ended there (for a report as of a past
            moment). Default: use every row.

    Raises:
        InvalidValue: A policy attribute is invalid (``policy.window`` ...),
            an away period is malformed, or *since*/*until* is not a time
            within the years 1-9999.
    """

    __slots__ = ("_policy", "_rules", "_stop", "_tally")

    def __init__(
        self,
        policy: ResponsePolicy | None = None,
        away: AwayPeriods = (),
        *,
        since: float | dt.datetime | None = None,
        until: float | dt.datetime | None = None,
    ) -> None:
        self._policy = checked_policy(policy)
        self._rules = thread_rules(
            self._policy,
            normalize_away(away),
            optional_bound(since, "since", SECONDS, -math.inf),
            optional_bound(until, "until", SECONDS, math.inf),
            SECONDS,
        )
        self._tally = Tally()
        # Rows from here on go through the kernel's step (late, or past 9999).
        self._stop = min(self._rules.until, float(STOP_SECOND))

    @property
    def policy(self) -> ResponsePolicy:
        """The response rules in force (as a :class:`ResponseRules`)."""
        return self._policy

    @property
    def away(self) -> tuple[tuple[float, float], ...]:
        """The away periods, sorted and merged, as ``(start, end)`` pairs."""
        rules = self._rules
        return tuple(zip(rules.away_starts, rules.away_ends, strict=True))

    @property
    def conversations(self) -> int:
        """How many distinct conversations have been seen."""
        return len(self._tally.last)

    def add(self, conversation_id: Hashable, t: float, role: int) -> None:
        """Apply one message (the same rules as :meth:`feed`).

        Args:
            conversation_id: Any hashable id.
            t: Epoch seconds, not before the conversation's previous message.
            role: A :class:`Role` (or its int value).

        Raises:
            InvalidValue: The message breaks a row rule (field
                ``conversation_id``, ``t`` or ``role``); the accumulator is
                unchanged.
        """
        rules, tally = self._rules, self._tally
        # The kernel's per-row rules once more, inline, for the usual row (a
        # float time before ``until``, an int role, a str or int id): two
        # calls per message would cost more than the rules. A property test
        # keeps this equal to ``feed``; any other row goes through the
        # kernel's own ``step``.
        if (
            t.__class__ is float
            and role.__class__ is int
            and (conversation_id.__class__ is str or conversation_id.__class__ is int)
            and _EARLIEST <= t < self._stop
        ):
            waiting, lasts = tally.waiting, tally.last
            extra = waiting.get(conversation_id)
            if extra is None:
                last: Any = lasts.get(conversation_id)
                if last is None:
                    seen, last, start = _EARLIEST, _NEVER, None
                else:
                    seen, start = last, None
            else:
                seen, start = extra
                last = lasts[conversation_id]
            if seen <= t:
                if role == CUSTOMER:
                    if t - last >= rules.silence:
                        start = None
                        if t >= rules.since:
                            k = bisect_right(rules.away_starts, t) - 1
                            if k >= 0 and t < rules.away_ends[k]:
                                if rules.defer:
                                    start = rules.away_ends[k]
                                    tally.eligible += 1
                                else:
                                    tally.excluded += 1
                            else:
                                start = t
                                tally.eligible += 1
                    last = t
                elif role == AGENT or (role == BOT and rules.count_bots):
                    last = t
                    if start is not None:
                        delay = t - start
                        start = None
                        if delay <= rules.window:
                            tally.responded += 1
                            tally.times.append(delay if delay > 0 else 0.0)
                elif not 0 <= role <= INTERNAL:
                    self._step(conversation_id, t, role)
                    return
                lasts[conversation_id] = last
                if start is None and t is last:
                    if extra is not None:
                        del waiting[conversation_id]
                else:
                    waiting[conversation_id] = (t, start)
                return
        self._step(conversation_id, t, role)

    def _step(self, conversation_id: Hashable, t: Any, role: Any) -> None:
        """:meth:`add` through the kernel's ``step``, errors named for it."""
        try:
            step(self._rules, self._tally, (conversation_id, t, role))
        except Refused as refused:
            names = {ID: "conversation_id", TIME: "t", ROLE: "role"}
            raise InvalidValue(names[refused.part], refused.row, refused.rule) from None

    def feed(self, rows: Iterable[Row]) -> Self:
        """Apply many messages in one call; the fast path.

        Args:
            rows: ``(conversation_id, epoch_seconds, role)`` rows, in time
                order within each conversation.

        Returns:
            This accumulator, for chaining: ``acc.feed(rows).stats()``.

        Raises:
            InvalidValue: A row is malformed, has an invalid time or role, or
                goes back in time within its conversation; the field is
                ``rows[i].part`` (``i`` counting from 0 in this call). Earlier
                rows stay applied.
        """
        try:
            scan(self._rules, self._tally, _rows(rows))
        except Refused as refused:
            raise row_error(refused, "rows") from refused.__cause__
        return self

    def forget(self, before: float | dt.datetime) -> int:
        """Drop conversations that can no longer change any figure.

        For long-running streams: state then follows the active
        conversations, not the history. A conversation is dropped when its
        last customer or answering message is at least ``silence`` before
        *before* (its next customer message starts a thread, as in a new
        conversation) and any open thread can no longer be answered within
        the window. Its counts stay; only its state goes.

        Args:
            before: A watermark (epoch seconds or an aware datetime): no
                message earlier than it will be added any more. Later messages
                of a dropped conversation are not checked for time order
                against the forgotten ones, and :meth:`merge` cannot see that
                a dropped conversation also appears in another partition.

        Returns:
            How many conversations were dropped.

        Raises:
            InvalidValue: *before* is not a time within the years 1-9999.
        """
        if before is None:
            raise InvalidValue("before", before, "must be a time")
        now = optional_bound(before, "before", SECONDS, math.inf)
        return self._tally.forget(now, self._rules.silence, self._rules.window)

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
        if self._rules != other._rules:
            raise InvalidValue(
                "other", other, "accumulators must share policy, away, since and until"
            )
        mine, theirs = self._tally.last, other._tally.last
        small, large = sorted((mine, theirs), key=len)
        shared = [cid for cid in small if cid in large]
        if shared:
            raise InvalidValue(
                "other",
                shared[0],
                "conversation appears in both partitions; split by conversation",
            )
        return self._with(self._tally.merged(other._tally))

    def _with(self, tally: Tally) -> ResponseAccumulator:
        """An accumulator with these settings holding *tally*."""
        merged = ResponseAccumulator(self._policy)
        merged._rules, merged._stop, merged._tally = self._rules, self._stop, tally
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
        now = None if as_of is None else optional_bound(as_of, "as_of", SECONDS, 0)
        return report(self._tally, self._rules, now)

    def to_data(self) -> dict[str, Any]:
        """This accumulator as JSON-compatible plain data (for checkpoints and
        engines that ship state as bytes); :meth:`from_data` reads it back.

        The settings are written too, with the policy as a
        :class:`ResponseRules` (durations in whole microseconds).

        Raises:
            InvalidValue: A conversation id is neither a str nor an int.
        """
        return state_data(self._policy, self._rules, self._tally)

    @classmethod
    def from_data(cls, data: object) -> ResponseAccumulator:
        """The accumulator that :meth:`to_data` wrote: same settings, same
        state, so it merges and reports as the original does.

        Raises:
            InvalidValue: *data* is not such a form (a key missing or extra,
                or a value that breaks its rule, named in the field).
        """
        (policy, away, since, until), tally = tally_of(data)
        accumulator = cls(policy, away, since=since, until=until)
        accumulator._tally = tally
        return accumulator

    @property
    def rules(self) -> ThreadRules:
        """The thread kernel's rules in force (epoch seconds)."""
        return self._rules

    def __repr__(self) -> str:
        tally = self._tally
        return (
            f"<ResponseAccumulator conversations={len(tally.last)}"
            f" eligible={tally.eligible} responded={tally.responded}"
            f" excluded_away={tally.excluded}>"
        )


def _rows(rows: object) -> Iterable[Row]:
    """*rows* if it can hold rows in order (not a str, bytes, set or mapping)."""
    if isinstance(rows, str | bytes | Mapping | Set) or not isinstance(rows, Iterable):
        raise InvalidValue("rows", rows, "must be an iterable of rows, in order")
    return rows


def measure_rows(
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
        policy: The response rules, any :class:`ResponsePolicy`; default
            :class:`ResponseRules` ().
        since: Count only threads starting at or after this time.
        until: Skip rows at or after this time and report as of it: threads
            still inside their window then are pending. Default: every row,
            and every open thread is finished.

    Returns:
        The statistics with every open thread finished (the data is complete).

    Raises:
        InvalidValue: A row is malformed (field ``rows[i].role`` and so on),
            or a setting is.

    >>> from carekit.responsiveness import Role, measure_rows
    >>> stats = measure_rows([("c1", 0.0, Role.CUSTOMER), ("c1", 90.0, Role.AGENT)])
    >>> stats.rate, stats.median()
    (1.0, 90.0)
    """
    acc = ResponseAccumulator(policy, away, since=since, until=until)
    return acc.feed(rows).stats(until)


_COLUMNS = ("conversation_ids", "times", "roles")
_PARTS = {ID: "conversation_ids", TIME: "times", ROLE: "roles"}


def _column(values: object, name: str) -> Sequence[Any]:
    """A column as a sequence; NumPy and pandas columns through ``tolist()``
    (their boxed scalars are slow), refusing what has no order or would be
    split into characters."""
    if isinstance(values, str | bytes | Set | Mapping):
        raise InvalidValue(
            name,
            values,
            "must be an ordered column (a list, tuple, array or Series),"
            " not a str, bytes, set or mapping",
        )
    if isinstance(values, list | tuple):
        return values
    tolist = getattr(values, "tolist", None)
    if callable(tolist):
        column = tolist()
        if isinstance(column, list):
            return column
    if not isinstance(values, Iterable):
        raise InvalidValue(name, values, "must be an ordered column")
    return list(values)


def measure_columns(
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

    Same rules and result as :func:`measure_rows`; NumPy or pandas columns are
    accepted and read through ``tolist()``.

    Raises:
        InvalidValue: A column is a str, bytes, set or mapping, the columns
            differ in length, or a value is invalid (field ``times[i]``,
            ``roles[i]`` or ``conversation_ids[i]``).
    """
    columns = [
        _column(c, name)
        for c, name in zip((conversation_ids, times, roles), _COLUMNS, strict=True)
    ]
    lengths = [len(c) for c in columns]
    if len(set(lengths)) != 1:
        raise InvalidValue(
            "times", lengths, "the three columns must have the same length"
        )
    acc = ResponseAccumulator(policy, away, since=since, until=until)
    try:
        scan_columns(acc.rules, acc._tally, (columns[0], columns[1], columns[2]))
    except Refused as refused:
        field = f"{_PARTS[refused.part]}[{refused.index}]"
        raise InvalidValue(field, refused.row, refused.rule) from refused.__cause__
    return acc.stats(until)
