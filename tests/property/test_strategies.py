"""The shipped strategies: registered with Hypothesis, and shrinking simply."""

from typing import Any

import pytest
from hypothesis import find, given
from hypothesis import strategies as st

import carekit
from carekit.testing import strategies as cks

MODELS = sorted(cks.by_type(), key=lambda cls: cls.__name__)


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_from_type_uses_the_registered_strategy(cls: type, data: st.DataObject) -> None:
    """The ``hypothesis`` entry point makes ``st.from_type(Model)`` work."""
    assert isinstance(data.draw(st.from_type(cls)), cls)


def test_every_exported_model_has_a_strategy() -> None:
    attrs_models = {
        value
        for value in vars(carekit).values()
        if isinstance(value, type) and hasattr(value, "__attrs_attrs__")
    }
    assert set() == attrs_models - set(cks.by_type())


def test_datetimes_shrink_to_utc_on_2000_01_01() -> None:
    """Examples shrink toward UTC and 2000-01-01."""
    smallest = find(cks.aware_datetimes(), lambda _: True)
    assert "2000-01-01T00:00:00+00:00" == smallest.isoformat()
    assert "UTC" == str(smallest.tzinfo)


def test_conversations_shrink_to_empty() -> None:
    smallest: Any = find(cks.conversations(), lambda _: True)
    assert 0 == len(smallest.messages)
