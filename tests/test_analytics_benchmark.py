"""The analytics benchmark's three implementations agree, so ``make bench``
compares like with like."""

import pytest
from benchmarks import analytics


@pytest.mark.parametrize("seed", [1, 2])
def test_carekit_the_plain_loop_and_polars_agree(seed: int) -> None:
    """Same definitions, same figures: first and next response, full
    resolution and handling time, median per agent."""
    pytest.importorskip("polars")
    messages, statuses, sessions = analytics.history(300, seed)
    expected = analytics.with_loop(messages, statuses, sessions)
    assert all(expected.values())  # every figure has groups
    assert [] == analytics.disagreements(
        analytics.with_carekit(messages, statuses, sessions), expected
    )
    assert [] == analytics.disagreements(
        analytics.with_polars(messages, statuses, sessions), expected
    )


def test_business_time_runs_and_never_exceeds_wall_time() -> None:
    """The business-time path gives a figure for every agent the wall path
    has, never a larger one."""
    messages, statuses, sessions = analytics.history(200, 3)
    wall = analytics.with_carekit(messages, statuses, sessions)
    business = analytics.with_carekit(messages, statuses, sessions, analytics.CALENDAR)
    for name, figures in wall.items():
        assert figures.keys() == business[name].keys()
        for group, value in figures.items():
            other = business[name][group]
            assert value is not None
            assert other is not None
            assert other <= value + 1e-6  # each duration is, so its median is


def test_the_command_runs_small() -> None:
    """``--conversations N`` runs the whole comparison at a tiny size."""
    assert 0 == analytics.main(["--conversations", "150", "--repeat", "1"])
