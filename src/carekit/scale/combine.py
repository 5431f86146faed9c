"""One combine contract for every aggregate: create, add, merge, extract.

Beam's ``CombineFn``, Spark's ``treeAggregate(zero, seqOp, combOp)`` and
Dask's ``Bag.reduction`` share one shape, and so does every carekit
aggregate through a :class:`Combiner`:

- ``create()`` returns a fresh, empty accumulator;
- ``add(acc, item)`` applies one item; it may mutate *acc* and return it;
- ``merge(a, b)`` returns a new accumulator holding both; neither input
  changes;
- ``extract(acc)`` returns the result; *acc* does not change.

The rules carekit guarantees for its combiners: ``merge`` is associative and
commutative, and any merge tree over any partition of the items (empty
partitions included) extracts the same result as one pass over them, as long
as the partitions respect the aggregate's own split rule (responsiveness:
each conversation in one partition).

One trap the contract designs out: an engine that folds every partition into
*one* mutable starting value (Dask's ``Bag.fold`` with an accumulator as the
initial value) shares that object between partitions and counts items many
times over. Each partition must start from ``create()``, as :func:`fold`
does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, Protocol, Self, TypeVar, runtime_checkable

from attrs import field, frozen

from carekit.errors import InvalidValue
from carekit.responsiveness import (
    ResponseAccumulator,
    ResponsePolicy,
    ResponseRules,
    ResponseStats,
    Row,
)

__all__ = [
    "Accumulator",
    "BatchCombiner",
    "Combiner",
    "JointCombiner",
    "MethodCombiner",
    "ResponseCombiner",
    "compute",
    "fold",
    "merge_all",
]

T_contra = TypeVar("T_contra", contravariant=True)
R_co = TypeVar("R_co", covariant=True)
T = TypeVar("T")
A = TypeVar("A")
R = TypeVar("R")


class Combiner(Protocol[T_contra, A, R_co]):
    """The combine contract: how an aggregate runs partitioned.

    Any object with these four methods is a combiner; carekit ships
    :class:`ResponseCombiner` and :class:`MethodCombiner`.
    """

    def create(self) -> A:
        """A fresh, empty accumulator (never shared between partitions)."""
        ...

    def add(self, accumulator: A, item: T_contra) -> A:
        """Apply *item*; may mutate *accumulator* and return it."""
        ...

    def merge(self, first: A, second: A) -> A:
        """A new accumulator holding both; neither input changes."""
        ...

    def extract(self, accumulator: A) -> R_co:
        """The result so far; *accumulator* does not change."""
        ...


@runtime_checkable
class BatchCombiner(Combiner[T_contra, A, R_co], Protocol):
    """A combiner with a fast path for many items at once (:func:`fold`
    uses it when present)."""

    def add_all(self, accumulator: A, items: Iterable[T_contra]) -> A:
        """Apply every item of *items*, as many :meth:`add` calls would."""
        ...


class Accumulator(Protocol[T_contra, R_co]):
    """An accumulator with the contract as methods: what
    :class:`MethodCombiner` wraps (carekit's analytics accumulators have
    this shape)."""

    def add(self, item: T_contra) -> Self:
        """Apply *item*; may mutate and return this accumulator."""
        ...

    def merge(self, other: Self) -> Self:
        """A new accumulator holding both; neither changes."""
        ...

    def extract(self) -> R_co:
        """The result so far, without changing the accumulator."""
        ...


AccumulatorT = TypeVar("AccumulatorT", bound=Accumulator[Any, Any])


class MethodCombiner(Generic[AccumulatorT]):
    """The contract for any accumulator whose methods are ``add(item)``,
    ``merge(other)`` and ``extract()``: one generic wrapper for all of them.

    Immutable, compared by its factory, and picklable when the factory is.
    It holds code, not data, so it has no plain-data form: rebuild it in
    code (as a policy of your own class, see the design notes).

    Args:
        factory: Called with no argument for each fresh accumulator: the
            accumulator's class, or a ``functools.partial`` of it with its
            settings. It must pickle to run on a cluster (a class, a
            module-level function or a partial of one, not a lambda).

    Raises:
        InvalidValue: *factory* is not callable.

    >>> from functools import partial
    >>> from carekit.scale import MethodCombiner, QuantileSketch, compute
    >>> sketches = MethodCombiner(partial(QuantileSketch, relative_accuracy=0.02))
    >>> compute(sketches, [[1.0, 2.0], [], [3.0]]).count
    3
    """

    __slots__ = ("_factory",)
    _factory: Callable[[], AccumulatorT]

    def __init__(self, factory: Callable[[], AccumulatorT]) -> None:
        if not callable(factory):
            raise InvalidValue(
                "factory", factory, "must be a callable returning a fresh accumulator"
            )
        object.__setattr__(self, "_factory", factory)

    @property
    def factory(self) -> Callable[[], AccumulatorT]:
        """What builds each fresh accumulator."""
        factory: Callable[[], AccumulatorT] = self._factory
        return factory

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"MethodCombiner is immutable: cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MethodCombiner):
            return NotImplemented
        return bool(self._factory == other._factory)

    def __hash__(self) -> int:
        return hash((MethodCombiner, self._factory))

    def __repr__(self) -> str:
        return f"MethodCombiner({self._factory!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return MethodCombiner, (self._factory,)

    def create(self) -> AccumulatorT:
        """``factory()``."""
        return self.factory()

    def add(self, accumulator: AccumulatorT, item: Any) -> AccumulatorT:
        """``accumulator.add(item)``."""
        result: AccumulatorT = accumulator.add(item)
        return result

    def merge(self, first: AccumulatorT, second: AccumulatorT) -> AccumulatorT:
        """``first.merge(second)``."""
        result: AccumulatorT = first.merge(second)
        return result

    def extract(self, accumulator: AccumulatorT) -> Any:
        """``accumulator.extract()``."""
        return accumulator.extract()


def _rules(policy: ResponsePolicy | None) -> ResponseRules:
    checked = ResponseAccumulator(policy).policy
    assert isinstance(checked, ResponseRules)  # the accumulator checks and copies
    return checked


def _away(away: Iterable[Any]) -> tuple[tuple[float, ...], ...]:
    return ResponseAccumulator(away=away).away


def _since(value: float | dt.datetime | None) -> float | None:
    return None if value is None else ResponseAccumulator(since=value).rules.since


def _until(value: float | dt.datetime | None) -> float | None:
    return None if value is None else ResponseAccumulator(until=value).rules.until


@frozen
class ResponseCombiner:
    """The contract for responsiveness: rows in, :class:`ResponseStats` out.

    Items are rows ``(conversation_id, epoch_seconds, role)``; the
    accumulator is a :class:`~carekit.responsiveness.ResponseAccumulator`
    with these settings. Partitions must be **split by conversation**: each
    conversation's rows in one partition, in time order there; merging two
    accumulators that both saw a conversation raises ``InvalidValue``
    rather than giving a wrong answer.

    Attributes:
        policy: The response rules (checked, kept as :class:`ResponseRules`).
        away: Away periods, kept sorted and merged as epoch-second pairs.
        since: Count only threads starting at or after it (epoch seconds;
            an aware datetime is converted).
        until: Skip rows at or after it, and report as of it.

    Raises:
        InvalidValue: A setting is invalid (named as by the accumulator).

    >>> from carekit.scale import ResponseCombiner, compute
    >>> rows = [[("a", 0.0, 0), ("a", 60.0, 1)], [], [("b", 5.0, 0)]]
    >>> compute(ResponseCombiner(), rows).rate
    0.5
    """

    policy: ResponseRules = field(default=None, converter=_rules)
    # Pairs, typed as homogeneous tuples so that plain data writes arrays.
    away: tuple[tuple[float, ...], ...] = field(default=(), converter=_away)
    since: float | None = field(default=None, converter=_since, kw_only=True)
    until: float | None = field(default=None, converter=_until, kw_only=True)

    def create(self) -> ResponseAccumulator:
        """A fresh accumulator with these settings."""
        away = [(start, end) for start, end in self.away]
        return ResponseAccumulator(
            self.policy, away, since=self.since, until=self.until
        )

    def add(self, accumulator: ResponseAccumulator, item: Row) -> ResponseAccumulator:
        """Apply one row (mutates and returns *accumulator*)."""
        conversation_id, t, role = item
        accumulator.add(conversation_id, t, role)
        return accumulator

    def add_all(
        self, accumulator: ResponseAccumulator, items: Iterable[Row]
    ) -> ResponseAccumulator:
        """Apply many rows through the fast loop (``feed``)."""
        return accumulator.feed(items)

    def merge(
        self, first: ResponseAccumulator, second: ResponseAccumulator
    ) -> ResponseAccumulator:
        """A new accumulator holding both (pure)."""
        return first.merge(second)

    def extract(self, accumulator: ResponseAccumulator) -> ResponseStats:
        """The statistics, as of ``until`` when set (as ``measure_rows``)."""
        return accumulator.stats(self.until)


class JointCombiner:
    """Several aggregates over the same items in one pass: each item goes to
    every combiner; the accumulator and the result are tuples, in order.

    For one run of a page computing its responsiveness and other figures
    together (one read of the data, one merge tree).

    Args:
        combiners: Two or more combiners taking the same items.

    Raises:
        InvalidValue: Fewer than two combiners, or one without the four
            methods.

    >>> from carekit.scale import JointCombiner, ResponseCombiner, compute
    >>> both = JointCombiner(ResponseCombiner(), ResponseCombiner(until=30.0))
    >>> rows = [("a", 0.0, 0), ("a", 60.0, 1)]
    >>> stats, as_of_30 = compute(both, [rows])
    >>> stats.rate, as_of_30.rate
    (1.0, None)
    """

    __slots__ = ("_combiners",)
    _combiners: tuple[Combiner[Any, Any, Any], ...]

    def __init__(self, *combiners: Combiner[Any, Any, Any]) -> None:
        if len(combiners) < 2:
            raise InvalidValue("combiners", combiners, "must be two or more")
        for i, combiner in enumerate(combiners):
            missing = [m for m in _METHODS if not callable(getattr(combiner, m, None))]
            if missing:
                raise InvalidValue(
                    f"combiners[{i}]",
                    combiner,
                    f"must be a Combiner; missing {missing}",
                )
        object.__setattr__(self, "_combiners", combiners)

    @property
    def combiners(self) -> tuple[Combiner[Any, Any, Any], ...]:
        """The combiners, in the order of the results."""
        return self._combiners

    def create(self) -> tuple[Any, ...]:
        """A fresh accumulator of each combiner."""
        return tuple(combiner.create() for combiner in self._combiners)

    def add(self, accumulator: tuple[Any, ...], item: Any) -> tuple[Any, ...]:
        """*item* added to each accumulator."""
        pairs = zip(self._combiners, accumulator, strict=True)
        return tuple(combiner.add(acc, item) for combiner, acc in pairs)

    def add_all(
        self, accumulator: tuple[Any, ...], items: Iterable[Any]
    ) -> tuple[Any, ...]:
        """Every item added to each accumulator (read once, then handed to
        each combiner's fast path)."""
        held = items if isinstance(items, list | tuple) else list(items)
        result = []
        for combiner, acc in zip(self._combiners, accumulator, strict=True):
            if isinstance(combiner, BatchCombiner):
                result.append(combiner.add_all(acc, held))
            else:
                for item in held:
                    acc = combiner.add(acc, item)
                result.append(acc)
        return tuple(result)

    def merge(self, first: tuple[Any, ...], second: tuple[Any, ...]) -> tuple[Any, ...]:
        """Each pair merged (pure)."""
        triples = zip(self._combiners, first, second, strict=True)
        return tuple(combiner.merge(a, b) for combiner, a, b in triples)

    def extract(self, accumulator: tuple[Any, ...]) -> tuple[Any, ...]:
        """Each combiner's result, in order."""
        pairs = zip(self._combiners, accumulator, strict=True)
        return tuple(combiner.extract(acc) for combiner, acc in pairs)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"JointCombiner is immutable: cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JointCombiner):
            return NotImplemented
        return self._combiners == other._combiners

    def __hash__(self) -> int:
        return hash((JointCombiner, self._combiners))

    def __repr__(self) -> str:
        return f"JointCombiner{self._combiners!r}"

    def __reduce__(self) -> tuple[Any, ...]:
        return JointCombiner, self._combiners


_METHODS = ("create", "add", "merge", "extract")


def fold(combiner: Combiner[T, A, Any], items: Iterable[T]) -> A:
    """One partition: a fresh accumulator with every item of *items* added
    (through ``add_all`` when the combiner has it)."""
    accumulator = combiner.create()
    if isinstance(combiner, BatchCombiner):
        result: A = combiner.add_all(accumulator, items)
        return result
    for item in items:
        accumulator = combiner.add(accumulator, item)
    return accumulator


def merge_all(combiner: Combiner[Any, A, Any], accumulators: Iterable[A]) -> A:
    """Every accumulator merged, pairwise in a balanced tree; a fresh one
    when there is none."""
    level: Sequence[A] = list(accumulators)
    if not level:
        return combiner.create()
    while len(level) > 1:
        pairs = [
            combiner.merge(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)
        ]
        level = pairs + ([level[-1]] if len(level) % 2 else [])
    return level[0]


def compute(combiner: Combiner[T, Any, R], partitions: Iterable[Iterable[T]]) -> R:
    """The result of *combiner* over *partitions*, one fold per partition,
    merged: what an engine computes, in one process.

    >>> from carekit.scale import ResponseCombiner, compute
    >>> compute(ResponseCombiner(), []).eligible
    0
    """
    return combiner.extract(
        merge_all(combiner, [fold(combiner, p) for p in partitions])
    )
