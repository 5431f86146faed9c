"""Review compliance: flags on reviews whose provenance matches a practice the
FTC's rule on consumer reviews and testimonials (16 CFR Part 465, effective
2024-10-21) or its Endorsement Guides (16 CFR 255.5) describe.

A flag names the section it rests on, says why in words and carries the facts
behind it. **No flag is a legal verdict**: the rule turns on knowledge,
intent and context ("knew or should have known", "materially") that no
review record holds. A flag says where a person should look.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol, TypeAlias

import attrs
from attrs import field, frozen

from carekit._validate import non_empty_str
from carekit.errors import InvalidValue
from carekit.trust._exact import check_decimal, floor_decimal
from carekit.trust.reviews import (
    MAX_RATING,
    MIN_RATING,
    Experience,
    Incentive,
    Relationship,
    Review,
    ReviewerIdentity,
    Venue,
)

__all__ = [
    "FTC_REVIEWS_2024",
    "ComplianceFlag",
    "ReviewChecks",
    "ReviewCompliancePolicy",
    "ReviewFlag",
    "SuppressionFlag",
]

_STARS = MAX_RATING - MIN_RATING + 1


def _count(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or value < 1:
        raise InvalidValue(attribute.name, value, "must be a whole number above zero")


def _counts(value: Any, field: str) -> tuple[int, ...]:
    """Counts per star as a tuple; a bare string is not split."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue(field, value, "must be a sequence of counts per star")
    return tuple(value)


def _submitted(value: Any) -> tuple[int, ...]:
    return _counts(value, "submitted")


def _displayed(value: Any) -> tuple[int, ...]:
    return _counts(value, "displayed")


