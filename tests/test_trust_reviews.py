"""Reviews and their provenance: validated at construction."""

import datetime as dt
from typing import Any

import pytest

from carekit import InvalidValue
from carekit.serialization import structure, unstructure
from carekit.trust import (
    Experience,
    Incentive,
    Relationship,
    Review,
    ReviewerIdentity,
    Venue,
)

NOON = dt.datetime(2024, 11, 1, 12, tzinfo=dt.UTC)


def test_an_anonymous_review_knows_nothing_of_its_provenance() -> None:
    review = Review("r1", 4, time=NOON)
    assert (
        ReviewerIdentity.UNVERIFIED,
        Experience.UNKNOWN,
        Incentive.NONE,
        Relationship.NONE,
        Venue.OWN_SITE,
        True,
        "",
    ) == (
        review.identity,
        review.experience,
        review.incentive,
        review.relationship,
        review.venue,
        review.displayed,
        review.text,
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": " "}, "id"),
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": 4.5}, "rating"),
        ({"rating": True}, "rating"),
        ({"text": None}, "text"),
        ({"time": dt.datetime(2024, 11, 1, 12)}, "time"),
        ({"identity": "generated"}, "identity"),
        ({"experience": None}, "experience"),
        ({"incentive": "none"}, "incentive"),
        ({"relationship": 1}, "relationship"),
        ({"venue": "own_site"}, "venue"),
        ({"relationship_disclosed": 1}, "relationship_disclosed"),
        ({"incentive_disclosed": "yes"}, "incentive_disclosed"),
        ({"displayed": None}, "displayed"),
    ],
)
def test_bad_values_name_their_field(changes: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {"id": "r1", "rating": 4, "time": NOON, **changes}
    with pytest.raises(InvalidValue) as caught:
        Review(**values)
    assert field == caught.value.field


def test_a_review_needs_a_time() -> None:
    with pytest.raises(TypeError):
        Review("r1", 4)  # type: ignore[call-arg]


def test_a_review_round_trips_with_its_zone() -> None:
    from zoneinfo import ZoneInfo

    review = Review(
        "r1",
        2,
        text="Slow delivery.",
        time=dt.datetime(2024, 11, 1, 9, tzinfo=ZoneInfo("Europe/Berlin")),
        identity=ReviewerIdentity.VERIFIED_PERSON,
        incentive=Incentive.UNCONDITIONAL,
        incentive_disclosed=True,
        displayed=False,
    )
    plain = unstructure(review)
    assert "unconditional" == plain["incentive"]
    assert review == structure(plain, Review)
