"""Hypothesis strategies for every public carekit model.

Conventions (after hypothesis and xarray): names are plural, bounds are
keyword-only, arguments that shape a part take a strategy, and examples shrink
toward simple values: UTC, 2000-01-01, zero, empty collections.

Install with the ``testing`` extra. Importing this module needs Hypothesis.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from carekit.away import AwaySchedule
from carekit.business_hours import BusinessCalendar, OpeningHours, Weekday
from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    MessageKind,
    Visibility,
)
from carekit.customers import Consent, CrmId, CustomerProfile, Note, ProfileFact
from carekit.intervals import Interval, IntervalSet
from carekit.money import CURRENCIES, Money
from carekit.roles import TeamRole

__all__ = [
    "aware_datetimes",
    "away_schedules",
    "business_calendars",
    "by_type",
    "consents",
    "conversations",
    "crm_ids",
    "currencies",
    "customer_profiles",
    "identifiers",
    "interval_sets",
    "intervals",
    "languages",
    "messages",
    "monies",
    "notes",
    "opening_hours",
    "profile_facts",
    "ratios",
    "team_roles",
    "timezones",
]

#: Zones that exercise DST in both hemispheres, a half-hour offset and none.
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")

_EPOCH = dt.datetime(2000, 1, 1)
_LAST = dt.datetime(2100, 1, 1)


def timezones() -> st.SearchStrategy[dt.tzinfo]:
    """IANA timezones, shrinking to UTC."""
    return st.sampled_from(ZONES).map(ZoneInfo)


def aware_datetimes(
    *,
    min_value: dt.datetime = _EPOCH,
    max_value: dt.datetime = _LAST,
    zones: st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes that exist on the wall clock, shrinking to
    2000-01-01 00:00 UTC.

    Args:
        min_value: Naive lower bound (local wall time).
        max_value: Naive upper bound (local wall time).
        zones: Strategy for the zone; default :func:`timezones`.
    """
    return st.datetimes(
        min_value=min_value,
        max_value=max_value,
        timezones=zones if zones is not None else timezones(),
        allow_imaginary=False,
    )


def intervals(
    *,
    starts: st.SearchStrategy[dt.datetime] | None = None,
    max_duration: dt.timedelta = dt.timedelta(days=7),
) -> st.SearchStrategy[Interval]:
    """Half-open intervals of up to *max_duration*, shrinking to empty.

    The length is elapsed time: the end is computed by instant, because
    ``start + length`` is wall-clock arithmetic that drops ``fold`` and can
    land before a start in the second occurrence of a DST fold.
    """
    return st.builds(
        lambda start, length: Interval(start, _elapsed(start, length)),
        starts if starts is not None else aware_datetimes(),
        st.timedeltas(min_value=dt.timedelta(0), max_value=max_duration),
    )


def _elapsed(start: dt.datetime, length: dt.timedelta) -> dt.datetime:
    """The instant *length* of elapsed time after *start*, in *start*'s zone."""
    return (start.astimezone(dt.UTC) + length).astimezone(start.tzinfo)


def interval_sets(
    *,
    elements: st.SearchStrategy[Interval] | None = None,
    max_size: int = 8,
) -> st.SearchStrategy[IntervalSet]:
    """Interval sets built from up to *max_size* intervals, shrinking to empty."""
    return st.lists(
        elements if elements is not None else intervals(), max_size=max_size
    ).map(IntervalSet)


_MINUTES_PER_DAY = 24 * 60


