"""Inviting connections to an event: a filter, first-degree only, a weekly cap.

Rules:

- "Once an event is created, personal connections can be invited using
  filters such as location, company, industry, and school." ("How To Create
  A LinkedIn Event", a social-care newsletter, November 2019)
- LinkedIn (2019): invitations go to first-degree connections only, at most
  1,000 a week per organizer.

:func:`invite` takes the connections a :class:`ConnectionFilter` selects, in
their given order, and for each one either sends an invitation or refuses it
with a :class:`RefusalReason`. carekit always refuses the organizer, anyone
already invited and anyone who is not a first-degree connection, whatever
policy is passed; the :class:`InvitationPolicy` only says how many more may
be sent now. The first invitations within the allowance are sent, the rest
refused with ``cap_reached``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any, Final, Protocol

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, plain_delta, utc_instant
from carekit._validate import aware_datetime, enum_member, instance_of, non_empty_str
from carekit.errors import InvalidValue, PolicyError
from carekit.events.connections import ANYONE, Connection, ConnectionFilter
from carekit.events.event import OrganizerKind
from carekit.events.guests import GuestList
from carekit.events.rsvp import Rsvp
from carekit.intervals import to_utc

__all__ = [
    "LINKEDIN_2019",
    "InvitationPolicy",
    "Invited",
    "RefusalReason",
    "Refused",
    "Sent",
    "WeeklyCap",
    "invite",
]

_WEEK = dt.timedelta(days=7)


class InvitationPolicy(Protocol):
    """How many more invitations an organizer may send at a moment."""

    def allowance(self, sent: Sequence[dt.datetime], *, now: dt.datetime) -> int:
        """The number of invitations that may be sent at *now*.

        Args:
            sent: When the organizer's earlier invitations were sent, as
                plain UTC datetimes, oldest first, none after *now*.
            now: The moment of sending, a plain UTC datetime.
        """
        ...


def _positive_int(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidValue(attribute.name, value, "must be a positive int")


def _window(value: object) -> dt.timedelta:
    window = plain_delta(value, "window")
    if not window:
        raise InvalidValue("window", value, "must be longer than zero")
    return window


@frozen
class WeeklyCap:
    """At most *limit* invitations in any rolling *window* (default 7 × 24 h).

    An invitation sent at ``t`` counts against every moment in
    ``[t, t + window)``: at *now* the invitations of ``(now - window, now]``
    count, so the cap holds over every window of that length.

    >>> import datetime as dt
    >>> now = dt.datetime(2019, 11, 12, tzinfo=dt.UTC)
    >>> WeeklyCap(limit=2).allowance([now - dt.timedelta(days=7), now], now=now)
    1

    Attributes:
        limit: Invitations allowed per window.
        window: The length of the rolling window.
    """

    limit: int = field(default=1000, validator=_positive_int)
    window: dt.timedelta = field(default=_WEEK, converter=_window)

    def allowance(self, sent: Sequence[dt.datetime], *, now: dt.datetime) -> int:
        """*limit* minus the invitations sent in ``(now - window, now]``."""
        first, last = self._counting(sent, now)
        return max(0, self.limit - (last - first))

    def frees_at(
        self, sent: Sequence[dt.datetime], *, now: dt.datetime
    ) -> dt.datetime | None:
        """When the next invitation may be sent, if none may be sent at *now*.

        Returns:
            ``None`` while the allowance is positive; else the moment enough
            of the invitations still counting have left the window.
        """
        first, last = self._counting(sent, now)
        if last - first < self.limit:
            return None
        return sent[last - self.limit] + self.window

    def _counting(
        self, sent: Sequence[dt.datetime], now: dt.datetime
    ) -> tuple[int, int]:
        """The index range of *sent* inside ``(now - window, now]``."""
        first = bisect.bisect_right(sent, now - self.window)
        return first, bisect.bisect_right(sent, now)


LINKEDIN_2019: Final[WeeklyCap] = WeeklyCap(limit=1000, window=_WEEK)
"""LinkedIn's 2019 rule: 1,000 invitations per organizer in any 7 × 24 h."""


class RefusalReason(enum.Enum):
    """Why a selected connection was not invited."""

    #: Invitations go to first-degree connections only.
    NOT_FIRST_DEGREE = "not_first_degree"
    #: The member already holds an invitation to this event.
    ALREADY_INVITED = "already_invited"
    #: The invitation policy (the weekly cap) allows no more invitations now.
    CAP_REACHED = "cap_reached"
    #: The organizer does not invite themselves.
    ORGANIZER = "organizer"


@frozen
class Sent:
    """An invitation that was sent.

    Attributes:
        member: The invitee.
        at: When it was sent.
    """

    member: str = field(validator=non_empty_str)
    at: dt.datetime = field(validator=aware_datetime, eq=instant_key)


@frozen
class Refused:
    """A selected connection that was not invited, and why.

    Attributes:
        member: The connection's member id.
        reason: Why they were not invited.
    """

    member: str = field(validator=non_empty_str)
    reason: RefusalReason = field(validator=enum_member(RefusalReason))


