"""Lossless plain data: ``structure(unstructure(x)) == x`` for every
model, and bad data raises only carekit errors."""

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit.errors import StructureError
from carekit.serialization import structure, unstructure
from carekit.testing import strategies as cks
from tests._junk import nested

MODELS = sorted(cks.by_type().items(), key=lambda item: item[0].__name__)


@pytest.mark.parametrize(
    ("cls", "strategy"), MODELS, ids=lambda v: getattr(v, "__name__", "")
)
@given(data=st.data())
def test_round_trip_is_lossless(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    """Every model converts to JSON-compatible dicts and back, unchanged."""
    value = data.draw(strategy)
    plain = unstructure(value)
    assert plain == json.loads(json.dumps(plain))  # JSON-compatible
    assert value == structure(plain, cls)


def attempt(data: object, cls: type) -> StructureError | None:
    """Structure *data*; return the carekit error, let any other escape."""
    try:
        structure(data, cls)
    except StructureError as exc:
        return exc
    return None


#: Leaves a careless or hostile document holds: huge numbers, decimal-ish
#: strings (separators, exponents, other scripts' digits), very deep nesting.
odd_leaves = (
    st.integers(min_value=-(10**400), max_value=10**400)
    | st.sampled_from(["1_000", " 1", "+1", "1e9999999", "١٢", "NaN", "-0.00"])
    | st.integers(min_value=100, max_value=20_000).map(nested)
)

#: Object keys need not be strings in Python data: ints, None, bools, tuples.
keys = st.text(max_size=8) | st.integers() | st.none() | st.booleans()

json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)

#: What a careless or hostile caller passes besides JSON: non-string keys,
#: huge numbers, decimal-ish strings, very deep nesting.
hostile_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | odd_leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(keys, children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize(
    ("cls", "strategy"), MODELS, ids=lambda v: getattr(v, "__name__", "")
)
@given(data=hostile_json)
def test_structuring_arbitrary_json_raises_only_carekit_errors(
    cls: type, strategy: st.SearchStrategy[Any], data: object
) -> None:
    """Structuring arbitrary JSON-like data (non-string keys, huge numbers,
    deep nesting included) raises only ``StructureError``, never a bare
    ``KeyError``, ``TypeError``, ``RecursionError`` or ``AttributeError``."""
    error = attempt(data, cls)
    if error is not None:
        assert error.errors
        assert all(" @ $" in line for line in error.errors)


@pytest.mark.parametrize(
    ("cls", "strategy"), MODELS, ids=lambda v: getattr(v, "__name__", "")
)
@given(data=st.data())
def test_mutated_valid_data_raises_only_carekit_errors(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    """A valid document with one field replaced by junk still fails cleanly."""
    plain = unstructure(data.draw(strategy))
    if not isinstance(plain, dict) or not plain:
        return
    key = data.draw(st.sampled_from(sorted(plain)))
    plain[key] = data.draw(hostile_json)
    error = attempt(plain, cls)
    if error is not None:
        assert any(f"$.{key}" in line or line.endswith("@ $") for line in error.errors)
