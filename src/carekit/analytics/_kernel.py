"""Response spans of plain columns: the thread kernel's threads, then the
next responses inside them.

First responses are the thread kernel's (:func:`carekit._threads.scan` with
events, read as :class:`~carekit._threads.ThreadFact`-shaped tuples): the
thread rules exist once. Next responses are this module's one rule, applied
to the same rows in one pass:

- inside a thread, once its first response has been given, the first
  customer row that follows an answering row (AGENT, or BOT when bots count)
  starts a wait; the next answering row ends it (a burst of customer rows
  is timed from the first);
- a customer row that starts a new thread (the kernel's rule: after the
  silence) ends any wait unanswered, and is timed as a first response.

A span is ``(conversation, kind, start, end, row)``: *kind* is
:data:`FIRST` or :data:`NEXT`, *start* and *end* are ticks, *row* is the
index of the answering row (for its author).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Final, TypeAlias

from carekit._threads import AGENT, BOT, CUSTOMER, Tally, ThreadRules, scan_columns

__all__ = ["FIRST", "NEXT", "Span", "response_spans"]

FIRST: Final = 0
NEXT: Final = 1

Span: TypeAlias = tuple[Hashable, int, Any, Any, int]
"""``(conversation, kind, start, end, answering_row)``."""

_NONE: Final[Any] = object()


def response_spans(
    rules: ThreadRules,
    columns: tuple[Sequence[Hashable], Sequence[Any], Sequence[Any]],
    handoffs: Mapping[Hashable, Sequence[Any]] | None = None,
) -> list[Span]:
    """First and next response spans of *columns* (ids, times, roles).

    Args:
        rules: The thread rules (their window is ignored: any later answer
            is the response; ``since``/``until``/away are not used here).
        columns: Parallel ids, times and roles, in time order within each
            conversation.
        handoffs: Per conversation, sorted handoff times: a first response
            is then timed from the latest handoff between the thread's
            start and its answer, when there is one.

    Raises:
        carekit._threads.Refused: A row breaks the kernel's rules.
    """
    events: list[tuple[Any, ...]] = []
    scan_columns(rules, Tally(), columns, events)
    spans: list[Span] = []
    append = spans.append
    opened: dict[Hashable, Any] = {}
    starts: set[tuple[Hashable, Any]] = set()
    for event in events:
        if len(event) == 3:
            cid, t, _start = event
            opened[cid] = t
            starts.add((cid, t))
        else:
            cid, t, index, _role = event
            start = opened.pop(cid)
            if handoffs is not None:
                start = _handed_off(handoffs.get(cid, ()), start, t)
            append((cid, FIRST, start, t, index))
    _next_spans(rules, columns, starts, append)
    return spans


def _handed_off(marks: Sequence[Any], start: Any, answer: Any) -> Any:
    """The latest handoff in ``[start, answer]``, else *start*."""
    k = bisect_right(marks, answer) - 1
    if k >= 0 and marks[k] >= start:
        return marks[k]
    return start


def _next_spans(
    rules: ThreadRules,
    columns: tuple[Sequence[Hashable], Sequence[Any], Sequence[Any]],
    starts: set[tuple[Hashable, Any]],
    append: Any,
) -> None:
    """Append the next-response spans (see the module docstring).

    Per conversation the state is ``(thread, answered, waiting)``: the start
    of its thread, whether the thread had its first answer, and the start of
    the wait (``None`` when nothing waits).
    """
    bot = BOT if rules.count_bots else AGENT
    state: dict[Hashable, tuple[Any, bool, Any]] = {}
    get = state.get
    current: Any = _NONE
    thread: Any = None
    answered = False
    waiting: Any = None
    ids, times, roles = columns
    for index, (cid, t, role) in enumerate(zip(ids, times, roles, strict=True)):
        if cid != current:
            if current is not _NONE:
                state[current] = (thread, answered, waiting)
            thread, answered, waiting = get(cid, (None, False, None))
            current = cid
        if role == CUSTOMER:
            if t != thread and (cid, t) in starts:
                thread, answered, waiting = t, False, None
            elif answered and waiting is None and thread is not None:
                waiting = t
        elif role == AGENT or role == bot:
            if thread is None:
                continue
            if not answered:
                answered = True
            elif waiting is not None:
                append((cid, NEXT, waiting, t, index))
                waiting = None
