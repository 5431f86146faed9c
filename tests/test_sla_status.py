"""SLA statuses and history on a Mon–Fri 09:00–17:00 UTC calendar: the
examples the rules promise."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from carekit.business_hours import BusinessCalendar
from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue
from carekit.messages import AuthorKind, Direction, Message, MessageKind
from carekit.sla import (
    ServiceLevel,
    SlaEvent,
    SlaEventKind,
    SlaMetric,
    SlaState,
    evaluate,
    evaluate_queue,
    trace,
)
from carekit.tickets import Open, Reopen, Resolve, Resume, Ticket, Wait

UTC = dt.UTC
HOUR = dt.timedelta(hours=1)
WEEKDAYS = BusinessCalendar.weekly("UTC", range(5), [(dt.time(9), dt.time(17))])
FIRST = SlaMetric.FIRST_RESPONSE
NEXT = SlaMetric.NEXT_RESPONSE


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """March 2024, in UTC: the 1st is a Friday, the 4th a Monday."""
    return dt.datetime(2024, 3, day, hour, minute, tzinfo=UTC)


def ask(ident: str, when: dt.datetime) -> Message:
    return Message(ident, when, Direction.INBOUND, AuthorKind.CUSTOMER)


def answer(
    ident: str,
    when: dt.datetime,
    author: AuthorKind = AuthorKind.AGENT,
    kind: MessageKind = MessageKind.REPLY,
) -> Message:
    return Message(ident, when, Direction.OUTBOUND, author, kind=kind)


def chat(*messages: Message) -> Conversation:
    return Conversation("c", Channel.MESSENGER, customer_id="u", messages=messages)


def ticket(created: dt.datetime) -> Ticket:
    return Ticket("t", created_at=created, conversation_ids=["c"])


def pending_from_10_to_14() -> Ticket:
    """Created and opened Monday 09:00, pending from 10:00 to 14:00."""
    case = ticket(at(4, 9))
    case, _ = case.apply(Open("a"), now=at(4, 9))
    case, _ = case.apply(Wait("a"), now=at(4, 10))
    case, _ = case.apply(Resume("a"), now=at(4, 14))
    return case


FRIDAY = ticket(at(1, 16, 30))
ONE_HOUR = ServiceLevel(first_response=HOUR)


def first_state(conversation: Conversation, now: dt.datetime) -> SlaState:
    status = evaluate(FRIDAY, conversation, WEEKDAYS, now=now, policy=ONE_HOUR)
    found = status.status(FIRST)
    assert found is not None
    return found.state


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(4, 9), SlaState.ON_TRACK),
        (at(4, 9, 20), SlaState.DUE_SOON),
        (at(4, 9, 31), SlaState.BREACHED),
    ],
)
def test_first_response_counts_business_time_over_the_weekend(
    now: dt.datetime, expected: SlaState
) -> None:
    """Created Friday 16:30 with a 1 h business first-response target: 30
    minutes on Friday, 30 on Monday, so due Monday 09:30, due soon from
    09:15 (the 15-minute warning)."""
    assert expected == first_state(chat(ask("q", at(1, 16, 30))), now)


def test_the_deadline_and_warning_are_reported() -> None:
    status = evaluate(FRIDAY, chat(), WEEKDAYS, now=at(4, 9), policy=ONE_HOUR)
    first = status.status(FIRST)
    assert first is not None
    assert at(4, 9, 30) == first.deadline
    assert at(4, 9, 15) == first.due_soon_at
    assert at(4, 9, 15) == status.next_deadline(at(4, 9))
    assert at(4, 9, 30) == status.next_deadline(at(4, 9, 15))
    assert status.next_deadline(at(4, 9, 30)) is None


@pytest.mark.parametrize("reply", [at(4, 9, 10), at(4, 9, 30)])
def test_an_answer_by_the_deadline_meets_it(reply: dt.datetime) -> None:
    """ "A reply exactly at the deadline meets it." """
    conversation = chat(ask("q", at(1, 16, 30)), answer("a", reply))
    assert SlaState.MET == first_state(conversation, at(4, 12))


def test_an_answer_after_the_deadline_leaves_it_breached() -> None:
    conversation = chat(ask("q", at(1, 16, 30)), answer("a", at(4, 9, 31)))
    assert SlaState.BREACHED == first_state(conversation, at(4, 12))


def test_a_pending_spell_moves_the_resolution_deadline() -> None:
    """Created Monday 09:00 with a 4 h resolution target, pending from 10:00
    to 14:00: one hour counted before, three after, so due at 17:00."""
    case = pending_from_10_to_14()
    terms = ServiceLevel(resolution=4 * HOUR)
    status = evaluate(case, chat(), WEEKDAYS, now=at(4, 15), policy=terms)
    resolution = status.status(SlaMetric.RESOLUTION)
    assert resolution is not None
    assert at(4, 17) == resolution.deadline
    assert SlaState.ON_TRACK == resolution.state


def test_a_paused_clock_has_no_deadline_until_it_resumes() -> None:
    case = ticket(at(4, 9))
    case, _ = case.apply(Open("a"), now=at(4, 9))
    case, _ = case.apply(Wait("a"), now=at(4, 10))
    terms = ServiceLevel(resolution=4 * HOUR)
    status = evaluate(case, chat(), WEEKDAYS, now=at(4, 16), policy=terms)
    resolution = status.status(SlaMetric.RESOLUTION)
    assert resolution is not None
    assert resolution.paused
    assert resolution.deadline is None
    assert status.next_deadline(at(4, 16)) is None


@pytest.mark.parametrize(
    ("author", "kind"),
    [
        (AuthorKind.AGENT, MessageKind.PRIVATE_NOTE),
        (AuthorKind.AUTOMATION, MessageKind.INSTANT_REPLY),
        (AuthorKind.AUTOMATION, MessageKind.AWAY_MESSAGE),
        (AuthorKind.AUTOMATION, MessageKind.TEMPLATE),
        (AuthorKind.BOT, MessageKind.REPLY),
    ],
)
def test_notes_and_automatic_messages_do_not_answer(
    author: AuthorKind, kind: MessageKind
) -> None:
    """ "A private note never does, and neither do automatic messages. Bots
    only when the policy says so." """
    conversation = chat(ask("q", at(1, 16, 30)), answer("x", at(4, 9, 5), author, kind))
    assert SlaState.BREACHED == first_state(conversation, at(4, 9, 31))


