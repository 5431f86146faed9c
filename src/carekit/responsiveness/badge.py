"""The "Very responsive to messages" badge: policy, presets and decisions.

Internet Retailer, "Facebook tries to turn its platform into a customer
service hub" (9 December 2015): Facebook "identified pages that respond to
90% of messages and have a median response time of less than 5 minutes with
a 'Very responsive to messages' badge". The later rule (Facebook, 2016): at
least 90 % and at most 15 minutes over the last 7 days. Thresholds,
comparison and window are parameters; the decision says which condition
passed or failed and by how much.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping, Sequence, Set
from fractions import Fraction
from typing import Any, Final, Protocol

import attrs
from attrs import field, frozen

from carekit._threads import (
    MICROSECONDS,
    SECONDS,
    Refused,
    Tally,
    ThreadRules,
    scan,
    scan_columns,
    thread_facts,
)
from carekit._validate import enum_member, instance_of
from carekit.away import AwaySchedule
from carekit.conversations import Conversation
from carekit.errors import InvalidValue
from carekit.responsiveness._adapter import (
    Columns,
    conversation_rows,
    schedule_periods,
)
from carekit.responsiveness._away import AwayPeriods, normalize_away
from carekit.responsiveness._checks import (
    MAX_DAYS,
    an_aggregate,
    checked_duration,
    checked_rate,
    figure,
    positive_duration,
)
from carekit.responsiveness._format import duration_text
from carekit.responsiveness._rules import (
    checked_policy,
    optional_bound,
    report,
    row_error,
    thread_rules,
)
from carekit.responsiveness.accumulator import ResponseAccumulator
from carekit.responsiveness.policy import AwayRule, ResponsePolicy, ResponseRules
from carekit.responsiveness.stats import Aggregate, Median, ResponseStats

__all__ = [
    "ALL_DATA",
    "BADGE_2015",
    "BADGE_2016",
    "LAST_7_DAYS",
    "LAST_30_DAYS_MIN_10_THREADS",
    "BadgeCriteria",
    "BadgeDecision",
    "BadgePolicy",
    "Comparison",
    "ConditionResult",
    "EvaluationWindow",
    "decide",
]


class Comparison(enum.Enum):
    """How the response-time figure is compared with its threshold."""

    #: Strictly faster: "less than 5 minutes" (2015).
    BELOW = "<"
    #: At most: "15 minutes or less" (2016).
    AT_MOST = "≤"

    def holds(self, actual: float, threshold: float) -> bool:
        """Whether *actual* passes against *threshold*."""
        if self is Comparison.BELOW:
            return actual < threshold
        return actual <= threshold


def _optional_days(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value:
        raise InvalidValue(attribute.name, value, "must be None or a positive int")
    if value > MAX_DAYS:
        raise InvalidValue(
            attribute.name,
            value,
            f"must be at most {MAX_DAYS:,} days (the span of the years 1-9999)",
        )


def _floor(inst: EvaluationWindow, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValue(attribute.name, value, "must be a non-negative int")
    if value and inst.days is None:
        raise InvalidValue(
            attribute.name, value, "a floor of threads needs a trailing window (days)"
        )


@frozen
class EvaluationWindow:
    """Which threads a badge decision looks at.

    Attributes:
        days: ``None`` for all given data, else the trailing days before
            ``as_of``: threads that start in ``[as_of - days, as_of)``; at
            most 3,652,059 (the span of the years 1-9999).
        min_threads: A floor: when the trailing window holds fewer *decided*
            threads (answered, or unanswered past the reply window at
            ``as_of``), it reaches back to the start of the last
            ``min_threads`` decided threads (all of them if fewer). A thread
            still pending at ``as_of`` does not fill the floor.
    """

    days: int | None = field(default=None, validator=_optional_days)
    min_threads: int = field(default=0, validator=_floor)

    def __str__(self) -> str:
        if self.days is None:
            return "all data"
        text = f"the {self.days} days before as_of"
        if self.min_threads:
            text += f" (at least the last {self.min_threads} decided threads)"
        return text


ALL_DATA: Final = EvaluationWindow()
"""All given data (2015 preset)."""
LAST_7_DAYS: Final = EvaluationWindow(days=7)
"""The 7 days before ``as_of`` (2016 preset)."""
LAST_30_DAYS_MIN_10_THREADS: Final = EvaluationWindow(days=30, min_threads=10)
"""The 30 days before ``as_of``, reaching back to at least the last 10
decided threads."""

_SYMBOLS = frozenset({"≥", "<", "≤"})


def _rate(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    checked_rate(value, attribute.name)


def _name(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or not value.strip():
        raise InvalidValue(attribute.name, value, "must be a non-empty string")


def _finite(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(attribute.name, value, "must be a finite number")
    if not math.isfinite(value):
        raise InvalidValue(attribute.name, value, "must be a finite number")


def _optional_finite(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _finite(inst, attribute, value)


def _symbol(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in _SYMBOLS or type(value) is not str:
        raise InvalidValue(attribute.name, value, "must be one of '≥', '<', '≤'")


def _margin(inst: ConditionResult, attribute: attrs.Attribute[Any], value: Any) -> None:
    _optional_finite(inst, attribute, value)
    if (value is None) != (inst.actual is None):
        raise InvalidValue(
            attribute.name, value, "is None exactly when actual is None (no data)"
        )
    if inst.actual is None and inst.passed:
        raise InvalidValue("passed", inst.passed, "a condition without data fails")


@frozen
class ConditionResult:
    """One condition of a badge decision.

    Attributes:
        name: What was compared ("response rate", "median response time").
        passed: Whether the condition holds (never without data).
        actual: The page's figure (a rate in [0, 1] or seconds), ``None``
            without data.
        threshold: The figure to reach (a rate, or seconds).
        comparison: The operator that must hold: ``"≥"``, ``"<"`` or ``"≤"``.
        margin: How far ``actual`` is on the passing side of ``threshold``
            (negative on the failing side; for rates a fraction, for times
            seconds); ``None`` exactly when ``actual`` is.

    Raises:
        InvalidValue: A field breaks its rule (finite numbers, a known
            operator, ``margin`` and ``actual`` both present or both absent).
    """

    name: str = field(validator=_name)
    passed: bool = field(validator=instance_of(bool))
    actual: float | None = field(validator=_optional_finite)
    threshold: float = field(validator=_finite)
    comparison: str = field(validator=_symbol)
    margin: float | None = field(validator=_margin)


def _conditions(value: Any) -> tuple[ConditionResult, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue("conditions", value, "must be a tuple of ConditionResult")
    return tuple(value)


def _reasons(value: Any) -> tuple[str, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue("reasons", value, "must be a tuple of strings")
    return tuple(value)


def _check_conditions(
    inst: BadgeDecision, attribute: attrs.Attribute[Any], value: Any
) -> None:
    if not value or not all(type(c) is ConditionResult for c in value):
        raise InvalidValue(
            attribute.name, value, "must be one or more ConditionResult values"
        )
    if inst.awarded != all(c.passed for c in value):
        raise InvalidValue(
            "awarded", inst.awarded, "is True exactly when every condition passed"
        )


def _check_reasons(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value or not all(type(r) is str and r.strip() for r in value):
        raise InvalidValue(
            attribute.name, value, "must be one or more non-empty strings"
        )


@frozen
class BadgeDecision:
    """Whether the badge is awarded, with one result and one reason per
    condition.

    Attributes:
        awarded: True exactly when every condition passed.
        conditions: The rate condition, then the response-time condition.
        reasons: Readable lines, one per condition (or one saying there was
            no data).
        stats: The statistics the decision was made on.

    Raises:
        InvalidValue: A field breaks its rule, or ``awarded`` contradicts
            the conditions.
    """

    awarded: bool = field(validator=instance_of(bool))
    conditions: tuple[ConditionResult, ...] = field(
        converter=_conditions, validator=_check_conditions
    )
    reasons: tuple[str, ...] = field(converter=_reasons, validator=_check_reasons)
    stats: ResponseStats = field(validator=instance_of(ResponseStats))


def _percent(rate: float) -> str:
    return f"{rate * 100:.1f} %".replace(".0 %", " %")


class BadgePolicy(Protocol):
    """The badge's thresholds and evaluation rules.

    A protocol of attributes read once per decision: a
    :class:`BadgeCriteria` or any object of the user's own with the same
    attributes. carekit checks each value it reads (``policy.min_rate`` ...).
    """

    @property
    def min_rate(self) -> float:
        """The response rate to reach, inclusive, in [0, 1]."""
        ...

    @property
    def max_response(self) -> dt.timedelta:
        """The response-time threshold."""
        ...

    @property
    def comparison(self) -> Comparison:
        """How the response-time figure must compare with it."""
        ...

    @property
    def aggregate(self) -> Aggregate:
        """Which figure of response times is compared."""
        ...

    @property
    def window(self) -> EvaluationWindow:
        """Which threads count."""
        ...

    @property
    def response(self) -> ResponsePolicy:
        """The thread and away rules."""
        ...


@frozen
class BadgeCriteria:
    """The default :class:`BadgePolicy`: thresholds and evaluation rules.

    Attributes:
        min_rate: The response rate to reach, inclusive (default 0.9).
        max_response: The response-time threshold (default 5 minutes).
        comparison: How the response-time figure must compare with it.
        aggregate: Which figure of response times is compared (default
            :class:`Median`).
        window: Which threads count (default :data:`ALL_DATA`).
        response: The thread and away rules (default: away excluded).
    """

    min_rate: float = field(default=0.9, validator=_rate)
    max_response: dt.timedelta = field(
        default=dt.timedelta(minutes=5), validator=positive_duration
    )
    comparison: Comparison = field(
        default=Comparison.BELOW, kw_only=True, validator=enum_member(Comparison)
    )
    aggregate: Aggregate = field(factory=Median, kw_only=True, validator=an_aggregate)
    window: EvaluationWindow = field(
        default=ALL_DATA, kw_only=True, validator=instance_of(EvaluationWindow)
    )
    response: ResponsePolicy = field(factory=ResponseRules, kw_only=True)

    @response.validator
    def _response(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            raise InvalidValue(attribute.name, value, "must be a ResponsePolicy")
        checked_policy(value, attribute.name)


BADGE_2015: Final = BadgeCriteria()
"""The 2015 rule: rate ≥ 90 % and median < 5 minutes, over all given data,
threads starting while away left out."""

BADGE_2016: Final = BadgeCriteria(
    0.9,
    dt.timedelta(minutes=15),
    comparison=Comparison.AT_MOST,
    window=LAST_7_DAYS,
    response=ResponseRules(away=AwayRule.DEFER),
)
"""The later rule (2016): rate ≥ 90 % and median ≤ 15 minutes over the 7 days
before ``as_of``, threads starting while away timed from the end of it."""

_MISSING = object()
_ATTRIBUTES = (
    "min_rate",
    "max_response",
    "comparison",
    "aggregate",
    "window",
    "response",
)


def _criteria(policy: object) -> BadgeCriteria:
    """*policy*'s attributes, each checked, as a :class:`BadgeCriteria`.

    Raises:
        InvalidValue: An attribute is missing or invalid (``policy.min_rate``).
    """
    values: dict[str, Any] = {
        name: getattr(policy, name, _MISSING) for name in _ATTRIBUTES
    }
    if _MISSING in values.values():
        raise InvalidValue(
            "policy",
            policy,
            "must be a BadgePolicy: an object with " + ", ".join(_ATTRIBUTES),
        )
    window = values["window"]
    if type(window) is not EvaluationWindow:
        raise InvalidValue("policy.window", window, "must be an EvaluationWindow")
    if type(values["comparison"]) is not Comparison:
        raise InvalidValue(
            "policy.comparison", values["comparison"], "must be a Comparison"
        )
    if not callable(getattr(values["aggregate"], "compute", None)):
        raise InvalidValue(
            "policy.aggregate",
            values["aggregate"],
            "must be an Aggregate (an object with .compute(stats))",
        )
    return BadgeCriteria(
        checked_rate(values["min_rate"], "policy.min_rate"),
        checked_duration(values["max_response"], "policy.max_response"),
        comparison=values["comparison"],
        aggregate=values["aggregate"],
        window=window,
        response=checked_policy(values["response"], "policy.response"),
    )


def _judge(criteria: BadgeCriteria, stats: ResponseStats) -> BadgeDecision:
    """The decision on *stats*, already computed over the criteria's window.

    No eligible thread means no data: not awarded, with that reason.
    """
    rate = _rate_condition(criteria, stats)
    speed = _speed_condition(criteria, stats)
    if stats.eligible == 0:
        reasons: tuple[str, ...] = (
            f"no data: no eligible thread in {criteria.window}, so nothing to judge",
        )
    else:
        reasons = (_rate_reason(rate), _speed_reason(speed))
    return BadgeDecision(
        awarded=rate.passed and speed.passed,
        conditions=(rate, speed),
        reasons=reasons,
        stats=stats,
    )


def _rate_condition(criteria: BadgeCriteria, stats: ResponseStats) -> ConditionResult:
    rate, threshold = stats.rate, criteria.min_rate
    if rate is None:
        return ConditionResult("response rate", False, None, threshold, "≥", None)
    # Exact: 9 of 10 threads is 90 %, whatever the float rounding.
    passed = Fraction(stats.responded, stats.eligible) >= Fraction(repr(threshold))
    return ConditionResult(
        "response rate", passed, rate, threshold, "≥", rate - threshold
    )


def _speed_condition(criteria: BadgeCriteria, stats: ResponseStats) -> ConditionResult:
    name = str(criteria.aggregate)
    limit = criteria.max_response.total_seconds()
    symbol = criteria.comparison.value
    actual = figure(criteria.aggregate, stats, "policy.aggregate")
    if actual is None:
        return ConditionResult(name, False, None, limit, symbol, None)
    passed = criteria.comparison.holds(actual, limit)
    return ConditionResult(name, passed, actual, limit, symbol, limit - actual)


def _rate_reason(condition: ConditionResult) -> str:
    if condition.actual is None or condition.margin is None:
        return "response rate: no eligible thread"
    actual, threshold = _percent(condition.actual), _percent(condition.threshold)
    points = f"{abs(condition.margin) * 100:.1f}".removesuffix(".0")
    if not condition.passed:
        return f"response rate {actual} < {threshold}: failed by {points} points"
    by = f"by {points} points" if condition.margin else "(exactly at the threshold)"
    return f"response rate {actual} ≥ {threshold}: passed {by}"


def _speed_reason(condition: ConditionResult) -> str:
    name, symbol = condition.name, condition.comparison
    if condition.actual is None or condition.margin is None:
        return f"{name}: no thread answered"
    actual, limit = duration_text(condition.actual), duration_text(condition.threshold)
    gap = abs(condition.margin)
    by = f"by {duration_text(gap)}" if gap else "(exactly at the threshold)"
    if condition.passed:
        return f"{name} {actual} {symbol} {limit}: passed {by}"
    return f"{name} {actual} is not {symbol} {limit}: failed {by}"


_SOURCE_RULE = (
    "must be ResponseStats, a ResponseAccumulator, a list of rows"
    " (conversation_id, epoch_seconds, role) or a list of Conversation"
)


def decide(
    source: ResponseStats | ResponseAccumulator | Iterable[Any],
    *,
    policy: BadgePolicy = BADGE_2015,
    as_of: float | dt.datetime | None = None,
    away: AwaySchedule | AwayPeriods = (),
) -> BadgeDecision:
    """Decide the badge for a page.

    Args:
        source: The page's data: rows ``(conversation_id, epoch_seconds,
            role)``, conversations (``carekit.conversations.Conversation``),
            or, for a policy over all data, precomputed
            :class:`ResponseStats` or a :class:`ResponseAccumulator`.
        policy: Any :class:`BadgePolicy`; default :data:`BADGE_2015`.
        as_of: The moment of the decision (epoch seconds or an aware
            datetime); required by trailing windows. Messages from ``as_of``
            on are ignored, and threads still inside their reply window at
            ``as_of`` are pending (not counted).
        away: Away periods: ``(start, end)`` pairs of epoch seconds or aware
            datetimes, or intervals; for conversations also an
            :class:`~carekit.away.AwaySchedule`.

    Returns:
        The decision with per-condition results and reasons.

    Raises:
        InvalidValue: *source* is not one of the kinds above (a single
            ``Conversation`` or ``None`` included), a trailing window without
            ``as_of`` or over precomputed statistics, a policy attribute is
            invalid (``policy.min_rate`` ...), or the data is.
    """
    criteria = _criteria(policy)
    if isinstance(source, ResponseStats | ResponseAccumulator):
        return _judge(criteria, _precomputed(source, criteria, as_of))
    if (
        source is None
        or isinstance(source, Conversation | str | bytes | Mapping | Set)
        or not isinstance(source, Iterable)
    ):
        raise InvalidValue("source", source, _SOURCE_RULE)
    items = source if isinstance(source, Sequence) else list(source)
    conversations = bool(items) and isinstance(items[0], Conversation)
    unit = MICROSECONDS if conversations else SECONDS
    when = None if as_of is None else optional_bound(as_of, "as_of", unit, 0)
    if criteria.window.days is not None and when is None:
        raise InvalidValue(
            "as_of", as_of, f"the window is {criteria.window}: give as_of (no clock)"
        )
    rows: Columns | Sequence[Any]
    if conversations:
        rows = conversation_rows(items, "source")
        if isinstance(away, AwaySchedule):
            periods = schedule_periods(away, rows, when)
        else:
            periods = normalize_away(away, unit)
    elif isinstance(away, AwaySchedule):
        if items:
            raise InvalidValue(
                "away",
                away,
                "an AwaySchedule needs conversations; for rows give its periods"
                " as (start, end) pairs",
            )
        rows, periods = items, ()
    else:
        rows, periods = items, normalize_away(away, unit)
    try:
        stats = _window_stats(rows, criteria, periods, when, unit)
    except Refused as refused:
        if isinstance(rows, Columns):
            raise InvalidValue(
                f"source[{rows.ids[refused.index]}]", refused.row, refused.rule
            ) from None
        raise row_error(refused, "source") from refused.__cause__
    return _judge(criteria, stats)


def _precomputed(
    source: ResponseStats | ResponseAccumulator,
    criteria: BadgeCriteria,
    as_of: float | dt.datetime | None,
) -> ResponseStats:
    if criteria.window.days is not None:
        raise InvalidValue(
            "source",
            type(source).__name__,
            "a trailing window needs the messages (rows or conversations),"
            " not precomputed statistics",
        )
    if isinstance(source, ResponseAccumulator):
        return source.stats(as_of)
    return source


def _scan_into(
    rules: ThreadRules,
    rows: Columns | Sequence[Any],
    events: list[tuple[Any, ...]] | None = None,
) -> Tally:
    tally = Tally()
    if isinstance(rows, Columns):
        scan_columns(rules, tally, (rows.ids, rows.times, rows.roles), events)
    else:
        scan(rules, tally, rows, events)
    return tally


def _window_stats(
    rows: Columns | Sequence[Any],
    criteria: BadgeCriteria,
    away: tuple[tuple[float, float], ...],
    as_of: float | None,
    unit: int,
) -> ResponseStats:
    """Statistics of the threads in the criteria's window, as of *as_of*
    (all times in ticks of *unit*)."""
    window, response = criteria.window, criteria.response
    until = math.inf if as_of is None else as_of
    since = -math.inf
    if window.days is not None:
        since = until - window.days * 86_400 * unit
        if window.min_threads:
            since = _floor_start(rows, criteria, away, since, until, unit)
    rules = thread_rules(response, away, since, until, unit)
    return report(_scan_into(rules, rows), rules, as_of)


def _floor_start(
    rows: Columns | Sequence[Any],
    criteria: BadgeCriteria,
    away: tuple[tuple[float, float], ...],
    since: float,
    until: float,
    unit: int,
) -> float:
    """Where the window starts once it holds the last ``min_threads``
    decided threads: answered, or unanswered past the reply window at
    *until*. A thread pending at *until* does not fill the floor."""
    floor = criteria.window.min_threads
    rules = thread_rules(criteria.response, away, -math.inf, until, unit)
    events: list[tuple[Any, ...]] = []
    _scan_into(rules, rows, events)
    decided = sorted(
        (
            fact.start
            for fact in thread_facts(events)
            if fact.timed_from is not None
            and (fact.answered_at is not None or until - fact.timed_from > rules.window)
        ),
        reverse=True,
    )[:floor]
    if sum(1 for start in decided if start >= since) >= floor:
        return since
    return decided[-1] if len(decided) == floor else -math.inf
