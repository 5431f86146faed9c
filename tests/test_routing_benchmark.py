"""The routing benchmark's two implementations agree, so ``make bench``
compares like with like."""

import random

import pytest
from benchmarks import routing


@pytest.mark.parametrize("seed", [1, 2])
def test_carekit_and_the_plain_loop_make_the_same_assignments(seed: int) -> None:
    rng = random.Random(seed)
    batch = routing.messages(400, rng)
    snapshot = routing.agents(12, rng)
    tight = [agent.with_open_load(agent.capacity - 3) for agent in snapshot]
    expected = routing.with_plain_loop(batch, tight)
    assert expected == routing.with_carekit(batch, tight)
    assert any(agent == "" for *_, agent in expected)  # some cases stay queued
