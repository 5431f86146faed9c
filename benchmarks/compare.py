"""Time two commits of carekit against each other, in alternating processes.

One command::

    python benchmarks/compare.py OLD NEW          # e.g. main HEAD
    python benchmarks/compare.py 43bf83a HEAD --repeat 5 --conversations 1000000

Each ref is checked out in a temporary ``git worktree`` (detached, removed
afterwards). One page is generated once, by this checkout's
``benchmarks/generate.py``, and saved with :mod:`marshal`; then ``--repeat``
rounds each start one fresh process per ref, old then new (alternating, so
a busy machine's slowdowns fall on both alike). A process imports carekit
from its ref's ``src`` (``PYTHONPATH`` first, ahead of any editable
install), loads the page and times, with the collector on and
``gc.collect()`` before each call:

- bulk: ``measure_rows`` (``from_rows`` on commits before the rename);
- feed: ``ResponseAccumulator().feed(rows)`` in one call, then ``stats()``;
- rich: the first ``--rich-conversations`` conversations built with
  ``Conversation.from_records`` and reported with ``measure_conversations``
  (``from_conversations`` before the rename), and the same with a
  ``Message`` per row, once the page's rows are released (only the
  builders' input stays alive, as in ``run.py``).

Each figure is the best of the rounds. The table gives new ÷ old and the
targets: bulk and feed within 1.10× of the old commit, the rich-model path
(from_records, build + report) at most 1.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import marshal
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(ROOT))

RATIO = 1.10
RICH_SECONDS = 1.5
RICH_CONVERSATIONS = 100_000
PARTS = ("bulk", "feed", "rich from_records", "rich Message per row")


def _first(module: Any, *names: str) -> Any:
    """The first of *names* that *module* has (the function before and after
    a rename)."""
    for name in names:
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"{module.__name__} has none of {names}")


def _timed(function: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def _counts(stats: Any) -> list[Any]:
    return [stats.eligible, stats.responded, stats.excluded_away]


def worker(page_file: str, rich: int) -> dict[str, Any]:
    """Time every part once in this process (carekit as ``sys.path`` has it)."""
    import carekit
    import carekit.responsiveness as responsiveness
    from benchmarks import engine

    with open(page_file, "rb") as handle:
        rows, away = marshal.load(handle)
    measure_rows = _first(responsiveness, "measure_rows", "from_rows")
    measure_conversations = _first(
        responsiveness, "measure_conversations", "from_conversations"
    )
    out: dict[str, Any] = {"carekit": carekit.__file__}
    seconds, stats = _timed(functools.partial(measure_rows, rows, away=away))
    out["bulk"] = (seconds, _counts(stats))

    def feed(rows: list[tuple[int, float, int]] = rows) -> Any:
        acc = responsiveness.ResponseAccumulator(away=away)
        acc.feed(rows)
        return acc

    seconds, acc = _timed(feed)
    out["feed"] = (seconds, _counts(acc.stats()))
    grouped: dict[int, list[tuple[int, float, int]]] = {}
    for c, t, r in rows:
        if c < rich:
            grouped.setdefault(c, []).append((c, round(t * 1e6) / 1e6, r))
    pairs = sorted(grouped.items())
    # Only the builders' input stays alive: each full pass of the garbage
    # collector walks every live object, and the page's rows and the fed
    # accumulator are not part of an app loading these conversations.
    del grouped, rows, acc
    for part, builder in (
        ("rich from_records", engine.build_from_records),
        ("rich Message per row", engine.build_conversations),
    ):
        gc.collect()
        start = time.perf_counter()
        models = builder(pairs)
        built = time.perf_counter()
        stats = measure_conversations(models, away=away)
        done = time.perf_counter()
        out[part] = (done - start, _counts(stats), built - start, done - built)
        del models
    return out


def _checkout(ref: str, where: Path) -> Path:
    path = where / ref.replace("/", "_")
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), ref],
        check=True,
        capture_output=True,
    )
    return path


def _run(tree: Path, page_file: Path, rich: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": f"{tree / 'src'}{os.pathsep}{ROOT}"}
    code = (
        "import json, sys; from benchmarks.compare import worker;"
        f" print(json.dumps(worker({str(page_file)!r}, {rich})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if not result["carekit"].startswith(str(tree)):
        raise SystemExit(f"carekit came from {result['carekit']}, not {tree}")
    return result


def _load() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _table(
    refs: Sequence[str], best: dict[str, dict[str, list[Any]]], rich: int
) -> list[str]:
    old, new = refs
    lines = [
        f"| part | {old} (s) | {new} (s) | new ÷ old | target | result |",
        "| --- | ---: | ---: | ---: | --- | :---: |",
    ]
    for part in PARTS:
        a, b = best[old][part][0], best[new][part][0]
        ratio = b / a
        if part in ("bulk", "feed"):
            target = f"≤ {RATIO:.2f}× old"
            ok = ratio <= RATIO
        elif part == "rich from_records":
            target = f"build + report ≤ {RICH_SECONDS} s"
            # Judged on the target's 100k conversations only.
            ok = b <= RICH_SECONDS if rich >= RICH_CONVERSATIONS else None
        else:
            target = "reported beside it"
            ok = None
        mark = "—" if ok is None else ("PASS" if ok else "FAIL")
        lines.append(
            f"| {part} | {a:.3f} | {b:.3f} | {ratio:.2f}× | {target} | {mark} |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", nargs="?", default="main", help="the old ref")
    parser.add_argument("new", nargs="?", default="HEAD", help="the new ref")
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--rich-conversations", type=int, default=RICH_CONVERSATIONS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from benchmarks.generate import generate

    refs = (args.old, args.new)
    started = dt.datetime.now(dt.UTC)
    print(f"# carekit {args.old} vs {args.new}\n")
    print(f"- started {started:%Y-%m-%d %H:%M} UTC, load before: {_load()}")
    with tempfile.TemporaryDirectory(prefix="carekit-compare-") as temp:
        where = Path(temp)
        trees = {ref: _checkout(ref, where) for ref in refs}
        try:
            page = generate(args.conversations, seed=args.seed)
            page_file = where / "page.marshal"
            with open(page_file, "wb") as handle:
                marshal.dump((page.rows, page.away), handle)
            messages = len(page.rows)
            del page
            print(
                f"- page: seed {args.seed}, {args.conversations:,} conversations,"
                f" {messages:,} messages, grouped by conversation; rich path on"
                f" the first {args.rich_conversations:,} conversations"
            )
            print(
                f"- best of {args.repeat} rounds; each round one fresh process per"
                " ref, old then new; gc on, collected before each timed call\n"
            )
            runs: dict[str, list[dict[str, Any]]] = {ref: [] for ref in refs}
            for _ in range(args.repeat):
                for ref in refs:
                    runs[ref].append(
                        _run(trees[ref], page_file, args.rich_conversations)
                    )
        finally:
            for tree in trees.values():
                subprocess.run(
                    [
                        "git",
                        "-C",
                        str(ROOT),
                        "worktree",
                        "remove",
                        "--force",
                        str(tree),
                    ],
                    check=False,
                    capture_output=True,
                )
    best = {
        ref: {
            part: min((run[part] for run in runs[ref]), key=lambda m: m[0])
            for part in PARTS
        }
        for ref in refs
    }
    print("\n".join(_table(refs, best, args.rich_conversations)))
    print()
    for ref in refs:
        rich = best[ref]["rich from_records"]
        per_row = best[ref]["rich Message per row"]
        print(
            f"- {ref}: rich from_records build {rich[2]:.3f} s + report"
            f" {rich[3]:.3f} s; Message per row build {per_row[2]:.3f} s + report"
            f" {per_row[3]:.3f} s; bulk counts (eligible, responded, excluded)"
            f" {best[ref]['bulk'][1]}"
        )
    print(f"- load after: {_load()}; finished {dt.datetime.now(dt.UTC):%H:%M} UTC")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
