"""carekit's responsiveness engine, plugged into the harness through its contract.

carekit is imported lazily: when ``carekit.responsiveness`` (or, for the
rich-model path, ``carekit.conversations``) is missing or does not match the
contract below, :class:`Unavailable` says why and the harness marks those
rows "not available" instead of failing.

The contract::

    from carekit.responsiveness import (
        Role, ResponseRules, AwayRule, measure_rows, ResponseAccumulator,
    )
    measure_rows(rows, *, away=[(start, end), ...], policy=ResponseRules())
        -> stats with .eligible .responded .excluded_away .rate
           .median() .mean()
    ResponseAccumulator(policy=..., away=...) with .feed(rows),
        .add(cid, t, role), .stats()
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import Any, Protocol

from benchmarks.common import (
    AGENT,
    AUTOMATED,
    BOT,
    CUSTOMER,
    INTERNAL,
    Away,
    Report,
    Row,
)

__all__ = [
    "BUILDERS",
    "Accumulator",
    "Stats",
    "Unavailable",
    "accumulator",
    "build_conversations",
    "build_from_records",
    "measure_rows",
    "rich_report",
    "to_report",
]

_ROLES = {
    "CUSTOMER": CUSTOMER,
    "AGENT": AGENT,
    "BOT": BOT,
    "AUTOMATED": AUTOMATED,
    "INTERNAL": INTERNAL,
}


class Unavailable(Exception):
    """carekit (or the part of it a measurement needs) is not there yet."""


class Stats(Protocol):
    """What the harness reads from carekit's ``ResponseStats``."""

    @property
    def eligible(self) -> int: ...
    @property
    def responded(self) -> int: ...
    @property
    def excluded_away(self) -> int: ...
    @property
    def rate(self) -> float | None: ...
    def median(self) -> float | None: ...
    def mean(self) -> float | None: ...


class Accumulator(Protocol):
    """What the harness calls on carekit's ``ResponseAccumulator``."""

    def feed(self, rows: Iterable[Row]) -> None: ...
    def add(self, cid: int, t: float, role: int) -> None: ...
    def stats(self) -> Stats: ...


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise Unavailable(f"{name} cannot be imported ({exc})") from exc


def _responsiveness() -> ModuleType:
    module = _module("carekit.responsiveness")
    names = ("Role", "ResponseRules", "AwayRule", "measure_rows", "ResponseAccumulator")
    missing = [name for name in names if not hasattr(module, name)]
    if missing:
        raise Unavailable(f"carekit.responsiveness lacks {', '.join(missing)}")
    wrong = [
        name
        for name, value in _ROLES.items()
        if int(getattr(module.Role, name, -1)) != value
    ]
    if wrong:
        raise Unavailable(f"carekit's Role values differ for {', '.join(wrong)}")
    return module


def to_report(stats: Stats) -> Report:
    """carekit's stats as the harness's :class:`~benchmarks.common.Report`."""
    return Report(
        eligible=stats.eligible,
        responded=stats.responded,
        excluded_away=stats.excluded_away,
        rate=stats.rate,
        median=stats.median(),
        mean=stats.mean(),
    )


def measure_rows(rows: Sequence[Row], away: Away) -> Stats:
    """The bulk path: ``carekit.responsiveness.measure_rows`` with the default policy.

    Raises:
        Unavailable: The engine is missing or does not match the contract.
    """
    module = _responsiveness()
    stats: Stats = module.measure_rows(rows, away=away, policy=module.ResponseRules())
    return stats


def accumulator(away: Away) -> Accumulator:
    """A fresh ``ResponseAccumulator`` with the default policy.

    Raises:
        Unavailable: The engine is missing or does not match the contract.
    """
    module = _responsiveness()
    acc: Accumulator = module.ResponseAccumulator(
        policy=module.ResponseRules(), away=away
    )
    return acc


# Rich-model path ---------------------------------------------------------
#
# Each role of the harness as the message fields of ``carekit.conversations``
# (carekit.messages): direction, author kind, what the message is, and visibility.
# Any mismatch with the real constructors is reported as "not available" with
# the error, never hidden.


def _messages_of(conv: Any) -> Any:
    """The module holding the message types: ``carekit.messages`` (their one
    home now), or ``carekit.conversations`` on commits that re-exported them."""
    try:
        messages = importlib.import_module("carekit.messages")
    except ImportError:
        return conv
    return messages if hasattr(messages, "Direction") else conv


