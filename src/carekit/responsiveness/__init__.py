"""Responsiveness: response rate, response time, badge and displayed time.

Re-exports only; the rules and examples are in ``docs/responsiveness.md``.
"""

from carekit.responsiveness._adapter import (
    measure_conversations as measure_conversations,
)
from carekit.responsiveness._adapter import role_of as role_of
from carekit.responsiveness.accumulator import (
    ResponseAccumulator as ResponseAccumulator,
)
from carekit.responsiveness.accumulator import Row as Row
from carekit.responsiveness.accumulator import measure_columns as measure_columns
from carekit.responsiveness.accumulator import measure_rows as measure_rows
from carekit.responsiveness.badge import ALL_DATA as ALL_DATA
from carekit.responsiveness.badge import BADGE_2015 as BADGE_2015
from carekit.responsiveness.badge import BADGE_2016 as BADGE_2016
from carekit.responsiveness.badge import LAST_7_DAYS as LAST_7_DAYS
from carekit.responsiveness.badge import (
    LAST_30_DAYS_MIN_10_THREADS as LAST_30_DAYS_MIN_10_THREADS,
)
from carekit.responsiveness.badge import BadgeCriteria as BadgeCriteria
from carekit.responsiveness.badge import BadgeDecision as BadgeDecision
from carekit.responsiveness.badge import BadgePolicy as BadgePolicy
from carekit.responsiveness.badge import Comparison as Comparison
from carekit.responsiveness.badge import ConditionResult as ConditionResult
from carekit.responsiveness.badge import EvaluationWindow as EvaluationWindow
from carekit.responsiveness.badge import decide as decide
from carekit.responsiveness.display import DEFAULT_BANDS as DEFAULT_BANDS
from carekit.responsiveness.display import DisplayBands as DisplayBands
from carekit.responsiveness.display import (
    DisplayedResponseTime as DisplayedResponseTime,
)
from carekit.responsiveness.display import DisplayPolicy as DisplayPolicy
from carekit.responsiveness.display import displayed as displayed
from carekit.responsiveness.policy import AwayRule as AwayRule
from carekit.responsiveness.policy import ResponsePolicy as ResponsePolicy
from carekit.responsiveness.policy import ResponseRules as ResponseRules
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
    "DEFAULT_BANDS",
    "LAST_7_DAYS",
    "LAST_30_DAYS_MIN_10_THREADS",
    "Aggregate",
    "AwayRule",
    "BadgeCriteria",
    "BadgeDecision",
    "BadgePolicy",
    "Comparison",
    "ConditionResult",
    "DisplayBands",
    "DisplayPolicy",
    "DisplayedResponseTime",
    "EvaluationWindow",
    "FastestMean",
    "Mean",
    "Median",
    "Percentile",
    "ResponseAccumulator",
    "ResponsePolicy",
    "ResponseRules",
    "ResponseStats",
    "Role",
    "Row",
    "decide",
    "displayed",
    "measure_columns",
    "measure_conversations",
    "measure_rows",
    "role_of",
]
