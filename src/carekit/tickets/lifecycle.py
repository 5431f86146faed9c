"""The transition tables of tickets and of draft replies: every lifecycle
rule of :mod:`carekit.tickets` lives here, in the shape of h11's ``_state.py``.

A ticket's status moves only along :data:`TRANSITIONS`::

    NEW -open-> OPEN <-wait/resume-> PENDING
    OPEN -escalate-> ESCALATED -hand_back-> OPEN
    OPEN, PENDING, ESCALATED -resolve-> RESOLVED
    RESOLVED -reopen-> OPEN,  RESOLVED -close-> CLOSED (terminal)

A draft reply moves only along :data:`DRAFT_TRANSITIONS`. Any other move
raises :class:`~carekit.errors.IllegalTransition`, naming the state and the
move. The diagrams in the documentation come from :func:`mermaid`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, TypeVar

from carekit._lifecycle import advance

__all__ = [
    "DRAFT_TRANSITIONS",
    "TRANSITIONS",
    "DraftMove",
    "DraftStatus",
    "TicketMove",
    "TicketStatus",
    "mermaid",
    "next_draft_status",
    "next_status",
]


class TicketStatus(enum.Enum):
    """Where a ticket is in its lifecycle."""

    # Members compare by identity, so they hash by identity too: Enum's own
    # ``__hash__`` is Python code, and each command looks its move up.
    __hash__ = object.__hash__

    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    """Waiting on the customer."""
    ESCALATED = "escalated"
    """Handed to another department."""
    RESOLVED = "resolved"
    CLOSED = "closed"
    """Terminal: nothing changes a closed ticket."""


class TicketMove(enum.Enum):
    """A move of a ticket's status."""

    # Members compare by identity, so they hash by identity too: Enum's own
    # ``__hash__`` is Python code, and each command looks its move up.
    __hash__ = object.__hash__

    OPEN = "open"
    WAIT = "wait"
    RESUME = "resume"
    ESCALATE = "escalate"
    HAND_BACK = "hand_back"
    RESOLVE = "resolve"
    REOPEN = "reopen"
    CLOSE = "close"


_State = TypeVar("_State", bound=enum.Enum)
_Move = TypeVar("_Move", bound=enum.Enum)


_S, _M = TicketStatus, TicketMove

TRANSITIONS: Final[Mapping[tuple[TicketStatus, TicketMove], TicketStatus]] = (
    MappingProxyType(
        {
            (_S.NEW, _M.OPEN): _S.OPEN,
            (_S.OPEN, _M.WAIT): _S.PENDING,
            (_S.PENDING, _M.RESUME): _S.OPEN,
            (_S.OPEN, _M.ESCALATE): _S.ESCALATED,
            (_S.ESCALATED, _M.HAND_BACK): _S.OPEN,
            (_S.OPEN, _M.RESOLVE): _S.RESOLVED,
            (_S.PENDING, _M.RESOLVE): _S.RESOLVED,
            (_S.ESCALATED, _M.RESOLVE): _S.RESOLVED,
            (_S.RESOLVED, _M.REOPEN): _S.OPEN,
            (_S.RESOLVED, _M.CLOSE): _S.CLOSED,
        }
    )
)
"""The ticket lifecycle: ``(status, move) -> next status``. Nothing else moves."""


def next_status(status: TicketStatus, move: TicketMove) -> TicketStatus:
    """The status after *move* in *status*, from :data:`TRANSITIONS`.

    Raises:
        IllegalTransition: The table has no such move; names the status and
            the move.
    """
    return advance(TRANSITIONS, "ticket", status, move)


class DraftStatus(enum.Enum):
    """Where a draft reply is in the approval workflow."""

    DRAFTED = "drafted"
    """Written or edited; any earlier approval no longer holds."""
    APPROVED = "approved"
    REJECTED = "rejected"
    SENT = "sent"
    """Terminal: the reply went out."""


class DraftMove(enum.Enum):
    """A move of a draft reply."""

    EDIT = "edit"
    APPROVE = "approve"
    REJECT = "reject"
    SEND = "send"


_D, _DM = DraftStatus, DraftMove

DRAFT_TRANSITIONS: Final[Mapping[tuple[DraftStatus, DraftMove], DraftStatus]] = (
    MappingProxyType(
        {
            (_D.DRAFTED, _DM.EDIT): _D.DRAFTED,
            (_D.DRAFTED, _DM.APPROVE): _D.APPROVED,
            (_D.DRAFTED, _DM.REJECT): _D.REJECTED,
            (_D.DRAFTED, _DM.SEND): _D.SENT,
            (_D.APPROVED, _DM.EDIT): _D.DRAFTED,
            (_D.APPROVED, _DM.SEND): _D.SENT,
            (_D.REJECTED, _DM.EDIT): _D.DRAFTED,
        }
    )
)
"""The draft lifecycle: ``(status, move) -> next status``. Sending a
``DRAFTED`` draft is in the table for authors who need no approval; whether an
author needs one is decided by the approval rules, not by the table."""


def next_draft_status(status: DraftStatus, move: DraftMove) -> DraftStatus:
    """The status after *move* in *status*, from :data:`DRAFT_TRANSITIONS`.

    Raises:
        IllegalTransition: The table has no such move; names the status and
            the move.
    """
    return advance(DRAFT_TRANSITIONS, "draft", status, move)


def mermaid(table: Mapping[tuple[_State, _Move], _State], *, initial: _State) -> str:
    """A Mermaid ``stateDiagram-v2`` of *table*, one arrow per move.

    Terminal states (no move out) get an arrow to ``[*]``.

    >>> print(mermaid(DRAFT_TRANSITIONS, initial=DraftStatus.DRAFTED))  # io-ok: doc
    stateDiagram-v2
        [*] --> DRAFTED
        DRAFTED --> DRAFTED: edit
        DRAFTED --> APPROVED: approve
        DRAFTED --> REJECTED: reject
        DRAFTED --> SENT: send
        APPROVED --> DRAFTED: edit
        APPROVED --> SENT: send
        REJECTED --> DRAFTED: edit
        SENT --> [*]
    """
    lines = ["stateDiagram-v2", f"    [*] --> {initial.name}"]
    lines += [
        f"    {state.name} --> {target.name}: {move.value}"
        for (state, move), target in table.items()
    ]
    sources = {state for state, _ in table}
    reached = [initial, *table.values()]
    terminal = [s for s in dict.fromkeys(reached) if s not in sources]
    lines += [f"    {state.name} --> [*]" for state in terminal]
    return "\n".join(lines)
