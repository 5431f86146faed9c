"""Service-level terms: which targets a ticket has, on which clock.

A :class:`SlaPolicy` gives the :class:`ServiceLevel` of a ticket. The default
policy is a :class:`ServiceLevel` itself: the same terms for every ticket. A
policy of one's own can choose terms by the ticket's priority, the way
Zendesk's SLA policies set "metric targets for each value of the priority
field" (Zendesk API reference, SLA Policies, 2024).

Every target is business time on the caller's
:class:`~carekit.business_hours.BusinessCalendar`; whatever policy is passed,
carekit keeps its own rules: only a customer-visible agent reply answers, a
reply exactly at the deadline meets it, and breaches are stamped at their
deadline.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any, Final, Protocol

import attrs
from attrs import field, frozen

from carekit._validate import field_name
from carekit.errors import InvalidValue
from carekit.tickets import Ticket, TicketStatus

__all__ = [
    "DEFAULT_PAUSE_STATES",
    "DEFAULT_WARNING",
    "ServiceLevel",
    "SlaMetric",
    "SlaPolicy",
]

DEFAULT_PAUSE_STATES: Final = (TicketStatus.PENDING,)
"""The ticket statuses that pause every clock by default: waiting on the
customer."""
DEFAULT_WARNING: Final = dt.timedelta(minutes=15)
"""How long before a deadline a target is due soon: 15 business minutes, after
Zammad, which warns agents about 15 minutes before a ticket escalates."""


class SlaMetric(enum.Enum):
    """What a target measures."""

    FIRST_RESPONSE = "first_response"
    """From the ticket's creation to the first customer-visible agent reply."""
    NEXT_RESPONSE = "next_response"
    """From the first customer message unanswered since the last
    customer-visible agent reply to the next such reply."""
    PERIODIC_UPDATE = "periodic_update"
    """From one customer-visible agent reply to the next."""
    RESOLUTION = "resolution"
    """From the ticket's creation (or its reopening) to its resolution."""


def _target(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, dt.timedelta):
        raise InvalidValue(
            field_name(attribute), value, "must be a datetime.timedelta or None"
        )
    if value <= dt.timedelta(0):
        raise InvalidValue(field_name(attribute), value, "a target must be positive")


def _warning(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.timedelta) or value < dt.timedelta(0):
        raise InvalidValue(
            field_name(attribute), value, "must be a non-negative datetime.timedelta"
        )


def _pause_states(items: Any) -> tuple[TicketStatus, ...]:
    """Converter: statuses as a tuple in the enum's order, without duplicates."""
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise InvalidValue("pause_states", items, "must be a collection of statuses")
    values = tuple(items)
    for item in values:
        if type(item) is not TicketStatus:
            raise InvalidValue("pause_states", item, "each must be a TicketStatus")
    return tuple(status for status in TicketStatus if status in values)


def _flag(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not bool:
        raise InvalidValue(field_name(attribute), value, "must be True or False")


@frozen
class ServiceLevel:
    """The terms of a ticket: its targets and how its clocks run.

    Also the default :class:`SlaPolicy`: it gives every ticket these terms.

    Attributes:
        first_response: Business time from creation to the first
            customer-visible agent reply, or ``None`` for no target.
        next_response: Business time from the first customer message
            unanswered since the last such reply to the next reply.
        periodic_update: Business time allowed between two customer-visible
            agent replies (optional, ``None`` by default).
        resolution: Business time from creation (or a reopening) to the
            resolution.
        pause_states: Ticket statuses in which every clock stops and from
            which it resumes where it stopped; default ``PENDING``.
        warning: How much business time before a deadline a target is due
            soon; default 15 minutes.
        count_bots: Whether a bot's reply answers the customer too.

    Raises:
        InvalidValue: A target is not a positive ``timedelta`` (or ``None``),
            the warning is negative, or a pause state is not a
            ``TicketStatus``.
    """

    first_response: dt.timedelta | None = field(
        default=None, kw_only=True, validator=_target
    )
    next_response: dt.timedelta | None = field(
        default=None, kw_only=True, validator=_target
    )
    periodic_update: dt.timedelta | None = field(
        default=None, kw_only=True, validator=_target
    )
    resolution: dt.timedelta | None = field(
        default=None, kw_only=True, validator=_target
    )
    pause_states: tuple[TicketStatus, ...] = field(
        default=DEFAULT_PAUSE_STATES, kw_only=True, converter=_pause_states
    )
    warning: dt.timedelta = field(
        default=DEFAULT_WARNING, kw_only=True, validator=_warning
    )
    count_bots: bool = field(default=False, kw_only=True, validator=_flag)

    def target(self, metric: SlaMetric) -> dt.timedelta | None:
        """The target for *metric*, or ``None`` when there is none."""
        value: dt.timedelta | None = getattr(self, metric.value)
        return value

    def terms_for(self, ticket: Ticket) -> ServiceLevel:
        """These terms, whatever the ticket (the policy's one method)."""
        return self


class SlaPolicy(Protocol):
    """Which terms a ticket has. Any class with this method will do."""

    def terms_for(self, ticket: Ticket) -> ServiceLevel:
        """The :class:`ServiceLevel` that applies to *ticket*."""
        ...
