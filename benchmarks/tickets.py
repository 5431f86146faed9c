"""Time carekit's ticket lifecycle against a plain-dict reference of the same table.

One command (``make bench`` runs it with the defaults)::

    python benchmarks/tickets.py --tickets 100000 --commands 1000000 --seed 1

It plans a seeded stream of commands over the tickets (status moves along the
table, escalations to billing, assignments; some refused: a move the table
forbids, an assignment that changes nothing, a command to a closed ticket),
then applies the same stream twice, in the same run:

- **carekit**: ``Ticket.apply(command, now=...)``, one call per command, each
  returning a new frozen ticket (the old one untouched) with one more history
  event, and ``NotifyDepartment`` for each escalation;
- **reference**: the same rules in plain Python over dicts: a ``dict`` table
  keyed by ``(status, move)``, a copied ``dict`` per accepted command (so the
  old value is untouched too), a ``dict`` per history event, and a ``dict``
  per escalation and per notification.

Both must agree (final statuses, history lengths, refusals, notifications).
Each round times both in turn with the garbage collector on and
``gc.collect()`` first; the best of ``--repeat`` rounds is kept. Target:
carekit ≤ 3× the reference. Exit status 1 if they disagree, and with
``--strict`` also when the target fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from carekit.errors import CarekitError
from carekit.tickets import (
    HEARD_OPTIONAL,
    TRANSITIONS,
    Assign,
    Close,
    Escalate,
    HandBack,
    Open,
    Reopen,
    Resolve,
    Resume,
    Ticket,
    TicketCommand,
    Wait,
)

TARGET = 3.0
T0 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
AGENTS = ("ann", "bob", "cy", "dee")
NOTE = "customer charged twice"

#: The table again, as plain strings: the reference knows nothing of carekit.
TABLE: dict[tuple[str, str], str] = {
    (status.value, move.value): target.value
    for (status, move), target in TRANSITIONS.items()
}
MOVES: dict[str, list[str]] = {}
for _status, _move in TABLE:
    MOVES.setdefault(_status, []).append(_move)
ALL_MOVES = sorted({move for _, move in TABLE})
COMMAND: dict[str, Callable[[str], TicketCommand]] = {
    "open": Open,
    "wait": Wait,
    "resume": Resume,
    "hand_back": HandBack,
    "resolve": Resolve,
    "reopen": Reopen,
    "close": Close,
}

Step = tuple[int, str, str, str | None, dt.datetime]
"""``(ticket index, move or "assign", by, argument, now)``."""


def plan(tickets: int, commands: int, seed: int) -> list[Step]:
    """A seeded stream of commands, mostly legal, in time order."""
    rng = random.Random(seed)
    status = ["new"] * tickets
    owner: list[str | None] = [None] * tickets
    steps: list[Step] = []
    now = T0
    tick = dt.timedelta(seconds=30 * 86_400 / commands)
    for _ in range(commands):
        now += tick
        index = rng.randrange(tickets)
        while status[index] == "closed" and rng.random() < 0.9:
            index = rng.randrange(tickets)  # mostly work on live tickets
        by = rng.choice(AGENTS)
        roll = rng.random()
        if roll < 0.15:
            who = rng.choice(AGENTS)
            steps.append((index, "assign", by, who, now))
            if status[index] != "closed":
                owner[index] = who
            continue
        legal = MOVES.get(status[index], [])
        # Now and then any move, often one the table forbids.
        move = rng.choice(ALL_MOVES if roll < 0.17 or not legal else legal)
        steps.append((index, move, by, "billing" if move == "escalate" else None, now))
        status[index] = TABLE.get((status[index], move), status[index])
    return steps


def carekit_commands(steps: Sequence[Step]) -> list[tuple[int, TicketCommand, Any]]:
    """The plan as carekit commands (built before timing)."""
    built: list[tuple[int, TicketCommand, Any]] = []
    for index, move, by, arg, now in steps:
        command: TicketCommand
        if move == "assign":
            command = Assign(by, arg)
        elif move == "escalate":
            command = Escalate(by, "billing", note=NOTE)
        else:
            command = COMMAND[move](by)
        built.append((index, command, now))
    return built


Outcome = tuple[list[str], list[int], int, int]
"""Final statuses, history lengths, refused commands, notifications."""


def run_carekit(
    tickets: int, commands: Sequence[tuple[int, TicketCommand, Any]]
) -> Outcome:
    """Apply every command with ``Ticket.apply``."""
    state = [
        Ticket(f"t{i}", created_at=T0, conversation_ids=(f"c{i}",))
        for i in range(tickets)
    ]
    refused = notified = 0
    for index, command, now in commands:
        try:
            state[index], actions = state[index].apply(
                command, now=now, heard=HEARD_OPTIONAL
            )
        except CarekitError:
            refused += 1
            continue
        notified += len(actions)
    return (
        [t.status.value for t in state],
        [len(t.history) for t in state],
        refused,
        notified,
    )


def run_reference(tickets: int, steps: Sequence[Step]) -> Outcome:
    """The same rules over plain dicts; a new dict per accepted command."""
    state: list[dict[str, Any]] = [
        {
            "id": f"t{i}",
            "created_at": T0,
            "conversation_ids": (f"c{i}",),
            "status": "new",
            "priority": "medium",
            "assignee": None,
            "queue": None,
            "language": None,
            "tags": (),
            "history": (),
            "escalation": None,
            "sessions": (),
            "heard": None,
        }
        for i in range(tickets)
    ]
    refused = notified = 0
    for index, move, by, arg, now in steps:
        old = state[index]
        history = old["history"]
        if (history and now < history[-1]["at"]) or old["status"] == "closed":
            refused += 1
            continue
        new = dict(old)
        if move == "assign":
            if arg == old["assignee"]:
                refused += 1
                continue
            new["assignee"] = arg
        else:
            target = TABLE.get((old["status"], move))
            if target is None:
                refused += 1
                continue
            new["status"] = target
            if move == "escalate":
                new["escalation"] = {
                    "department": arg,
                    "note": NOTE,
                    "by": by,
                    "at": now,
                    "follow_up": DAY,
                    "notified_at": now,
                }
                summary = {"ticket_id": old["id"], "note": NOTE, "tags": old["tags"]}
                notice = {"department": arg, "summary": summary, "at": now}
                notified += len((notice,))
            elif target != "escalated":
                new["escalation"] = None
        detail = () if arg is None else (arg,)
        event = {
            "at": now,
            "by": by,
            "kind": move,
            "status": new["status"],
            "detail": detail,
        }
        new["history"] = (*history, event)
        state[index] = new
    return (
        [t["status"] for t in state],
        [len(t["history"]) for t in state],
        refused,
        notified,
    )


def timed(run: Callable[[], Outcome]) -> tuple[float, Outcome]:
    gc.collect()
    start = time.perf_counter()
    outcome = run()
    return time.perf_counter() - start, outcome


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--commands", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)

    steps = plan(args.tickets, args.commands, args.seed)
    commands = carekit_commands(steps)
    best: dict[str, float] = {}
    outcomes: dict[str, Outcome] = {}
    runners: dict[str, Callable[[], Outcome]] = {
        "reference": lambda: run_reference(args.tickets, steps),
        "carekit": lambda: run_carekit(args.tickets, commands),
    }
    for _ in range(args.repeat):
        for name, run in runners.items():
            seconds, outcomes[name] = timed(run)
            best[name] = min(seconds, best.get(name, seconds))

    agree = outcomes["carekit"] == outcomes["reference"]
    ratio = best["carekit"] / best["reference"]
    _, lengths, refused, notified = outcomes["carekit"]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"- Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs; load average {load}"
    )
    print(
        f"- {args.tickets:,} tickets, {args.commands:,} commands (seed {args.seed}): "
        f"{sum(lengths):,} applied, {refused:,} refused, {notified:,} notifications"
    )
    print("\n| implementation | seconds | µs per command |\n| --- | ---: | ---: |")
    for name in runners:
        per = best[name] / args.commands * 1e6
        print(f"| {name} | {best[name]:.2f} | {per:.2f} |")
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(f"\n{verdict}: carekit / reference = {ratio:.2f}× (target ≤ {TARGET:.0f}×)")
    print(
        f"{'agree' if agree else 'DISAGREE'}: final statuses, history lengths, "
        "refusals and notifications"
    )
    if not agree:
        return 1
    return 1 if args.strict and ratio > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
