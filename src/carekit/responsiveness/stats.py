"""Response statistics and the aggregates that summarize response times.

Rules (Facebook page responsiveness, 2015, as carekit reads it):

- **Response rate** = threads with a qualifying response within the window
  ÷ eligible threads. No eligible threads → no rate (``None``), never a
  division error.
- **Response time** = qualifying response time − thread start; aggregated as
  the **median** by default (mean, any percentile, and "mean of the fastest
  90 %" as alternatives).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Protocol

import attrs
from attrs import field, frozen

from carekit.errors import InvalidValue
from carekit.responsiveness._checks import plain_number

__all__ = [
    "Aggregate",
    "FastestMean",
    "Mean",
    "Median",
    "Percentile",
    "ResponseStats",
]


def _count(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValue(attribute.name, value, "must be a non-negative int")


def _sorted_seconds(values: Iterable[float]) -> tuple[float, ...]:
    try:
        return tuple(sorted(values))
    except TypeError:
        raise InvalidValue(
            "response_times", values, "must be a collection of seconds"
        ) from None


def _check_times(
    inst: ResponseStats, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if len(value) != inst.responded:
        raise InvalidValue(
            attribute.name,
            f"{len(value)} values",
            f"holds one time per responded thread ({inst.responded})",
        )
    try:
        # NaN makes the sum NaN (and leaves the sort in no order at all).
        total = sum(value)
    except TypeError:
        total = math.nan
    # Sorted, so the smallest and largest values are at the ends.
    if value and not (total == total and 0 <= value[0] and value[-1] < math.inf):
        raise InvalidValue(
            attribute.name, value, "times must be finite, non-negative seconds"
        )
    object.__setattr__(inst, "_total", total)


def _check_responded(
    inst: ResponseStats, attribute: attrs.Attribute[Any], value: Any
) -> None:
    _count(inst, attribute, value)
    if value > inst.eligible:
        raise InvalidValue(
            attribute.name, value, f"cannot exceed eligible threads ({inst.eligible})"
        )


@frozen
class ResponseStats:
    """Counts and response times of the threads in one evaluation.

    Build it with :func:`measure_rows`, :func:`measure_columns`,
    :func:`measure_conversations` or :meth:`ResponseAccumulator.stats`; the
    constructor validates and sorts.

    Attributes:
        eligible: Threads that count toward the response rate: every thread
            not excluded as away and not pending.
        responded: Eligible threads with a qualifying response within the
            window.
        excluded_away: Threads left out because they started while the page
            was away (:attr:`AwayRule.EXCLUDE`).
        response_times: One response time per responded thread, in seconds,
            sorted ascending.
        pending: Threads still open and inside their window at the reporting
            moment (``as_of``): neither counted as answered nor as failed.
    """

    eligible: int = field(validator=_count)
    responded: int = field(validator=_check_responded)
    excluded_away: int = field(default=0, validator=_count)
    response_times: tuple[float, ...] = field(
        default=(), converter=_sorted_seconds, validator=_check_times, kw_only=True
    )
    pending: int = field(default=0, validator=_count, kw_only=True)
    # Sum of the response times, computed once by the validator.
    _total: float = field(init=False, default=0.0, eq=False, repr=False)

    @property
    def rate(self) -> float | None:
        """Responded ÷ eligible, or ``None`` when no thread is eligible."""
        return self.responded / self.eligible if self.eligible else None

    def median(self) -> float | None:
        """Median response time in seconds (mean of the two middle values for
        an even count), or ``None`` when no thread was answered."""
        times, n = self.response_times, len(self.response_times)
        if not n:
            return None
        middle = n // 2
        if n % 2:
            return times[middle]
        return (times[middle - 1] + times[middle]) / 2

    def mean(self) -> float | None:
        """Mean response time in seconds, or ``None`` when nothing was answered."""
        if not self.response_times:
            return None
        return self._total / len(self.response_times)

    def percentile(self, p: float) -> float | None:
        """The *p*-th percentile of response times in seconds, interpolating
        linearly between the nearest ranks (so ``percentile(50) == median()``).

        Args:
            p: A number from 0 to 100.

        Returns:
            The percentile, or ``None`` when nothing was answered.

        Raises:
            InvalidValue: *p* is not a number from 0 to 100.
        """
        plain_number(p, "p", "must be a number from 0 to 100")
        if not 0 <= p <= 100:
            raise InvalidValue("p", p, "must be a number from 0 to 100")
        times = self.response_times
        if not times:
            return None
        rank = (len(times) - 1) * p / 100
        low = math.floor(rank)
        high = min(low + 1, len(times) - 1)
        fraction = rank - low
        # This form gives exactly the median's (a + b) / 2 at p = 50.
        return (1 - fraction) * times[low] + fraction * times[high]

    def fastest_mean(self, share: float = 0.9) -> float | None:
        """Mean of the fastest ⌈share × n⌉ response times, in seconds.

        Args:
            share: The share of answered threads to keep, in (0, 1]; ``0.9``
                keeps the fastest 90 % (``share`` is read as the decimal it is
                written as, so ``0.9 × 30`` is exactly 27).

        Returns:
            The mean, or ``None`` when nothing was answered.

        Raises:
            InvalidValue: *share* is not a number in (0, 1].
        """
        plain_number(share, "share", "must be a number in (0, 1]")
        if not 0 < share <= 1:
            raise InvalidValue("share", share, "must be a number in (0, 1]")
        times = self.response_times
        if not times:
            return None
        keep = math.ceil(Fraction(repr(share)) * len(times))
        return sum(times[:keep]) / keep


class Aggregate(Protocol):
    """Reduces response times to one figure (a badge or display compares it).

    Implementations are frozen classes whose ``str()`` names the figure in
    decisions ("median response time").
    """

    def compute(self, stats: ResponseStats) -> float | None:
        """The figure in seconds, or ``None`` when nothing was answered."""
        ...


@frozen
class Median:
    """The median response time (the default)."""

    def compute(self, stats: ResponseStats) -> float | None:
        """See :meth:`ResponseStats.median`."""
        return stats.median()

    def __str__(self) -> str:
        return "median response time"


@frozen
class Mean:
    """The mean ("average") response time."""

    def compute(self, stats: ResponseStats) -> float | None:
        """See :meth:`ResponseStats.mean`."""
        return stats.mean()

    def __str__(self) -> str:
        return "average response time"


def _percent(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    plain_number(value, attribute.name, "must be a number from 0 to 100")
    if not 0 <= value <= 100:
        raise InvalidValue(attribute.name, value, "must be a number from 0 to 100")


@frozen
class Percentile:
    """A percentile of response times.

    Attributes:
        p: From 0 to 100; ``Percentile(50)`` is the median.
    """

    p: float = field(validator=_percent)

    def compute(self, stats: ResponseStats) -> float | None:
        """See :meth:`ResponseStats.percentile`."""
        return stats.percentile(self.p)

    def __str__(self) -> str:
        return f"{self.p:g}th percentile response time"


def _share(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    plain_number(value, attribute.name, "must be a number in (0, 1]")
    if not 0 < value <= 1:
        raise InvalidValue(attribute.name, value, "must be a number in (0, 1]")


@frozen
class FastestMean:
    """The mean of the fastest share of response times.

    Attributes:
        share: In (0, 1]; default 0.9, "mean of the fastest 90 %".
    """

    share: float = field(default=0.9, validator=_share)

    def compute(self, stats: ResponseStats) -> float | None:
        """See :meth:`ResponseStats.fastest_mean`."""
        return stats.fastest_mean(self.share)

    def __str__(self) -> str:
        return f"mean of the fastest {self.share * 100:g} % response times"
