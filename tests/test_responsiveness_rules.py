"""Threads and qualifying responses (Facebook, 2015), one rule each."""

import datetime as dt

import pytest

from carekit.responsiveness import (
    AwayRule,
    ResponseRules,
    ResponseStats,
    Role,
    measure_rows,
)

C, A, B, X, N = Role.CUSTOMER, Role.AGENT, Role.BOT, Role.AUTOMATED, Role.INTERNAL
MIN, HOUR, DAY = 60.0, 3600.0, 86400.0
T0 = 946_684_800.0  # 2000-01-01 00:00 UTC


def at(seconds: float) -> float:
    return T0 + seconds


def test_instant_reply_is_not_a_response() -> None:
    """ "Instant replies [...] never do" count as a qualifying response."""
    rows = [("c", at(0), C), ("c", at(1), X), ("c", at(10 * MIN), A)]
    assert (10 * MIN,) == measure_rows(rows).response_times


def test_away_message_is_not_a_response() -> None:
    """ "Away messages [...] never do" count as a qualifying response."""
    rows = [("c", at(0), C), ("c", at(2), X)]
    assert ResponseStats(1, 0) == measure_rows(rows)


def test_private_note_is_not_a_response_nor_a_message_either_way() -> None:
    """ "Private notes [...] never do"; a note is internal, never seen by the
    customer, so it does not break the 24 h silence either."""
    rows = [
        ("c", at(0), C),
        ("c", at(5 * MIN), N),
        ("c", at(12 * HOUR), N),
        ("c", at(DAY), C),  # 24 h after the last message either way
        ("c", at(DAY + 3 * MIN), A),
    ]
    stats = measure_rows(rows)
    assert 2 == stats.eligible
    assert (3 * MIN,) == stats.response_times


def test_template_and_survey_never_qualify_nor_break_the_silence() -> None:
    """Automatic messages "never qualify as a response and never break the
    silence": a page must not be able to reshape its threads by automation,
    so the customer's message 30 h after the first opens a second thread."""
    rows = [("c", at(0), C), ("c", at(20 * HOUR), X), ("c", at(30 * HOUR), C)]
    assert ResponseStats(2, 0) == measure_rows(rows)


def test_bot_reply_counts_only_when_the_policy_says_so() -> None:
    """ "sent by an agent (policy option: bots/API count too)"."""
    rows = [("c", at(0), C), ("c", at(30), B), ("c", at(10 * MIN), A)]
    assert (10 * MIN,) == measure_rows(rows).response_times
    bots = ResponseRules(count_bots=True)
    assert (30.0,) == measure_rows(rows, policy=bots).response_times


def test_burst_is_timed_from_its_first_message() -> None:
    """A thread starts at the customer message that opens it; later messages
    of the same burst do not restart the clock."""
    rows = [
        ("c", at(0), C),
        ("c", at(1 * MIN), C),
        ("c", at(2 * MIN), C),
        ("c", at(4 * MIN), A),
    ]
    assert ResponseStats(1, 1, response_times=[4 * MIN]) == measure_rows(rows)


def test_24h_of_silence_starts_a_new_thread() -> None:
    """ "follows at least 24 h with no message either way": exactly 24 h."""
    rows = [("c", at(0), C), ("c", at(5), A), ("c", at(5 + DAY), C)]
    assert 2 == measure_rows(rows).eligible


def test_24h_minus_a_minute_does_not_start_a_new_thread() -> None:
    """24 h − 1 min of silence is not "at least 24 h"."""
    rows = [("c", at(0), C), ("c", at(5), A), ("c", at(5 + DAY - MIN), C)]
    assert 1 == measure_rows(rows).eligible


def test_silence_counts_messages_either_way() -> None:
    """An agent message 1 h ago breaks the silence: no new thread."""
    rows = [("c", at(0), C), ("c", at(DAY + HOUR), A), ("c", at(DAY + 2 * HOUR), C)]
    assert 1 == measure_rows(rows).eligible


def test_reply_after_the_window_is_not_counted() -> None:
    """Response rate counts threads "with a qualifying response within the
    window (default 24 h)"; a reply at exactly 24 h is within it."""
    late = [("c", at(0), C), ("c", at(DAY + 1), A)]
    on_time = [("c", at(0), C), ("c", at(DAY), A)]
    assert ResponseStats(1, 0) == measure_rows(late)
    assert ResponseStats(1, 1, response_times=[DAY]) == measure_rows(on_time)


