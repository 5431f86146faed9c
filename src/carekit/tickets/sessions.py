"""Work sessions: the time an agent spends on a ticket.

Average handling time is computed from these (the care checklist asks for
"First Response Time, Average Handling Time and Time to Resolution"). A
session is the half-open span ``[start, end)`` of one agent's work, so two
sessions that touch (one ends when the next starts) do not overlap.

Rule: one agent's sessions never overlap, on one ticket or across tickets:
an agent works on one thing at a time. :func:`find_overlap` finds a breach in
any collection of sessions; tickets refuse one when a session is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, utc_instant
from carekit._validate import non_empty_str
from carekit.errors import InvalidValue

__all__ = ["WorkSession", "find_overlap", "require_no_overlap"]


def _instant(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    utc_instant(value, attribute.name)


def _after_start(inst: WorkSession, _a: attrs.Attribute[Any], end: Any) -> None:
    if utc_instant(end, "end") <= utc_instant(inst.start, "start"):
        raise InvalidValue(
            "end", end, f"a work session ends after it starts (start is {inst.start})"
        )


@frozen
class WorkSession:
    """One agent's work on one ticket, from *start* until *end*.

    Attributes:
        agent: The agent who worked.
        start: When the work began (timezone-aware).
        end: When it stopped: after *start*.

    Raises:
        InvalidValue: A blank agent, a naive time, or an end that is not
            after the start.
    """

    agent: str = field(validator=non_empty_str)
    start: dt.datetime = field(validator=_instant, eq=instant_key)
    end: dt.datetime = field(validator=[_instant, _after_start], eq=instant_key)

    @property
    def duration(self) -> dt.timedelta:
        """Elapsed time from start to end."""
        return utc_instant(self.end, "end") - utc_instant(self.start, "start")

    def overlaps(self, other: WorkSession) -> bool:
        """True when both are the same agent's and share an instant."""
        return (
            self.agent == other.agent
            and utc_instant(self.start, "start") < utc_instant(other.end, "end")
            and utc_instant(other.start, "start") < utc_instant(self.end, "end")
        )


def find_overlap(
    sessions: Iterable[WorkSession],
) -> tuple[WorkSession, WorkSession] | None:
    """Two sessions of one agent that overlap, or ``None`` when there are none.

    Sorts each agent's sessions by start, so it runs in ``O(n log n)``.
    """
    by_agent: dict[str, list[WorkSession]] = {}
    for session in sessions:
        by_agent.setdefault(session.agent, []).append(session)
    for own in by_agent.values():
        own.sort(key=lambda s: utc_instant(s.start, "start"))
        latest = own[0]
        for session in own[1:]:
            if latest.overlaps(session):
                return latest, session
            if utc_instant(session.end, "end") > utc_instant(latest.end, "end"):
                latest = session
    return None


def require_no_overlap(sessions: Iterable[WorkSession], field: str) -> None:
    """Refuse *sessions* if two of one agent's overlap.

    Raises:
        InvalidValue: Names *field*, the agent and both spans.
    """
    found = find_overlap(sessions)
    if found is not None:
        first, second = found
        raise InvalidValue(
            field,
            f"{second.start.isoformat()}..{second.end.isoformat()}",
            f"one agent's work sessions never overlap ({first.agent} already "
            f"works {first.start.isoformat()}..{first.end.isoformat()})",
        )
