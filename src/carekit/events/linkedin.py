"""Events as plain data in LinkedIn's Events API field names.

LinkedIn's Events API names an event's ``name``, ``description``,
``vanityName``, ``organizer`` (a ``urn:li:person:{id}`` or
``urn:li:organization:{id}`` URN), ``timeRangeV2.startAt`` and
``timeRangeV2.endsAt`` (epoch milliseconds; the end is left out when the
organizer gave none) and ``externalUrl``. The rest of an :class:`Event` has
no LinkedIn name and travels in fields of its own, so the round trip loses
nothing:

- ``timezone``: the event's IANA timezone, which epoch milliseconds lose;
- ``privacy``: ``"public"`` or ``"private"``;
- ``onlineUrl`` for an online event, or ``venue``
  (``address``, ``floor``, ``room``) for one at a venue;
- ``capacity`` and ``ticketPrice`` (``{"amount": "10.00", "currency": "USD"}``),
  when the event has them.

Optional fields are left out when empty, never written as ``null``.
Milliseconds are LinkedIn's precision: an event whose start or end has
finer digits is refused by :func:`to_linkedin` rather than rounded. Name and
description are plain text here; LinkedIn's multi-locale wrappers are the
caller's to unwrap.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from carekit.events import Event, Online, Organizer
>>> event = Event(
...     "e-1", Organizer.person("ada"), name="Care meetup",
...     start=dt.datetime(2019, 11, 12, 18, 0, tzinfo=ZoneInfo("Europe/Berlin")),
...     location=Online("https://meet.example.com/care"),
... )
>>> data = to_linkedin(event)
>>> data["organizer"], data["timeRangeV2"], data["timezone"]
('urn:li:person:ada', {'startAt': 1573578000000}, 'Europe/Berlin')
>>> parse_linkedin(data) == event
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from carekit._zones import zone_of
from carekit.errors import InvalidValue, StructureError
from carekit.events.event import Event, Location, Online, Organizer, Privacy, Venue
from carekit.intervals import to_utc
from carekit.money import Money
from carekit.serialization import structure, unstructure

__all__ = ["parse_linkedin", "to_linkedin"]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MS = dt.timedelta(milliseconds=1)

#: Where each field of :class:`Event` lives in the payload, for error paths.
_PATHS = {
    "id": "id",
    "organizer": "organizer",
    "name": "name",
    "start": "timeRangeV2.startAt",
    "end": "timeRangeV2.endsAt",
    "location": "onlineUrl",
    "description": "description",
    "url": "externalUrl",
    "vanity_name": "vanityName",
    "privacy": "privacy",
    "capacity": "capacity",
    "ticket_price": "ticketPrice",
}
_TOP = frozenset({*(p.partition(".")[0] for p in _PATHS.values()), "timezone", "venue"})


def _epoch_ms(moment: dt.datetime, field: str) -> int:
    """*moment* as epoch milliseconds.

    Raises:
        InvalidValue: *moment* is naive or has digits finer than a
            millisecond (LinkedIn would lose them); names *field*.
    """
    millis, rest = divmod(to_utc(moment, field) - _EPOCH, _MS)
    if rest:
        raise InvalidValue(
            field, moment, "LinkedIn keeps milliseconds; finer digits would be lost"
        )
    return millis


def _location_fields(location: Location) -> dict[str, Any]:
    if isinstance(location, Online):
        return {"onlineUrl": location.url}
    venue: dict[str, Any] = {"address": location.address}
    venue.update(_present(floor=location.floor, room=location.room))
    return {"venue": venue}


def _present(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def to_linkedin(event: Event) -> dict[str, Any]:
    """*event* as a LinkedIn-style payload (JSON-compatible).

    Raises:
        InvalidValue: *event* is not an Event, or its start or end has
            digits finer than a millisecond.
    """
    if not isinstance(event, Event):
        raise InvalidValue("event", event, "must be an Event")
    time_range = {"startAt": _epoch_ms(event.start, "start")}
    if event.end is not None:
        time_range["endsAt"] = _epoch_ms(event.end, "end")
    price = None if event.ticket_price is None else unstructure(event.ticket_price)
    return {
        "id": event.id,
        "name": event.name,
        "organizer": event.organizer.urn,
        "timeRangeV2": time_range,
        "timezone": event.timezone,
        "privacy": event.privacy.value,
        **_location_fields(event.location),
        **_present(
            description=event.description,
            vanityName=event.vanity_name,
            externalUrl=event.url,
            capacity=event.capacity,
            ticketPrice=price,
        ),
    }


class _Reader:
    """Reads payload fields, recording every failure as ``reason @ $.path``."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, path: str, rule: str) -> None:
        self.errors.append(f"{rule} @ {path}")

    def read(
        self,
        data: Mapping[str, Any],
        key: str,
        convert: Callable[[Any], Any],
        *,
        at: str = "$",
        required: bool = False,
    ) -> Any:
        """``convert(data[key])``, or ``None`` when absent or failing."""
        path = f"{at}.{key}"
        if key not in data:
            if required:
                self.fail(path, "required field missing")
            return None
        try:
            return convert(data[key])
        except InvalidValue as exc:
            self.fail(path, exc.rule)
        except StructureError as exc:
            self.errors += [
                line.replace(" @ $", f" @ {path}", 1) for line in exc.errors
            ]
        return None

    def object(self, value: Any, path: str, keys: frozenset[str]) -> Mapping[str, Any]:
        """*value* if it is an object with no unknown keys; ``{}`` if not one."""
        if not isinstance(value, dict):
            self.fail(path, "must be an object")
            return {}
        for extra in sorted(set(value) - keys, key=str):
            self.fail(f"{path}.{extra}", "unknown field")
        return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValue("value", value, "must be a string")
    return value


