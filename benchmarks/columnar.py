"""Time ``carekit.frames.measure_frame`` against what a user writes instead.

One command (``make bench`` runs it with the defaults)::

    python benchmarks/columnar.py --conversations 1000000 --seed 1 --repeat 3

It generates one seeded page (``benchmarks.generate``), builds its columns
once (conversation id, epoch seconds, role), and times, on the same ready
columns, best of ``--repeat`` rounds taken in turns:

- the numpy reference kernel below (exactly carekit's definition; the
  practical limit of this machine),
- the hand-written polars and pandas implementations of
  ``benchmarks/frames.py``,
- ``measure_frame`` on a polars DataFrame, a pyarrow Table, a pandas
  DataFrame (adopted by polars, and alone), a DuckDB relation and a
  two-partition Dask dataframe,
- from a Parquet file, end to end: the hand-written polars reading it
  (``pl.read_parquet``) against ``measure_frame`` on ``pl.scan_parquet``
  (lazy) and on ``pl.read_parquet``,
- carekit's bulk path from Python rows (``measure_rows``), for scale.

Every implementation must agree with the plain-Python reference
(``benchmarks.reference``), and ``measure_frame`` must equal ``measure_rows``
exactly. It prints a Markdown table and a PASS/FAIL line per target.
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dask.dataframe as dd
import duckdb
import numpy as np
import pandas as pd
import polars as pl

from benchmarks import reference
from benchmarks.common import (
    AGENT,
    CUSTOMER,
    SILENCE,
    WINDOW,
    Away,
    Report,
    merge_away,
    rate_of,
)
from benchmarks.engine import to_report
from benchmarks.frames import pandas_report, polars_report
from benchmarks.generate import generate
from carekit.frames import measure_frame
from carekit.responsiveness import measure_rows

COMPUTE_RATIO = 1.2
NUMPY_GOAL = 1.5


def numpy_report(
    cid: np.ndarray[Any, Any],
    t: np.ndarray[Any, Any],
    role: np.ndarray[Any, Any],
    away: Away,
) -> Report:
    """carekit's definition on numpy columns, in a few vectorized passes.

    Rows are ordered by conversation, time and the tie rule (customer
    first); columns already in that order (a Parquet file written by
    conversation) are not sorted again. Only customer and agent rows count.
    """
    keep = (role == CUSTOMER) | (role == AGENT)
    cid, t, role = cid[keep], t[keep], role[keep]
    customer = role == CUSTOMER
    rank = ~customer
    same = (cid[1:] == cid[:-1]) & (
        (t[1:] > t[:-1]) | ((t[1:] == t[:-1]) & (rank[1:] >= rank[:-1]))
    )
    if not (np.all(same | (cid[1:] > cid[:-1]))):
        order = np.lexsort((rank, t, cid))
        cid, t, customer = cid[order], t[order], customer[order]
    n = len(t)
    new = np.ones(n, dtype=np.bool_)
    new[1:] = cid[1:] != cid[:-1]
    quiet = np.ones(n, dtype=np.bool_)
    quiet[1:] = (t[1:] - t[:-1]) >= SILENCE
    start = customer & (new | quiet)
    segment = np.cumsum(start | new)
    agents = np.flatnonzero(~customer)
    agent_segment = segment[agents]
    first = np.ones(len(agents), dtype=np.bool_)
    first[1:] = agent_segment[1:] != agent_segment[:-1]
    reply_segment, reply_t = agent_segment[first], t[agents[first]]
    starts = np.flatnonzero(start)
    start_t, start_segment = t[starts], segment[starts]
    at = np.searchsorted(reply_segment, start_segment)
    at_ok = at < len(reply_segment)
    found = np.zeros(len(starts), dtype=np.bool_)
    found[at_ok] = reply_segment[at[at_ok]] == start_segment[at_ok]
    reply = np.full(len(starts), np.nan)
    reply[found] = reply_t[at[found]]
    merged = _merged(away)
    inside = np.zeros(len(starts), dtype=np.bool_)
    if merged[0].size:
        period = np.searchsorted(merged[0], start_t, side="right") - 1
        inside = (period >= 0) & (start_t < merged[1][np.maximum(period, 0)])
    delay = reply[~inside] - start_t[~inside]
    answered = np.sort(np.maximum(delay[delay <= WINDOW], 0.0))
    return Report(
        eligible=len(delay),
        responded=len(answered),
        excluded_away=int(inside.sum()),
        rate=rate_of(len(answered), len(delay)),
        median=float(np.median(answered)) if len(answered) else None,
        mean=float(answered.mean()) if len(answered) else None,
    )


def _merged(away: Away) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    periods = merge_away(away)
    return (
        np.array([s for s, _ in periods], dtype=np.float64),
        np.array([e for _, e in periods], dtype=np.float64),
    )


def carekit_frame(frame: Any, away: Away) -> Report:
    """``measure_frame`` on the benchmark's columns."""
    return to_report(
        measure_frame(frame, conversation="cid", time="t", epoch="s", away=away)
    )


def _alone(frame: pd.DataFrame, away: Away) -> Report:
    """``measure_frame`` on pandas as if polars were not installed."""
    with mock.patch.dict(sys.modules, {"polars": None}):
        return carekit_frame(frame, away)


