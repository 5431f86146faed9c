"""Average handling time: agents' work sessions ÷ handled tickets.

Rules:

- **Handling time** is the sum of the work sessions on tickets
  (:class:`~carekit.tickets.WorkSession`, half-open ``[start, end)``);
  with a :class:`BusinessCalendar` only their time inside opening hours.
- A ticket is **handled** when it has at least one work session.
- **Average handling time** = handling time ÷ handled tickets; ``None``
  when no ticket was handled, never a division error.
- **Per agent**: an agent's own sessions ÷ the tickets that agent has at
  least one session on (so a ticket two agents worked on is handled by
  each of them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Final, Self

import attrs
from attrs import field, frozen

from carekit.analytics._business import BusinessOffsets
from carekit.business_hours import BusinessCalendar
from carekit.errors import InvalidValue, StructureError
from carekit.serialization import structure, unstructure
from carekit.tickets import Ticket

__all__ = [
    "HandlingAccumulator",
    "HandlingTime",
    "handling_by_agent",
    "handling_rows",
    "handling_time",
]

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TICK: Final = dt.timedelta(microseconds=1)


def _whole(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValue(attribute.name, value, "must be a non-negative int")


@frozen
class HandlingTime:
    """Work time and handled tickets, and their ratio.

    Attributes:
        micros: Total work time in whole microseconds (exact, so totals
            merge in any order).
        handled: Tickets with at least one work session.

    Raises:
        InvalidValue: A negative or non-int field, or work time without a
            handled ticket.
    """

    micros: int = field(validator=_whole)
    handled: int = field(validator=_whole)

    def __attrs_post_init__(self) -> None:
        if self.micros and not self.handled:
            raise InvalidValue(
                "handled", self.handled, "work time needs a handled ticket"
            )

    @property
    def seconds(self) -> float:
        """Total work time in seconds."""
        return self.micros / 1_000_000

    @property
    def average(self) -> float | None:
        """Average handling time in seconds, ``None`` when nothing was handled."""
        return self.micros / self.handled / 1_000_000 if self.handled else None


class HandlingAccumulator:
    """Mergeable handling time, overall and per agent.

    :meth:`add` takes a ticket (and returns the accumulator itself);
    :meth:`merge` returns a new accumulator and never changes either input;
    :meth:`extract` and :meth:`per_agent` read without changing anything.
    Accumulators over disjoint sets of tickets merge exactly (the totals are
    integers).

    Args:
        calendar: Opening hours: count only the work inside them.
    """

    __slots__ = ("_agents", "_calendar", "_handled", "_micros")

    def __init__(self, calendar: BusinessCalendar | None = None) -> None:
        if calendar is not None and not isinstance(calendar, BusinessCalendar):
            raise InvalidValue("calendar", calendar, "must be a BusinessCalendar")
        self._calendar = calendar
        self._micros = 0
        self._handled = 0
        self._agents: dict[str, tuple[int, int]] = {}

    def add(self, ticket: Ticket) -> Self:
        """Count *ticket*'s work sessions.

        Raises:
            InvalidValue: *ticket* is not a ``Ticket``.
        """
        if not isinstance(ticket, Ticket):
            raise InvalidValue("ticket", ticket, "must be a Ticket")
        if not ticket.sessions:
            return self
        spans = [
            (s.agent, (s.start - _EPOCH) // _TICK, (s.end - _EPOCH) // _TICK)
            for s in ticket.sessions
        ]
        if self._calendar is not None:
            offsets = BusinessOffsets(
                self._calendar, min(s[1] for s in spans), max(s[2] for s in spans)
            ).micros
            spans = [(agent, offsets(low), offsets(high)) for agent, low, high in spans]
        own: dict[str, int] = {}
        for agent, low, high in spans:
            own[agent] = own.get(agent, 0) + high - low
        for agent, micros in own.items():
            total, handled = self._agents.get(agent, (0, 0))
            self._agents[agent] = (total + micros, handled + 1)
        self._micros += sum(own.values())
        self._handled += 1
        return self

    def feed(self, tickets: Iterable[Ticket]) -> Self:
        """:meth:`add` each of *tickets*."""
        for ticket in tickets:
            self.add(ticket)
        return self

    def merge(self, other: HandlingAccumulator) -> HandlingAccumulator:
        """A new accumulator holding both (over disjoint tickets).

        Raises:
            InvalidValue: *other* is not one, or counts on another calendar.
        """
        if not isinstance(other, HandlingAccumulator):
            raise InvalidValue("other", other, "must be a HandlingAccumulator")
        if other._calendar != self._calendar:
            raise InvalidValue("other", other, "must use the same calendar")
        both = HandlingAccumulator(self._calendar)
        both._micros = self._micros + other._micros
        both._handled = self._handled + other._handled
        agents = dict(self._agents)
        for agent, (micros, handled) in other._agents.items():
            total, count = agents.get(agent, (0, 0))
            agents[agent] = (total + micros, count + handled)
        both._agents = agents
        return both

    def extract(self) -> HandlingTime:
        """The handling time of every ticket added."""
        return HandlingTime(self._micros, self._handled)

    def per_agent(self) -> dict[str, HandlingTime]:
        """Each agent's own handling time."""
        return {agent: HandlingTime(m, h) for agent, (m, h) in self._agents.items()}

    def to_data(self) -> dict[str, Any]:
        """A JSON-compatible plain-data form (:meth:`from_data` reads it)."""
        calendar = self._calendar
        return {
            "calendar": None if calendar is None else unstructure(calendar),
            "micros": self._micros,
            "handled": self._handled,
            "agents": {a: list(v) for a, v in sorted(self._agents.items())},
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> HandlingAccumulator:
        """The accumulator :meth:`to_data` describes.

        Raises:
            InvalidValue: *data* is not such a form.
        """
        try:
            calendar = data["calendar"]
            made = cls(
                None if calendar is None else structure(calendar, BusinessCalendar)
            )
            made._micros = HandlingTime(data["micros"], data["handled"]).micros
            made._handled = data["handled"]
            agents = {}
            for agent, (micros, handled) in data["agents"].items():
                agents[agent] = (HandlingTime(micros, handled).micros, handled)
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, InvalidValue | StructureError):
                raise
            raise InvalidValue(
                "data", data, "must be HandlingAccumulator.to_data()"
            ) from None
        made._agents = agents
        return made

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HandlingAccumulator):
            return NotImplemented
        return self.to_data() == other.to_data()

    __hash__ = None  # type: ignore[assignment]  # mutable


