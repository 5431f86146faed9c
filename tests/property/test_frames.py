"""``carekit.frames`` gives the pure kernel's statistics, exactly, on every
backend: "output: the same ``ResponseStats`` as the pure kernel (equal,
exactly: counts, rate, median, mean, percentiles), same policies and
presets".

Histories come from ``carekit.testing.strategies``; each frame carries the
rows' given order as a sequence column, so that equal times are ordered as
the kernel orders them (rows in given order).
"""

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any
from unittest import mock

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carekit.conversations import Conversation
from carekit.frames import measure_frame
from carekit.responsiveness import (
    BADGE_2015,
    BADGE_2016,
    AwayRule,
    BadgeCriteria,
    ResponseRules,
    ResponseStats,
    Role,
    decide,
    measure_conversations,
    measure_rows,
)
from carekit.testing import strategies as cks
from tests._frames import BACKENDS as FIVE

Rows = list[tuple[int, float, int]]

BACKENDS: dict[str, Callable[[pl.DataFrame], Any]] = {
    **FIVE,
    # In order already: no sort, only the order check.
    "polars-in-order": lambda frame: frame.sort("conversation_id", "time", "seq"),
    "polars-lazy-in-order": lambda frame: frame.sort(
        "conversation_id", "time", "seq"
    ).lazy(),
}
#: The percentiles compared besides the median and mean.
PERCENTILES = (0.0, 10.0, 90.0, 95.0, 100.0)
#: Each property runs this many examples per backend: seven backends share
#: the suite's budget.
EXAMPLES = 20


def row_frame(rows: Rows) -> pl.DataFrame:
    """The rows as a frame of epoch seconds, in their given order."""
    return pl.DataFrame(
        {
            "conversation_id": [c for c, _, _ in rows],
            "time": [t for _, t, _ in rows],
            "role": [r for _, _, r in rows],
            "seq": list(range(len(rows))),
        },
        schema={
            "conversation_id": pl.Int64,
            "time": pl.Float64,
            "role": pl.Int8,
            "seq": pl.Int64,
        },
    )


def assert_same(expected: ResponseStats, actual: ResponseStats) -> None:
    """Equal statistics, and so equal figures (checked anyway)."""
    assert expected == actual
    assert expected.rate == actual.rate
    assert expected.median() == actual.median()
    assert expected.mean() == actual.mean()
    for p in PERCENTILES:
        assert expected.percentile(p) == actual.percentile(p)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@settings(max_examples=EXAMPLES)
@given(
    rows=cks.response_rows(),
    away=cks.away_periods(),
    policy=cks.response_policies(),
)
def test_rows_give_the_kernels_statistics(
    backend: str, rows: Rows, away: list[tuple[float, float]], policy: ResponseRules
) -> None:
    """Every rule at once (24 h silence, away periods excluded or deferred,
    bots only when counted, automation changing nothing), on each backend."""
    frame = BACKENDS[backend](row_frame(rows))
    expected = measure_rows(rows, away=away, policy=policy)
    actual = measure_frame(frame, epoch="s", sequence="seq", away=away, policy=policy)
    assert_same(expected, actual)


_DAY = 86_400.0


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@settings(max_examples=EXAMPLES)
@given(
    rows=cks.response_rows(),
    away=cks.away_periods(),
    preset=st.sampled_from([BADGE_2015, BADGE_2016]),
    as_of=st.integers(0, 6 * 86_400).map(lambda s: cks.EPOCH_2000 + s),
)
def test_presets_give_the_kernels_statistics(
    backend: str,
    rows: Rows,
    away: list[tuple[float, float]],
    preset: BadgeCriteria,
    as_of: float,
) -> None:
    """The 2015 preset (all data, away excluded) and the 2016 one (the 7 days
    before ``as_of``, away deferred): ``decide``'s statistics, from the
    preset's response rules and window as ``since``/``until``."""
    frame = BACKENDS[backend](row_frame(rows))
    expected = decide(rows, policy=preset, as_of=as_of, away=away).stats
    days = preset.window.days
    actual = measure_frame(
        frame,
        epoch="s",
        sequence="seq",
        away=away,
        policy=preset.response,
        since=None if days is None else as_of - days * _DAY,
        until=as_of,
    )
    assert_same(expected, actual)


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def conversation_frame(conversations: list[Conversation]) -> pl.DataFrame:
    """Messages as a frame of aware datetimes and carekit.messages values."""
    records = [
        {
            "conversation_id": index,
            "time": message.timestamp.astimezone(dt.UTC),
            "direction": message.direction.value,
            "author": message.author.value,
            "kind": message.kind.value,
            "seq": position,
        }
        for index, conversation in enumerate(conversations)
        for position, message in enumerate(conversation.messages)
    ]
    schema: dict[str, pl.DataType] = {
        "conversation_id": pl.Int64(),
        "time": pl.Datetime("us", "UTC"),
        "direction": pl.String(),
        "author": pl.String(),
        "kind": pl.String(),
        "seq": pl.Int64(),
    }
    return pl.DataFrame(records, schema=schema)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@settings(max_examples=EXAMPLES)