def best_of(repeat: int, runners: dict[str, Callable[[], Report]]) -> dict[str, Any]:
    """Best seconds of *repeat* rounds (every runner once per round, in
    turn) and each runner's report."""
    best: dict[str, float] = {}
    reports: dict[str, Report] = {}
    for _ in range(repeat):
        for label, run in runners.items():
            gc.collect()
            start = time.perf_counter()
            reports[label] = run()
            seconds = time.perf_counter() - start
            best[label] = min(seconds, best.get(label, seconds))
    return {"seconds": best, "reports": reports}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    # narwhals warns that its Dask support moves to narwhals-dask.
    warnings.filterwarnings("ignore", "Dask support is moving", FutureWarning)

    page = generate(args.conversations, seed=args.seed)
    rows, away = page.rows, page.away
    truth = reference.compute(rows, away)
    records = np.fromiter(
        rows,
        dtype=np.dtype([("cid", np.int64), ("t", np.float64), ("role", np.int8)]),
        count=len(rows),
    )
    cid, t, role = (
        np.ascontiguousarray(records[name]) for name in ("cid", "t", "role")
    )
    polars_frame = pl.DataFrame({"cid": cid, "t": t, "role": role})
    arrow_table = polars_frame.to_arrow()
    pandas_frame = pd.DataFrame({"cid": cid, "t": t, "role": role})
    relation = duckdb.from_arrow(arrow_table)
    dask_frame = dd.from_pandas(pandas_frame, npartitions=2, sort=False)
    folder = tempfile.TemporaryDirectory()
    parquet = str(Path(folder.name) / "page.parquet")
    polars_frame.write_parquet(parquet)
    del records

    runners: dict[str, Callable[[], Report]] = {
        "numpy reference kernel (ready columns)": lambda: numpy_report(
            cid, t, role, away
        ),
        "hand-written polars (polars DataFrame)": lambda: polars_report(
            polars_frame, away
        ),
        "carekit.frames, polars DataFrame": lambda: carekit_frame(polars_frame, away),
        "carekit.frames, pyarrow Table": lambda: carekit_frame(arrow_table, away),
        "hand-written pandas (pandas DataFrame)": lambda: pandas_report(
            pandas_frame, away
        ),
        "carekit.frames, pandas DataFrame": lambda: carekit_frame(pandas_frame, away),
        "carekit.frames, pandas DataFrame, without polars": lambda: _alone(
            pandas_frame, away
        ),
        "carekit.frames, DuckDB relation": lambda: carekit_frame(relation, away),
        "carekit.frames, Dask dataframe (2 partitions)": lambda: carekit_frame(
            dask_frame, away
        ),
        "Parquet: hand-written polars, pl.read_parquet": lambda: polars_report(
            pl.read_parquet(parquet), away
        ),
        "Parquet: carekit.frames, pl.scan_parquet": lambda: carekit_frame(
            pl.scan_parquet(parquet), away
        ),
        "Parquet: carekit.frames, pl.read_parquet": lambda: carekit_frame(
            pl.read_parquet(parquet), away
        ),
        "carekit measure_rows (Python rows)": lambda: to_report(
            measure_rows(rows, away=away)
        ),
    }
    measured = best_of(args.repeat, runners)
    seconds, reports = measured["seconds"], measured["reports"]
    exact = measure_frame(
        polars_frame, conversation="cid", time="t", epoch="s", away=away
    ) == measure_rows(rows, away=away)

    numpy_seconds = seconds["numpy reference kernel (ready columns)"]
    print(
        f"## Columnar engine: {page.conversations:,} conversations,"
        f" {len(rows):,} messages, seed {args.seed}\n"
    )
    print(f"Python {platform.python_version()}, {platform.machine()},")
    print(
        f"polars {pl.__version__}, pandas {pd.__version__},"
        f" duckdb {duckdb.__version__}, numpy {np.__version__}\n"
    )
    print("| implementation | seconds | × numpy reference | agrees |")
    print("| --- | ---: | ---: | --- |")
    failures = []
    for label, value in seconds.items():
        problems = reports[label].disagreements(truth)
        if problems:
            failures.append(f"{label}: {'; '.join(problems)}")
        print(
            f"| {label} | {value:.3f} | {value / numpy_seconds:.2f} |"
            f" {'yes' if not problems else 'NO'} |"
        )
    hand = seconds["hand-written polars (polars DataFrame)"]
    checks = [
        (
            f"compute, polars DataFrame ≤ {COMPUTE_RATIO}× hand-written polars",
            seconds["carekit.frames, polars DataFrame"] / hand,
            COMPUTE_RATIO,
        ),
        (
            f"compute, pyarrow Table ≤ {COMPUTE_RATIO}× hand-written polars",
            seconds["carekit.frames, pyarrow Table"] / hand,
            COMPUTE_RATIO,
        ),
        (
            f"goal: polars DataFrame ≤ {NUMPY_GOAL}× numpy reference",
            seconds["carekit.frames, polars DataFrame"] / numpy_seconds,
            NUMPY_GOAL,
        ),
        (
            "Parquet end to end: no slower than hand-written polars",
            seconds["Parquet: carekit.frames, pl.scan_parquet"]
            / seconds["Parquet: hand-written polars, pl.read_parquet"],
            1.0,
        ),
    ]
    print()
    for target, ratio, limit in checks:
        print(f"- {'PASS' if ratio <= limit else 'FAIL'}: {target} ({ratio:.2f}×)")
    print(f"- {'PASS' if exact else 'FAIL'}: measure_frame == measure_rows exactly")
    for failure in failures:
        print(f"- DISAGREES: {failure}")
    folder.cleanup()
    return 1 if failures or not exact else 0


if __name__ == "__main__":
    raise SystemExit(main())
