"""Strategies for events: organizers, locations, events, connections and
filters, RSVPs and guest lists, invitation policies and outcomes, updates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.events import (
    Connection,
    ConnectionFilter,
    Event,
    EventUpdate,
    GuestList,
    Invited,
    Location,
    Online,
    Organizer,
    OrganizerKind,
    Privacy,
    RefusalReason,
    Refused,
    Rsvp,
    RsvpResult,
    RsvpStatus,
    Sent,
    Venue,
    WeeklyCap,
    invite,
)
from carekit.money import Money

from ._common import identifiers
from ._money import monies
from ._time import aware_datetimes

__all__ = [
    "connection_filters",
    "connections",
    "event_updates",
    "events",
    "guest_lists",
    "invitation_refusals",
    "invitation_results",
    "locations",
    "online_locations",
    "organizers",
    "rsvp_results",
    "rsvps",
    "sent_invitations",
    "strategies_by_type",
    "venues",
    "weekly_caps",
]

_UTC = dt.UTC
_MS = dt.timedelta(milliseconds=1)
_DAY = dt.timedelta(days=1)

#: Small pools of profile facts, so that filters and profiles meet.
LOCATIONS = ("Berlin", "Lagos", "Lima", "Pune")
COMPANIES = ("Acme", "Globex", "Initech")
INDUSTRIES = ("Banking", "Retail", "Software")
SCHOOLS = ("ETH", "MIT", "UCT")


def _texts() -> st.SearchStrategy[str]:
    """Non-blank free text, shrinking to ``"0"``."""
    return st.text(min_size=1, max_size=24).filter(lambda s: bool(s.strip()))


def _later(moment: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """*moment* plus *delta* by instant, shown in *moment*'s zone (adding to
    a wall clock would cross DST folds wrongly)."""
    return (moment.astimezone(_UTC) + delta).astimezone(moment.tzinfo)


def _whole_ms(moment: dt.datetime) -> dt.datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def organizers(
    *, kinds: st.SearchStrategy[OrganizerKind] | None = None
) -> st.SearchStrategy[Organizer]:
    """People and organizations, shrinking to a person."""
    return st.builds(
        Organizer,
        kinds if kinds is not None else st.sampled_from(OrganizerKind),
        identifiers(),
    )


def online_locations() -> st.SearchStrategy[Online]:
    """Online locations with an https URL."""
    return identifiers().map(lambda host: Online(f"https://{host}.example.com/join"))


def venues() -> st.SearchStrategy[Venue]:
    """Venues with an address and, maybe, a floor and a room."""
    maybe = st.none() | identifiers()
    return st.builds(Venue, _texts(), floor=maybe, room=maybe)


def locations() -> st.SearchStrategy[Location]:
    """Online locations and venues, shrinking to online."""
    return st.one_of(online_locations(), venues())


def _urls() -> st.SearchStrategy[str | None]:
    return st.none() | identifiers().map(lambda s: f"https://example.com/{s}")


@st.composite
def _events(
    draw: st.DrawFn,
    organizers_: st.SearchStrategy[Organizer] | None,
    starts: st.SearchStrategy[dt.datetime] | None,
    capacities: st.SearchStrategy[int | None] | None,
    prices: st.SearchStrategy[Money | None] | None,
) -> Event:
    start = draw(starts if starts is not None else aware_datetimes())
    start = _whole_ms(start)
    length = draw(st.none() | st.integers(min_value=1, max_value=7 * 86_400_000))
    return Event(
        draw(identifiers()),
        draw(organizers_ if organizers_ is not None else organizers()),
        name=draw(_texts()),
        start=start,
        end=None if length is None else _later(start, length * _MS),
        location=draw(locations()),
        description=draw(st.none() | _texts()),
        url=draw(_urls()),
        vanity_name=draw(st.none() | identifiers()),
        privacy=draw(st.sampled_from(Privacy)),
        capacity=draw(
            capacities
            if capacities is not None
            else st.none() | st.integers(min_value=1, max_value=5)
        ),
        ticket_price=draw(
            prices if prices is not None else st.none() | monies(min_value=1)
        ),
    )


def events(
    *,
    organizers: st.SearchStrategy[Organizer] | None = None,
    starts: st.SearchStrategy[dt.datetime] | None = None,
    capacities: st.SearchStrategy[int | None] | None = None,
    prices: st.SearchStrategy[Money | None] | None = None,
) -> st.SearchStrategy[Event]:
    """Events online or at a venue, public or private, with start and end in
    whole milliseconds (LinkedIn's precision) and the start in an IANA zone.

    Shrinks to a free public online event with no end and no capacity.

    Args:
        organizers: Strategy for the organizer (default: :func:`organizers`).
        starts: Strategy for the start, an aware datetime whose ``tzinfo`` is
            a ``ZoneInfo`` (default: :func:`aware_datetimes`); cut to whole
            milliseconds.
        capacities: Strategy for the capacity (default: none or 1–5).
        prices: Strategy for the ticket price (default: none or positive
            :func:`monies`).
    """
    return _events(organizers, starts, capacities, prices)


def connections(
    *,
    members: st.SearchStrategy[str] | None = None,
    degrees: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Connection]:
    """Connection profiles with facts from small pools, shrinking to a
    first-degree connection with no facts.

    Args:
        members: Strategy for the member id (default: :func:`identifiers`).
        degrees: Strategy for the degree (default: 1–3).
    """

    def fact(pool: tuple[str, ...]) -> st.SearchStrategy[str | None]:
        return st.none() | st.sampled_from(pool)

    return st.builds(
        Connection,
        members if members is not None else identifiers(),
        degrees if degrees is not None else st.integers(min_value=1, max_value=3),
        location=fact(LOCATIONS),
        company=fact(COMPANIES),
        industry=fact(INDUSTRIES),
        school=fact(SCHOOLS),
    )


def connection_filters() -> st.SearchStrategy[ConnectionFilter]:
    """Filters over the same pools as :func:`connections`, shrinking to the
    filter that accepts everyone."""

    def facet(pool: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
        return st.lists(st.sampled_from(pool), max_size=2)

    return st.builds(
        ConnectionFilter,
        locations=facet(LOCATIONS),
        companies=facet(COMPANIES),
        industries=facet(INDUSTRIES),
        schools=facet(SCHOOLS),
    )


@st.composite
def _rsvps(draw: st.DrawFn, statuses: st.SearchStrategy[RsvpStatus]) -> Rsvp:
    status = draw(statuses)
    invited_at = draw(aware_datetimes())
    answered_at = None
    if status is not RsvpStatus.INVITED:
        answered_at = _later(invited_at, draw(st.timedeltas(_MS * 0, 30 * _DAY)))
    return Rsvp(
        draw(identifiers()),
        status,
        invited_at=invited_at,
        answered_at=answered_at,
        ticket=draw(st.none() | identifiers()),
    )


def rsvps(
    *, statuses: st.SearchStrategy[RsvpStatus] | None = None
) -> st.SearchStrategy[Rsvp]:
    """RSVPs on their own (a guest list's come from :func:`guest_lists`),
    shrinking to an invited one."""
    return _rsvps(statuses if statuses is not None else st.sampled_from(RsvpStatus))


def _seat(statuses: list[RsvpStatus], capacity: int | None) -> list[RsvpStatus]:
    """*statuses* made to fit *capacity*: the extra attendees wait, and
    waiting guests take free seats in their order."""
    seated: list[RsvpStatus] = []
    attending = 0
    for status in statuses:
        wants_seat = status in {RsvpStatus.ATTENDING, RsvpStatus.WAITLISTED}
        if wants_seat and (capacity is None or attending < capacity):
            attending += 1
            seated.append(RsvpStatus.ATTENDING)
        elif wants_seat:
            seated.append(RsvpStatus.WAITLISTED)
        else:
            seated.append(status)
    return seated


@st.composite
def _guest_lists(
    draw: st.DrawFn, events_: st.SearchStrategy[Event] | None, max_size: int
) -> GuestList:
    event = draw(events_ if events_ is not None else events())
    members = draw(
        st.lists(
            identifiers().filter(lambda m: m != event.organizer.id),
            unique=True,
            max_size=max_size,
        )
    )
    wanted = draw(
        st.lists(
            st.sampled_from(RsvpStatus), min_size=len(members), max_size=len(members)
        )
    )
    start = draw(aware_datetimes())
    rsvps: list[Rsvp] = []
    for member, status in zip(members, _seat(wanted, event.capacity), strict=True):
        invited_at = _later(start, draw(st.timedeltas(_MS * 0, 7 * _DAY)))
        answered = _later(invited_at, draw(st.timedeltas(_MS * 0, 7 * _DAY)))
        holds = status in {RsvpStatus.ATTENDING, RsvpStatus.WAITLISTED}
        rsvps.append(
            Rsvp(
                member,
                status,
                invited_at=invited_at,
                answered_at=None if status is RsvpStatus.INVITED else answered,
                ticket=f"t-{member}" if event.is_ticketed and holds else None,
            )
        )
    return GuestList(event, tuple(rsvps))


def guest_lists(
    *, events: st.SearchStrategy[Event] | None = None, max_size: int = 8
) -> st.SearchStrategy[GuestList]:
    """Guest lists whose RSVPs fit the event: never more attending than the
    capacity, a waitlist only when full, tickets for the places at a
    ticketed event. Shrinks to an empty guest list.

    Args:
        events: Strategy for the event (default: :func:`events`).
        max_size: Most invitees.
    """
    return _guest_lists(events, max_size)


@st.composite
def _rsvp_results(draw: st.DrawFn) -> RsvpResult:
    guests = draw(guest_lists().filter(lambda g: len(g) > 0))
    rsvp = draw(st.sampled_from(guests.rsvps))
    return RsvpResult(
        guests, rsvp, moved_up=draw(st.none() | st.sampled_from(guests.rsvps))
    )


def rsvp_results() -> st.SearchStrategy[RsvpResult]:
    """Answer results: a guest list with one of its RSVPs (and maybe one
    that moved up)."""
    return _rsvp_results()


def weekly_caps(
    *, max_limit: int = 2_000, max_window: dt.timedelta = 30 * _DAY
) -> st.SearchStrategy[WeeklyCap]:
    """Invitation caps, shrinking to one invitation per microsecond.

    Args:
        max_limit: Largest limit.
        max_window: Longest window.
    """
    return st.builds(
        WeeklyCap,
        limit=st.integers(min_value=1, max_value=max_limit),
        window=st.timedeltas(
            min_value=dt.timedelta(microseconds=1), max_value=max_window
        ),
    )


def sent_invitations() -> st.SearchStrategy[Sent]:
    """Outcomes of invitations that were sent."""
    return st.builds(Sent, identifiers(), aware_datetimes())


def invitation_refusals() -> st.SearchStrategy[Refused]:
    """Outcomes of connections that were refused, with any reason."""
    return st.builds(Refused, identifiers(), st.sampled_from(RefusalReason))


@st.composite
def _invitation_results(draw: st.DrawFn, max_size: int) -> Invited:
    guests = draw(guest_lists())
    people = draw(st.lists(connections(), max_size=max_size))
    last = max((r.invited_at for r in guests.rsvps), default=None)
    now = draw(aware_datetimes()) if last is None else last
    return invite(guests, people, now=now, where=draw(connection_filters()))


def invitation_results(*, max_size: int = 6) -> st.SearchStrategy[Invited]:
    """Results of :func:`carekit.events.invite` on a drawn guest list, with
    up to *max_size* connections under any filter and the default cap."""
    return _invitation_results(max_size)


def event_updates() -> st.SearchStrategy[EventUpdate]:
    """Updates to an event's attendees."""
    return st.builds(
        EventUpdate,
        identifiers(),
        _texts(),
        posted_at=aware_datetimes(),
        recipients=st.lists(identifiers(), max_size=6),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each events model."""
    return {
        Connection: connections(),
        ConnectionFilter: connection_filters(),
        Event: events(),
        EventUpdate: event_updates(),
        GuestList: guest_lists(),
        Invited: invitation_results(),
        Online: online_locations(),
        Organizer: organizers(),
        Refused: invitation_refusals(),
        Rsvp: rsvps(),
        RsvpResult: rsvp_results(),
        Sent: sent_invitations(),
        Venue: venues(),
        WeeklyCap: weekly_caps(),
    }
