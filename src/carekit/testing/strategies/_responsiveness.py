"""Strategies for responsiveness: rows, away periods, policies, aggregates
and statistics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.responsiveness import (
    ALL_DATA,
    BADGE_2015,
    BADGE_2016,
    Aggregate,
    AwayRule,
    BadgeCriteria,
    BadgeDecision,
    Comparison,
    ConditionResult,
    DisplayBands,
    EvaluationWindow,
    FastestMean,
    Mean,
    Median,
    Percentile,
    ResponsePolicy,
    ResponseRules,
    ResponseStats,
    decide,
    measure_rows,
)

__all__ = [
    "EPOCH_2000",
    "aggregates",
    "away_periods",
    "badge_decisions",
    "badge_policies",
    "condition_results",
    "display_policies",
    "evaluation_windows",
    "response_policies",
    "response_rows",
    "response_stats",
    "strategies_by_type",
]

#: 2000-01-01 00:00 UTC in epoch seconds: the base of generated rows.
EPOCH_2000 = 946_684_800.0

#: Gaps (seconds) that sit on the rule boundaries: the 24 h silence and reply
#: window, the 5 and 15 minute badge thresholds ("a median response time of
#: less than 5 minutes", Internet Retailer, December 2015) and the display
#: bounds (within minutes, hours, a day).
_BOUNDARY_GAPS = (
    0, 1, 60, 299, 300, 301, 900, 901, 3599, 3600, 43200,
    86340, 86399, 86400, 86401, 172800,
)  # fmt: skip

_DAY = 86400


def response_policies(
    *,
    windows: st.SearchStrategy[dt.timedelta] | None = None,
    silences: st.SearchStrategy[dt.timedelta] | None = None,
) -> st.SearchStrategy[ResponseRules]:
    """Response policies (:class:`ResponseRules`), shrinking to the defaults
    (24 h reply window, 24 h silence, bots not counted, away time excluded).

    Args:
        windows: Strategy for the reply window; default 24 h or whole seconds
            from a minute to three days.
        silences: Strategy for the silence that starts a new thread; default
            as *windows*.
    """
    day = dt.timedelta(hours=24)
    spans = st.just(day) | st.timedeltas(
        min_value=dt.timedelta(minutes=1), max_value=dt.timedelta(days=3)
    ).map(lambda span: dt.timedelta(seconds=span // dt.timedelta(seconds=1)))
    return st.builds(
        ResponseRules,
        windows if windows is not None else spans,
        silences if silences is not None else spans,
        count_bots=st.booleans(),
        away=st.sampled_from(AwayRule),
    )


def away_periods(
    *,
    min_value: float = EPOCH_2000,
    max_value: float = EPOCH_2000 + 7 * _DAY,
    max_size: int = 4,
) -> st.SearchStrategy[list[tuple[float, float]]]:
    """Lists of up to *max_size* ``(start, end)`` away periods in whole epoch
    seconds, possibly overlapping, touching or empty, shrinking to no period.

    Args:
        min_value: Earliest start, in epoch seconds.
        max_value: Latest start, in epoch seconds.
        max_size: Most periods.
    """
    lo, hi = int(min_value), int(max_value)

    def pair(start: int, length: int) -> tuple[float, float]:
        return float(start), float(start + length)

    period = st.builds(
        pair,
        st.integers(min_value=lo, max_value=hi),
        st.sampled_from((0, 3600, 32400, _DAY)) | st.integers(0, 2 * _DAY),
    )
    return st.lists(period, max_size=max_size)


@st.composite
def _response_rows(
    draw: st.DrawFn,
    roles: st.SearchStrategy[int],
    starts: st.SearchStrategy[float],
    sizes: st.SearchStrategy[int],
    max_size: int,
) -> list[tuple[int, float, int]]:
    gaps = st.sampled_from(_BOUNDARY_GAPS) | st.integers(0, 3 * _DAY)
    rows: list[tuple[int, float, int]] = []
    for cid in range(draw(st.integers(0, max_size))):
        t = draw(starts)
        for _ in range(draw(sizes)):
            t += draw(gaps)
            rows.append((cid, float(t), draw(roles)))
    # A stable sort by time interleaves conversations and keeps each one's
    # order (ties included).
    rows.sort(key=lambda row: row[1])
    return rows


def response_rows(
    *,
    roles: st.SearchStrategy[int] | None = None,
    starts: st.SearchStrategy[float] | None = None,
    sizes: st.SearchStrategy[int] | None = None,
    max_size: int = 5,
) -> st.SearchStrategy[list[tuple[int, float, int]]]:
    """Rows ``(conversation_id, epoch_seconds, role)`` for
    :func:`carekit.responsiveness.measure_rows`, from up to *max_size*
    conversations.

    Each conversation's rows are in time order, with gaps drawn around the
    rule boundaries (24 h, 5 and 15 minutes) and equal times allowed;
    conversations are interleaved in global time order. Shrinks to no rows.

    Args:
        roles: Strategy for each row's role; default every :class:`Role`,
            customers most often.
        starts: Strategy for each conversation's time before its first gap,
            in epoch seconds; default up to three days after 2000-01-01 UTC.
        sizes: Strategy for the number of rows of each conversation; default
            1 to 8.
        max_size: Most conversations.
    """
    return _response_rows(
        roles if roles is not None else st.sampled_from((0, 1, 0, 1, 3, 2, 4)),
        starts
        if starts is not None
        else st.integers(0, 3 * _DAY).map(lambda offset: EPOCH_2000 + offset),
        sizes if sizes is not None else st.integers(1, 8),
        max_size,
    )


def response_stats(
    *,
    rows: st.SearchStrategy[list[tuple[int, float, int]]] | None = None,
    policies: st.SearchStrategy[ResponsePolicy] | None = None,
) -> st.SearchStrategy[ResponseStats]:
    """Statistics computed from generated rows, shrinking to empty stats.

    Args:
        rows: Strategy for the rows; default :func:`response_rows`.
        policies: Strategy for the response policy; default the default one.
    """
    return st.builds(
        lambda found, policy: measure_rows(found, policy=policy),
        rows if rows is not None else response_rows(),
        policies if policies is not None else st.just(ResponseRules()),
    )


def _percentiles() -> st.SearchStrategy[Percentile]:
    return st.builds(Percentile, st.integers(0, 100).map(float))


def _fastest_means() -> st.SearchStrategy[FastestMean]:
    return st.builds(FastestMean, st.sampled_from((0.9, 0.5, 1.0, 0.75)))


def aggregates() -> st.SearchStrategy[Aggregate]:
    """Response-time aggregates, shrinking to the median."""
    return st.one_of(
        st.builds(Median), st.builds(Mean), _percentiles(), _fastest_means()
    )


def evaluation_windows() -> st.SearchStrategy[EvaluationWindow]:
    """Evaluation windows, shrinking to all data."""
    trailing = st.builds(EvaluationWindow, st.integers(1, 30), st.integers(0, 10))
    return st.just(ALL_DATA) | trailing


def badge_policies(
    *,
    responses: st.SearchStrategy[ResponsePolicy] | None = None,
    windows: st.SearchStrategy[EvaluationWindow] | None = None,
) -> st.SearchStrategy[BadgeCriteria]:
    """Badge policies (:class:`BadgeCriteria`), shrinking to the 2015 preset.

    Args:
        responses: Strategy for the response policy; default
            :func:`response_policies`.
        windows: Strategy for the evaluation window; default
            :func:`evaluation_windows`.
    """
    custom = st.builds(
        BadgeCriteria,
        st.sampled_from((0.9, 0.0, 0.5, 0.95, 1.0)),
        st.integers(1, _DAY).map(lambda s: dt.timedelta(seconds=s)),
        comparison=st.sampled_from(Comparison),
        aggregate=aggregates(),
        window=windows if windows is not None else evaluation_windows(),
        response=responses if responses is not None else response_policies(),
    )
    return st.sampled_from((BADGE_2015, BADGE_2016)) | custom


def display_policies() -> st.SearchStrategy[DisplayBands]:
    """Display policies (:class:`DisplayBands`) with increasing bounds,
    shrinking to the default one."""

    def build(bounds: list[int], aggregate: Aggregate) -> DisplayBands:
        minutes, hours, day = (dt.timedelta(seconds=s) for s in sorted(bounds))
        return DisplayBands(minutes, hours, day, aggregate=aggregate)

    custom = st.builds(
        build,
        st.lists(st.integers(1, 3 * _DAY), min_size=3, max_size=3),
        aggregates(),
    )
    return st.just(DisplayBands()) | custom


def badge_decisions(
    *,
    rows: st.SearchStrategy[list[tuple[int, float, int]]] | None = None,
    policies: st.SearchStrategy[BadgeCriteria] | None = None,
) -> st.SearchStrategy[BadgeDecision]:
    """Badge decisions, as :func:`~carekit.responsiveness.decide` makes them
    from generated rows over all data, shrinking to a decision without data.

    Args:
        rows: Strategy for the rows; default :func:`response_rows`.
        policies: Strategy for the badge policy; default
            :func:`badge_policies` over all data.
    """
    return st.builds(
        lambda found, policy: decide(found, policy=policy),
        rows if rows is not None else response_rows(),
        policies
        if policies is not None
        else badge_policies(windows=st.just(ALL_DATA)).filter(
            lambda policy: policy.window.days is None
        ),
    )


def condition_results() -> st.SearchStrategy[ConditionResult]:
    """Single badge conditions, as decisions hold them, shrinking to the
    response-rate condition of a decision without data."""
    return badge_decisions().flatmap(
        lambda decision: st.sampled_from(decision.conditions)
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each responsiveness model."""
    return {
        BadgeCriteria: badge_policies(),
        BadgeDecision: badge_decisions(),
        ConditionResult: condition_results(),
        DisplayBands: display_policies(),
        EvaluationWindow: evaluation_windows(),
        FastestMean: _fastest_means(),
        Mean: st.builds(Mean),
        Median: st.builds(Median),
        Percentile: _percentiles(),
        ResponseRules: response_policies(),
        ResponseStats: response_stats(),
    }
