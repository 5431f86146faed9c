"""Invitations: first-degree connections only, once, under a weekly cap
(issue 18, Build 3)."""

import datetime as dt
from collections.abc import Sequence

import attrs
import pytest

from carekit import InvalidValue, PolicyError
from carekit.events import (
    LINKEDIN_2019,
    Connection,
    ConnectionFilter,
    GuestList,
    Invited,
    Organizer,
    RefusalReason,
    Refused,
    Sent,
    WeeklyCap,
    invite,
)
from tests._events import T0, event, friends, invited

WEEK = dt.timedelta(days=7)


def test_a_second_degree_connection_cannot_be_invited() -> None:
    """Issue 18: "first-degree connections only"."""
    result = invite(
        GuestList(event()), [Connection("cy", 2), Connection("di", 3)], now=T0
    )
    assert (
        Refused("cy", RefusalReason.NOT_FIRST_DEGREE),
        Refused("di", RefusalReason.NOT_FIRST_DEGREE),
    ) == result.outcomes
    assert 0 == len(result.guests)


def test_the_weekly_cap_stops_invitation_1001_and_the_next_week_allows_more() -> None:
    """Issue 18: "default 1,000 per organizer over a rolling 7 × 24 h. The
    first invitations within the cap are sent, and the rest are refused with
    a reason"."""
    people = friends(*(f"m{i}" for i in range(1_001)))
    first = invite(GuestList(event()), people, now=T0)
    assert 1_000 == len(first.sent)
    assert (Refused("m1000", RefusalReason.CAP_REACHED),) == first.refused
    # One microsecond short of a week, the first thousand still count.
    early = invite(
        first.guests, people[1000:], now=T0 + WEEK - dt.timedelta(microseconds=1)
    )
    assert (Refused("m1000", RefusalReason.CAP_REACHED),) == early.outcomes
    later = invite(first.guests, people[1000:], now=T0 + WEEK)
    assert (Sent("m1000", T0 + WEEK),) == later.outcomes
    assert 1_001 == len(later.guests)


def test_the_cap_counts_the_organizers_other_events() -> None:
    """The cap is per organizer, over all their events."""
    other = invited(attrs.evolve(event(), id="ev-2"), "a", "b")
    result = invite(
        GuestList(event()),
        friends("c", "d"),
        now=T0,
        policy=WeeklyCap(limit=3),
        elsewhere=[other],
    )
    assert [Sent("c", T0), Refused("d", RefusalReason.CAP_REACHED)] == list(
        result.outcomes
    )


def test_other_events_must_be_the_organizers() -> None:
    theirs = GuestList(event(organizer=Organizer.person("bob")))
    with pytest.raises(InvalidValue) as info:
        invite(GuestList(event()), friends("c"), now=T0, elsewhere=[theirs])
    assert "elsewhere[0]" == info.value.field


def test_the_same_event_cannot_count_twice() -> None:
    guests = GuestList(event())
    with pytest.raises(InvalidValue):
        invite(guests, friends("c"), now=T0, elsewhere=[guests])


def test_someone_already_invited_is_not_invited_again() -> None:
    """Issue 18: "Someone already invited is not invited again"."""
    guests = invited(event(), "ada2", "bob")
    again = invite(guests, friends("bob", "cy", "cy"), now=T0 + dt.timedelta(hours=1))
    assert (
        Refused("bob", RefusalReason.ALREADY_INVITED),
        Sent("cy", T0 + dt.timedelta(hours=1)),
        Refused("cy", RefusalReason.ALREADY_INVITED),
    ) == again.outcomes
    assert ("ada2", "bob", "cy") == tuple(r.member for r in again.guests.rsvps)


def test_the_organizer_is_not_invited() -> None:
    result = invite(GuestList(event()), friends("ada"), now=T0)
    assert (Refused("ada", RefusalReason.ORGANIZER),) == result.outcomes


def test_invitations_come_from_the_filter() -> None:
    """Issue 18: "invitations come from a filter over connections"."""
    people = [
        Connection("a", 1, school="ETH"),
        Connection("b", 1, school="MIT"),
        Connection("c", 2, school="ETH"),
    ]
    result = invite(
        GuestList(event()), people, now=T0, where=ConnectionFilter(schools=["ETH"])
    )
    assert (
        Sent("a", T0),
        Refused("c", RefusalReason.NOT_FIRST_DEGREE),
    ) == result.outcomes


