"""Events as LinkedIn-style plain data (issue 18, Build 7)."""

import datetime as dt
from typing import Any

import pytest

from carekit import InvalidValue, StructureError
from carekit.events import Event, Organizer, Privacy, parse_linkedin, to_linkedin
from tests._events import PRICE, START, event, online


def test_the_linkedin_field_names() -> None:
    """LinkedIn's Events API: ``name``, ``description``, ``vanityName``,
    ``organizer``, ``timeRangeV2.startAt``/``endsAt`` in epoch milliseconds,
    ``externalUrl``; the timezone in its own field."""
    ev = event(
        end=START + dt.timedelta(hours=2),
        description="Talks",
        vanity_name="care-2019",
        url="https://example.com/e",
        privacy=Privacy.PRIVATE,
        capacity=80,
        ticket_price=PRICE,
        organizer=Organizer.organization("10002687"),
    )
    assert {
        "id": "ev-1",
        "name": "Social care meetup",
        "description": "Talks",
        "vanityName": "care-2019",
        "organizer": "urn:li:organization:10002687",
        "timeRangeV2": {"startAt": 1574962200000, "endsAt": 1574969400000},
        "externalUrl": "https://example.com/e",
        "timezone": "Europe/Berlin",
        "privacy": "private",
        "venue": {
            "address": "Friedrichstrasse 1, Berlin",
            "floor": "3",
            "room": "Lovelace",
        },
        "capacity": 80,
        "ticketPrice": {"amount": "20.00", "currency": "EUR"},
    } == to_linkedin(ev)
    assert ev == parse_linkedin(to_linkedin(ev))


def test_the_end_is_left_out_when_there_is_none() -> None:
    assert {"startAt": 1574962200000} == to_linkedin(online())["timeRangeV2"]
    assert "https://meet.example.com/care" == to_linkedin(online())["onlineUrl"]


def test_the_timezone_comes_back_with_the_wall_clock() -> None:
    """Epoch milliseconds lose the timezone; its own field keeps it."""
    back = parse_linkedin(to_linkedin(event()))
    assert ("Europe/Berlin", 18, 30) == (
        back.timezone,
        back.start.hour,
        back.start.minute,
    )


def test_finer_than_a_millisecond_is_refused_not_rounded() -> None:
    with pytest.raises(InvalidValue) as info:
        to_linkedin(event(start=START.replace(microsecond=1)))
    assert "start" == info.value.field


def _payload(**changes: Any) -> dict[str, Any]:
    data = to_linkedin(event())
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


BAD_PAYLOADS = [
    (
        _payload(timeRangeV2={"startAt": "soon"}),
        "must be an integer of epoch milliseconds @ $.timeRangeV2.startAt",
    ),
    (_payload(timeRangeV2={}), "required field missing @ $.timeRangeV2.startAt"),
    (
        _payload(timeRangeV2={"startAt": 1574962200000, "endsAt": 1574962100000}),
        "an event ends after it starts (start is 2019-11-28 18:30:00+01:00)"
        " @ $.timeRangeV2.endsAt",
    ),
    (
        _payload(organizer="urn:li:group:1"),
        "must be urn:li:person:{id} or urn:li:organization:{id} @ $.organizer",
    ),
    (_payload(timezone="Mars/Olympus"), "must be an IANA timezone name @ $.timezone"),
    (_payload(privacy="secret"), "must be 'public' or 'private' @ $.privacy"),
    (
        _payload(venue={"address": "x", "floor": ""}),
        "must be a non-empty string @ $.venue.floor",
    ),
    (
        _payload(onlineUrl="https://a.b"),
        "give exactly one of onlineUrl and venue @ $.onlineUrl",
    ),
    (
        _payload(backgroundImage="urn:li:digitalmediaAsset:1"),
        "unknown field @ $.backgroundImage",
    ),
    (
        _payload(ticketPrice={"amount": 5.5, "currency": "EUR"}),
        "floats are refused; give a decimal string @ $.ticketPrice.amount",
    ),
    (_payload(capacity="80"), "must be an integer @ $.capacity"),
    (
        _payload(externalUrl="example.com"),
        "must be an http(s) URL without spaces @ $.externalUrl",
    ),
    ([], "must be an object @ $"),
]


@pytest.mark.parametrize(("data", "line"), BAD_PAYLOADS)
def test_a_bad_payload_names_the_field_path(data: object, line: str) -> None:
    with pytest.raises(StructureError) as info:
        parse_linkedin(data)
    assert line in info.value.errors


def test_every_failure_is_reported_at_once() -> None:
    with pytest.raises(StructureError) as info:
        parse_linkedin({"name": 3})
    assert {
        "must be a string @ $.name",
        "required field missing @ $.id",
        "required field missing @ $.organizer",
        "required field missing @ $.timezone",
        "required field missing @ $.privacy",
        "required field missing @ $.timeRangeV2.startAt",
        "give exactly one of onlineUrl and venue @ $.onlineUrl",
    } == set(info.value.errors)


def test_only_events_go_out() -> None:
    with pytest.raises(InvalidValue):
        to_linkedin("event")  # type: ignore[arg-type]


def test_an_event_is_what_comes_back() -> None:
    assert isinstance(parse_linkedin(to_linkedin(online())), Event)