def test_a_bot_answers_when_the_terms_count_bots() -> None:
    conversation = chat(answer("x", at(4, 9, 5), AuthorKind.BOT))
    terms = ServiceLevel(first_response=HOUR, count_bots=True)
    status = evaluate(FRIDAY, conversation, WEEKDAYS, now=at(4, 10), policy=terms)
    assert SlaState.MET == status.state


def test_a_reopened_ticket_starts_a_new_next_response_episode() -> None:
    """Answered, resolved, then the customer writes again and the ticket is
    reopened: next response starts over from the reopening."""
    case = ticket(at(4, 9))
    case, _ = case.apply(Open("a"), now=at(4, 9))
    case, _ = case.apply(Resolve("a"), now=at(4, 11))
    case, _ = case.apply(Reopen("a"), now=at(4, 13))
    conversation = chat(
        ask("q1", at(4, 9)),
        answer("a1", at(4, 9, 10)),
        ask("q2", at(4, 10)),
        answer("a2", at(4, 10, 20)),
        ask("q3", at(4, 12)),
    )
    terms = ServiceLevel(first_response=HOUR, next_response=HOUR)
    status = evaluate(case, conversation, WEEKDAYS, now=at(4, 13, 50), policy=terms)
    nxt = status.status(NEXT)
    assert nxt is not None
    assert 2 == nxt.episode
    assert SlaState.DUE_SOON == nxt.state
    assert at(4, 14) == nxt.deadline  # an hour from the reopening, not from q3
    events = trace(case, conversation, WEEKDAYS, now=at(4, 13, 50), policy=terms)
    assert [
        SlaEvent(at(4, 10), NEXT, SlaEventKind.ACTIVATE, episode=1),
        SlaEvent(at(4, 10, 20), NEXT, SlaEventKind.FULFIL, episode=1),
        SlaEvent(at(4, 13), NEXT, SlaEventKind.ACTIVATE, episode=2),
    ] == [e for e in events if e.metric is NEXT]