def test_invited_guests_start_invited_at_the_sending_time() -> None:
    guests = invited(event(), "a")
    assert T0 == guests.rsvp("a").invited_at


def test_the_old_guest_list_is_untouched() -> None:
    guests = GuestList(event())
    invite(guests, friends("a"), now=T0)
    assert 0 == len(guests)


def test_time_does_not_run_backwards() -> None:
    guests = invited(event(), "a")
    with pytest.raises(InvalidValue) as info:
        invite(guests, friends("b"), now=T0 - dt.timedelta(seconds=1))
    assert "now" == info.value.field


def test_now_must_be_aware() -> None:
    with pytest.raises(InvalidValue) as info:
        invite(GuestList(event()), friends("b"), now=dt.datetime(2019, 11, 12))
    assert "now" == info.value.field


class Daily:
    """A user's own policy, with no carekit base: 2 a day."""

    def allowance(self, sent: Sequence[dt.datetime], *, now: dt.datetime) -> int:
        return 2 - sum(1 for t in sent if now - t < dt.timedelta(days=1))


def test_a_users_own_policy_works_and_carekits_rules_still_hold() -> None:
    """Rules carekit guarantees stay inside carekit, whatever the policy."""
    people = [*friends("a", "b", "c"), Connection("z", 2)]
    result = invite(GuestList(event()), people, now=T0, policy=Daily())
    assert [
        Sent("a", T0),
        Sent("b", T0),
        Refused("c", RefusalReason.CAP_REACHED),
        Refused("z", RefusalReason.NOT_FIRST_DEGREE),
    ] == list(result.outcomes)


class Broken:
    def allowance(self, sent: Sequence[dt.datetime], *, now: dt.datetime) -> int:
        return -1


def test_a_policy_that_answers_nonsense_is_refused() -> None:
    with pytest.raises(PolicyError) as info:
        invite(GuestList(event()), friends("a"), now=T0, policy=Broken())
    assert "allowance" == info.value.field


def test_linkedin_2019_is_a_thousand_a_week() -> None:
    assert WeeklyCap(limit=1_000, window=WEEK) == LINKEDIN_2019


def test_frees_at_says_when_to_ask_again() -> None:
    """A sans-I/O caller asks when the next invitation may go."""
    cap = WeeklyCap(limit=2)
    utc = dt.UTC
    sent = [dt.datetime(2019, 11, d, tzinfo=utc) for d in (1, 2, 3)]
    now = dt.datetime(2019, 11, 4, tzinfo=utc)
    assert dt.datetime(2019, 11, 9, tzinfo=utc) == cap.frees_at(sent, now=now)
    assert 0 == cap.allowance(sent, now=now)
    assert 1 == cap.allowance(sent, now=dt.datetime(2019, 11, 9, tzinfo=utc))
    assert cap.frees_at(sent, now=dt.datetime(2019, 11, 9, tzinfo=utc)) is None


@pytest.mark.parametrize(
    ("limit", "window"), [(0, WEEK), (True, WEEK), (1, dt.timedelta(0)), (1, 7)]
)
def test_a_cap_has_a_positive_limit_and_window(limit: object, window: object) -> None:
    with pytest.raises(InvalidValue):
        WeeklyCap(limit=limit, window=window)  # type: ignore[arg-type]


def test_outcomes_are_sent_or_refused() -> None:
    with pytest.raises(InvalidValue) as info:
        Invited(GuestList(event()), ("a",))  # type: ignore[arg-type]
    assert "outcomes" == info.value.field


@pytest.mark.parametrize(
    ("name", "value"), [("where", {"schools": ["ETH"]}), ("policy", 1_000)]
)
def test_a_filter_and_a_policy_are_checked(name: str, value: object) -> None:
    with pytest.raises(InvalidValue) as info:
        invite(GuestList(event()), friends("a"), now=T0, **{name: value})  # type: ignore[arg-type]
    assert name == info.value.field
