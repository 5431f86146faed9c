"""Approximate quantiles with a guaranteed relative error (``carekit[sketch]``).

A :class:`QuantileSketch` keeps a DDSketch (Masson, Rim and Lee, VLDB 2019,
through the ``ddsketch`` package) of non-negative numbers, such as response
times in seconds: a count per logarithmic bucket, so its size grows with
the *range* of the values, not their number, and two sketches merge exactly
(bucket counts add).

**The guarantee.** With relative accuracy ``α`` (default 1 %), for ``n``
values sorted as ``x[0] <= ... <= x[n-1]``, ``percentile(p)`` returns a
value ``v`` with ``|v - x[k]| <= α·x[k]`` for ``k = floor(p/100·(n-1))``:
the order statistic at that rank, within ``α`` of its value. The exact
statistics of :class:`~carekit.responsiveness.ResponseStats` interpolate
between ``x[k]`` and ``x[k+1]``; the sketch's value lies within ``α`` of one
of the two. Values below about ``2.2e-308`` count as zero. A merged sketch
keeps the guarantee; sketches of different accuracy do not merge.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Self, TypeAlias

from attrs import field, frozen

from carekit.errors import InvalidValue
from carekit.responsiveness import ResponseAccumulator, ResponseStats, Row
from carekit.scale._extras import require
from carekit.scale.combine import ResponseCombiner

__all__ = [
    "DEFAULT_ACCURACY",
    "QuantileSketch",
    "SketchedAccumulator",
    "SketchedResponseCombiner",
    "SketchedStats",
]

DEFAULT_ACCURACY = 0.01
"""The default relative accuracy of a sketch: 1 %."""


def _ddsketch() -> Any:
    modules = ("ddsketch", "ddsketch.ddsketch", "ddsketch.mapping", "ddsketch.store")
    return require(*modules, extra="sketch", user="QuantileSketch")


def _accuracy(value: Any) -> float:
    if value.__class__ not in (int, float) or not 0 < value < 1:
        raise InvalidValue(
            "relative_accuracy", value, "must be a number strictly between 0 and 1"
        )
    return float(value)


def _value(value: Any, name: str = "value") -> float:
    if value.__class__ not in (int, float) or not 0 <= value < math.inf:
        raise InvalidValue(
            name, value, "must be a finite, non-negative int or float (bools refused)"
        )
    return float(value)


class _PlainEquality:
    """Equal when of one type with equal plain data; unhashable (mutable)."""

    __slots__ = ()

    def to_data(self) -> dict[str, Any]:
        raise NotImplementedError  # pragma: no cover - every subclass has it

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _PlainEquality)  # for mypy
        return self.to_data() == other.to_data()

    __hash__ = None  # type: ignore[assignment]


class QuantileSketch(_PlainEquality):
    """A mergeable sketch of non-negative numbers with approximate quantiles.

    The combine contract as methods (``add``, ``merge``, ``extract``), so
    :class:`~carekit.scale.MethodCombiner` runs it on any engine. It pickles,
    and :meth:`to_data` / :meth:`from_data` round-trip it as plain data.

    Args:
        relative_accuracy: ``α``, strictly between 0 and 1; default 1 %.

    Raises:
        InvalidValue: *relative_accuracy* is not a number in (0, 1).
        ImportError: The ``sketch`` extra (``ddsketch``) is not installed.

    >>> sketch = QuantileSketch().feed([30.0, 60.0, 90.0, 600.0])
    >>> abs(sketch.median() - 60.0) <= 0.01 * 60.0
    True
    """

    __slots__ = ("_mapping", "_sketch", "_store")

    def __init__(self, relative_accuracy: float = DEFAULT_ACCURACY) -> None:
        accuracy = _accuracy(relative_accuracy)
        module = _ddsketch()
        # Built from its parts so the positive store is ours to read: its
        # bins, offset and count are the public attributes of a DenseStore.
        self._mapping = module.mapping.LogarithmicMapping(accuracy)
        self._store = module.store.DenseStore()
        self._sketch = module.ddsketch.BaseDDSketch(
            mapping=self._mapping,
            store=self._store,
            negative_store=module.store.DenseStore(),
            zero_count=0.0,
        )

    @property
    def relative_accuracy(self) -> float:
        """``α``: every quantile is within this fraction of its order statistic."""
        accuracy: float = self._mapping.relative_accuracy
        return accuracy

    @property
    def count(self) -> int:
        """How many values were added."""
        return int(self._sketch.count)

    def add(self, value: float) -> Self:
        """Add one value (mutates and returns this sketch).

        Raises:
            InvalidValue: *value* is negative, not finite, or not an int or
                float; the sketch is unchanged.
        """
        self._sketch.add(_value(value))
        return self

    def feed(self, values: Iterable[float]) -> Self:
        """Add every value of *values*; returns this sketch.

        Raises:
            InvalidValue: A value is invalid (field ``values[i]``); the
                earlier ones stay added.
        """
        add = self._sketch.add
        for i, value in enumerate(values):
            if value.__class__ is float and 0.0 <= value < math.inf:
                add(value)
            else:
                add(_value(value, f"values[{i}]"))
        return self

    def merge(self, other: QuantileSketch) -> QuantileSketch:
        """A new sketch holding both; neither input changes.

        Raises:
            InvalidValue: *other* is not a sketch, or its relative accuracy
                differs (the buckets would not line up).
        """
        if not isinstance(other, QuantileSketch):
            raise InvalidValue("other", other, "must be a QuantileSketch")
        if other.relative_accuracy != self.relative_accuracy:
            raise InvalidValue(
                "other",
                other.relative_accuracy,
                "sketches of different relative accuracy do not merge"
                f" ({self.relative_accuracy} and {other.relative_accuracy})",
            )
        merged = QuantileSketch(self.relative_accuracy)
        merged._sketch.merge(self._sketch)
        merged._sketch.merge(other._sketch)
        return merged

    def extract(self) -> QuantileSketch:
        """A copy of this sketch, to query (the contract's result)."""
        return QuantileSketch(self.relative_accuracy).merge(self)

    def percentile(self, p: float) -> float | None:
        """The *p*-th percentile (0-100), within ``α`` of the order statistic
        at rank ``floor(p/100·(n-1))``; ``None`` when empty.

        Raises:
            InvalidValue: *p* is not a number from 0 to 100.
        """
        if p.__class__ not in (int, float) or not 0 <= p <= 100:
            raise InvalidValue("p", p, "must be a number from 0 to 100")
        if not self._sketch.count:
            return None
        value: float = self._sketch.get_quantile_value(p / 100)
        return value

    def median(self) -> float | None:
        """The 50th percentile, or ``None`` when empty."""
        return self.percentile(50)

    def to_data(self) -> dict[str, Any]:
        """Plain data: the accuracy, the count of zeros and the bucket counts
        from the first bucket's key on."""
        store = self._store
        return {
            "relative_accuracy": self.relative_accuracy,
            "zero_count": int(self._sketch.count - store.count),
            "offset": int(store.min_key) if store.count else 0,
            "counts": [int(c) for c in self._bins()],
        }

    def _bins(self) -> list[float]:
        store = self._store
        if not store.count:
            return []
        first = store.min_key - store.offset
        return list(store.bins[first : store.max_key - store.offset + 1])

    @classmethod
    def from_data(cls, data: object) -> QuantileSketch:
        """The sketch :meth:`to_data` wrote.

        Raises:
            InvalidValue: *data* is not such a form.
        """
        keys = {"relative_accuracy", "zero_count", "offset", "counts"}
        if not isinstance(data, dict) or set(data) != keys:
            raise InvalidValue(
                "data", data, f"must be an object with keys {sorted(keys)}"
            )
        sketch = cls(data["relative_accuracy"])
        counts = data["counts"]
        if not isinstance(counts, list) or not all(
            c.__class__ is int and c >= 0 for c in counts
        ):
            raise InvalidValue(
                "counts", counts, "must be an array of non-negative ints"
            )
        zeros, offset = data["zero_count"], data["offset"]
        for name, number in (("zero_count", zeros), ("offset", offset)):
            if number.__class__ is not int or (name == "zero_count" and number < 0):
                raise InvalidValue(
                    name, number, "must be an int (a count: non-negative)"
                )
        add, value = sketch._sketch.add, sketch._mapping.value
        for k, weight in enumerate(counts):
            if weight:
                # The bucket's representative value maps back to its key.
                add(value(offset + k), float(weight))
        if zeros:
            add(0.0, float(zeros))
        return sketch

    def __getstate__(self) -> dict[str, Any]:
        return self.to_data()

    def __setstate__(self, state: dict[str, Any]) -> None:
        restored = QuantileSketch.from_data(state)
        self._mapping = restored._mapping
        self._sketch, self._store = restored._sketch, restored._store

    def __repr__(self) -> str:
        return (
            f"<QuantileSketch relative_accuracy={self.relative_accuracy}"
            f" count={self.count} buckets={len(self._bins())}>"
        )


class SketchedStats(_PlainEquality):
    """Response counts with the response times as a :class:`QuantileSketch`:
    the approximate form of a :class:`~carekit.responsiveness.ResponseStats`.

    The counts are exact (and add when merged); the quantiles of the
    response times are within the sketch's relative accuracy (see the
    module's guarantee). Read-only: :meth:`merge` returns a new value.

    Args:
        stats: The exact statistics to summarize.
        relative_accuracy: The sketch's ``α``; default 1 %.

    Raises:
        InvalidValue: *stats* is not a ``ResponseStats``, or the accuracy is
            not a number in (0, 1).
    """

    __slots__ = ("eligible", "excluded_away", "pending", "responded", "sketch")

    def __init__(
        self,
        stats: ResponseStats | None = None,
        relative_accuracy: float = DEFAULT_ACCURACY,
    ) -> None:
        if stats is None:
            stats = ResponseStats(0, 0)
        if not isinstance(stats, ResponseStats):
            raise InvalidValue("stats", stats, "must be a ResponseStats")
        self.eligible: int = stats.eligible
        self.responded: int = stats.responded
        self.excluded_away: int = stats.excluded_away
        self.pending: int = stats.pending
        self.sketch = QuantileSketch(relative_accuracy).feed(stats.response_times)

    @property
    def rate(self) -> float | None:
        """Responded ÷ eligible (exact), or ``None`` when nothing is eligible."""
        return self.responded / self.eligible if self.eligible else None

    def median(self) -> float | None:
        """The approximate median response time in seconds, or ``None``."""
        return self.sketch.median()

    def percentile(self, p: float) -> float | None:
        """The approximate *p*-th percentile of response times in seconds."""
        return self.sketch.percentile(p)

    def merge(self, other: SketchedStats) -> SketchedStats:
        """Both summaries added up (pure).

        Raises:
            InvalidValue: *other* is not one, or its accuracy differs.
        """
        if not isinstance(other, SketchedStats):
            raise InvalidValue("other", other, "must be SketchedStats")
        both = SketchedStats(None, self.sketch.relative_accuracy)
        for name in ("eligible", "responded", "excluded_away", "pending"):
            setattr(both, name, getattr(self, name) + getattr(other, name))
        both.sketch = self.sketch.merge(other.sketch)
        return both

    def to_data(self) -> dict[str, Any]:
        """The counts and the sketch as JSON-compatible plain data."""
        return {
            "eligible": self.eligible,
            "responded": self.responded,
            "excluded_away": self.excluded_away,
            "pending": self.pending,
            "sketch": self.sketch.to_data(),
        }

    @classmethod
    def from_data(cls, data: object) -> SketchedStats:
        """The summary :meth:`to_data` wrote.

        Raises:
            InvalidValue: *data* is not such a form.
        """
        keys = {"eligible", "responded", "excluded_away", "pending", "sketch"}
        if not isinstance(data, dict) or set(data) != keys:
            raise InvalidValue(
                "data", data, f"must be an object with keys {sorted(keys)}"
            )
        sketch = QuantileSketch.from_data(data["sketch"])
        counts = [
            data[name] for name in ("eligible", "responded", "excluded_away", "pending")
        ]
        if not all(c.__class__ is int and c >= 0 for c in counts):
            raise InvalidValue("data", counts, "counts must be non-negative ints")
        if sketch.count != counts[1] or counts[1] > counts[0]:
            raise InvalidValue(
                "data", counts, "one time per responded thread, at most the eligible"
            )
        made = cls(None, sketch.relative_accuracy)
        made.eligible, made.responded, made.excluded_away, made.pending = counts
        made.sketch = sketch
        return made

    def __repr__(self) -> str:
        return (
            f"<SketchedStats eligible={self.eligible} responded={self.responded}"
            f" excluded_away={self.excluded_away} pending={self.pending}"
            f" relative_accuracy={self.sketch.relative_accuracy}>"
        )


SketchedAccumulator: TypeAlias = tuple[ResponseAccumulator, SketchedStats]
"""``(open, summary)``: the rows of the partition at hand, exactly, and what
was merged into it, summarized."""


def _checked_accuracy(_inst: Any, _attribute: Any, value: Any) -> None:
    _accuracy(value)


@frozen
class SketchedResponseCombiner:
    """Responsiveness with approximate quantiles: the combine contract whose
    merged state is a few kilobytes whatever the number of threads.

    A partition's rows go into an exact
    :class:`~carekit.responsiveness.ResponseAccumulator` (the thread rules
    need each conversation's state); a merge summarizes both sides into
    :class:`SketchedStats` (exact counts, response times in a
    :class:`QuantileSketch`), so what travels between workers and is kept
    is the summary. The counts and the rate equal the exact ones; the
    quantiles are within ``relative_accuracy`` of the exact order statistics.
    The split rule is that of :class:`~carekit.scale.ResponseCombiner` (each
    conversation in one partition); once summarized, a conversation seen in
    two partitions can no longer be detected.

    Attributes:
        response: The exact combiner whose settings apply.
        relative_accuracy: The sketch's ``α``; default 1 %.

    Raises:
        InvalidValue: The accuracy is not a number in (0, 1).

    >>> from carekit.scale import SketchedResponseCombiner, compute
    >>> rows = [[("a", 0.0, 0), ("a", 60.0, 1)], [("b", 5.0, 0), ("b", 95.0, 1)]]
    >>> stats = compute(SketchedResponseCombiner(), rows)
    >>> stats.rate, abs(stats.percentile(100) - 90.0) <= 0.9
    (1.0, True)
    """

    response: ResponseCombiner = field(factory=ResponseCombiner)
    relative_accuracy: float = field(
        default=DEFAULT_ACCURACY, validator=_checked_accuracy, kw_only=True
    )

    def create(self) -> SketchedAccumulator:
        """An empty accumulator: no rows, an empty summary."""
        return self.response.create(), SketchedStats(None, self.relative_accuracy)

    def add(self, accumulator: SketchedAccumulator, item: Row) -> SketchedAccumulator:
        """Apply one row to the open part (mutates it)."""
        self.response.add(accumulator[0], item)
        return accumulator

    def add_all(
        self, accumulator: SketchedAccumulator, items: Iterable[Row]
    ) -> SketchedAccumulator:
        """Apply many rows through the fast loop."""
        self.response.add_all(accumulator[0], items)
        return accumulator

    def summary(self, accumulator: SketchedAccumulator) -> SketchedStats:
        """Everything *accumulator* holds, summarized (pure)."""
        opened, summary = accumulator
        if not opened.conversations:
            return summary
        exact = SketchedStats(self.response.extract(opened), self.relative_accuracy)
        return summary.merge(exact)

    def merge(
        self, first: SketchedAccumulator, second: SketchedAccumulator
    ) -> SketchedAccumulator:
        """Both summarized and added up, with an empty open part (pure)."""
        merged = self.summary(first).merge(self.summary(second))
        return self.response.create(), merged

    def extract(self, accumulator: SketchedAccumulator) -> SketchedStats:
        """The summary of everything added and merged (pure)."""
        return self.summary(accumulator)