def handling_time(
    tickets: Iterable[Ticket], *, calendar: BusinessCalendar | None = None
) -> HandlingTime:
    """Handling time of *tickets*; ``.average`` is the average handling time."""
    return HandlingAccumulator(calendar).feed(tickets).extract()


def handling_by_agent(
    tickets: Iterable[Ticket], *, calendar: BusinessCalendar | None = None
) -> dict[str, HandlingTime]:
    """Each agent's handling time over *tickets*."""
    return HandlingAccumulator(calendar).feed(tickets).per_agent()


def handling_rows(
    rows: Iterable[tuple[Hashable, str, float, float]],
    *,
    calendar: BusinessCalendar | None = None,
) -> dict[str, HandlingTime]:
    """The bulk path: each agent's handling time from plain session rows.

    Args:
        rows: ``(ticket_id, agent, start, end)`` work sessions, times in
            epoch seconds (counted to the nearest microsecond).
        calendar: Opening hours: count only the work inside them.

    Returns:
        Each agent's :class:`HandlingTime` (handled: the distinct tickets
        the agent has a session on).

    Raises:
        InvalidValue: A row is malformed or ends before it starts
            (``rows[i]``).
    """
    data = rows if isinstance(rows, list | tuple) else list(rows)
    clock = None
    if calendar is not None:
        clock = BusinessOffsets.over_seconds(
            calendar, (t for row in data for t in row[2:4])
        ).seconds
    work: dict[str, float] = {}
    tickets: dict[str, set[Hashable]] = {}
    index = -1
    try:
        for index, row in enumerate(data):  # noqa: B007 - read by the handler
            ticket, agent, start, end = row
            spent = end - start
            if clock is not None:  # never above the wall clock, rounding aside
                spent = min(spent, clock(end) - clock(start))
            if spent < 0 or agent.__class__ is not str:
                raise ValueError
            own = tickets.get(agent)
            if own is None:
                own = tickets[agent] = set()
                work[agent] = 0.0
            own.add(ticket)
            work[agent] += spent
    except (TypeError, ValueError, AttributeError):
        raise InvalidValue(
            f"rows[{index}]" if index >= 0 else "rows",
            data[index] if index >= 0 else rows,
            "must be (ticket_id, agent, start, end), ending no earlier than it starts",
        ) from None
    return {
        agent: HandlingTime(round(work[agent] * 1_000_000), len(tickets[agent]))
        for agent in work
    }
