"""Time to resolution of tickets: per cycle, first and full resolution.

Rules (``docs/analytics.md`` compares them with Zendesk's and Chatwoot's):

- A **resolution cycle** runs from the ticket's creation, or from a reopen
  (a move out of RESOLVED to any status but CLOSED), to the next move into
  RESOLVED. A reopen starts a new cycle.
- **First resolution time**: creation → first resolved (the first cycle).
- **Full resolution time**: creation → last resolved, gaps between a
  resolution and a reopen included.
- With ``exclude_pending``, time spent in PENDING (waiting on the customer)
  is left out of every figure.
- In **business time** (a :class:`BusinessCalendar`), only the time inside
  opening hours counts; never more than the wall-clock figure.
- A ticket never resolved has no figures (``None``), never an error.
- A resolution is credited to the agent who resolved it (the history
  entry's ``by``); the ticket's figures to the agent of its last resolution.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from operator import itemgetter
from typing import Any, Final, TypeAlias

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, utc_instant
from carekit._validate import non_empty_str, optional_non_empty_str, string_set
from carekit.analytics._business import BusinessOffsets
from carekit.analytics._cycles import cycles_of, measured
from carekit.business_hours import BusinessCalendar
from carekit.errors import InvalidValue
from carekit.tickets import Ticket, TicketStatus

__all__ = [
    "Resolution",
    "ResolutionCycle",
    "ResolutionRow",
    "resolution_of",
    "resolution_rows",
    "resolutions",
]

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TICK: Final = dt.timedelta(microseconds=1)
_MICROS: Final = 1_000_000
_STATUSES: Final = frozenset(TicketStatus)


def _seconds(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None and attribute.name != "seconds":
        return
    if isinstance(value, bool) or not isinstance(value, float | int):
        raise InvalidValue(attribute.name, value, "must be a number of seconds")
    if not 0 <= value < float("inf"):
        raise InvalidValue(attribute.name, value, "must be finite and not negative")


def _end_after_start(inst: ResolutionCycle, _a: attrs.Attribute[Any], end: Any) -> None:
    if utc_instant(end, "end") < utc_instant(inst.start, "start"):
        raise InvalidValue("end", end, f"a cycle ends after it starts ({inst.start})")


@frozen
class ResolutionCycle:
    """One resolution cycle of a ticket.

    Attributes:
        start: The creation, or the reopen that started it.
        end: When it was resolved.
        seconds: Its wall-clock length (less PENDING time when excluded).
        business_seconds: Its length inside opening hours, or ``None``
            without a calendar.
        resolved_by: The agent who resolved it.

    Raises:
        InvalidValue: A naive time, an end before the start, or a negative
            or non-finite figure.
    """

    start: dt.datetime = field(eq=instant_key)
    end: dt.datetime = field(eq=instant_key, validator=_end_after_start)
    seconds: float = field(kw_only=True, validator=_seconds)
    business_seconds: float | None = field(
        default=None, kw_only=True, validator=_seconds
    )
    resolved_by: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )


def _cycles(items: Iterable[ResolutionCycle]) -> tuple[ResolutionCycle, ...]:
    values = tuple(items)
    for index, item in enumerate(values):
        if not isinstance(item, ResolutionCycle):
            raise InvalidValue(f"cycles[{index}]", item, "must be a ResolutionCycle")
    return values


def _tags(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "tags")


@frozen
class Resolution:
    """A ticket's time to resolution.

    Attributes:
        ticket_id: The ticket.
        created_at: Its creation.
        cycles: Its resolved cycles, in time order.
        first_resolution: Creation → first resolved, in seconds (``None``
            when never resolved).
        full_resolution: Creation → last resolved, in seconds.
        business_first: :attr:`first_resolution` in business time, or
            ``None`` without a calendar (or a resolution).
        business_full: :attr:`full_resolution` in business time.
        agent: Who resolved it last (credited with the ticket's figures).
        language: The ticket's language, or ``None``.
        tags: The ticket's tags.
        pending_excluded: Whether PENDING time was left out.

    Raises:
        InvalidValue: A malformed field, or a first resolution longer than
            the full one.
    """

    ticket_id: str = field(validator=non_empty_str)
    created_at: dt.datetime = field(eq=instant_key)
    cycles: tuple[ResolutionCycle, ...] = field(
        default=(), kw_only=True, converter=_cycles
    )
    first_resolution: float | None = field(
        default=None, kw_only=True, validator=_seconds
    )
    full_resolution: float | None = field(
        default=None, kw_only=True, validator=_seconds
    )
    business_first: float | None = field(default=None, kw_only=True, validator=_seconds)
    business_full: float | None = field(default=None, kw_only=True, validator=_seconds)
    agent: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    language: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    tags: tuple[str, ...] = field(default=(), kw_only=True, converter=_tags)
    pending_excluded: bool = field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        utc_instant(self.created_at, "created_at")
        if type(self.pending_excluded) is not bool:
            raise InvalidValue(
                "pending_excluded", self.pending_excluded, "must be a bool"
            )
        first, full = self.first_resolution, self.full_resolution
        if (first is None) != (full is None) or (
            first is not None and full is not None and first > full
        ):
            raise InvalidValue(
                "first_resolution",
                first,
                f"both or neither are set, first at most full ({full})",
            )

    @property
    def start(self) -> dt.datetime:
        """The creation (what a calendar-period breakdown groups by)."""
        return self.created_at

    @property
    def channel(self) -> None:
        """Tickets have no channel of their own (their conversations do)."""
        return None

    @property
    def seconds(self) -> float | None:
        """The full resolution time (what a breakdown aggregates)."""
        return self.full_resolution

    @property
    def business_seconds(self) -> float | None:
        """The full resolution time in business time."""
        return self.business_full


def _micros(value: dt.datetime) -> int:
    return (value - _EPOCH) // _TICK


def _history(ticket: Ticket) -> list[tuple[int, int, TicketStatus, Any]]:
    """The ticket's status rows: its creation, then each history entry."""
    first = TicketStatus.NEW if ticket.history else ticket.status
    rows: list[tuple[int, int, TicketStatus, Any]] = [
        (0, _micros(ticket.created_at), first, None)
    ]
    rows += [(0, _micros(event.at), event.status, event.by) for event in ticket.history]
    return rows


def resolution_of(
    ticket: Ticket,
    *,
    exclude_pending: bool = False,
    calendar: BusinessCalendar | None = None,
) -> Resolution:
    """The time to resolution of *ticket*, from its history.

    Args:
        ticket: The ticket.
        exclude_pending: Leave out the time it spent in PENDING.
        calendar: Opening hours, for the business-time figures.

    Raises:
        InvalidValue: *ticket* is not a ``Ticket``, *exclude_pending* not a
            bool, or the calendar cannot cover the ticket's span.
    """
    return resolutions([ticket], exclude_pending=exclude_pending, calendar=calendar)[0]


def resolutions(
    tickets: Iterable[Ticket],
    *,
    exclude_pending: bool = False,
    calendar: BusinessCalendar | None = None,
) -> tuple[Resolution, ...]:
    """:func:`resolution_of` for many tickets (business-time offsets are
    computed once over all of them)."""
    items = list(tickets)
    if type(exclude_pending) is not bool:
        raise InvalidValue("exclude_pending", exclude_pending, "must be a bool")
    histories = []
    for index, ticket in enumerate(items):
        if not isinstance(ticket, Ticket):
            raise InvalidValue(f"tickets[{index}]", ticket, "must be a Ticket")
        histories.append(_history(ticket))
    offsets = None
    if calendar is not None and items:
        low = min(_micros(t.created_at) for t in items)
        high = max(h[-1][1] for h in histories)
        offsets = BusinessOffsets(calendar, low, high + 1).micros
    return tuple(
        _resolution(ticket, history, exclude_pending, offsets)
        for ticket, history in zip(items, histories, strict=True)
    )


def _resolution(
    ticket: Ticket,
    history: Sequence[tuple[int, int, TicketStatus, Any]],
    exclude_pending: bool,
    offsets: Any,
) -> Resolution:
    ((_, created, spans, pending),) = cycles_of(history)
    if not exclude_pending:
        pending = ()
    cycles = tuple(
        ResolutionCycle(
            _EPOCH + dt.timedelta(microseconds=start),
            _EPOCH + dt.timedelta(microseconds=end),
            seconds=measured(start, end, pending) / _MICROS,
            business_seconds=None
            if offsets is None
            else measured(start, end, pending, offsets) / _MICROS,
            resolved_by=by,
        )
        for start, end, by in spans
    )
    figures: dict[str, Any] = {}
    if spans:
        first, last = spans[0][1], spans[-1][1]
        figures["first_resolution"] = measured(created, first, pending) / _MICROS
        figures["full_resolution"] = measured(created, last, pending) / _MICROS
        if offsets is not None:
            figures["business_first"] = (
                measured(created, first, pending, offsets) / _MICROS
            )
            figures["business_full"] = (
                measured(created, last, pending, offsets) / _MICROS
            )
        figures["agent"] = spans[-1][2]
    return Resolution(
        ticket.id,
        ticket.created_at,
        cycles=cycles,
        language=ticket.language,
        tags=ticket.tags,
        pending_excluded=exclude_pending,
        **figures,
    )


ResolutionRow: TypeAlias = tuple[
    Hashable, Any, tuple[float, ...], float, float, "float | None", "float | None"
]
"""``(ticket_id, agent, cycles, first, full, business_first, business_full)``:
one resolved ticket of :func:`resolution_rows`, in seconds."""


def resolution_rows(
    rows: Iterable[tuple[Hashable, float, TicketStatus, Any]],
    *,
    exclude_pending: bool = False,
    calendar: BusinessCalendar | None = None,
) -> list[ResolutionRow]:
    """The bulk path: time to resolution of plain status rows.

    Args:
        rows: ``(ticket_id, epoch_seconds, status, by)``, in time order
            within each ticket, each ticket's rows together; its first row
            is its creation (its status is the status it was created in).
        exclude_pending: Leave out PENDING time.
        calendar: Opening hours, for the business-time figures.

    Returns:
        One :data:`ResolutionRow` per ticket resolved at least once, in the
        order of the tickets' first rows.

    Raises:
        InvalidValue: *exclude_pending* is not a bool, or a status is not a
            ``TicketStatus``.
    """
    if type(exclude_pending) is not bool:
        raise InvalidValue("exclude_pending", exclude_pending, "must be a bool")
    data = rows if isinstance(rows, list | tuple) else list(rows)
    try:
        statuses = set(map(itemgetter(2), data))
        tickets = cycles_of(data)
    except (TypeError, ValueError, IndexError):
        raise InvalidValue(
            "rows", rows, "rows must be (ticket_id, epoch_seconds, status, by)"
        ) from None
    if not statuses <= _STATUSES:
        bad = next(s for s in statuses if s not in _STATUSES)
        raise InvalidValue("rows", bad, "each status must be a TicketStatus")
    if calendar is None and not exclude_pending:
        return [
            (
                ticket,
                spans[-1][2],
                tuple([end - start for start, end, _ in spans]),
                spans[0][1] - created,
                spans[-1][1] - created,
                None,
                None,
            )
            for ticket, created, spans, _ in tickets
            if spans
        ]
    offsets = None
    if calendar is not None:
        offsets = BusinessOffsets.over_seconds(calendar, (r[1] for r in data)).seconds
    out: list[ResolutionRow] = []
    for ticket, created, spans, pending in tickets:
        if not spans:
            continue
        if not exclude_pending:
            pending = ()
        first, last = spans[0][1], spans[-1][1]
        first_wall = measured(created, first, pending)
        full = measured(created, last, pending)
        business_first = business_full = None
        if offsets is not None:  # rounding to microseconds never lifts it over
            business_first = min(first_wall, measured(created, first, pending, offsets))
            business_full = min(full, measured(created, last, pending, offsets))
        out.append(
            (
                ticket,
                spans[-1][2],
                tuple([measured(s, e, pending) for s, e, _ in spans]),
                first_wall,
                full,
                business_first,
                business_full,
            )
        )
    return out
