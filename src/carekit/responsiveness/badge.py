"""The "Very responsive to messages" badge: policy, presets and decisions.

Seed (``001_…``, 2015): Facebook "identified pages that respond to 90% of
messages and have a median response time of less than 5 minutes with a
'Very responsive to messages' badge". Later rule: at least 90 % and at most
15 minutes over the last 7 days. Thresholds, comparison and window are
parameters; the decision says which condition passed or failed and by how
much (SPEC §3).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from array import array
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, Final

import attrs
from attrs import field, frozen

from carekit._validate import enum_member, instance_of
from carekit.away import AwaySchedule
from carekit.errors import InvalidValue
from carekit.responsiveness._adapter import conversation_rows
from carekit.responsiveness._away import AwayPeriods, normalize_away
from carekit.responsiveness._format import duration_text
from carekit.responsiveness.accumulator import (
    ResponseAccumulator,
    _accumulator,
    _invalid,
    _Refused,
    _scan,
    _seconds,
)
from carekit.responsiveness.policy import AwayRule, ResponsePolicy
from carekit.responsiveness.stats import Aggregate, Median, ResponseStats

__all__ = [
    "ALL_DATA",
    "BADGE_2015",
    "BADGE_2016",
    "LAST_7_DAYS",
    "LAST_30_DAYS_MIN_10_THREADS",
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
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise InvalidValue(attribute.name, value, "must be None or a positive int")


def _floor(inst: EvaluationWindow, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValue(attribute.name, value, "must be a non-negative int")
    if value and inst.days is None:
        raise InvalidValue(
            attribute.name, value, "a floor of threads needs a trailing window (days)"
        )


@frozen
class EvaluationWindow:
    """Which threads a badge decision looks at (SPEC §3 "Evaluation window").

    Attributes:
        days: ``None`` for all given data, else the trailing days before
            ``as_of``: threads that start in ``[as_of - days, as_of)``.
        min_threads: A floor: when the trailing window holds fewer eligible
            threads, it reaches back to the start of the last
            ``min_threads`` eligible threads (all of them if fewer).
    """

    days: int | None = field(default=None, validator=_optional_days)
    min_threads: int = field(default=0, validator=_floor)

    def __str__(self) -> str:
        if self.days is None:
            return "all data"
        text = f"the {self.days} days before as_of"
        if self.min_threads:
            text += f" (at least the last {self.min_threads} threads)"
        return text


ALL_DATA: Final = EvaluationWindow()
"""All given data (2015 preset)."""
LAST_7_DAYS: Final = EvaluationWindow(days=7)
"""The 7 days before ``as_of`` (2016 preset)."""
LAST_30_DAYS_MIN_10_THREADS: Final = EvaluationWindow(days=30, min_threads=10)
"""The 30 days before ``as_of``, reaching back to at least the last 10 threads."""


def _rate(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(attribute.name, value, "must be a number in [0, 1]")
    if not 0 <= value <= 1:
        raise InvalidValue(attribute.name, value, "must be a number in [0, 1]")


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise InvalidValue(attribute.name, value, "must be a positive timedelta")


def _aggregate(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not callable(getattr(value, "of", None)):
        raise InvalidValue(
            attribute.name, value, "must be an Aggregate (an object with .of(stats))"
        )


@frozen
class ConditionResult:
    """One condition of a badge decision.

    Attributes:
        name: What was compared ("response rate", "median response time").
        passed: Whether the condition holds.
        actual: The page's figure (a rate in [0, 1] or seconds), ``None``
            without data.
        threshold: The figure to reach (a rate, or seconds).
        comparison: The operator that must hold: ``"≥"``, ``"<"`` or ``"≤"``.
        margin: How far ``actual`` is on the passing side of ``threshold``
            (negative on the failing side; for rates a fraction, for times
            seconds); ``None`` without data.
    """

    name: str
    passed: bool
    actual: float | None
    threshold: float
    comparison: str
    margin: float | None


@frozen
class BadgeDecision:
    """Whether the badge is awarded, with one result and one reason per
    condition.

    Attributes:
        awarded: True when every condition passed.
        conditions: The rate condition, then the response-time condition.
        reasons: Readable lines, one per condition (or one saying there was
            no data).
        stats: The statistics the decision was made on.
    """

    awarded: bool
    conditions: tuple[ConditionResult, ...]
    reasons: tuple[str, ...]
    stats: ResponseStats


def _percent(rate: float) -> str:
    return f"{rate * 100:.1f} %".replace(".0 %", " %")


@frozen
class BadgePolicy:
    """Thresholds and evaluation rules of the "Very responsive" badge.

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
        default=dt.timedelta(minutes=5), validator=_positive
    )
    comparison: Comparison = field(
        default=Comparison.BELOW, kw_only=True, validator=enum_member(Comparison)
    )
    aggregate: Aggregate = field(factory=Median, kw_only=True, validator=_aggregate)
    window: EvaluationWindow = field(
        default=ALL_DATA, kw_only=True, validator=instance_of(EvaluationWindow)
    )
    response: ResponsePolicy = field(
        factory=ResponsePolicy, kw_only=True, validator=instance_of(ResponsePolicy)
    )

    def decide(self, stats: ResponseStats) -> BadgeDecision:
        """Judge *stats*, already computed over this policy's window and rules.

        No eligible thread means no data: not awarded, with that reason.
        """
        if not isinstance(stats, ResponseStats):
            raise InvalidValue("stats", stats, "must be ResponseStats")
        rate = self._rate_condition(stats)
        speed = self._speed_condition(stats)
        if stats.eligible == 0:
            reasons: tuple[str, ...] = (
                f"no data: no eligible thread in {self.window}, so nothing to judge",
            )
        else:
            reasons = (_rate_reason(rate), _speed_reason(speed))
        return BadgeDecision(
            awarded=rate.passed and speed.passed,
            conditions=(rate, speed),
            reasons=reasons,
            stats=stats,
        )

    def _rate_condition(self, stats: ResponseStats) -> ConditionResult:
        rate = stats.rate
        if rate is None:
            return ConditionResult(
                "response rate", False, None, self.min_rate, "≥", None
            )
        # Exact: 9 of 10 threads is 90 %, whatever the float rounding.
        passed = Fraction(stats.responded, stats.eligible) >= Fraction(
            repr(self.min_rate)
        )
        return ConditionResult(
            "response rate", passed, rate, self.min_rate, "≥", rate - self.min_rate
        )

    def _speed_condition(self, stats: ResponseStats) -> ConditionResult:
        name = str(self.aggregate)
        limit = self.max_response.total_seconds()
        symbol = self.comparison.value
        actual = self.aggregate.of(stats)
        if actual is None:
            return ConditionResult(name, False, None, limit, symbol, None)
        passed = self.comparison.holds(actual, limit)
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


