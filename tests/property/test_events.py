"""Invitation, filter and count rules of issue 18, checked against
independent oracles written from the issue's words.

- "invitations never exceed the cap in any rolling week, and never include
  anyone who is not a first-degree connection";
- "The first invitations within the cap are sent, and the rest are refused";
- "the counts per status sum to the number of invitations";
- "all filters combine".
"""

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

from carekit.events import (
    Connection,
    ConnectionFilter,
    GuestList,
    Organizer,
    RefusalReason,
    Refused,
    RsvpStatus,
    Sent,
    WeeklyCap,
    invite,
)
from carekit.testing import strategies as cks
from tests._events import T0, event

ORGANIZER = Organizer.person("organizer")
#: Few member ids, so that the same people come back and duplicates happen.
MEMBERS = st.sampled_from([f"m{i}" for i in range(12)])
CONNECTIONS = st.lists(cks.connections(members=MEMBERS), max_size=12)
STEPS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=1),  # which of two events
        st.integers(min_value=0, max_value=4 * 86_400),  # seconds since the last call
        CONNECTIONS,
    ),
    max_size=8,
)


def most_in_any_window(times: list[dt.datetime], window: dt.timedelta) -> int:
    """The most sends inside any window ``[t, t + window)``: the busiest one
    can be slid to start at a send, so trying each send is enough."""
    return max((sum(1 for u in times if t <= u < t + window) for t in times), default=0)


def accepts(where: ConnectionFilter, person: Connection) -> bool:
    """Issue 18: "all filters combine"; an empty facet asks for nothing."""
    facets = [
        (where.locations, person.location),
        (where.companies, person.company),
        (where.industries, person.industry),
        (where.schools, person.school),
    ]
    return all(not wanted or value in wanted for wanted, value in facets)


@given(
    limit=st.integers(min_value=1, max_value=6),
    days=st.integers(min_value=1, max_value=7),
    steps=STEPS,
    where=cks.connection_filters(),
)
def test_invitations_keep_every_rule_over_many_calls_and_events(
    limit: int,
    days: int,
    steps: list[tuple[int, int, list[Connection]]],
    where: ConnectionFilter,
) -> None:
    cap = WeeklyCap(limit=limit, window=dt.timedelta(days=days))
    base = event(organizer=ORGANIZER)
    lists = [GuestList(base), GuestList(attrs.evolve(base, id="other"))]
    now, sends = T0, []
    for which, wait, connections in steps:
        now += dt.timedelta(seconds=wait)
        before = {r.member for r in lists[which].rsvps}
        result = invite(
            lists[which],
            connections,
            now=now,
            where=where,
            policy=cap,
            elsewhere=[lists[1 - which]],
        )
        chosen = [c for c in connections if accepts(where, c)]
        assert len(chosen) == len(result.outcomes)
        for person, outcome in zip(chosen, result.outcomes, strict=True):
            assert person.member == outcome.member
            if isinstance(outcome, Sent):
                assert 1 == person.degree
                assert person.member not in before
                before.add(person.member)
                sends.append(outcome.at)
            elif outcome.reason is RefusalReason.CAP_REACHED:
                recent = [t for t in sends if now - cap.window < t <= now]
                assert limit == len(recent)  # refused only once the cap is full
        lists[which] = result.guests
    assert most_in_any_window(sends, cap.window) <= limit
    assert len(sends) == sum(len(g) for g in lists)


@given(cks.connection_filters(), st.lists(cks.connections(), max_size=12))
def test_a_filter_returns_exactly_the_matching_connections(
    where: ConnectionFilter, people: list[Connection]
) -> None:
    assert [p for p in people if accepts(where, p)] == list(where.select(people))


@given(cks.guest_lists())
def test_the_counts_per_status_sum_to_the_number_of_invitations(
    guests: GuestList,
) -> None:
    counts = guests.counts()
    assert set(RsvpStatus) == set(counts)
    assert len(guests.rsvps) == sum(counts.values())
    for status in RsvpStatus:
        assert counts[status] == len(guests.members(status))


@given(cks.guest_lists(), st.lists(cks.connections(), max_size=8))
def test_inviting_adds_one_invited_rsvp_per_invitation_sent(
    guests: GuestList, people: list[Connection]
) -> None:
    last = max((r.invited_at for r in guests.rsvps), default=T0)
    result = invite(guests, people, now=max(last, T0))
    before, after = guests.counts(), result.guests.counts()
    assert before[RsvpStatus.INVITED] + len(result.sent) == after[RsvpStatus.INVITED]
    assert len(guests) + len(result.sent) == sum(after.values())
    assert all(isinstance(o, Sent | Refused) for o in result.outcomes)


@given(
    cks.weekly_caps(max_limit=5, max_window=dt.timedelta(days=3)),
    st.lists(st.integers(min_value=0, max_value=5 * 86_400), max_size=12),
)
def test_frees_at_is_the_first_moment_the_cap_allows_one_more(
    cap: WeeklyCap, offsets: list[int]
) -> None:
    sent = sorted(T0 + dt.timedelta(seconds=s) for s in offsets)
    now = sent[-1] if sent else T0
    when = cap.frees_at(sent, now=now)
    if when is None:
        assert cap.allowance(sent, now=now) > 0
    else:
        assert 0 == cap.allowance(sent, now=now)
        assert 0 == cap.allowance(sent, now=when - dt.timedelta(microseconds=1))
        assert 1 <= cap.allowance(sent, now=when)
