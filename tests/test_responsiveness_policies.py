"""Policies are protocols: a user's own class, with no carekit base, works
wherever the default does, and carekit still checks what it supplies and
keeps the rules it guarantees. Every entry point refuses a wrong type with
a carekit error naming the argument."""

import datetime as dt
from typing import Any

import attrs
import pytest

import carekit.responsiveness as responsiveness
from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    Direction,
    MessageKind,
    Visibility,
)
from carekit.errors import InvalidValue, PolicyError
from carekit.responsiveness import (
    ALL_DATA,
    BADGE_2015,
    LAST_30_DAYS_MIN_10_THREADS,
    AwayRule,
    BadgeCriteria,
    BadgeDecision,
    Comparison,
    ConditionResult,
    DisplayBands,
    DisplayedResponseTime,
    EvaluationWindow,
    ResponseAccumulator,
    ResponseStats,
    decide,
    displayed,
    measure_columns,
    measure_rows,
)

C, A, B = 0, 1, 2
#: The module, untyped: the calls below pass wrong types on purpose.
api: Any = responsiveness
MIN, HOUR, DAY = 60.0, 3600.0, 86400.0


# -- a user's own classes, no carekit base -------------------------------------------


class TwoHourRule:
    """A response policy of the user's own: replies count within 2 hours."""

    window = dt.timedelta(hours=2)
    silence = dt.timedelta(hours=24)
    count_bots = True
    away = AwayRule.EXCLUDE


class Slowest:
    """An aggregate of the user's own: the slowest response."""

    def compute(self, stats: ResponseStats) -> float | None:
        return max(stats.response_times, default=None)

    def __str__(self) -> str:
        return "slowest response time"


@attrs.frozen
class Lenient:
    """A badge policy of the user's own: half the threads, within an hour."""

    min_rate: float = 0.5
    max_response: dt.timedelta = dt.timedelta(hours=1)
    comparison: Comparison = Comparison.AT_MOST
    aggregate: Any = attrs.field(factory=Slowest)
    window: EvaluationWindow = ALL_DATA
    response: Any = attrs.field(factory=TwoHourRule)


class AlwaysWithinADay:
    """A display policy of the user's own: one method."""

    def computed(self, stats: ResponseStats) -> DisplayedResponseTime | None:
        return DisplayedResponseTime.WITHIN_A_DAY if stats.eligible else None


ROWS = [("a", 0.0, C), ("a", 3 * HOUR, A), ("b", 0.0, C), ("b", 10.0, B)]


def test_a_users_response_policy_works_where_the_default_does() -> None:
    """ "A user can swap any policy without subclassing library internals."
    With bots counted and a 2 h window, b is answered and a is late."""
    default = measure_rows(ROWS)
    mine = measure_rows(ROWS, policy=TwoHourRule())
    assert (2, 1) == (default.eligible, default.responded)
    assert (2, 1) == (mine.eligible, mine.responded)
    assert (3 * HOUR,) == default.response_times
    assert (10.0,) == mine.response_times
    assert mine == ResponseAccumulator(TwoHourRule()).feed(ROWS).stats()
    assert mine == measure_columns(*zip(*ROWS, strict=True), policy=TwoHourRule())


def test_a_users_aggregate_changes_the_badge_and_the_display() -> None:
    stats = ResponseStats(3, 3, response_times=[60.0, 60.0, 2 * HOUR])
    by_median = decide(stats)
    by_slowest = decide(stats, policy=attrs.evolve(BADGE_2015, aggregate=Slowest()))
    assert by_median.awarded
    assert not by_slowest.awarded
    assert "slowest response time" == by_slowest.conditions[1].name
    assert DisplayedResponseTime.WITHIN_MINUTES == displayed(stats)
    slowest = DisplayBands(aggregate=Slowest())
    assert DisplayedResponseTime.WITHIN_HOURS == displayed(stats, policy=slowest)


def test_a_users_badge_policy_works_where_the_default_does() -> None:
    stats = ResponseStats(2, 1, response_times=[30 * MIN])
    assert not decide(stats).awarded
    assert decide(stats, policy=Lenient()).awarded
    assert decide(ROWS, policy=Lenient()).awarded


