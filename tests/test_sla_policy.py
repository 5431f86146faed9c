"""The terms of a service level: validated at construction, naming the field
and the rule."""

import datetime as dt
from typing import Any

import pytest

from carekit.errors import InvalidValue
from carekit.sla import (
    DEFAULT_PAUSE_STATES,
    DEFAULT_WARNING,
    MetricStatus,
    ServiceLevel,
    SlaEvent,
    SlaEventKind,
    SlaMetric,
    SlaState,
    SlaStatus,
)
from carekit.tickets import TicketStatus

UTC = dt.UTC
T0 = dt.datetime(2024, 3, 4, 9, tzinfo=UTC)


def test_the_defaults_pause_in_pending_and_warn_15_minutes_ahead() -> None:
    """ "the clock pauses in the states the policy names (default PENDING)";
    "due soon, within a warning margin (default 15 business minutes)"."""
    terms = ServiceLevel()
    assert (TicketStatus.PENDING,) == terms.pause_states == DEFAULT_PAUSE_STATES
    assert dt.timedelta(minutes=15) == terms.warning == DEFAULT_WARNING
    assert terms.count_bots is False
    assert all(terms.target(m) is None for m in SlaMetric)


def test_pause_states_are_stored_as_a_set_in_the_enums_order() -> None:
    terms = ServiceLevel(
        pause_states=[
            TicketStatus.ESCALATED,
            TicketStatus.PENDING,
            TicketStatus.PENDING,
        ]
    )
    assert (TicketStatus.PENDING, TicketStatus.ESCALATED) == terms.pause_states


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_response": dt.timedelta(0)}, "first_response"),
        ({"next_response": dt.timedelta(minutes=-1)}, "next_response"),
        ({"resolution": 3600}, "resolution"),
        ({"warning": dt.timedelta(minutes=-1)}, "warning"),
        ({"pause_states": ["pending"]}, "pause_states"),
        ({"pause_states": TicketStatus.PENDING}, "pause_states"),
        ({"count_bots": 1}, "count_bots"),
    ],
)
def test_bad_terms_are_refused_by_name(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        ServiceLevel(**changes)
    assert field == caught.value.field


def test_statuses_refuse_naive_times_and_repeated_metrics() -> None:
    with pytest.raises(InvalidValue, match="deadline"):
        MetricStatus(
            SlaMetric.RESOLUTION,
            SlaState.ON_TRACK,
            episode=1,
            deadline=dt.datetime(2024, 3, 4),
        )
    with pytest.raises(InvalidValue, match="episode"):
        SlaEvent(T0, SlaMetric.RESOLUTION, SlaEventKind.ACTIVATE, episode=0)
    twice = MetricStatus(SlaMetric.RESOLUTION, SlaState.MET, episode=1)
    with pytest.raises(InvalidValue, match="one status per metric"):
        SlaStatus("t", T0, metrics=[twice, twice])


def test_a_status_lists_metrics_in_their_order() -> None:
    late = MetricStatus(SlaMetric.RESOLUTION, SlaState.BREACHED, episode=1)
    early = MetricStatus(SlaMetric.FIRST_RESPONSE, SlaState.MET, episode=1)
    status = SlaStatus("t", T0, metrics=[late, early])
    assert (early, late) == status.metrics
    assert SlaState.BREACHED == status.state
    assert status.status(SlaMetric.NEXT_RESPONSE) is None
