"""What every feedback accumulator is made of: rows of int counts per key.

A key is an agent id, a page id or ``None`` (uncredited, or one total).
Counts add, so merging is exact, associative and commutative, whatever the
partition; the plain-data form lists the rows sorted by key.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable
from typing import Any, ClassVar, Generic, Self, TypeVar

import attrs

from carekit.errors import InvalidValue, StructureError

__all__ = ["Key", "KeyedCounts", "T", "check_count", "check_parts"]

Key = str | None
T = TypeVar("T")


def check_count(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: a non-negative int (bools are not numbers)."""
    if type(value) is not int or value < 0:
        raise InvalidValue(attribute.name, value, "must be a non-negative int")


def check_parts(inst: object, whole: str, *parts: str) -> None:
    """Each count named in *parts* is at most the count named *whole*."""
    limit = getattr(inst, whole)
    for part in parts:
        value = getattr(inst, part)
        if value > limit:
            raise InvalidValue(part, value, f"cannot exceed {whole} ({limit})")


def _sort_key(key: Key) -> tuple[bool, str]:
    return (key is not None, key or "")


class KeyedCounts(abc.ABC, Generic[T]):
    """Rows of non-negative int counts per key, added and merged exactly.

    Subclasses name their plain-data ``KIND`` and ``COLUMNS``, the
    ``LIMITS`` a row keeps (``(part, whole)`` column indices: the part never
    exceeds the whole, as for the responses and the surveys sent) and define
    ``add``; everything else (``feed``, ``merge``, the plain-data form,
    equality, pickling) is here.
    """

    __slots__ = ("_rows",)
    KIND: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    LIMITS: ClassVar[tuple[tuple[int, int], ...]] = ()

    def __init__(self) -> None:
        self._rows: dict[Key, list[int]] = {}

    @abc.abstractmethod
    def add(self, item: T) -> Self:
        """Count *item* (in place); returns ``self``."""

    def feed(self, items: Iterable[T]) -> Self:
        """:meth:`add` each of *items*; returns ``self``."""
        for item in items:
            self.add(item)
        return self

    def bump(self, key: Key, deltas: tuple[int, ...]) -> None:
        """Add *deltas* to the row of *key* (in place)."""
        row = self._rows.get(key)
        if row is None:
            self._rows[key] = list(deltas)
        else:
            for index, delta in enumerate(deltas):
                row[index] += delta

    def merge(self, other: Self) -> Self:
        """A new accumulator holding both; neither input changes.

        Raises:
            InvalidValue: *other* is not an accumulator of the same kind.
        """
        if type(other) is not type(self):
            raise InvalidValue("other", other, f"must be a {type(self).__name__}")
        merged = type(self)()
        for source in (self, other):
            for key, row in source._rows.items():
                merged.bump(key, tuple(row))
        return merged

    def totals(self) -> tuple[int, ...]:
        """The counts of every key added up, in ``COLUMNS`` order."""
        sums = [0] * len(self.COLUMNS)
        for row in self._rows.values():
            for index, count in enumerate(row):
                sums[index] += count
        return tuple(sums)

    def keyed(self) -> dict[Key, tuple[int, ...]]:
        """The counts of each key, keys sorted (``None`` first)."""
        return {
            key: tuple(self._rows[key]) for key in sorted(self._rows, key=_sort_key)
        }

    def to_data(self) -> dict[str, Any]:
        """JSON-compatible plain data that :meth:`from_data` reads back."""
        return {
            "kind": self.KIND,
            "columns": ["key", *self.COLUMNS],
            "rows": [[key, *row] for key, row in self.keyed().items()],
        }

    @classmethod
    def from_data(cls, data: object) -> Self:
        """The accumulator :meth:`to_data` wrote.

        Raises:
            StructureError: *data* is not such a document (every problem
                listed).
        """
        errors = _problems(cls, data)
        if errors:
            raise StructureError(cls.__name__, errors)
        assert isinstance(data, dict)
        built = cls()
        for key, *counts in data["rows"]:
            built.bump(key, tuple(counts))
        return built

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, KeyedCounts)  # for mypy
        return self._rows == other._rows

    __hash__ = None  # type: ignore[assignment]  # mutable: add changes it

    def __repr__(self) -> str:
        return f"{type(self).__name__}.from_data({self.to_data()!r})"


def _problems(cls: type[KeyedCounts[Any]], data: object) -> list[str]:
    if not isinstance(data, dict):
        return ["must be an object @ $"]
    errors = []
    if data.get("kind") != cls.KIND:
        errors.append(f"must be {cls.KIND!r} @ $.kind")
    if data.get("columns") != ["key", *cls.COLUMNS]:
        errors.append(f"must be {['key', *cls.COLUMNS]!r} @ $.columns")
    rows = data.get("rows")
    if not isinstance(rows, list):
        return [*errors, "must be a list @ $.rows"]
    seen: set[Key] = set()
    for index, row in enumerate(rows):
        if not _is_row(row, len(cls.COLUMNS)) or row[0] in seen:
            errors.append(
                "must be [key, counts...] with a new str or null key and"
                f" non-negative ints @ $.rows[{index}]"
            )
            continue
        seen.add(row[0])
        for part, whole in cls.LIMITS:
            if row[1 + part] > row[1 + whole]:
                errors.append(
                    f"{cls.COLUMNS[part]} cannot exceed {cls.COLUMNS[whole]}"
                    f" @ $.rows[{index}]"
                )
    return errors


def _is_row(row: object, width: int) -> bool:
    return (
        isinstance(row, list)
        and len(row) == width + 1
        and (row[0] is None or (type(row[0]) is str and bool(row[0].strip())))
        and all(type(count) is int and count >= 0 for count in row[1:])
    )
