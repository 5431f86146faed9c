"""A snapshot of agents and the requests and outcomes of assignment.

An :class:`Agent` is one agent as the caller sees them at one moment:
online or not, the languages and skills they have, the queues they serve,
their open load and their capacity. Assignment never changes a snapshot; it
returns what it decided (:class:`Assigned` or :class:`Queued`).
"""

from __future__ import annotations

from typing import TypeAlias

import attrs
from attrs import field, frozen

from carekit._validate import (
    instance_of,
    non_empty_str,
    optional_non_empty_str,
)
from carekit.errors import InvalidValue
from carekit.routing._checks import (
    optional_language,
    to_languages,
    to_queues,
    to_skills,
    whole_number,
)
from carekit.routing.languages import base_language

__all__ = [
    "Agent",
    "Assigned",
    "Assignment",
    "AssignmentRequest",
    "Queued",
]


@frozen
class Agent:
    """One agent in a snapshot.

    Attributes:
        id: Unique in the snapshot; ties are broken by it.
        online: Only online agents are ever assigned.
        languages: BCP 47 tags the agent answers in.
        skills: Skills the agent has (``billing``, ``payments``).
        queues: Queues the agent serves; empty means every queue.
        open_load: Cases the agent has open now.
        capacity: The most open cases the agent takes; an agent whose open
            load has reached it is never assigned.
    """

    id: str = field(validator=non_empty_str)
    online: bool = field(validator=instance_of(bool))
    languages: tuple[str, ...] = field(default=(), converter=to_languages, kw_only=True)
    skills: tuple[str, ...] = field(default=(), converter=to_skills, kw_only=True)
    queues: tuple[str, ...] = field(default=(), converter=to_queues, kw_only=True)
    open_load: int = field(default=0, validator=whole_number, kw_only=True)
    capacity: int = field(default=1, validator=whole_number, kw_only=True)
    #: The tags lower-cased, and their base languages: derived from
    #: ``languages`` once, since matching looks at every agent of a snapshot
    #: for every case.
    folded_languages: frozenset[str] = field(init=False, eq=False, repr=False)
    base_languages: frozenset[str] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        folded = frozenset(tag.lower() for tag in self.languages)
        object.__setattr__(self, "folded_languages", folded)
        object.__setattr__(
            self, "base_languages", frozenset(map(base_language, folded))
        )

    def with_open_load(self, open_load: int) -> Agent:
        """This agent with another open load (the other fields, already
        validated, are copied as they are).

        Raises:
            InvalidValue: *open_load* is not a whole number.
        """
        if type(open_load) is not int or open_load < 0:
            raise InvalidValue(
                "open_load", open_load, "must be a whole number, zero or more"
            )
        clone = object.__new__(Agent)
        for name in _AGENT_SLOTS:
            object.__setattr__(clone, name, getattr(self, name))
        object.__setattr__(clone, "open_load", open_load)
        return clone

    @property
    def has_room(self) -> bool:
        """True while the open load is below capacity."""
        return self.open_load < self.capacity

    def serves(self, queue: str | None) -> bool:
        """True when the agent takes cases of *queue* (``None``: any queue)."""
        return queue is None or not self.queues or queue in self.queues


_AGENT_SLOTS = tuple(a.name for a in attrs.fields(Agent))


@frozen
class AssignmentRequest:
    """A case waiting for an agent.

    Attributes:
        case_id: The case.
        queue: The queue routing put it in, if any; only agents serving it
            are eligible.
        language: The customer's BCP 47 tag, if known.
        skills: Skills the case needs; :class:`~carekit.routing.SkillMatch`
            looks at them.
    """

    case_id: str = field(validator=non_empty_str)
    queue: str | None = field(
        default=None, validator=optional_non_empty_str, kw_only=True
    )
    language: str | None = field(
        default=None, validator=optional_language, kw_only=True
    )
    skills: tuple[str, ...] = field(default=(), converter=to_skills, kw_only=True)


@frozen
class Assigned:
    """The case goes to an agent.

    Attributes:
        case_id: The case.
        agent_id: The agent it goes to.
        position: The round-robin position to pass to the next assignment.
    """

    case_id: str = field(validator=non_empty_str)
    agent_id: str = field(validator=non_empty_str)
    position: int = field(default=0, validator=whole_number, kw_only=True)


@frozen
class Queued:
    """The case stays queued: no eligible agent could take it.

    Attributes:
        case_id: The case.
        reason: Why, in words (``"no agent is online"``).
        position: The round-robin position, unchanged.
    """

    case_id: str = field(validator=non_empty_str)
    reason: str = field(validator=non_empty_str)
    position: int = field(default=0, validator=whole_number, kw_only=True)


Assignment: TypeAlias = Assigned | Queued
"""What assigning one case decides."""
