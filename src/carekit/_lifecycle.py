"""The one way a lifecycle moves: look the move up in its transition table.

Each state machine (payments, RSVPs, posts, tickets, drafts) keeps its own
table, a mapping from ``(state, event)`` to the next state; this helper
reads any of them and raises the same error for a move the table lacks.

>>> import enum
>>> class Light(enum.Enum):
...     OFF = "off"
...     ON = "on"
>>> table = {(Light.OFF, Light.ON): Light.ON}
>>> advance(table, "light", Light.OFF, Light.ON)
<Light.ON: 'on'>
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar

from carekit.errors import IllegalTransition

__all__ = ["advance"]

S = TypeVar("S", bound=enum.Enum)
E = TypeVar("E", bound=enum.Enum)


def advance(table: Mapping[tuple[S, E], S], machine: str, state: S, event: E) -> S:
    """The state after *event* in *state*, from *table*.

    Raises:
        IllegalTransition: The table has no such move; names the machine,
            the state and the event.
    """
    try:
        return table[state, event]
    except KeyError:
        raise IllegalTransition(machine, state.value, event.value) from None
