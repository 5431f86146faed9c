"""SLA status and history: pure functions of a ticket, its conversation, a
business calendar and ``now``.

Rules (each quoted in ``docs/sla.md`` beside Zendesk's and Zammad's):

- **Targets** are business time on the calendar: first response and
  resolution from the creation, next response from the first customer
  message unanswered since the last customer-visible agent reply, periodic
  update between two such replies.
- **What answers**: a customer-visible agent reply (a reply of kind
  ``REPLY`` by an ``AGENT``, public or private, for both reach the customer);
  a bot's reply only when the terms count bots. A private note never
  answers, nor does an instant reply, away message, survey or template.
- **Pauses**: every clock stops in the terms' pause states (default
  ``PENDING``) and resumes where it stopped.
- **Status at now**: on track; due soon within the warning margin (default
  15 business minutes) of the deadline; breached from the deadline on; met
  when answered (or resolved) at or before the deadline. A reply exactly at
  the deadline meets it.
- **Breaches** are stamped at their deadline, once per episode, whenever the
  question is asked.
- Resolving or closing ends every running episode; a reopening starts a new
  resolution episode, and a new next-response episode while a customer
  message is unanswered.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any, Final, overload

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, optional_instant_key, utc_instant
from carekit._validate import field_name, is_name
from carekit.business_hours import BusinessCalendar
from carekit.conversations import Conversation
from carekit.errors import InvalidValue
from carekit.sla import _kernel as k
from carekit.sla._clock import BusinessClock, CalendarClock, PrefixClock, micros, moment
from carekit.sla.policy import ServiceLevel, SlaMetric, SlaPolicy
from carekit.tickets import Ticket

__all__ = [
    "MetricStatus",
    "SlaEvent",
    "SlaEventKind",
    "SlaQueue",
    "SlaState",
    "SlaStatus",
    "evaluate",
    "evaluate_queue",
    "trace",
]

_TICK = dt.timedelta(microseconds=1)
_METRICS: Final = (
    SlaMetric.FIRST_RESPONSE,
    SlaMetric.NEXT_RESPONSE,
    SlaMetric.PERIODIC_UPDATE,
    SlaMetric.RESOLUTION,
)


class SlaState(enum.Enum):
    """Where a target stands at ``now``."""

    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    """Within the warning margin of the deadline."""
    BREACHED = "breached"
    """The deadline passed unanswered (the episode may have ended since)."""
    MET = "met"
    """Answered, or resolved, at or before the deadline."""


_STATES: Final = (SlaState.ON_TRACK, SlaState.DUE_SOON, SlaState.BREACHED, SlaState.MET)
#: How urgent each state is, for a ticket's worst state.
_URGENCY: Final = {
    SlaState.MET: 0,
    SlaState.ON_TRACK: 1,
    SlaState.DUE_SOON: 2,
    SlaState.BREACHED: 3,
}


class SlaEventKind(enum.Enum):
    """What happened to a target's clock."""

    ACTIVATE = "activate"
    PAUSE = "pause"
    RESUME = "resume"
    FULFIL = "fulfil"
    BREACH = "breach"


_KINDS: Final = (
    SlaEventKind.ACTIVATE,
    SlaEventKind.RESUME,
    SlaEventKind.BREACH,
    SlaEventKind.PAUSE,
    SlaEventKind.FULFIL,
)


def _utc(value: Any) -> dt.datetime:
    return utc_instant(value, "at")


