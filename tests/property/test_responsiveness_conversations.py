"""Rich conversations go through the same rules as rows: whichever
form the page's data takes, ``measure_conversations`` and ``decide`` give the
answer they give for the equivalent rows and away periods.

The rows carry float epoch seconds, exact for whole seconds; the generated
instants are whole seconds so that both sides see the same instants (at finer
resolution only the conversation path is exact to the microsecond, which
``tests/test_responsiveness_conversations.py`` checks at the 24 h boundary).
"""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from carekit import AwaySchedule, Interval, IntervalSet
from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    Direction,
    Message,
    MessageKind,
)
from carekit.responsiveness import (
    BadgeCriteria,
    ResponseRules,
    decide,
    measure_conversations,
    measure_rows,
    role_of,
)
from carekit.responsiveness._adapter import conversation_rows
from carekit.testing import strategies as cks

Rows = list[tuple[int, float, int]]

#: A Monday; every generated message falls in the four days after it.
BASE = dt.datetime(2000, 1, 3, tzinfo=dt.UTC)
#: Offsets (seconds from BASE) on the rule boundaries: 24 h silence and
#: window, 5 and 15 minute badge thresholds, opening at 07:00, closing 22:00.
BOUNDARIES = (0, 1, 60, 299, 300, 301, 900, 901, 25200, 79200, 86399, 86400, 86401)
#: Wide enough to hold every generated message plus any policy window.
SPAN = Interval(BASE - dt.timedelta(days=7), BASE + dt.timedelta(days=30))
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def instants() -> st.SearchStrategy[dt.datetime]:
    """Whole-second instants over four days from BASE, shown in any zone,
    often at rule boundaries (so equal times and exact 24 h gaps occur)."""
    seconds = st.sampled_from(BOUNDARIES) | st.integers(0, 4 * 86400)
    return st.builds(
        lambda s, zone: (BASE + dt.timedelta(seconds=s)).astimezone(zone),
        seconds,
        cks.timezones(),
    )


def _whole_second(moment: dt.datetime) -> dt.datetime:
    floor = moment.astimezone(dt.UTC).replace(microsecond=0)
    return floor.astimezone(moment.tzinfo)


def _whole_seconds(periods: IntervalSet) -> IntervalSet:
    return IntervalSet(
        Interval(_whole_second(i.start), _whole_second(i.end)) for i in periods
    )


def schedules() -> st.SearchStrategy[AwaySchedule]:
    """Away schedules whose manual periods and holidays fall near the data."""
    manual = cks.interval_sets(
        elements=cks.intervals(
            starts=instants(),
            durations=st.timedeltas(dt.timedelta(0), dt.timedelta(days=2)),
        ),
        max_size=3,
    ).map(_whole_seconds)
    holidays = st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2000, 1, 8)), max_size=3)
    calendars = st.none() | cks.business_calendars(holidays=holidays)
    return cks.away_schedules(manual=manual, calendars=calendars)


@st.composite
def dialogues(draw: st.DrawFn) -> Conversation:
    """Conversations mostly of customer messages and agent replies, a
    boundary gap or a few hours apart, so that threads get answered
    (``cks.conversations`` draws every author and kind alike: one message in
    24 is an agent's reply)."""
    authors = [AuthorKind.CUSTOMER, AuthorKind.AGENT] * 2 + [*AuthorKind]
    kinds = [MessageKind.REPLY] * 4 + [*MessageKind]
    gaps = (
        st.sampled_from(BOUNDARIES)
        | st.integers(0, 3 * 3600)
        | st.integers(0, 2 * 86400)
    )
    when = draw(instants())
    items = []
    for index in range(draw(st.integers(1, 6))):
        author = draw(st.sampled_from(authors))
        inbound = author is AuthorKind.CUSTOMER
        kind = MessageKind.REPLY if inbound else draw(st.sampled_from(kinds))
        direction = Direction.INBOUND if inbound else Direction.OUTBOUND
        items.append(Message(f"m{index}", when, direction, author, kind=kind))
        when += dt.timedelta(seconds=draw(gaps))
    return Conversation("c", Channel.MESSENGER, customer_id="ana", messages=items)


def pages() -> st.SearchStrategy[list[Conversation]]:
    """Up to four conversations, from the public strategy or dialogues."""
    page = dialogues() | cks.conversations(max_size=6, timestamps=instants())
    return st.lists(page, max_size=4)


def rows_of(conversations: list[Conversation]) -> Rows:
    """One row per message: the conversation's index, epoch seconds, role."""
    return [
        (index, m.timestamp.timestamp(), int(role_of(m.direction, m.author, m.kind)))
        for index, conversation in enumerate(conversations)
        for m in conversation.messages
    ]


def pairs_of(schedule: AwaySchedule) -> list[tuple[float, float]]:
    """The schedule's away periods over SPAN as epoch-second pairs."""
    periods = schedule.periods(SPAN.start, SPAN.end)
    return [(i.start.timestamp(), i.end.timestamp()) for i in periods]


@given(
    pages(),
    schedules(),
    cks.response_policies(),
    st.none() | instants(),
    st.none() | instants(),
)
def test_conversations_give_the_answer_of_their_rows(
    conversations: list[Conversation],
    schedule: AwaySchedule,
    policy: ResponseRules,
    since: dt.datetime | None,
    until: dt.datetime | None,
) -> None:
    """``measure_conversations(convs, away=schedule)`` equals ``measure_rows`` over
    the same messages as rows and the schedule's periods as epoch pairs."""
    expected = measure_rows(
        rows_of(conversations),
        away=pairs_of(schedule),
        policy=policy,
        since=since,
        until=until,
    )
    actual = measure_conversations(
        conversations, away=schedule, policy=policy, since=since, until=until
    )
    assert expected == actual


@given(pages(), schedules(), cks.badge_policies(), instants())
def test_the_badge_over_conversations_is_the_badge_over_their_rows(
    conversations: list[Conversation],
    schedule: AwaySchedule,
    badge: BadgeCriteria,
    as_of: dt.datetime,
) -> None:
    """``decide`` gives one decision for conversations with a schedule and
    for their rows with the schedule's periods, trailing windows included."""
    expected = decide(
        rows_of(conversations), policy=badge, as_of=as_of, away=pairs_of(schedule)
    )
    assert expected == decide(conversations, policy=badge, as_of=as_of, away=schedule)


@given(st.lists(cks.conversations(max_size=6), max_size=4))
def test_each_message_becomes_its_role_at_its_exact_microsecond(
    conversations: list[Conversation],
) -> None:
    """The adapter's fast classification is :func:`role_of`, and its times
    are the timestamps' exact microseconds, for every kind of valid message
    in any zone from 2000 to 2100."""
    rows = conversation_rows(conversations)
    messages = [(i, m) for i, c in enumerate(conversations) for m in c.messages]
    assert [i for i, _ in messages] == rows.ids
    assert [role_of(m.direction, m.author, m.kind) for _, m in messages] == rows.roles
    tick = dt.timedelta(microseconds=1)
    assert [(m.timestamp - EPOCH) // tick for _, m in messages] == rows.times
