"""Properties of the thread kernel, through every entry point.

- "Automatic messages never move a metric": inserting instant replies, away
  messages, templates, surveys, private notes or uncounted bot messages
  anywhere changes no field of the statistics.
- One rule set: ``add`` one row at a time, ``feed``, ``measure_rows``,
  ``measure_columns`` and ``measure_conversations`` agree, for both away
  rules (``add`` runs the kernel's per-row copy of the rules, ``feed`` its
  loop).
- Exact time: a window given as datetimes and the same window in integer
  microseconds give identical statistics, over the years 1-9999.
- Strict rows: junk in any part of a row raises only ``InvalidValue``.
"""

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from carekit import _threads
from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    Direction,
    MessageKind,
    Visibility,
)
from carekit.errors import InvalidValue
from carekit.responsiveness import (
    AwayRule,
    BadgeDecision,
    ResponseAccumulator,
    ResponseRules,
    ResponseStats,
    decide,
    measure_columns,
    measure_conversations,
    measure_rows,
)
from carekit.responsiveness._adapter import conversation_rows
from carekit.responsiveness._rules import report, thread_rules
from carekit.testing import strategies as cks

Rows = list[tuple[int, float, int]]
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
TICK = dt.timedelta(microseconds=1)
#: Each role as a message: direction, author, kind, visibility.
KINDS = {
    0: (Direction.INBOUND, AuthorKind.CUSTOMER, MessageKind.REPLY),
    1: (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.REPLY),
    2: (Direction.OUTBOUND, AuthorKind.BOT, MessageKind.REPLY),
    3: (Direction.OUTBOUND, AuthorKind.AUTOMATION, MessageKind.INSTANT_REPLY),
    4: (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.PRIVATE_NOTE),
}
AUTOMATIC = (
    (Direction.OUTBOUND, AuthorKind.AUTOMATION, MessageKind.INSTANT_REPLY),
    (Direction.OUTBOUND, AuthorKind.AUTOMATION, MessageKind.AWAY_MESSAGE),
    (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.TEMPLATE),
    (Direction.OUTBOUND, AuthorKind.BOT, MessageKind.SURVEY),
    (Direction.OUTBOUND, AuthorKind.AGENT, MessageKind.PRIVATE_NOTE),
)


def _visibility(kind: MessageKind) -> Visibility:
    """Public where the kind may be: a private note is never customer-visible."""
    return Visibility.PRIVATE if kind is MessageKind.PRIVATE_NOTE else Visibility.PUBLIC


def conversations_of(rows: Rows) -> list[Conversation]:
    """One Conversation per conversation id of *rows*, in id order."""
    records: dict[int, list[tuple[Any, ...]]] = {}
    for index, (cid, t, role) in enumerate(rows):
        moment = EPOCH + dt.timedelta(seconds=t)
        records.setdefault(cid, []).append(
            (f"m{index}", moment, *KINDS[role], _visibility(KINDS[role][2]))
        )
    return [
        Conversation.from_records(
            f"c{cid}", Channel.MESSENGER, customer_id=f"u{cid}", records=found
        )
        for cid, found in sorted(records.items())
    ]


@st.composite
def with_automation(draw: st.DrawFn, rows: Rows, count_bots: bool) -> Rows:
    """*rows* with rows that change nothing inserted anywhere: at any time
    between a conversation's neighbours (ties included), in new positions."""
    quiet = [3, 4] if count_bots else [2, 3, 4]
    out = list(rows)
    for _ in range(draw(st.integers(0, 6))):
        if not out:
            break
        index = draw(st.integers(0, len(out) - 1))
        cid, t, _ = out[index]
        later = [r[1] for r in out[index + 1 :] if r[0] == cid]
        upper = later[0] if later else t + 3 * 86400
        at = draw(st.sampled_from([t, upper]) | st.floats(t, upper))
        out.insert(index + 1, (cid, at, draw(st.sampled_from(quiet))))
    out.sort(key=lambda row: row[1])  # stable: each conversation keeps order
    return out


@given(cks.response_rows(), cks.response_policies(), st.data())
def test_automatic_messages_never_move_a_metric(
    rows: Rows, policy: ResponseRules, data: st.DataObject
) -> None:
    """ "Instant replies, away messages, templates and surveys never qualify
    as a response and never break the silence": a page must not be able to
    reshape its threads by automation."""
    busy = data.draw(with_automation(rows, policy.count_bots))
    assert measure_rows(rows, policy=policy) == measure_rows(busy, policy=policy)


@given(cks.response_rows(), st.data())
def test_automatic_messages_in_conversations_never_move_a_metric(
    rows: Rows, data: st.DataObject
) -> None:
    """The same on models: any automatic kind, any author, any visibility."""
    page = conversations_of(rows)
    before = measure_conversations(page)
    busier = []
    for index, convo in enumerate(page):
        stamps = convo.messages.timestamps
        extra = []
        for n in range(data.draw(st.integers(0, 3))):
            moment = data.draw(st.sampled_from(stamps))
            kinds = data.draw(st.sampled_from(AUTOMATIC))
            visibility = data.draw(
                st.just(Visibility.PRIVATE)
                if kinds[2] is MessageKind.PRIVATE_NOTE
                else st.sampled_from(Visibility)
            )
            extra.append((f"auto{index}-{n}", moment, *kinds, visibility))
        records = [
            (m.id, m.timestamp, m.direction, m.author, m.kind, m.visibility)
            for m in convo.messages
        ]
        busier.append(
            Conversation.from_records(
                convo.id,
                convo.channel,
                customer_id=convo.customer_id,
                records=[*extra, *records],
            )
        )
    assert before == measure_conversations(busier)


