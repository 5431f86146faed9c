"""Trust rules from the FTC: review provenance, the 16 CFR Part 465 and
16 CFR 255.5 checks, and engagement that looks bought (§465.8).

Every flag names the section it rests on, says why and carries the facts
behind it. No flag is a legal verdict.
"""

from carekit.trust.compliance import FTC_REVIEWS_2024 as FTC_REVIEWS_2024
from carekit.trust.compliance import ComplianceFlag as ComplianceFlag
from carekit.trust.compliance import ReviewChecks as ReviewChecks
from carekit.trust.compliance import ReviewCompliancePolicy as ReviewCompliancePolicy
from carekit.trust.compliance import ReviewFlag as ReviewFlag
from carekit.trust.compliance import SuppressionFlag as SuppressionFlag
from carekit.trust.engagement import FTC_ENGAGEMENT_2024 as FTC_ENGAGEMENT_2024
from carekit.trust.engagement import DailySeries as DailySeries
from carekit.trust.engagement import EngagementFlag as EngagementFlag
from carekit.trust.engagement import EngagementPolicy as EngagementPolicy
from carekit.trust.engagement import Indicator as Indicator
from carekit.trust.engagement import Spread as Spread
from carekit.trust.engagement import TrailingSpikes as TrailingSpikes
from carekit.trust.reviews import MAX_RATING as MAX_RATING
from carekit.trust.reviews import MIN_RATING as MIN_RATING
from carekit.trust.reviews import Experience as Experience
from carekit.trust.reviews import Incentive as Incentive
from carekit.trust.reviews import Relationship as Relationship
from carekit.trust.reviews import Review as Review
from carekit.trust.reviews import ReviewerIdentity as ReviewerIdentity
from carekit.trust.reviews import Venue as Venue

__all__ = [
    "FTC_ENGAGEMENT_2024",
    "FTC_REVIEWS_2024",
    "MAX_RATING",
    "MIN_RATING",
    "ComplianceFlag",
    "DailySeries",
    "EngagementFlag",
    "EngagementPolicy",
    "Experience",
    "Incentive",
    "Indicator",
    "Relationship",
    "Review",
    "ReviewChecks",
    "ReviewCompliancePolicy",
    "ReviewFlag",
    "ReviewerIdentity",
    "Spread",
    "SuppressionFlag",
    "TrailingSpikes",
    "Venue",
]
