"""The plain-Python reference: the loop a competent engineer writes by hand.

This is the definition every implementation must agree with, written for
reading rather than speed:

* Per conversation, only CUSTOMER and AGENT rows count: private notes
  (INTERNAL), automatic messages (AUTOMATED) and bot replies (BOT, not
  counted by the default policy) are skipped, so automation never moves a
  metric; ``last`` is the time of the previous counted row.
* A CUSTOMER row at ``t`` starts a thread when ``last`` is missing or
  ``t - last >= 24 h``. A thread starting inside a (merged, half-open) away
  period is excluded and never timed; with ``defer=True`` it is timed from
  the end of that away period instead.
* The first AGENT row after the start answers the thread: responded when
  ``reply - start <= 24 h``. Every thread that is not excluded is eligible.

With ``defer=True`` an agent who replies while the page is still away answers
the thread in zero seconds: the time cannot be negative.

:func:`compute` keeps a dict entry per conversation and accepts any
interleaving, like carekit's ``measure_rows``. :func:`compute_grouped` is the
loop written for rows already grouped by conversation (as a database query
ordered by conversation and time returns them): a few local variables
instead of dicts, faster, and wrong on interleaved rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from benchmarks.common import (
    AGENT,
    CUSTOMER,
    SILENCE,
    WINDOW,
    Away,
    Report,
    Row,
    in_away,
    merge_away,
    report_of,
)

__all__ = ["compute", "compute_grouped"]


def compute(rows: Iterable[Row], away: Away, *, defer: bool = False) -> Report:
    """Compute the responsiveness report over *rows* in one pass.

    Args:
        rows: ``(conversation_id, epoch_seconds, role)`` in time order within
            each conversation; conversations may be interleaved.
        away: Away periods ``[start, end)``, in any order, possibly overlapping.
        defer: Time threads that start while away from the period's end
            instead of excluding them.

    Returns:
        The counts and the median and mean response time in seconds.
    """
    merged = merge_away(away)
    away_starts = [start for start, _ in merged]
    last_seen: dict[int, float] = {}
    waiting_since: dict[int, float] = {}  # thread start, until the first agent row
    eligible = excluded = 0
    times: list[float] = []
    for cid, t, role in rows:
        if role != CUSTOMER and role != AGENT:
            continue
        last = last_seen.get(cid)
        last_seen[cid] = t
        if role == CUSTOMER:
            if last is None or t - last >= SILENCE:
                period = in_away(away_starts, merged, t)
                if period < 0 or defer:
                    eligible += 1
                    waiting_since[cid] = t if period < 0 else merged[period][1]
                else:
                    excluded += 1
                    waiting_since.pop(cid, None)
        elif role == AGENT:
            start = waiting_since.pop(cid, None)
            if start is not None and t - start <= WINDOW:
                times.append(t - start if t > start else 0.0)
    return report_of(times, eligible=eligible, excluded=excluded)


def compute_grouped(rows: Iterable[Row], away: Away, *, defer: bool = False) -> Report:
    """Like :func:`compute`, for rows grouped by conversation (contiguous runs).

    Args:
        rows: ``(conversation_id, epoch_seconds, role)``, each conversation's
            rows contiguous and in time order.
        away: Away periods ``[start, end)``, in any order, possibly overlapping.
        defer: Time threads that start while away from the period's end.

    Returns:
        The same report as :func:`compute` gives for such rows.
    """
    merged = merge_away(away)
    away_starts = [start for start, _ in merged]
    current: object = object()
    last: float | None = None
    waiting_since: float | None = None
    eligible = excluded = 0
    times: list[float] = []
    for cid, t, role in rows:
        if role != CUSTOMER and role != AGENT:
            continue
        if cid != current:
            current, last, waiting_since = cid, None, None
        if role == CUSTOMER:
            if last is None or t - last >= SILENCE:
                period = in_away(away_starts, merged, t)
                if period < 0 or defer:
                    eligible += 1
                    waiting_since = t if period < 0 else merged[period][1]
                else:
                    excluded += 1
                    waiting_since = None
        elif role == AGENT and waiting_since is not None:
            if t - waiting_since <= WINDOW:
                times.append(t - waiting_since if t > waiting_since else 0.0)
            waiting_since = None
        last = t
    return report_of(times, eligible=eligible, excluded=excluded)
