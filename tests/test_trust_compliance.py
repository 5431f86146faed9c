"""Review compliance: the 16 CFR Part 465 and 255.5 checks, one example per
rule, quoting it."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from carekit import InvalidValue, StructureError
from carekit.serialization import structure, unstructure
from carekit.trust import (
    FTC_REVIEWS_2024,
    ComplianceFlag,
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

NOON = dt.datetime(2024, 11, 1, 12, tzinfo=dt.UTC)


def plain(review_id: str = "r1", rating: int = 5, **changes: Any) -> Review:
    """A verified person's verified purchase: nothing to flag."""
    base = Review(
        review_id,
        rating,
        text="Great kettle.",
        time=NOON,
        identity=ReviewerIdentity.VERIFIED_PERSON,
        experience=Experience.VERIFIED_PURCHASE,
    )
    return attrs.evolve(base, **changes)


def sections(flags: tuple[ComplianceFlag, ...]) -> list[str]:
    return [flag.section for flag in flags]


def test_a_plain_verified_review_is_not_flagged() -> None:
    assert () == FTC_REVIEWS_2024.flags([plain()])


def test_an_incentive_conditioned_on_a_positive_review_is_flagged_even_disclosed() -> (
    None
):
    """§465.4: no business may "provide compensation or other incentives in
    exchange for, or conditioned expressly or by implication on, the writing
    ... of consumer reviews expressing a particular sentiment, whether
    positive or negative". Disclosure does not cure it."""
    review = plain(
        incentive=Incentive.CONDITIONED_ON_SENTIMENT, incentive_disclosed=True
    )
    flags = FTC_REVIEWS_2024.flags([review])
    assert ["16 CFR 465.4"] == sections(flags)
    flag = flags[0]
    assert isinstance(flag, ReviewFlag)
    assert ("r1", "incentive", "conditioned_on_sentiment") == (
        flag.review_id,
        flag.fact,
        flag.value,
    )
    assert "does not cure" in flag.reason


def test_an_undisclosed_conditioned_incentive_is_also_an_undisclosed_connection() -> (
    None
):
    review = plain(incentive=Incentive.CONDITIONED_ON_SENTIMENT)
    assert ["16 CFR 465.4", "16 CFR 255.5"] == sections(
        FTC_REVIEWS_2024.flags([review])
    )


def test_an_employees_review_is_flagged_undisclosed_and_not_disclosed() -> None:
    """§465.5: an insider's review "that fails to have a clear and conspicuous
    disclosure of the ... material relationship to the business"."""
    hidden = plain(relationship=Relationship.EMPLOYEE)
    flags = FTC_REVIEWS_2024.flags([hidden])
    assert ["16 CFR 465.5"] == sections(flags)
    assert "an employee" in flags[0].reason
    disclosed = attrs.evolve(hidden, relationship_disclosed=True)
    assert () == FTC_REVIEWS_2024.flags([disclosed])


@pytest.mark.parametrize(
    "relationship",
    [Relationship.OFFICER_OR_MANAGER, Relationship.AGENT, Relationship.RELATIVE],
)
def test_every_insider_needs_the_disclosure(relationship: Relationship) -> None:
    flags = FTC_REVIEWS_2024.flags([plain(relationship=relationship)])
    assert ["16 CFR 465.5"] == sections(flags)


@pytest.mark.parametrize(
    "identity", [ReviewerIdentity.GENERATED, ReviewerIdentity.NON_EXISTENT]
)
def test_a_generated_or_non_existent_reviewer_is_flagged(
    identity: ReviewerIdentity,
) -> None:
    """§465.2: a review that misrepresents "that the reviewer or testimonialist
    exists" (AI-generated reviewers included)."""
    flags = FTC_REVIEWS_2024.flags([plain(identity=identity)])
    assert ["16 CFR 465.2"] == sections(flags)
    assert ("identity", identity.value) == (flags[0].fact, flags[0].value)  # type: ignore[union-attr]


def test_a_reviewer_without_experience_is_flagged() -> None:
    """§465.2: a review that misrepresents that the reviewer "used or otherwise
    had experience with the product, service, or business"."""
    flags = FTC_REVIEWS_2024.flags([plain(experience=Experience.NONE)])
    assert ["16 CFR 465.2"] == sections(flags)


