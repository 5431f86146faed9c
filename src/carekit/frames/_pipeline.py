"""The thread kernel's rules as one lazy query over a frame.

The same rules as :mod:`carekit._threads`, written as columns (a frame has
no row order, so the order is named: conversation, time, then the
sequence column or the tie rule):

1. Keep the rows that matter: customer rows and answering rows before
   ``until`` (automatic messages, notes and uncounted bots change nothing),
   and every row with a problem, so that the final collect can name it.
2. In that order, a customer row starts a thread when it is its
   conversation's first kept row or comes at least ``silence`` after the
   previous kept row. Thread starts (and conversation starts) cut the rows
   into segments; a thread's answer is the first answering row of its
   segment (when the rows are in order, the row right after the start once
   only boundaries and answering rows are kept; the segment's earliest, by
   a group-by, in windows).
3. Threads starting before ``since`` are dropped; the others are looked up
   in the merged away periods (half-open ``[start, end)``): excluded, or
   timed from the period's end.
4. Each thread becomes one row ``(status, time)``: excluded, responded
   (with its response time in seconds), unanswered, or pending at
   ``as_of``. Problem rows become a status of their own.

Where narwhals lacks an operation, or runs it far slower, the backend's own
is used behind the same function (``docs/frames.md`` says why): the order
on polars (one native sort, skipped when the rows are in order), and the
away lookup (neither a sorted search nor an as-of join exists on every
backend: polars uses ``search_sorted``, DuckDB ``ASOF JOIN``, eager pandas
and pyarrow frames a sort and a running count that narwhals has).
"""

from __future__ import annotations

import math
from typing import Any, Final

import narwhals as nw

from carekit._threads import FIRST_SECOND, MICROSECONDS, ThreadRules
from carekit.frames._columns import Layout

__all__ = [
    "EXCLUDED",
    "PENDING",
    "PROBLEM",
    "RESPONDED",
    "UNANSWERED",
    "in_memory",
    "order_check",
    "thread_statuses",
]

#: A thread's status in the collected frame; a row with problem code ``k``
#: has status ``PROBLEM + k``.
EXCLUDED, RESPONDED, UNANSWERED, PENDING, PROBLEM = 0, 1, 2, 3, 10
_TICKS_PER_SECOND: Final = float(MICROSECONDS)

# Column names inside the query: the frame's own columns are selected away.
_C, _T, _SEQ, _PROBLEM = "__c", "__t", "__seq", "__problem"
_CUSTOMER, _ANSWERS, _RANK = "__customer", "__answers", "__rank"
_START, _NEW, _SEGMENT, _REPLY = "__start", "__new", "__segment", "__reply"
_FROM, _AWAY_END = "__from", "__away_end"


def _rows(frame: Any, layout: Layout, rules: ThreadRules) -> Any:
    """Step 1: the kept rows, in the query's own column names."""
    columns = {
        _C: nw.col(layout.conversation),
        _T: layout.ticks(),
        _PROBLEM: layout.problem(),
        _CUSTOMER: layout.customer().fill_null(value=False),
        _ANSWERS: layout.answering(rules.count_bots).fill_null(value=False),
    }
    if layout.sequence is not None:
        columns[_SEQ] = nw.col(layout.sequence)
    rows = frame.select(**columns)
    keep = nw.col(_CUSTOMER) | nw.col(_ANSWERS)
    if rules.until < math.inf:
        keep = keep & (nw.col(_T) < rules.until)
    return rows.filter(keep.fill_null(value=False) | (nw.col(_PROBLEM) > 0))


