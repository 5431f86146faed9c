"""Time carekit's SLA queue against a plain loop over ``add_business_time``.

One command (``make bench`` runs it with the defaults)::

    python benchmarks/sla.py --tickets 100000 --seed 1

It generates a seeded queue of open tickets on a Mon–Fri 09:00–17:00
Europe/Berlin calendar with holidays: each ticket created in the last two
weeks, opened, with a customer message, some answered, and a pending spell
(10 % of the tickets are pending at ``now``, so their clocks are paused).
Then, in the same run:

- **carekit**: ``carekit.sla.evaluate_queue``: every ticket's full status at
  one ``now`` (first response, next response, resolution; pauses, warning,
  breaches), with the calendar's open spans computed once and prefix sums;
- **loop**: the plain approach a dashboard starts with, a loop over
  ``BusinessCalendar.add_business_time`` per ticket: the warning and the
  deadline of the two clocks that start at the creation (first response and
  resolution), four calls, ignoring pauses, replies and next responses.

carekit must be faster than the loop; the absolute time is recorded too
(aim: under 1 s). Each round times both in turn with the garbage collector
on and ``gc.collect()`` first; the best of ``--repeat`` rounds is kept. A
sample of tickets is checked against ``carekit.sla.evaluate`` one by one.
Exit status 1 if they disagree, and with ``--strict`` also when carekit is
not faster than the loop.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import machine_line, timed
from carekit.business_hours import BusinessCalendar
from carekit.conversations import Channel, Conversation
from carekit.messages import AuthorKind, Direction, Message
from carekit.sla import ServiceLevel, SlaQueue, SlaState, evaluate, evaluate_queue
from carekit.tickets import Open, Resume, Ticket, Wait

NOW = dt.datetime(2024, 12, 20, 11, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
HOLIDAYS = [dt.date(2024, 12, 6), dt.date(2024, 12, 12), dt.date(2024, 12, 19)]
CALENDAR = BusinessCalendar.weekly(
    "Europe/Berlin", range(5), [(dt.time(9), dt.time(17))], holidays=HOLIDAYS
)
TERMS = ServiceLevel(
    first_response=dt.timedelta(hours=4),
    next_response=dt.timedelta(hours=8),
    resolution=dt.timedelta(hours=40),
)
Item = tuple[Ticket, Conversation]


def generate(tickets: int, seed: int) -> list[Item]:
    """A seeded queue: every ticket open at ``NOW``, a tenth of them pending."""
    rng = random.Random(seed)
    items = []
    for number in range(tickets):
        created = NOW - rng.randrange(10, 14 * 24 * 60) * MINUTE
        ticket = Ticket(f"t{number}", created_at=created, conversation_ids=["c"])
        ticket, _ = ticket.apply(Open("agent"), now=created)
        span = (NOW - created) // MINUTE
        messages = [Message("q1", created, Direction.INBOUND, AuthorKind.CUSTOMER)]
        if rng.random() < 0.6:
            answered = created + rng.randrange(1, span) * MINUTE
            messages.append(
                Message("a1", answered, Direction.OUTBOUND, AuthorKind.AGENT)
            )
            if rng.random() < 0.5 and answered < NOW - MINUTE:
                asked = answered + rng.randrange(1, (NOW - answered) // MINUTE) * MINUTE
                messages.append(
                    Message("q2", asked, Direction.INBOUND, AuthorKind.CUSTOMER)
                )
        wait = created + rng.randrange(1, span) * MINUTE
        if number % 10 == 0:  # pending now: a paused clock
            ticket, _ = ticket.apply(Wait("agent"), now=wait)
        elif rng.random() < 0.3 and wait < NOW - MINUTE:
            ticket, _ = ticket.apply(Wait("agent"), now=wait)
            back = wait + rng.randrange(1, (NOW - wait) // MINUTE) * MINUTE
            ticket, _ = ticket.apply(Resume("agent"), now=back)
        conversation = Conversation(
            "c", Channel.MESSENGER, customer_id="customer", messages=messages
        )
        items.append((ticket, conversation))
    return items


def run_carekit(items: Sequence[Item]) -> SlaQueue:
    """The queue's statuses, and each ticket's worst state (what a dashboard
    colours a row by)."""
    queue = evaluate_queue(items, CALENDAR, now=NOW, policy=TERMS)
    queue.states  # noqa: B018 - part of what is timed
    return queue


def run_loop(items: Sequence[Item]) -> list[Any]:
    """Per ticket, the instants a dashboard needs for its two clocks that
    start at the creation (first response and resolution): the warning and
    the deadline, one ``add_business_time`` each, ignoring pauses and
    replies (so doing less than carekit for every paused or answered
    ticket)."""
    first, resolution, warning = TERMS.first_response, TERMS.resolution, TERMS.warning
    assert first is not None
    assert resolution is not None
    add = CALENDAR.add_business_time
    out = []
    for ticket, _conversation in items:
        created = ticket.created_at
        out.append(
            (
                add(created, first - warning),
                add(created, first),
                add(created, resolution - warning),
                add(created, resolution),
            )
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)

    print(machine_line())
    items = generate(args.tickets, args.seed)
    paused = sum(1 for t, _ in items if t.status.value == "pending")
    print(f"{len(items):,} open tickets, {paused:,} pending at now")

    best_carekit = best_loop = float("inf")
    statuses: Any = []
    for _ in range(args.repeat):
        seconds, statuses = timed(lambda: run_carekit(items))
        best_carekit = min(best_carekit, seconds)
        seconds, _ = timed(lambda: run_loop(items))
        best_loop = min(best_loop, seconds)

    rng = random.Random(args.seed)
    sample = rng.sample(range(len(items)), min(args.sample, len(items)))
    wrong = [
        i
        for i in sample
        if statuses[i] != evaluate(*items[i], CALENDAR, now=NOW, policy=TERMS)
    ]
    counts: dict[SlaState | None, int] = {}
    for state in statuses.states:
        counts[state] = counts.get(state, 0) + 1
    print("worst state per ticket:", {str(k): v for k, v in counts.items()})
    per = 1e6 / len(items)
    for name, seconds in (
        ("carekit evaluate_queue", best_carekit),
        ("loop add_business_time", best_loop),
    ):
        print(f"{name}: {seconds:.3f} s ({seconds * per:.2f} µs/ticket)")
    faster = best_carekit < best_loop
    print(
        f"carekit / loop = {best_carekit / best_loop:.2f}: "
        + ("PASS (faster)" if faster else "FAIL (not faster)")
    )
    if wrong:
        print(f"{len(wrong)} of {len(sample)} sampled tickets disagree with evaluate")
        return 1
    return 1 if args.strict and not faster else 0


if __name__ == "__main__":
    sys.exit(main())
