"""Bad input to ``carekit.analytics`` raises a ``carekit.errors`` exception
naming the field and the rule, never a bare builtin error ("Bad input raises
a carekit.errors exception (InvalidValue etc.) naming the field and rule;
bools are not numbers")."""

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from carekit import CarekitError, InvalidValue
from carekit.analytics import (
    ByAgent,
    ByPeriod,
    DurationAccumulator,
    GroupAccumulator,
    Period,
    ResponseDuration,
    ResponseKind,
    breakdown,
    handling_rows,
    resolution_of,
    resolution_rows,
    response_durations,
    response_rows,
    summarize,
)
from carekit.conversations import Channel, Conversation
from carekit.messages import AuthorKind, Direction, Message
from carekit.tickets import Ticket, TicketStatus

T0 = dt.datetime(2024, 3, 4, 9, 0, tzinfo=dt.UTC)
CHAT = Conversation(
    "c1",
    Channel.MESSENGER,
    customer_id="u",
    messages=[
        Message("m1", T0, Direction.INBOUND, AuthorKind.CUSTOMER),
        Message(
            "m2",
            T0 + dt.timedelta(minutes=5),
            Direction.OUTBOUND,
            AuthorKind.AGENT,
            author_id="ann",
        ),
    ],
)
DURATION = ResponseDuration(
    "c1", ResponseKind.FIRST, start=T0, end=T0 + dt.timedelta(minutes=5), agent="ann"
)
t = T0.timestamp()
OPEN, RESOLVED = TicketStatus.OPEN, TicketStatus.RESOLVED


def bad(value: object) -> Any:
    """*value*, typed as anything: the calls below break the types on
    purpose."""
    return value


@pytest.mark.parametrize(
    "call",
    [
        lambda: response_durations([CHAT], calendar=bad("UTC")),
        lambda: response_durations([], calendar=bad("UTC")),
        lambda: response_rows([("c", t, 0, None)], calendar=bad("UTC")),
        lambda: resolution_of(
            Ticket("t", created_at=T0, conversation_ids=["c1"]), calendar=bad("UTC")
        ),
        lambda: resolution_rows([("t", t, OPEN, None)], calendar=bad("UTC")),
        lambda: handling_rows([("t", "ann", t, t + 1)], calendar=bad("UTC")),
    ],
)
def test_a_calendar_that_is_not_a_business_calendar_is_refused(
    call: Callable[[], Any],
) -> None:
    """calendar= must be a BusinessCalendar (a zone name is not one):
    InvalidValue naming ``calendar``."""
    with pytest.raises(InvalidValue) as error:
        call()
    assert "calendar" == error.value.field


def test_handoffs_must_be_an_iterable() -> None:
    """handoffs= is an iterable of Handoff: InvalidValue naming it."""
    with pytest.raises(InvalidValue) as error:
        response_durations([CHAT], handoffs=5)  # type: ignore[arg-type]
    assert "handoffs" == error.value.field


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: breakdown([DURATION], bad("agent")), "by"),
        (lambda: breakdown([DURATION], bad(None)), "by"),
        (lambda: breakdown([DURATION], bad({"c1": "x"})), "by"),
        (lambda: breakdown([DURATION, bad(1)], ByAgent()), "items[1]"),
        (lambda: summarize([DURATION, bad(1)]), "items[1]"),
        (lambda: summarize(bad(None)), "items"),
        (lambda: breakdown([DURATION], ByAgent(), groups=bad(5)), "groups"),
        (lambda: breakdown([DURATION], ByAgent(), groups=bad([[1]])), "groups[0]"),
    ],
)
def test_breakdown_and_summarize_name_the_bad_argument(
    call: Callable[[], Any], field: str
) -> None:
    """A grouping must be a GroupingPolicy, each item a Measured, groups
    hashable keys: InvalidValue naming by, items[i] or groups."""
    with pytest.raises(InvalidValue) as error:
        call()
    assert field == error.value.field


