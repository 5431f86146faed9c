"""Hypothesis strategies for every public carekit model.

Conventions (after hypothesis and xarray): names are plural, bounds are
keyword-only, arguments that shape a part take a strategy, and examples shrink
toward simple values: UTC, 2000-01-01, zero, empty collections.

Install with the ``testing`` extra. Importing this module needs Hypothesis.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from carekit.intervals import Interval, IntervalSet
from carekit.money import CURRENCIES, Money
from carekit.responsiveness import (
    ALL_DATA,
    BADGE_2015,
    BADGE_2016,
    Aggregate,
    AwayRule,
    BadgePolicy,
    Comparison,
    DisplayPolicy,
    EvaluationWindow,
    FastestMean,
    Mean,
    Median,
    Percentile,
    ResponsePolicy,
    ResponseStats,
    from_rows,
)

__all__ = [
    "aggregates",
    "aware_datetimes",
    "away_periods",
    "badge_policies",
    "by_type",
    "currencies",
    "display_policies",
    "evaluation_windows",
    "interval_sets",
    "intervals",
    "monies",
    "ratios",
    "response_policies",
    "response_rows",
    "response_stats",
    "timezones",
]

#: Zones that exercise DST in both hemispheres, a half-hour offset and none.
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")

_EPOCH = dt.datetime(2000, 1, 1)
_LAST = dt.datetime(2100, 1, 1)


def timezones() -> st.SearchStrategy[dt.tzinfo]:
    """IANA timezones, shrinking to UTC."""
    return st.sampled_from(ZONES).map(ZoneInfo)


def aware_datetimes(
    *,
    min_value: dt.datetime = _EPOCH,
    max_value: dt.datetime = _LAST,
    zones: st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes that exist on the wall clock, shrinking to
    2000-01-01 00:00 UTC.

    Args:
        min_value: Naive lower bound (local wall time).
        max_value: Naive upper bound (local wall time).
        zones: Strategy for the zone; default :func:`timezones`.
    """
    return st.datetimes(
        min_value=min_value,
        max_value=max_value,
        timezones=zones if zones is not None else timezones(),
        allow_imaginary=False,
    )


def intervals(
    *,
    starts: st.SearchStrategy[dt.datetime] | None = None,
    max_duration: dt.timedelta = dt.timedelta(days=7),
) -> st.SearchStrategy[Interval]:
    """Half-open intervals of up to *max_duration*, shrinking to empty."""

    def build(start: dt.datetime, length: dt.timedelta) -> Interval:
        # Elapsed time, added in UTC: aware `start + length` is wall-clock
        # arithmetic and drops `fold`, so in a DST fold it can end earlier.
        return Interval(
            start, (start.astimezone(dt.UTC) + length).astimezone(start.tzinfo)
        )

    return st.builds(
        build,
        starts if starts is not None else aware_datetimes(),
        st.timedeltas(min_value=dt.timedelta(0), max_value=max_duration),
    )


def interval_sets(
    *,
    elements: st.SearchStrategy[Interval] | None = None,
    max_size: int = 8,
) -> st.SearchStrategy[IntervalSet]:
    """Interval sets built from up to *max_size* intervals, shrinking to empty."""
    return st.lists(
        elements if elements is not None else intervals(), max_size=max_size
    ).map(IntervalSet)


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes carekit knows, shrinking to USD."""
    codes = sorted(CURRENCIES, key=lambda code: (code != "USD", code))
    return st.sampled_from(codes)


def monies(
    *,
    codes: st.SearchStrategy[str] | None = None,
    min_minor: int = -(10**12),
    max_minor: int = 10**12,
) -> st.SearchStrategy[Money]:
    """Money values between *min_minor* and *max_minor* minor units, shrinking
    to zero USD."""
    return st.builds(
        Money.from_minor,
        st.integers(min_value=min_minor, max_value=max_minor),
        codes if codes is not None else currencies(),
    )


def ratios(*, max_size: int = 8) -> st.SearchStrategy[list[Decimal]]:
    """Non-empty lists of non-negative Decimal ratios with a positive sum."""
    weights = st.decimals(
        min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=4
    )
    return st.lists(weights, min_size=1, max_size=max_size).filter(
        lambda ws: sum(ws) > 0
    )


def by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each public model, for ``st.register_type_strategy``."""
    return {
        Interval: intervals(),
        IntervalSet: interval_sets(),
        Money: monies(),
        # responsiveness
        ResponsePolicy: response_policies(),
        ResponseStats: response_stats(),
        EvaluationWindow: evaluation_windows(),
        BadgePolicy: badge_policies(),
        DisplayPolicy: display_policies(),
        Median: st.builds(Median),
        Mean: st.builds(Mean),
        Percentile: st.builds(Percentile, st.integers(0, 100).map(float)),
        FastestMean: st.builds(FastestMean, st.sampled_from((0.9, 0.5, 1.0))),
    }


# --- responsiveness (carekit.responsiveness) ---------------------------------
# Kept together at the end of the file; other sections are edited by others.

#: 2000-01-01 00:00 UTC in epoch seconds: the base of generated rows.
EPOCH_2000 = 946_684_800.0

#: Gaps (seconds) that sit on the rule boundaries of SPEC §3: the 24 h silence
#: and reply window, the 5 and 15 minute badge thresholds, the display bounds.
_BOUNDARY_GAPS = (
    0, 1, 60, 299, 300, 301, 900, 901, 3599, 3600, 43200,
    86340, 86399, 86400, 86401, 172800,
)  # fmt: skip


