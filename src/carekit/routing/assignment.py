"""Deterministic assignment of cases to agents over a snapshot.

The rules carekit keeps whatever strategy is passed:

- **Eligible agents only.** An agent is eligible when online, below capacity
  (an agent at capacity is never picked) and serving the case's queue. A
  strategy sees only eligible agents, sorted by id, and carekit refuses an
  answer naming anyone else.
- **No eligible agent:** the case stays :class:`~carekit.routing.Queued`
  with a reason. It is never assigned at random.
- **Deterministic:** the same inputs give the same assignment. The
  round-robin position is passed in and returned with every result, never
  kept as hidden state.

Strategies (after Chatwoot's round robin and the "least loaded" and
"language or skill match" options of the care checklist for brands on
Twitter, 2019):

- :class:`RoundRobin`: eligible agents in id order, taking turns from the
  position given; the result carries the next position.
- :class:`LeastLoaded`: the eligible agent with the fewest open cases; ties
  go to the lowest agent id.
- :class:`LanguageMatch`: agents with the customer's exact BCP 47 tag first,
  else those sharing its base language; then round robin or least loaded
  among them.
- :class:`SkillMatch`: agents having every skill the case needs; then round
  robin or least loaded among them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from carekit._validate import enum_member, instance_of
from carekit.errors import InvalidValue, PolicyError
from carekit.routing._checks import whole_number
from carekit.routing.agents import (
    Agent,
    Assigned,
    Assignment,
    AssignmentRequest,
    Queued,
)
from carekit.routing.languages import base_language

__all__ = [
    "AssignmentRun",
    "AssignmentStrategy",
    "LanguageMatch",
    "LeastLoaded",
    "Pick",
    "RoundRobin",
    "SkillMatch",
    "assign",
    "assign_all",
    "eligible_agents",
]


@runtime_checkable
class AssignmentStrategy(Protocol):
    """Picks an agent for a case among the eligible ones."""

    def choose(
        self, request: AssignmentRequest, eligible: Sequence[Agent], position: int
    ) -> Assignment:
        """:class:`Assigned` to one of *eligible* (never empty, sorted by
        id), or :class:`Queued` with a reason; both carry the next position."""
        ...


def _round_robin(
    request: AssignmentRequest, eligible: Sequence[Agent], position: int
) -> Assigned:
    agent = eligible[position % len(eligible)]
    return Assigned(request.case_id, agent.id, position=position + 1)


def _least_loaded(
    request: AssignmentRequest, eligible: Sequence[Agent], position: int
) -> Assigned:
    best = eligible[0]  # sorted by id: on a tie, the first seen stays
    for agent in eligible:
        if agent.open_load < best.open_load:
            best = agent
    return Assigned(request.case_id, best.id, position=position)


class Pick(enum.Enum):
    """How a matching strategy picks among the agents that match."""

    LEAST_LOADED = "least_loaded"
    ROUND_ROBIN = "round_robin"

    def choose(
        self, request: AssignmentRequest, eligible: Sequence[Agent], position: int
    ) -> Assigned:
        """Round robin or least loaded over *eligible*."""
        if self is Pick.ROUND_ROBIN:
            return _round_robin(request, eligible, position)
        return _least_loaded(request, eligible, position)


@frozen
class RoundRobin:
    """Eligible agents in id order take turns, from the position given.

    Position ``p`` picks the agent at index ``p`` modulo the number of
    eligible agents and returns ``p + 1``.
    """

    def choose(
        self, request: AssignmentRequest, eligible: Sequence[Agent], position: int
    ) -> Assignment:
        """The agent whose turn *position* is."""
        return _round_robin(request, eligible, position)


@frozen
class LeastLoaded:
    """The eligible agent with the fewest open cases; ties by agent id."""

    def choose(
        self, request: AssignmentRequest, eligible: Sequence[Agent], position: int
    ) -> Assignment:
        """The least loaded agent; the position is returned unchanged."""
        return _least_loaded(request, eligible, position)


@frozen
class LanguageMatch:
    """Agents speaking the customer's language: exact tag first, then base.

    An ``es-MX`` customer goes to an eligible ``es-MX`` agent if there is
    one, else to an eligible agent whose tag has base language ``es``
    (``es``, ``es-ES``...). A case without a language is open to every
    eligible agent.

    Attributes:
        among: How to pick among the agents that match best.
        required: When no eligible agent speaks the language: ``True`` keeps
            the case queued, ``False`` picks among all eligible agents.
    """

    among: Pick = field(default=Pick.LEAST_LOADED, validator=enum_member(Pick))
    required: bool = field(default=True, validator=instance_of(bool), kw_only=True)

    def choose(
        self, request: AssignmentRequest, eligible: Sequence[Agent], position: int
    ) -> Assignment:
        """The best language match, picked by :attr:`among`."""
        language = request.language
        if language is None:
            return self.among.choose(request, eligible, position)
        wanted = language.lower()
        exact = [a for a in eligible if wanted in a.folded_languages]
        if exact:
            return self.among.choose(request, exact, position)
        wanted = base_language(wanted)
        base = [a for a in eligible if wanted in a.base_languages]
        if base:
            return self.among.choose(request, base, position)
        if self.required:
            reason = f"no eligible agent speaks {language} or its base language"
            return Queued(request.case_id, reason, position=position)
        return self.among.choose(request, eligible, position)


@frozen
class SkillMatch:
    """Agents having every skill the case needs.

    Attributes:
        among: How to pick among the agents that have the skills.
        required: When none has them: ``True`` keeps the case queued,
            ``False`` picks among all eligible agents.
    """

    among: Pick = field(default=Pick.LEAST_LOADED, validator=enum_member(Pick))
    required: bool = field(default=True, validator=instance_of(bool), kw_only=True)

    def choose(
        self, request: AssignmentRequest, eligible: Sequence[Agent], position: int
    ) -> Assignment:
        """An agent with every skill in ``request.skills``, picked by :attr:`among`."""
        needed = request.skills
        skilled = [a for a in eligible if all(s in a.skills for s in needed)]
        if skilled:
            return self.among.choose(request, skilled, position)
        if self.required:
            reason = "no eligible agent has the skills " + ", ".join(needed)
            return Queued(request.case_id, reason, position=position)
        return self.among.choose(request, eligible, position)


def _is_eligible(agent: Agent | None, queue: str | None) -> bool:
    """True for an agent who is online, below capacity and serves *queue*."""
    return (
        agent is not None
        and agent.online
        and agent.open_load < agent.capacity
        and (queue is None or not agent.queues or queue in agent.queues)
    )


def _eligible(snapshot: Iterable[Agent], queue: str | None) -> list[Agent]:
    """The agents of *snapshot* who are online, below capacity and serve
    *queue*, in snapshot order."""
    return [
        a
        for a in snapshot
        if a.online
        and a.open_load < a.capacity
        and (queue is None or not a.queues or queue in a.queues)
    ]


def eligible_agents(
    agents: Iterable[Agent], request: AssignmentRequest
) -> tuple[Agent, ...]:
    """The agents who may take *request*: online, below capacity and serving
    its queue, sorted by id.

    Raises:
        InvalidValue: a bad snapshot (not agents, or repeated ids).
    """
    return tuple(_eligible(_snapshot(agents), request.queue))


def _why_none(agents: Sequence[Agent], request: AssignmentRequest) -> str:
    """The reason no agent is eligible, naming the first rule that fails."""
    online = [a for a in agents if a.online]
    if not online:
        return "no agent is online"
    serving = [a for a in online if a.serves(request.queue)]
    if not serving:
        return f"no online agent serves queue {request.queue}"
    return "every online agent serving the queue is at capacity"


def _snapshot(agents: Any) -> tuple[Agent, ...]:
    """The agents sorted by id, after checking types and unique ids."""
    if isinstance(agents, str | bytes) or not isinstance(agents, Iterable):
        raise InvalidValue("agents", agents, "must be a collection of Agent")
    snapshot = tuple(agents)
    for agent in snapshot:
        if not isinstance(agent, Agent):
            raise InvalidValue("agents", agent, "each item must be an Agent")
    ids = [agent.id for agent in snapshot]
    if len(set(ids)) != len(ids):
        raise InvalidValue("agents", sorted(ids), "agent ids must be unique")
    return tuple(sorted(snapshot, key=lambda agent: agent.id))


def _position(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValue("position", value, "must be a whole number, zero or more")
    return value


def _checked(
    answer: object, request: AssignmentRequest, by_id: dict[str, Agent]
) -> Assignment:
    """The strategy's answer, if it keeps carekit's rules."""
    if not isinstance(answer, Assigned | Queued):
        raise PolicyError("strategy", answer, "choose() must return Assigned or Queued")
    if answer.case_id != request.case_id:
        raise PolicyError("strategy", answer.case_id, "must answer for the case asked")
    if isinstance(answer, Assigned) and not _is_eligible(
        by_id.get(answer.agent_id), request.queue
    ):
        raise PolicyError(
            "strategy", answer.agent_id, "may only pick an eligible agent"
        )
    return answer


def _assign_one(
    request: AssignmentRequest,
    snapshot: Sequence[Agent],
    by_id: dict[str, Agent],
    strategy: AssignmentStrategy,
    position: int,
) -> Assignment:
    if not isinstance(request, AssignmentRequest):
        raise InvalidValue("request", request, "must be an AssignmentRequest")
    eligible = _eligible(snapshot, request.queue)
    if not eligible:
        reason = _why_none(snapshot, request)
        return Queued(request.case_id, reason, position=position)
    return _checked(strategy.choose(request, eligible, position), request, by_id)


def assign(
    request: AssignmentRequest,
    agents: Iterable[Agent],
    strategy: AssignmentStrategy,
    *,
    position: int = 0,
) -> Assignment:
    """Assign one case over a snapshot of agents.

    Args:
        request: The case.
        agents: The snapshot; ids must be unique (order does not matter).
        strategy: Picks among the eligible agents.
        position: The round-robin position returned by the previous call.

    Returns:
        :class:`Assigned` to an eligible agent, or :class:`Queued` with the
        reason; either carries the position for the next call.

    Raises:
        InvalidValue: a bad request, snapshot or position.
        PolicyError: the strategy picked an ineligible agent or answered
            something else than :class:`Assigned` or :class:`Queued`.
    """
    snapshot = _snapshot(agents)
    by_id = {agent.id: agent for agent in snapshot}
    return _assign_one(request, snapshot, by_id, strategy, _position(position))


@frozen
class AssignmentRun:
    """The outcome of assigning many cases in turn.

    Attributes:
        assignments: One per request, in request order.
        position: The round-robin position after the last one.
        agents: The snapshot afterwards, sorted by id: each agent's open load
            grew by the cases assigned to them.
    """

    assignments: tuple[Assigned | Queued, ...]
    position: int = field(validator=whole_number)
    agents: tuple[Agent, ...]


class _Pools:
    """The eligible agents of each queue during one run, kept up to date as
    loads grow instead of filtering the whole snapshot for every case (only
    open loads change during a run, so this equals filtering each time)."""

    def __init__(self, snapshot: list[Agent]) -> None:
        self.snapshot = snapshot
        self.by_id = {agent.id: agent for agent in snapshot}
        self.where = {agent.id: index for index, agent in enumerate(snapshot)}
        self.pools: dict[str | None, list[Agent]] = {}
        self.slots: dict[str | None, dict[str, int]] = {}

    def eligible(self, queue: str | None) -> tuple[Agent, ...]:
        pool = self.pools.get(queue)
        if pool is None:
            pool = self.pools[queue] = _eligible(self.snapshot, queue)
            self.slots[queue] = {agent.id: i for i, agent in enumerate(pool)}
        return tuple(pool)

    def add_case(self, agent_id: str) -> None:
        """One more open case for *agent_id*."""
        index = self.where[agent_id]
        agent = self.snapshot[index].with_open_load(self.snapshot[index].open_load + 1)
        self.snapshot[index] = self.by_id[agent_id] = agent
        for queue, slots in list(self.slots.items()):
            if agent_id not in slots:
                continue
            if agent.has_room:
                self.pools[queue][slots[agent_id]] = agent
            else:  # rebuilt without the agent when next asked for
                del self.pools[queue], self.slots[queue]


def assign_all(
    requests: Iterable[AssignmentRequest],
    agents: Iterable[Agent],
    strategy: AssignmentStrategy,
    *,
    position: int = 0,
) -> AssignmentRun:
    """Assign cases one after another, each assignment adding one open case
    to its agent, so that capacity holds across the whole run.

    Same rules and errors as :func:`assign`; the result carries every
    assignment, the final position and the updated snapshot.
    """
    pools = _Pools(list(_snapshot(agents)))
    turn = _position(position)
    results: list[Assignment] = []
    for request in requests:
        if not isinstance(request, AssignmentRequest):
            raise InvalidValue("request", request, "must be an AssignmentRequest")
        eligible = pools.eligible(request.queue)
        if eligible:
            answer = strategy.choose(request, eligible, turn)
            result = _checked(answer, request, pools.by_id)
        else:
            reason = _why_none(pools.snapshot, request)
            result = Queued(request.case_id, reason, position=turn)
        if isinstance(result, Assigned):
            pools.add_case(result.agent_id)
        turn = result.position
        results.append(result)
    return AssignmentRun(tuple(results), turn, tuple(pools.snapshot))
