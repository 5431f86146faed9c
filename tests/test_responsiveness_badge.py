"""The "Very responsive to messages" badge (Internet Retailer, December 2015)."""

import datetime as dt
from typing import Any

import pytest

from carekit import InvalidValue
from carekit.responsiveness import (
    ALL_DATA,
    BADGE_2015,
    BADGE_2016,
    LAST_7_DAYS,
    LAST_30_DAYS_MIN_10_THREADS,
    AwayRule,
    BadgeCriteria,
    Comparison,
    ConditionResult,
    EvaluationWindow,
    Mean,
    ResponseAccumulator,
    ResponseStats,
    Role,
    decide,
)

C, A = Role.CUSTOMER, Role.AGENT
MIN, DAY = 60.0, 86400.0


def stats(times: list[float], eligible: int) -> ResponseStats:
    return ResponseStats(eligible, len(times), response_times=times)


def test_2015_preset_is_the_seed_rule() -> None:
    """Seed: pages "that respond to 90% of messages and have a median response
    time of less than 5 minutes" get the badge."""
    decision = decide(stats([60.0] * 9, eligible=10), policy=BADGE_2015)
    assert decision.awarded
    assert (
        "response rate 90 % ≥ 90 %: passed (exactly at the threshold)",
        "median response time 1 min < 5 min: passed by 4 min",
    ) == decision.reasons


def test_2015_median_of_exactly_5_minutes_fails() -> None:
    """ "less than 5 minutes" is strict."""
    decision = decide(stats([300.0], eligible=1), policy=BADGE_2015)
    assert not decision.awarded
    rate, speed = decision.conditions
    assert rate.passed
    assert (
        ConditionResult("median response time", False, 300.0, 300.0, "<", 0.0) == speed
    )
    assert (
        "median response time 5 min is not < 5 min: failed (exactly at the threshold)"
        == decision.reasons[1]
    )


def test_decision_says_which_condition_failed_and_by_how_much() -> None:
    """ "the decision explains which condition failed"."""
    decision = decide(stats([390.0] * 8, eligible=10), policy=BADGE_2015)
    rate, speed = decision.conditions
    assert (False, False) == (rate.passed, speed.passed)
    assert pytest.approx(-0.1) == rate.margin
    assert -90.0 == speed.margin
    assert (
        "response rate 80 % < 90 %: failed by 10 points",
        "median response time 6 min 30 s is not < 5 min: failed by 1 min 30 s",
    ) == decision.reasons


def test_no_data_is_not_awarded_with_that_reason() -> None:
    decision = decide(ResponseStats(0, 0, 3), policy=BADGE_2015)
    assert not decision.awarded
    assert all(c.actual is None and c.margin is None for c in decision.conditions)
    assert (
        "no data: no eligible thread in all data, so nothing to judge",
    ) == decision.reasons


def test_eligible_but_unanswered_fails_both_conditions() -> None:
    decision = decide(ResponseStats(2, 0), policy=BADGE_2015)
    assert not decision.awarded
    assert (
        "response rate 0 % < 90 %: failed by 90 points",
        "median response time: no thread answered",
    ) == decision.reasons


def test_2016_preset_allows_15_minutes_inclusive_over_7_days_with_away_deferred() -> (
    None
):
    """Later preset: "≥ 90 % and ≤ 15 minutes over the last 7 days"."""
    assert BADGE_2016.max_response == dt.timedelta(minutes=15)
    assert BADGE_2016.comparison is Comparison.AT_MOST
    assert BADGE_2016.window == LAST_7_DAYS
    assert BADGE_2016.response.away is AwayRule.DEFER
    rows = [("a", 0.0, C), ("a", 900.0, A)]
    assert decide(rows, policy=BADGE_2016, as_of=7 * 86400.0).awarded


def test_2016_looks_at_the_7_days_before_as_of() -> None:
    """Threads older than 7 days do not count; neither do messages from
    ``as_of`` on."""
    as_of = 30 * DAY
    rows = [
        ("old", as_of - 8 * DAY, C),  # before the window: slow, ignored
        ("old", as_of - 8 * DAY + 3600, A),
        ("new", as_of - 2 * DAY, C),
        ("new", as_of - 2 * DAY + 10 * MIN, A),
        ("late", as_of + 60, C),  # after as_of: ignored
    ]
    decision = decide(rows, policy=BADGE_2016, as_of=as_of)
    assert ResponseStats(1, 1, response_times=[600.0]) == decision.stats
    assert decision.awarded
    assert not decide(rows, policy=BADGE_2015).awarded


