"""The benchmark harness computes one definition, the same way everywhere.

Issue 3, item 7: "time carekit against a straightforward hand-written
plain-Python loop and pandas and polars implementations of the same
definition ... and assert all of them agree." These tests keep the harness
honest on small pages so that ``make test`` covers it: the reference loops,
the pandas and polars versions (skipped when the ``bench`` extra is not
installed) and carekit (skipped until its engine lands) must give the same
report, on hand-made edge cases and on a generated page.

pandas, polars and the carekit adapter are imported through ``importlib``:
they stay out of mypy's view, since pandas ships no type stubs and the
engine may not exist yet.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from benchmarks.common import (
    AGENT,
    AUTOMATED,
    BOT,
    CUSTOMER,
    INTERNAL,
    Away,
    Report,
    Row,
    merge_away,
    report_of,
)
from benchmarks.generate import Page, generate
from benchmarks.reference import compute, compute_grouped

D = 86_400.0
Implementation = Callable[[list[Row], Away], Report]


# (rows, away, expected, rows are interleaved across conversations)
CASES: dict[str, tuple[list[Row], Away, Report, bool]] = {
    "no rows": ([], [], report_of([], eligible=0), False),
    "a silence of exactly 24 h starts a thread": (
        [
            (1, 0.0, CUSTOMER),
            (1, 10.0, AGENT),
            (1, 10 + D, CUSTOMER),
            (1, 30 + D, AGENT),
        ],
        [],
        report_of([10.0, 20.0], eligible=2),
        False,
    ),
    "a silence just under 24 h does not": (
        [
            (1, 0.0, CUSTOMER),
            (1, 10.0, AGENT),
            (1, 9.5 + D, CUSTOMER),
            (1, 20 + D, AGENT),
        ],
        [],
        report_of([10.0], eligible=1),
        False,
    ),
    "a reply exactly at the window counts, later does not": (
        [(1, 0.0, CUSTOMER), (1, D, AGENT), (2, 0.0, CUSTOMER), (2, D + 0.5, AGENT)],
        [],
        report_of([D], eligible=2),
        False,
    ),
    "notes, automated and (uncounted) bot rows never break the silence": (
        [
            (1, 0.0, CUSTOMER),
            (1, 5.0, AUTOMATED),
            (1, 6.0, BOT),
            (1, 7.0, INTERNAL),
            (1, 60.0, AGENT),
            (2, 0.0, CUSTOMER),
            (2, D - 1, AUTOMATED),
            (2, 2 * D - 2, CUSTOMER),
            (2, 2 * D, AGENT),
            (3, 0.0, CUSTOMER),
            (3, 10.0, AGENT),
            (3, D - 5, INTERNAL),
            (3, D + 10, CUSTOMER),
            (3, D + 40, AGENT),
        ],
        [],
        # Conversation 2: the automatic message at D - 1 does not break the
        # silence, so the customer at 2 D - 2 opens a second thread.
        report_of([60.0, 2.0, 10.0, 30.0], eligible=5),
        False,
    ),
    "away periods are merged and half-open": (
        [
            (1, 100.0, CUSTOMER),
            (1, 120.0, AGENT),
            (2, 399.5, CUSTOMER),
            (3, 400.0, CUSTOMER),
            (3, 410.0, AGENT),
            (4, 99.0, CUSTOMER),
            (4, 101.0, AGENT),
        ],
        [(300.0, 400.0), (100.0, 200.0), (150.0, 300.0), (50.0, 50.0)],
        report_of([10.0, 2.0], eligible=2, excluded=2),
        False,
    ),
    "a page-initiated conversation opens no thread": (
        [(1, 0.0, AGENT), (1, 3_600.0, CUSTOMER), (1, 3_700.0, AGENT)],
        [],
        report_of([], eligible=0),
        False,
    ),
    "follow-ups and later rows of an answered thread change nothing": (
        [
            (1, 0.0, CUSTOMER),
            (1, 30.0, CUSTOMER),
            (1, 90.0, AGENT),
            (1, 100.0, CUSTOMER),
            (1, 200.0, AGENT),
        ],
        [],
        report_of([90.0], eligible=1),
        False,
    ),
    "an unanswered thread stays eligible when the next one starts": (
        [(1, 0.0, CUSTOMER), (1, D + 1, CUSTOMER), (1, D + 61, AGENT)],
        [],
        report_of([60.0], eligible=2),
        False,
    ),
    "interleaved conversations": (
        [(1, 0.0, CUSTOMER), (2, 5.0, CUSTOMER), (1, 20.0, AGENT), (2, 50.0, AGENT)],
        [],
        report_of([20.0, 45.0], eligible=2),
        True,
    ),
}


def _frame_implementations() -> list[Any]:
    try:
        frames = importlib.import_module("benchmarks.frames")
    except ImportError as exc:
        reason = f"the bench extra is not installed ({exc})"
        return [pytest.param(None, id="frames", marks=pytest.mark.skip(reason=reason))]
    return [
        pytest.param(_via_frame(build, report), id=label)
        for label, (build, report) in frames.BUILDERS.items()
    ]


def _via_frame(build: Any, report: Any) -> Implementation:
    def run(rows: list[Row], away: Away) -> Report:
        result: Report = report(build(rows), away)
        return result

    return run


def _carekit(rows: list[Row], away: Away) -> Report:
    engine = importlib.import_module("benchmarks.engine")
    try:
        result: Report = engine.to_report(engine.measure_rows(rows, away))
    except engine.Unavailable as exc:
        pytest.skip(str(exc))
    return result


IMPLEMENTATIONS = [
    pytest.param(compute, id="plain loop"),
    *_frame_implementations(),
    pytest.param(_carekit, id="carekit"),
]


@pytest.fixture(scope="module")
def page() -> Page:
    return generate(2_000, seed=7)


@pytest.fixture(scope="module")
def truth(page: Page) -> Report:
    return compute(page.rows, page.away)


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_edge_cases(
    implementation: Implementation, case: tuple[list[Row], Away, Report, bool]
) -> None:
    """Every implementation gives the hand-computed report for each edge case."""
    rows, away, expected, _ = case
    assert [] == expected.disagreements(implementation(rows, away))


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_grouped_loop_edge_cases(case: tuple[list[Row], Away, Report, bool]) -> None:
    """The loop for grouped rows agrees wherever its input is grouped."""
    rows, away, expected, interleaved = case
    if interleaved:
        pytest.skip("the grouped loop needs rows grouped by conversation")
    assert [] == expected.disagreements(compute_grouped(rows, away))


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
def test_implementations_agree_on_a_generated_page(
    implementation: Implementation, page: Page, truth: Report
) -> None:
    """Counts agree exactly, rate, median and mean to 1e-6 s."""
    assert [] == truth.disagreements(implementation(page.rows, page.away))


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
def test_interleaved_rows_give_the_same_report(
    implementation: Implementation, truth: Report
) -> None:
    """Conversations may be interleaved: only the order within each matters."""
    page = generate(2_000, seed=7, interleave=True)
    assert [] == truth.disagreements(implementation(page.rows, page.away))


def test_grouped_loop_agrees_on_a_generated_page(page: Page, truth: Report) -> None:
    assert [] == truth.disagreements(compute_grouped(page.rows, page.away))


@pytest.mark.parametrize("loop", [compute, compute_grouped])
def test_defer_times_from_the_end_of_the_away_period(
    loop: Callable[..., Report],
) -> None:
    """DEFER: timed from the period's end; a reply while away takes 0 s."""
    rows: list[Row] = [
        (1, 150.0, CUSTOMER),
        (1, 460.0, AGENT),
        (2, 200.0, CUSTOMER),
        (2, 300.0, AGENT),
    ]
    expected = report_of([60.0, 0.0], eligible=2)
    assert [] == expected.disagreements(loop(rows, [(100.0, 400.0)], defer=True))


