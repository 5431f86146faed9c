"""Who sees an event, and updates to its attendees (issue 18, Build 5)."""

import datetime as dt

import attrs
import pytest

from carekit import InvalidValue, PolicyError
from carekit.events import (
    EventUpdate,
    GuestList,
    Organizer,
    Privacy,
    can_view,
    post_update,
)
from tests._events import ORGANIZER, START, T0, event, invited

PRIVATE = event(privacy=Privacy.PRIVATE)


def test_a_private_event_is_invisible_to_a_non_invitee_and_visible_to_an_invitee() -> (
    None
):
    """LinkedIn Events (2019): "private so that only invitees with the direct
    link can view"."""
    guests = invited(PRIVATE, "bea")
    assert not can_view(PRIVATE, "zed", guests=guests)
    assert can_view(PRIVATE, "bea", guests=guests)


def test_an_invitee_who_declined_still_holds_the_link() -> None:
    guests = invited(PRIVATE, "bea").decline("bea", at=T0).guests
    assert can_view(PRIVATE, "bea", guests=guests)


def test_a_public_event_is_visible_to_everyone() -> None:
    """LinkedIn Events (2019): "Events can be public to everyone"."""
    assert can_view(event(), "zed")


def test_the_organizer_always_sees_their_event() -> None:
    assert can_view(PRIVATE, "ada")
    assert can_view(PRIVATE, ORGANIZER)
    company = event(privacy=Privacy.PRIVATE, organizer=Organizer.organization("acme"))
    assert can_view(company, Organizer.organization("acme"))
    assert not can_view(company, "acme")  # a member id is not the company


def test_without_a_guest_list_a_private_event_is_the_organizers_only() -> None:
    assert not can_view(PRIVATE, "bea")


def test_another_events_guest_list_is_refused() -> None:
    other = GuestList(attrs.evolve(PRIVATE, id="ev-2"))
    with pytest.raises(InvalidValue) as info:
        can_view(PRIVATE, "bea", guests=other)
    assert "guests" == info.value.field


@pytest.mark.parametrize("viewer", ["", 7, None])
def test_a_viewer_is_a_member_id_or_an_organizer(viewer: object) -> None:
    with pytest.raises(InvalidValue) as info:
        can_view(PRIVATE, viewer)  # type: ignore[arg-type]
    assert "viewer" == info.value.field


def test_updates_are_addressed_to_the_attendees() -> None:
    """Issue 18: "event updates are addressed to the attendees"; LinkedIn Events (2019):
    "Leading up to the event, the creator can ... share post updates"."""
    guests = invited(event(), "a", "b", "c")
    guests = guests.accept("c", at=T0).guests.accept("a", at=T0).guests
    guests = guests.decline("b", at=T0).guests
    update = post_update(guests, "Doors open at 18:00", now=T0)
    assert (
        EventUpdate("ev-1", "Doors open at 18:00", posted_at=T0, recipients=("a", "c"))
        == update
    )


def test_updates_are_posted_before_the_event() -> None:
    guests = invited(event(), "a")
    with pytest.raises(PolicyError) as info:
        post_update(guests, "Thanks for coming", now=START + dt.timedelta(hours=3))
    assert "now" == info.value.field


def test_an_update_has_text() -> None:
    with pytest.raises(InvalidValue) as info:
        post_update(invited(event(), "a"), " ", now=T0)
    assert "text" == info.value.field
