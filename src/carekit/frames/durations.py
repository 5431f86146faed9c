"""The care analytics' response times of a dataframe: one row per response.

``response_times_frame`` takes the frame of messages the user already has
and returns, as a frame of the same library, every first and next response
with its conversation, its kind, the agent credited and its wall-clock
seconds: exactly the responses of :func:`carekit.analytics.response_rows`
on the same messages. The rules are those of ``docs/analytics.md``:

- **First response time**: a thread's start → its first qualifying response.
  A customer message starts a thread when it is its conversation's first
  customer or answering message, or follows at least ``silence`` (24 h) of
  none; a burst of customer messages is timed from the first.
- **Qualifying response**: an agent's reply; a bot's only with
  ``count_bots``. Instant replies, away messages, surveys, templates and
  private notes never count and never break the silence.
- **Next response time**: inside a thread, after its first response, the
  first customer message that follows a response starts a wait; the next
  qualifying response ends it. A customer message after the silence opens
  a new thread: it is timed as a first response, never as a next one.
- Each response is credited to its author (the *agent* column).

As columns, on rows in order (conversation, time, then the sequence or the
tie rule): a segment starts at each thread start (and each conversation);
a *run* starts at a customer row that starts a thread or follows a
non-customer row. Every answering row that follows a customer row, in a
segment that a thread opened, is a response timed from its run's start:
the segment's first answer is the first response (its run is the thread's
start), any later one a next response.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Final

try:
    import narwhals as nw
except ImportError as missing:  # pragma: no cover - narwhals is in the extras
    raise ImportError(
        "carekit.frames needs narwhals: pip install 'carekit[frames]'"
    ) from missing

from carekit._threads import MICROSECONDS
from carekit.analytics import GroupAccumulator, ResponseKind, ResponseTimePolicy
from carekit.analytics.responses import checked_rules
from carekit.errors import InvalidValue
from carekit.frames._columns import (
    ID_PROBLEM,
    SEQUENCE_PROBLEM,
    TIME_PROBLEM,
    Epoch,
    Layout,
    layout_of,
)
from carekit.frames._input import frame_schema, narwhals_frame, problem_error
from carekit.frames._pipeline import in_memory
from carekit.responsiveness import Aggregate
from carekit.tickets import TicketStatus

__all__ = ["agent_breakdown", "resolution_times_frame", "response_times_frame"]

#: The columns of the result.
COLUMNS: Final = ("conversation_id", "kind", "agent", "seconds")

_C, _T, _SEQ, _PROBLEM, _AGENT = "__c", "__t", "__seq", "__problem", "__agent"
_CUSTOMER, _ANSWERS, _RANK = "__customer", "__answers", "__rank"
_NEW, _START, _HEAD, _BEFORE = "__new", "__start", "__head", "__before"
_RUN_T, _COUNT, _BASE, _THREAD = "__run_t", "__count", "__base", "__thread"

#: Frames the durations are computed for (others: collect them to polars).
_SUPPORTED: Final = (
    nw.Implementation.POLARS,
    nw.Implementation.PANDAS,
    nw.Implementation.PYARROW,
)


def response_times_frame(
    frame: Any,
    *,
    conversation: str = "conversation_id",
    time: str = "time",
    roles: str | tuple[str, str, str] = "role",
    agent: str = "author_id",
    sequence: str | None = None,
    epoch: Epoch | None = None,
    policy: ResponseTimePolicy | None = None,
) -> Any:
    """Every first and next response of a frame's messages, as a frame.

    Args:
        frame: A polars ``DataFrame`` or ``LazyFrame``, a pandas
            ``DataFrame`` or a pyarrow ``Table``: one row per message. A
            lazy frame is collected once (the result is the responses).
        conversation: The conversation id column (any type; no nulls).
        time: The time column: aware datetimes, or with *epoch* numbers.
        roles: The role column, or the ``(direction, author, kind)``
            columns, as for :func:`~carekit.frames.measure_frame`.
        agent: The column of each message's author id (any type; nulls
            allowed): a response is credited to its author.
        sequence: A column that orders messages with equal times within a
            conversation. Without it, a customer message comes before a
            reply at the same instant, and replies at the same instant come
            in the order of their *agent* (nulls first).
        epoch: ``None`` for aware datetimes (exact microseconds), ``"s"``
            for epoch seconds (floats, as ``response_rows`` counts) or
            ``"ms"`` for whole epoch milliseconds.
        policy: The rules, any ``ResponseTimePolicy``; default
            ``ResponseTimeRules()``. ``from_handoff`` is not read: messages
            carry no handoffs.

    Returns:
        A frame of the input's library (polars for a polars frame, pandas
        for pandas, a pyarrow ``Table`` for pyarrow) with the columns
        ``conversation_id``, ``kind`` (``"first"`` or ``"next"``, the
        ``ResponseKind`` values), ``agent`` and ``seconds`` (wall clock,
        float): one row per response, by conversation then time. Business
        time stays on the pure path (``response_rows(..., calendar=)``).

    Raises:
        InvalidValue: *frame* is not a supported dataframe, a column is
            missing or of the wrong type, a value is invalid (a null id or
            time, an unknown role): the field is the column's name. A
            setting is invalid (``policy.silence``).

    >>> import polars as pl
    >>> from carekit.frames import response_times_frame
    >>> frame = pl.DataFrame({"conversation_id": ["c1", "c1"],
    ...                       "time": [0.0, 90.0], "role": [0, 1],
    ...                       "author_id": [None, "ann"]})
    >>> response_times_frame(frame, epoch="s").rows()
    [('c1', 'first', 'ann', 90.0)]
    """
    original, native = _supported(frame, time)
    schema = frame_schema(native)
    layout = layout_of(
        schema,
        conversation=conversation,
        time=time,
        roles=roles,
        sequence=sequence,
        epoch=epoch,
    )
    _present(schema, agent, "agent")
    rules, _ = checked_rules(policy, layout.unit)
    rows = native.select(
        **{
            _C: nw.col(layout.conversation),
            _T: layout.ticks(),
            _PROBLEM: layout.problem(),
            _CUSTOMER: layout.customer().fill_null(value=False),
            _ANSWERS: layout.answering(rules.count_bots).fill_null(value=False),
            _AGENT: nw.col(agent),
        },
        **({} if layout.sequence is None else {_SEQ: nw.col(layout.sequence)}),
    )
    first_problem = rows.filter(nw.col(_PROBLEM) > 0).select(nw.col(_PROBLEM).min())
    kept = rows.filter(
        (nw.col(_PROBLEM) == 0) & (nw.col(_CUSTOMER) | nw.col(_ANSWERS))
    ).with_columns(nw.col(_ANSWERS).cast(nw.Int8).alias(_RANK))
    keys = [_C, _T, *([_SEQ] if layout.sequence else []), _RANK, _AGENT]
    if isinstance(kept, nw.LazyFrame):  # polars: native sort and expressions
        import polars as pl

        query = _responses(pl, nw.to_native(kept).sort(keys), rules.silence, layout)
        problem, result = in_memory(nw.to_native(first_problem), query)
        code = problem.item()
        output: Any = result
    else:
        code = first_problem.item()
        output = nw.to_native(_responses(nw, kept.sort(keys), rules.silence, layout))
    if code is not None and code == code:  # pandas' empty minimum is NaN
        raise problem_error(native, layout, int(code))
    return _as(original, output)


#: The result columns of :func:`resolution_times_frame`.
RESOLUTION_COLUMNS: Final = ("ticket_id", "agent", "cycles", "first", "full")
_STATUS, _BY, _ROW = "__status", "__by", "__row"
_OPENS, _MARK, _OPENED, _CREATED, _INDEX = (
    "__opens",
    "__mark",
    "__opened",
    "__created",
    "__index",
)
_STATUSES: Final = [member.value for member in TicketStatus]
_STATUS_PROBLEM: Final = 4


def resolution_times_frame(
    frame: Any,
    *,
    ticket: str = "ticket_id",
    time: str = "time",
    status: str = "status",
    by: str = "by",
    sequence: str | None = None,
    epoch: Epoch | None = None,
) -> Any:
    """Time to resolution per ticket of a frame of ticket status events.

    The rules are those of :func:`carekit.analytics.resolution_rows`: a
    ticket's first row is its creation; a **resolution cycle** runs from the
    creation, or from a reopen (a move out of RESOLVED to any status but
    CLOSED), to the next move into RESOLVED; a row with the status the
    ticket already has is no change. **First resolution**: creation → first
    resolved; **full resolution**: creation → last resolved. The ticket is
    credited to the agent of its last resolution.

    Args:
        frame: A polars ``DataFrame`` or ``LazyFrame``, a pandas
            ``DataFrame`` or a pyarrow ``Table``: one row per status event.
        ticket: The ticket id column (any type; no nulls).
        time: The time column: aware datetimes, or with *epoch* numbers.
        status: The status column (``TicketStatus`` values: ``"new"``,
            ``"open"``, ``"pending"``, ``"escalated"``, ``"resolved"``,
            ``"closed"``).
        by: Who made the change (any type; nulls allowed).
        sequence: A column that orders events with equal times within a
            ticket; without it they keep the frame's row order.
        epoch: ``None`` for aware datetimes, ``"s"`` or ``"ms"``.

    Returns:
        A frame of the input's library with ``ticket_id``, ``agent``,
        ``cycles`` (how many resolution cycles), ``first`` and ``full`` (in
        seconds): one row per ticket resolved at least once, by ticket id.
        Leaving PENDING out and business time stay on the pure path.

    Raises:
        InvalidValue: *frame* is not a supported dataframe, a column is
            missing or of the wrong type, a value is invalid (a null id or
            time, an unknown status): the field is the column's name.

    >>> import polars as pl
    >>> from carekit.frames import resolution_times_frame
    >>> events = pl.DataFrame({"ticket_id": ["t1", "t1", "t1", "t1"],
    ...                        "time": [0.0, 60.0, 90.0, 150.0],
    ...                        "status": ["new", "resolved", "open", "resolved"],
    ...                        "by": [None, "ann", "bob", "bob"]})
    >>> resolution_times_frame(events, epoch="s").rows()
    [('t1', 'bob', 2, 60.0, 150.0)]
    """
    original, native = _supported(frame, time)
    schema = frame_schema(native)
    layout = layout_of(
        schema,
        conversation=ticket,
        time=time,
        roles=status,
        sequence=sequence,
        epoch=epoch,
    )
    if layout.numeric_roles:
        raise InvalidValue(
            status,
            str(schema[status]),
            f"column {status!r} must hold strings (TicketStatus values)",
        )
    _present(schema, by, "by")
    checks = [
        (ID_PROBLEM, nw.col(layout.conversation).is_null()),
        (TIME_PROBLEM, layout.bad_time()),
    ]
    if layout.sequence is not None:
        checks.append((SEQUENCE_PROBLEM, nw.col(layout.sequence).is_null()))
    column = nw.col(status)
    unknown = column.is_null() | ~column.is_in(_STATUSES).fill_null(value=False)
    checks.append((_STATUS_PROBLEM, unknown))
    code: Any = nw.lit(0)
    for number, failed in reversed(checks):
        code = nw.when(failed).then(nw.lit(number)).otherwise(code)
    if isinstance(native, nw.LazyFrame):  # polars: its own row index
        indexed = nw.from_native(nw.to_native(native).with_row_index(_ROW))
    else:
        indexed = native.with_row_index(_ROW)
    rows = indexed.select(
        **{
            _C: nw.col(layout.conversation),
            _T: layout.ticks(),
            _PROBLEM: code.cast(nw.Int8),
            _STATUS: column,
            _BY: nw.col(by),
            _ROW: nw.col(_ROW),
        },
        **({} if layout.sequence is None else {_SEQ: nw.col(layout.sequence)}),
    )
    first_problem = rows.filter(nw.col(_PROBLEM) > 0).select(nw.col(_PROBLEM).min())
    keys = [_C, _T, *([_SEQ] if layout.sequence else []), _ROW]
    if isinstance(rows, nw.LazyFrame):
        import polars as pl

        query = _resolutions(pl, nw.to_native(rows).sort(keys), layout)
        problem, result = in_memory(nw.to_native(first_problem), query)
        found = problem.item()
        output: Any = result
    else:
        found = first_problem.item()
        output = nw.to_native(_resolutions(nw, rows.sort(keys), layout))
    if found is not None and found == found:  # pandas' empty minimum is NaN
        number = int(found)
        columns = {_STATUS_PROBLEM: status}
        name = columns.get(number) or layout.problem_column(number)
        bad = (
            native.filter(next(failed for check, failed in checks if check == number))
            .select(name)
            .head(1)
        )
        if isinstance(bad, nw.LazyFrame):
            bad = bad.collect()
        rule = (
            f"column {status!r}: a status must be one of "
            + ", ".join(map(repr, _STATUSES))
            if number == _STATUS_PROBLEM
            else layout.problem_rule(number)
        )
        values = bad[name].to_list()
        raise InvalidValue(name, values[0] if values else None, rule)
    return _as(original, output)


def _resolutions(lib: Any, rows: Any, layout: Layout) -> Any:
    """Per ticket, its resolution figures (rows in order; see
    :func:`resolution_times_frame`). *lib* is ``polars`` or ``narwhals``."""
    col, when = lib.col, lib.when
    resolved, closed = TicketStatus.RESOLVED.value, TicketStatus.CLOSED.value
    new = (col(_C) != col(_C).shift(1)).fill_null(value=True)
    before = col(_STATUS).shift(1)
    change = (~new & (col(_STATUS) != before)).fill_null(value=False)
    resolve = change & (col(_STATUS) == resolved)
    reopen = (change & (before == resolved) & (col(_STATUS) != closed)).fill_null(
        value=False
    )
    rows = rows.with_columns(
        new.alias(_NEW), resolve.alias(_START), (new | reopen).alias(_OPENS)
    )
    opens = col(_OPENS)
    rows = rows.with_columns(
        when(opens)
        .then(lib.lit(1))
        .when(col(_START))
        .then(lib.lit(0))
        .fill_null(strategy="forward")
        .alias(_MARK),
        when(opens).then(col(_T)).fill_null(strategy="forward").alias(_OPENED),
        when(col(_NEW)).then(col(_T)).fill_null(strategy="forward").alias(_CREATED),
    )
    cycles = rows.filter(
        col(_START) & (col(_MARK).shift(1) == 1).fill_null(value=False)
    )
    cycles = cycles.with_row_index(_INDEX)
    first_row = (col(_C) != col(_C).shift(1)).fill_null(value=True)
    last_row = (col(_C) != col(_C).shift(-1)).fill_null(value=True)
    cycles = cycles.with_columns(
        first_row.alias(_HEAD),
        last_row.alias(_BEFORE),
    )
    cycles = cycles.with_columns(
        when(col(_HEAD)).then(col(_T)).fill_null(strategy="forward").alias(_RUN_T),
        when(col(_HEAD)).then(col(_INDEX)).fill_null(strategy="forward").alias(_BASE),
    )
    scale = 1.0 if layout.unit != MICROSECONDS else float(MICROSECONDS)
    ticket_id, agent, count, first, full = RESOLUTION_COLUMNS
    return cycles.filter(col(_BEFORE)).select(
        col(_C).alias(ticket_id),
        col(_BY).alias(agent),
        (col(_INDEX) - col(_BASE) + 1).cast(lib.Int64).alias(count),
        ((col(_RUN_T) - col(_CREATED)).cast(lib.Float64) / scale).alias(first),
        ((col(_T) - col(_CREATED)).cast(lib.Float64) / scale).alias(full),
    )


def _supported(frame: Any, time: str) -> tuple[Any, Any]:
    """The input's library and the narwhals frame computed (a polars frame
    made lazy, so its optimizer sees the whole query).

    Raises:
        InvalidValue: Not a polars, pandas or pyarrow frame.
    """
    original = _implementation(frame)
    native = narwhals_frame(frame, time)
    if native.implementation not in _SUPPORTED:
        raise InvalidValue(
            "frame",
            str(native.implementation),
            "analytics durations are computed from polars, pandas and pyarrow"
            " frames; collect this one first (a DuckDB relation's .pl(), a"
            " Dask dataframe's .compute())",
        )
    if isinstance(native, nw.DataFrame) and (
        native.implementation is nw.Implementation.POLARS
    ):
        native = native.lazy()
    return original, native


def _present(schema: Any, name: object, argument: str) -> None:
    """Refuse *name* unless it is a column of *schema*."""
    if type(name) is not str or not name:
        raise InvalidValue(argument, name, "must be a column name (a non-empty str)")
    if name not in schema:
        raise InvalidValue(
            name,
            sorted(schema),
            f"column {name!r} is missing from the frame (its columns are shown)",
        )


def agent_breakdown(
    responses: Any,
    *,
    kind: ResponseKind = ResponseKind.FIRST,
    statistic: Aggregate | None = None,
) -> dict[Hashable, float | None]:
    """A statistic of one kind of response per agent: the median first
    response time per agent by default.

    The figures are carekit's (a :class:`~carekit.analytics.GroupAccumulator`
    of the responses' seconds), so they equal
    ``breakdown(durations, ByAgent(), statistic=...)`` on the pure path
    exactly: the median is the mean of the two middle values for an even
    count, percentiles interpolate between the nearest ranks.

    Args:
        responses: A frame from :func:`response_times_frame` (any library;
            its ``kind``, ``agent`` and ``seconds`` columns are read).
        kind: Which responses: ``ResponseKind.FIRST`` (default) or
            ``ResponseKind.NEXT``.
        statistic: Any :class:`~carekit.responsiveness.Aggregate`
            (``Median()`` by default, ``Mean()``, ``Percentile(p)``,
            ``Count()``).

    Returns:
        The figure per agent (``None`` groups the responses without one).

    Raises:
        InvalidValue: *responses* is not a frame with those columns, *kind*
            is not a ``ResponseKind``, or *statistic* is not an aggregate.
    """
    if type(kind) is not ResponseKind:
        raise InvalidValue("kind", kind, "must be a ResponseKind")
    try:
        native = nw.from_native(responses, eager_only=True)
    except TypeError:
        raise InvalidValue(
            "responses", type(responses).__name__, "must be an eager dataframe"
        ) from None
    _, kind_name, agent, seconds = COLUMNS
    missing = [
        name for name in (kind_name, agent, seconds) if name not in native.columns
    ]
    if missing:
        raise InvalidValue(
            missing[0],
            sorted(native.columns),
            f"column {missing[0]!r} is missing: give a response_times_frame result",
        )
    chosen = native.filter(nw.col(kind_name) == kind.value)
    names = chosen[agent]
    agents = [  # a null (pandas gives NaN) groups under None
        None if null else name
        for name, null in zip(names.to_list(), names.is_null().to_list(), strict=True)
    ]
    pairs = zip(agents, chosen[seconds].to_list(), strict=True)
    return GroupAccumulator(statistic).feed(pairs).extract()


def _implementation(frame: Any) -> Any:
    """The library of the frame the user gave (``None`` if none)."""
    if isinstance(frame, nw.DataFrame | nw.LazyFrame):
        return frame.implementation
    try:
        return nw.from_native(frame).implementation
    except TypeError:
        return None


def _as(implementation: Any, result: Any) -> Any:
    """*result* (polars, or already native) in the input's library."""
    if type(result).__module__.split(".")[0] != "polars":
        if hasattr(result, "reset_index"):  # pandas: numbered from 0
            return result.reset_index(drop=True)
        return result
    if implementation is nw.Implementation.PANDAS:
        return result.to_pandas()
    if implementation is nw.Implementation.PYARROW:
        return result.to_arrow()
    return result