Outcome = Sent | Refused


def _check_outcomes(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(o, Sent | Refused) for o in value
    ):
        raise InvalidValue("outcomes", value, "must be a tuple of Sent or Refused")


@frozen
class Invited:
    """What :func:`invite` did.

    Attributes:
        guests: The guest list with the new invitations (status invited).
        outcomes: One outcome per selected connection, in their order.
    """

    guests: GuestList = field(validator=instance_of(GuestList))
    outcomes: tuple[Outcome, ...] = field(default=(), validator=_check_outcomes)

    @property
    def sent(self) -> tuple[Sent, ...]:
        """The invitations sent."""
        return tuple(o for o in self.outcomes if isinstance(o, Sent))

    @property
    def refused(self) -> tuple[Refused, ...]:
        """The connections refused, with their reasons."""
        return tuple(o for o in self.outcomes if isinstance(o, Refused))


def _send_times(guests: GuestList, elsewhere: Iterable[GuestList]) -> list[dt.datetime]:
    """Send times of the organizer's invitations, oldest first (plain UTC)."""
    lists = [guests]
    for index, other in enumerate(elsewhere):
        if not isinstance(other, GuestList):
            raise InvalidValue(f"elsewhere[{index}]", other, "must be a GuestList")
        if other.event.organizer != guests.event.organizer:
            raise InvalidValue(
                f"elsewhere[{index}]", other.event.id, "must share the organizer"
            )
        if other.event.id == guests.event.id:
            raise InvalidValue(
                f"elsewhere[{index}]", other.event.id, "is the event being invited to"
            )
        lists.append(other)
    return sorted(to_utc(r.invited_at) for gl in lists for r in gl.rsvps)


def _allowance(
    policy: InvitationPolicy, sent: Sequence[dt.datetime], now: dt.datetime
) -> int:
    allowed = policy.allowance(tuple(sent), now=now)
    if not isinstance(allowed, int) or isinstance(allowed, bool) or allowed < 0:
        raise PolicyError("allowance", allowed, "a policy allows a non-negative int")
    return allowed


def invite(
    guests: GuestList,
    connections: Iterable[Connection],
    *,
    now: dt.datetime,
    where: ConnectionFilter = ANYONE,
    policy: InvitationPolicy = LINKEDIN_2019,
    elsewhere: Iterable[GuestList] = (),
) -> Invited:
    """Invite the connections *where* selects, within *policy*'s allowance.

    Rule: invitations go to first-degree connections only, and someone
    already invited is not invited again; the first invitations within the
    weekly cap are sent and the rest refused.

    Args:
        guests: The event's guest list.
        connections: The organizer's connections (:class:`Connection`).
        now: When the invitations are sent (timezone-aware, not before the
            organizer's last invitation).
        where: Which connections to invite (default: all).
        policy: The cap (default :data:`LINKEDIN_2019`).
        elsewhere: The guest lists of the organizer's other events, whose
            invitations count toward the same cap.

    Returns:
        The new guest list and one outcome per selected connection.

    Raises:
        InvalidValue: *now* is naive or before the last invitation, an item
            is not a connection, *where* is not a filter, *policy* has no
            ``allowance``, or a list in *elsewhere* is not the organizer's.
        PolicyError: The policy returned something other than a
            non-negative int.
    """
    if not isinstance(guests, GuestList):
        raise InvalidValue("guests", guests, "must be a GuestList")
    if not isinstance(where, ConnectionFilter):
        raise InvalidValue("where", where, "must be a ConnectionFilter")
    if not callable(getattr(policy, "allowance", None)):
        raise InvalidValue("policy", policy, "must have an allowance(sent, *, now)")
    moment = utc_instant(now, "now")
    sent = _send_times(guests, elsewhere)
    if sent and moment < sent[-1]:
        raise InvalidValue(
            "now", now, f"cannot precede the last invitation ({sent[-1]})"
        )
    left = _allowance(policy, sent, moment)
    organizer = guests.event.organizer
    self_id = organizer.id if organizer.kind is OrganizerKind.PERSON else None
    invited = {r.member for r in guests.rsvps}
    outcomes: list[Outcome] = []
    new: list[Rsvp] = []
    for connection in where.select(connections):
        member = connection.member
        if member == self_id:
            outcomes.append(Refused(member, RefusalReason.ORGANIZER))
        elif member in invited:
            outcomes.append(Refused(member, RefusalReason.ALREADY_INVITED))
        elif not connection.is_first_degree:
            outcomes.append(Refused(member, RefusalReason.NOT_FIRST_DEGREE))
        elif left <= 0:
            outcomes.append(Refused(member, RefusalReason.CAP_REACHED))
        else:
            left -= 1
            invited.add(member)
            new.append(Rsvp(member, invited_at=now))
            outcomes.append(Sent(member, now))
    updated = attrs.evolve(guests, rsvps=(*guests.rsvps, *new)) if new else guests
    return Invited(updated, tuple(outcomes))