def _wall(minute: int) -> dt.time:
    """Minute of the day as a wall time; 1440 (the day's end) is 00:00."""
    return dt.time((minute // 60) % 24, minute % 60)


def opening_hours(
    *, weekdays: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[OpeningHours]:
    """Single openings at minute resolution, shrinking to Monday 00:00–00:01.

    An end at the day's end is written 00:00, as :class:`OpeningHours` asks.

    Args:
        weekdays: Strategy for the weekday (0–6); default every day.
    """

    def build(day: int, start: int, length: int) -> OpeningHours:
        end = min(start + length, _MINUTES_PER_DAY)
        return OpeningHours(day, _wall(start), end=_wall(end))

    return st.builds(
        build,
        weekdays if weekdays is not None else st.sampled_from(list(Weekday)),
        st.integers(min_value=0, max_value=_MINUTES_PER_DAY - 1),
        st.integers(min_value=1, max_value=_MINUTES_PER_DAY),
    )


def _day_openings(
    day: int, max_intervals: int
) -> st.SearchStrategy[list[OpeningHours]]:
    """Up to *max_intervals* disjoint openings on one weekday."""

    def build(marks: list[int]) -> list[OpeningHours]:
        ordered = sorted(marks)[: len(marks) // 2 * 2]
        return [
            OpeningHours(day, _wall(start), end=_wall(end))
            for start, end in zip(ordered[::2], ordered[1::2], strict=True)
        ]

    bounds = st.integers(min_value=0, max_value=_MINUTES_PER_DAY)
    return st.lists(bounds, unique=True, max_size=2 * max_intervals).map(build)


def business_calendars(
    *,
    zones: st.SearchStrategy[str] | None = None,
    max_intervals_per_day: int = 3,
    holidays: st.SearchStrategy[dt.date] | None = None,
    max_holidays: int = 3,
) -> st.SearchStrategy[BusinessCalendar]:
    """Weekly calendars at minute resolution, shrinking to UTC with no
    opening hours and no holidays.

    Openings of one day never overlap; one that ends at midnight is written
    with ``end`` 00:00, so openings that reach across midnight appear too.

    Args:
        zones: Strategy for the IANA zone name; default :data:`ZONES`.
        max_intervals_per_day: Most openings on one weekday.
        holidays: Strategy for holiday dates; default 2000–2099.
        max_holidays: Most holidays.
    """
    week = st.tuples(*(_day_openings(day, max_intervals_per_day) for day in Weekday))
    return st.builds(
        lambda zone, days, closed: BusinessCalendar(
            zone, [h for day in days for h in day], holidays=closed
        ),
        zones if zones is not None else st.sampled_from(ZONES),
        week,
        st.lists(
            holidays if holidays is not None else st.dates(_EPOCH.date(), _LAST.date()),
            max_size=max_holidays,
        ),
    )


def away_schedules(
    *,
    manual: st.SearchStrategy[IntervalSet] | None = None,
    calendars: st.SearchStrategy[BusinessCalendar | None] | None = None,
) -> st.SearchStrategy[AwaySchedule]:
    """Away schedules, shrinking to no manual periods and no calendar.

    Args:
        manual: Strategy for the manual away periods; default
            :func:`interval_sets`.
        calendars: Strategy for the calendar or ``None``; default ``None`` or
            :func:`business_calendars`.
    """
    return st.builds(
        AwaySchedule,
        manual if manual is not None else interval_sets(),
        calendars if calendars is not None else st.none() | business_calendars(),
    )


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes carekit knows, shrinking to USD."""
    codes = sorted(CURRENCIES, key=lambda code: (code != "USD", code))
    return st.sampled_from(codes)


def monies(
    *,
    codes: st.SearchStrategy[str] | None = None,
    min_minor: int = -(10**12),
    max_minor: int = 10**12,
) -> st.SearchStrategy[Money]:
    """Money values between *min_minor* and *max_minor* minor units, shrinking
    to zero USD."""
    return st.builds(
        Money.from_minor,
        st.integers(min_value=min_minor, max_value=max_minor),
        codes if codes is not None else currencies(),
    )


def ratios(*, max_size: int = 8) -> st.SearchStrategy[list[Decimal]]:
    """Non-empty lists of non-negative Decimal ratios with a positive sum."""
    weights = st.decimals(
        min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=4
    )
    return st.lists(weights, min_size=1, max_size=max_size).filter(
        lambda ws: sum(ws) > 0
    )


# -- conversations and customers ---------------------------------------------


def identifiers() -> st.SearchStrategy[str]:
    """Short non-blank ids, shrinking to ``"a"``."""
    return st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)


def languages() -> st.SearchStrategy[str]:
    """BCP 47 language tags, shrinking to ``"en"``."""
    return st.sampled_from(["en", "en-GB", "es", "pt-BR", "de", "ja", "ar", "zh-Hant"])


def messages(
    *,
    ids: st.SearchStrategy[str] | None = None,
    timestamps: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[Message]:
    """Valid messages, inbound from customers or outbound of every kind.

    Shrinks to an inbound customer reply at 2000-01-01 UTC with empty text.
    """
    author = st.sampled_from(list(AuthorKind))

    def build(
        ident: str, when: dt.datetime, who: AuthorKind, draw: st.DrawFn
    ) -> Message:
        inbound = who is AuthorKind.CUSTOMER
        kinds = [MessageKind.REPLY] if inbound else list(MessageKind)
        return Message(
            ident,
            when,
            Direction.INBOUND if inbound else Direction.OUTBOUND,
            who,
            kind=draw(st.sampled_from(kinds)),
            visibility=draw(st.sampled_from([Visibility.PRIVATE, Visibility.PUBLIC])),
            text=draw(st.text(max_size=40)),
            language=draw(st.none() | languages()),
            author_id=None if inbound else draw(st.none() | identifiers()),
        )

    @st.composite
    def strategy(draw: st.DrawFn) -> Message:
        return build(
            draw(ids if ids is not None else identifiers()),
            draw(timestamps if timestamps is not None else aware_datetimes()),
            draw(author),
            draw,
        )

    return strategy()


def conversations(
    *,
    max_messages: int = 10,
    timestamps: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[Conversation]:
    """Conversations with up to *max_messages* messages (unique ids).

    Shrinks to an open Messenger conversation with no messages.
    """

    @st.composite
    def strategy(draw: st.DrawFn) -> Conversation:
        count = draw(st.integers(min_value=0, max_value=max_messages))
        items = [
            draw(messages(ids=st.just(f"m{index}"), timestamps=timestamps))
            for index in range(count)
        ]
        return Conversation(
            draw(identifiers()),
            draw(st.sampled_from(list(Channel))),
            customer_id=draw(identifiers()),
            messages=items,
            assignee=draw(st.none() | identifiers()),
            tags=draw(st.lists(identifiers(), max_size=3)),
            status=draw(st.sampled_from(list(ConversationStatus))),
        )

    return strategy()


def team_roles() -> st.SearchStrategy[TeamRole]:
    """Team roles, shrinking to ``MONITOR``."""
    return st.sampled_from(list(TeamRole))


def profile_facts() -> st.SearchStrategy[ProfileFact]:
    """Public profile facts such as the current city."""
    return st.builds(
        ProfileFact,
        st.sampled_from(["current_city", "hometown", "work", "education"]),
        st.sampled_from(["Lisbon", "Berlin", "New York", "Osaka", "Acme Corp"]),
    )


def notes() -> st.SearchStrategy[Note]:
    """Admin notes about a customer."""
    return st.builds(
        Note, st.text(min_size=1, max_size=40).filter(str.strip), identifiers(),
        aware_datetimes(),
    )  # fmt: skip


def consents(
    *, systems: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Consent]:
    """Recorded consents to CRM matching."""
    return st.builds(
        Consent, systems if systems is not None else _crm_systems(), aware_datetimes()
    )


def crm_ids(
    *, systems: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[CrmId]:
    """External CRM ids."""
    return st.builds(
        CrmId, systems if systems is not None else _crm_systems(), identifiers()
    )


def _crm_systems() -> st.SearchStrategy[str]:
    return st.sampled_from(["salesforce", "hubspot", "zendesk"])


def customer_profiles() -> st.SearchStrategy[CustomerProfile]:
    """Customer profiles whose CRM ids always have a consent for their system."""

    @st.composite
    def strategy(draw: st.DrawFn) -> CustomerProfile:
        granted = draw(st.lists(consents(), max_size=3, unique_by=lambda c: c.system))
        systems = [consent.system for consent in granted]
        ids = (
            draw(st.lists(crm_ids(systems=st.sampled_from(systems)), max_size=3))
            if systems
            else []
        )
        facts = draw(st.lists(profile_facts(), max_size=3, unique_by=lambda f: f.name))
        return CustomerProfile(
            draw(identifiers()),
            display_name=draw(st.none() | st.sampled_from(["Ana", "Bo", "Chen"])),
            public_facts=facts,
            conversation_ids=draw(st.lists(identifiers(), max_size=3)),
            notes=draw(st.lists(notes(), max_size=2)),
            tags=draw(st.lists(identifiers(), max_size=3)),
            consents=granted,
            crm_ids=ids,
        )

    return strategy()


def by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each public model, for ``st.register_type_strategy``."""
    return {
        AwaySchedule: away_schedules(),
        BusinessCalendar: business_calendars(),
        Interval: intervals(),
        IntervalSet: interval_sets(),
        Money: monies(),
        Message: messages(),
        Conversation: conversations(),
        ProfileFact: profile_facts(),
        Note: notes(),
        Consent: consents(),
        CrmId: crm_ids(),
        CustomerProfile: customer_profiles(),
        OpeningHours: opening_hours(),
    }
