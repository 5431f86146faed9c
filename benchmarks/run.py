"""Time carekit's responsiveness engine against hand-written and dataframe code.

One command (``make bench`` runs it with the defaults)::

    python benchmarks/run.py --conversations 1000000 --seed 1 --repeat 3

It generates one seeded page, times every implementation of the same
definition on the same Python rows (``--repeat`` rounds in which every
implementation runs once in turn, best round kept, ``time.perf_counter``),
checks that they all agree with the plain-Python
reference (counts exactly, median and mean to 1e-6 s), measures carekit's
streaming throughput and state size, times the rich-model path, and prints
Markdown tables plus a PASS/FAIL line per target.

Garbage collector: enabled during timings, as in the applications carekit
runs in, with ``gc.collect()`` before every timed run so that no
implementation pays for another's garbage (``--gc off`` disables it while
timing). Memory: ``tracemalloc``, counting what is allocated after the rows
exist and still held once all of them are fed (and the peak on the way).

Exit status: 0 when every implementation agrees, 1 when any disagrees, and
also 1 with ``--strict`` when a target fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import engine, reference
from benchmarks.common import Away, Report, Row
from benchmarks.generate import Page, generate

BULK_RATIO = 1.5
FEED_RATE = 3e6
ADD_RATE = 2e6
STATE_MB = 150.0
RICH_SECONDS = 1.5
RICH_CONVERSATIONS = 100_000

REFERENCE = "plain loop, dict per conversation (reference)"
GROUPED = "plain loop, grouped rows"
CAREKIT = "carekit measure_rows"
FEED = "carekit feed(rows), one call"
ADD = "carekit add(), one call per message"
RICH = "carekit rich models"
FORGET_EVERY = 100_000


@dataclass
class Line:
    """One implementation's row in a table."""

    label: str
    seconds: float | None = None
    messages: int = 0
    report: Report | None = None
    note: str = ""
    agrees: bool | None = None


@dataclass
class Check:
    """One target: what it asks, what was measured, PASS/FAIL/n/a."""

    target: str
    measured: str
    passed: bool | None
    stretch: bool = False


Measured = tuple[float, str, Report]
"""What one timed run gives: seconds, a note for the table, the report."""
Runner = Callable[[], Measured]