def test_next_response_counts_from_the_first_unanswered_message() -> None:
    """Two customer messages in a row: the clock runs from the first."""
    conversation = chat(
        answer("a0", at(4, 9)),
        ask("q1", at(4, 10)),
        ask("q2", at(4, 10, 40)),
    )
    terms = ServiceLevel(next_response=HOUR)
    status = evaluate(
        ticket(at(4, 9)), conversation, WEEKDAYS, now=at(4, 10, 50), policy=terms
    )
    nxt = status.status(NEXT)
    assert nxt is not None
    assert at(4, 11) == nxt.deadline


def test_periodic_update_runs_between_answers() -> None:
    conversation = chat(answer("a1", at(4, 9)), answer("a2", at(4, 10)))
    terms = ServiceLevel(periodic_update=2 * HOUR)
    status = evaluate(
        ticket(at(4, 9)), conversation, WEEKDAYS, now=at(4, 11), policy=terms
    )
    periodic = status.status(SlaMetric.PERIODIC_UPDATE)
    assert periodic is not None
    assert (2, at(4, 12)) == (periodic.episode, periodic.deadline)


def test_a_holiday_is_skipped() -> None:
    """Monday 4 March a holiday: the Friday ticket is due Tuesday 09:30."""
    calendar = BusinessCalendar.weekly(
        "UTC", range(5), [(dt.time(9), dt.time(17))], holidays=[dt.date(2024, 3, 4)]
    )
    status = evaluate(FRIDAY, chat(), calendar, now=at(4, 12), policy=ONE_HOUR)
    first = status.status(FIRST)
    assert first is not None
    assert (SlaState.ON_TRACK, at(5, 9, 30)) == (first.state, first.deadline)


def test_a_dst_change_is_crossed_by_instant() -> None:
    """Berlin moves to summer time on Sunday 31 March 2024. Created Friday
    16:30 CET (15:30 UTC), 1 h: due Monday 09:30 CEST, 07:30 UTC."""
    berlin = ZoneInfo("Europe/Berlin")
    calendar = BusinessCalendar.weekly(
        "Europe/Berlin", range(5), [(dt.time(9), dt.time(17))]
    )
    case = ticket(dt.datetime(2024, 3, 29, 16, 30, tzinfo=berlin))
    now = dt.datetime(2024, 4, 1, 9, tzinfo=berlin)
    status = evaluate(case, chat(), calendar, now=now, policy=ONE_HOUR)
    first = status.status(FIRST)
    assert first is not None
    assert dt.datetime(2024, 4, 1, 7, 30, tzinfo=UTC) == first.deadline


def test_a_breach_is_stamped_at_its_deadline_whenever_asked() -> None:
    for now in (at(4, 9, 31), at(5, 12), at(20, 12)):
        events = trace(FRIDAY, chat(), WEEKDAYS, now=now, policy=ONE_HOUR)
        assert [
            SlaEvent(at(1, 16, 30), FIRST, SlaEventKind.ACTIVATE, episode=1),
            SlaEvent(at(4, 9, 30), FIRST, SlaEventKind.BREACH, episode=1),
        ] == list(events)


def test_the_history_shows_pauses_and_resumes() -> None:
    case = ticket(at(4, 9))
    case, _ = case.apply(Open("a"), now=at(4, 9))
    case, _ = case.apply(Wait("a"), now=at(4, 9, 10))
    case, _ = case.apply(Resume("a"), now=at(4, 9, 40))
    conversation = chat(answer("a1", at(4, 10)))
    events = trace(case, conversation, WEEKDAYS, now=at(4, 12), policy=ONE_HOUR)
    assert [
        SlaEventKind.ACTIVATE,
        SlaEventKind.PAUSE,
        SlaEventKind.RESUME,
        SlaEventKind.FULFIL,
    ] == [e.kind for e in events]


