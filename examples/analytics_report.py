"""Write one self-contained HTML analytics report (``make demo``).

    python examples/analytics_report.py [OUTPUT.html] [--charts DIR]

OUTPUT defaults to ``carekit_analytics_report.html`` in the temp directory.

Six weeks of synthetic care history (seeded, so every run is the same): 600
conversations on four channels, answered by five agents, with CSAT surveys
and a first-response service level of one business hour. The report holds
a per-agent table, a per-agent-and-channel table, the distribution of first
response times, and weekly trends of the median first response time, SLA
attainment and CSAT. The charts are drawn by matplotlib and inlined as SVG:
the file loads nothing from anywhere. ``--charts DIR`` also writes each
chart as its own SVG file (the docs embed them).

The example does the I/O (writing the file); carekit only computes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import random
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from carekit.analytics import (
    ByAgent,
    ByPeriod,
    Count,
    Period,
    ResponseDuration,
    ResponseKind,
    breakdown,
    response_durations,
)
from carekit.business_hours import BusinessCalendar
from carekit.conversations import Channel, Conversation
from carekit.feedback import (
    CsatAccumulator,
    CsatResult,
    SurveyResponse,
    SurveySent,
)
from carekit.messages import AuthorKind, Direction, Message, MessageKind
from carekit.sla import ServiceLevel, SlaMetric, SlaState, evaluate_queue
from carekit.tickets import Ticket

UTC = dt.UTC
WEEKS = 6
#: Each agent's typical first-response delay, in minutes (a lognormal median).
AGENTS = {"ana": 6.0, "bo": 14.0, "cy": 25.0, "dee": 40.0, "eli": 9.0}
CHANNELS = (
    Channel.MESSENGER,
    Channel.INSTAGRAM_DIRECT,
    Channel.WHATSAPP,
    Channel.TWITTER_DM,
)
#: The page's timezone: its opening hours and its calendar weeks.
PAGE_ZONE = "Europe/Berlin"
CALENDAR = BusinessCalendar.weekly(PAGE_ZONE, range(7), [(dt.time(7), dt.time(22))])
#: ISO weeks in the page's timezone: Sunday 23:30 UTC is already Monday in
#: Berlin, so it belongs to the next week there.
BY_WEEK = ByPeriod(Period.WEEK, PAGE_ZONE)
#: Six whole weeks of the page's calendar, from Monday 00:00 in Berlin
#: (one hour short of six weeks elapsed: the clocks spring forward).
START = dt.datetime(2024, 3, 4, tzinfo=ZoneInfo(PAGE_ZONE)).astimezone(UTC)
END = dt.datetime(2024, 4, 15, tzinfo=ZoneInfo(PAGE_ZONE)).astimezone(UTC)
SPAN_MINUTES = int((END - START).total_seconds()) // 60
FIRST_DAY, LAST_DAY = dt.date(2024, 3, 4), dt.date(2024, 4, 14)
TERMS = ServiceLevel(first_response=dt.timedelta(hours=1))


class History:
    """The synthetic history the report is about."""

    def __init__(
        self,
        conversations: list[Conversation],
        tickets: list[Ticket],
        surveys: list[SurveySent],
        responses: list[SurveyResponse],
    ) -> None:
        self.conversations = conversations
        self.tickets = tickets
        self.surveys = surveys
        self.responses = responses


def _conversation(rng: random.Random, number: int) -> tuple[Conversation, float]:
    start = START + dt.timedelta(minutes=rng.randrange(SPAN_MINUTES))
    agent = rng.choice(sorted(AGENTS))
    delay = rng.lognormvariate(0, 0.8) * AGENTS[agent]
    messages = [
        Message("m0", start, Direction.INBOUND, AuthorKind.CUSTOMER, text="Hi?")
    ]
    if rng.random() < 0.3:  # an instant reply never counts as a response
        messages.append(
            Message(
                "m1",
                start,
                Direction.OUTBOUND,
                AuthorKind.AUTOMATION,
                kind=MessageKind.INSTANT_REPLY,
            )
        )
    answered = start + dt.timedelta(minutes=delay)
    messages.append(
        Message("m2", answered, Direction.OUTBOUND, AuthorKind.AGENT, author_id=agent)
    )
    chat = Conversation(
        f"c{number}",
        rng.choice(CHANNELS),
        customer_id=f"u{number}",
        messages=messages,
        assignee=agent,
    )
    return chat, delay


def history(seed: int = 15, size: int = 600) -> History:
    """*size* conversations over six weeks, with one ticket each and CSAT
    surveys (75 % sent, 60 % of those answered; slower answers rate lower)."""
    rng = random.Random(seed)
    conversations, tickets, surveys, responses = [], [], [], []
    for number in range(size):
        chat, delay = _conversation(rng, number)
        conversations.append(chat)
        assert chat.started_at is not None
        assert chat.last_activity_at is not None
        tickets.append(
            Ticket(f"t{number}", created_at=chat.started_at, conversation_ids=[chat.id])
        )
        if rng.random() < 0.75:
            sent_at = chat.last_activity_at + dt.timedelta(minutes=5)
            survey = SurveySent.for_conversation(chat, sent_at=sent_at)
            surveys.append(survey)
            if rng.random() < 0.6:
                good = rng.random() < max(0.2, 0.95 - delay / 80)
                rating = rng.choice([4, 5]) if good else rng.choice([1, 2, 3])
                answered = sent_at + dt.timedelta(minutes=rng.randrange(1, 120))
                responses.append(survey.respond(rating, answered_at=answered))
    return History(conversations, tickets, surveys, responses)


def first_responses(data: History) -> dict[str, ResponseDuration]:
    """Each conversation's first timed first response."""
    first: dict[str, ResponseDuration] = {}
    for duration in response_durations(data.conversations):
        if duration.kind is ResponseKind.FIRST:
            first.setdefault(duration.conversation_id, duration)
    return first


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


