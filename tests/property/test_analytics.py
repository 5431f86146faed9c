"""Care analytics laws: an independent oracle for first and next responses,
agreement with responsiveness, business time within wall time, and the
accumulator contract (any partition merges to a single pass; merge is pure).
"""

import datetime as dt
import math
import pickle
from collections import Counter
from functools import reduce
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from carekit.analytics import (
    ByAgent,
    DurationAccumulator,
    GroupAccumulator,
    HandlingAccumulator,
    ResponseKind,
    ResponseTimeRules,
    breakdown,
    resolution_of,
    response_durations,
    response_rows,
)
from carekit.responsiveness import ResponseRules, measure_conversations, role_of
from carekit.testing import strategies as cks

Row = tuple[int, float, int, str | None]

#: Messages within about three days, so the 24 h silence rule both holds
#: and breaks.
MOMENTS = st.datetimes(
    min_value=dt.datetime(2024, 3, 29),
    max_value=dt.datetime(2024, 4, 1),
    timezones=st.just(dt.UTC),
)
CONVERSATIONS = st.lists(cks.conversations(max_size=8, timestamps=MOMENTS), max_size=4)


def oracle(rows: list[Row], silence: float, count_bots: bool) -> list[tuple[Any, ...]]:
    """The definitions, one conversation at a time, written plainly."""
    answering = {1, 2} if count_bots else {1}
    out: list[tuple[Any, ...]] = []
    for cid in dict.fromkeys(r[0] for r in rows):
        last = None  # the latest silence-breaking row
        thread = waiting = None
        answered = False
        for _, t, role, author in (r for r in rows if r[0] == cid):
            if role == 0:
                if last is None or t - last >= silence:
                    thread, answered, waiting = t, False, None
                elif answered and waiting is None:
                    waiting = t
                last = t
            elif role in answering:
                last = t
                if thread is None:
                    continue
                if not answered:
                    answered = True
                    out.append((cid, ResponseKind.FIRST, author, t - thread))
                elif waiting is not None:
                    out.append((cid, ResponseKind.NEXT, author, t - waiting))
                    waiting = None
    return sorted(out, key=repr)


@st.composite
def row_sets(draw: st.DrawFn) -> list[Row]:
    rows: list[Row] = []
    for cid in range(draw(st.integers(min_value=0, max_value=4))):
        t = 0.0
        for _ in range(draw(st.integers(min_value=0, max_value=10))):
            t += draw(st.sampled_from([0.0, 1.0, 30.0, 100.0, 3600.0]))
            role = draw(st.integers(min_value=0, max_value=4))
            rows.append(
                (cid, t, role, None if role == 0 else draw(st.sampled_from("ab")))
            )
    return sorted(rows, key=lambda r: r[1])  # conversations interleave


@given(rows=row_sets(), count_bots=st.booleans())
def test_rows_agree_with_the_oracle(rows: list[Row], count_bots: bool) -> None:
    """First response: thread start → first qualifying response; next
    response: first unanswered customer message → next qualifying response,
    within a thread; a message after the silence opens a new thread."""
    rules = ResponseTimeRules(dt.timedelta(seconds=3600), count_bots=count_bots)
    firsts, nexts = response_rows(rows, policy=rules)
    found = [(r[0], ResponseKind.FIRST, r[1], r[2]) for r in firsts]
    found += [(r[0], ResponseKind.NEXT, r[1], r[2]) for r in nexts]
    assert oracle(rows, 3600.0, count_bots) == sorted(found, key=repr)


@given(conversations=CONVERSATIONS)
def test_first_responses_agree_with_responsiveness(conversations: Any) -> None:
    """ "Analytics FRT agrees with responsiveness on the same data (same thread
    starts, same response times)": with a window longer than the data, every
    first response is a responsiveness response time."""
    durations = response_durations(conversations)
    firsts = sorted(d.seconds for d in durations if d.kind is ResponseKind.FIRST)
    stats = measure_conversations(
        conversations, policy=ResponseRules(window=dt.timedelta(days=3650))
    )
    assert list(stats.response_times) == firsts
    assert stats.responded == len(firsts)


@given(conversations=CONVERSATIONS, calendar=cks.business_calendars())
def test_business_time_never_exceeds_wall_time(
    conversations: Any, calendar: Any
) -> None:
    """ "Business-time value ≤ wall-clock": for every response."""
    for d in response_durations(conversations, calendar=calendar):
        assert d.business_seconds is not None
        assert 0 <= d.business_seconds <= d.seconds


@given(ticket=cks.tickets(), calendar=cks.business_calendars(), pending=st.booleans())
def test_resolution_business_time_never_exceeds_wall_time(
    ticket: Any, calendar: Any, pending: bool
) -> None:
    """Every business-time resolution figure is at most its wall-clock one,
    and the first resolution at most the full one."""
    result = resolution_of(ticket, calendar=calendar, exclude_pending=pending)
    for cycle in result.cycles:
        assert cycle.business_seconds is not None
        assert cycle.business_seconds <= cycle.seconds
    if result.full_resolution is not None:
        assert result.first_resolution is not None
        assert result.business_full is not None
        assert result.business_first is not None
        assert result.business_full <= result.full_resolution
        assert result.first_resolution <= result.full_resolution


