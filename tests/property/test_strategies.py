"""The shipped strategies: registered with Hypothesis, and shrinking simply."""

from typing import Any

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from carekit.testing import strategies as cks
from carekit.testing._models import public_models

#: Every attrs class named in any ``__all__`` of carekit, submodules included.
MODELS = public_models()


# 50 draws a model: over 160 models this is one of the suite's largest costs
# in CI, and each model's own property tests draw it far more often.
@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=50)
@given(data=st.data())
def test_from_type_draws_a_valid_instance_of_every_model(
    cls: type, data: st.DataObject
) -> None:
    """ "Every attrs class named in any ``__all__`` gets a strategy that
    ``st.from_type`` finds": the draw is an instance that passes the model's
    own validators again."""
    instance: Any = data.draw(st.from_type(cls))
    attrs.validate(instance)
    assert cls is type(instance)


def test_every_public_model_has_a_shipped_strategy() -> None:
    """No model falls back on Hypothesis's inference (which builds invalid
    values): each one is in ``by_type``, and ``by_type`` holds nothing else."""
    assert set(MODELS) == set(cks.by_type())


def test_the_walk_finds_models_beyond_the_top_level() -> None:
    """The coverage above is not limited to ``carekit.__all__``."""
    names = {cls.__name__ for cls in MODELS}
    assert {"BadgeDecision", "ConditionResult", "StatementEntry"} <= names


def test_datetimes_shrink_to_utc_on_2000_01_01() -> None:
    """Examples shrink toward UTC and 2000-01-01."""
    smallest = find(cks.aware_datetimes(), lambda _: True)
    assert "2000-01-01T00:00:00+00:00" == smallest.isoformat()
    assert "UTC" == str(smallest.tzinfo)


def test_conversations_shrink_to_empty() -> None:
    smallest: Any = find(cks.conversations(), lambda _: True)
    assert 0 == len(smallest.messages)
