"""Instants compare as instants: every model holding a datetime is equal,
hashes and sorts by the instant, never by the wall clock (Python compares
two datetimes sharing a tzinfo by wall clock, wrong inside a DST fold)."""

import datetime as dt

import attrs
from hypothesis import given
from hypothesis import strategies as st

from carekit import AwaySchedule, Interval, IntervalSet
from carekit._instants import instant_key
from carekit.messages import AuthorKind, Direction, Message, MessageLog
from carekit.testing import strategies as cks
from tests.property._dst import near_dst


#: The same wall time again, in another zone or at the other fold.
def rewritten(moment: dt.datetime, zone: dt.tzinfo, fold: int) -> dt.datetime:
    return moment.astimezone(zone).replace(fold=fold)


moments = st.builds(rewritten, near_dst(), cks.timezones(), st.sampled_from([0, 1]))


def same_instant(a: dt.datetime, b: dt.datetime) -> bool:
    """The oracle: equal UTC readings (never ``a == b``)."""
    return a.astimezone(dt.UTC) == b.astimezone(dt.UTC)


@given(moments, moments)
def test_messages_are_equal_exactly_when_their_instants_are(
    a: dt.datetime, b: dt.datetime
) -> None:
    one = Message("m", a, Direction.OUTBOUND, AuthorKind.AGENT)
    two = Message("m", b, Direction.OUTBOUND, AuthorKind.AGENT)
    assert same_instant(a, b) == (one == two)
    assert same_instant(a, b) == (MessageLog([one]) == MessageLog([two]))
    if one == two:
        assert hash(one) == hash(two)


@given(moments, moments)
def test_intervals_are_equal_exactly_when_their_bounds_instants_are(
    a: dt.datetime, b: dt.datetime
) -> None:
    one, two = Interval(a, a), Interval(b, b)
    assert same_instant(a, b) == (one == two)
    if one == two:
        assert hash(one) == hash(two)


@given(cks.messages(), cks.timezones())
def test_a_message_in_another_zone_is_the_same_message(
    message: Message, zone: dt.tzinfo
) -> None:
    moved = attrs.evolve(message, timestamp=message.timestamp.astimezone(zone))
    assert message == moved
    assert hash(message) == hash(moved)


@given(moments, moments)
def test_instant_key_orders_like_utc(a: dt.datetime, b: dt.datetime) -> None:
    assert (a.astimezone(dt.UTC) < b.astimezone(dt.UTC)) == (
        instant_key(a) < instant_key(b)
    )


@given(st.lists(cks.intervals(starts=near_dst()), max_size=4))
def test_an_away_schedule_is_the_same_in_every_form(
    periods: list[Interval],
) -> None:
    """An interval set, a list of intervals, datetime pairs and the same
    pairs in any order build one schedule."""
    expected = AwaySchedule(IntervalSet(periods))
    pairs = [(i.start, i.end) for i in periods]
    assert expected == AwaySchedule(periods)
    assert expected == AwaySchedule(pairs)
    assert expected == AwaySchedule(pairs[::-1])
    assert expected == AwaySchedule([list(pair) for pair in pairs])
