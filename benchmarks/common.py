"""What every implementation in the harness shares: rows, roles, the report.

The roles mirror ``carekit.responsiveness.Role`` as plain integers so that the
generator and the competitors run before (and without) carekit's engine.
"""

from __future__ import annotations

import bisect
import gc
import math
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

__all__ = [
    "AGENT",
    "AUTOMATED",
    "BOT",
    "CUSTOMER",
    "INTERNAL",
    "SILENCE",
    "WINDOW",
    "Away",
    "Report",
    "Row",
    "in_away",
    "machine_line",
    "merge_away",
    "rate_of",
    "timed",
]

CUSTOMER = 0
"""Inbound message from the customer."""
AGENT = 1
"""Human reply visible to the customer: the only role that answers a thread."""
BOT = 2
"""Bot reply: breaks the silence, not counted as a response by default."""
AUTOMATED = 3
"""Instant reply, away message or template: breaks silence, never qualifies."""
INTERNAL = 4
"""Private note: ignored entirely."""

SILENCE = 86_400.0
"""Seconds with no message either way after which a customer row starts a thread."""
WINDOW = 86_400.0
"""A reply at most this many seconds after the thread start counts as responded."""

Row = tuple[int, float, int]
"""``(conversation_id, epoch_seconds, role)``."""
Away = list[tuple[float, float]]
"""Half-open away periods ``[start, end)`` as epoch seconds."""


@dataclass(frozen=True, slots=True)
class Report:
    """The figures every implementation computes, compared for agreement.

    Attributes:
        eligible: Threads that count (started outside an away period).
        responded: Eligible threads answered by an agent within the window.
        excluded_away: Threads left out because they started while away.
        rate: Responded ÷ eligible, ``None`` when nothing is eligible.
        median: Median response time in seconds, ``None`` without responses.
        mean: Mean response time in seconds, ``None`` without responses.
    """

    eligible: int
    responded: int
    excluded_away: int
    rate: float | None
    median: float | None
    mean: float | None

    def disagreements(self, other: Report, *, tolerance: float = 1e-6) -> list[str]:
        """Name every figure where *other* differs (counts exactly, times to 1e-6 s).

        Returns:
            An empty list when the two reports agree.
        """
        found = [
            f"{name}: {getattr(self, name)} != {getattr(other, name)}"
            for name in ("eligible", "responded", "excluded_away")
            if getattr(self, name) != getattr(other, name)
        ]
        for name in ("rate", "median", "mean"):
            mine, theirs = getattr(self, name), getattr(other, name)
            if (mine is None) != (theirs is None) or (
                mine is not None
                and not math.isclose(mine, theirs, rel_tol=1e-12, abs_tol=tolerance)
            ):
                found.append(f"{name}: {mine!r} != {theirs!r}")
        return found


def rate_of(responded: int, eligible: int) -> float | None:
    """Responded ÷ eligible, ``None`` (never a division error) when none is eligible."""
    return responded / eligible if eligible else None


def report_of(times: list[float], *, eligible: int, excluded: int = 0) -> Report:
    """The report of *eligible* threads answered in *times* (seconds)."""
    return Report(
        eligible=eligible,
        responded=len(times),
        excluded_away=excluded,
        rate=rate_of(len(times), eligible),
        median=statistics.median(times) if times else None,
        mean=statistics.fmean(times) if times else None,
    )


def merge_away(periods: Iterable[tuple[float, float]]) -> Away:
    """Sort half-open periods and merge those that overlap or touch.

    Empty periods (``end <= start``) are dropped: they contain no instant.
    """
    merged: Away = []
    for start, end in sorted(p for p in periods if p[1] > p[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def in_away(starts: Sequence[float], merged: Away, t: float) -> int:
    """Index of the merged period containing *t*, or -1 (``starts`` = its starts)."""
    i = bisect.bisect_right(starts, t) - 1
    return i if i >= 0 and t < merged[i][1] else -1


def timed(run: Callable[[], T]) -> tuple[float, T]:
    """Seconds *run* takes (after a ``gc.collect()``, so that no run pays for
    another's garbage) and what it returns."""
    gc.collect()
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def machine_line() -> str:
    """The Python version, the machine and its load, for a benchmark's head."""
    return (
        f"python {platform.python_version()} on {platform.machine()}, "
        f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
