"""Strategies for :mod:`carekit.routing`: case facts, routing rules, agent
snapshots, assignment requests and outcomes, strategies and detectors.

Snapshots have unique agent ids; languages come from a small pool of BCP 47
tags sharing base languages (``es``, ``es-MX``, ``es-ES``...), so exact and
base-language matches both occur.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from carekit.conversations import Channel
from carekit.routing import (
    Agent,
    Assigned,
    AssignmentRequest,
    AssignmentRun,
    CallerSupplied,
    CaseFacts,
    CustomerAttribute,
    LangidDetector,
    LanguageMatch,
    LeastLoaded,
    Pick,
    Queued,
    RoundRobin,
    RoutingDecision,
    RoutingRule,
    RoutingRules,
    SkillMatch,
    assign_all,
)
from carekit.tickets import Priority

from ._common import identifiers

__all__ = [
    "agent_snapshots",
    "agents",
    "assignment_outcomes",
    "assignment_requests",
    "assignment_runs",
    "assignment_strategies",
    "case_facts",
    "customer_attributes",
    "routing_decisions",
    "routing_rule_lists",
    "routing_rules",
    "routing_tags",
    "strategies_by_type",
]

#: Tags of the generated languages: bases shared so that matching has work.
ROUTING_TAGS = ("en", "en-US", "en-GB", "es", "es-MX", "es-ES", "de", "de-DE", "fr")
_SKILLS = ("billing", "payments", "shipping", "vip")
_QUEUES = ("general", "es-care", "payments", "urgent")
_SENTIMENTS = ("negative", "neutral", "positive")
_WORDS = ("refund", "card", "late", "hola", "danke", "order", "help")


def routing_tags() -> st.SearchStrategy[str]:
    """BCP 47 tags from a pool with shared base languages, shrinking to ``en``."""
    return st.sampled_from(ROUTING_TAGS)


def customer_attributes() -> st.SearchStrategy[CustomerAttribute]:
    """Customer attributes such as ``tier = gold``."""
    return st.builds(
        CustomerAttribute,
        st.sampled_from(["tier", "country", "plan"]),
        st.sampled_from(["gold", "silver", "es", "de", "pro"]),
    )


def _attribute_sets() -> st.SearchStrategy[list[CustomerAttribute]]:
    return st.lists(customer_attributes(), max_size=2, unique_by=lambda a: a.name)


def case_facts() -> st.SearchStrategy[CaseFacts]:
    """The facts of incoming cases."""
    return st.builds(
        CaseFacts,
        identifiers(),
        st.sampled_from(list(Channel)),
        language=st.none() | routing_tags(),
        text=st.lists(st.sampled_from(_WORDS), max_size=4).map(" ".join),
        tags=st.lists(st.sampled_from(["vip", "complaint", "billing"]), max_size=2),
        attributes=_attribute_sets(),
        sentiment=st.none() | st.sampled_from(_SENTIMENTS),
    )


def routing_rules() -> st.SearchStrategy[RoutingRule]:
    """Single routing rules, most conditions empty."""
    return st.builds(
        RoutingRule,
        identifiers(),
        st.sampled_from(_QUEUES),
        priority=st.sampled_from(list(Priority)),
        languages=st.lists(routing_tags(), max_size=2),
        channels=st.lists(st.sampled_from(list(Channel)), max_size=2),
        keywords=st.lists(st.sampled_from(_WORDS), max_size=2),
        tags=st.lists(st.sampled_from(["vip", "complaint"]), max_size=1),
        attributes=_attribute_sets(),
        sentiments=st.lists(st.sampled_from(_SENTIMENTS), max_size=1),
    )


def routing_rule_lists(*, max_size: int = 4) -> st.SearchStrategy[RoutingRules]:
    """Routing policies: rules with unique names and a default queue.

    Args:
        max_size: Most rules in the list.
    """
    return st.builds(
        RoutingRules,
        st.lists(routing_rules(), max_size=max_size, unique_by=lambda r: r.name),
        default_queue=st.sampled_from(_QUEUES),
        default_priority=st.sampled_from(list(Priority)),
    )


def routing_decisions() -> st.SearchStrategy[RoutingDecision]:
    """Routing decisions, named or default."""
    return st.builds(
        RoutingDecision,
        st.sampled_from(_QUEUES),
        st.sampled_from(list(Priority)),
        st.none() | identifiers(),
    )


def agents(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Agent]:
    """Agents, online or not, with open load up to and past capacity.

    Args:
        ids: Strategy for the agent id; default :func:`identifiers`.
    """
    return st.builds(
        Agent,
        ids if ids is not None else identifiers(),
        st.booleans(),
        languages=st.lists(routing_tags(), max_size=2),
        skills=st.lists(st.sampled_from(_SKILLS), max_size=2),
        queues=st.lists(st.sampled_from(_QUEUES), max_size=2),
        open_load=st.integers(0, 6),
        capacity=st.integers(0, 5),
    )


def agent_snapshots(*, max_size: int = 8) -> st.SearchStrategy[list[Agent]]:
    """Snapshots of agents with unique ids, shrinking to the empty one.

    Args:
        max_size: Most agents in a snapshot.
    """
    return st.lists(agents(), max_size=max_size, unique_by=lambda agent: agent.id)


def assignment_requests() -> st.SearchStrategy[AssignmentRequest]:
    """Cases waiting for an agent."""
    return st.builds(
        AssignmentRequest,
        identifiers(),
        queue=st.none() | st.sampled_from(_QUEUES),
        language=st.none() | routing_tags(),
        skills=st.lists(st.sampled_from(_SKILLS), max_size=2),
    )


def assignment_strategies() -> st.SearchStrategy[Any]:
    """Every built-in assignment strategy, with its settings."""
    picks = st.sampled_from(list(Pick))
    return st.one_of(
        st.just(RoundRobin()),
        st.just(LeastLoaded()),
        st.builds(LanguageMatch, picks, required=st.booleans()),
        st.builds(SkillMatch, picks, required=st.booleans()),
    )


def assignment_outcomes() -> st.SearchStrategy[Assigned | Queued]:
    """Assigned or queued outcomes (not tied to any snapshot)."""
    positions = st.integers(0, 1000)
    return st.one_of(
        st.builds(Assigned, identifiers(), identifiers(), position=positions),
        st.builds(
            Queued,
            identifiers(),
            st.sampled_from(["no agent is online", "every agent is at capacity"]),
            position=positions,
        ),
    )


@st.composite
def assignment_runs(draw: st.DrawFn) -> AssignmentRun:
    """Real :func:`~carekit.routing.assign_all` results over drawn inputs."""
    requests = draw(st.lists(assignment_requests(), max_size=6))
    snapshot = draw(agent_snapshots())
    strategy = draw(assignment_strategies())
    position = draw(st.integers(0, 20))
    return assign_all(requests, snapshot, strategy, position=position)


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each routing model."""
    return {
        Agent: agents(),
        Assigned: assignment_outcomes().filter(lambda o: isinstance(o, Assigned)),
        AssignmentRequest: assignment_requests(),
        AssignmentRun: assignment_runs(),
        CallerSupplied: st.just(CallerSupplied()),
        CaseFacts: case_facts(),
        CustomerAttribute: customer_attributes(),
        LangidDetector: st.builds(
            LangidDetector,
            st.lists(routing_tags(), min_size=1, max_size=3, unique=True).map(tuple),
            min_confidence=st.sampled_from([0.0, 0.5, 0.9]),
        ),
        LanguageMatch: st.builds(
            LanguageMatch, st.sampled_from(list(Pick)), required=st.booleans()
        ),
        LeastLoaded: st.just(LeastLoaded()),
        Queued: assignment_outcomes().filter(lambda o: isinstance(o, Queued)),
        RoundRobin: st.just(RoundRobin()),
        RoutingDecision: routing_decisions(),
        RoutingRule: routing_rules(),
        RoutingRules: routing_rule_lists(),
        SkillMatch: st.builds(
            SkillMatch, st.sampled_from(list(Pick)), required=st.booleans()
        ),
    }