def _segments(
    rows: Any, layout: Layout, rules: ThreadRules, eager: bool, trust: bool
) -> tuple[Any, list[str]]:
    """Step 2: thread starts and segments, ordered by conversation, time,
    then the sequence or the tie rule (customer rows first).

    narwhals writes an ordered step on a lazy frame as a window with an
    ``order_by``, which polars runs as one sort per expression: on polars
    the rows are sorted once, natively, and not at all when they are
    already in order (an eager frame is checked; a lazy one is sorted
    unless *trust* says that :func:`order_check` is computed beside it);
    eager pandas and pyarrow frames are sorted once too, when out of order.
    Other lazy engines (DuckDB) run the windows, one partition per
    conversation.

    Returns:
        The rows with their segment, and the columns that key a segment.
    """
    keys = _keys(layout)
    rows = rows.with_columns(nw.col(_ANSWERS).cast(nw.Int8).alias(_RANK))
    if rows.implementation is nw.Implementation.POLARS:
        import polars as pl

        native = nw.to_native(rows)
        if eager:
            ready = in_memory(native)
            if not ready.select(_in_order(pl.col, keys)).item():
                ready = ready.sort(keys)
            native = ready.lazy()
        elif not trust:
            native = native.sort(keys)
        return nw.from_native(_scanned(pl.col, native, rules)), [_SEGMENT]
    if isinstance(rows, nw.DataFrame):
        if not rows.select(_in_order(nw.col, keys)).item():
            rows = rows.sort(keys)
        return _scanned(nw.col, rows, rules), [_SEGMENT]
    return _windowed(rows, keys, rules), [_C, _SEGMENT]


def _keys(layout: Layout) -> list[str]:
    """The order of the rows: conversation, time, sequence, tie rule."""
    keys = [_C, _T]
    if layout.sequence is not None:
        keys.append(_SEQ)
    keys.append(_RANK)
    return keys


def order_check(frame: Any, layout: Layout, rules: ThreadRules) -> Any:
    """A polars lazy query of one boolean: whether the kept rows of *frame*
    are already in order (then :func:`thread_statuses` with ``trust``
    needs no sort). Collected with it by ``pl.collect_all``, both read the
    file once."""
    import polars as pl

    rows = _rows(frame, layout, rules).with_columns(
        nw.col(_ANSWERS).cast(nw.Int8).alias(_RANK)
    )
    return nw.to_native(rows).select(_in_order(pl.col, _keys(layout)))


def in_memory(*queries: Any) -> Any:
    """Polars lazy queries collected together (``pl.collect_all``: a scan
    they share is read once) by polars' in-memory engine (about 1.5x faster
    here than the streaming default of polars 2), or by the default engine
    on a polars too old to name it; one result for one query."""
    import polars as pl

    try:
        results = pl.collect_all(list(queries), engine="in-memory")
    except (TypeError, ValueError):
        results = pl.collect_all(list(queries))
    return results[0] if len(queries) == 1 else results


def _in_order(col: Any, keys: list[str]) -> Any:
    """Whether every row comes at or after the one before it by *keys*, in
    the frame's row order (*col* is ``pl.col`` or ``nw.col``)."""
    after = col(keys[-1]) >= col(keys[-1]).shift(1)
    for key in reversed(keys[:-1]):
        here, before = col(key), col(key).shift(1)
        after = (here > before) | ((here == before) & after)
    return after.fill_null(value=True).all()


def _scanned(col: Any, rows: Any, rules: ThreadRules) -> Any:
    """Step 2 on rows in order: the previous row is the one before. Only the
    segment boundaries (thread and conversation starts) and the answering
    rows are kept; a thread's answer is then the row right after its start
    when that row is not a boundary (it answers, in the same segment, and
    first): one filter and two shifts, no running sum, fill or join."""
    before_c, before_t = col(_C).shift(1), col(_T).shift(1)
    new = (col(_C) != before_c).fill_null(value=True)
    quiet = (col(_T) - before_t >= rules.silence).fill_null(value=False)
    start = (col(_CUSTOMER) & (new | quiet)) | (col(_PROBLEM) > 0)
    answers = col(_ANSWERS) & (col(_PROBLEM) == 0)
    rows = rows.with_columns(
        start.alias(_START), (start | new).cast(_int8(col)).alias(_NEW)
    ).filter((col(_NEW) == 1) | answers)
    # An integer flag: a shifted boolean is no boolean on pandas.
    answered = (col(_NEW).shift(-1).fill_null(1) == 0).fill_null(value=False)
    return rows.with_columns(_when(col, answered, col(_T).shift(-1)).alias(_REPLY))


def _when(col: Any, condition: Any, value: Any) -> Any:
    """*value* where *condition* holds, else null (polars or narwhals)."""
    if col is nw.col:
        return nw.when(condition).then(value)
    import polars as pl

    return pl.when(condition).then(value)


def _int8(col: Any) -> Any:
    """The Int8 type of the library *col* belongs to."""
    if col is nw.col:
        return nw.Int8
    import polars as pl

    return pl.Int8