@given(
    cks.response_rows(),
    cks.away_periods(max_size=2),
    cks.response_policies(),
    st.sampled_from(AwayRule),
)
def test_every_entry_point_gives_one_answer(
    rows: Rows, away: list[tuple[float, float]], policy: ResponseRules, rule: AwayRule
) -> None:
    """``add`` one row at a time == ``feed`` == ``measure_rows`` ==
    ``measure_columns`` == ``measure_conversations``, for both away rules;
    int times (the loop's slow path) == float times (its fast path)."""
    policy = ResponseRules(
        policy.window, policy.silence, count_bots=policy.count_bots, away=rule
    )
    bulk = measure_rows(rows, away=away, policy=policy)
    one_by_one = ResponseAccumulator(policy, away)
    for row in rows:
        one_by_one.add(*row)
    assert bulk == one_by_one.stats()
    assert bulk == ResponseAccumulator(policy, away).feed(rows).stats()
    columns = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    assert bulk == measure_columns(*columns, away=away, policy=policy)
    as_ints = [(cid, int(t), role) for cid, t, role in rows]
    assert bulk == measure_rows(as_ints, away=away, policy=policy)
    page = conversations_of(rows)
    assert bulk == measure_conversations(page, away=away, policy=policy)
    assert decide(rows, away=away).stats == decide(page, away=away).stats


#: Any instant a datetime holds (UTC), as microseconds since 1970.
MICROS = st.integers(
    _threads.FIRST_SECOND * 1_000_000, _threads.STOP_SECOND * 1_000_000 - 1
)


@st.composite
def far_pages(draw: st.DrawFn) -> tuple[list[Conversation], int, int]:
    """Conversations anywhere in the years 1-9999, and a window around them
    in microseconds, with bounds at, 1 µs around, or far from messages."""
    base = draw(MICROS)
    last = _threads.STOP_SECOND * 1_000_000 - 1
    gaps = st.sampled_from([0, 1, 2, 86_400_000_000, 86_399_999_999]) | st.integers(
        0, 10**12
    )
    rows: list[tuple[int, int, int]] = []
    t = base
    for cid in range(draw(st.integers(1, 3))):
        for _ in range(draw(st.integers(1, 4))):
            t = min(t + draw(gaps), last)
            rows.append((cid, t, draw(st.sampled_from([0, 0, 1, 3]))))
    moments = [row[1] for row in rows]
    edge = st.sampled_from(moments).flatmap(
        lambda m: st.sampled_from([m - 1, m, m + 1])
    )
    low, high = sorted(
        max(min(v, last), _threads.FIRST_SECOND * 1_000_000)
        for v in (draw(edge | MICROS), draw(edge | MICROS))
    )
    page = [
        Conversation.from_records(
            f"c{cid}",
            Channel.EMAIL,
            customer_id="u",
            records=[
                (f"m{i}", EPOCH + t_ * TICK, *KINDS[role], Visibility.PRIVATE)
                for i, (c, t_, role) in enumerate(rows)
                if c == cid
            ],
        )
        for cid in sorted({row[0] for row in rows})
    ]
    return page, low, high


@given(far_pages())
def test_a_window_as_datetimes_is_the_window_in_microseconds(
    case: tuple[list[Conversation], int, int],
) -> None:
    """Datetime bounds become integer microseconds without a float, exact
    over the years 1-9999: the public call equals the kernel run with the
    same bounds as ints."""
    page, low, high = case
    since, until = EPOCH + low * TICK, EPOCH + high * TICK
    public = measure_conversations(page, since=since, until=until)
    rows = conversation_rows(page)
    rules = thread_rules(ResponseRules(), (), low, high, _threads.MICROSECONDS)
    tally = _threads.Tally()
    _threads.scan_columns(rules, tally, (rows.ids, rows.times, rows.roles))
    assert report(tally, rules, high) == public


JUNK: list[Any] = [
    True,
    False,
    1.0,
    0.0,
    Decimal(1),
    Decimal("NaN"),
    None,
    __import__("pandas").NA,
    10**400,
    -(10**400),
    float("nan"),
    float("inf"),
    "1",
    b"0",
    [],
    (),
    {},
    object(),
    complex(1, 0),
]


@st.composite
def junk_rows(draw: st.DrawFn) -> list[Any]:
    rows: list[Any] = list(draw(cks.response_rows(max_size=2)))
    bad = draw(st.sampled_from(JUNK))
    at = draw(st.integers(0, len(rows)))
    shape = draw(st.sampled_from(["id", "time", "role", "short", "long", "bare"]))
    cid, t, role = rows[at - 1] if at else (0, 0.0, 0)
    row: Any = {
        "id": (bad, t, role),
        "time": (cid, bad, role),
        "role": (cid, t, bad),
        "short": (cid, t),
        "long": (cid, t, role, bad),
        "bare": bad,
    }[shape]
    rows.insert(at, row)
    return rows


@given(junk_rows())
def test_junk_in_rows_raises_only_invalid_value(rows: list[Any]) -> None:
    """Bools, floats for roles, Decimals, None, ``pd.NA``, huge ints and
    wrong tuple lengths: a carekit error, or (where the junk is a valid
    value, such as ``0.0`` as a time) a result, never a builtin error."""
    for call in (
        lambda: measure_rows(rows),
        lambda: ResponseAccumulator().feed(iter(rows)),
        lambda: decide(rows),
    ):
        with contextlib.suppress(InvalidValue):
            assert isinstance(
                call(), ResponseStats | ResponseAccumulator | BadgeDecision
            )
    accumulator = ResponseAccumulator()
    for row in rows:
        if isinstance(row, tuple) and len(row) == 3:
            with contextlib.suppress(InvalidValue):
                accumulator.add(*row)
    assert isinstance(accumulator.stats(), ResponseStats)