def response_policies(
    *,
    windows: st.SearchStrategy[dt.timedelta] | None = None,
    silences: st.SearchStrategy[dt.timedelta] | None = None,
) -> st.SearchStrategy[ResponsePolicy]:
    """Response policies, shrinking to the SPEC defaults (24 h, 24 h, no bots,
    away excluded)."""
    day = dt.timedelta(hours=24)
    spans = st.just(day) | st.timedeltas(
        min_value=dt.timedelta(minutes=1), max_value=dt.timedelta(days=3)
    ).map(lambda span: dt.timedelta(seconds=span // dt.timedelta(seconds=1)))
    return st.builds(
        ResponsePolicy,
        windows if windows is not None else spans,
        silences if silences is not None else spans,
        count_bots=st.booleans(),
        away=st.sampled_from(AwayRule),
    )


def away_periods(
    *,
    min_value: float = EPOCH_2000,
    max_value: float = EPOCH_2000 + 7 * 86400,
    max_size: int = 4,
) -> st.SearchStrategy[list[tuple[float, float]]]:
    """Lists of ``(start, end)`` away periods in whole epoch seconds, possibly
    overlapping, touching or empty, shrinking to no period."""
    lo, hi = int(min_value), int(max_value)

    def pair(start: int, length: int) -> tuple[float, float]:
        return float(start), float(start + length)

    period = st.builds(
        pair,
        st.integers(min_value=lo, max_value=hi),
        st.sampled_from((0, 3600, 32400, 86400)) | st.integers(0, 2 * 86400),
    )
    return st.lists(period, max_size=max_size)


@st.composite
def response_rows(
    draw: st.DrawFn,
    *,
    roles: st.SearchStrategy[int] | None = None,
    max_conversations: int = 5,
    max_messages: int = 8,
    start: float = EPOCH_2000,
) -> list[tuple[int, float, int]]:
    """Rows ``(conversation_id, epoch_seconds, role)`` for
    :func:`carekit.responsiveness.from_rows`.

    Each conversation's rows are in time order, with gaps drawn around the
    rule boundaries (24 h, 5 and 15 minutes) and equal times allowed;
    conversations are interleaved in global time order. Shrinks to no rows.

    Args:
        roles: Strategy for each row's role; default every :class:`Role`,
            customers most often.
        max_conversations: Upper bound on distinct conversation ids.
        max_messages: Upper bound on rows per conversation.
        start: Earliest time, in epoch seconds.
    """
    role_values = (
        roles if roles is not None else st.sampled_from((0, 1, 0, 1, 3, 2, 4)).map(int)
    )
    gaps = st.sampled_from(_BOUNDARY_GAPS) | st.integers(0, 3 * 86400)
    rows: list[tuple[int, float, int]] = []
    for cid in range(draw(st.integers(0, max_conversations))):
        t = start + draw(st.integers(0, 3 * 86400))
        for _ in range(draw(st.integers(1, max_messages))):
            t += draw(gaps)
            rows.append((cid, float(t), draw(role_values)))
    # A stable sort by time interleaves conversations and keeps each one's
    # order (ties included).
    rows.sort(key=lambda row: row[1])
    return rows


def response_stats(
    *,
    rows: st.SearchStrategy[list[tuple[int, float, int]]] | None = None,
    policies: st.SearchStrategy[ResponsePolicy] | None = None,
) -> st.SearchStrategy[ResponseStats]:
    """Statistics computed from generated rows, shrinking to empty stats."""
    return st.builds(
        lambda found, policy: from_rows(found, policy=policy),
        rows if rows is not None else response_rows(),
        policies if policies is not None else st.just(ResponsePolicy()),
    )


def aggregates() -> st.SearchStrategy[Aggregate]:
    """Response-time aggregates, shrinking to the median."""
    return st.one_of(
        st.builds(Median),
        st.builds(Mean),
        st.builds(Percentile, st.integers(0, 100).map(float)),
        st.builds(FastestMean, st.sampled_from((0.9, 0.5, 1.0, 0.75))),
    )


def evaluation_windows() -> st.SearchStrategy[EvaluationWindow]:
    """Evaluation windows, shrinking to all data."""
    trailing = st.builds(EvaluationWindow, st.integers(1, 30), st.integers(0, 10))
    return st.just(ALL_DATA) | trailing


def badge_policies(
    *,
    responses: st.SearchStrategy[ResponsePolicy] | None = None,
    windows: st.SearchStrategy[EvaluationWindow] | None = None,
) -> st.SearchStrategy[BadgePolicy]:
    """Badge policies, shrinking to the 2015 preset (the seed rule)."""
    custom = st.builds(
        BadgePolicy,
        st.sampled_from((0.9, 0.0, 0.5, 0.95, 1.0)),
        st.integers(1, 86400).map(lambda s: dt.timedelta(seconds=s)),
        comparison=st.sampled_from(Comparison),
        aggregate=aggregates(),
        window=windows if windows is not None else evaluation_windows(),
        response=responses if responses is not None else response_policies(),
    )
    return st.sampled_from((BADGE_2015, BADGE_2016)) | custom


def display_policies() -> st.SearchStrategy[DisplayPolicy]:
    """Display policies with increasing bounds, shrinking to the SPEC defaults."""

    def build(bounds: list[int], aggregate: Aggregate) -> DisplayPolicy:
        minutes, hours, day = (dt.timedelta(seconds=s) for s in sorted(bounds))
        return DisplayPolicy(minutes, hours, day, aggregate=aggregate)

    custom = st.builds(
        build,
        st.lists(st.integers(1, 3 * 86400), min_size=3, max_size=3),
        aggregates(),
    )
    return st.just(DisplayPolicy()) | custom
