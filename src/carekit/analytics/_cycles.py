"""Resolution cycles of status histories, on plain numbers.

One loop over ``(ticket, time, status, by)`` rows, shared by tickets and the
bulk rows: a cycle runs from the creation (a ticket's first row) or a reopen
(RESOLVED → any status but CLOSED) to the next move into RESOLVED; PENDING
spans are kept so a measure can leave them out. A change to the status the
ticket already has is no change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeAlias

from carekit.tickets import TicketStatus

__all__ = ["Cycles", "cycles_of", "measured"]

_RESOLVED = TicketStatus.RESOLVED
_PENDING = TicketStatus.PENDING
_CLOSED = TicketStatus.CLOSED

Cycles: TypeAlias = tuple[
    Any, Any, tuple[tuple[Any, Any, Any], ...], tuple[tuple[Any, Any], ...]
]
"""``(ticket, created, cycles, pending)``: ``(start, end, resolved_by)`` per
resolved cycle and ``(start, end)`` per closed PENDING span, in time order.
Tuples of plain values, which the garbage collector stops tracking (a list
per ticket would keep a million tracked objects alive)."""

_NONE: Any = object()


def cycles_of(rows: Iterable[tuple[Any, Any, TicketStatus, Any]]) -> list[Cycles]:
    """The cycles of each ticket of *rows* (each ticket's rows together, its
    first row its creation, in the status it was created in), in order."""
    out: list[Cycles] = []
    emit = out.append
    current: Any = _NONE
    created: Any = None
    cycles: tuple[tuple[Any, Any, Any], ...] = ()
    pending: tuple[tuple[Any, Any], ...] = ()
    status: Any = None
    start: Any = None
    since: Any = None
    resolved, waiting, closed = _RESOLVED, _PENDING, _CLOSED
    for ticket, t, new, by in rows:
        if ticket != current:
            if current is not _NONE:
                emit((current, created, cycles, pending))
            current, created, status, start = ticket, t, new, t
            cycles = pending = ()
            since = t if new is waiting else None
            continue
        if new is status:
            continue
        if status is waiting:
            pending += ((since, t),)
        if new is waiting:
            since = t
        if new is resolved:
            if start is not None:
                cycles += ((start, t, by),)
            start = None
        elif status is resolved and new is not closed:
            start = t
        status = new
    if current is not _NONE:
        emit((current, created, cycles, pending))
    return out


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