def test_only_the_first_reply_times_a_thread() -> None:
    """ "the first later outbound message" qualifies; later ones change nothing."""
    rows = [("c", at(0), C), ("c", at(90), A), ("c", at(95), C), ("c", at(99), A)]
    assert ResponseStats(1, 1, response_times=[90.0]) == measure_rows(rows)


def test_page_initiated_conversation_has_no_thread_until_24h_of_silence() -> None:
    """A conversation the page opens has no thread: the customer's answer
    follows a message "either way" by less than 24 h."""
    rows = [
        ("c", at(0), A),
        ("c", at(2 * HOUR), C),
        ("c", at(2 * HOUR + 5), A),
        ("c", at(2 * HOUR + 5 + DAY), C),
        ("c", at(2 * HOUR + 5 + DAY + 60), A),
    ]
    assert ResponseStats(1, 1, response_times=[60.0]) == measure_rows(rows)


def test_thread_starting_while_away_is_excluded() -> None:
    """ "When the away feature is enabled, Facebook doesn't factor the
    messages the page receives into the page's response rate." (seed)"""
    away = [(at(0), at(8 * HOUR))]
    rows = [("c", at(HOUR), C), ("c", at(9 * HOUR), A)]
    assert ResponseStats(0, 0, 1) == measure_rows(rows, away=away)


@pytest.mark.parametrize(
    ("start", "excluded"),
    [(0.0, 1), (8 * HOUR - 1, 1), (8 * HOUR, 0), (-1.0, 0)],
)
def test_away_interval_is_half_open(start: float, excluded: int) -> None:
    """Away periods are ``[start, end)``: a thread at the start is away, one
    at the end is not."""
    away = [(at(0), at(8 * HOUR))]
    rows = [("c", at(start), C), ("c", at(start + 60), A)]
    assert excluded == measure_rows(rows, away=away).excluded_away


def test_deferred_thread_is_timed_from_the_end_of_the_away_period() -> None:
    """Preset option: "time it from the end of the away period instead"
    (later Facebook rule); touching periods are one away period."""
    away = [(at(4 * HOUR), at(8 * HOUR)), (at(0), at(4 * HOUR))]
    defer = ResponseRules(away=AwayRule.DEFER)
    rows = [("c", at(HOUR), C), ("c", at(8 * HOUR + 120), A)]
    assert ResponseStats(1, 1, response_times=[120.0]) == measure_rows(
        rows, away=away, policy=defer
    )


def test_deferred_thread_answered_while_still_away_takes_no_time() -> None:
    """Response time is ``max(0, reply − effective start)``."""
    defer = ResponseRules(away=AwayRule.DEFER)
    rows = [("c", at(HOUR), C), ("c", at(2 * HOUR), A)]
    stats = measure_rows(rows, away=[(at(0), at(8 * HOUR))], policy=defer)
    assert (0.0,) == stats.response_times


def test_no_data_gives_no_rate_never_a_division_error() -> None:
    """ "No eligible threads → no rate (None), never a division error"."""
    stats = measure_rows([])
    assert (None, None, None) == (stats.rate, stats.median(), stats.mean())
    assert ResponseStats(0, 0) == stats


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_values() -> None:
    """Median of an even count = mean of the two middle values."""
    rows = [(cid, at(0), C) for cid in "abcd"] + [
        ("a", at(60), A),
        ("b", at(120), A),
        ("c", at(240), A),
        ("d", at(600), A),
    ]
    assert 180.0 == measure_rows(rows).median()


def test_conversations_may_interleave_and_ties_keep_their_order() -> None:
    """Rows are in time order within each conversation; equal times keep
    their given order (the reply after the question answers it in 0 s)."""
    rows = [
        ("a", at(0), C),
        ("b", at(0), C),
        ("a", at(0), A),
        ("b", at(30), A),
    ]
    assert ResponseStats(2, 2, response_times=[0.0, 30.0]) == measure_rows(rows)


def test_window_and_silence_are_policy_parameters() -> None:
    """Thresholds are parameters: a 1 h window, a 2 h silence."""
    policy = ResponseRules(dt.timedelta(hours=1), dt.timedelta(hours=2))
    rows = [
        ("c", at(0), C),
        ("c", at(2 * HOUR), C),  # new thread: 2 h of silence
        ("c", at(2 * HOUR + 61 * MIN), A),  # 61 min: outside the 1 h window
    ]
    assert ResponseStats(2, 0) == measure_rows(rows, policy=policy)
