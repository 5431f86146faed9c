"""Statistics, breakdowns and accumulators of ``carekit.analytics``."""

import datetime as dt
import pickle
from typing import Any

import pytest

from carekit import InvalidValue
from carekit.analytics import (
    ByAgent,
    ByChannel,
    ByLanguage,
    ByPeriod,
    ByTag,
    ByTeam,
    Count,
    DurationAccumulator,
    GroupAccumulator,
    Period,
    ResponseDuration,
    ResponseKind,
    breakdown,
    summarize,
)
from carekit.conversations import Channel
from carekit.responsiveness import Mean, Median, Percentile

T0 = dt.datetime(2024, 3, 3, 23, 30, tzinfo=dt.UTC)  # a Sunday


def duration(
    minutes: float, agent: str | None, *, hours_later: float = 0, **kw: Any
) -> ResponseDuration:
    start = T0 + dt.timedelta(hours=hours_later)
    return ResponseDuration(
        "c",
        ResponseKind.FIRST,
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        agent=agent,
        **kw,
    )


DURATIONS = [
    duration(1, "ann", channel=Channel.MESSENGER, language="de", tags=["a", "b"]),
    duration(3, "ann", channel=Channel.EMAIL, hours_later=1),
    duration(10, "bob", channel=Channel.MESSENGER, language="en", tags=["b"]),
    duration(20, None, hours_later=24 * 30),
]


def test_the_median_is_the_default_and_other_statistics_are_available() -> None:
    """ "Aggregation: median (default), mean, any percentile, count" — the
    median and percentile are ResponseStats' (one definition in carekit)."""
    assert 6.5 * 60 == summarize(DURATIONS)
    assert 8.5 * 60 == summarize(DURATIONS, statistic=Mean())
    assert 60 + 0.3 * 120 == summarize(DURATIONS, statistic=Percentile(10))
    assert 4.0 == summarize(DURATIONS, statistic=Count())
    assert summarize([]) is None
    assert 0.0 == summarize([], statistic=Count())


def test_breakdowns_by_agent_team_channel_language_and_tag() -> None:
    """ "Breakdowns by agent, team (agent→team mapping given by the caller),
    channel, language, tag"; items without the key are under None."""
    assert {"ann": 120.0, "bob": 600.0, None: 1200.0} == breakdown(DURATIONS, ByAgent())
    teams = ByTeam({"ann": "red", "bob": "red"})
    assert {"red": 180.0, None: 1200.0} == breakdown(
        DURATIONS, teams, statistic=Percentile(50)
    )
    assert {"messenger": 330.0, "email": 180.0, None: 1200.0} == breakdown(
        DURATIONS, ByChannel()
    )
    assert {"de": 60.0, "en": 600.0, None: 690.0} == breakdown(
        DURATIONS, ByLanguage(), statistic=Mean()
    )
    assert {"a": 1.0, "b": 2.0, None: 2.0} == breakdown(
        DURATIONS, ByTag(), statistic=Count()
    )


def test_breakdowns_by_calendar_period_in_the_pages_timezone() -> None:
    """ "Calendar period (day, ISO week, month in the page's timezone)":
    Sunday 23:30 UTC is Monday in Berlin, ISO week 10."""
    counts = Count()
    assert {"2024-03-03": 2.0, "2024-03-04": 1.0, "2024-04-02": 1.0} == breakdown(
        DURATIONS, ByPeriod(Period.DAY), statistic=counts
    )
    berlin = ByPeriod(Period.DAY, "Europe/Berlin")
    assert {"2024-03-04": 3.0, "2024-04-03": 1.0} == breakdown(
        DURATIONS, berlin, statistic=counts
    )
    weeks = breakdown(
        DURATIONS, ByPeriod(Period.WEEK, "Europe/Berlin"), statistic=counts
    )
    assert {"2024-W10": 3.0, "2024-W14": 1.0} == weeks
    assert {"2024-03": 3.0, "2024-04": 1.0} == breakdown(
        DURATIONS, ByPeriod(Period.MONTH), statistic=counts
    )


