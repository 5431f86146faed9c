"""Review compliance laws (16 CFR Part 465, 16 CFR 255.5): each flag rests on
one fact of one review, and the suppression signal measures shares, not
counts or order."""

import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from carekit.testing import strategies as cks
from carekit.trust import (
    FTC_REVIEWS_2024,
    Experience,
    Incentive,
    Relationship,
    Review,
    ReviewChecks,
    ReviewerIdentity,
    ReviewFlag,
    SuppressionFlag,
    Venue,
)

#: The plain value of each field a flag can rest on.
PLAIN: dict[str, Any] = {
    "identity": ReviewerIdentity.VERIFIED_PERSON,
    "experience": Experience.VERIFIED_PURCHASE,
    "incentive": Incentive.NONE,
    "relationship": Relationship.NONE,
    "venue": Venue.OWN_SITE,
}


def review_flags(review: Review) -> list[ReviewFlag]:
    return [f for f in FTC_REVIEWS_2024.flags([review]) if isinstance(f, ReviewFlag)]


@given(review=cks.reviews())
def test_removing_an_offending_fact_removes_exactly_its_flags(review: Review) -> None:
    """Set the field a flag names to its plain value: that flag goes, and
    every flag resting on another fact stays."""
    flags = review_flags(review)
    for fact in {flag.fact for flag in flags}:
        fixed = attrs.evolve(review, **{fact: PLAIN[fact]})
        assert [f for f in flags if f.fact != fact] == review_flags(fixed)


@given(review=cks.reviews())
def test_a_review_with_one_offending_fact_is_clean_without_it(review: Review) -> None:
    """The Must-show law: "removing a flagged review's only offending fact
    removes its flag"."""
    facts = {flag.fact for flag in review_flags(review)}
    if len(facts) == 1:
        (fact,) = facts
        assert [] == review_flags(attrs.evolve(review, **{fact: PLAIN[fact]}))


@given(review=cks.reviews())
def test_a_plain_provenance_is_never_flagged(review: Review) -> None:
    assert [] == review_flags(attrs.evolve(review, **PLAIN))


@given(reviews=cks.review_lists(), seed=st.integers())
def test_flags_do_not_depend_on_the_input_order(
    reviews: list[Review], seed: int
) -> None:
    shuffled = list(reviews)
    random.Random(seed).shuffle(shuffled)
    assert FTC_REVIEWS_2024.flags(reviews) == FTC_REVIEWS_2024.flags(shuffled)


@given(reviews=cks.review_lists())
def test_each_review_is_judged_on_its_own(reviews: list[Review]) -> None:
    together = [f for f in FTC_REVIEWS_2024.flags(reviews) if isinstance(f, ReviewFlag)]
    alone = [f for r in sorted(reviews, key=lambda r: r.id) for f in review_flags(r)]
    assert alone == together


def shares(reviews: list[Review]) -> dict[int, Fraction]:
    return {
        stars: Fraction(sum(r.rating == stars for r in reviews), len(reviews))
        for stars in range(1, 6)
    }


@given(policy=cks.review_checks(), reviews=cks.review_lists(max_size=60))
def test_suppression_is_the_distance_between_shares(
    policy: ReviewChecks, reviews: list[Review]
) -> None:
    """Flagged exactly when enough are submitted, some are displayed, and
    ½ Σ |displayed share − submitted share| reaches the threshold."""
    shown = [r for r in reviews if r.displayed]
    expected = (
        len(reviews) >= policy.min_submitted
        and bool(shown)
        and sum(
            abs(a - b)
            for a, b in zip(
                shares(shown).values(), shares(reviews).values(), strict=True
            )
        )
        / 2
        >= Fraction(policy.suppression_distance)
    )
    flag = policy.suppression(reviews)
    assert expected == (flag is not None)
    if flag is not None:
        assert 0 <= flag.distance <= 1
        assert flag.distance >= Fraction(flag.threshold)


@given(
    reviews=cks.review_lists(elements=cks.reviews(displayed=st.just(True)), min_size=20)
)
def test_displaying_every_review_is_never_suppression(reviews: list[Review]) -> None:
    assert FTC_REVIEWS_2024.suppression(reviews) is None


@given(reviews=cks.review_lists(min_size=1, max_size=15), copies=st.integers(2, 4))
def test_the_distance_measures_shares_not_counts(
    reviews: list[Review], copies: int
) -> None:
    """Every review submitted *copies* times (with its display) gives the
    same distance."""
    policy = ReviewChecks(suppression_distance=Decimal("0.01"), min_submitted=1)
    many = [attrs.evolve(r, id=f"{r.id}-{n}") for r in reviews for n in range(copies)]
    one, more = policy.suppression(reviews), policy.suppression(many)
    assert (one is None) == (more is None)
    if isinstance(one, SuppressionFlag) and isinstance(more, SuppressionFlag):
        assert one.distance == more.distance
