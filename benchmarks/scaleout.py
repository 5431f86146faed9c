"""Scale-out: one page's responsiveness on a Dask cluster, and the sketch.

One command (``make bench`` runs it with the defaults)::

    python benchmarks/scaleout.py --conversations 1000000 --partitions 16 --repeat 5

1. **Cluster.** The analytics benchmark's history (``benchmarks/analytics.py``:
   the responsiveness generator's page with 50 agents as authors; 1M
   conversations by default) in ``--partitions`` slices, each *generated
   inside its worker* from its own seed (``seed + i``, conversation ids
   offset by slice), so no row is shipped from the client. One graph
   computes the page's responsiveness (``ResponseCombiner``) and the median
   first and next response time per agent (``GroupAccumulator`` over
   ``response_rows``, through ``prepare=``): per slice, fresh accumulators;
   then a merge tree and the extraction in the cluster. It runs on
   ``LocalCluster(n_workers=1, threads_per_worker=1)`` and on
   ``n_workers=2``, both started first and their rounds alternating (so a
   change in the machine's load falls on both); best of ``--repeat`` rounds
   each. What a user would
   write instead runs in the same process as the baseline: generate every
   slice, then ``measure_rows`` and ``response_rows`` over all rows. All
   three results must be equal. Target: 2 workers ≥ 1.6× faster than 1.
2. **Sketch.** ``--values`` log-normal response times (the generator's
   reply delays: median 4 min, σ 2.3) fed to ``QuantileSketch`` at 1 % in
   ten partitions, merged; its p50/p90/p99 against the exact order
   statistics (NumPy), and its state size (pickle and JSON). Targets: ≤ 1 MB
   for 10M values, every quantile within 1 %.

Exit status 1 when the results disagree (or, with ``--strict``, when a
target is missed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import pickle
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.analytics import MessageRow, history  # noqa: E402
from benchmarks.common import Row  # noqa: E402
from benchmarks.generate import BASE_EPOCH, DAY, HOUR  # noqa: E402
from carekit.analytics import GroupAccumulator, response_rows  # noqa: E402
from carekit.responsiveness import measure_rows  # noqa: E402

TARGET_SPEEDUP = 1.6
TARGET_BYTES = 1_000_000
ACCURACY = 0.01


def away_periods(days: int) -> list[tuple[float, float]]:
    """The generator's nightly away periods (22:00-07:00 UTC), fixed for
    every slice so that all accumulators share their settings."""
    return [
        (BASE_EPOCH + d * DAY + 22 * HOUR, BASE_EPOCH + (d + 1) * DAY + 7 * HOUR)
        for d in range(-1, days + 60)
    ]


def slice_rows(number: int, size: int, seed: int) -> list[MessageRow]:
    """Slice *number* of the page: the analytics benchmark's history (rows
    with authors) of *size* conversations from seed ``seed + number``, ids
    offset so that slices never share a conversation."""
    base = number * size
    messages, _, _ = history(size, seed + number)
    return [(cid + base, t, role, author) for cid, t, role, author in messages]


def responsiveness_rows(rows: list[MessageRow]) -> list[Row]:
    """The responsiveness rows of a partition (authors dropped)."""
    return [(cid, t, role) for cid, t, role, _ in rows]


def agent_responses(rows: list[MessageRow]) -> list[tuple[tuple[str, Any], float]]:
    """``((kind, agent), seconds)`` of every first and next response of a
    partition of whole conversations (the analytics bulk path)."""
    first, later = response_rows(rows)
    return [(("first", a), s) for _, a, s, _ in first] + [
        (("next", a), s) for _, a, s, _ in later
    ]


def single_process(rows: list[MessageRow], away: list[tuple[float, float]]) -> Any:
    """What a user writes without a cluster: one pass over every row."""
    by_agent = GroupAccumulator().feed(agent_responses(rows))
    return measure_rows(responsiveness_rows(rows), away=away), by_agent.extract()


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
        print(f"  round: {time.perf_counter() - start:.3f} s", file=sys.stderr)
    return best, result


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cluster_section(args: argparse.Namespace) -> tuple[list[str], bool, float]:
    import dask
    import dask.bag
    from dask.distributed import Client, LocalCluster

    from carekit.scale import MethodCombiner, ResponseCombiner
    from carekit.scale.dask import accumulate

    size = args.conversations // args.partitions
    away = away_periods(args.days)
    rates, agents = ResponseCombiner(away=away), MethodCombiner(GroupAccumulator)

    def run(client: Any) -> Any:
        # Fresh keys each round: a scheduler still holding the last round's
        # results (released asynchronously) must not serve them again.
        part = dask.delayed(slice_rows, pure=False)
        bag = dask.bag.from_delayed(
            [part(i, size, args.seed) for i in range(args.partitions)]
        )
        extract = dask.delayed(lambda a, b: (rates.extract(a), agents.extract(b)))
        both = extract(
            accumulate(bag, rates, prepare=responsiveness_rows),
            accumulate(bag, agents, prepare=agent_responses),
        )
        return both.compute(scheduler=client)

    def baseline() -> Any:
        rows: list[MessageRow] = []
        for i in range(args.partitions):
            rows.extend(slice_rows(i, size, args.seed))
        return single_process(rows, away)

    lines = [f"load before: {load()}"]
    base_time, expected = best_of(args.baseline_repeat, baseline)
    times = {1: math.inf, 2: math.inf}
    same = True
    # Workers import benchmarks.analytics: the repository root on their path.
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    with contextlib.ExitStack() as stack:
        clients = {}
        for workers in (1, 2):
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            )
            clients[workers] = stack.enter_context(
                Client(cluster, set_as_default=False)
            )
            run(clients[workers])  # warm the workers' imports
        # Rounds alternate between the two clusters, so that a change in the
        # machine's load during the run falls on both.
        for _ in range(args.repeat):
            for workers, client in clients.items():
                seconds, result = best_of(1, lambda c=client: run(c))
                times[workers] = min(times[workers], seconds)
                same = same and result == expected
        lines.append(f"load after the rounds: {load()}")
    speedup = times[1] / times[2]
    stats, by_agent = expected
    lines += [
        "",
        f"{args.conversations:,} conversations (the analytics history: 50"
        f" agents) in {args.partitions} slices generated in the workers;"
        f" responsiveness ({stats.eligible:,} eligible threads, rate"
        f" {stats.rate:.4f}, median {stats.median():.1f} s) and the median"
        f" first and next response per agent ({len(by_agent)} groups) in one"
        " `dask.compute`",
        "",
        "| run | best of | seconds |",
        "| --- | --- | --- |",
        f"| one process: generate + `measure_rows` + `response_rows` |"
        f" {args.baseline_repeat} | {base_time:.2f} |",
        f"| LocalCluster, 1 worker × 1 thread | {args.repeat} | {times[1]:.2f} |",
        f"| LocalCluster, 2 workers × 1 thread | {args.repeat} | {times[2]:.2f} |",
        "",
        f"speedup 2 workers vs 1: **{speedup:.2f}×** (target ≥ {TARGET_SPEEDUP}×);"
        f" results identical to the single pass: {'yes' if same else 'NO'}",
    ]
    return lines, same, speedup


def sketch_section(args: argparse.Namespace) -> tuple[list[str], bool]:
    import numpy as np

    from carekit.scale import QuantileSketch, merge_all

    rng = np.random.default_rng(args.seed)
    values = rng.lognormal(math.log(240.0), 2.3, args.values)
    parts = np.array_split(values, 10)
    start = time.perf_counter()
    sketches = [QuantileSketch(ACCURACY).feed(part.tolist()) for part in parts]
    fed = time.perf_counter() - start
    from carekit.scale import MethodCombiner

    sketch = merge_all(MethodCombiner(QuantileSketch), sketches)
    merged = time.perf_counter() - start - fed
    ordered = np.sort(values)
    n = len(ordered)
    lines = [
        f"{n:,} log-normal response times (median 240 s, σ 2.3), 10 partitions;"
        f" feeding {fed:.1f} s, merging {merged * 1000:.1f} ms",
        "",
        "| quantile | exact x[⌊q(n−1)⌋] | sketch | relative error |",
        "| --- | --- | --- | --- |",
    ]
    ok = True
    for p in (50, 90, 99):
        exact = float(ordered[math.floor(p / 100 * (n - 1))])
        approx = sketch.percentile(p)
        assert approx is not None
        error = abs(approx - exact) / exact
        ok = ok and error <= ACCURACY
        lines.append(f"| p{p} | {exact:.3f} | {approx:.3f} | {error:.4%} |")
    pickled = len(pickle.dumps(sketch))
    plain = len(json.dumps(sketch.to_data()))
    buckets = len(sketch.to_data()["counts"])
    small = pickled <= TARGET_BYTES and plain <= TARGET_BYTES
    lines += [
        "",
        f"sketch state: {buckets} buckets; pickle {pickled:,} bytes, plain data"
        f" (JSON) {plain:,} bytes (target ≤ {TARGET_BYTES:,})",
    ]
    return lines, ok and small


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline-repeat", type=int, default=1)
    parser.add_argument("--values", type=int, default=10_000_000)
    parser.add_argument("--skip-cluster", action="store_true")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()} on {platform.system()}"
        f" {platform.machine()}, {os.cpu_count()} CPUs;"
        f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n"
    )
    agree, met = True, True
    if not args.skip_cluster:
        lines, same, speedup = cluster_section(args)
        print("\n".join(["### Cluster", "", *lines, ""]))
        agree = same
        met = speedup >= TARGET_SPEEDUP
    lines, sketch_ok = sketch_section(args)
    print("\n".join(["### Sketch", "", *lines]))
    met = met and sketch_ok
    print(f"\nload at the end: {load()}")
    return 0 if agree and (met or not args.strict) else 1


if __name__ == "__main__":
    sys.exit(main())
