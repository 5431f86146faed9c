"""Any carekit aggregate on Dask (``carekit[dask]``), exactly.

:func:`measure` runs a :class:`~carekit.scale.Combiner` (default: the
page's responsiveness, :class:`~carekit.scale.ResponseCombiner`) over a
``dask.bag.Bag`` of items or a ``dask.dataframe.DataFrame`` of rows, on
whatever scheduler is current (a ``distributed.Client``, threads, or
``scheduler="sync"`` in a ``dask.config.set`` block):

- each partition folds into a **fresh** accumulator (``create()``, never one
  shared initial value), inside the worker that holds the partition;
- the accumulators merge in a tree of ``split_every`` at a time (merges are
  pure, so a retried or speculative task cannot count twice);
- the result is extracted in the cluster, so only it travels back.

**Conversations cut across partitions.** The responsiveness rules read a
conversation's rows in order, so each conversation must be in one
partition. When the partitions already hold whole conversations (the
default, ``conversations="whole"``), nothing moves: a conversation found in
two partitions is refused by the merge (``InvalidValue``), never counted
wrong. With ``conversations="cut"``, :func:`measure` first **repartitions by
conversation** (a shuffle on the id): every row is tagged with its
partition number and position, each conversation's rows are gathered in one
partition and put back in their original order, and the folds run on
those. The answer is exactly the single pass over the rows in collection
order.

Dask is imported only when :func:`measure` is called.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import partial
from itertools import chain
from typing import Any, Literal, TypeVar

from carekit.errors import InvalidValue
from carekit.scale._extras import require
from carekit.scale.combine import Combiner, ResponseCombiner, fold, merge_all

__all__ = ["COLUMNS", "accumulate", "measure"]

R = TypeVar("R")

COLUMNS = ("conversation_id", "time", "role")
"""The default columns of a frame's rows, in the order of a responsiveness
row."""

_FIRST = operator.itemgetter(0)


def _dask() -> Any:
    return require("dask", "dask.bag", extra="dask", user="carekit.scale.dask")


def _frame_items(frame: Any, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """A pandas partition's rows as tuples of *columns*, read column-wise
    (``tolist()`` gives plain Python values, not NumPy scalars)."""
    return list(zip(*(frame[name].tolist() for name in columns), strict=True))


def _tagged(items: Iterable[Any], number: int) -> list[tuple[int, int, Any]]:
    """Each item of partition *number* with its place: ``(number, i, item)``."""
    return [(number, i, item) for i, item in enumerate(items)]


def _tag_key(key: Callable[[Any], Hashable], entry: tuple[int, int, Any]) -> Hashable:
    """The conversation id of a tagged item."""
    return key(entry[2])


def _regrouped(groups: Iterable[tuple[Hashable, list[tuple[int, int, Any]]]]) -> Any:
    """The items of each conversation's group, back in collection order."""
    return chain.from_iterable(
        (entry[2] for entry in sorted(entries, key=_place)) for _, entries in groups
    )


def _place(entry: tuple[int, int, Any]) -> tuple[int, int]:
    return entry[0], entry[1]


def _fold_part(
    combiner: Combiner[Any, Any, Any],
    prepare: Callable[[list[Any]], Iterable[Any]] | None,
    items: Iterable[Any],
) -> Any:
    """:func:`~carekit.scale.fold` over one partition's items, through
    *prepare* when given (it sees the whole partition at once)."""
    if prepare is None:
        return fold(combiner, items)
    return fold(combiner, prepare(list(items)))


def _fold_regrouped(
    combiner: Combiner[Any, Any, Any],
    prepare: Callable[[list[Any]], Iterable[Any]] | None,
    groups: Any,
) -> Any:
    """:func:`_fold_part` over one shuffled partition of groups."""
    return _fold_part(combiner, prepare, _regrouped(groups))


def _partitions(dask: Any, collection: Any, columns: Sequence[str]) -> list[Any]:
    """The collection's partitions as delayed iterables of items."""
    if isinstance(collection, dask.bag.Bag):
        return list(collection.to_delayed(optimize_graph=True))
    if _is_frame(collection):
        missing = [name for name in columns if name not in collection.columns]
        if missing:
            raise InvalidValue("columns", missing, "columns missing from the frame")
        items = dask.delayed(_frame_items, pure=True)
        frame = collection[list(columns)]
        return [items(part, tuple(columns)) for part in frame.to_delayed()]
    raise InvalidValue(
        "collection", collection, "must be a dask.bag.Bag or a dask.dataframe.DataFrame"
    )


