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
    "Aggregate",
    "AwayRule",
    "FastestMean",
    "Mean",
    "Median",
    "Percentile",
    "ResponseAccumulator",
    "ResponsePolicy",
    "ResponseStats",
    "Role",
    "Row",
    "from_columns",
    "from_conversations",
    "from_rows",
    "role_of",
]