def _optional_utc(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        utc_instant(value, field_name(attribute))


def _member(kind: type) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not kind:
            raise InvalidValue(
                field_name(attribute), value, f"must be a {kind.__name__}"
            )

    return check


def _episode(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or value < 1:
        raise InvalidValue(field_name(attribute), value, "episodes are numbered from 1")


@frozen
class SlaEvent:
    """One entry of a target's derived history.

    Attributes:
        at: When it happened (UTC); a breach is stamped at its deadline.
        metric: Which target.
        kind: Activate, pause, resume, fulfil or breach.
        episode: Which episode of the metric, numbered from 1 (keyword-only).

    Raises:
        InvalidValue: A naive time, a kind or metric of the wrong type, or an
            episode number below 1.
    """

    at: dt.datetime = field(converter=_utc, eq=instant_key)
    metric: SlaMetric = field(validator=_member(SlaMetric))
    kind: SlaEventKind = field(validator=_member(SlaEventKind))
    episode: int = field(kw_only=True, validator=_episode)


@frozen
class MetricStatus:
    """One target's standing at ``now``: its latest episode.

    Attributes:
        metric: Which target.
        state: On track, due soon, breached or met.
        episode: Which episode of the metric, numbered from 1 (keyword-only).
        deadline: When the target falls (or fell) due, in UTC; ``None``
            while a paused clock has time left, or when an episode ended
            before using up its time.
        due_soon_at: When the target becomes (or became) due soon, under the
            same conditions.
        paused: Whether the clock is stopped now.

    Raises:
        InvalidValue: A field of the wrong type or a naive time.
    """

    metric: SlaMetric = field(validator=_member(SlaMetric))
    state: SlaState = field(validator=_member(SlaState))
    episode: int = field(kw_only=True, validator=_episode)
    deadline: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key, validator=_optional_utc
    )
    due_soon_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key, validator=_optional_utc
    )
    paused: bool = field(default=False, kw_only=True, validator=_member(bool))

    def next_deadline(self, now: dt.datetime) -> dt.datetime | None:
        """The first instant after *now* at which this target's state changes
        by time alone (it becomes due soon, or breached), or ``None``."""
        if self.paused or self.state in (SlaState.MET, SlaState.BREACHED):
            return None
        at = utc_instant(now, "now")
        for when in (self.due_soon_at, self.deadline):
            if when is not None and when > at:
                return when
        return None


def _metric_statuses(value: Iterable[MetricStatus]) -> tuple[MetricStatus, ...]:
    if not isinstance(value, Iterable):
        raise InvalidValue("metrics", value, "must be a collection of MetricStatus")
    items = tuple(value)
    for item in items:
        if not isinstance(item, MetricStatus):
            raise InvalidValue("metrics", item, "each must be a MetricStatus")
    if len({item.metric for item in items}) != len(items):
        raise InvalidValue("metrics", items, "one status per metric")
    return tuple(sorted(items, key=lambda item: _METRICS.index(item.metric)))


def _ticket_id(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not is_name(value):
        raise InvalidValue(field_name(attribute), value, "must be a non-empty string")


@frozen
class SlaStatus:
    """A ticket's targets at one instant.

    Attributes:
        ticket_id: The ticket.
        at: The instant asked about (UTC).
        metrics: The status of each target that has an episode, in the order
            first response, next response, periodic update, resolution.
        next_change_at: The first status change or message of the ticket
            recorded after ``at``, if the caller asked about the past.

    Raises:
        InvalidValue: A field of the wrong type, a naive time, or two
            statuses of one metric.
    """

    ticket_id: str = field(validator=_ticket_id)
    at: dt.datetime = field(converter=_utc, eq=instant_key)
    metrics: tuple[MetricStatus, ...] = field(
        default=(), kw_only=True, converter=_metric_statuses
    )
    next_change_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key, validator=_optional_utc
    )

    @property
    def state(self) -> SlaState | None:
        """The most urgent state of any target (breached, due soon, on track,
        met), or ``None`` without targets."""
        if not self.metrics:
            return None
        return max((m.state for m in self.metrics), key=_URGENCY.__getitem__)

    def status(self, metric: SlaMetric) -> MetricStatus | None:
        """The status of *metric*, or ``None`` if it has no episode."""
        for item in self.metrics:
            if item.metric is metric:
                return item
        return None

    def next_deadline(self, now: dt.datetime) -> dt.datetime | None:
        """The first instant after *now* at which asking again can change the
        answer: a warning, a deadline, or a recorded change (a resume, a
        reply) after the instant asked about; ``None`` when only a new
        command or message can change it."""
        at = utc_instant(now, "now")
        candidates = [m.next_deadline(at) for m in self.metrics]
        if self.next_change_at is not None and self.next_change_at > at:
            candidates.append(self.next_change_at)
        found = [c for c in candidates if c is not None]
        return min(found) if found else None


