"""SLA invariants over generated tickets, conversations and calendars."""

import datetime as dt
from collections import Counter

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from carekit.business_hours import BusinessCalendar
from carekit.conversations import Conversation
from carekit.sla import (
    ServiceLevel,
    SlaEventKind,
    SlaMetric,
    SlaState,
    SlaStatus,
    evaluate,
    evaluate_queue,
    trace,
)
from carekit.testing import strategies as cks
from carekit.tickets import Ticket, TicketStatus

UTC = dt.UTC
TICK = dt.timedelta(microseconds=1)
START = dt.datetime(2024, 3, 1, tzinfo=UTC)

calendars = st.one_of(
    st.just(BusinessCalendar.weekly("UTC", range(5), [(dt.time(9), dt.time(17))])),
    cks.business_calendars(
        holidays=st.lists(
            st.dates(min_value=dt.date(2024, 3, 1), max_value=dt.date(2024, 4, 30)),
            max_size=4,
        )
    ),
)
cases = cks.sla_cases(
    starts=cks.aware_datetimes(
        min_value=dt.datetime(2024, 3, 1), max_value=dt.datetime(2024, 3, 31)
    )
)
terms = cks.service_levels()
later = st.integers(min_value=0, max_value=14 * 24 * 60).map(
    lambda m: dt.timedelta(minutes=m)
)
Case = tuple[Ticket, Conversation]


def last_step(case: Case) -> dt.datetime:
    ticket, conversation = case
    stamps = [ticket.updated_at, *(m.timestamp for m in conversation.messages)]
    return max(s.astimezone(UTC) for s in stamps)


@given(case=cases, calendar=calendars, after=later)
def test_a_first_response_deadline_is_that_much_business_time(
    case: Case, calendar: BusinessCalendar, after: dt.timedelta
) -> None:
    """ "Targets, each a duration on a BusinessCalendar": with no pauses and
    no answer, the deadline is the first instant at which the target's
    business time has passed since the creation."""
    ticket, conversation = case
    target = dt.timedelta(hours=1)
    level = ServiceLevel(first_response=target, pause_states=())
    now = last_step(case) + after
    first = evaluate(ticket, conversation, calendar, now=now, policy=level).status(
        SlaMetric.FIRST_RESPONSE
    )
    assert first is not None
    if first.deadline is None:
        return  # ended early, or the calendar never holds that much time
    created = ticket.created_at
    assert target == calendar.business_time(created, first.deadline)
    assert target > calendar.business_time(created, first.deadline - TICK)


@given(case=cases, calendar=calendars, level=terms, after=later)
def test_adding_a_pause_never_makes_a_deadline_earlier(
    case: Case, calendar: BusinessCalendar, level: ServiceLevel, after: dt.timedelta
) -> None:
    """ "The clock pauses in the states the policy names, and resumes where
    it stopped": pausing only takes time away from a clock."""
    ticket, conversation = case
    now = last_step(case) + after
    running = attrs.evolve(level, pause_states=())
    fast = evaluate(ticket, conversation, calendar, now=now, policy=running)
    slow = evaluate(ticket, conversation, calendar, now=now, policy=level)
    assert [m.metric for m in fast.metrics] == [m.metric for m in slow.metrics]
    for quick, paused in zip(fast.metrics, slow.metrics, strict=True):
        assert quick.episode == paused.episode
        if paused.deadline is not None:
            assert quick.deadline is not None
            assert paused.deadline >= quick.deadline


@given(case=cases, calendar=calendars, level=terms, after=later, more=later)
def test_each_breach_is_recorded_once_at_its_deadline(
    case: Case,
    calendar: BusinessCalendar,
    level: ServiceLevel,
    after: dt.timedelta,
    more: dt.timedelta,
) -> None:
    """ "Each breach belongs to one episode and is stamped at its deadline,
    not at the time someone asked": asking later finds the same breaches,
    and each episode has at most one."""
    ticket, conversation = case
    now = last_step(case) + after
    early = trace(ticket, conversation, calendar, now=now, policy=level)
    late = trace(ticket, conversation, calendar, now=now + more, policy=level)
    breaches = [e for e in early if e.kind is SlaEventKind.BREACH]
    later_breaches = [e for e in late if e.kind is SlaEventKind.BREACH]
    assert set(breaches) <= set(later_breaches)
    episodes = Counter((e.metric, e.episode) for e in later_breaches)
    assert all(1 == n for n in episodes.values())
    assert all(e.at <= now + more for e in later_breaches)
    status = evaluate(ticket, conversation, calendar, now=now, policy=level)
    for item in status.metrics:
        stamped = [
            e.at
            for e in breaches
            if (e.metric, e.episode) == (item.metric, item.episode)
        ]
        assert stamped == ([item.deadline] if stamped else [])
        if item.state is SlaState.BREACHED:
            assert [item.deadline] == stamped


