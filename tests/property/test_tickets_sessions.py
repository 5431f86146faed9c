"""Work sessions (issue 12: "One agent's sessions never overlap"), against a
brute-force oracle over every pair."""

import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

from carekit.testing import strategies as cks
from carekit.tickets import WorkSession, find_overlap

T0 = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
SESSIONS = st.lists(
    cks.work_sessions(
        agents=st.sampled_from(["ann", "bob"]),
        starts=st.integers(0, 48).map(lambda q: T0 + q * dt.timedelta(minutes=15)),
        max_duration=dt.timedelta(hours=2),
    ),
    max_size=8,
)


def overlapping_pairs(sessions: list[WorkSession]) -> set[tuple[int, int]]:
    """Every pair of one agent's sessions sharing an instant ([start, end))."""
    return {
        (i, j)
        for (i, a), (j, b) in itertools.combinations(enumerate(sessions), 2)
        if a.agent == b.agent and a.start < b.end and b.start < a.end
    }


@given(SESSIONS)
def test_find_overlap_agrees_with_every_pair(sessions: list[WorkSession]) -> None:
    """An overlap is found exactly when some pair of one agent's overlaps, and
    the pair returned does overlap."""
    found = find_overlap(sessions)
    assert (found is None) == (not overlapping_pairs(sessions))
    if found is not None:
        first, second = found
        assert first.overlaps(second)


@given(SESSIONS)
def test_overlap_is_symmetric_and_needs_one_agent(sessions: list[WorkSession]) -> None:
    for a, b in itertools.combinations(sessions, 2):
        assert a.overlaps(b) == b.overlaps(a)
        if a.agent != b.agent:
            assert not a.overlaps(b)


@given(cks.work_sessions())
def test_a_session_has_a_positive_duration(session: WorkSession) -> None:
    assert session.duration > dt.timedelta(0)
