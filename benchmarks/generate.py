"""Seeded generator of a realistic page's message history.

A page answers customers by day and is away every night (22:00-07:00 local).
Each conversation holds 1-10 messages: a customer opens a thread, an instant
reply (about one thread in five) or a bot may answer at once, the customer
may send a follow-up within the burst, an agent may leave a private note,
and a human agent replies after a log-normal delay (median about 4 minutes,
with a tail to days). About 8 % of threads are never answered. Some
conversations go back and forth, some come back with a new thread after more
than 24 h of silence, and a few are opened by the page itself.

The output is plain data, as an app would hold it in memory: a list of
``(conversation_id, epoch_seconds, role)`` tuples, grouped by conversation and
in time order within each, plus the page's away periods as epoch pairs.
"""

from __future__ import annotations

import math
import operator
import random
from dataclasses import dataclass

from benchmarks.common import AGENT, AUTOMATED, BOT, CUSTOMER, INTERNAL, Away, Row

__all__ = ["BASE_EPOCH", "Page", "generate"]

BASE_EPOCH = 1_704_067_200.0
"""2024-01-01T00:00:00Z, the first day of every generated page."""
HOUR = 3_600.0
DAY = 86_400.0

AWAY_FROM, AWAY_UNTIL = 22 * HOUR, 7 * HOUR
"""The nightly away period, local time of day."""

MAX_MESSAGES = 10
EXCHANGE_WEIGHTS = (44, 31, 15, 7, 3)
"""Relative odds of 0, 1, 2, 3, 4 further customer/agent exchanges per thread."""
REPLY_MU, REPLY_SIGMA = math.log(240.0), 2.3
"""Agent reply delay: log-normal, median 4 min; about 1 % take over a day."""
CUSTOMER_MU, CUSTOMER_SIGMA = math.log(180.0), 1.5
"""Customer's answer to an agent: log-normal, median 3 min."""
FOLLOW_UP_MU, FOLLOW_UP_SIGMA = math.log(45.0), 1.0
"""Customer follow-up within the opening burst: median 45 s."""

P_INSTANT_REPLY = 0.20
P_UNANSWERED = 0.08
P_BOT = 0.10
P_FOLLOW_UP = 0.30
P_NOTE = 0.06
P_PAGE_INITIATED = 0.03
P_NEW_THREAD = 0.12
P_AWAY_MESSAGE = 0.60
P_ON_CALL = 0.15
"""Share of night threads answered by on-call staff rather than after 07:00."""
P_DAYTIME = 0.80
"""Share of threads opened during the day (07:00-22:00, peaking at 14:00)."""


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page: its messages and its away periods.

    Attributes:
        rows: ``(conversation_id, epoch_seconds, role)``, grouped by
            conversation and in time order within each (or interleaved in
            global time order when generated with ``interleave=True``).
        away: Nightly away periods plus a few manual toggles (a holiday, a
            team meeting overlapping a night), unmerged, as epoch pairs.
        conversations: Number of conversations.
        seed: The seed that reproduces this page.
    """

    rows: list[Row]
    away: Away
    conversations: int
    seed: int


class _Night:
    """Nightly away arithmetic in a fixed UTC offset (no calendar needed)."""

    def __init__(self, utc_offset_hours: float) -> None:
        self.shift = utc_offset_hours * HOUR

    def local_midnight(self, t: float) -> float:
        local = t - BASE_EPOCH + self.shift
        return t - local % DAY

    def end_if_away(self, t: float) -> float | None:
        """The end of the night containing *t*, or ``None`` by day."""
        tod = (t - BASE_EPOCH + self.shift) % DAY
        if tod >= AWAY_FROM:
            return t - tod + DAY + AWAY_UNTIL
        if tod < AWAY_UNTIL:
            return t - tod + AWAY_UNTIL
        return None


class _Conversation:
    """Writes one conversation's messages, in generation order."""

    def __init__(self, rng: random.Random, night: _Night) -> None:
        self.rng = rng
        self.night = night
        self.events: list[tuple[float, int]] = []

    def reply_at(self, t: float) -> float:
        """When an agent answers a message sent at *t* (nights delay it)."""
        rng = self.rng
        night_end = self.night.end_if_away(t)
        if night_end is not None and rng.random() >= P_ON_CALL:
            t = night_end
        return t + rng.lognormvariate(REPLY_MU, REPLY_SIGMA)

    def thread(self, start: float) -> float:
        """Write one thread opened at *start*; return its last message time."""
        rng, events = self.rng, self.events
        events.append((start, CUSTOMER))
        answered = rng.random() >= P_UNANSWERED
        reply = self.reply_at(start)
        if answered:
            events.append((reply, AGENT))
        if rng.random() < P_INSTANT_REPLY:
            events.append((start + rng.uniform(0.2, 2.0), AUTOMATED))
        elif self.night.end_if_away(start) and rng.random() < P_AWAY_MESSAGE:
            events.append((start + rng.uniform(0.5, 3.0), AUTOMATED))
        if rng.random() < P_BOT:
            events.append((start + rng.uniform(1.0, 10.0), BOT))
        if rng.random() < P_FOLLOW_UP:
            events.append(
                (start + rng.lognormvariate(FOLLOW_UP_MU, FOLLOW_UP_SIGMA), CUSTOMER)
            )
        if rng.random() < P_NOTE:
            events.append((start + rng.random() * (reply - start), INTERNAL))
        if not answered:
            return max(t for t, _ in events)
        return self.exchanges(reply)

    def exchanges(self, last: float) -> float:
        """Customer/agent back-and-forth after the first reply."""
        rng, events = self.rng, self.events
        (count,) = rng.choices(range(len(EXCHANGE_WEIGHTS)), EXCHANGE_WEIGHTS)
        for _ in range(count):
            asked = last + rng.lognormvariate(CUSTOMER_MU, CUSTOMER_SIGMA)
            last = self.reply_at(asked)
            events.extend(((asked, CUSTOMER), (last, AGENT)))
        return max(t for t, _ in events)

    def write(self, start: float) -> list[tuple[float, int]]:
        """The whole conversation from *start*, capped and in time order."""
        rng = self.rng
        if rng.random() < P_PAGE_INITIATED:
            self.events.append((start, AGENT))
            start += rng.lognormvariate(math.log(2 * HOUR), 2.0)
        last = self.thread(start)
        while rng.random() < P_NEW_THREAD and len(self.events) < MAX_MESSAGES:
            later = self.night.local_midnight(last + DAY + rng.expovariate(1 / DAY))
            start = later + _time_of_day(rng)
            last = self.thread(start if start - last >= DAY else start + DAY)
        del self.events[MAX_MESSAGES:]
        self.events.sort(key=operator.itemgetter(0))
        return self.events


