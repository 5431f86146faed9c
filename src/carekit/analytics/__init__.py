"""Care analytics: response times, handling time, time to resolution, and
their aggregates, breakdowns and accumulators.

Re-exports only; the definitions and examples are in ``docs/analytics.md``.
"""

from carekit.analytics.aggregation import ByAgent as ByAgent
from carekit.analytics.aggregation import ByChannel as ByChannel
from carekit.analytics.aggregation import ByLanguage as ByLanguage
from carekit.analytics.aggregation import ByPeriod as ByPeriod
from carekit.analytics.aggregation import ByTag as ByTag
from carekit.analytics.aggregation import ByTeam as ByTeam
from carekit.analytics.aggregation import Count as Count
from carekit.analytics.aggregation import DurationAccumulator as DurationAccumulator
from carekit.analytics.aggregation import GroupAccumulator as GroupAccumulator
from carekit.analytics.aggregation import GroupingPolicy as GroupingPolicy
from carekit.analytics.aggregation import Measured as Measured
from carekit.analytics.aggregation import Period as Period
from carekit.analytics.aggregation import breakdown as breakdown
from carekit.analytics.aggregation import summarize as summarize
from carekit.analytics.handling import HandlingAccumulator as HandlingAccumulator
from carekit.analytics.handling import HandlingTime as HandlingTime
from carekit.analytics.handling import handling_by_agent as handling_by_agent
from carekit.analytics.handling import handling_rows as handling_rows
from carekit.analytics.handling import handling_time as handling_time
from carekit.analytics.resolution import Resolution as Resolution
from carekit.analytics.resolution import ResolutionCycle as ResolutionCycle
from carekit.analytics.resolution import ResolutionRow as ResolutionRow
from carekit.analytics.resolution import resolution_of as resolution_of
from carekit.analytics.resolution import resolution_rows as resolution_rows
from carekit.analytics.resolution import resolutions as resolutions
from carekit.analytics.responses import Handoff as Handoff
from carekit.analytics.responses import ResponseDuration as ResponseDuration
from carekit.analytics.responses import ResponseKind as ResponseKind
from carekit.analytics.responses import ResponseRow as ResponseRow
from carekit.analytics.responses import ResponseTimePolicy as ResponseTimePolicy
from carekit.analytics.responses import ResponseTimeRules as ResponseTimeRules
from carekit.analytics.responses import response_durations as response_durations
from carekit.analytics.responses import response_rows as response_rows

__all__ = [
    "ByAgent",
    "ByChannel",
    "ByLanguage",
    "ByPeriod",
    "ByTag",
    "ByTeam",
    "Count",
    "DurationAccumulator",
    "GroupAccumulator",
    "GroupingPolicy",
    "HandlingAccumulator",
    "HandlingTime",
    "Handoff",
    "Measured",
    "Period",
    "Resolution",
    "ResolutionCycle",
    "ResolutionRow",
    "ResponseDuration",
    "ResponseKind",
    "ResponseRow",
    "ResponseTimePolicy",
    "ResponseTimeRules",
    "breakdown",
    "handling_by_agent",
    "handling_rows",
    "handling_time",
    "resolution_of",
    "resolution_rows",
    "resolutions",
    "response_durations",
    "response_rows",
    "summarize",
]
