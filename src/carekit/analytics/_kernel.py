"""Response spans of plain columns: the thread kernel's threads, then the
next responses inside them.

First responses are the thread kernel's (:func:`carekit._threads.scan` with
events): the thread rules exist once, there. Next responses are this
module's one rule, applied to the same rows in one more pass:

- once a thread had its first response, the first customer row that
  follows an answering row (AGENT, or BOT when bots count) starts a wait;
  the next answering row ends it (a burst is timed from its first row);
- the first response of a later thread (the kernel's: after the silence)
  ends any wait unanswered: the customer row that opened that thread is
  timed as a first response, never as a next one.

The pass needs no thread rule of its own: a first response is recognized by
its row index, which the kernel's events give, so a wait that turns out to
have opened a new thread is dropped when that thread's first answer comes.

A span is ``(conversation, start, end, row)`` in ticks, *row* being the
index of the answering row (for its author). Spans are plain numbers and
ids, which the garbage collector stops tracking.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Final, TypeAlias

from carekit._threads import AGENT, BOT, CUSTOMER, Tally, ThreadRules, scan_columns

__all__ = ["Span", "response_spans"]

Span: TypeAlias = tuple[Hashable, Any, Any, int]
"""``(conversation, start, end, answering_row)``."""

_NONE: Final[Any] = object()


def response_spans(
    rules: ThreadRules,
    columns: tuple[Sequence[Hashable], Sequence[Any], Sequence[Any]],
    handoffs: Mapping[Hashable, Sequence[Any]] | None = None,
    authors: Sequence[Any] | None = None,
) -> tuple[list[Any], list[Any]]:
    """First and next response spans of *columns* (ids, times, roles).

    Args:
        rules: The thread rules (``since``/``until`` and away are not used
            here; a window limits nothing: any later answer is the response).
        columns: Parallel ids, times and roles, in time order within each
            conversation (conversations may interleave).
        handoffs: Per conversation, sorted handoff times: a first response
            is then timed from the latest handoff between the thread's
            start and its answer, when there is one.
        authors: Each row's author: with it, each span is written as a
            wall-clock response row ``(conversation, author, end - start,
            None)`` directly (one tuple per response, not two).

    Returns:
        The first-response spans in the order they were answered, and the
        next-response spans in row order.

    Raises:
        carekit._threads.Refused: A row breaks the kernel's rules.
    """
    events: list[tuple[Any, ...]] = []
    scan_columns(rules, Tally(), columns, events)
    firsts: list[Any] = []
    append = firsts.append
    opened: dict[Hashable, Any] = {}
    answers: set[int] = set()
    for event in events:
        if len(event) == 3:
            opened[event[0]] = event[1]
        else:
            cid, t, index, _role = event
            start = opened.pop(cid)
            if handoffs is not None:
                start = _handed_off(handoffs.get(cid, ()), start, t)
            if authors is None:
                append((cid, start, t, index))
            else:
                append((cid, authors[index], t - start, None))
            answers.add(index)
    return firsts, _next_spans(rules, columns, answers, authors)


def _handed_off(marks: Sequence[Any], start: Any, answer: Any) -> Any:
    """The latest handoff in ``[start, answer]``, else *start*."""
    k = bisect_right(marks, answer) - 1
    if k >= 0 and marks[k] >= start:
        return marks[k]
    return start


def _next_spans(
    rules: ThreadRules,
    columns: tuple[Sequence[Hashable], Sequence[Any], Sequence[Any]],
    answers: set[int],
    authors: Sequence[Any] | None,
) -> list[Any]:
    """The next-response spans (see the module docstring).

    A conversation's state is its wait: ``None`` before its first response,
    ``False`` when nothing waits, else the time the wait began. It lives in
    locals while rows of one conversation follow each other.
    """
    spans: list[Any] = []
    append = spans.append
    rows = authors is not None
    bot = BOT if rules.count_bots else AGENT
    customer, agent = CUSTOMER, AGENT
    state: dict[Hashable, Any] = {}
    get = state.get
    current: Any = _NONE
    waiting: Any = None
    ids, times, roles = columns
    index = -1
    for cid, t, role in zip(ids, times, roles, strict=True):
        index += 1
        if cid != current:
            state[current] = waiting
            waiting = get(cid)
            current = cid
        if role == customer:
            if waiting is False:
                waiting = t
        elif role in (agent, bot):
            if index in answers:
                waiting = False
            elif waiting is not None and waiting is not False:
                if rows:
                    append((cid, authors[index], t - waiting, None))  # type: ignore[index]
                else:
                    append((cid, waiting, t, index))
                waiting = False
    return spans