class ByAgentAndChannel:
    """A grouping of our own (any object with ``keys`` is a
    ``GroupingPolicy``): the agent credited and the conversation's channel."""

    def keys(self, item: Any) -> tuple[Hashable, ...]:
        channel = item.channel.value if item.channel is not None else None
        return ((item.agent or "(none)", channel),)


def per_agent(data: History) -> list[dict[str, Any]]:
    """One row per agent: first responses and their median in minutes
    (``carekit.analytics.breakdown``), and the CSAT of the surveys credited
    to the agent (``carekit.feedback``)."""
    first = list(first_responses(data).values())
    counts = breakdown(first, ByAgent(), statistic=Count())
    medians = breakdown(first, ByAgent())
    csat = CsatAccumulator().feed(data.surveys).feed(data.responses).by_agent()
    rows = []
    agents = {a for a in counts if a is None or isinstance(a, str)} | set(csat)
    for agent in sorted(agents, key=lambda a: (a is None, a or "")):
        result = csat.get(agent, CsatResult(0, 0))
        rows.append(
            {
                "agent": agent or "(none)",
                "first_responses": int(counts.get(agent) or 0),
                "median_frt_min": _minutes(medians.get(agent)),
                "surveys": result.sent,
                "csat_responses": result.responses,
                "csat": result.score,
                "response_rate": result.response_rate,
            }
        )
    return rows


def per_agent_and_channel(data: History) -> list[dict[str, Any]]:
    """One row per (agent, channel): first responses and their median."""
    first = list(first_responses(data).values())
    counts = breakdown(first, ByAgentAndChannel(), statistic=Count())
    medians = breakdown(first, ByAgentAndChannel())
    rows = []
    for key in sorted(counts, key=str):
        assert isinstance(key, tuple)
        agent, channel = key
        rows.append(
            {
                "agent": agent,
                "channel": channel,
                "first_responses": int(counts[key] or 0),
                "median_frt_min": _minutes(medians[key]),
            }
        )
    return rows


def _week(moment: dt.datetime) -> str:
    """The ISO week of *moment* in the page's timezone (as ``BY_WEEK``)."""
    year, week, _ = moment.astimezone(ZoneInfo(PAGE_ZONE)).isocalendar()
    return f"{year}-W{week:02d}"


def weekly(data: History) -> dict[str, dict[str, float | None]]:
    """Per ISO week in the page's timezone (``PAGE_ZONE``): median FRT in
    minutes (by the response's start), SLA attainment of the first-response
    target (by the ticket's creation), and the CSAT score (by the survey's
    sending)."""
    frt = breakdown(first_responses(data).values(), BY_WEEK)
    starts = {c.id: c.started_at for c in data.conversations}
    queue = evaluate_queue(
        zip(data.tickets, data.conversations, strict=True),
        CALENDAR,
        now=END,
        policy=TERMS,
    )
    met: dict[str, list[bool]] = defaultdict(list)
    for ticket, status in zip(data.tickets, queue, strict=True):
        first = status.status(SlaMetric.FIRST_RESPONSE)
        if first is not None and first.state in (SlaState.MET, SlaState.BREACHED):
            met[_week(ticket.created_at)].append(first.state is SlaState.MET)
    csat: dict[str, CsatAccumulator] = defaultdict(CsatAccumulator)
    for survey in data.surveys:
        csat[_week(survey.sent_at)].add(survey)
    sent_week = {s.conversation_id: _week(s.sent_at) for s in data.surveys}
    for response in data.responses:
        csat[sent_week[response.conversation_id]].add(response)
    weeks = sorted({_week(s) for s in starts.values() if s is not None})
    return {
        week: {
            "median_frt_min": _minutes(frt.get(week)),
            "sla_attainment": sum(met[week]) / len(met[week]) if met[week] else None,
            "csat": csat[week].extract().score,
        }
        for week in weeks
    }


