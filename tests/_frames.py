"""The dataframe backends the carekit.frames tests run every rule on."""

from collections.abc import Callable
from typing import Any

import duckdb
import polars as pl

#: Backend name → how it is made from a polars frame, as its own native type.
BACKENDS: dict[str, Callable[[pl.DataFrame], Any]] = {
    "polars": lambda frame: frame,
    "polars-lazy": pl.DataFrame.lazy,
    "pandas": pl.DataFrame.to_pandas,
    "pyarrow": pl.DataFrame.to_arrow,
    "duckdb": lambda frame: duckdb.from_arrow(frame.to_arrow()),
}
