"""Aggregates of durations, their breakdowns, and mergeable accumulators.

Rules:

- **Statistics**: the median (the default), the mean, any percentile and
  the count. The median and percentiles are
  :class:`~carekit.responsiveness.ResponseStats`' (one definition in
  carekit: the mean of the two middle values for an even count; linear
  interpolation between the nearest ranks, so the 50th percentile is the
  median). Any :class:`~carekit.responsiveness.Aggregate` works.
- **Empty groups** give ``None`` (the count gives 0), never an error.
- **Breakdowns**: by agent (the agent credited with each duration), team
  (an agent → team mapping you give), channel, language, tag (a duration
  counts once in each of its tags) and calendar period (day, ISO week,
  month, in a timezone you give). Items without a value for the key (no
  agent, no language) are grouped under ``None``.
- **Accumulators**: ``add`` may change the accumulator (and returns it);
  ``merge`` returns a new one and never changes its inputs; ``extract``
  changes nothing. Merging the accumulators of any partition of the items
  gives what a single pass gives: the values are kept (an exact median
  needs them) and every statistic reads them sorted.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from array import array
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Final, Protocol, Self

import attrs
from attrs import field, frozen

from carekit._validate import ValueEnum, enum_member
from carekit._zones import zone_key, zone_of
from carekit.conversations import Channel
from carekit.errors import InvalidValue
from carekit.responsiveness import Aggregate, Mean, Median, Percentile, ResponseStats

__all__ = [
    "ByAgent",
    "ByChannel",
    "ByLanguage",
    "ByPeriod",
    "ByTag",
    "ByTeam",
    "Count",
    "DurationAccumulator",
    "GroupAccumulator",
    "GroupingPolicy",
    "Measured",
    "Period",
    "breakdown",
    "summarize",
]


@frozen
class Count:
    """The number of durations (0 for an empty group)."""

    def compute(self, stats: ResponseStats) -> float | None:
        """How many values *stats* holds."""
        return float(len(stats.response_times))

    def __str__(self) -> str:
        return "count"


_STATISTICS: Final[Mapping[str, type]] = {
    "count": Count,
    "mean": Mean,
    "median": Median,
    "percentile": Percentile,
}


def _statistic_data(statistic: Aggregate) -> dict[str, Any]:
    for kind, cls in _STATISTICS.items():
        if type(statistic) is cls:
            return {"kind": kind, **attrs.asdict(statistic)}  # type: ignore[arg-type]
    raise InvalidValue(
        "statistic",
        statistic,
        f"only the built-in statistics have a plain form: {', '.join(_STATISTICS)}",
    )


def _statistic_of(data: Any) -> Aggregate:
    if not isinstance(data, Mapping) or data.get("kind") not in _STATISTICS:
        raise InvalidValue(
            "statistic", data, f"kind must be one of {', '.join(_STATISTICS)}"
        )
    settings = {k: v for k, v in data.items() if k != "kind"}
    made: Aggregate = _STATISTICS[data["kind"]](**settings)
    return made


def _checked_statistic(statistic: object) -> Aggregate:
    if not callable(getattr(statistic, "compute", None)):
        raise InvalidValue(
            "statistic", statistic, "must be an Aggregate (an object with compute)"
        )
    return statistic  # type: ignore[return-value]


def _checked_seconds(value: object, name: str = "value") -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, float | int)
        or not 0 <= value < math.inf
    ):
        raise InvalidValue(name, value, "must be finite, non-negative seconds")
    return float(value)


def _figure(statistic: Aggregate, values: array[float]) -> float | None:
    n = len(values)
    return statistic.compute(ResponseStats(n, n, response_times=values))


class DurationAccumulator:
    """One statistic of durations, mergeable.

    Args:
        statistic: Any :class:`~carekit.responsiveness.Aggregate`;
            default :class:`~carekit.responsiveness.Median` ().

    Raises:
        InvalidValue: *statistic* has no ``compute``.
    """

    __slots__ = ("_statistic", "_values")

    def __init__(self, statistic: Aggregate | None = None) -> None:
        self._statistic = _checked_statistic(
            Median() if statistic is None else statistic
        )
        self._values: array[float] = array("d")

    @property
    def statistic(self) -> Aggregate:
        """The statistic it extracts."""
        return self._statistic

    def add(self, seconds: float) -> Self:
        """Count one duration.

        Raises:
            InvalidValue: *seconds* is not finite, non-negative seconds.
        """
        self._values.append(_checked_seconds(seconds, "seconds"))
        return self

    def feed(self, values: Iterable[float]) -> Self:
        """:meth:`add` each of *values*."""
        for value in values:
            self.add(value)
        return self

    def merge(self, other: DurationAccumulator) -> DurationAccumulator:
        """A new accumulator holding both.

        Raises:
            InvalidValue: *other* is not one, or has another statistic.
        """
        if not isinstance(other, DurationAccumulator):
            raise InvalidValue("other", other, "must be a DurationAccumulator")
        if other._statistic != self._statistic:
            raise InvalidValue("other", other, "must compute the same statistic")
        both = DurationAccumulator(self._statistic)
        both._values = self._values + other._values
        return both

    def extract(self) -> float | None:
        """The statistic, ``None`` without durations (the count: 0)."""
        return _figure(self._statistic, self._values)

    def __len__(self) -> int:
        return len(self._values)

    def to_data(self) -> dict[str, Any]:
        """A JSON-compatible plain form (values sorted): equal for every
        partition of the same durations."""
        return {
            "statistic": _statistic_data(self._statistic),
            "values": sorted(self._values),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DurationAccumulator:
        """The accumulator :meth:`to_data` describes.

        Raises:
            InvalidValue: *data* is not such a form.
        """
        if not isinstance(data, Mapping) or "values" not in data:
            raise InvalidValue("data", data, "must be DurationAccumulator.to_data()")
        made = cls(_statistic_of(data.get("statistic")))
        return made.feed(data["values"])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DurationAccumulator):
            return NotImplemented
        return self._statistic == other._statistic and sorted(self._values) == sorted(
            other._values
        )

    __hash__ = None  # type: ignore[assignment]  # it changes

    def __repr__(self) -> str:
        return f"DurationAccumulator({self._statistic!r}, {len(self._values)} values)"


class GroupAccumulator:
    """One statistic of durations per group, mergeable.

    Items are ``(key, seconds)`` pairs (:func:`breakdown` makes them from
    durations with a :class:`GroupingPolicy`).

    Args:
        statistic: Any :class:`~carekit.responsiveness.Aggregate`; default
            the median.
    """

    __slots__ = ("_groups", "_statistic")

    def __init__(self, statistic: Aggregate | None = None) -> None:
        self._statistic = _checked_statistic(
            Median() if statistic is None else statistic
        )
        self._groups: dict[Hashable, array[float]] = {}

    @property
    def statistic(self) -> Aggregate:
        """The statistic it extracts per group."""
        return self._statistic

    def add(self, item: tuple[Hashable, float]) -> Self:
        """Count one ``(key, seconds)`` pair.

        Raises:
            InvalidValue: *item* is not a pair of a hashable key and
                finite, non-negative seconds.
        """
        try:
            key, seconds = item
            hash(key)
        except (TypeError, ValueError):
            raise InvalidValue("item", item, "must be a (key, seconds) pair") from None
        value = _checked_seconds(seconds, "seconds")
        values = self._groups.get(key)
        if values is None:
            values = self._groups[key] = array("d")
        values.append(value)
        return self

    def feed(
        self, items: Iterable[Sequence[Any]], *, key: int = 0, value: int = 1
    ) -> Self:
        """:meth:`add` the pair ``(item[key], item[value])`` of each of
        *items* (so rows such as :data:`~carekit.analytics.ResponseRow` feed
        in without a pair built per row); items whose value is ``None`` are
        skipped.

        Raises:
            InvalidValue: As for :meth:`add`; *key* or *value* is not an
                index of the items.
        """
        for name, index in (("key", key), ("value", value)):
            if type(index) is not int:
                raise InvalidValue(name, index, "must be an int index")
        groups = self._groups
        try:
            for item in items:
                group, seconds = item[key], item[value]
                values = groups.get(group)
                if (
                    values is not None
                    and seconds.__class__ is float
                    and 0 <= seconds < math.inf
                ):  # the common case, checked inline
                    values.append(seconds)
                elif seconds is not None:
                    self.add((group, seconds))
        except (IndexError, TypeError, KeyError):
            raise InvalidValue(
                "items", items, f"each item needs a key at {key} and a value at {value}"
            ) from None
        return self

    def merge(self, other: GroupAccumulator) -> GroupAccumulator:
        """A new accumulator holding both.

        Raises:
            InvalidValue: *other* is not one, or has another statistic.
        """
        if not isinstance(other, GroupAccumulator):
            raise InvalidValue("other", other, "must be a GroupAccumulator")
        if other._statistic != self._statistic:
            raise InvalidValue("other", other, "must compute the same statistic")
        both = GroupAccumulator(self._statistic)
        groups = {key: array("d", values) for key, values in self._groups.items()}
        for key, values in other._groups.items():
            if key in groups:
                groups[key] += values
            else:
                groups[key] = array("d", values)
        both._groups = groups
        return both

    def extract(self, groups: Iterable[Hashable] = ()) -> dict[Hashable, float | None]:
        """The statistic per group; each of *groups* that holds nothing gives
        ``None`` (the count: 0)."""
        empty: array[float] = array("d")
        keys = dict.fromkeys(self._groups)
        keys.update(dict.fromkeys(groups))
        return {
            key: _figure(self._statistic, self._groups.get(key, empty)) for key in keys
        }

    def counts(self) -> dict[Hashable, int]:
        """How many durations each group holds."""
        return {key: len(values) for key, values in self._groups.items()}

    def to_data(self) -> dict[str, Any]:
        """A plain form: ``{"statistic": ..., "groups": [[key, values], ...]}``
        with sorted values (JSON-compatible when the keys are)."""
        return {
            "statistic": _statistic_data(self._statistic),
            "groups": [[key, sorted(values)] for key, values in self._groups.items()],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> GroupAccumulator:
        """The accumulator :meth:`to_data` describes.

        Raises:
            InvalidValue: *data* is not such a form.
        """
        if not isinstance(data, Mapping) or not isinstance(data.get("groups"), list):
            raise InvalidValue("data", data, "must be GroupAccumulator.to_data()")
        made = cls(_statistic_of(data.get("statistic")))
        for entry in data["groups"]:
            try:
                key, values = entry
            except (TypeError, ValueError):
                raise InvalidValue("data", entry, "a group is [key, values]") from None
            for value in values:
                made.add((key, value))
        return made

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GroupAccumulator):
            return NotImplemented
        mine = {key: sorted(values) for key, values in self._groups.items()}
        theirs = {key: sorted(values) for key, values in other._groups.items()}
        return self._statistic == other._statistic and mine == theirs

    __hash__ = None  # type: ignore[assignment]  # it changes

    def __repr__(self) -> str:
        return f"GroupAccumulator({self._statistic!r}, {len(self._groups)} groups)"


class Measured(Protocol):
    """What a breakdown reads from an item: a
    :class:`~carekit.analytics.ResponseDuration` or a
    :class:`~carekit.analytics.Resolution` (or your own record)."""

    @property
    def agent(self) -> str | None:
        """The agent credited."""
        ...

    @property
    def channel(self) -> Channel | None:
        """The channel, if any."""
        ...

    @property
    def language(self) -> str | None:
        """The language, if any."""
        ...

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags."""
        ...

    @property
    def start(self) -> dt.datetime:
        """When the measured time began."""
        ...

    @property
    def seconds(self) -> float | None:
        """The wall-clock figure."""
        ...

    @property
    def business_seconds(self) -> float | None:
        """The business-time figure."""
        ...


