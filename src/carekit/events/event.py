"""A professional event, LinkedIn style: who organizes it, when and where it
happens, who may see it.

Rules ("How To Create A LinkedIn Event", a social-care newsletter, November
2019):

- "Add event details including: Name, date, time, location, venue detail such
  as floor and room, an event description, and URL."
- "Events can be public to everyone or private so that only invitees with the
  direct link can view."

carekit's reading: an event happens online (a URL to join) or at a venue (an
address, optionally a floor and a room). Its start carries the event's own
IANA timezone, which says how the date and time are shown to guests; an end,
when given, comes after the start. A capacity, when given, is the number of
guests who can attend; a ticket price makes the event ticketed.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, optional_instant_key
from carekit._validate import (
    enum_member,
    instance_of,
    non_empty_str,
    optional_non_empty_str,
    require_aware,
)
from carekit._zones import is_zone_key
from carekit.errors import InvalidValue
from carekit.intervals import to_utc
from carekit.money import Money

__all__ = [
    "Event",
    "Location",
    "Online",
    "Organizer",
    "OrganizerKind",
    "Privacy",
    "Venue",
]

_URN_PREFIX = "urn:li:"


class OrganizerKind(enum.Enum):
    """Who organizes an event: a member (person) or a company page
    (organization), as LinkedIn's ``organizer`` URN says."""

    PERSON = "person"
    ORGANIZATION = "organization"


@frozen
class Organizer:
    """The person or organization that organizes an event.

    Attributes:
        kind: Person or organization.
        id: The caller's (or LinkedIn's) id for them.
    """

    kind: OrganizerKind = field(validator=enum_member(OrganizerKind))
    id: str = field(validator=non_empty_str)

    @classmethod
    def person(cls, id: str) -> Organizer:
        """A person: ``Organizer.person("ada")``."""
        return cls(OrganizerKind.PERSON, id)

    @classmethod
    def organization(cls, id: str) -> Organizer:
        """An organization (a company page): ``Organizer.organization("acme")``."""
        return cls(OrganizerKind.ORGANIZATION, id)

    @classmethod
    def from_urn(cls, urn: object, field: str = "organizer") -> Organizer:
        """The organizer a LinkedIn URN names.

        >>> Organizer.from_urn("urn:li:organization:10002687")
        Organizer(kind=<OrganizerKind.ORGANIZATION: 'organization'>, id='10002687')

        Raises:
            InvalidValue: *urn* is not ``urn:li:person:{id}`` or
                ``urn:li:organization:{id}``; names *field*.
        """
        for kind in OrganizerKind:
            prefix = f"{_URN_PREFIX}{kind.value}:"
            if isinstance(urn, str) and urn.startswith(prefix) and urn[len(prefix) :]:
                return cls(kind, urn[len(prefix) :])
        raise InvalidValue(
            field, urn, "must be urn:li:person:{id} or urn:li:organization:{id}"
        )

    @property
    def urn(self) -> str:
        """LinkedIn's URN for the organizer (``urn:li:person:ada``)."""
        return f"{_URN_PREFIX}{self.kind.value}:{self.id}"

    def __str__(self) -> str:
        return self.urn


def web_url(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: an ``http://`` or ``https://`` URL with a host."""
    name = attribute.alias or attribute.name
    if not isinstance(value, str) or value != value.strip():
        raise InvalidValue(name, value, "must be an http(s) URL without spaces")
    scheme, sep, rest = value.partition("://")
    if scheme.lower() not in {"http", "https"} or not sep or not rest or " " in rest:
        raise InvalidValue(name, value, "must be an http(s) URL without spaces")


def optional_web_url(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: ``None`` or an http(s) URL."""
    if value is not None:
        web_url(inst, attribute, value)


@frozen
class Online:
    """An event that happens online.

    Attributes:
        url: Where guests join (an http or https URL).
    """

    url: str = field(validator=web_url)


@frozen
class Venue:
    """A place an event happens: "venue detail such as floor and room".

    Attributes:
        address: The street address.
        floor: The floor, if the organizer gives one.
        room: The room, if the organizer gives one.
    """

    address: str = field(validator=non_empty_str)
    floor: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    room: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )


Location: TypeAlias = Online | Venue
"""Where an event happens: online or at a venue."""


class Privacy(enum.Enum):
    """Who may see an event: "public to everyone or private so that only
    invitees with the direct link can view"."""

    PUBLIC = "public"
    PRIVATE = "private"


def _check_location(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if not isinstance(value, Online | Venue):
        raise InvalidValue("location", value, "must be Online (a URL) or a Venue")


def _check_start(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    require_aware(value, "start")
    to_utc(value, "start")
    if not isinstance(value.tzinfo, ZoneInfo) or not is_zone_key(value.tzinfo.key):
        raise InvalidValue(
            "start",
            value,
            "must carry the event's IANA timezone (a zoneinfo.ZoneInfo such as "
            "ZoneInfo('Europe/Berlin')), not a fixed offset",
        )


def _check_end(inst: Event, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    end = to_utc(value, "end")
    if end <= to_utc(inst.start):
        raise InvalidValue(
            "end", value, f"an event ends after it starts (start is {inst.start})"
        )


def _check_capacity(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidValue("capacity", value, "must be a positive int or None")


def _check_price(_inst: object, _attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Money) or value.amount <= 0:
        raise InvalidValue("ticket_price", value, "must be positive Money or None")


@frozen
class Event:
    """A professional event.

    Attributes:
        id: The caller's (or LinkedIn's) id for the event.
        organizer: The person or organization organizing it.
        name: The event's name.
        start: When it starts: timezone-aware, in the event's own IANA
            timezone (``zoneinfo.ZoneInfo`` or pendulum's zones, which are
            ``ZoneInfo``).
        end: When it ends, after the start; ``None`` when not given.
        location: :class:`Online` (a URL to join) or a :class:`Venue`.
        description: What the event is about, if given.
        url: The event's web page (LinkedIn's ``externalUrl``), if given.
        vanity_name: LinkedIn's unique short name for the event, if any.
        privacy: Public to everyone, or private to invitees.
        capacity: How many guests can attend; ``None`` for no limit. Guests
            who accept once it is full are waitlisted.
        ticket_price: The price of a ticket; ``None`` for a free event. Guests
            of a ticketed event attend by paying.

    Raises:
        InvalidValue: A field breaks its rule; an end at or before the start
            is refused.
    """

    id: str = field(validator=non_empty_str)
    organizer: Organizer = field(validator=instance_of(Organizer))
    name: str = field(kw_only=True, validator=non_empty_str)
    start: dt.datetime = field(kw_only=True, validator=_check_start, eq=instant_key)
    end: dt.datetime | None = field(
        default=None, kw_only=True, validator=_check_end, eq=optional_instant_key
    )
    location: Location = field(kw_only=True, validator=_check_location)
    description: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    url: str | None = field(default=None, kw_only=True, validator=optional_web_url)
    vanity_name: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    privacy: Privacy = field(
        default=Privacy.PUBLIC, kw_only=True, validator=enum_member(Privacy)
    )
    capacity: int | None = field(default=None, kw_only=True, validator=_check_capacity)
    ticket_price: Money | None = field(
        default=None, kw_only=True, validator=_check_price
    )

    @property
    def timezone(self) -> str:
        """The event's IANA timezone name (``"Europe/Berlin"``)."""
        zone: ZoneInfo = self.start.tzinfo  # type: ignore[assignment]
        return zone.key

    @property
    def is_ticketed(self) -> bool:
        """True when guests attend by buying a ticket."""
        return self.ticket_price is not None
