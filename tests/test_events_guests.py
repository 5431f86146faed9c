"""RSVPs, counts, the waitlist and ticketed events (issue 18, Build 4 and 6)."""

import datetime as dt
from typing import Any

import attrs
import pytest

from carekit import IllegalTransition, InvalidValue, Money, PolicyError
from carekit.events import (
    TRANSITIONS,
    GuestList,
    Rsvp,
    RsvpEvent,
    RsvpStatus,
    next_status,
)
from carekit.payments import Party, PaymentPurpose
from tests._events import PRICE, T0, event, invited, ticket

S, E = RsvpStatus, RsvpEvent
H = dt.timedelta(hours=1)


def test_a_full_event_waitlists_and_a_decline_moves_the_waitlist_up() -> None:
    """Issue 18: "waitlisted once a capacity is full"; "a waitlisted guest
    moves up when someone declines"."""
    guests = invited(event(capacity=2), "a", "b", "c", "d")
    guests = guests.accept("a", at=T0 + H).guests
    guests = guests.accept("b", at=T0 + 2 * H).guests
    d = guests.accept("d", at=T0 + 3 * H)
    assert S.WAITLISTED == d.rsvp.status
    guests = d.guests.accept("c", at=T0 + 4 * H).guests
    assert ("d", "c") == guests.members(S.WAITLISTED)
    declined = guests.decline("a", at=T0 + 5 * H)
    assert declined.moved_up is not None
    assert ("d", S.ATTENDING) == (declined.moved_up.member, declined.moved_up.status)
    assert ("b", "d") == declined.guests.attendees
    assert ("c",) == declined.guests.members(S.WAITLISTED)


def test_a_waitlisted_guest_who_declines_frees_no_seat() -> None:
    guests = invited(event(capacity=1), "a", "b", "c")
    guests = guests.accept("a", at=T0).guests.accept("b", at=T0).guests
    guests = guests.accept("c", at=T0 + H).guests
    result = guests.decline("b", at=T0 + 2 * H)
    assert result.moved_up is None
    assert ("c",) == result.guests.members(S.WAITLISTED)


def test_counts_cover_every_status_and_sum_to_the_invitations() -> None:
    """Issue 18: "counts per status"."""
    guests = invited(event(capacity=1), "a", "b", "c", "d")
    guests = guests.accept("a", at=T0).guests.accept("b", at=T0).guests
    guests = guests.decline("c", at=T0).guests
    assert {S.INVITED: 1, S.ATTENDING: 1, S.DECLINED: 1, S.WAITLISTED: 1} == dict(
        guests.counts()
    )
    assert 4 == sum(guests.counts().values()) == len(guests)


def test_without_a_capacity_everyone_attends() -> None:
    guests = invited(event(), *"abc")
    for member in "abc":
        guests = guests.accept(member, at=T0).guests
    assert tuple("abc") == guests.attendees
    assert guests.seats_left is None


def test_a_declined_guest_may_change_their_mind() -> None:
    guests = invited(event(), "a").decline("a", at=T0).guests
    assert S.ATTENDING == guests.accept("a", at=T0 + H).rsvp.status


def test_answering_twice_the_same_way_is_an_illegal_transition() -> None:
    guests = invited(event(), "a").accept("a", at=T0).guests
    with pytest.raises(IllegalTransition) as info:
        guests.accept("a", at=T0)
    assert ("rsvp", "attending", "accept") == (
        info.value.machine,
        info.value.state,
        info.value.event,
    )


def test_only_invitees_answer() -> None:
    with pytest.raises(InvalidValue) as info:
        invited(event(), "a").accept("zed", at=T0)
    assert "member" == info.value.field


def test_an_answer_cannot_precede_its_invitation() -> None:
    with pytest.raises(InvalidValue) as info:
        invited(event(), "a").accept("a", at=T0 - H)
    assert "answered_at" == info.value.field


def test_commands_leave_the_old_guest_list_untouched() -> None:
    guests = invited(event(), "a")
    guests.accept("a", at=T0)
    assert S.INVITED == guests.rsvp("a").status


def test_the_transition_table_is_the_whole_lifecycle() -> None:
    """Every pair not in the table is refused, naming state and event."""
    for state in S:
        for move in E:
            if (state, move) in TRANSITIONS:
                assert TRANSITIONS[state, move] == next_status(state, move)
            else:
                with pytest.raises(IllegalTransition):
                    next_status(state, move)


def test_a_guest_list_refuses_inconsistent_records() -> None:
    ev = event(capacity=1)
    going = Rsvp("a", S.ATTENDING, invited_at=T0, answered_at=T0)
    waiting = Rsvp("b", S.WAITLISTED, invited_at=T0, answered_at=T0)
    cases = [
        (going, going),  # twice
        (Rsvp("ada", invited_at=T0),),  # the organizer
        (going, Rsvp("b", S.ATTENDING, invited_at=T0, answered_at=T0)),  # over capacity
        (waiting,),  # waitlisted with a free seat
    ]
    for rsvps in cases:
        with pytest.raises(InvalidValue) as info:
            GuestList(ev, rsvps)
        assert "rsvps" == info.value.field


