"""Professional events, LinkedIn style: venue or online, public or private,
invitations to first-degree connections under a weekly cap, RSVPs with a
waitlist, updates to attendees, and ticketed events.

This package only re-exports; each name lives in a concept module:

- ``event``: events, organizers, venues and privacy;
- ``connections``: connection profiles and the filters that pick invitees;
- ``rsvp``: RSVP statuses and the one transition table of their lifecycle;
- ``guests``: an event's guest list, its counts, waitlist and tickets;
- ``invitations``: sending invitations under an :class:`InvitationPolicy`;
- ``updates``: updates posted to the attendees;
- ``visibility``: who may see an event;
- ``linkedin``: plain data in LinkedIn's Events API field names.
"""

from carekit.events.connections import ANYONE as ANYONE
from carekit.events.connections import FIRST_DEGREE as FIRST_DEGREE
from carekit.events.connections import Connection as Connection
from carekit.events.connections import ConnectionFilter as ConnectionFilter
from carekit.events.event import Event as Event
from carekit.events.event import Location as Location
from carekit.events.event import Online as Online
from carekit.events.event import Organizer as Organizer
from carekit.events.event import OrganizerKind as OrganizerKind
from carekit.events.event import Privacy as Privacy
from carekit.events.event import Venue as Venue
from carekit.events.guests import GuestList as GuestList
from carekit.events.guests import RsvpResult as RsvpResult
from carekit.events.invitations import LINKEDIN_2019 as LINKEDIN_2019
from carekit.events.invitations import InvitationPolicy as InvitationPolicy
from carekit.events.invitations import Invited as Invited
from carekit.events.invitations import RefusalReason as RefusalReason
from carekit.events.invitations import Refused as Refused
from carekit.events.invitations import Sent as Sent
from carekit.events.invitations import WeeklyCap as WeeklyCap
from carekit.events.invitations import invite as invite
from carekit.events.linkedin import parse_linkedin as parse_linkedin
from carekit.events.linkedin import to_linkedin as to_linkedin
from carekit.events.rsvp import TRANSITIONS as TRANSITIONS
from carekit.events.rsvp import Rsvp as Rsvp
from carekit.events.rsvp import RsvpEvent as RsvpEvent
from carekit.events.rsvp import RsvpStatus as RsvpStatus
from carekit.events.rsvp import next_status as next_status
from carekit.events.updates import EventUpdate as EventUpdate
from carekit.events.updates import post_update as post_update
from carekit.events.visibility import can_view as can_view

__all__ = [
    "ANYONE",
    "FIRST_DEGREE",
    "LINKEDIN_2019",
    "TRANSITIONS",
    "Connection",
    "ConnectionFilter",
    "Event",
    "EventUpdate",
    "GuestList",
    "InvitationPolicy",
    "Invited",
    "Location",
    "Online",
    "Organizer",
    "OrganizerKind",
    "Privacy",
    "RefusalReason",
    "Refused",
    "Rsvp",
    "RsvpEvent",
    "RsvpResult",
    "RsvpStatus",
    "Sent",
    "Venue",
    "WeeklyCap",
    "can_view",
    "invite",
    "next_status",
    "parse_linkedin",
    "post_update",
    "to_linkedin",
]
