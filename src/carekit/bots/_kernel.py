"""The thread rule for the engine, through the shared thread kernel
(:mod:`carekit._threads`): never a second copy of the rule."""

from __future__ import annotations

import datetime as dt
import math
from typing import Final

from carekit._threads import (
    AGENT,
    AUTOMATED,
    BOT,
    CUSTOMER,
    MICROSECONDS,
    Tally,
    ThreadRules,
    instant_ticks,
    step,
)

__all__ = ["AGENT", "AUTOMATED", "BOT", "CUSTOMER", "SILENCE", "apply_row"]

SILENCE: Final = dt.timedelta(hours=24)
"""A customer message this long after the last silence-breaking message
starts a thread (the responsiveness default)."""

_RULES: Final = ThreadRules(
    unit=MICROSECONDS, silence=SILENCE // dt.timedelta(microseconds=1), window=math.inf
)


def apply_row(
    last_break: dt.datetime | None, at: dt.datetime, role: int
) -> tuple[bool, dt.datetime | None]:
    """Apply one message of *role* at *at* to a conversation whose latest
    silence-breaking message was at *last_break*.

    Returns:
        Whether it starts a thread, and the new latest silence-breaking
        instant. A message older than *last_break* (a webhook delivered
        late) changes nothing.
    """
    tally = Tally()
    ticks = instant_ticks(at, MICROSECONDS)
    if last_break is not None:
        before = instant_ticks(last_break, MICROSECONDS)
        if ticks < before:
            return False, last_break
        tally.write(0, (before, before, None))
    events: list[tuple[object, ...]] = []
    step(_RULES, tally, (0, ticks, role), 0, events)
    started = any(len(event) == 3 for event in events)
    return started, at if tally.last[0] == ticks else last_break