def test_a_users_display_policy_cannot_break_the_admin_rule() -> None:
    """ "An admin may only choose a slower display": the rule stays inside
    ``displayed`` whatever policy computes the display."""
    fast = ResponseStats(1, 1, response_times=[1.0])
    assert DisplayedResponseTime.WITHIN_MINUTES == displayed(fast)
    mine = AlwaysWithinADay()
    assert DisplayedResponseTime.WITHIN_A_DAY == displayed(fast, policy=mine)
    with pytest.raises(PolicyError) as info:
        displayed(fast, policy=mine, admin_choice=DisplayedResponseTime.WITHIN_MINUTES)
    assert "admin_choice" == info.value.field


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("window", dt.timedelta(0)),
        ("window", 3600),
        ("silence", None),
        ("count_bots", 1),
        ("away", "exclude"),
    ],
)
def test_what_a_users_response_policy_supplies_is_checked(
    attribute: str, value: object
) -> None:
    policy = TwoHourRule()
    setattr(policy, attribute, value)
    with pytest.raises(InvalidValue) as info:
        measure_rows(ROWS, policy=policy)
    assert f"policy.{attribute}" == info.value.field
    with pytest.raises(InvalidValue) as info:
        decide(ROWS, policy=Lenient(response=policy))
    assert f"policy.response.{attribute}" == info.value.field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"min_rate": 1.5}, "policy.min_rate"),
        ({"max_response": -dt.timedelta(1)}, "policy.max_response"),
        ({"comparison": "<"}, "policy.comparison"),
        ({"aggregate": "median"}, "policy.aggregate"),
        ({"window": 7}, "policy.window"),
    ],
)
def test_what_a_users_badge_policy_supplies_is_checked(
    change: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        decide(ROWS, policy=attrs.evolve(Lenient(), **change))
    assert field == info.value.field


def test_what_a_users_aggregate_and_display_return_is_checked() -> None:
    class Broken:
        def compute(self, stats: ResponseStats) -> float | None:
            return -1.0

        def computed(self, stats: ResponseStats) -> Any:
            return "within minutes"

    stats = ResponseStats(1, 1, response_times=[1.0])
    with pytest.raises(InvalidValue) as info:
        decide(stats, policy=attrs.evolve(BADGE_2015, aggregate=Broken()))
    assert "policy.aggregate.compute(stats)" == info.value.field
    with pytest.raises(InvalidValue) as info:
        displayed(stats, policy=Broken())
    assert "policy.computed(stats)" == info.value.field


def test_an_object_that_is_no_policy_is_refused_naming_it() -> None:
    for call in (
        lambda: measure_rows(ROWS, policy=BADGE_2015),  # type: ignore[arg-type]
        lambda: decide(ROWS, policy="2015"),  # type: ignore[arg-type]
        lambda: displayed(ResponseStats(0, 0), policy=object()),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidValue) as info:
            call()
        assert "policy" == info.value.field


# -- wrong types at every entry point --------------------------------------------------


def _conversation() -> Conversation:
    moment = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return Conversation.from_records(
        "c1",
        Channel.MESSENGER,
        customer_id="u1",
        records=[
            (
                "m1",
                moment,
                Direction.INBOUND,
                AuthorKind.CUSTOMER,
                MessageKind.REPLY,
                Visibility.PRIVATE,
            )
        ],
    )


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: api.displayed([_conversation()]), "stats"),
        (lambda: api.displayed(None), "stats"),
        (lambda: api.decide(_conversation()), "source"),
        (lambda: api.decide(None), "source"),
        (lambda: api.decide("rows"), "source"),
        (lambda: api.decide({"a": 1}), "source"),
        (lambda: api.measure_conversations(_conversation()), "conversations"),
        (lambda: api.measure_conversations(None), "conversations"),
        (lambda: api.measure_conversations([None]), "conversations[0]"),
        (lambda: api.measure_rows(None), "rows"),
        (lambda: api.measure_rows("abc"), "rows"),
        (lambda: api.measure_columns(None, [], []), "conversation_ids"),
        (lambda: api.ResponseAccumulator().feed(None), "rows"),
        (lambda: api.ResponseAccumulator(away=None), "away"),
        (lambda: api.ResponseAccumulator().merge(None), "other"),
        (lambda: api.ResponseAccumulator().stats(as_of="now"), "as_of"),
        (lambda: api.ResponseAccumulator().forget(None), "before"),
        (lambda: api.measure_rows([], since=True), "since"),
        (lambda: api.measure_rows([], until=dt.datetime(2024, 1, 1)), "until"),
    ],
)
def test_every_entry_point_names_a_wrong_argument(call: Any, field: str) -> None:
    """``displayed(conversations)``, ``decide(one_conversation)`` and
    ``None`` raised ``AttributeError`` or a bare ``TypeError``."""
    with pytest.raises(InvalidValue) as info:
        call()
    assert field == info.value.field