def test_generator_is_seeded() -> None:
    assert generate(200, seed=3) == generate(200, seed=3)
    assert generate(200, seed=3).rows != generate(200, seed=4).rows


def _sizes(rows: Iterable[Row]) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for cid, _, _ in rows:
        sizes[cid] = sizes.get(cid, 0) + 1
    return sizes


def test_generated_page_is_grouped_and_in_time_order(page: Page) -> None:
    seen: set[int] = set()
    previous: Row | None = None
    for row in page.rows:
        if previous is not None and previous[0] == row[0]:
            assert previous[1] <= row[1]
        elif previous is not None:
            assert row[0] not in seen
        seen.add(row[0])
        previous = row
    assert len(seen) == page.conversations


def test_generated_page_looks_like_a_real_page(page: Page, truth: Report) -> None:
    """1-10 messages per conversation, every role, median reply ≈ 4 min."""
    sizes = _sizes(page.rows)
    assert {1, 10} <= set(sizes.values()) <= set(range(1, 11))
    assert 4.3 < len(page.rows) / page.conversations < 5.3
    assert {CUSTOMER, AGENT, BOT, AUTOMATED, INTERNAL} == {r[2] for r in page.rows}
    assert truth.median is not None
    assert 180 < truth.median < 300
    assert truth.rate is not None
    assert 0.86 < truth.rate < 0.95
    assert 0.05 < truth.excluded_away / (truth.eligible + truth.excluded_away) < 0.2
    merged = merge_away(page.away)
    assert merged[0][0] <= page.rows[0][1]
    assert max(r[1] for r in page.rows) < merged[-1][1]


class _StandInRole(enum.IntEnum):
    CUSTOMER = CUSTOMER
    AGENT = AGENT
    BOT = BOT
    AUTOMATED = AUTOMATED
    INTERNAL = INTERNAL


class _StandInStats:
    def __init__(self, report: Report) -> None:
        self.eligible = report.eligible
        self.responded = report.responded
        self.excluded_away = report.excluded_away
        self.rate = report.rate
        self._report = report

    def median(self) -> float | None:
        return self._report.median

    def mean(self) -> float | None:
        return self._report.mean


