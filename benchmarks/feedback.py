"""Time CSAT by agent: carekit's bulk path against a plain loop and polars.

One command (``make bench`` runs it with the defaults)::

    python benchmarks/feedback.py --surveys 1000000 --agents 50 --seed 1

It generates one seeded row per CSAT survey sent, ``(agent_id, rating)``:
50 agents (a tenth of the surveys credited to no agent), 60 % answered
with a rating from 1 to 5, the rest ``None``. Then, in the same run:

- **carekit**: ``CsatAccumulator().feed_rows(rows).by_agent()``: per-agent
  counts (validated rows), then each agent's ``CsatResult`` with its score
  and response rate;
- **loop**: what a user writes instead, a dict of ``[sent, responses,
  satisfied]`` per agent and one division each, no validation;
- **polars**: a ``group_by(agent).agg(...)`` over the same rows, the frame
  built inside the timing (the rows arrive as Python tuples).

The target: carekit ≤ 1.5× the loop. Each round times the three in turn
with the garbage collector on and ``gc.collect()`` first; the best of
``--repeat`` rounds is kept. All three must agree on every agent (exit
status 1 otherwise, and with ``--strict`` also when the target is missed).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import machine_line, timed
from carekit.feedback import CsatAccumulator

Row = tuple[str | None, int | None]
Figures = dict[str | None, tuple[int, int, float | None, float | None]]


def generate(surveys: int, agents: int, seed: int) -> list[Row]:
    """One ``(agent_id, rating or None)`` per survey sent."""
    rng = random.Random(seed)
    names: list[str | None] = [f"agent-{i:02d}" for i in range(agents)]
    rows: list[Row] = []
    for _ in range(surveys):
        agent = None if rng.random() < 0.1 else rng.choice(names)
        rating = rng.randint(1, 5) if rng.random() < 0.6 else None
        rows.append((agent, rating))
    return rows


def run_carekit(rows: Sequence[Row]) -> Figures:
    results = CsatAccumulator().feed_rows(rows).by_agent()
    return {
        agent: (r.sent, r.responses, r.score, r.response_rate)
        for agent, r in results.items()
    }


def run_loop(rows: Sequence[Row]) -> Figures:
    counts: dict[str | None, list[int]] = {}
    for agent, rating in rows:
        row = counts.get(agent)
        if row is None:
            row = counts[agent] = [0, 0, 0]
        row[0] += 1
        if rating is not None:
            row[1] += 1
            if rating >= 4:
                row[2] += 1
    return {
        agent: (sent, answered, happy / answered if answered else None, answered / sent)
        for agent, (sent, answered, happy) in counts.items()
    }


def run_polars(rows: Sequence[Row]) -> Figures:
    import polars as pl

    frame = pl.DataFrame(
        rows, schema={"agent": pl.Utf8, "rating": pl.Int64}, orient="row"
    )
    grouped = frame.group_by("agent").agg(
        pl.len().alias("sent"),
        pl.col("rating").is_not_null().sum().alias("responses"),
        (pl.col("rating") >= 4).sum().alias("satisfied"),
    )
    out: Figures = {}
    for agent, sent, answered, happy in grouped.iter_rows():
        out[agent] = (
            sent,
            answered,
            happy / answered if answered else None,
            answered / sent,
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surveys", type=int, default=1_000_000)
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)

    print(machine_line())
    rows = generate(args.surveys, args.agents, args.seed)
    print(f"{len(rows):,} CSAT surveys, {args.agents} agents")
    runs = {
        "carekit feed_rows": run_carekit,
        "plain loop": run_loop,
        "polars": run_polars,
    }
    best = dict.fromkeys(runs, float("inf"))
    results: dict[str, Figures] = {}
    for _ in range(args.repeat):
        for name, run in runs.items():
            seconds, results[name] = timed(lambda run=run: run(rows))  # type: ignore[misc]
            best[name] = min(best[name], seconds)
    per = 1e6 / len(rows)
    for name, seconds in best.items():
        print(f"{name}: {seconds:.3f} s ({seconds * per:.3f} µs/survey)")
    ratio = best["carekit feed_rows"] / best["plain loop"]
    met = ratio <= 1.5
    print(
        f"carekit / loop = {ratio:.2f}: " + ("PASS (≤ 1.5)" if met else "FAIL (> 1.5)")
    )
    reference = results["plain loop"]
    wrong = [name for name, figures in results.items() if figures != reference]
    if wrong:
        print("disagree with the loop:", ", ".join(wrong))
        return 1
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