class Harness:
    """Runs every measurement on one page and keeps the results."""

    def __init__(self, page: Page, args: argparse.Namespace) -> None:
        self.page = page
        self.rows: list[Row] = page.rows
        self.away: Away = page.away
        self.repeat: int = args.repeat
        self.gc_off: bool = args.gc == "off"
        self.interleaved: bool = args.interleave
        self.rich_conversations: int = args.rich_conversations
        self.truth = reference.compute(self.rows, self.away)
        self.lines: dict[str, Line] = {}
        self.failures: list[str] = []
        self.state_mb: float | None = None
        self.rich_limit = 0

    # timing --------------------------------------------------------------

    def rounds(
        self, runners: dict[str, Runner], *, messages: int, truth: Report | None = None
    ) -> list[Line]:
        """Best of ``repeat`` rounds, each running every runner once in turn.

        Taking turns spreads any slowdown of the machine over all runners
        instead of penalizing whichever ran during it.
        """
        best: dict[str, Measured] = {}
        unavailable: dict[str, str] = {}
        for _ in range(self.repeat):
            for label, runner in runners.items():
                if label in unavailable:
                    continue
                try:
                    measured = self.once(runner)
                except engine.Unavailable as exc:
                    unavailable[label] = f"not available: {exc}"
                    continue
                if label not in best or measured[0] < best[label][0]:
                    best[label] = measured
        lines = []
        for label in runners:
            line = Line(label, messages=messages, note=unavailable.get(label, ""))
            if label in best:
                line.seconds, line.note, line.report = best[label]
            lines.append(self.record(line, truth))
        return lines

    def once(self, runner: Runner) -> Measured:
        gc.collect()
        if self.gc_off:
            gc.disable()
        try:
            return runner()
        finally:
            gc.enable()

    def record(self, line: Line, truth: Report | None = None) -> Line:
        if line.report is not None:
            problems = line.report.disagreements(truth or self.truth)
            line.agrees = not problems
            if problems:
                self.failures.append(f"{line.label}: {'; '.join(problems)}")
        self.lines[line.label] = line
        return line

    # measurements --------------------------------------------------------

    def bulk(self) -> list[Line]:
        rows, away = self.rows, self.away
        runners: dict[str, Runner] = {
            REFERENCE: lambda: _timed(lambda: reference.compute(rows, away)),
            GROUPED: lambda: _timed(lambda: reference.compute_grouped(rows, away)),
            CAREKIT: lambda: _timed(
                lambda: engine.to_report(engine.measure_rows(rows, away))
            ),
        }
        if self.interleaved:
            del runners[GROUPED]
        try:
            frames = importlib.import_module("benchmarks.frames")
        except ImportError as exc:
            missing = f"not available: {exc} (make bench installs the bench extra)"
        else:
            missing = ""
            for label, (build, compute) in frames.BUILDERS.items():
                runners[label] = _frame_runner(build, compute, rows, away)
        lines = self.rounds(runners, messages=len(rows))
        if self.interleaved:
            lines.insert(1, Line(GROUPED, note="not run: needs grouped rows"))
        if missing:
            lines += [Line("pandas", note=missing), Line("polars", note=missing)]
        return lines

    def streaming(self) -> list[Line]:
        rows, away = self.rows, self.away

        def feed() -> Measured:
            acc = engine.accumulator(away)
            start = time.perf_counter()
            acc.feed(rows)
            return _with_stats(start, acc)

        def add() -> Measured:
            acc = engine.accumulator(away)
            add = acc.add
            start = time.perf_counter()
            for cid, t, role in rows:
                add(cid, t, role)
            return _with_stats(start, acc)

        runners: dict[str, Runner] = {FEED: feed, ADD: add}
        return self.rounds(runners, messages=len(rows))

    def memory(self) -> list[tuple[str, str, str]]:
        """(what, MB held / per 1M conversations, peak) via tracemalloc."""
        per_million = 1e6 / self.page.conversations
        results = []
        try:
            held, peak = _traced(lambda: _fed(self.away, self.rows))
            results.append(
                (
                    "carekit ResponseAccumulator state after feed(rows)",
                    f"{held:.1f} MB ({held * per_million:.1f} MB per 1M conv.)",
                    f"{peak:.1f} MB",
                )
            )
            self.state_mb = held * per_million
        except engine.Unavailable as exc:
            results.append(("carekit ResponseAccumulator", f"not available: {exc}", ""))
        if self.interleaved:
            results.append(self._forgetting())
        _, peak = _traced(lambda: reference.compute(self.rows, self.away))
        results.append(
            ("plain loop (reference), peak while computing", "", f"{peak:.1f} MB")
        )
        return results

    def _forgetting(self) -> tuple[str, str, str]:
        """State of a time-ordered stream that calls ``forget(watermark)``."""
        kept: list[int] = []
        what = (
            f"carekit state after feed() in time order, forget(watermark)"
            f" every {FORGET_EVERY:,} rows"
        )
        try:
            held, peak = _traced(
                lambda: _fed_forgetting(self.away, self.rows, FORGET_EVERY, kept)
            )
        except engine.Unavailable as exc:
            return what, f"not available: {exc}", ""
        return (
            f"{what} ({kept[0]:,} conversations kept)",
            f"{held:.1f} MB",
            f"{peak:.1f} MB",
        )

    def rich(self, *, release_rows: bool = False) -> list[Line]:
        """Build conversations as models, then report, once per way of
        building them (:data:`engine.BUILDERS`): each step timed, and in total.

        With *release_rows*, the page's rows are dropped once grouped, so
        that only the builders' input (one copy of the history, as an app
        loading it holds) stays alive while the builds are timed.

        Times are rounded to whole microseconds first (a ``datetime`` holds
        no finer), and the reference runs on the same rounded rows, so both
        see the same instants. The reference's report is the same whatever
        the order of conversations, so grouping the rows does not change it.
        """
        limit = min(self.rich_conversations, self.page.conversations)
        # The records are grouped by conversation and allocated in that
        # order, as an application loading conversations gets them (a query
        # ordered by conversation), whatever the page's layout: with
        # --interleave the page's own rows lie in time order, and reading them
        # conversation by conversation would miss the cache on every row.
        by_conversation: dict[int, list[tuple[float, int]]] = {}
        for c, t, r in self.rows:
            if c < limit:
                by_conversation.setdefault(c, []).append((t, r))
        grouped = [
            (c, [(c, round(t * 1e6) / 1e6, r) for t, r in pairs])
            for c, pairs in sorted(by_conversation.items())
        ]
        del by_conversation
        if release_rows:
            self.rows.clear()
        subset = [row for _, rows in grouped for row in rows]
        messages = len(subset)
        away = self.away
        self.rich_limit = limit
        truth = reference.compute(subset, away)
        del subset  # only the input of the build stays alive while timed
        lines: list[Line] = []
        for name, builder in engine.BUILDERS.items():
            build_seconds: list[float] = []
            report_seconds: list[float] = []

            def run(
                builder: Callable[..., list[Any]] = builder,
                build_seconds: list[float] = build_seconds,
                report_seconds: list[float] = report_seconds,
            ) -> Measured:
                start = time.perf_counter()
                models = builder(grouped)
                built = time.perf_counter()
                report = engine.rich_report(models, away)
                done = time.perf_counter()
                build_seconds.append(built - start)
                report_seconds.append(done - built)
                note = f"build {built - start:.3f} s + report {done - built:.3f} s"
                return done - start, note, report

            label = f"{RICH} ({name}), {limit:,} conversations: build + report"
            (total,) = self.rounds({label: run}, messages=messages, truth=truth)
            if build_seconds:
                lines += [
                    Line(
                        f"{RICH} ({name}): build the models",
                        min(build_seconds),
                        messages,
                        note="best round",
                    ),
                    Line(
                        f"{RICH} ({name}): measure_conversations report",
                        min(report_seconds),
                        messages,
                        total.report,
                        "best round",
                        total.agrees,
                    ),
                ]
            lines.append(total)
        return lines

    def rich_in_fresh_process(self, args: argparse.Namespace) -> list[Line]:
        """:meth:`rich` in a new Python process that holds only its own page.

        Each full pass of the garbage collector walks every live object of
        the process, so in this process the build would also pay for the
        1M-conversation page and every frame the bulk section made: data an
        application loading 100k conversations does not hold. The child
        generates a page of ``--rich-conversations`` conversations with the
        same seed and reports its lines as JSON.
        """
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--rich-only",
            f"--rich-conversations={args.rich_conversations}",
            f"--seed={args.seed}",
            f"--days={args.days}",
            f"--repeat={args.repeat}",
            f"--gc={args.gc}",
        ] + (["--interleave"] if args.interleave else [])
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        result = json.loads(done.stdout)
        self.rich_limit = result["limit"]
        self.failures += result["failures"]
        lines = [Line(**fields) for fields in result["lines"]]
        self.lines.update((line.label, line) for line in lines)
        return lines

    # targets ---------------------------------------------------------------

    def checks(self) -> list[Check]:
        seconds = {label: line.seconds for label, line in self.lines.items()}
        carekit = seconds.get(CAREKIT)
        ref = seconds.get(REFERENCE)
        checks = [
            _ratio_check(
                f"bulk: carekit ≤ {BULK_RATIO}× plain loop (dict per conversation)",
                carekit,
                ref,
                BULK_RATIO,
            ),
            _ratio_check(
                "bulk: carekit faster than pandas, pd.DataFrame(rows)",
                carekit,
                seconds.get("pandas, pd.DataFrame(rows)"),
                1.0,
                strict=True,
            ),
            _ratio_check(
                "bulk: carekit faster than polars, pl.DataFrame(rows)",
                carekit,
                seconds.get("polars, pl.DataFrame(rows)"),
                1.0,
                strict=True,
            ),
        ]
        stretch = [
            _ratio_check(
                f"stretch: carekit ≤ {BULK_RATIO}× plain loop over grouped rows",
                carekit,
                seconds.get(GROUPED),
                BULK_RATIO,
            ),
            _ratio_check(
                "stretch: carekit faster than pandas via np.fromiter",
                carekit,
                seconds.get("pandas, via np.fromiter"),
                1.0,
                strict=True,
            ),
            _ratio_check(
                "stretch: carekit faster than polars via np.fromiter",
                carekit,
                seconds.get("polars, via np.fromiter"),
                1.0,
                strict=True,
            ),
        ]
        for check in stretch:
            check.stretch = True
        checks += [
            _rate_check(
                "streaming: feed(rows) ≥ 3M msgs/s",
                self.lines.get(FEED),
                FEED_RATE,
            ),
            _rate_check(
                "streaming: add() ≥ 2M msgs/s",
                self.lines.get(ADD),
                ADD_RATE,
            ),
            Check(
                f"streaming: state ≤ {STATE_MB:.0f} MB per 1M conversations",
                "n/a" if self.state_mb is None else f"{self.state_mb:.1f} MB",
                None if self.state_mb is None else self.state_mb <= STATE_MB,
            ),
            self._rich_check(),
        ]
        return checks + stretch

    def _rich_check(self) -> Check:
        """Judged on the fastest way carekit offers to build the models; the
        figure for each way is shown."""
        totals = {
            label: line.seconds
            for label, line in self.lines.items()
            if label.endswith("build + report") and line.seconds is not None
        }
        target = f"rich models: 100k conversations built + report ≤ {RICH_SECONDS} s"
        if not totals:
            return Check(target, "n/a", None)
        best = min(totals.values())
        measured = "; ".join(
            f"{seconds:.3f} s {label[label.index('(') : label.index(')') + 1]}"
            for label, seconds in totals.items()
        )
        if self.rich_limit < RICH_CONVERSATIONS:
            return Check(target, f"{measured} on {self.rich_limit:,} only", None)
        return Check(target, measured, best <= RICH_SECONDS)


