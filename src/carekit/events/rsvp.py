"""A guest's answer to an invitation, and the one transition table of RSVP
status.

Lifecycle (the whole of it is :data:`TRANSITIONS`)::

    invited  --accept--------> attending  --decline--> declined
    invited  --join_waitlist-> waitlisted --move_up--> attending
    invited  --decline-------> declined   --accept---> attending
    waitlisted --decline-----> declined   --join_waitlist--> waitlisted
    attending, waitlisted, declined --refund--> declined

Whether an answer is *accept* or *join_waitlist* depends on the room left:
a guest who accepts once the capacity is full is waitlisted, and the first
waitlisted guest moves up when a seat frees. Any other move raises
:class:`~carekit.errors.IllegalTransition` naming the state and the event.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, optional_instant_key
from carekit._lifecycle import advance
from carekit._validate import (
    aware_datetime,
    enum_member,
    non_empty_str,
    optional_non_empty_str,
    require_aware,
)
from carekit.errors import InvalidValue
from carekit.intervals import to_utc

__all__ = ["TRANSITIONS", "Rsvp", "RsvpEvent", "RsvpStatus", "next_status"]


class RsvpStatus(enum.Enum):
    """Where a guest's answer stands."""

    INVITED = "invited"
    ATTENDING = "attending"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"


class RsvpEvent(enum.Enum):
    """A move in the RSVP lifecycle."""

    #: The guest takes a free seat.
    ACCEPT = "accept"
    #: The guest accepts once the event is full.
    JOIN_WAITLIST = "join_waitlist"
    DECLINE = "decline"
    #: A seat freed and the guest was first on the waitlist.
    MOVE_UP = "move_up"
    #: The guest's ticket was refunded.
    REFUND = "refund"


_S, _E = RsvpStatus, RsvpEvent

TRANSITIONS: Final[Mapping[tuple[RsvpStatus, RsvpEvent], RsvpStatus]] = (
    MappingProxyType(
        {
            (_S.INVITED, _E.ACCEPT): _S.ATTENDING,
            (_S.INVITED, _E.JOIN_WAITLIST): _S.WAITLISTED,
            (_S.INVITED, _E.DECLINE): _S.DECLINED,
            (_S.DECLINED, _E.ACCEPT): _S.ATTENDING,
            (_S.DECLINED, _E.JOIN_WAITLIST): _S.WAITLISTED,
            (_S.ATTENDING, _E.DECLINE): _S.DECLINED,
            (_S.WAITLISTED, _E.DECLINE): _S.DECLINED,
            (_S.WAITLISTED, _E.MOVE_UP): _S.ATTENDING,
            (_S.ATTENDING, _E.REFUND): _S.DECLINED,
            (_S.WAITLISTED, _E.REFUND): _S.DECLINED,
            (_S.DECLINED, _E.REFUND): _S.DECLINED,
        }
    )
)
"""The RSVP lifecycle: ``(state, event) -> next state``. Nothing else moves."""


def next_status(state: RsvpStatus, event: RsvpEvent) -> RsvpStatus:
    """The status after *event* in *state*, from :data:`TRANSITIONS`.

    >>> next_status(RsvpStatus.WAITLISTED, RsvpEvent.MOVE_UP)
    <RsvpStatus.ATTENDING: 'attending'>

    Raises:
        IllegalTransition: The table has no such move; names the state and
            the event.
    """
    return advance(TRANSITIONS, "rsvp", state, event)


def _check_answered(inst: Rsvp, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if (value is None) != (inst.status is RsvpStatus.INVITED):
        raise InvalidValue(
            "answered_at", value, "an RSVP has an answer time once it leaves invited"
        )
    if value is not None and to_utc(require_aware(value, "answered_at")) < to_utc(
        inst.invited_at
    ):
        raise InvalidValue(
            "answered_at", value, "an answer cannot precede its invitation"
        )


@frozen
class Rsvp:
    """One invited guest and where their answer stands.

    Attributes:
        member: The guest's member id.
        status: Invited, attending, declined or waitlisted.
        invited_at: When the invitation was sent (timezone-aware).
        answered_at: When the status last changed; ``None`` while invited.
            The waitlist is in this order.
        ticket: The id of the ticket payment that holds the guest's seat (or
            waitlist place) at a ticketed event, if any.

    Raises:
        InvalidValue: A field breaks its rule.
    """

    member: str = field(validator=non_empty_str)
    status: RsvpStatus = field(
        default=RsvpStatus.INVITED, validator=enum_member(RsvpStatus)
    )
    invited_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )
    answered_at: dt.datetime | None = field(
        default=None,
        kw_only=True,
        validator=_check_answered,
        eq=optional_instant_key,
    )
    ticket: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )

    def moved(
        self, event: RsvpEvent, *, at: dt.datetime, ticket: str | None = None
    ) -> Rsvp:
        """The RSVP after *event* at *at*, holding *ticket*.

        Raises:
            IllegalTransition: The table has no such move from this status.
            InvalidValue: *at* is naive or precedes the invitation.
        """
        status = next_status(self.status, event)
        require_aware(at, "at")
        return attrs.evolve(self, status=status, answered_at=at, ticket=ticket)