def _windowed(rows: Any, keys: list[str], rules: ThreadRules) -> Any:
    """Step 2 as ordered windows, one partition per conversation; segments
    are numbered within it (the conversation is part of their key)."""
    order = keys[1:]
    before_t = nw.col(_T).shift(1).over(_C, order_by=order)
    new = before_t.is_null()
    quiet = (nw.col(_T) - before_t >= rules.silence).fill_null(value=False)
    rows = rows.with_columns(
        new.alias(_NEW),
        ((nw.col(_CUSTOMER) & (new | quiet)) | (nw.col(_PROBLEM) > 0)).alias(_START),
    )
    segment = (nw.col(_START) | nw.col(_NEW)).cast(nw.Int64).cum_sum()
    return rows.with_columns(segment.over(_C, order_by=order).alias(_SEGMENT))


def _threads(rows: Any, segment: list[str], rules: ThreadRules) -> Any:
    """Threads counted from ``since`` on, with their first answer (or null):
    already on each row in order, or (windowed) the earliest answering row
    of the segment."""
    clean = nw.col(_PROBLEM) == 0
    counted = nw.col(_START)
    if rules.since > -math.inf:
        counted = counted & (
            (nw.col(_T) >= rules.since).fill_null(value=False) | ~clean
        )
    if _REPLY in rows.columns:
        return rows.filter(counted).select(_T, _PROBLEM, _REPLY)
    replies = (
        rows.filter(nw.col(_ANSWERS) & clean)
        .group_by(*segment)
        .agg(nw.col(_T).min().alias(_REPLY))
    )
    starts = rows.filter(counted).select(*segment, _T, _PROBLEM)
    return starts.join(replies, on=segment, how="left")


def thread_statuses(
    frame: Any,
    layout: Layout,
    rules: ThreadRules,
    as_of: float | None,
    *,
    eager: bool = False,
    trust: bool = False,
) -> Any:
    """One row ``(status, time)`` per counted thread and per problem row,
    sorted by time,
    still lazy for a lazy *frame* (a narwhals frame); ``time`` is the
    response time in seconds when responded. *eager* says that a polars
    lazy *frame* was an eager frame (its rows may then be checked for order
    before they are sorted); *trust* takes a polars lazy frame's rows as in
    order (right only when :func:`order_check` says so)."""
    rows, segment = _segments(_rows(frame, layout, rules), layout, rules, eager, trust)
    threads = _threads(rows, segment, rules)
    threads = _timed_from(threads, rules)
    delay = nw.col(_REPLY) - nw.col(_FROM)
    seconds = nw.when(delay > 0).then(delay).otherwise(0).cast(nw.Float64)
    if rules.unit == MICROSECONDS:
        seconds = seconds / _TICKS_PER_SECOND
    status: Any = nw.lit(UNANSWERED)
    if as_of is not None:
        open_ = nw.col(_REPLY).is_null() & (as_of - nw.col(_FROM) <= rules.window)
        status = nw.when(open_).then(nw.lit(PENDING)).otherwise(status)
    status = (
        nw.when(nw.col(_PROBLEM) > 0)
        .then(nw.col(_PROBLEM).cast(nw.Int64) + PROBLEM)
        .when(nw.col(_FROM).is_null())
        .then(nw.lit(EXCLUDED))
        .when((delay <= rules.window).fill_null(value=False))
        .then(nw.lit(RESPONDED))
        .otherwise(status)
    )
    # Sorted by the engine (in parallel where it can), so that the response
    # times arrive in order: sorting a million floats in Python costs more.
    return threads.select(
        status.cast(nw.Int64).alias("status"), seconds.alias("time")
    ).sort("time")


# -- step 3: the away lookup, per backend ------------------------------------------


def _timed_from(threads: Any, rules: ThreadRules) -> Any:
    """Add ``__from``: the effective start, null when excluded as away."""
    if not rules.away_starts:
        return threads.with_columns(nw.col(_T).alias(_FROM))
    implementation = threads.implementation
    if implementation is nw.Implementation.POLARS:
        return _polars_away(threads, rules)
    if implementation is nw.Implementation.DUCKDB:
        return _duckdb_away(threads, rules)
    if isinstance(threads, nw.DataFrame):
        return _eager_away(threads, rules)
    raise NotImplementedError(implementation)


