"""Strategies for care analytics: response durations, handoffs, resolutions,
handling times, the rules and groupings, and filled accumulators."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.analytics import (
    ByAgent,
    ByChannel,
    ByLanguage,
    ByPeriod,
    ByTag,
    ByTeam,
    Count,
    DurationAccumulator,
    GroupAccumulator,
    GroupingPolicy,
    HandlingTime,
    Handoff,
    Period,
    Resolution,
    ResolutionCycle,
    ResponseDuration,
    ResponseKind,
    ResponseTimeRules,
)
from carekit.conversations import Channel
from carekit.responsiveness import Aggregate, Mean, Median, Percentile

from ._common import identifiers
from ._conversations import languages
from ._time import ZONES, aware_datetimes

__all__ = [
    "duration_accumulators",
    "group_accumulators",
    "groupings",
    "handling_times",
    "handoffs",
    "resolution_cycles",
    "resolutions",
    "response_durations",
    "response_time_rules",
    "statistics",
    "strategies_by_type",
]

_SECONDS = st.integers(min_value=0, max_value=14 * 86_400)


def _later(start: dt.datetime, seconds: int) -> dt.datetime:
    return (start.astimezone(dt.UTC) + dt.timedelta(seconds=seconds)).astimezone(
        start.tzinfo
    )


def handoffs() -> st.SearchStrategy[Handoff]:
    """Handoff records, shrinking to conversation ``"a"`` at 2000-01-01 UTC."""
    return st.builds(Handoff, identifiers(), aware_datetimes())


def response_time_rules() -> st.SearchStrategy[ResponseTimeRules]:
    """Response-time rules, shrinking to the defaults' flags with 1 s silence."""
    return st.builds(
        ResponseTimeRules,
        st.integers(min_value=1, max_value=7 * 86_400).map(
            lambda s: dt.timedelta(seconds=s)
        ),
        count_bots=st.booleans(),
        from_handoff=st.booleans(),
    )


def response_durations(
    *, starts: st.SearchStrategy[dt.datetime] | None = None
) -> st.SearchStrategy[ResponseDuration]:
    """Timed responses (whole seconds, business time at most wall time).

    Args:
        starts: Strategy for the start; default :func:`aware_datetimes`.
    """

    @st.composite
    def strategy(draw: st.DrawFn) -> ResponseDuration:
        start = draw(starts if starts is not None else aware_datetimes())
        seconds = draw(_SECONDS)
        business = draw(st.none() | st.integers(min_value=0, max_value=seconds))
        return ResponseDuration(
            draw(identifiers()),
            draw(st.sampled_from(list(ResponseKind))),
            start=start,
            end=_later(start, seconds),
            agent=draw(st.none() | identifiers()),
            business_seconds=None if business is None else float(business),
            channel=draw(st.none() | st.sampled_from(list(Channel))),
            language=draw(st.none() | languages()),
            tags=draw(st.lists(identifiers(), max_size=3)),
        )

    return strategy()


def resolution_cycles() -> st.SearchStrategy[ResolutionCycle]:
    """Resolution cycles, shrinking to an empty one at 2000-01-01 UTC."""

    @st.composite
    def strategy(draw: st.DrawFn) -> ResolutionCycle:
        start = draw(aware_datetimes())
        seconds = draw(_SECONDS)
        business = draw(st.none() | st.integers(min_value=0, max_value=seconds))
        return ResolutionCycle(
            start,
            _later(start, seconds),
            seconds=float(seconds),
            business_seconds=None if business is None else float(business),
            resolved_by=draw(st.none() | identifiers()),
        )

    return strategy()


def resolutions() -> st.SearchStrategy[Resolution]:
    """Resolutions of tickets, resolved or not."""

    @st.composite
    def strategy(draw: st.DrawFn) -> Resolution:
        created = draw(aware_datetimes())
        figures: dict[str, Any] = {}
        if draw(st.booleans()):
            first = draw(_SECONDS)
            full = first + draw(_SECONDS)
            figures = {"first_resolution": float(first), "full_resolution": float(full)}
        return Resolution(
            draw(identifiers()),
            created,
            cycles=draw(st.lists(resolution_cycles(), max_size=3)),
            agent=draw(st.none() | identifiers()),
            language=draw(st.none() | languages()),
            tags=draw(st.lists(identifiers(), max_size=3)),
            pending_excluded=draw(st.booleans()),
            **figures,
        )

    return strategy()


def handling_times() -> st.SearchStrategy[HandlingTime]:
    """Handling times, shrinking to nothing handled."""
    return st.integers(min_value=0, max_value=50).flatmap(
        lambda handled: st.builds(
            HandlingTime,
            st.just(0) if not handled else st.integers(min_value=0, max_value=10**12),
            st.just(handled),
        )
    )


def statistics() -> st.SearchStrategy[Aggregate]:
    """The built-in statistics, shrinking to the median."""
    return st.one_of(
        st.just(Median()),
        st.just(Mean()),
        st.just(Count()),
        st.integers(min_value=0, max_value=100).map(Percentile),
    )


def groupings() -> st.SearchStrategy[GroupingPolicy]:
    """The built-in groupings, shrinking to by agent."""
    return st.one_of(
        st.just(ByAgent()),
        st.dictionaries(identifiers(), identifiers(), max_size=4).map(ByTeam),
        st.just(ByChannel()),
        st.just(ByLanguage()),
        st.just(ByTag()),
        st.builds(ByPeriod, st.sampled_from(list(Period)), st.sampled_from(ZONES)),
    )


_VALUES = st.floats(min_value=0, max_value=1e7, allow_nan=False)


def duration_accumulators(
    *, statistic: st.SearchStrategy[Aggregate] | None = None, max_size: int = 20
) -> st.SearchStrategy[DurationAccumulator]:
    """Accumulators holding up to *max_size* durations."""
    return st.builds(
        lambda s, values: DurationAccumulator(s).feed(values),
        statistic if statistic is not None else statistics(),
        st.lists(_VALUES, max_size=max_size),
    )


def group_accumulators(
    *, statistic: st.SearchStrategy[Aggregate] | None = None, max_size: int = 20
) -> st.SearchStrategy[GroupAccumulator]:
    """Group accumulators holding up to *max_size* ``(key, seconds)`` pairs."""
    return st.builds(
        lambda s, pairs: GroupAccumulator(s).feed(pairs),
        statistic if statistic is not None else statistics(),
        st.lists(st.tuples(st.none() | identifiers(), _VALUES), max_size=max_size),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each analytics model."""
    return {
        Handoff: handoffs(),
        ResponseTimeRules: response_time_rules(),
        ResponseDuration: response_durations(),
        ResolutionCycle: resolution_cycles(),
        Resolution: resolutions(),
        HandlingTime: handling_times(),
        Count: st.just(Count()),
        ByAgent: st.just(ByAgent()),
        ByTeam: st.dictionaries(identifiers(), identifiers(), max_size=4).map(ByTeam),
        ByChannel: st.just(ByChannel()),
        ByLanguage: st.just(ByLanguage()),
        ByTag: st.just(ByTag()),
        ByPeriod: st.builds(
            ByPeriod, st.sampled_from(list(Period)), st.sampled_from(ZONES)
        ),
    }
