"""The shared converter (SPEC §0, "Lossless plain data"): formats and errors."""

import datetime as dt
import decimal
from decimal import Decimal
from zoneinfo import ZoneInfo

import pendulum
import pytest

from carekit import Interval, Money
from carekit.conversations import AuthorKind, Channel, Conversation, Direction, Message
from carekit.customers import AdminRecord, Note
from carekit.errors import StructureError
from carekit.serialization import structure, unstructure


def test_datetimes_are_iso_8601_with_offset_and_zone() -> None:
    """Datetimes as ISO 8601 with offset (and the IANA zone, RFC 9557)."""
    berlin = dt.datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"), fold=1)
    interval = Interval(berlin, berlin)
    plain = unstructure(interval)
    assert "2024-10-27T02:30:00+01:00[Europe/Berlin]" == plain["start"]
    back = structure(plain, Interval)
    assert 1 == back.start.fold
    assert interval == back


def test_pendulum_values_round_trip_by_instant() -> None:
    start = pendulum.datetime(2024, 3, 31, 1, 0, tz="Europe/Berlin")
    plain = unstructure(Interval(start, start.add(hours=3)))
    assert "2024-03-31T01:00:00+01:00[Europe/Berlin]" == plain["start"]
    assert dt.timedelta(hours=3) == structure(plain, Interval).duration


def test_decimals_are_strings_and_floats_are_refused() -> None:
    """Decimals as strings; floats are refused."""
    assert {"amount": "2.50", "currency": "USD"} == unstructure(Money.of("2.5", "USD"))
    with pytest.raises(StructureError) as info:
        structure({"amount": 2.5, "currency": "USD"}, Money)
    assert "$.amount" in info.value.errors[0]
    assert Money(Decimal(3), "JPY") == structure(
        {"amount": 3, "currency": "JPY"}, Money
    )


def test_enums_are_their_values() -> None:
    convo = Conversation("c", Channel.TWITTER_DM, customer_id="u")
    assert "twitter_dm" == unstructure(convo)["channel"]


def test_private_fields_use_their_init_names() -> None:
    note = Note("n", "a", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    plain = unstructure(AdminRecord("u", notes=[note], tags=["t"]))
    assert {"notes", "tags"} <= set(plain)
    assert not any(key.startswith("_") for key in plain)


def test_every_failing_field_is_reported() -> None:
    """Structuring bad data raises carekit errors naming every failing field."""
    data = {
        "id": 7,
        "channel": "carrier-pigeon",
        "customer_id": "u",
        "messages": [{"id": "m", "timestamp": "2024-01-01T09:00:00"}],
        "surprise": True,
    }
    with pytest.raises(StructureError) as info:
        structure(data, Conversation)
    text = " | ".join(info.value.errors)
    for path in ("$.id", "$.channel", "$.messages[0].timestamp", "extra fields"):
        assert path in text


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-01-01T09:00:00", "naive"),
        ("yesterday", "ISO 8601"),
        ("2024-01-01T09:00:00+00:00[Mars/Olympus]", "timezone"),
        ("2024-01-01T09:00:00+05:00[Europe/Berlin]", "offset"),
    ],
)
def test_bad_datetimes_are_refused(value: str, reason: str) -> None:
    data = {"id": "m", "timestamp": value, "direction": "inbound", "author": "customer"}
    with pytest.raises(StructureError) as info:
        structure(data, Message)
    assert reason in info.value.errors[0]


def test_strings_are_not_coerced() -> None:
    """A wrong type is refused, never converted ("123" is not 123)."""
    data = {"id": 123, "timestamp": "2024-01-01T09:00:00+00:00",
            "direction": "inbound", "author": "customer"}  # fmt: skip
    with pytest.raises(StructureError):
        structure(data, Message)


def test_message_author_is_structured_from_its_value() -> None:
    data = {"id": "m", "timestamp": "2024-01-01T09:00:00+00:00",
            "direction": "outbound", "author": "bot"}  # fmt: skip
    assert AuthorKind.BOT == structure(data, Message).author
    assert Direction.OUTBOUND == structure(data, Message).direction


def test_durations_are_exact_seconds_whatever_the_decimal_context() -> None:
    """Durations as a string of exact seconds; lossless and deterministic even
    under a caller's low-precision decimal context."""
    duration = dt.timedelta(days=5, microseconds=1)
    with decimal.localcontext() as context:
        context.prec = 5
        assert "432000.000001" == unstructure(duration)
        assert duration == structure("432000.000001", dt.timedelta)
    assert "-0.000001" == unstructure(dt.timedelta(microseconds=-1))
    assert dt.timedelta.max == structure(unstructure(dt.timedelta.max), dt.timedelta)
    assert dt.timedelta.min == structure(unstructure(dt.timedelta.min), dt.timedelta)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1e5000000", "out of range"),  # would build a 5-million-digit int
        ("-1e16", "out of range"),
        ("1e-999999999", "finer than a microsecond"),
        ("0.0000010000000000000000000000001", "finer than a microsecond"),
    ],
)
def test_bad_durations_are_refused_quickly_and_exactly(value: str, reason: str) -> None:
    """Nothing is silently rounded: 32 significant digits are not cut to the
    context's 28, and a huge exponent is refused before any arithmetic."""
    with pytest.raises(StructureError) as info:
        structure(value, dt.timedelta)
    assert reason in info.value.errors[0]


def test_a_zone_annotation_must_be_closed() -> None:
    with pytest.raises(StructureError):
        structure("2024-01-01T00:00:00+01:00[Europe/Berlin", dt.datetime)