def _timed(function: Callable[[], Report]) -> Measured:
    start = time.perf_counter()
    report = function()
    return time.perf_counter() - start, "", report


def _frame_runner(build: Any, compute: Any, rows: list[Row], away: Away) -> Runner:
    """Time building the frame from the rows plus computing the report."""

    def run() -> Measured:
        start = time.perf_counter()
        frame = build(rows)
        built = time.perf_counter()
        report: Report = compute(frame, away)
        done = time.perf_counter()
        return done - start, f"frame build {built - start:.3f} s", report

    return run


def _with_stats(start: float, acc: engine.Accumulator) -> Measured:
    """Seconds fed since *start*; ``stats()`` timed apart, in the note."""
    fed = time.perf_counter()
    report = engine.to_report(acc.stats())
    return fed - start, f"then stats() {time.perf_counter() - fed:.3f} s", report


def _fed(away: Away, rows: Sequence[Row]) -> engine.Accumulator:
    acc = engine.accumulator(away)
    acc.feed(rows)
    return acc


def _fed_forgetting(
    away: Away, rows: Sequence[Row], every: int, kept: list[int]
) -> engine.Accumulator:
    """Feed time-ordered *rows* in chunks, forgetting up to each chunk's end."""
    acc = engine.accumulator(away)
    forget = getattr(acc, "forget", None)
    if forget is None:
        raise engine.Unavailable("ResponseAccumulator lacks forget()")
    for start in range(0, len(rows), every):
        chunk = rows[start : start + every]
        acc.feed(chunk)
        forget(chunk[-1][1])
    kept.append(getattr(acc, "conversations", -1))
    return acc