def test_threads_still_inside_their_window_at_as_of_are_pending() -> None:
    rows = [("a", 0.0, C), ("a", 60.0, A), ("b", 100.0, C)]
    decision = decide(rows, policy=BADGE_2015, as_of=200.0)
    assert 1 == decision.stats.pending
    assert decision.awarded


def test_a_fractional_as_of_over_rows_is_not_rounded() -> None:
    """Messages at or after ``as_of`` are ignored to the fraction of a second:
    a reply 0.1 s after it does not answer the thread."""
    rows = [("a", 1000.0, C), ("a", 1000.8, A)]
    assert (
        ResponseStats(0, 0, pending=1)
        == decide(rows, policy=BADGE_2016, as_of=1000.7).stats
    )


def test_trailing_window_needs_as_of_and_the_messages() -> None:
    with pytest.raises(InvalidValue) as info:
        decide([("a", 0.0, C)], policy=BADGE_2016)
    assert "as_of" == info.value.field
    with pytest.raises(InvalidValue) as info:
        decide(ResponseStats(1, 1, response_times=[1.0]), policy=BADGE_2016, as_of=5)
    assert "source" == info.value.field


def test_decide_accepts_stats_accumulators_and_row_iterators() -> None:
    rows = [("a", 0.0, C), ("a", 60.0, A)]
    by_rows = decide(iter(rows))
    assert by_rows == decide(by_rows.stats)
    assert by_rows == decide(ResponseAccumulator().feed(rows))
    assert decide([]).reasons[0].startswith("no data")


def test_floor_reaches_back_to_the_last_n_threads() -> None:
    """The evaluation window: "30 days with a floor of the last 10 threads"."""
    as_of = 100 * DAY
    rows: list[tuple[Any, float, int]] = []
    for k in range(12):  # 12 threads, one every 5 days, from day 40 to day 95
        start = as_of - (60 - 5 * k) * DAY
        rows += [(k, start, C), (k, start + 60.0 * (k + 1), A)]
    in_30_days = decide(
        rows, policy=BadgeCriteria(window=EvaluationWindow(30)), as_of=as_of
    )
    floored = decide(
        rows, policy=BadgeCriteria(window=LAST_30_DAYS_MIN_10_THREADS), as_of=as_of
    )
    assert 6 == in_30_days.stats.eligible
    assert 10 == floored.stats.eligible
    everything = decide(
        rows, policy=BadgeCriteria(window=EvaluationWindow(1, 20)), as_of=as_of
    )
    assert 12 == everything.stats.eligible


def test_custom_policy_with_another_aggregate() -> None:
    policy = BadgeCriteria(0.5, dt.timedelta(minutes=10), aggregate=Mean())
    decision = decide(stats([60.0, 1000.0], eligible=2), policy=policy)
    assert (
        "average response time 8 min 50 s < 10 min: passed by 1 min 10 s"
        == (decision.reasons[1])
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"min_rate": 1.5}, "min_rate"),
        ({"min_rate": "90%"}, "min_rate"),
        ({"max_response": dt.timedelta(0)}, "max_response"),
        ({"comparison": "<"}, "comparison"),
        ({"aggregate": "median"}, "aggregate"),
        ({"window": 7}, "window"),
        ({"response": None}, "response"),
    ],
)
def test_bad_badge_settings_are_refused(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidValue) as info:
        BadgeCriteria(**kwargs)
    assert field == info.value.field


def test_windows_validate_and_describe_themselves() -> None:
    with pytest.raises(InvalidValue):
        EvaluationWindow(0)
    with pytest.raises(InvalidValue) as info:
        EvaluationWindow(None, 10)
    assert "min_threads" == info.value.field
    assert "all data" == str(ALL_DATA)
    assert "the 30 days before as_of (at least the last 10 decided threads)" == str(
        LAST_30_DAYS_MIN_10_THREADS
    )


def test_decide_refuses_a_non_policy_and_non_stats() -> None:
    with pytest.raises(InvalidValue):
        decide([], policy="2015")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        decide([1.0])


def test_decide_names_the_bad_row() -> None:
    with pytest.raises(InvalidValue) as info:
        decide([("a", 5.0, C), ("a", 1.0, A)])
    assert "source[1].time" == info.value.field
