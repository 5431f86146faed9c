"""The HTML report (``examples/analytics_report.py``): "one self-contained
HTML file: a per-agent table; the FRT distribution; weekly trends of median
FRT, SLA attainment and CSAT", charts "as inline SVG"."""

import importlib.util
import statistics
import subprocess
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from carekit.analytics import ResponseKind, response_durations
from carekit.feedback import csat_by_agent

pytest.importorskip("matplotlib")  # the bench group installs it (make test)

EXAMPLE = Path(__file__).parents[1] / "examples" / "analytics_report.py"


def _example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("analytics_report", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class Page(HTMLParser):
    """What the test reads from the report: links, tags and tables."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.tags: dict[str, int] = defaultdict(int)
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "data"):
                self.links.append((tag, name, value or ""))
        if tag == "table":
            self._table = dict(attrs).get("id") or ""
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None


@pytest.fixture(scope="module")
def example() -> ModuleType:
    return _example()


@pytest.fixture(scope="module")
def page(example: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Page:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert 0 == example.main([str(out)])
    parsed = Page()
    parsed.feed(out.read_text(encoding="utf-8"))
    return parsed


def test_the_report_loads_nothing_external(page: Page) -> None:
    """ "it has no external src or href": every link points inside the page."""
    assert page.links  # the charts do link, to their own markers
    assert [] == [link for link in page.links if not link[2].startswith("#")]
    assert 0 == page.tags["script"] + page.tags["link"] + page.tags["img"]


def test_the_charts_are_inline_svg(page: Page) -> None:
    """ "its charts are inline": the FRT distribution and three weekly trends
    are <svg> elements in the document."""
    assert 4 == page.tags["svg"]


def test_the_per_agent_table_equals_the_aggregates(
    example: ModuleType, page: Page
) -> None:
    """ "its table equals the aggregates": first responses and their median
    from carekit.analytics, CSAT from carekit.feedback, agent by agent."""
    data = example.history()
    seconds: dict[str | None, list[float]] = defaultdict(list)
    seen: set[str] = set()
    for duration in response_durations(data.conversations):
        if duration.kind is ResponseKind.FIRST and duration.conversation_id not in seen:
            seen.add(duration.conversation_id)
            seconds[duration.agent].append(duration.seconds)
    csat = csat_by_agent(data.surveys, data.responses)
    expected = [
        [
            agent,
            str(len(seconds[agent])),
            f"{statistics.median(seconds[agent]) / 60:.3f}",
            str(csat[agent].sent),
            str(csat[agent].responses),
            f"{csat[agent].score:.3f}",
            f"{csat[agent].response_rate:.3f}",
        ]
        for agent in sorted(a for a in seconds if a is not None)
    ]
    header, *rows = page.tables["per-agent"]
    assert "agent" == header[0]
    assert expected == rows
    total = sum(int(row[1]) for row in rows)
    assert len(data.conversations) == total  # every conversation answered once


def test_the_weekly_table_has_every_week(page: Page) -> None:
    """Weekly trends cover the six weeks, each with the three figures."""
    header, *rows = page.tables["weekly"]
    assert ["week", "median_frt_min", "sla_attainment", "csat"] == header
    assert 6 == len(rows)
    assert all(0 <= float(row[2]) <= 1 and 0 <= float(row[3]) <= 1 for row in rows)


def test_the_quickstart_prints_the_table_per_agent_and_channel(
    example: ModuleType,
) -> None:
    """The demo is extended "with an analytics table per agent and channel":
    one line per (agent, channel) group of the report's data."""
    done = subprocess.run(
        [sys.executable, str(EXAMPLE.parent / "quickstart.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    _, _, section = done.stdout.partition("[Analytics: first response per agent")
    groups = example.per_agent_and_channel(example.history())
    lines = section.strip().splitlines()[2:]
    assert len(groups) == len(lines)
    first = groups[0]
    assert [first["agent"], first["channel"], str(first["first_responses"])] == (
        lines[0].split()[:3]
    )


def test_weeks_are_the_pages_calendar_weeks(example: ModuleType) -> None:
    """Calendar periods are "day, ISO week, month in the page's timezone":
    the weekly trends use the Berlin weeks of the report's calendar (an
    instant on Sunday 23:30 UTC is Monday in Berlin: the next week), the same
    weeks as ByPeriod(Period.WEEK, "Europe/Berlin")."""
    from carekit.analytics import ByPeriod, Period, breakdown

    assert "Europe/Berlin" == example.CALENDAR.timezone == example.PAGE_ZONE
    late_sunday = example.dt.datetime(2024, 3, 10, 23, 30, tzinfo=example.UTC)
    assert "2024-W11" == example._week(late_sunday)
    data = example.history(size=120)
    weeks = example.weekly(data)
    by_berlin = breakdown(
        example.first_responses(data).values(),
        ByPeriod(Period.WEEK, "Europe/Berlin"),
    )
    assert set(by_berlin) <= set(weeks)
    assert all(
        example._minutes(by_berlin[week]) == weeks[week]["median_frt_min"]
        for week in by_berlin
    )
