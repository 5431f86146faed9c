"""Small builders shared by the events tests."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from carekit import Money
from carekit.events import (
    Connection,
    Event,
    GuestList,
    Online,
    Organizer,
    Privacy,
    Venue,
    invite,
)
from carekit.payments import Card, CardBrand, Party, Payment, PaymentPurpose

BERLIN = ZoneInfo("Europe/Berlin")
START = dt.datetime(2019, 11, 28, 18, 30, tzinfo=BERLIN)
T0 = dt.datetime(2019, 11, 12, 9, 0, tzinfo=dt.UTC)
ORGANIZER = Organizer.person("ada")
HALL = Venue("Friedrichstrasse 1, Berlin", floor="3", room="Lovelace")
PRICE = Money.of("20.00", "EUR")


def event(**changes: Any) -> Event:
    """A public event at HALL starting at START, with *changes*."""
    fields: dict[str, Any] = {
        "name": "Social care meetup",
        "start": START,
        "location": HALL,
        "privacy": Privacy.PUBLIC,
    }
    fields.update(changes)
    return Event("ev-1", fields.pop("organizer", ORGANIZER), **fields)


def online(**changes: Any) -> Event:
    """An online event."""
    return event(location=Online("https://meet.example.com/care"), **changes)


def friends(*members: str) -> list[Connection]:
    """First-degree connections with no profile facts."""
    return [Connection(member, 1) for member in members]


def invited(ev: Event, *members: str, at: dt.datetime = T0) -> GuestList:
    """A guest list of *ev* with *members* invited at *at*."""
    return invite(GuestList(ev), friends(*members), now=at).guests


def ticket(member: str, *, id: str = "t-1", price: Money = PRICE) -> Payment:
    """A pending event-ticket payment from *member* to ORGANIZER."""
    return Payment(
        id,
        Party.person(member),
        payee=Party.person(ORGANIZER.id),
        purpose=PaymentPurpose.EVENT_TICKET,
        method=Card(CardBrand.VISA, "4242"),
        gross=price,
        created_at=T0,
    )