# -- the 30-day floor counts decided threads only -----------------------------


def test_the_floor_of_10_threads_counts_only_decided_threads() -> None:
    """A thread still pending at ``as_of`` does not fill the floor: with 9
    answered threads in the last 30 days, one pending and 10 answered ones
    before, the window reaches back to the 10th decided thread."""
    as_of = 100 * DAY
    old = [(f"old{i}", 40 * DAY + i * HOUR, C) for i in range(10)]
    old += [(f"old{i}", 40 * DAY + i * HOUR + MIN, A) for i in range(10)]
    recent = [(f"new{i}", 80 * DAY + i * HOUR, C) for i in range(9)]
    recent += [(f"new{i}", 80 * DAY + i * HOUR + 2 * MIN, A) for i in range(9)]
    pending = [("late", as_of - HOUR, C)]
    rows = sorted(old + recent + pending, key=lambda row: row[1])
    stats = decide(rows, policy=_floor_policy(), as_of=as_of).stats
    # 9 recent answered + the latest old one fill the floor of 10 decided.
    assert 1 == stats.pending
    assert 10 == stats.eligible
    assert 10 == stats.responded


def test_an_unanswered_thread_past_its_window_is_decided() -> None:
    as_of = 100 * DAY
    rows = [(f"c{i}", 80 * DAY + i * HOUR, C) for i in range(10)]
    stats = decide(rows, policy=_floor_policy(), as_of=as_of).stats
    assert (10, 0, 0) == (stats.eligible, stats.responded, stats.pending)


def _floor_policy() -> BadgeCriteria:
    return BadgeCriteria(window=LAST_30_DAYS_MIN_10_THREADS)


# -- decisions are validated like every model --------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"passed": 1}, "passed"),
        ({"actual": float("nan")}, "actual"),
        ({"threshold": "5 min"}, "threshold"),
        ({"comparison": ">"}, "comparison"),
        ({"margin": None}, "margin"),
        ({"actual": None}, "margin"),
    ],
)
def test_a_condition_result_is_validated(fields: dict[str, Any], field: str) -> None:
    good: dict[str, Any] = {
        "name": "response rate",
        "passed": True,
        "actual": 0.95,
        "threshold": 0.9,
        "comparison": "≥",
        "margin": 0.05,
    }
    ConditionResult(**good)
    with pytest.raises(InvalidValue) as info:
        ConditionResult(**{**good, **fields})
    assert field == info.value.field


def test_a_badge_decision_is_validated() -> None:
    decision = decide(ResponseStats(1, 1, response_times=[1.0]))
    assert decision == BadgeDecision(**attrs.asdict(decision, recurse=False))
    changes: list[tuple[dict[str, Any], str]] = [
        ({"awarded": not decision.awarded}, "awarded"),
        ({"conditions": ()}, "conditions"),
        ({"conditions": ("rate",)}, "conditions"),
        ({"reasons": "passed"}, "reasons"),
        ({"reasons": ("",)}, "reasons"),
        ({"stats": None}, "stats"),
    ]
    for change, field in changes:
        with pytest.raises(InvalidValue) as info:
            attrs.evolve(decision, **change)
        assert field == info.value.field
