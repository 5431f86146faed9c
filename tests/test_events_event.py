"""Events, organizers, locations and privacy (issue 18, Build 1)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest

from carekit import InvalidValue, Money
from carekit.events import Event, Online, Organizer, OrganizerKind, Privacy, Venue
from tests._events import BERLIN, HALL, START, event, online


def test_an_end_before_the_start_is_refused() -> None:
    """Issue 18: "an optional end after the start"; "an end before the start
    is refused"."""
    with pytest.raises(InvalidValue) as info:
        event(end=START - dt.timedelta(minutes=1))
    assert "end" == info.value.field
    assert "ends after it starts" in info.value.rule


def test_an_end_equal_to_the_start_is_refused() -> None:
    """An event that ends as it starts has no time at all."""
    with pytest.raises(InvalidValue) as info:
        event(end=START)
    assert "end" == info.value.field


def test_the_end_is_compared_by_instant_not_wall_clock() -> None:
    """19:00 in London is 20:00 in Berlin: after an 18:30 Berlin start."""
    end = dt.datetime(2019, 11, 28, 19, 0, tzinfo=ZoneInfo("Europe/London"))
    assert end == event(end=end).end
    with pytest.raises(InvalidValue):
        event(end=dt.datetime(2019, 11, 28, 17, 0, tzinfo=ZoneInfo("Europe/London")))


def test_the_end_is_optional() -> None:
    """LinkedIn: "endsAt ... will not be present if the organizer hasn't
    entered an end time"."""
    assert event().end is None


def test_the_start_keeps_the_events_own_timezone() -> None:
    """Issue 18: "start as an aware datetime with the event's own timezone"."""
    assert "Europe/Berlin" == event().timezone
    assert (
        "Asia/Kolkata"
        == event(start=pendulum.datetime(2019, 12, 1, tz="Asia/Kolkata")).timezone
    )


@pytest.mark.parametrize(
    "start",
    [
        dt.datetime(2019, 11, 28, 18, 30),
        dt.datetime(2019, 11, 28, 18, 30, tzinfo=dt.UTC),
    ],
    ids=["naive", "fixed-offset"],
)
def test_a_start_without_an_iana_timezone_is_refused(start: dt.datetime) -> None:
    with pytest.raises(InvalidValue) as info:
        event(start=start)
    assert "start" == info.value.field


def test_an_event_is_online_or_at_a_venue_with_floor_and_room() -> None:
    """LinkedIn Events (2019): "location, venue detail such as floor and room"."""
    assert (
        Venue("Friedrichstrasse 1, Berlin", floor="3", room="Lovelace")
        == event().location
    )
    assert Online("https://meet.example.com/care") == online().location
    with pytest.raises(InvalidValue) as info:
        event(location="Berlin")
    assert "location" == info.value.field


@pytest.mark.parametrize(
    "url", ["meet.example.com", "ftp://x.org", "https://", " https://a.b"]
)
def test_urls_are_http_or_https(url: str) -> None:
    with pytest.raises(InvalidValue) as info:
        Online(url)
    assert "url" == info.value.field
    with pytest.raises(InvalidValue) as info:
        event(url=url)
    assert "url" == info.value.field


def test_a_venue_needs_an_address() -> None:
    with pytest.raises(InvalidValue) as info:
        Venue(" ")
    assert "address" == info.value.field
    with pytest.raises(InvalidValue) as info:
        Venue("Main St 1", room="")
    assert "room" == info.value.field


def test_privacy_is_public_or_private() -> None:
    """LinkedIn Events (2019): "Events can be public to everyone or private"."""
    assert Privacy.PUBLIC == event().privacy
    assert Privacy.PRIVATE == event(privacy=Privacy.PRIVATE).privacy
    with pytest.raises(InvalidValue) as info:
        event(privacy="hidden")
    assert "privacy" == info.value.field


@pytest.mark.parametrize("capacity", [0, -1, True, 2.0])
def test_a_capacity_is_a_positive_int(capacity: object) -> None:
    with pytest.raises(InvalidValue) as info:
        event(capacity=capacity)
    assert "capacity" == info.value.field


def test_a_ticket_price_makes_the_event_ticketed() -> None:
    assert not event().is_ticketed
    assert event(ticket_price=Money.of("20.00", "EUR")).is_ticketed
    with pytest.raises(InvalidValue) as info:
        event(ticket_price=Money.of("0.00", "EUR"))
    assert "ticket_price" == info.value.field


def test_description_url_and_vanity_name_are_kept() -> None:
    """LinkedIn Events (2019): "an event description, and URL"."""
    ev = event(
        description="Two talks and drinks",
        url="https://example.com/meetup",
        vanity_name="care-meetup-2019",
    )
    assert (
        "Two talks and drinks",
        "https://example.com/meetup",
        "care-meetup-2019",
    ) == (
        ev.description,
        ev.url,
        ev.vanity_name,
    )


def test_blank_texts_are_refused() -> None:
    for name in ("name", "description", "vanity_name"):
        with pytest.raises(InvalidValue) as info:
            event(**{name: "  "})
        assert name == info.value.field


def test_an_organizer_is_a_person_or_an_organization_with_a_urn() -> None:
    """LinkedIn: "organizer ... urn:li:person:{personID} ...
    urn:li:organization:{organizationID}"."""
    assert "urn:li:person:ada" == Organizer.person("ada").urn
    assert Organizer(OrganizerKind.ORGANIZATION, "42") == Organizer.from_urn(
        "urn:li:organization:42"
    )
    for bad in ("urn:li:group:1", "urn:li:person:", "ada", 7):
        with pytest.raises(InvalidValue) as info:
            Organizer.from_urn(bad)
        assert "organizer" == info.value.field


def test_an_event_needs_an_organizer() -> None:
    with pytest.raises(InvalidValue) as info:
        Event("e", "ada", name="x", start=START, location=HALL)  # type: ignore[arg-type]
    assert "organizer" == info.value.field


def test_a_start_in_berlin_is_shown_in_berlin() -> None:
    assert BERLIN == event().start.tzinfo