def test_missing_evidence_is_not_a_flag() -> None:
    """An unverified reviewer with an unknown experience: nothing is known, so
    nothing is flagged (the defaults of an anonymous review)."""
    assert () == FTC_REVIEWS_2024.flags([Review("anon", 3, time=NOON)])


def test_an_undisclosed_free_product_is_an_undisclosed_material_connection() -> None:
    """16 CFR 255.5: material connections "can include monetary payment or the
    provision of free or discounted products ... to an endorser" and "must be
    disclosed clearly and conspicuously"."""
    hidden = plain(incentive=Incentive.UNCONDITIONAL)
    assert ["16 CFR 255.5"] == sections(FTC_REVIEWS_2024.flags([hidden]))
    disclosed = attrs.evolve(hidden, incentive_disclosed=True)
    assert () == FTC_REVIEWS_2024.flags([disclosed])


def test_a_controlled_site_presented_as_independent_is_flagged() -> None:
    """§465.6: a business may not "materially misrepresent ... that a website
    ... that it controls, owns, or operates provides independent reviews"."""
    flags = FTC_REVIEWS_2024.flags([plain(venue=Venue.CONTROLLED_AS_INDEPENDENT)])
    assert ["16 CFR 465.6"] == sections(flags)
    assert () == FTC_REVIEWS_2024.flags([plain(venue=Venue.THIRD_PARTY)])


def test_flags_follow_review_ids_whatever_the_input_order() -> None:
    a = plain("a", identity=ReviewerIdentity.GENERATED)
    b = plain("b", relationship=Relationship.AGENT)
    assert FTC_REVIEWS_2024.flags([b, a]) == FTC_REVIEWS_2024.flags([a, b])
    assert ["a", "b"] == [
        f.review_id for f in FTC_REVIEWS_2024.flags([b, a]) if isinstance(f, ReviewFlag)
    ]


# -- §465.7 suppression ----------------------------------------------------------


def listing(shown: dict[int, int], hidden: dict[int, int]) -> list[Review]:
    """Reviews by stars: *shown* displayed, *hidden* held back."""
    reviews: list[Review] = []
    for counts, displayed in ((shown, True), (hidden, False)):
        for stars, count in counts.items():
            for _ in range(count):
                reviews.append(plain(f"r{len(reviews)}", stars, displayed=displayed))
    return reviews


def test_hiding_the_low_ratings_is_a_suppression_signal() -> None:
    """§465.7(b): presenting the displayed reviews as "most or all the reviews
    submitted" when reviews are "being suppressed (i.e., not displayed) based
    upon their ratings". 20 submitted, the five 1-star ones hidden: the
    distance is 5/20 = 0.25 ≥ 0.2."""
    reviews = listing({5: 15}, {1: 5})
    flags = FTC_REVIEWS_2024.flags(reviews)
    assert ["16 CFR 465.7"] == sections(flags)
    flag = flags[0]
    assert isinstance(flag, SuppressionFlag)
    assert (5, 0, 0, 0, 15) == flag.submitted
    assert (0, 0, 0, 0, 15) == flag.displayed
    assert Fraction(1, 4) == flag.distance
    assert (Decimal("0.2"), 20) == (flag.threshold, flag.min_submitted)
    assert "15 of 20" in flag.reason


def test_a_small_divergence_is_not_flagged() -> None:
    """Three of 20 hidden: distance 3/20 = 0.15 < 0.2."""
    assert () == FTC_REVIEWS_2024.flags(listing({5: 17}, {1: 3}))


def test_the_distance_threshold_is_inclusive() -> None:
    """Four of 20 hidden: exactly 0.2, flagged (the decision is exact)."""
    assert ["16 CFR 465.7"] == sections(
        FTC_REVIEWS_2024.flags(listing({5: 16}, {1: 4}))
    )


def test_fewer_than_20_submitted_is_not_checked() -> None:
    assert () == FTC_REVIEWS_2024.flags(listing({5: 14}, {1: 5}))


