"""Zone names are IANA keys: one check for calendars and for plain data.

Rule: a zone name must be a key of the IANA time zone database that Python
ships with. Host files that are not a place's clock (``localtime``,
``posixrules``, ``Factory``) and directories (``Europe``) are refused with a
carekit error, never an ``OSError`` that shows a host path.
"""

import datetime as dt
import zoneinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit import BusinessCalendar
from carekit._zones import is_zone_key, zone_key, zone_of
from carekit.errors import InvalidValue, StructureError
from carekit.serialization import structure, unstructure

NOT_ZONES = ["localtime", "posixrules", "Factory", "Europe", "America/", "",
             "../etc/passwd", "/etc/localtime", "Europe/../UTC", "europe/berlin",
             " UTC", "posix/Europe/Berlin", "right/UTC"]  # fmt: skip
STAMP = "2024-01-01T09:00:00+00:00"


@pytest.mark.parametrize("name", NOT_ZONES)
def test_a_calendar_refuses_what_is_not_an_iana_zone(name: str) -> None:
    """``BusinessCalendar("Europe")`` raised ``IsADirectoryError``; every
    name that is not an IANA key now raises ``InvalidValue`` naming
    ``timezone``."""
    with pytest.raises(InvalidValue) as info:
        BusinessCalendar(name)
    assert "timezone" == info.value.field


@pytest.mark.parametrize("name", ["Europe", "localtime", "../../etc/passwd"])
def test_structure_of_a_directory_zone_leaks_no_host_path(name: str) -> None:
    """Through ``structure`` the error is a ``StructureError`` and neither it
    nor its causes mention the host's zoneinfo directory."""
    with pytest.raises(StructureError) as info:
        structure({"timezone": name, "hours": [], "holidays": []}, BusinessCalendar)
    chain: list[BaseException] = []
    error: BaseException | None = info.value
    while error is not None and len(chain) < 10:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert not any(isinstance(e, OSError) for e in chain)
    for root in zoneinfo.TZPATH:
        assert all(root not in repr(e) for e in chain)


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Factory", "Europe"])
def test_a_datetime_in_a_host_zone_is_refused(name: str) -> None:
    with pytest.raises(StructureError) as info:
        structure(f"{STAMP}[{name}]", dt.datetime)
    assert "IANA" in info.value.errors[0]


def test_a_zone_read_from_a_file_serializes_by_its_offset() -> None:
    """A ``ZoneInfo`` without a key was written as ``[None]``, which could not
    be read back; now only the offset is written, and the instant returns."""
    files = [Path(root, "Europe/Berlin") for root in zoneinfo.TZPATH]
    source = next((path for path in files if path.is_file()), None)
    if source is None:
        pytest.skip("no system zoneinfo file to read")
    with source.open("rb") as handle:
        unnamed = ZoneInfo.from_file(handle)
    moment = dt.datetime(2024, 7, 1, 12, tzinfo=unnamed)
    text = unstructure(moment)
    assert "2024-07-01T12:00:00+02:00" == text
    assert moment == structure(text, dt.datetime)
    with pytest.raises(InvalidValue):
        BusinessCalendar(unnamed)


def test_a_calendar_takes_a_zoneinfo_by_its_key() -> None:
    assert "Europe/Berlin" == BusinessCalendar(ZoneInfo("Europe/Berlin")).timezone


@given(st.sampled_from(sorted(zoneinfo.available_timezones() - {"localtime"})))
def test_every_iana_zone_is_accepted(name: str) -> None:
    """Every key of the bundled database (but the three non-places) works."""
    if name in {"posixrules", "Factory"}:
        assert not is_zone_key(name)
        return
    assert name == zone_key(name, "timezone")
    assert ZoneInfo(name) == zone_of(name, "timezone")


@given(st.text(max_size=20))
def test_any_other_text_is_refused_with_a_carekit_error(name: str) -> None:
    if is_zone_key(name):
        assert name in zoneinfo.available_timezones()
        return
    with pytest.raises(InvalidValue):
        zone_key(name, "timezone")


@pytest.mark.parametrize("value", [None, 1, b"UTC", ["UTC"], dt.UTC])
def test_what_is_not_a_name_is_refused(value: object) -> None:
    with pytest.raises(InvalidValue) as info:
        zone_key(value, "zone")
    assert "zone" == info.value.field


def _linkedin_event(zone: str) -> dict[str, object]:
    from carekit.events import Event, Online, Organizer
    from carekit.events.linkedin import to_linkedin

    event = Event(
        "e-1",
        Organizer.person("ada"),
        name="Care meetup",
        start=dt.datetime(2019, 11, 12, 18, tzinfo=ZoneInfo("Europe/Berlin")),
        location=Online("https://meet.example.com/care"),
    )
    return {**to_linkedin(event), "timezone": zone}


@pytest.mark.parametrize("name", ["Europe", "localtime", "Factory", "../x"])
def test_a_linkedin_event_in_a_host_zone_is_refused(name: str) -> None:
    """The LinkedIn reader raised ``IsADirectoryError`` (with the host path)
    for ``Europe`` and accepted ``localtime``; it now refuses both cleanly."""
    from carekit.events.linkedin import parse_linkedin

    with pytest.raises(StructureError) as info:
        parse_linkedin(_linkedin_event(name))
    assert not isinstance(info.value.__cause__, OSError)
    assert all(root not in str(info.value) for root in zoneinfo.TZPATH)


def test_an_event_in_the_host_zone_is_refused() -> None:
    """An event's zone says how its time is shown to guests: ``localtime``
    would show it in whatever zone the host is set to."""
    from carekit.events import Event, Online, Organizer

    with pytest.raises(InvalidValue) as info:
        Event(
            "e-1",
            Organizer.person("ada"),
            name="Care meetup",
            start=dt.datetime(2019, 11, 12, 18, tzinfo=ZoneInfo("localtime")),
            location=Online("https://meet.example.com/care"),
        )
    assert "start" == info.value.field
