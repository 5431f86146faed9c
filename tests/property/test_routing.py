"""Assignment invariants: "every assignment goes to an eligible agent or is
queued with a reason"; the same inputs give the same assignment; an agent at
capacity is never picked; least loaded picks a least loaded agent (ties by
id); routing's first match wins."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from carekit.routing import (
    Agent,
    Assigned,
    AssignmentRequest,
    CaseFacts,
    LeastLoaded,
    Queued,
    RoutingRules,
    assign,
    assign_all,
    route,
)
from carekit.testing import strategies as cks


def eligible(agent: Agent, request: AssignmentRequest) -> bool:
    """The rule, written out independently: online, below capacity, serving
    the queue."""
    return (
        agent.online
        and agent.open_load < agent.capacity
        and (request.queue is None or not agent.queues or request.queue in agent.queues)
    )


@given(
    requests=st.lists(cks.assignment_requests(), max_size=8),
    snapshot=cks.agent_snapshots(),
    strategy=cks.assignment_strategies(),
    position=st.integers(0, 50),
)
def test_every_assignment_goes_to_an_eligible_agent_or_is_queued_with_a_reason(
    requests: list[AssignmentRequest],
    snapshot: list[Agent],
    strategy: Any,
    position: int,
) -> None:
    loads = {agent.id: agent.open_load for agent in snapshot}
    by_id = {agent.id: agent for agent in snapshot}
    run = assign_all(requests, snapshot, strategy, position=position)
    assert len(requests) == len(run.assignments)
    for request, outcome in zip(requests, run.assignments, strict=True):
        assert request.case_id == outcome.case_id
        now = {i: Agent(i, a.online, languages=a.languages, skills=a.skills,
                        queues=a.queues, open_load=loads[i], capacity=a.capacity)
               for i, a in by_id.items()}  # fmt: skip
        if isinstance(outcome, Assigned):
            assert eligible(now[outcome.agent_id], request)
            loads[outcome.agent_id] += 1
        else:
            assert isinstance(outcome, Queued)
            assert outcome.reason.strip()
    assert loads == {agent.id: agent.open_load for agent in run.agents}


@given(
    request=cks.assignment_requests(),
    snapshot=cks.agent_snapshots(),
    strategy=cks.assignment_strategies(),
    position=st.integers(0, 50),
    data=st.data(),
)
def test_the_same_inputs_give_the_same_assignment_in_any_snapshot_order(
    request: AssignmentRequest,
    snapshot: list[Agent],
    strategy: Any,
    position: int,
    data: st.DataObject,
) -> None:
    shuffled = data.draw(st.permutations(snapshot))
    first = assign(request, snapshot, strategy, position=position)
    assert first == assign(request, shuffled, strategy, position=position)


@given(request=cks.assignment_requests(), snapshot=cks.agent_snapshots())
def test_least_loaded_picks_a_least_loaded_eligible_agent_lowest_id_first(
    request: AssignmentRequest, snapshot: list[Agent]
) -> None:
    candidates = sorted((a.open_load, a.id) for a in snapshot if eligible(a, request))
    outcome = assign(request, snapshot, LeastLoaded())
    if not candidates:
        assert isinstance(outcome, Queued)
    else:
        assert Assigned(request.case_id, candidates[0][1]) == outcome


@given(facts=cks.case_facts(), rules=cks.routing_rule_lists())
def test_the_first_matching_rule_decides_and_is_named(
    facts: CaseFacts, rules: RoutingRules
) -> None:
    decision = route(facts, rules)
    matching = [rule for rule in rules.rules if rule.matches(facts)]
    if matching:
        first = matching[0]
        assert (first.queue, first.priority, first.name) == (
            decision.queue, decision.priority, decision.rule,
        )  # fmt: skip
    else:
        assert (rules.default_queue, rules.default_priority, None) == (
            decision.queue, decision.priority, decision.rule,
        )  # fmt: skip