BADGE_2015: Final = BadgePolicy()
"""The seed rule (2015): rate ≥ 90 % and median < 5 minutes, over all given
data, threads starting while away left out."""

BADGE_2016: Final = BadgePolicy(
    0.9,
    dt.timedelta(minutes=15),
    comparison=Comparison.AT_MOST,
    window=LAST_7_DAYS,
    response=ResponsePolicy(away=AwayRule.DEFER),
)
"""The later rule (2016): rate ≥ 90 % and median ≤ 15 minutes over the 7 days
before ``as_of``, threads starting while away timed from the end of it."""


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
        policy: The badge rules; default :data:`BADGE_2015` (the seed).
        as_of: The moment of the decision (epoch seconds or an aware
            datetime); required by trailing windows. Messages from ``as_of``
            on are ignored, and threads still inside their reply window at
            ``as_of`` are pending (not counted).
        away: Away periods: ``(start, end)`` pairs of epoch seconds or
            intervals; for conversations also an
            :class:`~carekit.away.AwaySchedule`.

    Returns:
        The decision with per-condition results and reasons.

    Raises:
        InvalidValue: A trailing window without ``as_of`` or over precomputed
            statistics, or invalid data.
    """
    if not isinstance(policy, BadgePolicy):
        raise InvalidValue("policy", policy, "must be a BadgePolicy")
    when = _seconds(as_of, "as_of")
    if policy.window.days is not None and when is None:
        raise InvalidValue(
            "as_of", as_of, f"the window is {policy.window}: give as_of (no clock)"
        )
    if isinstance(source, ResponseStats | ResponseAccumulator):
        if policy.window.days is not None:
            raise InvalidValue(
                "source",
                type(source).__name__,
                "a trailing window needs the messages (rows or conversations),"
                " not precomputed statistics",
            )
        if isinstance(source, ResponseAccumulator):
            return policy.decide(source.stats(when))
        return policy.decide(source)
    items = source if isinstance(source, Sequence) else list(source)
    rows: Iterable[Any]
    if items and not isinstance(items[0], tuple | list):
        rows, periods, scale = conversation_rows(items, away, when)
    elif isinstance(away, AwaySchedule):
        if items:
            raise InvalidValue(
                "away",
                away,
                "an AwaySchedule needs conversations; for rows give its periods"
                " as (start, end) epoch seconds",
            )
        rows, periods, scale = items, (), 1
    else:
        rows, periods, scale = items, normalize_away(away), 1
    try:
        stats = _window_stats(rows, policy, periods, when, scale)
    except _Refused as refused:
        raise _invalid(refused, "source") from refused.__cause__
    return policy.decide(stats)


def _window_stats(
    rows: Iterable[Any],
    policy: BadgePolicy,
    away: tuple[tuple[float, float], ...],
    as_of: float | None,
    scale: int,
) -> ResponseStats:
    """Statistics of the threads in *policy*'s window, as of *as_of*.

    *rows* must be iterable twice when the window has a floor of threads.

    Times, *away* and the result of the floor search are in ticks of
    1/*scale* second; *as_of* is in seconds.
    """
    window = policy.window
    until: float = math.inf
    if as_of is not None:
        # Rows are in seconds: rounding as_of would count messages after it.
        until = as_of if scale == 1 else round(as_of * scale)
    since = -math.inf
    if window.days is not None:
        since = until - window.days * 86400 * scale
        if window.min_threads:
            probe = _accumulator(policy.response, away, -math.inf, until, scale)
            starts: array[float] = array("d")
            _scan(probe, rows, starts)
            latest = sorted(starts, reverse=True)[: window.min_threads]
            if sum(1 for t in latest if t >= since) < window.min_threads:
                since = latest[-1] if len(latest) == window.min_threads else -math.inf
    acc = _accumulator(policy.response, away, since, until, scale)
    _scan(acc, rows)
    return acc.stats(as_of)
