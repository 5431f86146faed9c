"""Responsiveness: response rate, response time, badge and displayed time.

Re-exports only; the rules and examples are in ``docs/responsiveness.md``.
"""

from carekit.responsiveness._adapter import from_conversations as from_conversations
from carekit.responsiveness._adapter import role_of as role_of
from carekit.responsiveness.accumulator import (
    ResponseAccumulator as ResponseAccumulator,
)
from carekit.responsiveness.accumulator import Row as Row
from carekit.responsiveness.accumulator import from_columns as from_columns
from carekit.responsiveness.accumulator import from_rows as from_rows
from carekit.responsiveness.badge import ALL_DATA as ALL_DATA
from carekit.responsiveness.badge import BADGE_2015 as BADGE_2015
from carekit.responsiveness.badge import BADGE_2016 as BADGE_2016
from carekit.responsiveness.badge import LAST_7_DAYS as LAST_7_DAYS
from carekit.responsiveness.badge import (
    LAST_30_DAYS_MIN_10_THREADS as LAST_30_DAYS_MIN_10_THREADS,
)
from carekit.responsiveness.badge import BadgeDecision as BadgeDecision
from carekit.responsiveness.badge import BadgePolicy as BadgePolicy
from carekit.responsiveness.badge import Comparison as Comparison
from carekit.responsiveness.badge import ConditionResult as ConditionResult
from carekit.responsiveness.badge import EvaluationWindow as EvaluationWindow
from carekit.responsiveness.badge import decide as decide
from carekit.responsiveness.display import (
    DisplayedResponseTime as DisplayedResponseTime,
)
from carekit.responsiveness.display import DisplayPolicy as DisplayPolicy
from carekit.responsiveness.display import displayed as displayed
from carekit.responsiveness.policy import AwayRule as AwayRule
from carekit.responsiveness.policy import ResponsePolicy as ResponsePolicy
from carekit.responsiveness.policy import Role as Role
from carekit.responsiveness.stats import Aggregate as Aggregate
from carekit.responsiveness.stats import FastestMean as FastestMean
from carekit.responsiveness.stats import Mean as Mean
from carekit.responsiveness.stats import Median as Median
from carekit.responsiveness.stats import Percentile as Percentile
from carekit.responsiveness.stats import ResponseStats as ResponseStats

__all__ = [
    "ALL_DATA",
    "BADGE_2015",
    "BADGE_2016",
    "LAST_7_DAYS",
    "LAST_30_DAYS_MIN_10_THREADS",
    "Aggregate",
    "AwayRule",
    "BadgeDecision",
    "BadgePolicy",
    "Comparison",
    "ConditionResult",
    "DisplayPolicy",
    "DisplayedResponseTime",
    "EvaluationWindow",
    "FastestMean",
    "Mean",
    "Median",
    "Percentile",
    "ResponseAccumulator",
    "ResponsePolicy",
    "ResponseStats",
    "Role",
    "Row",
    "decide",
    "displayed",
    "from_columns",
    "from_conversations",
    "from_rows",
    "role_of",
]