@given(case=cases, calendar=calendars, level=terms, after=later)
def test_next_deadline_is_none_or_after_now_and_nothing_changes_before_it(
    case: Case, calendar: BusinessCalendar, level: ServiceLevel, after: dt.timedelta
) -> None:
    """ "next_deadline(now) gives the next instant at which a status can
    change": strictly after now, and asking just before it gives the same
    answer as asking at now."""
    ticket, conversation = case
    now = max(last_step(case) - dt.timedelta(hours=3) + after, ticket.created_at)
    status = evaluate(ticket, conversation, calendar, now=now, policy=level)
    upcoming = status.next_deadline(now)
    if upcoming is None:
        return
    assert upcoming > now
    before = evaluate(ticket, conversation, calendar, now=upcoming - TICK, policy=level)
    assert status.metrics == before.metrics


RANK = {SlaState.ON_TRACK: 0, SlaState.DUE_SOON: 1, SlaState.BREACHED: 2}


@given(
    case=cases,
    calendar=calendars,
    level=terms,
    steps=st.lists(later, min_size=2, max_size=6),
)
def test_states_only_move_forward_while_nothing_happens(
    case: Case,
    calendar: BusinessCalendar,
    level: ServiceLevel,
    steps: list[dt.timedelta],
) -> None:
    """ "The status sequence over increasing now is monotone (on track → due
    soon → breached) while nothing else happens"; a met target stays met."""
    ticket, conversation = case
    start = last_step(case)
    seen: dict[SlaMetric, SlaState] = {}
    for step in sorted(steps):
        status = evaluate(
            ticket, conversation, calendar, now=start + step, policy=level
        )
        for item in status.metrics:
            before = seen.get(item.metric)
            if before is SlaState.MET or item.state is SlaState.MET:
                assert before in (None, SlaState.MET)
                assert item.state is SlaState.MET
            elif before is not None:
                assert RANK[before] <= RANK[item.state]
            seen[item.metric] = item.state


@settings(max_examples=30)
@given(
    queue=st.lists(st.tuples(cases, terms), max_size=6),
    calendar=calendars,
    after=later,
)
def test_the_queue_equals_each_ticket_on_its_own(
    queue: list[tuple[Case, ServiceLevel]],
    calendar: BusinessCalendar,
    after: dt.timedelta,
) -> None:
    """ "The queue function equals the per-ticket function": prefix sums over
    the calendar's open spans give the same instants as the calendar."""
    items = [(attrs.evolve(t, id=f"t{i}"), c) for i, ((t, c), _) in enumerate(queue)]
    levels = {f"t{i}": level for i, (_, level) in enumerate(queue)}

    class PerTicket:
        def terms_for(self, ticket: Ticket) -> ServiceLevel:
            return levels[ticket.id]

    now = max((last_step(c) for c, _ in queue), default=START) + after
    policy = PerTicket()
    expected = [evaluate(t, c, calendar, now=now, policy=policy) for t, c in items]
    assert expected == list(evaluate_queue(items, calendar, now=now, policy=policy))


@given(status=cks.sla_statuses())
def test_a_status_is_as_urgent_as_its_worst_target(status: SlaStatus) -> None:
    order = [SlaState.MET, SlaState.ON_TRACK, SlaState.DUE_SOON, SlaState.BREACHED]
    if status.metrics:
        assert status.state == max((m.state for m in status.metrics), key=order.index)
    else:
        assert status.state is None


def pending_spans(
    ticket: Ticket, until: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The ticket's PENDING spells up to *until*, read from its history."""
    spans, since = [], None
    for event in ticket.history:
        if event.at > until:
            break
        pending = event.status is TicketStatus.PENDING
        if pending and since is None:
            since = event.at
        elif not pending and since is not None:
            spans.append((since, event.at))
            since = None
    if since is not None:
        spans.append((since, until))
    return spans


quick_cases = cks.sla_cases(
    starts=cks.aware_datetimes(
        min_value=dt.datetime(2024, 3, 1), max_value=dt.datetime(2024, 3, 31)
    ),
    gaps=st.integers(min_value=1, max_value=120).map(lambda m: dt.timedelta(minutes=m)),
)


@given(case=quick_cases, calendar=calendars, after=later)
def test_a_resolution_deadline_leaves_out_exactly_the_pending_time(
    case: Case, calendar: BusinessCalendar, after: dt.timedelta
) -> None:
    """ "The clock pauses in the states the policy names (default PENDING),
    and resumes where it stopped": the business time from the creation to
    the deadline, less the business time spent pending, is the target."""
    ticket, conversation = case
    target = dt.timedelta(hours=3)
    now = last_step(case) + after
    status = evaluate(
        ticket, conversation, calendar, now=now, policy=ServiceLevel(resolution=target)
    )
    resolution = status.status(SlaMetric.RESOLUTION)
    assert resolution is not None
    if resolution.episode != 1 or resolution.deadline is None:
        return  # reopened, or its time not used up yet
    deadline = resolution.deadline
    pending = sum(
        (
            calendar.business_time(start, min(end, deadline))
            for start, end in pending_spans(ticket, deadline)
            if start < deadline
        ),
        dt.timedelta(0),
    )
    assert target == calendar.business_time(ticket.created_at, deadline) - pending