class GroupingPolicy(Protocol):
    """Which groups an item belongs to (one method)."""

    def keys(self, item: Measured) -> tuple[Hashable, ...]:
        """The item's group keys (an item may be in several, or none)."""
        ...


@frozen
class ByAgent:
    """Group by the agent credited (``None``: no agent)."""

    def keys(self, item: Measured) -> tuple[Hashable, ...]:
        """``(item.agent,)``."""
        return (item.agent,)


def _teams(value: Any) -> tuple[tuple[str, ...], ...]:
    rule = "must map agents to teams (a mapping, or (agent, team) pairs)"
    try:
        pairs = dict(value.items() if isinstance(value, Mapping) else value)
    except (TypeError, ValueError):
        raise InvalidValue("teams", value, rule) from None
    if isinstance(value, str) or not all(
        isinstance(agent, str) and isinstance(team, str)
        for agent, team in pairs.items()
    ):
        raise InvalidValue("teams", value, rule)
    return tuple(sorted(pairs.items()))


@frozen
class ByTeam:
    """Group by the team of the agent credited.

    Attributes:
        teams: Agent → team, a mapping or ``(agent, team)`` pairs (stored
            as sorted pairs); an agent not in it, or no agent, is in group
            ``None``.
    """

    teams: tuple[tuple[str, ...], ...] = field(converter=_teams)
    _lookup: dict[str, str] = field(init=False, eq=False, repr=False)

    @_lookup.default
    def _lookup_default(self) -> dict[str, str]:
        return dict(self.teams)  # type: ignore[arg-type]  # pairs (typed for cattrs)

    def keys(self, item: Measured) -> tuple[Hashable, ...]:
        """``(team of item.agent,)``."""
        agent = item.agent
        return (None if agent is None else self._lookup.get(agent),)