def test_resolving_ends_every_running_episode() -> None:
    case = ticket(at(4, 9))
    case, _ = case.apply(Open("a"), now=at(4, 9))
    case, _ = case.apply(Resolve("a"), now=at(4, 9, 20))
    terms = ServiceLevel(first_response=HOUR, resolution=HOUR)
    status = evaluate(case, chat(), WEEKDAYS, now=at(5, 9), policy=terms)
    assert [SlaState.MET, SlaState.MET] == [m.state for m in status.metrics]
    assert status.next_deadline(at(5, 9)) is None


def test_asking_about_the_past_sees_the_next_recorded_change() -> None:
    case = pending_from_10_to_14()
    terms = ServiceLevel(resolution=8 * HOUR)
    status = evaluate(case, chat(), WEEKDAYS, now=at(4, 11), policy=terms)
    assert at(4, 14) == status.next_deadline(at(4, 11))  # the resume


def test_the_queue_gives_each_ticket_its_own_status() -> None:
    cases = [(FRIDAY, chat()), (ticket(at(4, 9)), chat(answer("a", at(4, 9, 5))))]
    queue = evaluate_queue(cases, WEEKDAYS, now=at(4, 9, 20), policy=ONE_HOUR)
    assert [SlaState.DUE_SOON, SlaState.MET] == [s.state for s in queue]
    expected = [
        evaluate(t, c, WEEKDAYS, now=at(4, 9, 20), policy=ONE_HOUR) for t, c in cases
    ]
    assert expected == list(queue)


def test_a_conversation_of_another_ticket_is_refused() -> None:
    other = Conversation("other", Channel.MESSENGER, customer_id="u")
    with pytest.raises(InvalidValue, match="not linked"):
        evaluate(FRIDAY, other, WEEKDAYS, now=at(4, 9), policy=ONE_HOUR)


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(InvalidValue, match="now"):
        evaluate(FRIDAY, chat(), WEEKDAYS, now=dt.datetime(2024, 3, 4), policy=ONE_HOUR)


def test_a_policy_of_ones_own_works_in_place_of_the_default() -> None:
    class Urgent:
        def terms_for(self, ticket: Ticket) -> ServiceLevel:
            return ServiceLevel(first_response=dt.timedelta(minutes=10))

    status = evaluate(FRIDAY, chat(), WEEKDAYS, now=at(4, 9), policy=Urgent())
    first = status.status(FIRST)
    assert first is not None
    assert at(1, 16, 40) == first.deadline  # 10 minutes: all of them on Friday
    assert SlaState.BREACHED == first.state


def test_the_queue_reads_like_a_sequence_of_statuses() -> None:
    cases = [(FRIDAY, chat()), (ticket(at(4, 9)), chat())]
    queue = evaluate_queue(cases, WEEKDAYS, now=at(4, 9, 20), policy=ONE_HOUR)
    assert 2 == len(queue)
    assert ("t", "t") == queue.ticket_ids
    assert at(4, 9, 20) == queue.at
    assert tuple(queue) == queue[0:2]
    assert [SlaState.DUE_SOON, SlaState.ON_TRACK] == list(queue.states)
    # the first ticket is due at 09:30; the second warns at 09:45
    assert at(4, 9, 30) == queue.next_deadline(at(4, 9, 20))
    assert at(4, 9, 45) == queue.next_deadline(at(4, 9, 30))
    assert "2 tickets" in repr(queue)


def test_an_empty_queue_has_nothing_to_wait_for() -> None:
    queue = evaluate_queue([], WEEKDAYS, now=at(4, 9), policy=ONE_HOUR)
    assert 0 == len(queue)
    assert queue.next_deadline(at(4, 9)) is None


def test_a_queue_item_that_is_not_a_pair_is_refused() -> None:
    with pytest.raises(InvalidValue, match=r"items\[0\]"):
        evaluate_queue([FRIDAY], WEEKDAYS, now=at(4, 9), policy=ONE_HOUR)  # type: ignore[list-item]
