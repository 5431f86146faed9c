"""Bad frames raise ``carekit.errors`` errors naming the column: "Bad input
raises a carekit.errors exception naming the field and rule; nothing is
silently clipped or dropped."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import dask.dataframe as dd
import narwhals as nw
import polars as pl
import pytest

from carekit.errors import InvalidValue
from carekit.frames import measure_frame
from tests._frames import BACKENDS

AT = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)


def good() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "cid": ["a", "a", "b"],
            "at": [AT, AT + dt.timedelta(minutes=3), AT],
            "role": [0, 1, 0],
        },
        schema={"cid": pl.String, "at": pl.Datetime("us", "UTC"), "role": pl.Int8},
    )


@pytest.fixture(params=sorted(BACKENDS))
def backend(request: pytest.FixtureRequest) -> Callable[[pl.DataFrame], Any]:
    return BACKENDS[request.param]


def test_a_good_frame_is_measured(backend: Callable[[pl.DataFrame], Any]) -> None:
    """The frame the other tests break, as it is: two threads, one answered."""
    stats = measure_frame(backend(good()), conversation="cid", time="at")
    assert (2, 1, (180.0,)) == (stats.eligible, stats.responded, stats.response_times)


def test_a_missing_column_is_named(backend: Callable[[pl.DataFrame], Any]) -> None:
    with pytest.raises(InvalidValue, match="column 'time' is missing") as error:
        measure_frame(backend(good()), conversation="cid")
    assert "time" == error.value.field


def test_naive_datetimes_are_refused(backend: Callable[[pl.DataFrame], Any]) -> None:
    frame = good().with_columns(pl.col("at").dt.replace_time_zone(None))
    with pytest.raises(InvalidValue, match="naive datetimes are refused") as error:
        measure_frame(backend(frame), conversation="cid", time="at")
    assert "at" == error.value.field


def test_null_ids_are_refused(backend: Callable[[pl.DataFrame], Any]) -> None:
    frame = good().with_columns(
        cid=pl.when(pl.col("role") == 1).then(None).otherwise(pl.col("cid"))
    )
    with pytest.raises(InvalidValue, match="ids must not be null") as error:
        measure_frame(backend(frame), conversation="cid", time="at")
    assert "cid" == error.value.field


def test_an_unknown_role_is_refused(backend: Callable[[pl.DataFrame], Any]) -> None:
    frame = good().with_columns(role=pl.Series([0, 7, 0], dtype=pl.Int8))
    with pytest.raises(InvalidValue, match="a role must be an int from 0") as error:
        measure_frame(backend(frame), conversation="cid", time="at")
    assert ("role", 7) == (error.value.field, error.value.value)


def test_an_unknown_role_name_is_refused(
    backend: Callable[[pl.DataFrame], Any],
) -> None:
    frame = good().with_columns(role=pl.Series(["customer", "human", "customer"]))
    with pytest.raises(InvalidValue, match="a role must be one of") as error:
        measure_frame(backend(frame), conversation="cid", time="at")
    assert ("role", "human") == (error.value.field, error.value.value)


def test_an_unknown_author_is_named(backend: Callable[[pl.DataFrame], Any]) -> None:
    frame = good().with_columns(
        direction=pl.Series(["inbound", "outbound", "inbound"]),
        author=pl.Series(["customer", "robot", "customer"]),
        kind=pl.Series(["reply"] * 3),
    )
    with pytest.raises(InvalidValue, match="must be one of 'customer'") as error:
        measure_frame(
            backend(frame),
            conversation="cid",
            time="at",
            roles=("direction", "author", "kind"),
        )
    assert ("author", "robot") == (error.value.field, error.value.value)


def test_null_and_non_finite_times_are_refused(
    backend: Callable[[pl.DataFrame], Any],
) -> None:
    frame = good().with_columns(
        seconds=pl.Series([1.0e9, float("nan"), None], dtype=pl.Float64)
    )
    with pytest.raises(InvalidValue, match="within the years 1-9999") as error:
        measure_frame(backend(frame), conversation="cid", time="seconds", epoch="s")
    assert "seconds" == error.value.field


def test_milliseconds_must_be_integers() -> None:
    frame = good().with_columns(ms=pl.Series([1.5, 2.0, 3.0]))
    with pytest.raises(InvalidValue, match="whole epoch milliseconds") as error:
        measure_frame(frame, conversation="cid", time="ms", epoch="ms")
    assert "ms" == error.value.field


def test_epoch_numbers_need_the_epoch_argument() -> None:
    frame = good().with_columns(seconds=pl.Series([1.0, 2.0, 3.0]))
    with pytest.raises(InvalidValue, match="pass epoch='s' or epoch='ms'"):
        measure_frame(frame, conversation="cid", time="seconds")
    with pytest.raises(InvalidValue, match="must be None") as error:
        measure_frame(frame, conversation="cid", time="seconds", epoch="us")  # type: ignore[arg-type]
    assert "epoch" == error.value.field


def test_roles_must_be_one_column_or_three() -> None:
    with pytest.raises(InvalidValue, match="a tuple of three") as error:
        measure_frame(good(), conversation="cid", time="at", roles=("a", "b"))  # type: ignore[arg-type]
    assert "roles" == error.value.field
    frame = good().with_columns(role=pl.Series([0.0, 1.0, 0.0]))
    with pytest.raises(InvalidValue, match=r"ints \(Role values\) or strings"):
        measure_frame(frame, conversation="cid", time="at")


def test_something_else_than_a_frame_is_refused() -> None:
    with pytest.raises(InvalidValue, match="must be a dataframe") as error:
        measure_frame([("a", 0.0, 0)])
    assert "frame" == error.value.field


def test_a_bad_setting_is_named() -> None:
    """The policy and away periods are checked as ``measure_rows`` checks
    them."""
    with pytest.raises(InvalidValue) as error:
        measure_frame(good(), conversation="cid", time="at", away=[(2.0, 1.0)])
    assert "away[0]" == error.value.field


@pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")
def test_a_dask_frame_names_the_column_too() -> None:
    """The checks run inside the Dask computation, and name the column."""
    frame = good().with_columns(role=pl.Series([0, 1, 9], dtype=pl.Int8))
    lazy = dd.from_pandas(frame.to_pandas(), npartitions=2)  # type: ignore[no-untyped-call]
    with pytest.raises(InvalidValue, match="a role must be") as error:
        measure_frame(lazy, conversation="cid", time="at")
    assert ("role", 9) == (error.value.field, error.value.value)


def test_a_lazy_engine_it_is_not_written_for_is_refused() -> None:
    """Only the lazy engines the query is tested on are read."""
    with pytest.raises(InvalidValue, match="lazy frames are read from") as error:
        measure_frame(nw.from_native(good().to_pandas()).lazy())
    assert "frame" == error.value.field
