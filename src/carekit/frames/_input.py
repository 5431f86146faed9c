"""Reading a frame: the narwhals frame of what the user gives, its schema
without computing it, and the error that names a bad column. Shared by
every entry point of carekit.frames."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import narwhals as nw

from carekit.errors import InvalidValue
from carekit.frames._columns import Layout

__all__ = [
    "frame_schema",
    "in_utc",
    "narwhals_frame",
    "problem_error",
    "through_polars",
]

_FRAME_RULE = (
    "must be a dataframe narwhals reads: polars (DataFrame or LazyFrame),"
    " pandas, pyarrow, a DuckDB relation or a Dask dataframe"
)


def narwhals_frame(frame: Any, time: object) -> Any:
    """*frame* as a narwhals frame."""
    native: Any
    if isinstance(frame, nw.DataFrame | nw.LazyFrame):
        native = frame
    else:
        try:
            native = nw.from_native(frame)
        except TypeError:
            raise InvalidValue("frame", type(frame).__name__, _FRAME_RULE) from None
    if not isinstance(native, nw.DataFrame | nw.LazyFrame):
        raise InvalidValue("frame", type(frame).__name__, _FRAME_RULE)
    native = in_utc(native, time)
    implementation: Any = native.implementation
    if isinstance(native, nw.LazyFrame) and implementation not in _LAZY:
        raise InvalidValue(
            "frame",
            str(implementation),
            "lazy frames are read from polars, DuckDB and Dask; collect this"
            " one first, or give an eager frame",
        )
    if implementation in _ADOPTED:
        return through_polars(native)
    return native


#: The lazy engines the query is written and tested for.
_LAZY = (nw.Implementation.POLARS, nw.Implementation.DUCKDB, nw.Implementation.DASK)


#: Eager frames that polars, when installed, adopts and computes.
_ADOPTED = (nw.Implementation.PYARROW, nw.Implementation.PANDAS)


def through_polars(native: Any) -> Any:
    """An Arrow table or a pandas frame as a polars frame, when polars is
    installed: polars adopts Arrow buffers without a copy and numpy columns
    cheaply, and runs the query in parallel (pyarrow and pandas through
    narwhals are 5-8x slower, and pandas turns an integer column holding a
    null into floats, inexact past 2^53 microseconds, the year 2255)."""
    try:
        import polars as pl
    except ImportError:
        return native
    table = nw.to_native(native)
    if native.implementation is nw.Implementation.PYARROW:
        adopted = pl.from_arrow(table, rechunk=False)
    else:
        adopted = pl.from_pandas(table)
    return nw.from_native(adopted, eager_only=True)


def frame_schema(native: Any) -> nw.Schema:
    """The frame's column types, read without computing it (a Dask frame's
    from its pandas meta)."""
    if native.implementation is nw.Implementation.DASK:
        meta: nw.Schema = nw.from_native(nw.to_native(native)._meta).schema
        return meta
    if isinstance(native, nw.LazyFrame):
        return native.collect_schema()
    schema: nw.Schema = native.schema
    return schema


def in_utc(native: Any, time: object) -> Any:
    """A pandas or Dask frame whose *time* column holds datetimes in a named
    zone, with that column in UTC (the same instants): narwhals reads a
    pandas datetime in a named zone as of an unknown type."""
    if native.implementation not in (nw.Implementation.PANDAS, nw.Implementation.DASK):
        return native
    frame = nw.to_native(native)
    if not isinstance(time, str) or time not in frame.columns:
        return native
    zone = getattr(frame[time].dtype, "tz", None)
    if zone is None or str(zone) in ("UTC", "Etc/UTC"):
        return native
    return nw.from_native(frame.assign(**{time: frame[time].dt.tz_convert("UTC")}))


def problem_error(native: Any, layout: Layout, code: int) -> InvalidValue:
    """The error for rows with problem *code*, showing the first bad value
    (a second, small query: only on the way to raising)."""
    column = layout.problem_column(code)
    bad = native.filter(layout.problem() == code).select(column).head(1)
    if isinstance(bad, nw.LazyFrame):
        bad = bad.collect()
    values: list[Hashable] = bad[column].to_list()
    return InvalidValue(
        column, values[0] if values else None, layout.problem_rule(code)
    )