# -- the functions -------------------------------------------------------------


def _checked(
    ticket: object, conversation: object, calendar: object
) -> tuple[Ticket, Conversation, BusinessCalendar]:
    if not isinstance(ticket, Ticket):
        raise InvalidValue("ticket", ticket, "must be a Ticket")
    if not isinstance(conversation, Conversation):
        raise InvalidValue("conversation", conversation, "must be a Conversation")
    if not isinstance(calendar, BusinessCalendar):
        raise InvalidValue("calendar", calendar, "must be a BusinessCalendar")
    if conversation.id not in ticket.conversation_ids:
        raise InvalidValue(
            "conversation", conversation.id, f"not linked to ticket {ticket.id}"
        )
    return ticket, conversation, calendar


def _terms(policy: SlaPolicy, ticket: Ticket) -> ServiceLevel:
    terms = policy.terms_for(ticket)
    if not isinstance(terms, ServiceLevel):
        raise InvalidValue("policy", terms, "terms_for must return a ServiceLevel")
    return terms


class _Terms:
    """A :class:`ServiceLevel` in microseconds, with its role table."""

    __slots__ = ("pausing", "roles", "targets", "warning")

    def __init__(self, terms: ServiceLevel, tables: dict[bool, bytes]) -> None:
        self.targets = tuple(
            None if (t := terms.target(m)) is None else t // _TICK for m in _METRICS
        )
        self.warning = terms.warning // _TICK
        self.pausing: frozenset[object] = frozenset(terms.pause_states)
        roles = tables.get(terms.count_bots)
        if roles is None:
            roles = tables[terms.count_bots] = k.role_table(terms.count_bots)
        self.roles = roles


def _derive(
    ticket: Ticket, conversation: Conversation, terms: _Terms, now: int
) -> tuple[k.Timeline, list[k.Episode], list[k.Pause]]:
    """The timeline, episodes and pauses of one ticket at *now*."""
    line = k.timeline(ticket, conversation, now, terms.roles)
    if now < line.created:
        raise InvalidValue("now", moment(now), f"before ticket {ticket.id} was created")
    found, pauses = k.episodes(line, terms.pausing)
    return line, found, pauses


class _One:
    """One ticket's derivation on the calendar clock, for evaluate and trace."""

    __slots__ = ("at", "clock", "found", "line", "pauses", "terms", "ticket")

    def __init__(
        self,
        ticket: object,
        conversation: object,
        calendar: object,
        now: dt.datetime,
        policy: SlaPolicy,
    ) -> None:
        checked, chat, business = _checked(ticket, conversation, calendar)
        self.ticket = checked
        self.at = micros(utc_instant(now, "now"))
        self.terms = _Terms(_terms(policy, checked), {})
        self.clock = CalendarClock(business)
        self.line, self.found, self.pauses = _derive(checked, chat, self.terms, self.at)


Row = tuple[
    str, int | None, tuple[tuple[int, int, int, int | None, int | None, bool], ...]
]
"""A ticket's status as plain values: ``(ticket id, next change, metrics)``,
each metric ``(metric, state, episode, deadline, due soon at, paused)``."""


def _row(
    ticket: Ticket,
    line: k.Timeline,
    found: list[k.Episode],
    pauses: list[k.Pause],
    terms: _Terms,
    now: int,
    clock: BusinessClock,
) -> Row:
    latest: list[k.Episode | None] = [None, None, None, None]
    for found_one in found:
        latest[found_one[0]] = found_one  # a metric's later episodes come later
    metrics = []
    warning = terms.warning
    for metric, target in enumerate(terms.targets):
        episode = latest[metric]
        if episode is None or target is None:
            continue
        state, soon, deadline, paused = k.outcome(
            episode, pauses, now, target, warning, clock
        )
        metrics.append((metric, state, episode[1], deadline, soon, paused))
    return ticket.id, line.next_change, tuple(metrics)