def _per_star(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if len(value) != _STARS or any(type(n) is not int or n < 0 for n in value):
        raise InvalidValue(
            attribute.name,
            value,
            f"must hold {_STARS} non-negative whole counts, one per star "
            f"from {MIN_RATING} to {MAX_RATING}",
        )


@frozen
class ReviewFlag:
    """A review whose provenance matches a practice a section describes.

    Attributes:
        section: The section it rests on (``"16 CFR 465.4"``).
        reason: Why, in words.
        review_id: The review flagged.
        fact: The review's field that raises the flag (``"incentive"``);
            setting it to its plain value (no incentive, no relationship, a
            verified person, a verified purchase, the business's own site)
            removes the flag.
        value: That field's value (``"conditioned_on_sentiment"``).
    """

    section: str = field(validator=non_empty_str)
    reason: str = field(validator=non_empty_str)
    review_id: str = field(kw_only=True, validator=non_empty_str)
    fact: str = field(kw_only=True, validator=non_empty_str)
    value: str = field(kw_only=True, validator=non_empty_str)


@frozen
class SuppressionFlag:
    """The displayed ratings diverge from the submitted ones.

    Consistent by construction: at least :attr:`min_submitted` reviews
    submitted, some displayed, and a :attr:`distance` that reaches
    :attr:`threshold`.

    Attributes:
        section: ``"16 CFR 465.7"``.
        reason: Why, in words.
        submitted: How many reviews were submitted with each star rating,
            from 1 star to 5.
        displayed: How many of those are displayed, per star.
        threshold: The total-variation distance that raises the flag.
        min_submitted: The fewest submitted reviews the check needs.
    """

    section: str = field(validator=non_empty_str)
    reason: str = field(validator=non_empty_str)
    submitted: tuple[int, ...] = field(
        kw_only=True,
        converter=_submitted,
        validator=_per_star,
    )
    displayed: tuple[int, ...] = field(
        kw_only=True,
        converter=_displayed,
        validator=_per_star,
    )
    threshold: Decimal = field(kw_only=True)
    min_submitted: int = field(kw_only=True, validator=_count)

    @threshold.validator
    def _check_threshold(self, _a: attrs.Attribute[Any], value: Any) -> None:
        if check_decimal(value, "threshold") > 1:
            raise InvalidValue("threshold", value, "a distance is at most 1")

    def __attrs_post_init__(self) -> None:
        if any(d > s for d, s in zip(self.displayed, self.submitted, strict=True)):
            raise InvalidValue(
                "displayed",
                self.displayed,
                "cannot exceed the submitted count per star",
            )
        if not sum(self.displayed):
            raise InvalidValue("displayed", self.displayed, "must show some review")
        if sum(self.submitted) < self.min_submitted:
            raise InvalidValue(
                "submitted",
                self.submitted,
                f"a flag needs at least min_submitted ({self.min_submitted}) reviews",
            )
        if self.distance < Fraction(self.threshold):
            raise InvalidValue(
                "threshold", self.threshold, "a flag's distance reaches its threshold"
            )

    @property
    def distance(self) -> Fraction:
        """The exact total-variation distance between the displayed and the
        submitted rating distributions: half the sum over stars of the
        difference in shares, from 0 (alike) to 1 (nothing in common)."""
        return total_variation(self.displayed, self.submitted)


#: What a review compliance policy returns.
ComplianceFlag: TypeAlias = ReviewFlag | SuppressionFlag


def total_variation(first: tuple[int, ...], second: tuple[int, ...]) -> Fraction:
    """½ Σ |first_i/Σfirst − second_i/Σsecond|, exactly. Both sums are > 0."""
    a, b = sum(first), sum(second)
    return Fraction(
        sum(abs(x * b - y * a) for x, y in zip(first, second, strict=True)), 2 * a * b
    )


class ReviewCompliancePolicy(Protocol):
    """Flags reviews, and the way they are displayed, that deserve a look.

    Implement it to add checks of your own; carekit's default is
    :class:`ReviewChecks`.
    """

    def flags(self, reviews: Iterable[Review]) -> tuple[ComplianceFlag, ...]:
        """The flags on *reviews*: every submitted review of one listing."""
        ...


# -- the per-review rules, in one table ------------------------------------------

_FAKE = "16 CFR 465.2"
_BOUGHT = "16 CFR 465.4"
_INSIDER = "16 CFR 465.5"
_CONTROLLED = "16 CFR 465.6"
_SUPPRESSED = "16 CFR 465.7"
_CONNECTION = "16 CFR 255.5"

_INSIDERS = {
    Relationship.EMPLOYEE: "an employee",
    Relationship.OFFICER_OR_MANAGER: "an officer or manager",
    Relationship.AGENT: "an agent",
    Relationship.RELATIVE: "a relative of an insider",
}


def _findings(review: Review) -> Iterator[tuple[str, str, str, str]]:
    """``(section, fact, value, reason)`` for each rule *review* matches."""
    if review.identity in (ReviewerIdentity.NON_EXISTENT, ReviewerIdentity.GENERATED):
        yield (
            _FAKE,
            "identity",
            review.identity.value,
            "the review is attributed to a reviewer who does not exist or was "
            "generated (AI included): a review must come from a real person",
        )
    if review.experience is Experience.NONE:
        yield (
            _FAKE,
            "experience",
            review.experience.value,
            "the reviewer had no experience of what is reviewed",
        )
    if review.incentive is Incentive.CONDITIONED_ON_SENTIMENT:
        yield (
            _BOUGHT,
            "incentive",
            review.incentive.value,
            "an incentive conditioned on the review's sentiment; disclosing it "
            "does not cure it",
        )
    if review.incentive is not Incentive.NONE and not review.incentive_disclosed:
        yield (
            _CONNECTION,
            "incentive",
            review.incentive.value,
            "a material connection (payment, a free or discounted product, a "
            "prize...) is not clearly and conspicuously disclosed",
        )
    if review.relationship is not Relationship.NONE and not (
        review.relationship_disclosed
    ):
        yield (
            _INSIDER,
            "relationship",
            review.relationship.value,
            f"a review by {_INSIDERS[review.relationship]} of the business does "
            "not clearly and conspicuously disclose the relationship",
        )
    if review.venue is Venue.CONTROLLED_AS_INDEPENDENT:
        yield (
            _CONTROLLED,
            "venue",
            review.venue.value,
            "a site the business controls is presented as an independent source "
            "of reviews",
        )


def _checked(reviews: Iterable[Review]) -> tuple[Review, ...]:
    """*reviews* as a tuple sorted by id, each a Review, ids unique."""
    if isinstance(reviews, Review) or not isinstance(reviews, Iterable):
        raise InvalidValue("reviews", reviews, "must be a collection of Review")
    items = tuple(reviews)
    seen: set[str] = set()
    for review in items:
        if not isinstance(review, Review):
            raise InvalidValue("reviews", review, "each item must be a Review")
        if review.id in seen:
            raise InvalidValue("reviews", review.id, "review ids must be unique")
        seen.add(review.id)
    return tuple(sorted(items, key=lambda r: r.id))


def _per_star_counts(reviews: Iterable[Review]) -> tuple[int, ...]:
    counts = [0] * _STARS
    for review in reviews:
        counts[review.rating - MIN_RATING] += 1
    return tuple(counts)


@frozen
class ReviewChecks:
    """carekit's review compliance policy: every check of Part 465 and 255.5
    that a review's provenance can show.

    Per review (16 CFR Part 465, effective 2024-10-21; 16 CFR 255.5):

    - §465.2, "fake or false consumer reviews": a reviewer who does not exist
      or is generated, or who had no experience of what is reviewed;
    - §465.4, "compensation or other incentives ... conditioned expressly or
      by implication on ... consumer reviews expressing a particular
      sentiment, whether positive or negative": flagged even when disclosed;
    - §465.5, insider reviews (officers, managers, employees, agents, and
      relatives) without "a clear and conspicuous disclosure" of the
      relationship;
    - 255.5, "when there exists a connection between the endorser and the
      seller ... that might materially affect the weight or credibility of the
      endorsement ... such connection must be disclosed clearly and
      conspicuously" (payment, free or discounted products, early access,
      prizes): an incentive not disclosed;
    - §465.6, a site the business "controls, owns, or operates" presented as
      providing independent reviews.

    Over the listing, §465.7(b) forbids presenting the displayed reviews as
    "most or all the reviews submitted" when reviews are "being suppressed
    (i.e., not displayed) based upon their ratings or their negative
    sentiment". The signal: the total-variation distance between the
    displayed and the submitted rating distributions is at least
    :attr:`suppression_distance`, with at least :attr:`min_submitted`
    reviews submitted and one displayed.

    An unverified reviewer or an unknown experience raises nothing: missing
    evidence is not evidence of a fake.

    Attributes:
        suppression_distance: The distance that raises the suppression flag
            (default 0.2).
        min_submitted: The fewest submitted reviews the suppression check
            needs (default 20).
    """

    suppression_distance: Decimal = field(default=Decimal("0.2"))
    min_submitted: int = field(default=20, validator=_count)

    @suppression_distance.validator
    def _check_distance(self, _a: attrs.Attribute[Any], value: Any) -> None:
        if check_decimal(value, "suppression_distance") > 1:
            raise InvalidValue("suppression_distance", value, "a distance is at most 1")

    def flags(self, reviews: Iterable[Review]) -> tuple[ComplianceFlag, ...]:
        """The flags on *reviews*, every submitted review of one listing:
        per review in id order, then the suppression flag if raised.

        Raises:
            InvalidValue: *reviews* holds something else than a Review, or
                two reviews with one id.
        """
        items = _checked(reviews)
        found: list[ComplianceFlag] = [
            ReviewFlag(section, reason, review_id=review.id, fact=fact, value=value)
            for review in items
            for section, fact, value, reason in _findings(review)
        ]
        suppression = self._suppression(items)
        if suppression is not None:
            found.append(suppression)
        return tuple(found)

    def suppression(self, reviews: Iterable[Review]) -> SuppressionFlag | None:
        """The suppression flag on *reviews*, or ``None`` when the displayed
        ratings are close to the submitted ones, too few were submitted, or
        none is displayed (nothing is then presented as the whole).

        Raises:
            InvalidValue: as :meth:`flags`.
        """
        return self._suppression(_checked(reviews))

    def _suppression(self, items: tuple[Review, ...]) -> SuppressionFlag | None:
        submitted = _per_star_counts(items)
        displayed = _per_star_counts(r for r in items if r.displayed)
        if len(items) < self.min_submitted or not sum(displayed):
            return None
        distance = total_variation(displayed, submitted)
        if distance < Fraction(self.suppression_distance):
            return None
        shown = floor_decimal(distance)
        return SuppressionFlag(
            _SUPPRESSED,
            f"the displayed ratings diverge from the submitted ones (total-"
            f"variation distance {shown} ≥ {self.suppression_distance}, "
            f"{sum(displayed)} of {len(items)} reviews displayed): presenting "
            "them as all the reviews would hide the ones held back",
            submitted=submitted,
            displayed=displayed,
            threshold=self.suppression_distance,
            min_submitted=self.min_submitted,
        )


#: The checks as the FTC's rule reads on its effective date, 2024-10-21
#: (16 CFR Part 465, with the Endorsement Guides' 16 CFR 255.5).
FTC_REVIEWS_2024 = ReviewChecks()