class _StandInAccumulator:
    def __init__(self, *, policy: object, away: Away) -> None:
        self.away = away
        self.rows: list[Row] = []

    def feed(self, rows: Iterable[Row]) -> None:
        self.rows.extend(rows)

    def add(self, cid: int, t: float, role: int) -> None:
        self.rows.append((cid, t, role))

    def stats(self) -> _StandInStats:
        return _StandInStats(compute(self.rows, self.away))


def _stand_in_engine(*, miscount: int = 0) -> types.ModuleType:
    """The reference loop behind carekit's contract (*miscount* breaks it)."""
    module = types.ModuleType("carekit.responsiveness")
    module.Role = _StandInRole  # type: ignore[attr-defined]
    module.ResponseRules = object  # type: ignore[attr-defined]
    module.AwayRule = object  # type: ignore[attr-defined]
    module.ResponseAccumulator = _StandInAccumulator  # type: ignore[attr-defined]

    def measure_rows(rows: list[Row], *, away: Away, policy: object) -> _StandInStats:
        report = compute(rows, away)
        return _StandInStats(
            dataclasses.replace(report, eligible=report.eligible + miscount)
        )

    module.measure_rows = measure_rows  # type: ignore[attr-defined]
    return module


@pytest.mark.parametrize("stand_in", [False, True], ids=["as installed", "stand-in"])
def test_run_prints_every_table_and_exits_zero(
    stand_in: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``benchmarks/run.py`` end to end on a tiny page, with and without an engine.

    The stand-in engine (the reference loop behind carekit's contract)
    exercises the carekit rows before the real engine lands.
    """
    if stand_in:
        monkeypatch.setitem(sys.modules, "carekit.responsiveness", _stand_in_engine())
    run = importlib.import_module("benchmarks.run")
    argv = ["--conversations", "300", "--repeat", "1", "--rich-conversations", "50"]
    assert 0 == run.main(argv)
    out = capsys.readouterr().out
    for heading in ("Bulk", "Streaming", "Memory", "Rich models", "Targets"):
        assert f"### {heading}" in out
    assert "✗" not in out
    if stand_in:
        assert "| carekit measure_rows | " in out
        assert "carekit measure_rows | —" not in out


def test_run_exits_one_when_an_implementation_disagrees(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue: "assert all of them agree"; a miscount must fail the run."""
    engine = _stand_in_engine(miscount=1)
    monkeypatch.setitem(sys.modules, "carekit.responsiveness", engine)
    run = importlib.import_module("benchmarks.run")
    argv = ["--conversations", "200", "--repeat", "1", "--rich-conversations", "20"]
    assert 1 == run.main(argv)
    out = capsys.readouterr().out
    assert "DISAGREEMENT" in out
    assert "carekit measure_rows: eligible" in out


def test_run_on_interleaved_rows_measures_a_forgetting_stream(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """In time order the harness also measures the state of a stream that
    calls ``forget(watermark)``: it must follow active conversations."""
    run = importlib.import_module("benchmarks.run")
    argv = ["--conversations", "300", "--repeat", "1", "--rich-conversations", "20"]
    assert 0 == run.main([*argv, "--interleave"])
    memory = capsys.readouterr().out.split("### Memory")[1].split("###")[0]
    assert "forget(watermark)" in memory
    assert "not available" not in memory


def test_compare_reads_either_name_of_the_bulk_function() -> None:
    """``benchmarks/compare.py`` times commits from before and after the
    rename of ``from_rows`` to ``measure_rows``."""
    from benchmarks import compare

    old = types.SimpleNamespace(from_rows=len)
    new = types.SimpleNamespace(measure_rows=sum, from_rows=len)
    assert len is compare._first(old, "measure_rows", "from_rows")
    assert sum is compare._first(new, "measure_rows", "from_rows")
    with pytest.raises(AttributeError):
        compare._first(types.SimpleNamespace(__name__="none"), "measure_rows")


def test_compare_judges_the_targets_of_the_issue() -> None:
    """Bulk and feed within 1.10x of the old commit; the rich path on
    from_records at most 1.5 s; the Message-per-row figure only reported."""
    from benchmarks import compare

    def figures(scale: float) -> dict[str, list[Any]]:
        return {part: [scale, [], 0.0, 0.0] for part in compare.PARTS}

    full = compare.RICH_CONVERSATIONS
    table = compare._table(
        ("old", "new"), {"old": figures(1.0), "new": figures(1.05)}, full
    )
    assert 2 + len(compare.PARTS) == len(table)
    assert table[2].startswith("| bulk |")
    assert table[2].endswith("| PASS |")
    assert table[4].endswith("| PASS |")
    assert table[5].endswith("| — |")
    slow = compare._table(
        ("old", "new"), {"old": figures(1.0), "new": figures(1.6)}, full
    )
    assert slow[2].endswith("| FAIL |")
    assert slow[4].endswith("| FAIL |")
    small = compare._table(
        ("old", "new"), {"old": figures(1.0), "new": figures(1.05)}, full - 1
    )
    assert small[4].endswith("| — |")  # the 1.5 s target is about 100k
