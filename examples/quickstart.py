"""carekit quickstart: one week of customer care at a small page.

Run with ``make demo``. Everything here is pure computation over data the
script builds itself; carekit never reads the clock, so "now" is a constant.

The week (Monday 19 to Sunday 25 October 2026, Europe/Berlin) crosses the end
of summer time: at 03:00 on Sunday the clocks go back to 02:00, so the
Sunday-night hotline (00:00-06:00 local) holds seven hours of business time.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections.abc import Iterator

import pendulum
from analytics_report import history, per_agent_and_channel
from payments_demo import payout_statement_demo
from responsiveness_demo import responsiveness_demo_report

from carekit import (
    AuthorKind,
    AwaySchedule,
    BusinessCalendar,
    Channel,
    Conversation,
    Direction,
    Interval,
    IntervalSet,
    Message,
    MessageKind,
    OpeningHours,
    Weekday,
)
from carekit.responsiveness import BADGE_2015, BADGE_2016

ZONE = "Europe/Berlin"
WEEK_START = pendulum.datetime(2026, 10, 19, tz=ZONE)
WEEK_END = WEEK_START.add(days=7)
CHANNELS = (Channel.MESSENGER, Channel.INSTAGRAM_DIRECT, Channel.WHATSAPP)


def page_calendar() -> BusinessCalendar:
    """Mon-Fri 09:00-12:30 and 13:30-18:00, Sat 10:00-14:00, Sun 00:00-06:00."""
    t = dt.time
    weekdays = [
        OpeningHours(day, start, end=end)
        for day in Weekday
        if day <= Weekday.FRIDAY
        for start, end in ((t(9), t(12, 30)), (t(13, 30), t(18)))
    ]
    weekend = [
        OpeningHours(Weekday.SATURDAY, t(10), end=t(14)),
        OpeningHours(Weekday.SUNDAY, t(0), end=t(6)),
    ]
    return BusinessCalendar(ZONE, [*weekdays, *weekend])


def page_away_schedule(calendar: BusinessCalendar) -> AwaySchedule:
    """Outside business hours, plus a team offsite on Wednesday afternoon."""
    offsite = Interval(
        WEEK_START.add(days=2, hours=14), WEEK_START.add(days=2, hours=16)
    )
    return AwaySchedule(manual=IntervalSet.of(offsite), calendar=calendar)


def conversations(away: AwaySchedule, *, seed: int = 7) -> list[Conversation]:
    """Forty seeded conversations: customers write at any hour; the platform
    answers with instant replies and away messages; agents reply in business
    hours after a few minutes (or not at all)."""
    rng = random.Random(seed)
    result = []
    for number in range(40):
        opened = WEEK_START.add(minutes=rng.randrange(7 * 24 * 60))
        messages = list(_exchange(rng, opened, away))
        result.append(
            Conversation(
                f"c{number:02d}",
                rng.choice(CHANNELS),
                customer_id=f"customer-{number:02d}",
                messages=messages,
            )
        )
    return result


def _exchange(
    rng: random.Random, opened: pendulum.DateTime, away: AwaySchedule
) -> Iterator[Message]:
    ids = (f"m{n}" for n in range(100))
    yield Message(next(ids), opened, Direction.INBOUND, AuthorKind.CUSTOMER)
    automatic = MessageKind.AWAY_MESSAGE if away.is_away(opened) else None
    if automatic is None and rng.random() < 0.3:
        automatic = MessageKind.INSTANT_REPLY
    if automatic is not None:
        yield _page(next(ids), opened.add(seconds=2), AuthorKind.AUTOMATION, automatic)
    if rng.random() < 0.1:
        return  # left unanswered
    available = away.away_until(opened)
    if available is None:
        return
    delay = dt.timedelta(minutes=rng.lognormvariate(1.4, 0.9))
    reply_at = pendulum.instance(available).add(seconds=delay.total_seconds())
    yield _page(next(ids), reply_at, AuthorKind.AGENT, MessageKind.REPLY)
    if rng.random() < 0.4:
        follow_up = reply_at.add(minutes=rng.randrange(2, 30))
        yield Message(next(ids), follow_up, Direction.INBOUND, AuthorKind.CUSTOMER)
        yield _page(
            next(ids), follow_up.add(minutes=3), AuthorKind.AGENT, MessageKind.REPLY
        )


def _page(ident: str, at: dt.datetime, who: AuthorKind, kind: MessageKind) -> Message:
    return Message(ident, at, Direction.OUTBOUND, who, kind=kind)


def _first_agent_reply(conversation: Conversation) -> Message | None:
    return next(
        (m for m in conversation.messages if m.author is AuthorKind.AGENT), None
    )


def _hours(delta: dt.timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def foundation_report(calendar: BusinessCalendar, away: AwaySchedule) -> str:
    """Business time, away periods and the week's conversations, as text."""
    convos = conversations(away)  # seeded: the same week every time
    messages = [m for c in convos for m in c.messages]
    inbound = sum(m.direction is Direction.INBOUND for m in messages)
    automatic = sum(m.is_automatic for m in messages)
    periods = away.periods(WEEK_START, WEEK_END)
    # Wall-clock 00:00 and 06:00 on the Sunday: seven hours apart that night.
    hotline = (
        pendulum.datetime(2026, 10, 25, 0, tz=ZONE),
        pendulum.datetime(2026, 10, 25, 6, tz=ZONE),
    )
    first_reply = [
        calendar.business_time(c.messages[0].timestamp, reply.timestamp)
        for c in convos
        if (reply := _first_agent_reply(c)) is not None
    ]
    median_first = statistics.median(first_reply)
    open_time = calendar.business_time(WEEK_START, WEEK_END)
    lines = [
        f"Page week: {WEEK_START.format('ddd D MMM YYYY')} - "
        f"{WEEK_END.subtract(days=1).format('ddd D MMM YYYY')} ({ZONE})",
        f"  business time this week     {_hours(open_time)}",
        f"  Sunday 00:00-06:00 hotline   "
        f"{_hours(calendar.business_time(*hotline))}"
        "  (clocks go back at 03:00: 7 h, not 6)",
        f"  away periods                 {len(periods)} "
        f"({_hours(periods.total_duration())} in all, offsite included)",
        f"  conversations                {len(convos)} "
        f"({len(messages)} messages: {inbound} from customers, "
        f"{automatic} automatic)",
        f"  median business time to the first agent reply  "
        f"{median_first.total_seconds() / 60:.1f} min",
    ]
    return "\n".join(lines)


def analytics_table() -> str:
    """First responses per agent and channel, from the six seeded weeks of
    ``examples/analytics_report.py`` (which also draws them as HTML)."""
    lines = ["agent  channel            first responses  median FRT"]
    for row in per_agent_and_channel(history()):
        lines.append(
            f"{row['agent']:6} {row['channel']:18} {row['first_responses']:15}"
            f"  {row['median_frt_min']:6.1f} min"
        )
    return "\n".join(lines)


def main() -> None:
    calendar = page_calendar()
    away = page_away_schedule(calendar)
    convos = conversations(away)
    print("carekit quickstart\n")
    print(foundation_report(calendar, away))
    print("\n[2015 rule: rate >= 90 % and median < 5 min, all data]")
    print(responsiveness_demo_report(convos, away=away, badge=BADGE_2015))
    print("\n[2016 rule: rate >= 90 %, median <= 15 min, last 7 days, away deferred]")
    print(
        responsiveness_demo_report(convos, away=away, badge=BADGE_2016, as_of=WEEK_END)
    )
    print()
    print(payout_statement_demo())
    print("\n[Analytics: first response per agent and channel, six weeks]")
    print(analytics_table())


if __name__ == "__main__":
    main()
