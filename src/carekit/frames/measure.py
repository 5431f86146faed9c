"""Responsiveness of a dataframe: the thread kernel's rules as one query.

``measure_frame`` takes the frame the user already has (polars, pandas,
pyarrow, DuckDB or Dask, through narwhals) and returns the same
:class:`~carekit.responsiveness.ResponseStats` as
:func:`~carekit.responsiveness.measure_rows` or
:func:`~carekit.responsiveness.measure_conversations` on the same messages:
equal counts and equal response times, so the rate, median, mean and every
percentile are equal too.

The rules are those of ``docs/responsiveness.md``: a customer message after
24 h with no customer or answering message starts a thread; the first
agent reply answers it, counting when it comes within the 24 h window;
automatic messages, private notes and uncounted bot replies change nothing;
a thread that starts inside an away period ``[start, end)`` is excluded, or
timed from the period's end (``AwayRule.DEFER``).

A frame has no row order. Rows are taken per conversation in time order;
equal times are ordered by the *sequence* column when given, else by the
tie rule: **a customer message comes before a reply sent at the same
instant** (a reply cannot precede what it answers), so a reply stamped with
the customer message's own second answers it in 0 s.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

try:
    import narwhals as nw
except ImportError as missing:  # pragma: no cover - narwhals is in the extras
    raise ImportError(
        "carekit.frames needs narwhals: pip install 'carekit[frames]'"
    ) from missing

from carekit.frames._columns import PROBLEMS, Epoch, Layout, layout_of
from carekit.frames._input import frame_schema, narwhals_frame, problem_error
from carekit.frames._pipeline import (
    EXCLUDED,
    PENDING,
    PROBLEM,
    RESPONDED,
    UNANSWERED,
    in_memory,
    order_check,
    thread_statuses,
)
from carekit.responsiveness import ResponsePolicy, ResponseStats
from carekit.responsiveness._away import AwayPeriods, normalize_away
from carekit.responsiveness._rules import checked_policy, optional_bound, thread_rules

__all__ = ["measure_frame"]


def measure_frame(
    frame: Any,
    *,
    conversation: str = "conversation_id",
    time: str = "time",
    roles: str | tuple[str, str, str] = "role",
    sequence: str | None = None,
    epoch: Epoch | None = None,
    away: AwayPeriods = (),
    policy: ResponsePolicy | None = None,
    since: float | dt.datetime | None = None,
    until: float | dt.datetime | None = None,
) -> ResponseStats:
    """Responsiveness of a frame's messages, computed by the frame's engine.

    Args:
        frame: A polars ``DataFrame`` or ``LazyFrame``, a pandas
            ``DataFrame``, a pyarrow ``Table``, a DuckDB relation or a Dask
            dataframe: one row per message. Lazy frames stay lazy until the
            final aggregate (one row per counted thread).
        conversation: The conversation id column (any type; no nulls).
        time: The time column: aware datetimes, or with *epoch* numbers.
        roles: The role column (``Role`` ints 0-4, or names ``"customer"``,
            ``"agent"``, ``"bot"``, ``"automated"``, ``"internal"``), or the
            names of three columns ``(direction, author, kind)`` holding the
            values of ``carekit.messages``' ``Direction``, ``AuthorKind``
            and ``MessageKind``, mapped as
            :func:`~carekit.responsiveness.role_of` maps them.
        sequence: A column that orders messages with equal times within a
            conversation (any orderable type, no nulls). Without it, a
            customer message comes before a reply at the same instant.
        epoch: ``None`` when *time* holds aware datetimes (counted in exact
            microseconds, as ``measure_conversations`` counts), ``"s"`` for
            epoch seconds (floats, as ``measure_rows`` counts), ``"ms"`` for
            whole epoch milliseconds (exact microseconds).
        away: Away periods (``(start, end)`` pairs of epoch seconds or aware
            datetimes, or intervals; half-open, any order).
        policy: The response rules, any ``ResponsePolicy``; default
            ``ResponseRules()``. The presets' rules are
            ``BADGE_2015.response`` and ``BADGE_2016.response``.
        since: Count only threads starting at or after this time.
        until: Skip messages at or after this time and report as of it:
            threads still inside their window then are pending.

    Returns:
        The statistics, equal to the pure kernel's on the same messages.

    Raises:
        InvalidValue: *frame* is not a dataframe, a column is missing or of
            the wrong type (naive datetimes), a value is invalid (a null id
            or time, an unknown role): the field is the column's name. A
            setting is invalid (``policy.window``, ``away[0]``, ``since``).

    >>> import polars as pl
    >>> from carekit.frames import measure_frame
    >>> frame = pl.DataFrame({"conversation_id": ["c1", "c1"],
    ...                       "time": [0.0, 90.0], "role": [0, 1]})
    >>> stats = measure_frame(frame, epoch="s")
    >>> stats.rate, stats.median()
    (1.0, 90.0)
    """
    native = narwhals_frame(frame, time)
    eager = isinstance(native, nw.DataFrame)
    if eager and native.implementation is nw.Implementation.POLARS:
        native = native.lazy()  # its optimizer then sees the whole query
    layout = layout_of(
        frame_schema(native),
        conversation=conversation,
        time=time,
        roles=roles,
        sequence=sequence,
        epoch=epoch,
        zone_in_type=native.implementation is not nw.Implementation.DUCKDB,
    )
    unit = layout.unit
    rules = thread_rules(
        checked_policy(policy),
        normalize_away(away, unit),
        optional_bound(since, "since", unit, -math.inf),
        optional_bound(until, "until", unit, math.inf),
        unit,
    )
    as_of = None if until is None else rules.until
    statuses = _collected(native, layout, rules, as_of, eager=eager)
    counts = _counts(statuses)
    for code in range(1, PROBLEMS):
        if counts.get(PROBLEM + code):
            raise problem_error(native, layout, code)
    times = statuses.filter(nw.col("status") == RESPONDED)["time"].to_list()
    return ResponseStats(
        counts.get(RESPONDED, 0) + counts.get(UNANSWERED, 0),
        counts.get(RESPONDED, 0),
        counts.get(EXCLUDED, 0),
        response_times=times,
        pending=counts.get(PENDING, 0),
    )


def _collected(
    native: Any, layout: Layout, rules: Any, as_of: float | None, *, eager: bool
) -> nw.DataFrame[Any]:
    """The statuses of every counted thread, computed by the frame's engine
    (Dask: per partition, once the rows are shuffled by conversation)."""
    implementation: Any = native.implementation
    if implementation is nw.Implementation.DASK:
        return _dask_statuses(native, layout, rules, as_of)
    if implementation is nw.Implementation.POLARS and not eager:
        # Built here only: the sorting query is built when the rows turn
        # out of order (building a query is a few ms of Python each time).
        return _polars_lazy(native, layout, rules, as_of)
    statuses = thread_statuses(native, layout, rules, as_of, eager=eager)
    if isinstance(statuses, nw.LazyFrame):
        if implementation is nw.Implementation.POLARS:
            statuses = nw.from_native(in_memory(nw.to_native(statuses)))
        else:
            statuses = statuses.collect()
    collected: nw.DataFrame[Any] = statuses
    return collected


def _polars_lazy(
    native: Any, layout: Layout, rules: Any, as_of: float | None
) -> nw.DataFrame[Any]:
    """A polars lazy frame: the query that trusts the rows' order and the
    one-boolean check of that order, collected together (a file is read
    once); only rows out of order run the sorted query after it."""
    trusting = thread_statuses(native, layout, rules, as_of, trust=True)
    ordered, statuses = in_memory(
        order_check(native, layout, rules), nw.to_native(trusting)
    )
    if not ordered.item():
        sorting = thread_statuses(native, layout, rules, as_of)
        statuses = in_memory(nw.to_native(sorting))
    result: nw.DataFrame[Any] = nw.from_native(statuses, eager_only=True)
    return result


def _dask_statuses(
    native: Any, layout: Layout, rules: Any, as_of: float | None
) -> nw.DataFrame[Any]:
    """Dask: narwhals has no ordered window on Dask, so the rows are shuffled
    by conversation (each conversation in one partition) and each partition,
    a pandas frame, runs the eager query; collected once, at the end."""
    dask_frame = nw.to_native(native)

    def partition(part: Any) -> Any:
        eager = nw.from_native(part, eager_only=True)
        return nw.to_native(thread_statuses(eager, layout, rules, as_of))

    meta = partition(dask_frame._meta)
    shuffled = dask_frame.shuffle(on=layout.conversation)
    computed = shuffled.map_partitions(partition, meta=meta).compute()
    result: nw.DataFrame[Any] = nw.from_native(computed, eager_only=True)
    return result.sort("time")


def _counts(statuses: nw.DataFrame[Any]) -> dict[int, int]:
    """Threads per status."""
    counted = statuses.group_by("status").agg(nw.len().alias("n"))
    return dict(zip(counted["status"].to_list(), counted["n"].to_list(), strict=True))
