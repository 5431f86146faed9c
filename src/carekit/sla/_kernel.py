"""The SLA derivation on plain numbers: one ticket's timeline in, its episodes
and their warning and deadline instants out.

Instants are whole microseconds since the epoch (exact for any aware
datetime); statuses and roles are small ints. The rich models are built from
these results at the edges (``carekit.sla.status``), so a queue of 100,000
tickets never builds an object per step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from carekit.conversations import Conversation
from carekit.messages import KINDS
from carekit.responsiveness import Role, role_of
from carekit.sla._clock import EPOCH, TICK, BusinessClock, micros
from carekit.tickets import Ticket, TicketStatus

__all__ = [
    "ANSWER",
    "ASK",
    "FIRST",
    "KIND_ACTIVATE",
    "KIND_BREACH",
    "KIND_FULFIL",
    "KIND_PAUSE",
    "KIND_RESUME",
    "NEXT",
    "PERIODIC",
    "RESOLUTION",
    "STATE_BREACHED",
    "STATE_DUE_SOON",
    "STATE_MET",
    "STATE_ON_TRACK",
    "Episode",
    "Outcome",
    "Pause",
    "Timeline",
    "episode_events",
    "episodes",
    "outcome",
    "role_table",
    "timeline",
]

# Metrics, in the order statuses list them.
FIRST, NEXT, PERIODIC, RESOLUTION = 0, 1, 2, 3
# Message roles in a timeline (others are left out).
ASK, ANSWER = 0, 1
# States of a target at ``now``.
STATE_ON_TRACK, STATE_DUE_SOON, STATE_BREACHED, STATE_MET = 0, 1, 2, 3
# History event kinds; at one instant they sort in this order.
KIND_ACTIVATE, KIND_RESUME, KIND_BREACH, KIND_PAUSE, KIND_FULFIL = 0, 1, 2, 3, 4

_STOPPED: Final = frozenset({TicketStatus.RESOLVED, TicketStatus.CLOSED})
_IGNORED: Final = 255

Pause = tuple[int, int | None]
"""A paused span ``(start, end)``; ``end`` is ``None`` while still paused."""
Episode = tuple[int, int, int, int | None]
"""``(metric, number, start, end)``; ``end`` is ``None`` while it runs."""
Outcome = tuple[int, int | None, int | None, bool]
"""``(state, warning, deadline, paused)`` of an episode at ``now``."""


def role_table(count_bots: bool) -> bytes:
    """For each message code of :data:`carekit.messages.KINDS`: ``ASK`` for a
    customer message, ``ANSWER`` for a customer-visible agent reply (a bot's
    too when *count_bots*), 255 for anything else (notes, automatic messages).

    The roles are :func:`carekit.responsiveness.role_of`'s, so a response
    means the same here as in the responsiveness metrics.
    """
    answers = {Role.AGENT, Role.BOT} if count_bots else {Role.AGENT}
    table = bytearray([_IGNORED] * 256)
    for code, (direction, author, kind, _visibility) in enumerate(KINDS):
        role = role_of(direction, author, kind)
        if role is Role.CUSTOMER:
            table[code] = ASK
        elif role in answers:
            table[code] = ANSWER
    return bytes(table)


class Timeline:
    """What the derivation reads of a ticket and its conversation, up to ``now``.

    Attributes:
        created: The ticket's creation.
        changes: ``(instant, status)`` at each status change, in order.
        messages: ``(instant, role)`` of each customer message and answer
            from the creation on, in order.
        next_change: The first recorded status change or message after
            ``now``, if any: asking again then can change the answer.
    """

    __slots__ = ("changes", "created", "messages", "next_change")

    def __init__(
        self,
        created: int,
        changes: list[tuple[int, TicketStatus]],
        messages: list[tuple[int, int]],
        next_change: int | None,
    ) -> None:
        self.created = created
        self.changes = changes
        self.messages = messages
        self.next_change = next_change


def timeline(
    ticket: Ticket, conversation: Conversation, now: int, roles: bytes
) -> Timeline:
    """The :class:`Timeline` of *ticket* and *conversation* at *now*."""
    created = micros(ticket.created_at)
    changes: list[tuple[int, TicketStatus]] = []
    later: int | None = None
    status = TicketStatus.NEW
    for event in ticket.history:
        if event.status is status:
            continue
        status = event.status
        at = (event.at - EPOCH) // TICK  # history times are plain UTC already
        if at > now:
            later = at
            break
        changes.append((at, status))
    messages: list[tuple[int, int]] = []
    log = conversation.messages
    for at, code in zip(log.epoch_micros, log.codes(), strict=True):
        role = roles[code]
        if role == _IGNORED or at < created:
            continue
        if at > now:
            if later is None or at < later:
                later = at
            break
        messages.append((at, role))
    return Timeline(created, changes, messages, later)


def episodes(
    line: Timeline, pausing: frozenset[object]
) -> tuple[list[Episode], list[Pause]]:
    """Every episode of every metric, in the order they end (running ones
    last), and the paused spans of the ticket.

    The rules, in time order (a status change before a message at the same
    instant):

    - first response and resolution start at the creation; a reopening
      starts a new resolution episode;
    - a customer message starts a next-response episode once the first
      response is over, unless one runs; so does a reopening while a
      customer message is unanswered;
    - an answer ends the first-response, next-response and periodic-update
      episodes that run, and starts a new periodic-update episode;
    - resolving or closing ends every running episode;
    - the clocks stop while the status is in *pausing*.
    """
    # One function with local variables, not an object with methods: it
    # runs once per ticket of a queue of 100,000.
    created = line.created
    starts: list[int | None] = [created, None, None, created]
    numbers = [1, 0, 0, 1]
    done: list[Episode] = []
    pauses: list[Pause] = []
    paused_since: int | None = None
    first_done = stopped = unanswered = False
    messages = line.messages
    index, count = 0, len(messages)
    for at, status in (*line.changes, (None, None)):
        while index < count and (at is None or messages[index][0] < at):
            when, role = messages[index]
            index += 1
            if role == ASK:
                unanswered = True
                if not stopped and first_done and starts[NEXT] is None:
                    numbers[NEXT] += 1
                    starts[NEXT] = when
                continue
            unanswered = False
            if stopped:
                continue
            for metric in (FIRST, NEXT, PERIODIC):
                start = starts[metric]
                if start is not None:
                    done.append((metric, numbers[metric], start, when))
                    starts[metric] = None
            first_done = True
            numbers[PERIODIC] += 1
            starts[PERIODIC] = when
        if at is None or status is None:
            break
        now_stopped = status in _STOPPED
        if now_stopped and not stopped:
            for metric in (FIRST, NEXT, PERIODIC, RESOLUTION):
                start = starts[metric]
                if start is not None:
                    done.append((metric, numbers[metric], start, at))
                    starts[metric] = None
            first_done = True
            unanswered = False
        elif stopped and not now_stopped:
            numbers[RESOLUTION] += 1
            starts[RESOLUTION] = at
            if unanswered:
                numbers[NEXT] += 1
                starts[NEXT] = at
        stopped = now_stopped
        paused = status in pausing and not stopped
        if paused and paused_since is None:
            paused_since = at
        elif not paused and paused_since is not None:
            pauses.append((paused_since, at))
            paused_since = None
    if paused_since is not None:
        pauses.append((paused_since, None))
    for metric in (FIRST, NEXT, PERIODIC, RESOLUTION):
        start = starts[metric]
        if start is not None:
            done.append((metric, numbers[metric], start, None))
    return done, pauses


def _segments(start: int, end: int | None, pauses: Sequence[Pause]) -> list[Pause]:
    """The running spans of ``[start, end)``: the time not paused. A last span
    without an end runs on past ``now``."""
    if not pauses:
        return [(start, end)] if end is None or start < end else []
    out: list[Pause] = []
    cursor = start
    for low, high in pauses:
        if high is not None and high <= cursor:
            continue
        if end is not None and low >= end:
            break
        if low > cursor:
            out.append((cursor, low))
        if high is None:
            return out
        cursor = high
    if end is None or cursor < end:
        out.append((cursor, end))
    return out


def outcome(
    episode: Episode,
    pauses: Sequence[Pause],
    now: int,
    target: int,
    warning: int,
    clock: BusinessClock,
) -> Outcome:
    """``(state, warning instant, deadline, paused)`` of *episode* at *now*.

    A deadline is met by an end at or before it (a reply exactly at the
    deadline meets it) and breached from the deadline on otherwise.
    """
    _metric, _number, start, end = episode
    segments = _segments(start, end, pauses)
    soon, deadline = clock.reach(
        segments, target - warning if warning < target else 0, target
    )
    paused = end is None and bool(pauses) and pauses[-1][1] is None
    if end is not None:
        late = deadline is not None and deadline < end
        return (STATE_BREACHED if late else STATE_MET), soon, deadline, False
    if deadline is not None and deadline <= now:
        return STATE_BREACHED, soon, deadline, paused
    if soon is not None and soon <= now:
        return STATE_DUE_SOON, soon, deadline, paused
    return STATE_ON_TRACK, soon, deadline, paused


def episode_events(
    episode: Episode, pauses: Sequence[Pause], deadline: int | None, now: int
) -> list[tuple[int, int, int, int, int]]:
    """The history of *episode*: ``(instant, metric, number, kind rank, kind)``
    tuples, which sort into time order."""
    metric, number, start, end = episode
    out = [(start, metric, number, KIND_ACTIVATE, KIND_ACTIVATE)]
    for low, high in pauses:
        if high is not None and high <= start:
            continue
        if end is not None and low >= end:
            break
        out.append((max(low, start), metric, number, KIND_PAUSE, KIND_PAUSE))
        if high is not None and (end is None or high <= end):
            out.append((high, metric, number, KIND_RESUME, KIND_RESUME))
    if deadline is not None and deadline <= now and (end is None or deadline < end):
        out.append((deadline, metric, number, KIND_BREACH, KIND_BREACH))
    if end is not None:
        out.append((end, metric, number, KIND_FULFIL, KIND_FULFIL))
    return out
