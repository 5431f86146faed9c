"""Instants compare as instants, in every model: a datetime field compares
and hashes by the instant it names, never by wall clock (Python compares two
datetimes sharing a tzinfo by wall clock, so the two 02:30s of Berlin's
fall-back night would be one)."""

import datetime as dt
import importlib
import pkgutil
import typing
from zoneinfo import ZoneInfo

import attrs
import pytest

import carekit
from carekit._instants import instant_key, optional_instant_key

MODULES = [
    importlib.import_module(info.name)
    for info in pkgutil.walk_packages(carekit.__path__, prefix="carekit.")
    if not info.name.startswith("carekit.testing")
]
MODELS = sorted(
    {
        value
        for module in MODULES
        for value in vars(module).values()
        if isinstance(value, type)
        and attrs.has(value)
        and value.__module__.startswith("carekit.")
    },
    key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)
DATETIMES = {dt.datetime, dt.datetime | None, typing.Optional[dt.datetime]}  # noqa: UP045


def datetime_fields(cls: type) -> list[str]:
    hints = typing.get_type_hints(cls)
    return [
        a.name for a in attrs.fields(cls) if a.eq and hints.get(a.name) in DATETIMES
    ]


TIMED = [(cls, name) for cls in MODELS for name in datetime_fields(cls)]


def test_the_audit_finds_the_time_keyed_models() -> None:
    """The scan sees what it is meant to see (so an empty pass means something)."""
    names = {f"{cls.__name__}.{name}" for cls, name in TIMED}
    assert {"Interval.start", "Message.timestamp", "Note.created_at"} <= names


@pytest.mark.parametrize(
    ("cls", "name"), TIMED, ids=[f"{c.__name__}.{n}" for c, n in TIMED]
)
def test_every_datetime_field_compares_by_instant(cls: type, name: str) -> None:
    key = attrs.fields_dict(cls)[name].eq_key  # type: ignore[attr-defined]
    assert key in (instant_key, optional_instant_key)


def test_instant_keys_tell_the_fold_apart() -> None:
    cest = dt.datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    cet = cest.replace(fold=1)
    assert cest == cet
    assert dt.timedelta(hours=1) == instant_key(cet) - instant_key(cest)
    assert optional_instant_key(None) is None
    assert instant_key(cest) == optional_instant_key(cest)
