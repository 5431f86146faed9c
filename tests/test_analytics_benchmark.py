"""The analytics benchmark's three implementations agree, so ``make bench``
compares like with like."""

import pytest
from benchmarks import analytics


@pytest.mark.parametrize("seed", [1, 2])
def test_carekit_the_plain_loop_and_polars_agree(seed: int) -> None:
    """Same definitions, same figures: first and next response, full
    resolution and handling time, median per agent; CSAT (the share of 4s
    and 5s among responses) per credited agent."""
    pytest.importorskip("polars")
    messages, statuses, sessions, surveys = analytics.history(300, seed)
    expected = analytics.with_loop(messages, statuses, sessions, surveys)
    assert all(expected.values())  # every figure has groups
    assert [] == analytics.disagreements(
        analytics.with_carekit(messages, statuses, sessions, None, surveys), expected
    )
    assert [] == analytics.disagreements(
        analytics.with_polars(messages, statuses, sessions, surveys), expected
    )


def test_surveys_are_credited_and_seeded() -> None:
    """CSAT: "each survey is credited to the agent who last replied before
    it was sent"; the history is seeded (same seed, same rows) and some
    surveys are answered, some not."""
    _, _, _, surveys = analytics.history(300, 4)
    assert surveys == analytics.history(300, 4)[3]
    ratings = [rating for _, rating in surveys]
    assert None in ratings
    assert {r for r in ratings if r is not None} <= {1, 2, 3, 4, 5}
    assert {agent for agent, _ in surveys} - {None} <= set(analytics.AGENTS)


def test_business_time_runs_and_never_exceeds_wall_time() -> None:
    """The business-time path gives a figure for every agent the wall path
    has, never a larger one."""
    messages, statuses, sessions, _ = analytics.history(200, 3)
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