def test_an_rsvp_has_an_answer_time_once_answered() -> None:
    with pytest.raises(InvalidValue):
        Rsvp("a", S.ATTENDING, invited_at=T0)
    with pytest.raises(InvalidValue):
        Rsvp("a", invited_at=T0, answered_at=T0)


# -- ticketed events -------------------------------------------------------------


def test_a_ticket_payment_that_succeeds_makes_its_rsvp_attending() -> None:
    """Issue 18: "an RSVP becomes attending when its
    PaymentPurpose.EVENT_TICKET payment succeeds"."""
    guests = invited(event(ticket_price=PRICE), "bea")
    paid = ticket("bea").succeed()
    result = guests.ticket_paid(paid, at=T0 + H)
    assert (S.ATTENDING, "t-1") == (result.rsvp.status, result.rsvp.ticket)


def test_a_pending_or_failed_ticket_payment_does_not_seat_anyone() -> None:
    guests = invited(event(ticket_price=PRICE), "bea")
    for payment in (ticket("bea"), ticket("bea").fail()):
        with pytest.raises(InvalidValue) as info:
            guests.ticket_paid(payment, at=T0)
        assert "payment" == info.value.field


def test_a_refund_returns_the_rsvp_to_declined_and_frees_the_seat() -> None:
    """Issue 18: "a refund returns it to declined"."""
    guests = invited(event(ticket_price=PRICE, capacity=1), "bea", "cal")
    guests = guests.ticket_paid(ticket("bea").succeed(), at=T0).guests
    cal = guests.ticket_paid(ticket("cal", id="t-2").succeed(), at=T0 + H)
    assert S.WAITLISTED == cal.rsvp.status
    refunded, _ = ticket("bea").succeed().refund(refund_id="r-1", at=T0 + 2 * H)
    result = cal.guests.ticket_refunded(refunded, at=T0 + 2 * H)
    assert (S.DECLINED, None) == (result.rsvp.status, result.rsvp.ticket)
    assert result.moved_up is not None
    assert "cal" == result.moved_up.member


def test_a_partial_refund_keeps_the_seat() -> None:
    guests = invited(event(ticket_price=PRICE), "bea")
    payment = ticket("bea").succeed()
    guests = guests.ticket_paid(payment, at=T0).guests
    part, _ = payment.refund(Money.of("5.00", "EUR"), refund_id="r-1", at=T0)
    with pytest.raises(InvalidValue):
        guests.ticket_refunded(part, at=T0)
    assert S.ATTENDING == guests.rsvp("bea").status


def test_a_declined_guests_ticket_can_still_be_refunded() -> None:
    guests = invited(event(ticket_price=PRICE), "bea")
    payment = ticket("bea").succeed()
    guests = guests.ticket_paid(payment, at=T0).guests.decline("bea", at=T0).guests
    refunded, _ = payment.refund(refund_id="r-1", at=T0 + H)
    assert (S.DECLINED, None) == (
        guests.ticket_refunded(refunded, at=T0 + H).rsvp.status,
        guests.ticket_refunded(refunded, at=T0 + H).rsvp.ticket,
    )


def test_someone_elses_refund_is_refused() -> None:
    guests = invited(event(ticket_price=PRICE), "bea")
    guests = guests.ticket_paid(ticket("bea").succeed(), at=T0).guests
    other, _ = ticket("bea", id="t-9").succeed().refund(refund_id="r", at=T0)
    with pytest.raises(InvalidValue):
        guests.ticket_refunded(other, at=T0)


def test_a_ticketed_event_is_attended_by_paying() -> None:
    with pytest.raises(PolicyError):
        invited(event(ticket_price=PRICE), "bea").accept("bea", at=T0)


def test_a_free_event_takes_no_tickets() -> None:
    with pytest.raises(PolicyError):
        invited(event(), "bea").ticket_paid(ticket("bea").succeed(), at=T0)


@pytest.mark.parametrize(
    "change",
    [
        {"purpose": PaymentPurpose.MARKETPLACE_PURCHASE},
        {"payee": Party.page("someone-else")},
        {"gross": Money.of("10.00", "EUR")},
        {"payer": Party.page("bea")},
    ],
    ids=["purpose", "payee", "price", "payer"],
)
def test_a_ticket_is_an_event_ticket_payment_to_the_organizer_for_the_price(
    change: dict[str, Any],
) -> None:
    guests = invited(event(ticket_price=PRICE), "bea")
    payment = attrs.evolve(ticket("bea"), **change).succeed()
    with pytest.raises(InvalidValue) as info:
        guests.ticket_paid(payment, at=T0)
    assert "payment" == info.value.field


def test_a_ticketed_place_needs_a_ticket() -> None:
    going = Rsvp("a", S.ATTENDING, invited_at=T0, answered_at=T0)
    with pytest.raises(InvalidValue):
        GuestList(event(ticket_price=PRICE), (going,))
    with pytest.raises(InvalidValue):
        GuestList(event(), (Rsvp("a", invited_at=T0, ticket="t-1"),))


def test_an_answer_time_must_be_aware() -> None:
    with pytest.raises(InvalidValue) as info:
        invited(event(), "a").accept("a", at=dt.datetime(2019, 11, 12, 10, 0))
    assert "at" == info.value.field
