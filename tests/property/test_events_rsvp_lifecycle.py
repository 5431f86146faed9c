"""The RSVP lifecycle as a state machine (issue 18: "statuses: invited,
attending, declined, waitlisted once a capacity is full"; "a waitlisted
guest moves up when someone declines"; "an RSVP becomes attending when its
EVENT_TICKET payment succeeds, and a refund returns it to declined").

The model below keeps plain lists written from the issue's words, not from
the transition table, so the two check each other.
"""

import datetime as dt

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from carekit import IllegalTransition, InvalidValue
from carekit.events import GuestList, RsvpStatus, invite
from carekit.payments import Payment
from tests._events import PRICE, T0, event, friends, ticket

MEMBERS = [f"g{i}" for i in range(6)]
guest = st.sampled_from(MEMBERS)


class RsvpLifecycle(RuleBasedStateMachine):
    @initialize(
        capacity=st.none() | st.integers(min_value=1, max_value=3),
        ticketed=st.booleans(),
    )
    def start(self, capacity: int | None, ticketed: bool) -> None:
        ev = event(capacity=capacity, ticket_price=PRICE if ticketed else None)
        self.capacity, self.ticketed = capacity, ticketed
        self.guests = GuestList(ev)
        self.now = T0
        self.status: dict[str, str] = {}
        self.waitlist: list[str] = []  # in the order guests joined it
        self.paid: dict[str, Payment] = {}
        self.tickets = 0

    def tick(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now

    def attending(self) -> int:
        return sum(1 for s in self.status.values() if s == "attending")

    def take_place(self, member: str) -> None:
        full = self.capacity is not None and self.attending() >= self.capacity
        self.status[member] = "waitlisted" if full else "attending"
        if full:
            self.waitlist.append(member)

    def leave(self, member: str) -> None:
        was = self.status[member]
        self.status[member] = "declined"
        if was == "waitlisted":
            self.waitlist.remove(member)
        if was == "attending" and self.waitlist:
            self.status[self.waitlist.pop(0)] = "attending"

    @rule(members=st.lists(guest, max_size=3))
    def invite(self, members: list[str]) -> None:
        result = invite(self.guests, friends(*members), now=self.tick())
        for outcome in result.sent:
            self.status[outcome.member] = "invited"
        self.guests = result.guests

    @rule(member=guest)
    def accept(self, member: str) -> None:
        state = self.status.get(member)
        if state is None or self.ticketed or state in {"attending", "waitlisted"}:
            with pytest.raises((IllegalTransition, InvalidValue)):
                self.guests.accept(member, at=self.tick())
            return
        self.guests = self.guests.accept(member, at=self.tick()).guests
        self.take_place(member)

    @rule(member=guest)
    def decline(self, member: str) -> None:
        state = self.status.get(member)
        if state in {None, "declined"}:
            with pytest.raises((IllegalTransition, InvalidValue)):
                self.guests.decline(member, at=self.tick())
            return
        self.guests = self.guests.decline(member, at=self.tick()).guests
        self.leave(member)

    @rule(member=guest)
    def pay(self, member: str) -> None:
        state = self.status.get(member)
        self.tickets += 1
        payment = ticket(member, id=f"t-{self.tickets}").succeed()
        if not self.ticketed or state not in {"invited", "declined"}:
            with pytest.raises((IllegalTransition, InvalidValue)):
                self.guests.ticket_paid(payment, at=self.tick())
            return
        self.guests = self.guests.ticket_paid(payment, at=self.tick()).guests
        self.paid[member] = payment
        self.take_place(member)

    @rule(member=guest)
    def refund(self, member: str) -> None:
        payment = self.paid.pop(member, None)
        if payment is None:
            return
        refunded, _ = payment.refund(refund_id=f"r-{payment.id}", at=self.tick())
        self.guests = self.guests.ticket_refunded(refunded, at=self.tick()).guests
        if self.status[member] != "declined":
            self.leave(member)

    @invariant()
    def statuses_match_the_model(self) -> None:
        assert self.status == {r.member: r.status.value for r in self.guests.rsvps}

    @invariant()
    def the_waitlist_is_in_joining_order(self) -> None:
        assert tuple(self.waitlist) == self.guests.members(RsvpStatus.WAITLISTED)

    @invariant()
    def counts_sum_to_the_invitations(self) -> None:
        assert len(self.status) == sum(self.guests.counts().values())

    @invariant()
    def capacity_holds(self) -> None:
        if self.capacity is not None:
            assert self.attending() <= self.capacity
        assert not self.waitlist or self.attending() == self.capacity


TestRsvpLifecycle = RsvpLifecycle.TestCase