@frozen
class ByChannel:
    """Group by channel, keyed by the channel's value (``"messenger"``...)."""

    def keys(self, item: Measured) -> tuple[Hashable, ...]:
        """``(item.channel.value,)``, or ``(None,)``."""
        channel = item.channel
        return (None if channel is None else channel.value,)


@frozen
class ByLanguage:
    """Group by language (``None``: unknown)."""

    def keys(self, item: Measured) -> tuple[Hashable, ...]:
        """``(item.language,)``."""
        return (item.language,)


@frozen
class ByTag:
    """Group by tag: an item counts once in each of its tags; an untagged
    item is in group ``None``."""

    def keys(self, item: Measured) -> tuple[Hashable, ...]:
        """``item.tags``, or ``(None,)``."""
        return item.tags or (None,)


class Period(ValueEnum):
    """A calendar period of :class:`ByPeriod`."""

    DAY = "day"
    """Keyed ``"2024-03-01"``."""
    WEEK = "week"
    """An ISO week, keyed ``"2024-W09"``."""
    MONTH = "month"
    """Keyed ``"2024-03"``."""


def _zone(value: Any) -> str:
    return zone_key(value, "timezone")


@frozen
class ByPeriod:
    """Group by the calendar period in which each item's time began.

    Attributes:
        period: Day, ISO week or month.
        timezone: The IANA zone whose calendar the periods follow (the
            page's), a name or a ``ZoneInfo`` (stored by its name); default
            UTC.
    """

    period: Period = field(default=Period.DAY, validator=enum_member(Period))
    timezone: str = field(default="UTC", converter=_zone)
    _tz: Any = field(init=False, eq=False, repr=False)

    @_tz.default
    def _tz_default(self) -> Any:
        return zone_of(self.timezone, "timezone")

    def keys(self, item: Measured) -> tuple[Hashable, ...]:
        """The period's key, as :class:`Period` shows."""
        local = item.start.astimezone(self._tz)
        if self.period is Period.DAY:
            return (local.date().isoformat(),)
        if self.period is Period.WEEK:
            year, week, _ = local.isocalendar()
            return (f"{year}-W{week:02d}",)
        return (f"{local.year}-{local.month:02d}",)


