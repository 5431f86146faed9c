"""Care analytics: response times, handling time, time to resolution, and
their aggregates and breakdowns.

Re-exports only; the definitions and examples are in ``docs/analytics.md``.
"""

from carekit.analytics.responses import Handoff as Handoff
from carekit.analytics.responses import ResponseDuration as ResponseDuration
from carekit.analytics.responses import ResponseKind as ResponseKind
from carekit.analytics.responses import ResponseRow as ResponseRow
from carekit.analytics.responses import ResponseTimePolicy as ResponseTimePolicy
from carekit.analytics.responses import ResponseTimeRules as ResponseTimeRules
from carekit.analytics.responses import response_durations as response_durations
from carekit.analytics.responses import response_rows as response_rows

__all__ = [
    "Handoff",
    "ResponseDuration",
    "ResponseKind",
    "ResponseRow",
    "ResponseTimePolicy",
    "ResponseTimeRules",
    "response_durations",
    "response_rows",
]