@given(durations=st.lists(cks.response_durations(), max_size=20))
def test_per_agent_counts_sum_to_the_total(durations: Any) -> None:
    """ "Per-agent counts sum to the total"."""
    groups = GroupAccumulator().feed((d.agent, d.seconds) for d in durations)
    assert len(durations) == sum(groups.counts().values())
    assert Counter(d.agent for d in durations) == Counter(groups.counts())
    assert set(groups.counts()) == set(breakdown(durations, ByAgent()))


def partitions(size: int) -> st.SearchStrategy[list[int]]:
    """A part number for each of *size* items (parts may be empty)."""
    return st.lists(st.integers(min_value=0, max_value=3), min_size=size, max_size=size)


VALUES = st.lists(st.floats(min_value=0, max_value=1e6), max_size=30)


@given(values=VALUES, statistic=cks.statistics(), data=st.data())
def test_duration_accumulators_merge_like_a_single_pass(
    values: list[float], statistic: Any, data: st.DataObject
) -> None:
    """ "Merging any partition equals a single pass, merge never mutates its
    inputs" — and the plain form and pickle round-trip."""
    parts = data.draw(partitions(len(values)))
    pieces = [DurationAccumulator(statistic) for _ in range(4)]
    for value, part in zip(values, parts, strict=True):
        pieces[part].add(value)
    before = [p.to_data() for p in pieces]
    merged = reduce(lambda a, b: a.merge(b), pieces)
    single = DurationAccumulator(statistic).feed(values)
    assert single.extract() == merged.extract()
    assert single.to_data() == merged.to_data()
    assert before == [p.to_data() for p in pieces]
    assert merged == DurationAccumulator.from_data(merged.to_data())
    assert merged == pickle.loads(pickle.dumps(merged))


@given(
    pairs=st.lists(st.tuples(st.sampled_from([None, "a", "b"]), st.floats(0, 1e6))),
    statistic=cks.statistics(),
    data=st.data(),
)
def test_group_accumulators_merge_like_a_single_pass(
    pairs: list[tuple[str | None, float]], statistic: Any, data: st.DataObject
) -> None:
    """The same law per group."""
    parts = data.draw(partitions(len(pairs)))
    pieces = [GroupAccumulator(statistic) for _ in range(4)]
    for pair, part in zip(pairs, parts, strict=True):
        pieces[part].add(pair)
    before = [p.to_data() for p in pieces]
    merged = reduce(lambda a, b: a.merge(b), pieces[::-1])
    single = GroupAccumulator(statistic).feed(pairs)
    assert single.extract() == merged.extract()
    assert single == merged
    assert before == [p.to_data() for p in pieces]
    assert merged == GroupAccumulator.from_data(merged.to_data())


@given(tickets=st.lists(cks.tickets(max_size=6), max_size=5), data=st.data())
def test_handling_accumulators_merge_like_a_single_pass(
    tickets: Any, data: st.DataObject
) -> None:
    """The same law for handling time (disjoint tickets)."""
    parts = data.draw(partitions(len(tickets)))
    pieces = [HandlingAccumulator() for _ in range(4)]
    for ticket, part in zip(tickets, parts, strict=True):
        pieces[part].add(ticket)
    before = [p.to_data() for p in pieces]
    merged = reduce(lambda a, b: a.merge(b), pieces)
    single = HandlingAccumulator().feed(tickets)
    assert single.extract() == merged.extract()
    assert single.per_agent() == merged.per_agent()
    assert before == [p.to_data() for p in pieces]
    assert merged == HandlingAccumulator.from_data(merged.to_data())


@given(conversations=CONVERSATIONS)
def test_rows_and_conversations_give_the_same_responses(conversations: Any) -> None:
    """The bulk path and the models apply one set of rules: the same first
    and next responses, credited to the same agents."""
    chats = [attrs.evolve(c, id=f"c{i}") for i, c in enumerate(conversations)]
    rows = [
        (
            i,
            m.timestamp.timestamp(),
            int(role_of(m.direction, m.author, m.kind)),
            m.author_id,
        )
        for i, c in enumerate(chats)
        for m in c.messages
    ]
    firsts, nexts = response_rows(rows)
    durations = response_durations(chats)

    def key(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return (row[0], row[1] or "", row[2])

    for kind, found in ((ResponseKind.FIRST, firsts), (ResponseKind.NEXT, nexts)):
        expected = sorted(
            (
                (int(d.conversation_id[1:]), d.agent, d.seconds)
                for d in durations
                if d.kind is kind
            ),
            key=key,
        )
        assert len(expected) == len(found)
        for want, row in zip(expected, sorted(found, key=key), strict=True):
            assert want[:2] == row[:2]
            assert math.isclose(want[2], row[2], abs_tol=1e-3)