@given(
    conversations=st.lists(cks.conversations(max_size=6), max_size=4),
    away=st.sampled_from([AwayRule.EXCLUDE, AwayRule.DEFER]),
    period=cks.away_periods(min_value=0, max_value=4e9, max_size=2),
)
def test_conversations_give_the_kernels_statistics(
    backend: str,
    conversations: list[Conversation],
    away: AwayRule,
    period: list[tuple[float, float]],
) -> None:
    """Aware datetimes in exact microseconds and the direction, author and
    kind columns: ``measure_conversations``' statistics."""
    frame = BACKENDS[backend](conversation_frame(conversations))
    policy = ResponseRules(away=away)
    expected = measure_conversations(conversations, away=period, policy=policy)
    actual = measure_frame(
        frame,
        roles=("direction", "author", "kind"),
        sequence="seq",
        away=period,
        policy=policy,
    )
    assert_same(expected, actual)


def test_the_backends_are_the_frames_own() -> None:
    """Each backend above hands ``measure_frame`` its own native type."""
    frame = row_frame([(0, 1.0, 0)])
    kinds = {name: type(make(frame)) for name, make in BACKENDS.items()}
    assert {
        "polars": pl.DataFrame,
        "polars-lazy": pl.LazyFrame,
        "polars-in-order": pl.DataFrame,
        "polars-lazy-in-order": pl.LazyFrame,
        "pandas": pd.DataFrame,
        "pyarrow": pa.Table,
        "duckdb": duckdb.DuckDBPyRelation,
    } == kinds


ALONE: dict[str, Callable[[pl.DataFrame], Any]] = {
    "pandas": pl.DataFrame.to_pandas,
    "pyarrow": pl.DataFrame.to_arrow,
}


@pytest.mark.parametrize("backend", sorted(ALONE))
@settings(max_examples=EXAMPLES)
@given(
    rows=cks.response_rows(),
    away=cks.away_periods(),
    policy=cks.response_policies(),
    until=st.none() | st.integers(0, 6 * 86_400).map(lambda s: cks.EPOCH_2000 + s),
)
def test_pandas_and_pyarrow_alone_give_the_kernels_statistics(
    backend: str,
    rows: Rows,
    away: list[tuple[float, float]],
    policy: ResponseRules,
    until: float | None,
) -> None:
    """Without polars installed, pandas and pyarrow frames run the query
    through narwhals on their own engine: the same statistics."""
    frame = ALONE[backend](row_frame(rows))
    expected = measure_rows(rows, away=away, policy=policy, until=until)
    with mock.patch.dict(sys.modules, {"polars": None}):
        actual = measure_frame(
            frame, epoch="s", sequence="seq", away=away, policy=policy, until=until
        )
    assert_same(expected, actual)


def _tie_order(row: tuple[int, float, int]) -> tuple[float, int]:
    """The tie rule as a sort key: time, then the customer first."""
    return row[1], 0 if row[2] == int(Role.CUSTOMER) else 1


@settings(max_examples=EXAMPLES)
@given(
    rows=cks.response_rows(),
    away=cks.away_periods(),
    policy=cks.response_policies(),
    seed=st.integers(0, 2**16),
)
def test_the_tie_rule_never_depends_on_the_row_order(
    rows: Rows, away: list[tuple[float, float]], policy: ResponseRules, seed: int
) -> None:
    """ "A frame has no order": without a sequence column, any shuffle of
    the rows gives the kernel's statistics on the rows ordered by time with
    the customer first at equal times."""
    shuffled = row_frame(rows).sample(fraction=1.0, shuffle=True, seed=seed)
    ordered: Rows = sorted(rows, key=_tie_order)
    expected = measure_rows(ordered, away=away, policy=policy)
    for frame in (shuffled, shuffled.lazy(), shuffled.to_pandas()):
        assert_same(expected, measure_frame(frame, epoch="s", away=away, policy=policy))