def _responses(lib: Any, rows: Any, silence: float, layout: Layout) -> Any:
    """The responses of *rows* in order (see the module docstring); *lib* is
    ``polars`` (on a lazy frame) or ``narwhals`` (on an eager frame)."""
    col, when = lib.col, lib.when
    new = (col(_C) != col(_C).shift(1)).fill_null(value=True)
    quiet = (col(_T) - col(_T).shift(1) >= silence).fill_null(value=False)
    rows = rows.with_columns(new.alias(_NEW))
    start = col(_CUSTOMER) & (col(_NEW) | quiet)
    before = col(_CUSTOMER).shift(1).fill_null(value=False) & ~col(_NEW)
    rows = rows.with_columns(
        start.alias(_START),
        (start | col(_NEW)).alias(_HEAD),
        before.alias(_BEFORE),
        col(_ANSWERS).cast(lib.Int64).cum_sum().alias(_COUNT),
    )
    run = col(_CUSTOMER) & (col(_START) | ~col(_BEFORE))
    head = col(_HEAD)
    rows = rows.with_columns(
        when(run).then(col(_T)).fill_null(strategy="forward").alias(_RUN_T),
        when(head)
        .then(col(_COUNT) - col(_ANSWERS).cast(lib.Int64))
        .fill_null(strategy="forward")
        .alias(_BASE),
        when(head)
        .then(col(_CUSTOMER).cast(lib.Int8))
        .fill_null(strategy="forward")
        .alias(_THREAD),
    )
    responses = rows.filter(col(_ANSWERS) & col(_BEFORE) & (col(_THREAD) == 1))
    seconds = (col(_T) - col(_RUN_T)).cast(lib.Float64)
    if layout.unit == MICROSECONDS:
        seconds = seconds / float(MICROSECONDS)
    first = col(_COUNT) - col(_BASE) == 1
    kind = (
        when(first)
        .then(lib.lit(ResponseKind.FIRST.value))
        .otherwise(lib.lit(ResponseKind.NEXT.value))
    )
    conversation_id, kind_name, agent, seconds_name = COLUMNS
    return responses.select(
        col(_C).alias(conversation_id),
        kind.alias(kind_name),
        col(_AGENT).alias(agent),
        seconds.alias(seconds_name),
    )