class _Figure(enum.Enum):
    WALL = "seconds"
    BUSINESS = "business_seconds"


def _pairs(
    items: Iterable[Measured], by: GroupingPolicy, business: bool
) -> Iterable[tuple[Hashable, float]]:
    name = _Figure.BUSINESS.value if business else _Figure.WALL.value
    for item in items:
        value = getattr(item, name)
        if value is None:
            continue
        for key in by.keys(item):
            yield key, value


def breakdown(
    items: Iterable[Measured],
    by: GroupingPolicy,
    *,
    statistic: Aggregate | None = None,
    business: bool = False,
    groups: Iterable[Hashable] = (),
) -> dict[Hashable, float | None]:
    """A statistic of *items* per group.

    Args:
        items: Durations or resolutions (their ``seconds``, or
            ``business_seconds``; items without the figure are skipped).
        by: Any :class:`GroupingPolicy`: :class:`ByAgent`, :class:`ByTeam`,
            :class:`ByChannel`, :class:`ByLanguage`, :class:`ByTag`,
            :class:`ByPeriod`.
        statistic: Any :class:`~carekit.responsiveness.Aggregate`; default
            the median.
        business: Aggregate the business-time figures.
        groups: Groups to report even when empty (they give ``None``).

    Raises:
        InvalidValue: *statistic* is not an aggregate, or *business* not a
            bool.
    """
    if type(business) is not bool:
        raise InvalidValue("business", business, "must be a bool")
    accumulator = GroupAccumulator(statistic)
    return accumulator.feed(_pairs(items, by, business)).extract(groups)


def summarize(
    items: Iterable[Measured],
    *,
    statistic: Aggregate | None = None,
    business: bool = False,
) -> float | None:
    """A statistic of all *items* (``None`` without any)."""
    if type(business) is not bool:
        raise InvalidValue("business", business, "must be a bool")
    name = _Figure.BUSINESS.value if business else _Figure.WALL.value
    values = (getattr(item, name) for item in items)
    return (
        DurationAccumulator(statistic)
        .feed(v for v in values if v is not None)
        .extract()
    )
