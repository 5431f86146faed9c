"""Strategies for the trust rules: reviews with their provenance, daily
engagement series, the two policies and the flags they raise."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from carekit.trust import (
    DailySeries,
    EngagementFlag,
    Experience,
    Incentive,
    Indicator,
    Relationship,
    Review,
    ReviewChecks,
    ReviewerIdentity,
    ReviewFlag,
    Spread,
    SuppressionFlag,
    TrailingSpikes,
    Venue,
)
from carekit.trust.compliance import total_variation

from ._common import identifiers
from ._time import aware_datetimes

__all__ = [
    "daily_series",
    "engagement_flags",
    "review_checks",
    "review_flags",
    "review_lists",
    "reviews",
    "strategies_by_type",
    "suppression_flags",
    "trailing_spikes",
]

_SECTIONS = ("16 CFR 465.2", "16 CFR 465.4", "16 CFR 465.5", "16 CFR 465.6")
_FIELDS = ("identity", "experience", "incentive", "relationship", "venue")


def _decimals(low: str, high: str, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=places)


def reviews(
    *,
    ratings: st.SearchStrategy[int] | None = None,
    displayed: st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[Review]:
    """Reviews with any provenance, shrinking to a plain one: a verified
    person's verified purchase, no incentive, no relationship, on the
    business's own site, displayed.

    Args:
        ratings: Strategy for the stars; default 1 to 5.
        displayed: Strategy for whether it is displayed; default either.
    """
    return st.builds(
        Review,
        identifiers(),
        ratings if ratings is not None else st.integers(min_value=1, max_value=5),
        text=st.text(max_size=20),
        time=aware_datetimes(),
        identity=st.sampled_from(ReviewerIdentity),
        experience=st.sampled_from(Experience),
        incentive=st.sampled_from(Incentive),
        relationship=st.sampled_from(Relationship),
        relationship_disclosed=st.booleans(),
        incentive_disclosed=st.booleans(),
        venue=st.sampled_from(Venue),
        displayed=displayed if displayed is not None else st.booleans(),
    )


def review_lists(
    *,
    elements: st.SearchStrategy[Review] | None = None,
    min_size: int = 0,
    max_size: int = 30,
) -> st.SearchStrategy[list[Review]]:
    """Lists of reviews with unique ids, as one listing submits them."""
    return st.lists(
        elements if elements is not None else reviews(),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda review: review.id,
    )


def review_flags() -> st.SearchStrategy[ReviewFlag]:
    """Per-review flags, as :class:`~carekit.trust.ReviewChecks` raises them."""
    return st.builds(
        ReviewFlag,
        st.sampled_from(_SECTIONS),
        identifiers(),
        review_id=identifiers(),
        fact=st.sampled_from(_FIELDS),
        value=identifiers(),
    )


@st.composite
def _suppression_flags(draw: st.DrawFn) -> SuppressionFlag:
    submitted = draw(st.lists(st.integers(0, 50), min_size=5, max_size=5))
    displayed = [draw(st.integers(0, n)) for n in submitted]
    assume(sum(displayed) > 0)
    distance = total_variation(tuple(displayed), tuple(submitted))
    assume(distance >= Fraction(1, 100))
    return SuppressionFlag(
        "16 CFR 465.7",
        draw(identifiers()),
        submitted=tuple(submitted),
        displayed=tuple(displayed),
        threshold=Decimal(draw(st.integers(1, math.floor(distance * 100)))) / 100,
        min_submitted=draw(st.integers(1, sum(submitted))),
    )


def suppression_flags() -> st.SearchStrategy[SuppressionFlag]:
    """Suppression flags as a listing raises them: consistent counts per
    star, and a distance that reaches the threshold."""
    return _suppression_flags()


def review_checks() -> st.SearchStrategy[ReviewChecks]:
    """Review compliance policies with any distance and minimum count."""
    return st.builds(
        ReviewChecks,
        _decimals("0.01", "1", 2),
        st.integers(min_value=1, max_value=100),
    )


def daily_series(
    *,
    gains: st.SearchStrategy[int] | None = None,
    min_size: int = 0,
    max_size: int = 30,
) -> st.SearchStrategy[DailySeries]:
    """Daily series of any indicator from 2000 to 2100, shrinking to an
    empty follower series starting 2000-01-01.

    Args:
        gains: Strategy for each day's gain; default −10⁶ to 10⁶.
        min_size: The fewest days.
        max_size: The most days.
    """
    return st.builds(
        DailySeries,
        st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
        st.lists(
            gains if gains is not None else st.integers(-(10**6), 10**6),
            min_size=min_size,
            max_size=max_size,
        ).map(tuple),
        indicator=st.sampled_from(Indicator),
    )


def engagement_flags() -> st.SearchStrategy[EngagementFlag]:
    """Engagement flags with any figures."""
    return st.builds(
        EngagementFlag,
        st.just("16 CFR 465.8"),
        identifiers(),
        indicator=st.sampled_from(Indicator),
        day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
        gain=st.integers(-(10**6), 10**6),
        baseline=_decimals("-1000000", "1000000", 1),
        spread=_decimals("0", "1000000", 6),
        spread_kind=st.sampled_from(Spread),
        score=_decimals("0", "1000000", 6),
        threshold=_decimals("0.01", "100", 2),
        history=st.lists(st.integers(-(10**6), 10**6), max_size=10).map(tuple),
    )


@st.composite
def _trailing_spikes(draw: st.DrawFn) -> TrailingSpikes:
    window = draw(st.integers(min_value=3, max_value=10))
    return TrailingSpikes(
        draw(_decimals("0.01", "10", 2)),
        window=window,
        min_history=draw(st.integers(min_value=window, max_value=window + 5)),
        mad_constant=draw(_decimals("0.0001", "2", 4)),
        mean_ad_constant=draw(_decimals("0.0001", "2", 4)),
        baseline_floor=draw(_decimals("0", "1", 2)),
    )


def trailing_spikes() -> st.SearchStrategy[TrailingSpikes]:
    """Engagement policies with any window, history and constants."""
    return _trailing_spikes()


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each trust model."""
    return {
        DailySeries: daily_series(),
        EngagementFlag: engagement_flags(),
        Review: reviews(),
        ReviewChecks: review_checks(),
        ReviewFlag: review_flags(),
        SuppressionFlag: suppression_flags(),
        TrailingSpikes: trailing_spikes(),
    }