def test_empty_groups_give_none() -> None:
    """ "Empty groups give None, never an error" (a count gives 0)."""
    assert {"carol": None} == breakdown([], ByAgent(), groups=["carol"])
    assert {"carol": 0.0} == breakdown(
        [], ByAgent(), statistic=Count(), groups=["carol"]
    )
    assert {"ann": None} == breakdown(
        DURATIONS, ByAgent(), business=True, groups=["ann"]
    )


def test_the_duration_accumulator_contract() -> None:
    """ "add(item) (may mutate and return itself), merge(other) (pure, returns
    a new value, never mutates inputs) and extract() (pure)"; picklable, and
    its plain-data form round-trips."""
    left = DurationAccumulator()
    assert left is left.add(3.0).add(1.0)
    right = DurationAccumulator().feed([10.0, 2])
    before = (left.to_data(), right.to_data())
    both = left.merge(right)
    assert before == (left.to_data(), right.to_data())
    assert 2.5 == both.extract() == both.extract()
    assert DurationAccumulator().feed([1.0, 2.0, 3.0, 10.0]) == both
    assert both == DurationAccumulator.from_data(both.to_data())
    assert both == pickle.loads(pickle.dumps(both))
    assert {"statistic": {"kind": "percentile", "p": 90}, "values": []} == (
        DurationAccumulator(Percentile(90)).to_data()
    )


def test_the_group_accumulator_contract() -> None:
    """The same contract per group."""
    left = GroupAccumulator(Mean()).feed([("ann", 1.0), ("bob", 4.0)])
    right = GroupAccumulator(Mean()).add(("ann", 3.0))
    before = (left.to_data(), right.to_data())
    both = left.merge(right)
    assert before == (left.to_data(), right.to_data())
    assert {"ann": 2.0, "bob": 4.0} == both.extract()
    assert {"ann": 2, "bob": 1} == both.counts()
    assert both == GroupAccumulator.from_data(both.to_data())
    assert both == pickle.loads(pickle.dumps(both))


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: DurationAccumulator().add(-1.0), "seconds"),
        (lambda: DurationAccumulator().add(True), "seconds"),
        (lambda: DurationAccumulator().add(float("nan")), "seconds"),
        (lambda: GroupAccumulator().add(("a",)), "item"),  # type: ignore[arg-type]
        (lambda: GroupAccumulator().feed([("a", float("inf"))]), "seconds"),
        (lambda: DurationAccumulator(object()), "statistic"),  # type: ignore[arg-type]
        (lambda: DurationAccumulator().merge(DurationAccumulator(Mean())), "other"),
        (lambda: GroupAccumulator().merge(DurationAccumulator()), "other"),  # type: ignore[arg-type]
        (lambda: DurationAccumulator.from_data({"values": []}), "statistic"),
        (lambda: GroupAccumulator.from_data({}), "data"),
        (lambda: ByTeam(["ann"]), "teams"),
        (lambda: ByPeriod(Period.DAY, "Mars/Base"), "timezone"),
        (lambda: ByPeriod("day"), "period"),  # type: ignore[arg-type]
        (lambda: breakdown([], ByAgent(), business=1), "business"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_is_refused_naming_the_field(call: Any, field: str) -> None:
    """Bad input raises InvalidValue naming the field, never a bare error."""
    with pytest.raises(InvalidValue) as error:
        call()
    assert field == error.value.field


def test_a_users_own_statistic_works_but_has_no_plain_form() -> None:
    """Any Aggregate works; only the built-in ones have a plain form."""

    class Largest:
        def compute(self, stats: Any) -> float | None:
            return max(stats.response_times, default=None)

    accumulator = DurationAccumulator(Largest()).feed([1.0, 5.0])
    assert 5.0 == accumulator.extract()
    with pytest.raises(InvalidValue, match="statistic"):
        accumulator.to_data()
    assert Median() == DurationAccumulator().statistic