def _is_frame(collection: object) -> bool:
    """Whether *collection* is a Dask dataframe (importing dask.dataframe,
    and so pandas, only when it may be one)."""
    if "dask" not in type(collection).__module__.split(".")[0]:
        return False
    import dask.dataframe

    return isinstance(collection, dask.dataframe.DataFrame)


def _tree(dask: Any, combiner: Any, accumulators: list[Any], split_every: int) -> Any:
    """The delayed accumulators merged *split_every* at a time, level by level."""
    merge = dask.delayed(merge_all, pure=True)
    level = accumulators
    while len(level) > 1:
        level = [
            merge(combiner, level[i : i + split_every])
            for i in range(0, len(level), split_every)
        ]
    return level[0] if level else dask.delayed(combiner.create)()


def accumulate(
    collection: Any,
    combiner: Combiner[Any, Any, Any] | None = None,
    *,
    conversations: Literal["whole", "cut"] = "whole",
    key: Callable[[Any], Hashable] = _FIRST,
    columns: Sequence[str] = COLUMNS,
    split_every: int = 8,
    prepare: Callable[[list[Any]], Iterable[Any]] | None = None,
) -> Any:
    """The merged accumulator as a lazy ``dask.delayed`` value (compute it
    with others in one ``dask.compute`` call: partitions they share are
    read once); see :func:`measure`."""
    dask = _dask()
    combiner = ResponseCombiner() if combiner is None else combiner
    if split_every.__class__ is not int or split_every < 2:
        raise InvalidValue("split_every", split_every, "must be an int of at least 2")
    parts = _partitions(dask, collection, columns)
    if prepare is not None and not callable(prepare):
        raise InvalidValue(
            "prepare", prepare, "must be a function of a partition's items"
        )
    folder = dask.delayed(_fold_part, pure=True)
    if conversations == "whole":
        accumulators = [folder(combiner, prepare, part) for part in parts]
    elif conversations == "cut":
        tag = dask.delayed(_tagged, pure=True)
        rows = dask.bag.from_delayed([tag(part, i) for i, part in enumerate(parts)])
        groups = rows.groupby(
            partial(_tag_key, key), shuffle="tasks", npartitions=max(len(parts), 1)
        )
        regroup = dask.delayed(_fold_regrouped, pure=True)
        accumulators = [
            regroup(combiner, prepare, part) for part in groups.to_delayed()
        ]
    else:
        raise InvalidValue("conversations", conversations, "must be 'whole' or 'cut'")
    return _tree(dask, combiner, accumulators, split_every)


def measure(
    collection: Any,
    combiner: Combiner[Any, Any, R] | None = None,
    *,
    conversations: Literal["whole", "cut"] = "whole",
    key: Callable[[Any], Hashable] = _FIRST,
    columns: Sequence[str] = COLUMNS,
    split_every: int = 8,
    prepare: Callable[[list[Any]], Iterable[Any]] | None = None,
) -> R:
    """Run *combiner* over a Dask collection and extract its result.

    Args:
        collection: A ``dask.bag.Bag`` of items (rows for responsiveness),
            or a ``dask.dataframe.DataFrame`` whose *columns* form each item.
        combiner: Any :class:`~carekit.scale.Combiner`; default
            ``ResponseCombiner()`` (a :class:`ResponseStats` comes back).
            It must pickle to run on a ``distributed`` cluster.
        conversations: ``"whole"``: each partition holds whole conversations
            (nothing is shuffled); ``"cut"``: repartition by conversation
            first (see the module docs), for any layout.
        key: The conversation id of an item (default: its first field).
        columns: The frame's columns that make an item, in order.
        split_every: How many accumulators one merge task takes.
        prepare: A function from one partition's items (a list holding
            whole conversations, in collection order) to the items the
            combiner adds: for bulk functions that need whole conversations,
            such as ``carekit.analytics.response_rows``.

    Returns:
        ``combiner.extract`` of every partition's accumulator merged.

    Raises:
        InvalidValue: The collection is neither a bag nor a frame, a column
            is missing, *conversations* or *split_every* is invalid, or (from
            the combiner's merge) a conversation was found in two partitions
            with ``conversations="whole"``.
        ImportError: The ``dask`` extra is not installed.
    """
    chosen = ResponseCombiner() if combiner is None else combiner
    lazy = accumulate(
        collection,
        chosen,
        conversations=conversations,
        key=key,
        columns=columns,
        split_every=split_every,
        prepare=prepare,
    )
    # Extracted where the last merge ran: only the result travels back.
    extract = _dask().delayed(chosen.extract, pure=True)
    result: R = extract(lazy).compute()
    return result
