"""The LinkedIn adapter (issue 18: "the LinkedIn round trip is lossless";
"Keep the event's timezone, which epoch milliseconds lose, in its own
field")."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit.errors import InvalidValue, StructureError
from carekit.events import Event, parse_linkedin, to_linkedin
from carekit.testing import strategies as cks
from tests.property.test_serialization import json_like


@given(cks.events())
def test_the_linkedin_round_trip_is_lossless(event: Event) -> None:
    data = to_linkedin(event)
    assert data == json.loads(json.dumps(data))  # JSON-compatible
    back = parse_linkedin(json.loads(json.dumps(data)))
    assert event == back
    # Equal datetimes may differ in zone; the wall clock must come back too.
    assert (event.timezone, event.start.utcoffset()) == (
        back.timezone,
        back.start.utcoffset(),
    )
    assert event.start.replace(tzinfo=None) == back.start.replace(tzinfo=None)


@given(cks.events())
def test_times_are_epoch_milliseconds(event: Event) -> None:
    start = to_linkedin(event)["timeRangeV2"]["startAt"]
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    # By UTC instant: Python never finds two zones' times in a DST fold equal.
    assert event.start.astimezone(dt.UTC) == epoch + dt.timedelta(milliseconds=start)


@given(cks.events(), st.integers(min_value=1, max_value=999))
def test_sub_millisecond_times_are_refused_not_rounded(event: Event, us: int) -> None:
    start = event.start.replace(microsecond=event.start.microsecond + us)
    shifted = Event(
        event.id,
        event.organizer,
        name=event.name,
        start=start,
        location=event.location,
    )
    with pytest.raises(InvalidValue) as info:
        to_linkedin(shifted)
    assert "start" == info.value.field


def attempt(data: object) -> StructureError | None:
    """Parse *data*; return the carekit error, let any other escape."""
    try:
        parse_linkedin(data)
    except StructureError as exc:
        return exc
    return None


@given(json_like)
def test_arbitrary_json_raises_only_structure_errors(data: object) -> None:
    error = attempt(data)
    if error is not None:
        assert error.errors
        assert all(" @ $" in line for line in error.errors)


@given(cks.events(), st.data())
def test_a_field_replaced_by_junk_fails_cleanly(
    event: Event, data: st.DataObject
) -> None:
    payload = to_linkedin(event)
    key = data.draw(st.sampled_from(sorted(payload)))
    payload[key] = data.draw(json_like)
    error = attempt(payload)
    if error is not None:
        assert error.errors
        assert all(" @ $" in line for line in error.errors)