def _effective(inside: nw.Expr, end: nw.Expr, rules: ThreadRules) -> nw.Expr:
    """The effective start, given whether the thread starts *inside* an
    away period ending at *end*."""
    if rules.defer:
        return nw.when(inside).then(end).otherwise(nw.col(_T))
    return nw.when(~inside).then(nw.col(_T))


def _polars_away(threads: Any, rules: ThreadRules) -> Any:
    """polars' native ``search_sorted`` over the merged periods, lazily."""
    import polars as pl

    dtype = pl.Int64 if rules.unit == MICROSECONDS else pl.Float64
    starts = pl.Series(rules.away_starts, dtype=dtype)
    ends = pl.Series(rules.away_ends, dtype=dtype)
    t = pl.col(_T)
    period = pl.lit(starts).search_sorted(t, side="right").cast(pl.Int64) - 1
    end = pl.lit(ends).gather(period.clip(0))
    native = nw.to_native(threads).with_columns(
        (period >= 0).fill_null(value=False).alias("__inside"), end.alias(_AWAY_END)
    )
    inside = nw.col("__inside") & (nw.col(_T) < nw.col(_AWAY_END)).fill_null(
        value=False
    )
    return nw.from_native(native).with_columns(
        _effective(inside, nw.col(_AWAY_END), rules).alias(_FROM)
    )


def _sql_number(value: float, unit: int) -> str:
    """A tick as a DuckDB literal that reads back exactly."""
    if unit == MICROSECONDS:
        return str(int(value))
    return f"CAST('{float(value)!r}' AS DOUBLE)"


def _duckdb_away(threads: Any, rules: ThreadRules) -> Any:
    """DuckDB's native ``ASOF JOIN``: the last period starting at or before
    each thread's start, still a lazy relation."""
    periods = ", ".join(
        f"({_sql_number(start, rules.unit)}, {_sql_number(end, rules.unit)})"
        for start, end in zip(rules.away_starts, rules.away_ends, strict=True)
    )
    query = (
        f"SELECT threads.*, away.e AS {_AWAY_END} FROM threads"
        f" ASOF LEFT JOIN (VALUES {periods}) AS away(s, e)"
        f" ON threads.{_T} >= away.s"
    )
    native = nw.to_native(threads).query("threads", query)
    inside = (nw.col(_T) < nw.col(_AWAY_END)).fill_null(value=False)
    return nw.from_native(native).with_columns(
        _effective(inside, nw.col(_AWAY_END), rules).alias(_FROM)
    )


def _eager_away(threads: nw.DataFrame[Any], rules: ThreadRules) -> Any:
    """Sort the period starts in among the thread starts (a period's start
    first on a tie: it is inside); a running count of starts then numbers
    each thread's period, whose end a join brings. No null is made (pandas
    would turn an integer column holding one into floats)."""
    schema = threads.schema
    backend = threads.implementation
    count = len(rules.away_starts)
    order, period = "__order", "__period"
    starts = nw.from_dict(
        {name: [0] * count for name in schema} | {_T: list(rules.away_starts)},
        backend=backend,
    ).select(
        *(nw.col(name).cast(dtype) for name, dtype in schema.items()),
        nw.lit(0).cast(nw.Int8).alias(order),
    )
    marked = threads.with_columns(nw.lit(1).cast(nw.Int8).alias(order))
    merged = nw.concat([starts, marked]).sort([_T, order])
    merged = merged.with_columns(
        ((1 - nw.col(order)).cast(nw.Int64).cum_sum() - 1).alias(period)
    ).filter(nw.col(order) == 1)
    # Period -1 (before the first) ends before any time: never inside.
    ends = nw.from_dict(
        {
            period: list(range(-1, count)),
            _AWAY_END: [FIRST_SECOND * rules.unit, *rules.away_ends],
        },
        backend=backend,
    ).with_columns(nw.col(_AWAY_END).cast(schema[_T]))
    looked_up = merged.join(ends, on=period, how="left")
    inside = (nw.col(_T) < nw.col(_AWAY_END)).fill_null(value=False)
    return looked_up.with_columns(
        _effective(inside, nw.col(_AWAY_END), rules).alias(_FROM)
    ).drop(order, period)