@pytest.mark.parametrize(
    "call",
    [
        lambda: DurationAccumulator.from_data(
            {"statistic": {"kind": [1]}, "values": []}
        ),
        lambda: DurationAccumulator.from_data(
            {"statistic": {"kind": "median"}, "values": [], "extra": 1}
        ),
        lambda: DurationAccumulator.from_data(
            {"statistic": {"kind": "median", "q": 3}, "values": []}
        ),
        lambda: DurationAccumulator.from_data(
            {"statistic": {"kind": "median"}, "values": 5}
        ),
        lambda: GroupAccumulator.from_data(
            {"statistic": {"kind": "median"}, "groups": [["a", 5]]}
        ),
        lambda: GroupAccumulator.from_data(
            {"statistic": {"kind": "median"}, "groups": [[["a"], [1.0]]]}
        ),
        lambda: GroupAccumulator.from_data({"statistic": {"kind": [1]}, "groups": []}),
        lambda: GroupAccumulator.from_data(
            {"statistic": {"kind": "median"}, "groups": [], "extra": 1}
        ),
    ],
)
def test_malformed_plain_forms_raise_a_carekit_error(call: Callable[[], Any]) -> None:
    """from_data on anything but to_data()'s form (unknown keys, a kind that
    is not a name, values that are not a list) raises a carekit error."""
    with pytest.raises(CarekitError):
        call()


@pytest.mark.parametrize(
    ("rows", "field"),
    [
        (None, "rows"),
        ([("t", t, OPEN, None), ("t", "later", RESOLVED, "a")], "rows[1]"),
        ([("t", t, OPEN, None), ("t", True, RESOLVED, "a")], "rows[1]"),
        ([("t", t, OPEN, None), ("t", t - 50, RESOLVED, "a")], "rows[1]"),
        ([("t", math.nan, OPEN, None), ("t", t, RESOLVED, "a")], "rows[0]"),
        ([("t", t, OPEN, None), ("t", math.inf, RESOLVED, "a")], "rows[1]"),
    ],
)
def test_resolution_rows_need_finite_times_in_order(rows: Any, field: str) -> None:
    """Rows are in time order within each ticket, times finite epoch seconds
    (as response_rows requires): a time going back (which gave -50 s), NaN,
    a str or a bool is refused naming the row."""
    with pytest.raises(InvalidValue) as error:
        resolution_rows(rows)
    assert field == error.value.field


def test_resolution_rows_may_go_back_across_tickets() -> None:
    """Order is per ticket: the next ticket may start earlier."""
    rows = [
        ("a", t + 100, OPEN, None),
        ("a", t + 160, RESOLVED, "ann"),
        ("b", t, OPEN, None),
        ("b", t + 30, RESOLVED, "bob"),
    ]
    assert [("a", 60.0), ("b", 30.0)] == [
        (row[0], row[3]) for row in resolution_rows(rows)
    ]


@pytest.mark.parametrize(
    "row",
    [
        ("t", "ann", True, 5.0),
        ("t", "ann", 1.0, True),
        ("t", "ann", math.nan, 5.0),
        ("t", "ann", 1.0, math.inf),
    ],
)
def test_handling_rows_refuse_bools_and_non_finite_times(row: Any) -> None:
    """Bools are not numbers; times are finite: InvalidValue naming rows[i]."""
    with pytest.raises(InvalidValue) as error:
        handling_rows([("t", "ann", 1.0, 2.0), row])
    assert "rows[1]" == error.value.field


@attrs.frozen
class Record:
    """A user's own Measured record."""

    start: dt.datetime
    seconds: float | None = 60.0
    business_seconds: float | None = None
    agent: str | None = "ann"
    channel: Channel | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()


def test_by_period_refuses_a_naive_start() -> None:
    """Datetimes must be aware: a naive start has no calendar period (it
    would depend on the machine's zone), so ByPeriod refuses it naming
    ``start``; an aware one is grouped."""
    naive = Record(dt.datetime(2024, 3, 4, 23, 30))
    with pytest.raises(InvalidValue) as error:
        breakdown([naive], ByPeriod(Period.DAY, "Europe/Berlin"))
    assert "start" == error.value.field
    aware = Record(dt.datetime(2024, 3, 4, 23, 30, tzinfo=dt.UTC))
    assert {"2024-03-05": 60.0} == breakdown(
        [aware], ByPeriod(Period.DAY, "Europe/Berlin")
    )
