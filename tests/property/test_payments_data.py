"""Every payment model converts to JSON-compatible data and back, unchanged
(lossless plain data), and every one has a registered strategy
("Hypothesis strategies for every payment model")."""

import datetime as dt
import json
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit.testing import strategies as cks

PAYMENT_MODELS = [
    cls for cls in cks.by_type() if cls.__module__.startswith("carekit.payments")
]


def _unstructure_datetime(value: dt.datetime) -> str:
    zone = value.tzinfo
    suffix = f"[{zone.key}]" if isinstance(zone, ZoneInfo) else ""
    return value.isoformat() + suffix


def _structure_datetime(value: str, _type: type) -> dt.datetime:
    text, _, key = value.partition("[")
    moment = dt.datetime.fromisoformat(text)
    return moment.astimezone(ZoneInfo(key[:-1])) if key else moment


def plain_data_converter() -> cattrs.Converter:
    """Decimals as strings, datetimes as ISO text (with the zone), durations as
    microseconds; enums by value and unions by their unique fields (cattrs'
    defaults)."""
    converter = cattrs.Converter()
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, lambda value, _: Decimal(value))
    converter.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(
        dt.timedelta, lambda value: value // dt.timedelta(microseconds=1)
    )
    converter.register_structure_hook(
        dt.timedelta, lambda value, _: dt.timedelta(microseconds=value)
    )
    return converter


CONVERTER = plain_data_converter()


def test_every_payment_model_has_a_strategy() -> None:
    """ "Hypothesis strategies for every payment model" """
    import carekit.payments as payments

    models = {
        obj
        for name in payments.__all__
        if isinstance(obj := getattr(payments, name), type)
        and hasattr(obj, "__attrs_attrs__")
    }
    assert models == set(PAYMENT_MODELS)


@pytest.mark.parametrize("model", PAYMENT_MODELS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_round_trip_through_json(model: type, data: st.DataObject) -> None:
    """ "Every model converts to JSON-compatible dicts and back, unchanged." """
    value: Any = data.draw(st.from_type(model))
    plain = json.loads(json.dumps(CONVERTER.unstructure(value)))
    assert value == CONVERTER.structure(plain, model)