def _optional_moment(value: int | None) -> dt.datetime | None:
    return None if value is None else moment(value)


def _status_of(row: Row, now: int) -> SlaStatus:
    ticket_id, later, metrics = row
    return SlaStatus(
        ticket_id,
        moment(now),
        metrics=[
            MetricStatus(
                _METRICS[metric],
                _STATES[state],
                episode=number,
                deadline=_optional_moment(deadline),
                due_soon_at=_optional_moment(soon),
                paused=paused,
            )
            for metric, state, number, deadline, soon, paused in metrics
        ],
        next_change_at=_optional_moment(later),
    )


class SlaQueue(Sequence[SlaStatus]):
    """The statuses of a queue of tickets at one instant, as columns.

    Kept as plain values (which the garbage collector does not track) and
    handed out as equal :class:`SlaStatus` values when read, so a dashboard
    of 100,000 tickets builds objects only for the rows it shows.
    """

    __slots__ = ("_now", "_rows")

    def __init__(self, rows: Sequence[Row], now: int) -> None:
        self._rows = tuple(rows)
        self._now = now

    @property
    def at(self) -> dt.datetime:
        """The instant asked about (UTC)."""
        return moment(self._now)

    @property
    def ticket_ids(self) -> tuple[str, ...]:
        """The tickets, in the order given."""
        return tuple(row[0] for row in self._rows)

    @property
    def states(self) -> tuple[SlaState | None, ...]:
        """Each ticket's most urgent state (see :attr:`SlaStatus.state`)."""
        rank = (1, 2, 3, 0)  # on track, due soon, breached, met → urgency
        return tuple(
            _STATES[max((m[1] for m in row[2]), key=rank.__getitem__)]
            if row[2]
            else None
            for row in self._rows
        )

    def next_deadline(self, now: dt.datetime) -> dt.datetime | None:
        """The first instant after *now* at which any ticket's answer can
        change (see :meth:`SlaStatus.next_deadline`), or ``None``."""
        at = micros(utc_instant(now, "now"))
        best: int | None = None
        for _ticket, later, metrics in self._rows:
            candidates = [later] if later is not None and later > at else []
            for _metric, state, _number, deadline, soon, paused in metrics:
                if paused or state in (k.STATE_BREACHED, k.STATE_MET):
                    continue
                candidates += [t for t in (soon, deadline) if t is not None and t > at][
                    :1
                ]
            for candidate in candidates:
                if best is None or candidate < best:
                    best = candidate
        return None if best is None else moment(best)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> SlaStatus: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[SlaStatus, ...]: ...
    def __getitem__(self, index: int | slice) -> SlaStatus | tuple[SlaStatus, ...]:
        if isinstance(index, slice):
            return tuple(_status_of(row, self._now) for row in self._rows[index])
        return _status_of(self._rows[index], self._now)

    def __repr__(self) -> str:
        return f"SlaQueue({len(self._rows)} tickets at {self.at.isoformat()})"


def evaluate(
    ticket: Ticket,
    conversation: Conversation,
    calendar: BusinessCalendar,
    *,
    now: dt.datetime,
    policy: SlaPolicy,
) -> SlaStatus:
    """The status of every target of *ticket* at *now*.

    Args:
        ticket: The ticket; its history gives the status changes.
        conversation: Its conversation (linked to it); its messages give the
            customer messages and the replies. Only what happened from the
            ticket's creation to *now* counts.
        calendar: The business calendar every target is counted on.
        now: The instant asked about (timezone-aware).
        policy: Which terms apply; a :class:`ServiceLevel` is one.

    Raises:
        InvalidValue: An argument of the wrong type, a naive *now* or one
            before the ticket's creation, a conversation not linked to the
            ticket, or a policy returning something other than a
            ``ServiceLevel``.
    """
    one = _One(ticket, conversation, calendar, now, policy)
    row = _row(
        one.ticket, one.line, one.found, one.pauses, one.terms, one.at, one.clock
    )
    return _status_of(row, one.at)


