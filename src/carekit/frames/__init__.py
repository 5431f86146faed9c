"""Responsiveness and care-analytics durations over dataframes: polars,
pandas, pyarrow, DuckDB, Dask.

The optional extra ``carekit[frames]`` (narwhals). Re-exports only; the
rules, the column mapping and the backends are in ``docs/frames.md``.
"""

from carekit.frames.durations import agent_breakdown as agent_breakdown
from carekit.frames.durations import (
    resolution_times_frame as resolution_times_frame,
)
from carekit.frames.durations import response_times_frame as response_times_frame
from carekit.frames.measure import measure_frame as measure_frame

__all__ = [
    "agent_breakdown",
    "measure_frame",
    "resolution_times_frame",
    "response_times_frame",
]
