"""Resolution cycles of a status history, on plain numbers.

One pass over ``(time, status, by)`` changes, shared by tickets and the bulk
rows: a cycle runs from the creation (or a reopen: RESOLVED → any status but
CLOSED) to the next move into RESOLVED; PENDING spans are kept so a measure
can leave them out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from carekit.tickets import TicketStatus

__all__ = ["Cycles", "cycles_of", "measured"]

_RESOLVED = TicketStatus.RESOLVED
_PENDING = TicketStatus.PENDING
_CLOSED = TicketStatus.CLOSED

Cycles = tuple[list[tuple[Any, Any, Any]], list[tuple[Any, Any]]]
"""``(cycles, pending)``: ``(start, end, resolved_by)`` per resolved cycle and
``(start, end)`` per closed PENDING span, in time order."""


def cycles_of(
    created: Any,
    changes: Iterable[tuple[Any, TicketStatus, Any]],
    status: TicketStatus = TicketStatus.NEW,
) -> Cycles:
    """The resolved cycles and PENDING spans of a history starting at
    *created* in *status*; a change to the same status is no change."""
    cycles: list[tuple[Any, Any, Any]] = []
    pending: list[tuple[Any, Any]] = []
    start: Any = created
    since: Any = created if status is _PENDING else None
    for t, new, by in changes:
        if new is status:
            continue
        if status is _PENDING:
            pending.append((since, t))
        if new is _PENDING:
            since = t
        if new is _RESOLVED:
            if start is not None:
                cycles.append((start, t, by))
            start = None
        elif status is _RESOLVED and new is not _CLOSED:
            start = t
        status = new
    return cycles, pending


def measured(
    start: Any,
    end: Any,
    pending: Sequence[tuple[Any, Any]],
    offset: Callable[[Any], Any] | None = None,
) -> Any:
    """The time in ``[start, end)``, less its PENDING spans, on the clock
    *offset* (business-time offsets; ``None``: wall clock)."""
    clock: Callable[[Any], Any] = _same if offset is None else offset
    total = clock(end) - clock(start)
    for low, high in pending:
        if high <= start or low >= end:
            continue
        total -= clock(min(high, end)) - clock(max(low, start))
    return total


def _same(value: Any) -> Any:
    return value