def _time_of_day(rng: random.Random) -> float:
    if rng.random() < P_DAYTIME:
        return rng.triangular(AWAY_UNTIL, AWAY_FROM, 14 * HOUR)
    return rng.uniform(0.0, DAY)


def _away_periods(night: _Night, first: float, last: float) -> Away:
    """Nightly periods covering [first, last], plus two manual toggles."""
    day = night.local_midnight(first) - DAY
    periods: Away = []
    while day <= last:
        periods.append((day + AWAY_FROM, day + DAY + AWAY_UNTIL))
        day += DAY
    if len(periods) > 4:
        holiday = periods[2][1]
        periods.append((holiday, holiday + AWAY_FROM - AWAY_UNTIL))
        meeting = periods[3][0] - 1.5 * HOUR
        periods.append((meeting, meeting + 2 * HOUR))
    return periods


def generate(
    conversations: int,
    *,
    seed: int = 1,
    days: int = 28,
    utc_offset_hours: float = 0.0,
    interleave: bool = False,
) -> Page:
    """Generate a page's history; the same arguments give the same page.

    Args:
        conversations: How many conversations (ids ``0 .. conversations-1``).
        seed: Seed of the ``random.Random`` that draws everything.
        days: Conversations open uniformly over this many days from
            2024-01-01; later threads may run past them.
        utc_offset_hours: The page's fixed offset from UTC for the nights.
        interleave: Sort all rows by time instead of grouping them by
            conversation (stable, so each conversation keeps its order), as
            new row objects laid out in that order.

    Returns:
        The rows and the away periods covering them.
    """
    rng = random.Random(seed)
    night = _Night(utc_offset_hours)
    rows: list[Row] = []
    origin = BASE_EPOCH - night.shift
    for cid in range(conversations):
        start = origin + rng.randrange(days) * DAY + _time_of_day(rng)
        events = _Conversation(rng, night).write(start)
        rows.extend([(cid, t, role) for t, role in events])
    if interleave:
        rows.sort(key=operator.itemgetter(1))
        # New objects, allocated in time order as a stream's reader would:
        # sorting alone leaves each row where the grouped loop put it in
        # memory, and reading them costs every implementation a cache miss
        # per row that no real stream has.
        rows[:] = [(cid + 0, t + 0.0, role) for cid, t, role in rows]
    first = min((r[1] for r in rows), default=BASE_EPOCH)
    last = max((r[1] for r in rows), default=BASE_EPOCH)
    return Page(rows, _away_periods(night, first, last), conversations, seed)
