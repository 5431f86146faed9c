"""An event's guest list: one RSVP per invitee, counted per status.

Rule ("How To Create A LinkedIn Event", a social-care newsletter, November
2019): "Leading up to the event, the creator can easily track attendees".

The guest list holds the invitees of one event (invitations are sent with
:func:`carekit.events.invite`). Answers go through :meth:`GuestList.accept`,
:meth:`GuestList.decline` and, at a ticketed event,
:meth:`GuestList.ticket_paid` and :meth:`GuestList.ticket_refunded`; each
returns the new guest list and leaves the old one untouched. Capacity rules:

- a guest who accepts once the capacity is full is waitlisted;
- when an attending guest declines or is refunded, the guest who joined the
  waitlist first moves up;
- at a ticketed event a guest attends by paying: an
  ``event_ticket`` payment that succeeds makes the RSVP attending (or
  waitlisted, when full), and a full refund returns it to declined.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs
from attrs import field, frozen
from attrs.validators import optional

from carekit._validate import instance_of
from carekit.errors import InvalidValue, PolicyError
from carekit.events.event import Event, OrganizerKind
from carekit.events.rsvp import Rsvp, RsvpEvent, RsvpStatus
from carekit.intervals import to_utc
from carekit.money import Money
from carekit.payments import Party, PartyKind, Payment, PaymentPurpose, PaymentStatus

__all__ = ["GuestList", "RsvpResult"]

_HOLDS_A_PLACE = frozenset({RsvpStatus.ATTENDING, RsvpStatus.WAITLISTED})


def _check_rsvps(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or not all(isinstance(r, Rsvp) for r in value):
        raise InvalidValue("rsvps", value, "must be a tuple of Rsvp")


def _organizer_party(event: Event) -> Party:
    if event.organizer.kind is OrganizerKind.PERSON:
        return Party.person(event.organizer.id)
    return Party.page(event.organizer.id)


@frozen
class GuestList:
    """The invitees of one event and their answers.

    Attributes:
        event: The event.
        rsvps: One RSVP per invitee, in the order they were invited.

    Raises:
        InvalidValue: An invitee appears twice or is the organizer; more
            guests attend than the capacity allows; someone is waitlisted
            while a seat is free; at a ticketed event someone attends or
            waits without a ticket, or at a free event someone holds one.
    """

    event: Event = field(validator=instance_of(Event))
    rsvps: tuple[Rsvp, ...] = field(default=(), validator=_check_rsvps)
    _index: Mapping[str, int] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, int] = {}
        for position, rsvp in enumerate(self.rsvps):
            if rsvp.member in index:
                raise InvalidValue("rsvps", rsvp.member, "one RSVP per invitee")
            index[rsvp.member] = position
        object.__setattr__(self, "_index", MappingProxyType(index))
        self._check_organizer()
        self._check_capacity()
        self._check_tickets()

    def _check_organizer(self) -> None:
        organizer = self.event.organizer
        if organizer.kind is OrganizerKind.PERSON and organizer.id in self._index:
            raise InvalidValue("rsvps", organizer.id, "the organizer is not a guest")

    def _check_capacity(self) -> None:
        counts = self.counts()
        attending = counts[RsvpStatus.ATTENDING]
        capacity = self.event.capacity
        if capacity is not None and attending > capacity:
            raise InvalidValue(
                "rsvps",
                attending,
                f"no more guests attend than the capacity ({capacity})",
            )
        if counts[RsvpStatus.WAITLISTED] and attending != capacity:
            raise InvalidValue(
                "rsvps",
                counts[RsvpStatus.WAITLISTED],
                "guests are waitlisted only while the event is full",
            )

    def _check_tickets(self) -> None:
        ticketed = self.event.is_ticketed
        for rsvp in self.rsvps:
            if ticketed and rsvp.status in _HOLDS_A_PLACE and rsvp.ticket is None:
                raise InvalidValue(
                    "rsvps", rsvp.member, "at a ticketed event a place needs a ticket"
                )
            if not ticketed and rsvp.ticket is not None:
                raise InvalidValue("rsvps", rsvp.member, "a free event has no tickets")

    # -- views --------------------------------------------------------------

    def __contains__(self, member: object) -> bool:
        """True when *member* was invited."""
        return member in self._index

    def __len__(self) -> int:
        """The number of invitations."""
        return len(self.rsvps)

    def rsvp(self, member: str) -> Rsvp:
        """The RSVP of *member*.

        Raises:
            InvalidValue: *member* was not invited.
        """
        try:
            return self.rsvps[self._index[member]]
        except (KeyError, TypeError):
            raise InvalidValue(
                "member", member, "was not invited to this event"
            ) from None

    def counts(self) -> Mapping[RsvpStatus, int]:
        """How many RSVPs are in each status (every status, zeros included).
        They add up to the number of invitations."""
        counts = dict.fromkeys(RsvpStatus, 0)
        for rsvp in self.rsvps:
            counts[rsvp.status] += 1
        return MappingProxyType(counts)

    def members(self, status: RsvpStatus) -> tuple[str, ...]:
        """The members in *status*: in invitation order, except the waitlist,
        which is in the order guests joined it."""
        if status is RsvpStatus.WAITLISTED:
            chosen = _waitlisted(self.rsvps)
        else:
            chosen = [r for r in self.rsvps if r.status is status]
        return tuple(r.member for r in chosen)

    @property
    def attendees(self) -> tuple[str, ...]:
        """The members attending, in invitation order."""
        return self.members(RsvpStatus.ATTENDING)

    @property
    def seats_left(self) -> int | None:
        """Free seats, or ``None`` when the event has no capacity."""
        if self.event.capacity is None:
            return None
        return self.event.capacity - self.counts()[RsvpStatus.ATTENDING]

    # -- commands -----------------------------------------------------------

    def accept(self, member: str, *, at: dt.datetime) -> RsvpResult:
        """*member* accepts: attending while seats are left, else waitlisted.

        Raises:
            InvalidValue: *member* was not invited, or *at* precedes the
                invitation.
            PolicyError: The event is ticketed: its guests attend by paying.
            IllegalTransition: The guest is already attending or waitlisted.
        """
        if self.event.is_ticketed:
            raise PolicyError(
                "member", member, "a ticketed event is attended by paying for a ticket"
            )
        return self._take_place(member, at=at, ticket=None)

    def decline(self, member: str, *, at: dt.datetime) -> RsvpResult:
        """*member* declines; a seat they free goes to the first waitlisted.

        A ticket they hold stays recorded until it is refunded.

        Raises:
            InvalidValue: *member* was not invited, or *at* precedes the
                invitation.
            IllegalTransition: The guest already declined.
        """
        rsvp = self.rsvp(member)
        return self._move(rsvp.moved(RsvpEvent.DECLINE, at=at, ticket=rsvp.ticket), at)

    def ticket_paid(self, payment: Payment, *, at: dt.datetime) -> RsvpResult:
        """The payer's ticket *payment* succeeded: they attend (or wait, when full).

        Rule: "an RSVP becomes attending when its event-ticket payment
        succeeds".

        Raises:
            PolicyError: The event is free.
            InvalidValue: The payment is not a succeeded ``event_ticket``
                payment from an invited person to the organizer for the
                ticket price.
            IllegalTransition: The guest already attends or waits.
        """
        price = self._ticket_price(payment)
        if payment.status is not PaymentStatus.SUCCEEDED:
            raise InvalidValue(
                "payment",
                payment.status.value,
                "a ticket counts once its payment succeeded",
            )
        if payment.gross != price:
            raise InvalidValue(
                "payment", str(payment.gross), f"must pay the ticket price ({price})"
            )
        return self._take_place(self._payer(payment), at=at, ticket=payment.id)

    def ticket_refunded(self, payment: Payment, *, at: dt.datetime) -> RsvpResult:
        """The ticket *payment* was refunded in full: its guest is declined.

        Rule: "a refund returns it to declined". A partial refund (status
        ``partially_refunded``) keeps the seat; a freed seat goes to the first
        waitlisted guest.

        Raises:
            PolicyError: The event is free.
            InvalidValue: The payment is not refunded in full, or no guest
                holds it as their ticket.
        """
        self._ticket_price(payment)
        if payment.status is not PaymentStatus.REFUNDED:
            raise InvalidValue(
                "payment", payment.status.value, "only a full refund gives up the seat"
            )
        rsvp = self.rsvp(self._payer(payment))
        if rsvp.ticket != payment.id:
            raise InvalidValue("payment", payment.id, "is not this guest's ticket")
        return self._move(rsvp.moved(RsvpEvent.REFUND, at=at, ticket=None), at)

    # -- helpers ------------------------------------------------------------

    def _ticket_price(self, payment: Payment) -> Money:
        if not isinstance(payment, Payment):
            raise InvalidValue("payment", payment, "must be a Payment")
        price = self.event.ticket_price
        if price is None:
            raise PolicyError("payment", payment.id, "the event is free: no tickets")
        if payment.purpose is not PaymentPurpose.EVENT_TICKET:
            raise InvalidValue(
                "payment", payment.purpose.value, "a ticket is an event_ticket payment"
            )
        if payment.payee != _organizer_party(self.event):
            raise InvalidValue(
                "payment", str(payment.payee), "a ticket is paid to the organizer"
            )
        return price

    def _payer(self, payment: Payment) -> str:
        if payment.payer.kind is not PartyKind.PERSON:
            raise InvalidValue("payment", str(payment.payer), "a guest is a person")
        return payment.payer.id

    def _take_place(
        self, member: str, *, at: dt.datetime, ticket: str | None
    ) -> RsvpResult:
        rsvp = self.rsvp(member)
        full = self.seats_left == 0
        event = RsvpEvent.JOIN_WAITLIST if full else RsvpEvent.ACCEPT
        return self._move(rsvp.moved(event, at=at, ticket=ticket), at)

    def _move(self, changed: Rsvp, at: dt.datetime) -> RsvpResult:
        rsvps = list(self.rsvps)
        rsvps[self._index[changed.member]] = changed
        before = self.rsvp(changed.member).status
        moved_up = None
        if before is RsvpStatus.ATTENDING and changed.status is RsvpStatus.DECLINED:
            waitlist = _waitlisted(rsvps)
            if waitlist:
                first = waitlist[0]
                moved_up = first.moved(RsvpEvent.MOVE_UP, at=at, ticket=first.ticket)
                rsvps[self._index[first.member]] = moved_up
        guests = attrs.evolve(self, rsvps=tuple(rsvps))
        return RsvpResult(guests, changed, moved_up=moved_up)


def _waitlisted(rsvps: Sequence[Rsvp]) -> list[Rsvp]:
    """The waitlisted RSVPs in the order they joined (ties: invitation order)."""
    waiting = [(i, r) for i, r in enumerate(rsvps) if r.status is RsvpStatus.WAITLISTED]
    waiting.sort(key=lambda pair: (to_utc(pair[1].answered_at), pair[0]))
    return [r for _, r in waiting]


@frozen
class RsvpResult:
    """What an answer changed.

    Attributes:
        guests: The guest list after the answer.
        rsvp: The answering guest's RSVP after it.
        moved_up: The RSVP of the waitlisted guest who took the freed seat,
            if any.
    """

    guests: GuestList = field(validator=instance_of(GuestList))
    rsvp: Rsvp = field(validator=instance_of(Rsvp))
    moved_up: Rsvp | None = field(
        default=None, kw_only=True, validator=optional(instance_of(Rsvp))
    )