def _traced(function: Callable[[], object]) -> tuple[float, float]:
    """MB still held by *function*'s result, and its peak, under tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = function()
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return (held - before) / 1e6, (peak - before) / 1e6


def _ratio_check(
    target: str,
    mine: float | None,
    other: float | None,
    limit: float,
    *,
    strict: bool = False,
) -> Check:
    if mine is None or other is None:
        return Check(target, "n/a", None)
    ratio = mine / other
    passed = ratio < limit if strict else ratio <= limit
    return Check(target, f"{mine:.3f} s vs {other:.3f} s = {ratio:.2f}×", passed)


def _rate_check(target: str, line: Line | None, rate: float) -> Check:
    if line is None or line.seconds is None:
        return Check(target, "n/a", None)
    measured = line.messages / line.seconds
    return Check(target, f"{measured / 1e6:.2f} M msgs/s", measured >= rate)


# printing ----------------------------------------------------------------


def _machine() -> list[str]:
    def cpuinfo(key: str) -> str:
        try:
            text = Path("/proc/cpuinfo").read_text()
        except OSError:
            return platform.processor() or "unknown"
        values = [
            v.split(":", 1)[1].strip() for v in text.splitlines() if v.startswith(key)
        ]
        return values[0] if values else "unknown"

    def meminfo() -> str:
        try:
            for line in Path("/proc/meminfo").read_text().splitlines():
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
        except OSError:
            pass
        return "unknown"

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    versions = []
    for package in ("carekit", "numpy", "pandas", "polars"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} not installed")
    return [
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {cpuinfo('model name')}, {os.cpu_count()} logical CPUs"
        f" ({usable} usable)",
        f"- memory: {meminfo()}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}"
        f" on {platform.system()} {platform.machine()}",
        f"- packages: {', '.join(versions)}",
        f"- load average before the run: {_load()}",
    ]


def _load() -> str:
    """1, 5 and 15 minute load averages: other work on the machine skews timings."""
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def _table(lines: Sequence[Line], reference_seconds: float | None) -> list[str]:
    out = [
        "| implementation | seconds | msgs/s | × reference | agrees | notes |",
        "| --- | ---: | ---: | ---: | :---: | --- |",
    ]
    for line in lines:
        if line.seconds is None:
            cells = ["—", "—", "—"]
        else:
            ratio = (
                f"{line.seconds / reference_seconds:.2f}×" if reference_seconds else "—"
            )
            rate = f"{line.messages / line.seconds / 1e6:.2f} M"
            cells = [f"{line.seconds:.3f}", rate, ratio]
        agrees = {True: "✓", False: "✗", None: "—"}[line.agrees]
        out.append(f"| {line.label} | {' | '.join(cells)} | {agrees} | {line.note} |")
    return out


def _page_summary(page: Page, truth: Report) -> list[str]:
    counts = [0] * 5
    sizes: dict[int, int] = {}
    for cid, _, role in page.rows:
        counts[role] += 1
        sizes[cid] = sizes.get(cid, 0) + 1
    n = len(page.rows)
    mix = ", ".join(
        f"{name} {count / n:.1%}"
        for name, count in zip(
            ("customer", "agent", "bot", "automated", "internal"), counts, strict=True
        )
    )
    threads = truth.eligible + truth.excluded_away
    rate = f"{truth.rate:.1%}" if truth.rate is not None else "—"
    median = f"{truth.median:.1f} s" if truth.median is not None else "—"
    mean = f"{truth.mean:.1f} s" if truth.mean is not None else "—"
    return [
        f"- page: seed {page.seed}, {page.conversations:,} conversations,"
        f" {n:,} messages ({min(sizes.values(), default=0)}–"
        f"{max(sizes.values(), default=0)} per conversation,"
        f" mean {n / max(page.conversations, 1):.2f})",
        f"- roles: {mix}",
        f"- threads: {threads:,}, excluded as away {truth.excluded_away / threads:.1%},"
        f" response rate {rate}, median {median}, mean {mean}",
    ]


def _checks_table(checks: Sequence[Check]) -> list[str]:
    out = ["| target | measured | result |", "| --- | --- | :---: |"]
    for check in checks:
        result = {True: "PASS", False: "FAIL", None: "n/a"}[check.passed]
        out.append(f"| {check.target} | {check.measured} | {result} |")
    return out


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--days", type=int, default=28, help="span of thread openings")
    parser.add_argument(
        "--interleave", action="store_true", help="rows in global time order"
    )
    parser.add_argument("--gc", choices=("on", "off"), default="on")
    parser.add_argument(
        "--rich-conversations", type=int, default=RICH_CONVERSATIONS, metavar="N"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target fails too"
    )
    parser.add_argument("--rich-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the process exit status."""
    args = _arguments(argv)
    if args.rich_only:
        return _rich_only(args)
    print("## carekit responsiveness benchmark\n")
    print("\n".join(_machine()), flush=True)
    start = time.perf_counter()
    page = generate(
        args.conversations, seed=args.seed, days=args.days, interleave=args.interleave
    )
    print(f"- generated in {time.perf_counter() - start:.1f} s", flush=True)
    gc.collect()
    harness = Harness(page, args)
    print("\n".join(_page_summary(page, harness.truth)))
    print(
        f"- timing: best of {args.repeat}, time.perf_counter, gc {args.gc}"
        f"{' (collected before each run)' if args.gc == 'on' else ''},"
        f" rows {'interleaved' if args.interleave else 'grouped by conversation'}\n",
        flush=True,
    )
    bulk = harness.bulk()
    reference_seconds = bulk[0].seconds
    print("### Bulk: one call over all rows\n")
    print("\n".join(_table(bulk, reference_seconds)) + "\n", flush=True)
    streaming = harness.streaming()
    print("### Streaming\n")
    print("\n".join(_table(streaming, reference_seconds)) + "\n", flush=True)
    print("### Memory (tracemalloc)\n")
    print("| what | held | peak |\n| --- | ---: | ---: |")
    for what, held, peak in harness.memory():
        print(f"| {what} | {held} | {peak} |")
    print(flush=True)
    rich = harness.rich_in_fresh_process(args)
    print("### Rich models (in a fresh process)\n")
    print("\n".join(_table(rich, None)) + "\n", flush=True)
    checks = harness.checks()
    print("### Targets\n")
    print("\n".join(_checks_table(checks)) + "\n")
    print(f"Load average after the run: {_load()} (this run itself adds about 1).\n")
    if harness.failures:
        print("DISAGREEMENT with the reference:")
        print("\n".join(f"- {failure}" for failure in harness.failures))
        return 1
    print("All implementations that ran agree with the reference.")
    failed = [c.target for c in checks if c.passed is False and not c.stretch]
    return 1 if args.strict and failed else 0


def _rich_only(args: argparse.Namespace) -> int:
    """The child of :meth:`Harness.rich_in_fresh_process`: JSON on stdout."""
    page = generate(
        args.rich_conversations,
        seed=args.seed,
        days=args.days,
        interleave=args.interleave,
    )
    gc.collect()
    harness = Harness(page, args)
    lines = harness.rich(release_rows=True)
    fields = ("label", "seconds", "messages", "note", "agrees")
    print(
        json.dumps(
            {
                "limit": harness.rich_limit,
                "failures": harness.failures,
                "lines": [{f: getattr(line, f) for f in fields} for line in lines],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
