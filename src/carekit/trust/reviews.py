"""Consumer reviews with their provenance: who wrote them, from what
experience, for what reward, with what tie to the business, and where they
are shown.

The facts are the ones the FTC's rule on consumer reviews and testimonials
(16 CFR Part 465, effective 2024-10-21) and its Endorsement Guides
(16 CFR 255.5, revised 2023-07-26) turn on. Recording them decides nothing:
:mod:`carekit.trust.compliance` reads them and raises flags, and a flag is a
prompt to look, never a legal verdict.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import aware_datetime, enum_member, non_empty_str
from carekit.errors import InvalidValue

__all__ = [
    "MAX_RATING",
    "MIN_RATING",
    "Experience",
    "Incentive",
    "Relationship",
    "Review",
    "ReviewerIdentity",
    "Venue",
]

#: The lowest and highest star ratings a review can carry.
MIN_RATING = 1
MAX_RATING = 5


class ReviewerIdentity(enum.Enum):
    """What is known of the person a review is attributed to."""

    #: A real person, checked.
    VERIFIED_PERSON = "verified_person"
    #: Nobody checked; not evidence of anything by itself.
    UNVERIFIED = "unverified"
    #: Known not to exist (a made-up name, a sock puppet).
    NON_EXISTENT = "non_existent"
    #: Written by a program (generative AI, a bot) in a person's name.
    GENERATED = "generated"


class Experience(enum.Enum):
    """Whether the reviewer used the product, service or business reviewed."""

    VERIFIED_PURCHASE = "verified_purchase"
    #: Known to have had no experience of what is reviewed.
    NONE = "none"
    #: Not known either way; not evidence of anything by itself.
    UNKNOWN = "unknown"


class Incentive(enum.Enum):
    """What the reviewer was given or promised for the review."""

    NONE = "none"
    #: Payment, a free or discounted product, a prize entry... whatever the
    #: review says.
    UNCONDITIONAL = "unconditional"
    #: Given only for a review of a given sentiment ("five stars and we
    #: refund you"), expressly or by implication.
    CONDITIONED_ON_SENTIMENT = "conditioned_on_sentiment"


class Relationship(enum.Enum):
    """The reviewer's tie to the business reviewed."""

    NONE = "none"
    EMPLOYEE = "employee"
    OFFICER_OR_MANAGER = "officer_or_manager"
    AGENT = "agent"
    #: A relative of an officer, manager, employee or agent.
    RELATIVE = "relative"


class Venue(enum.Enum):
    """Where a review is displayed."""

    #: The business's own site or page, presented as its own.
    OWN_SITE = "own_site"
    #: An independent third party (a marketplace, a review platform).
    THIRD_PARTY = "third_party"
    #: A site the business controls, owns or operates, presented as an
    #: independent source of reviews.
    CONTROLLED_AS_INDEPENDENT = "controlled_as_independent"


def _rating(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or not MIN_RATING <= value <= MAX_RATING:
        raise InvalidValue(
            attribute.name,
            value,
            f"must be a whole number of stars from {MIN_RATING} to {MAX_RATING}",
        )


def _text(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise InvalidValue(attribute.name, value, "must be a string (may be empty)")


def _flag(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise InvalidValue(attribute.name, value, "must be True or False")


@frozen
class Review:
    """One submitted consumer review and its provenance.

    Every review handed to a compliance policy counts as *submitted*;
    :attr:`displayed` says whether the business shows it. The provenance
    defaults to what is known of an anonymous review: nothing (an unverified
    reviewer, unknown experience), no incentive, no relationship.

    Attributes:
        id: The review's id, unique among the reviews checked together.
        rating: Stars, from 1 to 5.
        text: What the reviewer wrote (may be empty: a rating alone).
        time: When it was submitted (timezone-aware).
        identity: What is known of the reviewer.
        experience: Whether the reviewer used what is reviewed.
        incentive: What the reviewer was given or promised.
        relationship: The reviewer's tie to the business.
        relationship_disclosed: The review clearly and conspicuously
            discloses that tie.
        incentive_disclosed: The review clearly and conspicuously discloses
            the incentive.
        venue: Where it is displayed.
        displayed: The business shows it (False: held back or removed).
    """

    id: str = field(validator=non_empty_str)
    rating: int = field(validator=_rating)
    text: str = field(default="", kw_only=True, validator=_text)
    time: dt.datetime = field(kw_only=True, validator=aware_datetime, eq=instant_key)
    identity: ReviewerIdentity = field(
        default=ReviewerIdentity.UNVERIFIED,
        kw_only=True,
        validator=enum_member(ReviewerIdentity),
    )
    experience: Experience = field(
        default=Experience.UNKNOWN,
        kw_only=True,
        validator=enum_member(Experience),
    )
    incentive: Incentive = field(
        default=Incentive.NONE, kw_only=True, validator=enum_member(Incentive)
    )
    relationship: Relationship = field(
        default=Relationship.NONE, kw_only=True, validator=enum_member(Relationship)
    )
    relationship_disclosed: bool = field(default=False, kw_only=True, validator=_flag)
    incentive_disclosed: bool = field(default=False, kw_only=True, validator=_flag)
    venue: Venue = field(
        default=Venue.OWN_SITE, kw_only=True, validator=enum_member(Venue)
    )
    displayed: bool = field(default=True, kw_only=True, validator=_flag)
