"""Responsiveness demo: a small page's week, its rate, badge and display.

Run ``python examples/responsiveness_demo.py``; other code (the project
demo) calls :func:`responsiveness_demo_report` and prints the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from typing import Any

from carekit.responsiveness import (
    BADGE_2015,
    BadgeCriteria,
    DisplayedResponseTime,
    Role,
    decide,
    displayed,
)

C, A, B, X, N = Role.CUSTOMER, Role.AGENT, Role.BOT, Role.AUTOMATED, Role.INTERNAL
MONDAY = dt.datetime(2024, 3, 4, tzinfo=dt.UTC).timestamp()
MIN, HOUR, DAY = 60.0, 3600.0, 86400.0


def _at(day: int, hour: float, minutes: float = 0.0) -> float:
    return MONDAY + day * DAY + hour * HOUR + minutes * MIN


#: A week of one page's inbox: (conversation, epoch seconds, role).
WEEK: list[tuple[Hashable, float, int]] = [
    # Monday: an instant reply, then an agent 3 minutes later.
    ("ana", _at(0, 9), C),
    ("ana", _at(0, 9, 0.1), X),
    ("ana", _at(0, 9, 3), A),
    # A burst of three messages, timed from the first; a private note.
    ("ben", _at(0, 14), C),
    ("ben", _at(0, 14, 1), C),
    ("ben", _at(0, 14, 2), C),
    ("ben", _at(0, 14, 5), N),
    ("ben", _at(0, 14, 7), A),
    # Tuesday night while away: an away message; answered in the morning.
    ("cy", _at(1, 23), C),
    ("cy", _at(1, 23, 0.1), X),
    ("cy", _at(2, 8, 10), A),
    # Wednesday: a bot answers first; the agent's reply is what counts.
    ("dee", _at(2, 11), C),
    ("dee", _at(2, 11, 0.5), B),
    ("dee", _at(2, 11, 4), A),
    # Thursday: never answered.
    ("eve", _at(3, 16), C),
    # Friday: Ana again after more than 24 h of silence: a new thread.
    ("ana", _at(4, 10), C),
    ("ana", _at(4, 10, 2), A),
    # Saturday: a slow one.
    ("fay", _at(5, 12), C),
    ("fay", _at(5, 13, 30), A),
]

#: Away every night from 22:00 to 07:00 UTC.
NIGHTS: list[tuple[float, float]] = [(_at(d, 22), _at(d + 1, 7)) for d in range(-1, 7)]


def _minutes(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds / 60:.1f} min"


def responsiveness_demo_report(
    source: Sequence[Any] = WEEK,
    *,
    away: Any = NIGHTS,
    badge: BadgeCriteria = BADGE_2015,
    as_of: float | dt.datetime | None = None,
    admin_choice: DisplayedResponseTime | None = None,
) -> str:
    """A printable report: rate, median, badge verdict with reasons, display.

    Args:
        source: ``(conversation_id, epoch_seconds, role)`` rows (default a
            built-in week) or carekit ``Conversation`` models.
        away: Away periods as ``(start, end)`` epoch seconds (default
            nightly), or an ``AwaySchedule`` for conversations.
        badge: The badge preset or policy; default the 2015 rule.
        as_of: The moment of the report, for trailing windows (2016 preset).
        admin_choice: A display the page admin picked (never faster).
    """
    decision = decide(source, policy=badge, as_of=as_of, away=away)
    stats = decision.stats  # the threads in the badge's evaluation window
    shown = displayed(stats, admin_choice=admin_choice)
    rate = "n/a" if stats.rate is None else f"{stats.rate:.0%}"
    lines = [
        "Responsiveness",
        f"  threads: {stats.eligible} eligible, {stats.responded} answered"
        f" in time, {stats.excluded_away} left out (started while away),"
        f" {stats.pending} pending",
        f"  response rate: {rate}",
        f"  median response time: {_minutes(stats.median())}",
        f"  average response time: {_minutes(stats.mean())}",
        "  'Very responsive' badge: "
        + ("awarded" if decision.awarded else "not awarded"),
        *(f"    - {reason}" for reason in decision.reasons),
        "  displayed: " + (shown.value if shown else "no response time shown"),
    ]
    return "\n".join(lines)


def main() -> None:
    print(responsiveness_demo_report())
    print()
    print(
        responsiveness_demo_report(
            admin_choice=DisplayedResponseTime.WITHIN_A_DAY,
        )
    )


if __name__ == "__main__":
    main()
