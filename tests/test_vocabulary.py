"""The shared vocabulary as written in ``docs/design.md``, where a test can
check it.

"A model holding a user-written policy cannot round-trip through
``structure``. Say so in the docs, with the error it raises."
"""

from typing import Any

import attrs
import pytest

from carekit import BadgeCriteria, InvalidValue, StructureError, structure, unstructure
from carekit.responsiveness import Median, ResponseStats


@attrs.frozen
class FastestHalf:
    """A user's aggregate: no carekit base class."""

    def compute(self, stats: ResponseStats) -> float | None:
        return Median().compute(stats)


def test_a_user_written_policy_is_accepted_where_the_default_is() -> None:
    assert FastestHalf() == BadgeCriteria(aggregate=FastestHalf()).aggregate


def test_unstructure_refuses_a_user_written_policy_naming_the_field() -> None:
    """Not silently written as ``{}``, which could never be read back."""
    with pytest.raises(InvalidValue, match="only the built-in aggregates") as info:
        unstructure(BadgeCriteria(aggregate=FastestHalf()))
    assert "aggregate" == info.value.field


def test_structure_refuses_a_policy_kind_it_does_not_know() -> None:
    data: dict[str, Any] = unstructure(BadgeCriteria())
    data["aggregate"] = {"kind": "fastest_half"}
    with pytest.raises(StructureError, match="kind: must be one of"):
        structure(data, BadgeCriteria)


def test_the_built_in_policies_round_trip() -> None:
    """The refusal is for foreign classes only."""
    policy = BadgeCriteria(aggregate=Median())
    assert policy == structure(unstructure(policy), BadgeCriteria)
