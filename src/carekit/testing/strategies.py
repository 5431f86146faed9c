"""Hypothesis strategies for every public carekit model.

Conventions (after hypothesis and xarray): names are plural, bounds are
keyword-only, arguments that shape a part take a strategy, and examples shrink
toward simple values: UTC, 2000-01-01, zero, empty collections.

Install with the ``testing`` extra. Importing this module needs Hypothesis.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from carekit.intervals import Interval, IntervalSet
from carekit.money import CURRENCIES, Money

__all__ = [
    "aware_datetimes",
    "by_type",
    "currencies",
    "interval_sets",
    "intervals",
    "monies",
    "ratios",
    "timezones",
]

#: Zones that exercise DST in both hemispheres, a half-hour offset and none.
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")

_EPOCH = dt.datetime(2000, 1, 1)
_LAST = dt.datetime(2100, 1, 1)


def timezones() -> st.SearchStrategy[dt.tzinfo]:
    """IANA timezones, shrinking to UTC."""
    return st.sampled_from(ZONES).map(ZoneInfo)


def aware_datetimes(
    *,
    min_value: dt.datetime = _EPOCH,
    max_value: dt.datetime = _LAST,
    zones: st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes that exist on the wall clock, shrinking to
    2000-01-01 00:00 UTC.

    Args:
        min_value: Naive lower bound (local wall time).
        max_value: Naive upper bound (local wall time).
        zones: Strategy for the zone; default :func:`timezones`.
    """
    return st.datetimes(
        min_value=min_value,
        max_value=max_value,
        timezones=zones if zones is not None else timezones(),
        allow_imaginary=False,
    )


def intervals(
    *,
    starts: st.SearchStrategy[dt.datetime] | None = None,
    max_duration: dt.timedelta = dt.timedelta(days=7),
) -> st.SearchStrategy[Interval]:
    """Half-open intervals of up to *max_duration*, shrinking to empty."""

    def build(start: dt.datetime, length: dt.timedelta) -> Interval:
        # Elapsed time, added in UTC: aware `start + length` is wall-clock
        # arithmetic and drops `fold`, so in a DST fold it can end earlier.
        return Interval(
            start, (start.astimezone(dt.UTC) + length).astimezone(start.tzinfo)
        )

    return st.builds(
        build,
        starts if starts is not None else aware_datetimes(),
        st.timedeltas(min_value=dt.timedelta(0), max_value=max_duration),
    )


def interval_sets(
    *,
    elements: st.SearchStrategy[Interval] | None = None,
    max_size: int = 8,
) -> st.SearchStrategy[IntervalSet]:
    """Interval sets built from up to *max_size* intervals, shrinking to empty."""
    return st.lists(
        elements if elements is not None else intervals(), max_size=max_size
    ).map(IntervalSet)


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes carekit knows, shrinking to USD."""
    codes = sorted(CURRENCIES, key=lambda code: (code != "USD", code))
    return st.sampled_from(codes)


def monies(
    *,
    codes: st.SearchStrategy[str] | None = None,
    min_minor: int = -(10**12),
    max_minor: int = 10**12,
) -> st.SearchStrategy[Money]:
    """Money values between *min_minor* and *max_minor* minor units, shrinking
    to zero USD."""
    return st.builds(
        Money.from_minor,
        st.integers(min_value=min_minor, max_value=max_minor),
        codes if codes is not None else currencies(),
    )


def ratios(*, max_size: int = 8) -> st.SearchStrategy[list[Decimal]]:
    """Non-empty lists of non-negative Decimal ratios with a positive sum."""
    weights = st.decimals(
        min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=4
    )
    return st.lists(weights, min_size=1, max_size=max_size).filter(
        lambda ws: sum(ws) > 0
    )


def by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each public model, for ``st.register_type_strategy``."""
    return {
        Interval: intervals(),
        IntervalSet: interval_sets(),
        Money: monies(),
    }
