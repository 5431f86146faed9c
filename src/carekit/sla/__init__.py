"""Service-level agreements on business calendars: first response, next
response, periodic update and resolution targets, derived from a ticket, its
conversation, a calendar and ``now``.

Re-exports only; the rules and examples are in ``docs/sla.md``.
"""

from carekit.sla.policy import DEFAULT_PAUSE_STATES as DEFAULT_PAUSE_STATES
from carekit.sla.policy import DEFAULT_WARNING as DEFAULT_WARNING
from carekit.sla.policy import ServiceLevel as ServiceLevel
from carekit.sla.policy import SlaMetric as SlaMetric
from carekit.sla.policy import SlaPolicy as SlaPolicy
from carekit.sla.status import MetricStatus as MetricStatus
from carekit.sla.status import SlaEvent as SlaEvent
from carekit.sla.status import SlaEventKind as SlaEventKind
from carekit.sla.status import SlaQueue as SlaQueue
from carekit.sla.status import SlaState as SlaState
from carekit.sla.status import SlaStatus as SlaStatus
from carekit.sla.status import evaluate as evaluate
from carekit.sla.status import evaluate_queue as evaluate_queue
from carekit.sla.status import trace as trace

__all__ = [
    "DEFAULT_PAUSE_STATES",
    "DEFAULT_WARNING",
    "MetricStatus",
    "ServiceLevel",
    "SlaEvent",
    "SlaEventKind",
    "SlaMetric",
    "SlaPolicy",
    "SlaQueue",
    "SlaState",
    "SlaStatus",
    "evaluate",
    "evaluate_queue",
    "trace",
]