def _millis(value: Any) -> dt.datetime:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidValue("value", value, "must be an integer of epoch milliseconds")
    try:
        return _EPOCH + value * _MS
    except OverflowError:
        raise InvalidValue("value", value, "out of range for a date") from None


def _zone(value: Any) -> ZoneInfo:
    return zone_of(_text(value), "value")


def _privacy(value: Any) -> Privacy:
    try:
        return Privacy(value)
    except ValueError:
        raise InvalidValue("value", value, "must be 'public' or 'private'") from None


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidValue("value", value, "must be an integer")
    return value


def _money(value: Any) -> Money:
    return structure(value, Money)


def _in_zone(moment: dt.datetime | None, zone: ZoneInfo | None) -> dt.datetime | None:
    """*moment* on the event's wall clock (``None`` stays ``None``)."""
    if moment is None or zone is None:
        return None
    try:
        return moment.astimezone(zone)
    except OverflowError:
        return None


def _venue(reader: _Reader, value: Any) -> Venue | None:
    venue = reader.object(value, "$.venue", _VENUE)
    address = reader.read(venue, "address", _text, at="$.venue", required=True)
    floor = reader.read(venue, "floor", _text, at="$.venue")
    room = reader.read(venue, "room", _text, at="$.venue")
    if address is None:
        return None
    try:
        return Venue(address, floor=floor, room=room)
    except InvalidValue as exc:
        reader.fail(f"$.venue.{exc.field}", exc.rule)
        return None


def _location(reader: _Reader, data: Mapping[str, Any]) -> Location | None:
    if ("onlineUrl" in data) == ("venue" in data):
        reader.fail("$.onlineUrl", "give exactly one of onlineUrl and venue")
        return None
    if "venue" in data:
        return _venue(reader, data["venue"])
    url = reader.read(data, "onlineUrl", _text)
    try:
        return None if url is None else Online(url)
    except InvalidValue as exc:
        reader.fail("$.onlineUrl", exc.rule)
        return None


_VENUE = frozenset({"address", "floor", "room"})
_TIMES = frozenset({"startAt", "endsAt"})


def _fields(reader: _Reader, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The event's fields as read (``None`` where absent or failing)."""
    times = reader.object(payload.get("timeRangeV2", {}), "$.timeRangeV2", _TIMES)
    zone = reader.read(payload, "timezone", _zone, required=True)
    start = reader.read(times, "startAt", _millis, at="$.timeRangeV2", required=True)
    end = reader.read(times, "endsAt", _millis, at="$.timeRangeV2")
    return {
        "id": reader.read(payload, "id", _text, required=True),
        "organizer": reader.read(
            payload, "organizer", Organizer.from_urn, required=True
        ),
        "name": reader.read(payload, "name", _text, required=True),
        "start": _in_zone(start, zone),
        "end": _in_zone(end, zone),
        "location": _location(reader, payload),
        "description": reader.read(payload, "description", _text),
        "url": reader.read(payload, "externalUrl", _text),
        "vanity_name": reader.read(payload, "vanityName", _text),
        "privacy": reader.read(payload, "privacy", _privacy, required=True),
        "capacity": reader.read(payload, "capacity", _count),
        "ticket_price": reader.read(payload, "ticketPrice", _money),
    }


def parse_linkedin(data: object) -> Event:
    """The :class:`Event` a LinkedIn-style payload describes.

    Raises:
        StructureError: The payload is not an object, misses a required
            field (``id``, ``name``, ``organizer``, ``timeRangeV2.startAt``,
            ``timezone``, ``privacy``, and ``onlineUrl`` or ``venue``), has an
            unknown field, or breaks a rule of the event; lists every failure
            with its path (``must be an integer of epoch milliseconds @
            $.timeRangeV2.startAt``).
    """
    reader = _Reader()
    if not isinstance(data, dict):
        reader.fail("$", "must be an object")
        raise StructureError("Event", reader.errors)
    fields = _fields(reader, reader.object(data, "$", _TOP))
    if reader.errors:
        raise StructureError("Event", reader.errors)
    try:
        return Event(fields.pop("id"), fields.pop("organizer"), **fields)
    except InvalidValue as exc:
        path = _PATHS.get(exc.field, exc.field)
        raise StructureError("Event", [f"{exc.rule} @ $.{path}"]) from exc