def _pyplot() -> Any:
    """matplotlib's pyplot on its SVG backend, imported only to draw (the
    quickstart reads this module's tables without matplotlib)."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    return plt


def _svg(figure: Any, name: str) -> str:
    """The figure as an inline ``<svg>`` element (no XML prolog, no
    metadata links), its ids prefixed with *name* so that several charts
    share one page without clashing."""
    buffer = io.StringIO()
    figure.savefig(
        buffer,
        format="svg",
        bbox_inches="tight",
        metadata={"Creator": None, "Date": None, "Format": None, "Type": None},
    )
    _pyplot().close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'id="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{name}-\1"', text)
    return re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)


def charts(data: History) -> dict[str, str]:
    """The report's charts, by name, as SVG text."""
    plt = _pyplot()
    plt.rcParams.update({"svg.hashsalt": "carekit", "svg.fonttype": "none"})
    minutes = [d.seconds / 60 for d in first_responses(data).values()]
    figure, axes = plt.subplots(figsize=(6, 3))
    clipped = [min(value, 119.9) for value in minutes]  # 2 h and more: last bin
    axes.hist(clipped, bins=range(0, 125, 5), color="#4477aa")
    axes.set(
        title="First response time",
        xlabel="minutes (5-minute bins; the last holds 2 h and more)",
        ylabel="conversations",
    )
    out = {"frt_distribution": _svg(figure, "frt")}
    trends = weekly(data)
    weeks = list(trends)
    for key, title, label in [
        ("median_frt_min", "Median first response time per week", "minutes"),
        ("sla_attainment", "First-response SLA attainment per week", "share met"),
        ("csat", "CSAT per week", "share of 4s and 5s"),
    ]:
        figure, axes = plt.subplots(figsize=(6, 2.6))
        values = [trends[w][key] for w in weeks]
        axes.plot(weeks, [float("nan") if v is None else v for v in values], marker="o")
        axes.set(title=title, ylabel=label)
        if key != "median_frt_min":
            axes.set_ylim(0, 1)
        out[f"weekly_{key}"] = _svg(figure, key)
    return out


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return html.escape(str(value))


def _table(table_id: str, rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return f'<table id="{table_id}"></table>'
    head = "".join(f"<th>{html.escape(key)}</th>" for key in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row.values()) + "</tr>"
        for row in rows
    )
    return (
        f'<table id="{table_id}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; max-width: 60em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
svg { max-width: 100%; height: auto; }
"""


def report(data: History) -> str:
    """The whole report, one HTML document with nothing external."""
    drawn = charts(data)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Care analytics report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Care analytics report</h1>",
        f"<p>{len(data.conversations)} conversations, {FIRST_DAY} to "
        f"{LAST_DAY} ({PAGE_ZONE}). First response: thread start to the first "
        "agent reply "
        "(instant replies never count). CSAT: share of 4s and 5s among "
        "responses, credited to the agent who last replied before the survey. "
        "SLA: first response within one business hour.</p>",
        "<h2>Per agent</h2>",
        _table("per-agent", per_agent(data)),
        "<h2>Per agent and channel</h2>",
        _table("per-agent-channel", per_agent_and_channel(data)),
        "<h2>First response time</h2>",
        drawn["frt_distribution"],
        "<h2>Weekly trends</h2>",
        _table("weekly", [{"week": w, **v} for w, v in weekly(data).items()]),
        drawn["weekly_median_frt_min"],
        drawn["weekly_sla_attainment"],
        drawn["weekly_csat"],
        "</body></html>",
    ]
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(tempfile.gettempdir()) / "carekit_analytics_report.html"
    parser.add_argument("output", nargs="?", default=default, type=Path)
    parser.add_argument("--charts", type=Path, help="also write each chart here")
    args = parser.parse_args(argv)
    data = history()
    args.output.write_text(report(data), encoding="utf-8")
    if args.charts is not None:
        args.charts.mkdir(parents=True, exist_ok=True)
        for name, svg in charts(data).items():
            (args.charts / f"analytics_{name}.svg").write_text(svg, encoding="utf-8")
    print(f"wrote {args.output}")
    for row in per_agent(data):
        print(
            f"  {row['agent']:6} first responses {row['first_responses']:3}  "
            f"median FRT {_cell(row['median_frt_min']):>7} min  "
            f"CSAT {_cell(row['csat'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
