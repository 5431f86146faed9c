"""Who may see an event.

Rule ("How To Create A LinkedIn Event", a social-care newsletter, November
2019): "Events can be public to everyone or private so that only invitees
with the direct link can view."

carekit's reading: holding the invitation is holding the direct link, so a
private event is visible to its invitees, whatever their answer; the
organizer always sees their own event.
"""

from __future__ import annotations

from carekit.errors import InvalidValue
from carekit.events.event import Event, Organizer, OrganizerKind, Privacy
from carekit.events.guests import GuestList

__all__ = ["can_view"]


def _is_organizer(event: Event, viewer: str | Organizer) -> bool:
    if isinstance(viewer, Organizer):
        return viewer == event.organizer
    organizer = event.organizer
    return organizer.kind is OrganizerKind.PERSON and viewer == organizer.id


def can_view(
    event: Event, viewer: str | Organizer, *, guests: GuestList | None = None
) -> bool:
    """True when *viewer* may see *event*.

    Args:
        event: The event.
        viewer: A member id, or an :class:`Organizer` (for an organization
            looking at its own events).
        guests: The event's guest list: who holds an invitation. Without it,
            a private event is visible to its organizer only.

    Raises:
        InvalidValue: *event* is not an event, *viewer* is neither a member
            id nor an organizer, or *guests* belongs to another event.
    """
    if not isinstance(event, Event):
        raise InvalidValue("event", event, "must be an Event")
    if not isinstance(viewer, str | Organizer) or not viewer:
        raise InvalidValue("viewer", viewer, "must be a member id or an Organizer")
    if guests is not None and (
        not isinstance(guests, GuestList) or guests.event.id != event.id
    ):
        raise InvalidValue("guests", guests, "must be this event's GuestList")
    if event.privacy is Privacy.PUBLIC or _is_organizer(event, viewer):
        return True
    return isinstance(viewer, str) and guests is not None and viewer in guests
