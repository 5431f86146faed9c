"""Assignment over a snapshot of agents: round robin, least loaded, language
or skill match; deterministic; never over capacity; queued with a reason
when no agent is eligible, never assigned at random."""

import pytest

from carekit.errors import InvalidValue, PolicyError
from carekit.routing import (
    Agent,
    Assigned,
    Assignment,
    AssignmentRequest,
    LanguageMatch,
    LeastLoaded,
    Pick,
    Queued,
    RoundRobin,
    SkillMatch,
    assign,
    assign_all,
    eligible_agents,
)

ANA = Agent("ana", True, languages=("es-MX",), capacity=3)
BEN = Agent("ben", True, languages=("es-ES",), capacity=3)
CAT = Agent("cat", True, languages=("en-US",), capacity=3)
SPANISH = AssignmentRequest("c1", language="es-MX")


def test_spanish_message_goes_to_the_spanish_speaking_agent_online() -> None:
    """An ``es-MX`` message, with a Spanish-speaking agent online, goes to
    that agent."""
    snapshot = [CAT, BEN, Agent("dan", False, languages=("es-MX",))]
    assert Assigned("c1", "ben") == assign(SPANISH, snapshot, LanguageMatch())


def test_exact_tag_beats_base_language() -> None:
    """An ``es-MX`` agent beats an ``es-ES`` agent for an ``es-MX`` customer,
    even when the ``es-ES`` agent is less loaded."""
    busy_ana = Agent("ana", True, languages=("es-MX",), open_load=2, capacity=3)
    assert "ana" == assign(SPANISH, [BEN, busy_ana], LanguageMatch()).agent_id  # type: ignore[union-attr]


def test_no_agent_online_keeps_the_case_queued_with_a_reason() -> None:
    offline = [Agent("ana", False), Agent("ben", False)]
    for strategy in (RoundRobin(), LeastLoaded(), LanguageMatch(), SkillMatch()):
        assert Queued("c1", "no agent is online") == assign(SPANISH, offline, strategy)
    assert Queued("c1", "no agent is online", position=7) == assign(
        SPANISH, [], RoundRobin(), position=7
    )


def test_no_speaker_of_the_language_keeps_the_case_queued_unless_told() -> None:
    outcome = assign(SPANISH, [CAT], LanguageMatch())
    assert isinstance(outcome, Queued)
    assert "es-MX" in outcome.reason
    assert "cat" == assign(SPANISH, [CAT], LanguageMatch(required=False)).agent_id  # type: ignore[union-attr]


def test_same_input_twice_gives_the_same_assignment() -> None:
    snapshot = [CAT, BEN, ANA]
    requests = [AssignmentRequest(f"c{i}", language="es-MX") for i in range(5)]
    first = assign_all(requests, snapshot, LanguageMatch(Pick.ROUND_ROBIN))
    again = assign_all(
        requests, list(reversed(snapshot)), LanguageMatch(Pick.ROUND_ROBIN)
    )
    assert first == again


def test_least_loaded_never_picks_an_agent_at_capacity() -> None:
    full = Agent("aaa", True, open_load=2, capacity=2)
    idle = Agent("zzz", True, open_load=1, capacity=5)
    assert "zzz" == assign(SPANISH, [full, idle], LeastLoaded()).agent_id  # type: ignore[union-attr]
    run = assign_all(
        [AssignmentRequest(f"c{i}") for i in range(6)], [full, idle], LeastLoaded()
    )
    assert ["zzz"] * 4 == [
        a.agent_id for a in run.assignments if isinstance(a, Assigned)
    ]
    assert isinstance(run.assignments[-1], Queued)
    assert "at capacity" in run.assignments[-1].reason


def test_least_loaded_ties_go_by_agent_id() -> None:
    assert "ana" == assign(SPANISH, [CAT, BEN, ANA], LeastLoaded()).agent_id  # type: ignore[union-attr]


def test_round_robin_continues_from_the_position_it_was_given() -> None:
    snapshot = [CAT, ANA, BEN]  # turns go in id order: ana, ben, cat
    outcome = assign(SPANISH, snapshot, RoundRobin(), position=1)
    assert Assigned("c1", "ben", position=2) == outcome
    after = assign(SPANISH, snapshot, RoundRobin(), position=outcome.position)
    assert Assigned("c1", "cat", position=3) == after
    run = assign_all([SPANISH] * 4, snapshot, RoundRobin(), position=2)
    assert ["cat", "ana", "ben", "cat"] == [a.agent_id for a in run.assignments]  # type: ignore[union-attr]
    assert 6 == run.position


def test_skill_match_needs_every_skill() -> None:
    billing = Agent("zed", True, skills=("billing", "vip"), capacity=2)
    request = AssignmentRequest("c9", skills=("billing", "vip"))
    assert "zed" == assign(request, [ANA, billing], SkillMatch()).agent_id  # type: ignore[union-attr]
    outcome = assign(request, [ANA], SkillMatch())
    assert isinstance(outcome, Queued)
    assert "billing, vip" in outcome.reason


def test_only_agents_serving_the_queue_are_eligible() -> None:
    payments = Agent("pay", True, queues=("payments",), capacity=2)
    request = AssignmentRequest("c1", queue="es-care")
    assert () == eligible_agents([payments], request)
    assert Queued("c1", "no online agent serves queue es-care") == assign(
        request, [payments], LeastLoaded()
    )


def test_a_strategy_may_not_pick_an_ineligible_agent() -> None:
    class Rogue:
        def choose(
            self, request: AssignmentRequest, eligible: object, position: int
        ) -> Assignment:
            return Assigned(request.case_id, "ghost")

    with pytest.raises(PolicyError, match="eligible"):
        assign(SPANISH, [ANA], Rogue())


def test_bad_snapshots_and_positions_are_refused() -> None:
    with pytest.raises(InvalidValue, match="unique") as info:
        assign(SPANISH, [ANA, ANA], LeastLoaded())
    assert "agents" == info.value.field
    with pytest.raises(InvalidValue) as info:
        assign(SPANISH, [ANA], RoundRobin(), position=-1)
    assert "position" == info.value.field
    with pytest.raises(InvalidValue) as info:
        Agent("x", True, capacity=-1)
    assert "capacity" == info.value.field


def test_assign_all_adds_each_case_to_its_agents_load() -> None:
    run = assign_all([SPANISH, SPANISH], [ANA], LeastLoaded())
    assert (
        Agent("ana", True, languages=("es-MX",), open_load=2, capacity=3),
    ) == run.agents