def test_hiding_every_rating_alike_is_not_a_signal() -> None:
    """Half of each rating hidden: the displayed shares match the submitted."""
    assert () == FTC_REVIEWS_2024.flags(listing({1: 5, 5: 5}, {1: 5, 5: 5}))


def test_nothing_displayed_is_not_a_suppression_flag() -> None:
    """Nothing shown presents nothing as the whole: no distance to measure."""
    reviews = [plain(f"r{i}", 1 + i % 5, displayed=False) for i in range(25)]
    assert ReviewChecks().suppression(reviews) is None


def test_the_settings_are_fields() -> None:
    strict = ReviewChecks(suppression_distance=Decimal("0.1"), min_submitted=10)
    assert ["16 CFR 465.7"] == sections(strict.flags(listing({5: 17}, {1: 3})))


# -- validation ------------------------------------------------------------------


def test_duplicate_review_ids_are_refused() -> None:
    with pytest.raises(InvalidValue, match="unique") as caught:
        FTC_REVIEWS_2024.flags([plain("same"), plain("same", 1)])
    assert "reviews" == caught.value.field


@pytest.mark.parametrize("bad", [plain(), "reviews", [{"id": "r1"}], 5])
def test_the_input_must_be_reviews(bad: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        FTC_REVIEWS_2024.flags(bad)  # type: ignore[arg-type]
    assert "reviews" == caught.value.field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"suppression_distance": 0.2}, "suppression_distance"),
        ({"suppression_distance": Decimal("0")}, "suppression_distance"),
        ({"suppression_distance": Decimal("1.5")}, "suppression_distance"),
        ({"suppression_distance": Decimal("NaN")}, "suppression_distance"),
        ({"min_submitted": 0}, "min_submitted"),
        ({"min_submitted": True}, "min_submitted"),
    ],
)
def test_bad_settings_are_refused(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        ReviewChecks(**changes)  # type: ignore[arg-type]
    assert field == caught.value.field


def test_a_suppression_flag_keeps_its_counts_consistent() -> None:
    with pytest.raises(InvalidValue, match="cannot exceed") as caught:
        SuppressionFlag(
            "16 CFR 465.7",
            "why",
            submitted=(1, 0, 0, 0, 0),
            displayed=(0, 0, 0, 0, 2),
            threshold=Decimal("0.2"),
            min_submitted=1,
        )
    assert "displayed" == caught.value.field
    with pytest.raises(InvalidValue, match="one per star"):
        SuppressionFlag(
            "16 CFR 465.7",
            "why",
            submitted=(1, 0),
            displayed=(1, 0),
            threshold=Decimal("0.2"),
            min_submitted=1,
        )


def test_flags_round_trip_as_plain_data() -> None:
    flags = FTC_REVIEWS_2024.flags(
        [*listing({5: 15}, {1: 5}), plain("x", relationship=Relationship.AGENT)]
    )
    for flag in flags:
        assert flag == structure(unstructure(flag), type(flag))
    assert {
        "suppression_distance": "0.2",
        "min_submitted": 20,
    } == unstructure(FTC_REVIEWS_2024)


def test_structuring_a_bad_review_names_the_field() -> None:
    data = unstructure(plain())
    data["rating"] = 6
    with pytest.raises(StructureError, match="rating"):
        structure(data, Review)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"threshold": Decimal("0.3")}, "threshold"),
        ({"min_submitted": 21}, "submitted"),
        ({"submitted": "50000"}, "submitted"),
        ({"displayed": 15}, "displayed"),
        ({"displayed": (0, 0, 0, 0, 0)}, "displayed"),
    ],
)
def test_a_suppression_flag_states_a_raised_flag(
    changes: dict[str, Any], field: str
) -> None:
    """A flag at distance 1/4 over 20 reviews cannot claim a threshold of 0.3,
    nor a minimum of 21."""
    values: dict[str, Any] = {
        "submitted": (5, 0, 0, 0, 15),
        "displayed": (0, 0, 0, 0, 15),
        "threshold": Decimal("0.2"),
        "min_submitted": 20,
        **changes,
    }
    with pytest.raises(InvalidValue) as caught:
        SuppressionFlag("16 CFR 465.7", "why", **values)
    assert field == caught.value.field