def _message_kinds(conv: ModuleType) -> dict[int, tuple[Any, Any, Any, Any]]:
    """Role → ``(direction, author, kind, visibility)``."""
    direction, author = conv.Direction, conv.AuthorKind
    kind, visibility = conv.MessageKind, conv.Visibility
    inbound, outbound = direction.INBOUND, direction.OUTBOUND
    return {
        CUSTOMER: (inbound, author.CUSTOMER, kind.REPLY, visibility.PRIVATE),
        AGENT: (outbound, author.AGENT, kind.REPLY, visibility.PRIVATE),
        BOT: (outbound, author.BOT, kind.REPLY, visibility.PRIVATE),
        AUTOMATED: (
            outbound,
            author.AUTOMATION,
            kind.INSTANT_REPLY,
            visibility.PRIVATE,
        ),
        INTERNAL: (outbound, author.AGENT, kind.PRIVATE_NOTE, visibility.PRIVATE),
    }


def build_conversations(grouped: Sequence[tuple[int, Sequence[Row]]]) -> list[Any]:
    """Build ``carekit.conversations.Conversation`` models, a ``Message`` per row.

    What an application does with its own records, one object at a time: one
    ``Message`` per row (an id, the time as an aware UTC datetime, direction,
    author, kind and visibility), then one ``Conversation`` per conversation.

    Args:
        grouped: ``(conversation_id, rows)`` pairs, rows in time order.

    Returns:
        One model per conversation.

    Raises:
        Unavailable: ``carekit.conversations`` is missing or its constructors
            do not match the mapping above.
    """
    conv = _module("carekit.conversations")
    try:
        msgs = _messages_of(conv)
        kinds = _message_kinds(msgs)
        message, conversation = msgs.Message, conv.Conversation
        channel = conv.Channel.MESSENGER
        utc, stamp = dt.UTC, dt.datetime.fromtimestamp
        models = []
        for cid, rows in grouped:
            messages = []
            for i, (_, t, role) in enumerate(rows):
                direction, author, kind, visibility = kinds[role]
                messages.append(
                    message(
                        f"{cid}-{i}",
                        stamp(t, utc),
                        direction,
                        author,
                        kind=kind,
                        visibility=visibility,
                    )
                )
            models.append(
                conversation(
                    str(cid), channel, customer_id=f"customer-{cid}", messages=messages
                )
            )
        return models
    except (AttributeError, TypeError, ValueError) as exc:
        raise Unavailable(f"carekit.conversations API mismatch ({exc!r})") from exc


def build_from_records(grouped: Sequence[tuple[int, Sequence[Row]]]) -> list[Any]:
    """Build the same models with ``Conversation.from_records``.

    What an application that loads a history does: the same fields per row
    as :func:`build_conversations`, as a plain tuple ``(id, time, direction,
    author, kind, visibility)``, and one ``Conversation.from_records`` per
    conversation, which checks them by the same rules without building a
    ``Message`` each.

    Raises:
        Unavailable: ``Conversation.from_records`` is missing or does not
            accept this call.
    """
    conv = _module("carekit.conversations")
    try:
        msgs = _messages_of(conv)
        kinds = _message_kinds(msgs)
        from_records = conv.Conversation.from_records
        channel = conv.Channel.MESSENGER
        utc, stamp = dt.UTC, dt.datetime.fromtimestamp
        return [
            from_records(
                str(cid),
                channel,
                customer_id=f"customer-{cid}",
                records=[
                    (f"{cid}-{i}", stamp(t, utc), *kinds[role])
                    for i, (_, t, role) in enumerate(rows)
                ],
            )
            for cid, rows in grouped
        ]
    except (AttributeError, TypeError, ValueError) as exc:
        raise Unavailable(f"carekit.conversations API mismatch ({exc!r})") from exc


#: The ways the harness builds rich models, by label.
BUILDERS = {
    "Message per row": build_conversations,
    "Conversation.from_records": build_from_records,
}


def rich_report(conversations: Sequence[Any], away: Away) -> Report:
    """``carekit.responsiveness.measure_conversations`` over rich models.

    Raises:
        Unavailable: The function is missing or does not accept this call.
    """
    module = _responsiveness()
    function = getattr(module, "measure_conversations", None)
    if function is None:
        raise Unavailable("carekit.responsiveness lacks measure_conversations")
    try:
        stats: Stats = function(conversations, away=away)
    except TypeError as exc:
        raise Unavailable(f"measure_conversations API mismatch ({exc!r})") from exc
    return to_report(stats)
