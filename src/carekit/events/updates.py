"""Updates the organizer posts to an event's attendees.

Rule ("How To Create A LinkedIn Event", a social-care newsletter, November
2019): "Leading up to the event, the creator can easily track attendees and
share post updates".

An update is addressed to the guests attending when it is posted, and it is
posted before the event starts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import aware_datetime, non_empty_str, string_set
from carekit.errors import InvalidValue, PolicyError
from carekit.events.guests import GuestList
from carekit.intervals import to_utc

__all__ = ["EventUpdate", "post_update"]


def _members(items: Any) -> tuple[str, ...]:
    return string_set(items, "recipients")


@frozen
class EventUpdate:
    """A post about an event, and who it is addressed to.

    Attributes:
        event_id: The event the update is about.
        text: What the organizer says.
        posted_at: When it was posted (timezone-aware).
        recipients: The attending guests it is addressed to (sorted).
    """

    event_id: str = field(validator=non_empty_str)
    text: str = field(validator=non_empty_str)
    posted_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )
    recipients: tuple[str, ...] = field(default=(), kw_only=True, converter=_members)


def post_update(guests: GuestList, text: str, *, now: dt.datetime) -> EventUpdate:
    """An update about *guests*' event, addressed to its attendees at *now*.

    Rule: the creator shares post updates "leading up to the event".

    Raises:
        InvalidValue: *guests* is not a guest list, *text* is blank or *now*
            is naive.
        PolicyError: The event has already started.
    """
    if not isinstance(guests, GuestList):
        raise InvalidValue("guests", guests, "must be a GuestList")
    event = guests.event
    if to_utc(now, "now") >= to_utc(event.start):
        raise PolicyError(
            "now", now, f"updates are posted before the event starts ({event.start})"
        )
    return EventUpdate(event.id, text, posted_at=now, recipients=guests.attendees)
