"""Responsiveness laws: one answer whichever way the data comes in.

An independent, deliberately plain oracle (one conversation at a time, no
caching, no bisect) states the definition; every entry point must agree
with it exactly.
"""

import datetime as dt
import random
from functools import reduce
from typing import Any

import attrs
from hypothesis import given, note
from hypothesis import strategies as st

from carekit.responsiveness import (
    ALL_DATA,
    AwayRule,
    BadgeCriteria,
    DisplayBands,
    ResponseAccumulator,
    ResponseRules,
    ResponseStats,
    Role,
    decide,
    displayed,
    measure_columns,
    measure_rows,
)
from carekit.testing import strategies as cks

Rows = list[tuple[int, float, int]]
Away = list[tuple[float, float]]
Case = tuple[Rows, Away, ResponseRules]
Thread = dict[str, Any]


def _merged(away: Away) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for start, end in sorted(p for p in away if p[0] < p[1]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def threads_of(rows: Rows, away: Away, policy: ResponseRules) -> list[Thread]:
    """Every thread the definition finds, one conversation at a time."""
    silence = policy.silence.total_seconds()
    window = policy.window.total_seconds()
    answering = {int(Role.AGENT)} | ({int(Role.BOT)} if policy.count_bots else set())
    periods = _merged(away)
    found: list[Thread] = []
    for cid in sorted({row[0] for row in rows}):
        last: float | None = None
        current: Thread | None = None
        for index, (row_cid, t, role) in enumerate(rows):
            # Only customer and answering messages count: automation, notes
            # and uncounted bots never move a metric.
            if row_cid != cid or (role != Role.CUSTOMER and role not in answering):
                continue
            if role == Role.CUSTOMER and (last is None or t - last >= silence):
                period = next((p for p in periods if p[0] <= t < p[1]), None)
                current = {
                    "cid": cid,
                    "start": t,
                    "index": index,
                    "effective": period[1] if period else t,
                    "excluded": period is not None and policy.away is AwayRule.EXCLUDE,
                    "reply": None,
                }
                found.append(current)
            elif (
                role in answering
                and current is not None
                and not current["excluded"]
                and current["reply"] is None
            ):
                current["reply"] = t
            last = t
    for thread in found:
        reply = thread["reply"]
        delay = None if reply is None else reply - thread["effective"]
        on_time = delay is not None and delay <= window
        thread["time"] = max(0.0, delay) if on_time and delay is not None else None
    return found


def oracle(rows: Rows, away: Away, policy: ResponseRules) -> ResponseStats:
    found = threads_of(rows, away, policy)
    counted = [t for t in found if not t["excluded"]]
    times = [t["time"] for t in counted if t["time"] is not None]
    return ResponseStats(
        len(counted), len(times), len(found) - len(counted), response_times=times
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Rows, away periods and a policy. Some periods start or end exactly at a
    row's time, so threads start inside, at the edges of and outside them."""
    rows = draw(cks.response_rows())
    away = draw(cks.away_periods(max_size=2))
    policy = draw(cks.response_policies())
    starts = [thread["start"] for thread in threads_of(rows, [], policy)]
    spans = st.sampled_from((1, 60, 300, 3600, 32400, 86400))
    for _ in range(draw(st.integers(0, 3)) if starts else 0):
        t = draw(st.sampled_from(starts))
        before, after = draw(spans), draw(spans)
        # Starts at, covers, or ends exactly at a thread's start; or two
        # touching periods cover it (one away period without a break).
        edges = [
            [(t, t + after)],
            [(t - before, t + after)],
            [(t - before, t)],
            [(t + 1, t + after + 1), (t - before, t + 1)],
        ]
        away.extend(draw(st.sampled_from(edges)))
    return rows, away, policy


@given(cases())
def test_bulk_equals_the_definition(case: Case) -> None:
    """measure_rows implements exactly the definition in docs/responsiveness.md."""
    rows, away, policy = case
    assert oracle(rows, away, policy) == measure_rows(rows, away=away, policy=policy)


@given(cases())
def test_streaming_equals_batch_equals_bulk(case: Case) -> None:
    """One message at a time, one feed, chunks, columns and rows: one answer."""
    rows, away, policy = case
    bulk = measure_rows(rows, away=away, policy=policy)
    one_by_one = ResponseAccumulator(policy, away)
    for cid, t, role in rows:
        one_by_one.add(cid, t, role)
    assert bulk == one_by_one.stats()
    ids, times, roles = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
    assert bulk == measure_columns(ids, times, roles, away=away, policy=policy)
    chunks = ResponseAccumulator(policy, away)
    for k in range(0, len(rows), 3):
        chunks.feed(rows[k : k + 3])
    assert bulk == chunks.stats()


@given(cases())
def test_rate_is_a_share(case: Case) -> None:
    """Rate ∈ [0, 1], and None exactly when nothing is eligible."""
    rows, away, policy = case
    stats = measure_rows(rows, away=away, policy=policy)
    if stats.eligible == 0:
        assert stats.rate is None
    else:
        assert stats.rate is not None
        assert 0.0 <= stats.rate <= 1.0


@given(cases(), st.randoms(use_true_random=False))
def test_order_of_conversations_does_not_matter(case: Case, rnd: random.Random) -> None:
    """Deterministic regardless of the order conversations are given in
    (each conversation keeps its own order)."""
    rows, away, policy = case
    ids = sorted({row[0] for row in rows})
    rnd.shuffle(ids)
    by_conversation = [row for cid in ids for row in rows if row[0] == cid]
    expected = measure_rows(rows, away=away, policy=policy)
    assert expected == measure_rows(by_conversation, away=away, policy=policy)


@given(
    cases(),
    st.lists(st.integers(0, 3), min_size=8, max_size=8),
    st.randoms(use_true_random=False),
)
def test_merge_of_any_partition_by_conversation_equals_one_pass(
    case: Case, assignment: list[int], rnd: random.Random
) -> None:
    """Partitions split by conversation, merged in any order and grouping,
    give exactly the single-pass answer (merge is associative and
    commutative)."""
    rows, away, policy = case
    parts = [ResponseAccumulator(policy, away) for _ in range(4)]
    for part_index, part in enumerate(parts):
        part.feed(r for r in rows if assignment[r[0] % 8] == part_index)
    expected = measure_rows(rows, away=away, policy=policy)
    rnd.shuffle(parts)
    left_fold = reduce(lambda a, b: a.merge(b), parts)
    right_fold = parts[0].merge(parts[1].merge(parts[2].merge(parts[3])))
    pairs = parts[2].merge(parts[0]).merge(parts[3].merge(parts[1]))
    assert expected == left_fold.stats()
    assert expected == right_fold.stats()
    assert expected == pairs.stats()


@given(cases(), cks.away_periods(max_size=1))
def test_adding_an_away_period_never_adds_eligible_threads(
    case: Case, extra: Away
) -> None:
    """More away time can only leave threads out (exclude) or move their
    start (defer); it never makes a thread eligible."""
    rows, away, policy = case
    before = measure_rows(rows, away=away, policy=policy)
    after = measure_rows(rows, away=away + extra, policy=policy)
    assert after.eligible <= before.eligible
    total = before.eligible + before.excluded_away
    assert total == after.eligible + after.excluded_away


@given(cases(), st.data())
def test_a_faster_agent_reply_never_makes_the_median_slower(
    case: Case, data: st.DataObject
) -> None:
    """Answering a thread earlier lowers (or keeps) its time and no other."""
    rows, away, policy = case
    answered = [
        t
        for t in threads_of(rows, away, policy)
        if t["time"] is not None and t["reply"] > t["start"]
    ]
    if not answered:
        return
    thread = data.draw(st.sampled_from(answered))
    cid = thread["cid"]
    t = float(data.draw(st.integers(int(thread["start"]), int(thread["reply"]) - 1)))
    # After every row of the conversation at or before t: its order holds.
    index = max(i for i, r in enumerate(rows) if r[0] == cid and r[1] <= t)
    faster = [*rows[: index + 1], (cid, t, int(Role.AGENT)), *rows[index + 1 :]]
    note(f"reply at {t} inserted after row {index}")
    before = measure_rows(rows, away=away, policy=policy)
    after = measure_rows(faster, away=away, policy=policy)
    assert (before.eligible, before.responded) == (after.eligible, after.responded)
    slower, quicker = before.median(), after.median()
    assert slower is not None
    assert quicker is not None
    assert quicker <= slower


@given(cks.response_stats(), st.floats(0, 100))
def test_percentiles_are_ordered_and_bounded(stats: ResponseStats, p: float) -> None:
    """Any percentile lies between the fastest and slowest time; p50 is the
    median; the mean of the fastest 90 % is at most the mean."""
    value = stats.percentile(p)
    if not stats.response_times:
        assert value is None
        return
    assert value is not None
    assert stats.response_times[0] <= value <= stats.response_times[-1]
    assert stats.median() == stats.percentile(50)
    fastest, mean = stats.fastest_mean(), stats.mean()
    assert fastest is not None
    assert mean is not None
    assert fastest <= mean * (1 + 1e-12)


@given(cases(), st.floats(0, 10 * 86400))
def test_pending_threads_are_open_threads_inside_the_window(
    case: Case, offset: float
) -> None:
    """``stats(as_of)`` moves open threads still inside their window to
    ``pending``; the other counts stay."""
    rows, away, policy = case
    acc = ResponseAccumulator(policy, away).feed(rows)
    final = acc.stats()
    as_of = max((r[1] for r in rows), default=cks.EPOCH_2000) + offset
    now = acc.stats(as_of)
    assert final.eligible == now.eligible + now.pending
    assert final.responded == now.responded
    assert final.response_times == now.response_times
    if policy.away is AwayRule.EXCLUDE:  # deferred starts may lie after as_of
        assert now.pending == 0 or offset <= policy.window.total_seconds()


@given(cases())
def test_since_and_until_select_threads_by_start(case: Case) -> None:
    """Threads before ``since`` are not counted; rows from ``until`` on are
    ignored; far-away bounds change nothing."""
    rows, away, policy = case
    everything = measure_rows(rows, away=away, policy=policy)
    year_1 = -62_135_596_800  # 0001-01-01T00:00Z, the earliest bound
    assert everything == measure_rows(rows, away=away, policy=policy, since=year_1)
    if not rows:
        return
    middle = rows[len(rows) // 2][1]
    later = measure_rows(rows, away=away, policy=policy, since=middle)
    counted = [
        t
        for t in threads_of(rows, away, policy)
        if t["start"] >= middle and not t["excluded"]
    ]
    assert len(counted) == later.eligible
    cut = measure_rows(rows, away=away, policy=policy, until=middle)
    kept = [r for r in rows if r[1] < middle]
    expected = measure_rows(kept, away=away, policy=policy)
    assert expected.response_times == cut.response_times
    assert expected.eligible == cut.eligible + cut.pending


def test_policy_defaults_are_the_spec_defaults() -> None:
    """The defaults: 24 h window, 24 h silence, no bots, away excluded."""
    day = dt.timedelta(hours=24)
    assert ResponseRules(day, day, count_bots=False, away=AwayRule.EXCLUDE) == (
        ResponseRules()
    )


@given(
    st.from_type(ResponseRules),
    st.from_type(BadgeCriteria),
    st.from_type(DisplayBands),
    st.from_type(ResponseStats),
)
def test_every_model_has_a_registered_strategy(
    policy: ResponseRules,
    badge: BadgeCriteria,
    display: DisplayBands,
    stats: ResponseStats,
) -> None:
    """Strategies ship for every public model (``st.from_type`` works), and
    any badge or display policy judges any statistics without error."""
    assert isinstance(policy, ResponseRules)
    # Precomputed statistics are judged over all data.
    decision = decide(stats, policy=attrs.evolve(badge, window=ALL_DATA))
    assert decision.awarded == all(c.passed for c in decision.conditions)
    assert (stats.eligible == 0) == (len(decision.reasons) == 1)
    displayed(stats, policy=display)


@given(cases(), st.integers(1, 5))
def test_forgetting_idle_conversations_changes_no_figure(
    case: Case, every: int
) -> None:
    """``forget(watermark)`` while streaming in time order gives the same
    answer, with state for fewer conversations."""
    rows, away, policy = case
    acc = ResponseAccumulator(policy, away)
    for index, (cid, t, role) in enumerate(rows):
        if index % every == 0:
            acc.forget(t)  # rows come in global time order: none before t
        acc.add(cid, t, role)
    assert measure_rows(rows, away=away, policy=policy) == acc.stats()