def trace(
    ticket: Ticket,
    conversation: Conversation,
    calendar: BusinessCalendar,
    *,
    now: dt.datetime,
    policy: SlaPolicy,
) -> tuple[SlaEvent, ...]:
    """The history of every target of *ticket* up to *now*: activate, pause,
    resume, breach and fulfil events, in time order. Rebuilt from the ticket
    and conversation every time; nothing is stored.

    Arguments and errors as for :func:`evaluate`.
    """
    one = _One(ticket, conversation, calendar, now, policy)
    at, terms, pauses = one.at, one.terms, one.pauses
    rows: list[tuple[int, int, int, int, int]] = []
    for episode in one.found:
        target = terms.targets[episode[0]]
        if target is None:
            continue
        _state, _soon, deadline, _paused = k.outcome(
            episode, pauses, at, target, terms.warning, one.clock
        )
        rows += k.episode_events(episode, pauses, deadline, at)
    rows.sort()
    return tuple(
        SlaEvent(moment(when), _METRICS[metric], _KINDS[rank], episode=number)
        for when, metric, number, rank, _kind in rows
    )


def evaluate_queue(
    items: Iterable[tuple[Ticket, Conversation]],
    calendar: BusinessCalendar,
    *,
    now: dt.datetime,
    policy: SlaPolicy,
) -> SlaQueue:
    """The status of many tickets at one *now*, for a dashboard: equal, item
    by item, to :func:`evaluate`.

    The calendar's open spans are computed once for the whole queue, with
    the business time before each (prefix sums); each deadline is then two
    bisections instead of a walk through the calendar.

    Args:
        items: ``(ticket, conversation)`` pairs.
        calendar: The business calendar.
        now: The instant asked about (timezone-aware).
        policy: Which terms apply to each ticket.

    Raises:
        InvalidValue: As for :func:`evaluate`, for any item.
    """
    if not isinstance(calendar, BusinessCalendar):
        raise InvalidValue("calendar", calendar, "must be a BusinessCalendar")
    at = micros(utc_instant(now, "now"))
    tables: dict[bool, bytes] = {}
    # Keyed by id, holding the level too, so no id is reused while cached.
    cache: dict[int, tuple[ServiceLevel, _Terms]] = {}
    pairs = _pairs(items)
    chosen: list[_Terms] = []
    low, longest = at, 0
    for ticket, conversation in pairs:
        _checked(ticket, conversation, calendar)
        level = _terms(policy, ticket)
        entry = cache.get(id(level))
        if entry is None:
            entry = cache[id(level)] = (level, _Terms(level, tables))
            longest = max([longest, *(t for t in entry[1].targets if t is not None)])
        chosen.append(entry[1])
        created = micros(ticket.created_at)
        low = created if created < low else low
    clock = PrefixClock(calendar, low, _horizon(calendar, at, longest))
    # One pass per ticket from here: nothing but its row outlives it, so the
    # garbage collector never walks 100,000 timelines.
    rows = []
    for (ticket, conversation), terms in zip(pairs, chosen, strict=True):
        line, found, pauses = _derive(ticket, conversation, terms, at)
        rows.append(_row(ticket, line, found, pauses, terms, at, clock))
    return SlaQueue(rows, at)


def _pairs(items: Iterable[tuple[Ticket, Conversation]]) -> Sequence[Any]:
    if not isinstance(items, Iterable):
        raise InvalidValue("items", items, "must be (ticket, conversation) pairs")
    pairs = list(items)
    for index, pair in enumerate(pairs):
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise InvalidValue(
                f"items[{index}]", pair, "must be a (ticket, conversation) pair"
            )
    return pairs


def _horizon(calendar: BusinessCalendar, now: int, longest: int) -> int:
    """An instant past every deadline still to come: a running clock started
    by *now*, so its deadline is at most the longest target after *now*."""
    reached = CalendarClock(calendar).advance(now, longest)
    return now + 1 if reached is None else max(reached, now) + 1
