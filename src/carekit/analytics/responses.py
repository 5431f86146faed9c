"""First and next response times, per thread, in wall-clock and business time.

Rules (carekit's definitions; ``docs/analytics.md`` compares them with
Chatwoot's and Zendesk's):

- **First response time**: a thread's start → its first qualifying response.
  Threads are the thread kernel's: a customer message starts one when no
  earlier message broke the silence or after at least ``silence`` (24 h) of
  it; a burst of customer messages is timed from the first.
- **Qualifying response**: an agent's reply. Bot replies count only with
  ``count_bots``; instant replies, away messages, surveys, templates and
  private notes never count (and never break the silence).
- **Handoff** (Chatwoot's rule, ``from_handoff=True``): a first response is
  timed from the latest :class:`Handoff` of its conversation between the
  thread's start and the answer, when there is one; a handoff is a record
  the caller gives (a bot or an automation passing the conversation to
  people), not something guessed from the messages.
- **Next response time**: inside a thread, after its first response, the
  first customer message that follows a response starts a wait; the next
  qualifying response ends it. A customer message that opens a new thread
  (after the silence) is timed as a first response, never as a next one.
- Every response is **credited** to its author (the message's ``author_id``).
- **Business time** is the time inside a :class:`BusinessCalendar`'s opening
  hours within ``[start, end)``; never more than the wall-clock time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any, Final, Protocol, TypeAlias

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, utc_instant
from carekit._threads import (
    ID,
    MICROSECONDS,
    SECONDS,
    Refused,
    ThreadRules,
    duration_ticks,
)
from carekit._validate import (
    ValueEnum,
    enum_member,
    instance_of,
    non_empty_str,
    optional_non_empty_str,
    string_set,
)
from carekit.analytics._business import BusinessOffsets
from carekit.analytics._kernel import response_spans
from carekit.business_hours import BusinessCalendar
from carekit.conversations import Channel, Conversation
from carekit.errors import InvalidValue
from carekit.responsiveness._adapter import conversation_rows
from carekit.responsiveness._checks import checked_duration, positive_duration

__all__ = [
    "Handoff",
    "ResponseDuration",
    "ResponseKind",
    "ResponseRow",
    "ResponseTimePolicy",
    "ResponseTimeRules",
    "response_durations",
    "response_rows",
]

_DAY: Final = dt.timedelta(days=1)
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_TICK: Final = dt.timedelta(microseconds=1)
_INF: Final = float("inf")


class ResponseKind(ValueEnum):
    """Which response a duration times."""

    FIRST = "first"
    """Thread start (or handoff) → first qualifying response."""
    NEXT = "next"
    """First unanswered customer message → next qualifying response."""


_KINDS: Final = (ResponseKind.FIRST, ResponseKind.NEXT)


class ResponseTimePolicy(Protocol):
    """The settings response times read (attributes, read once per call).

    Any object with these attributes works, a :class:`ResponseTimeRules` or
    your own class.
    """

    @property
    def silence(self) -> dt.timedelta:
        """A customer message opens a new thread after this much silence."""
        ...

    @property
    def count_bots(self) -> bool:
        """Whether a bot's reply is a qualifying response."""
        ...

    @property
    def from_handoff(self) -> bool:
        """Time first responses from the latest handoff (Chatwoot's rule)."""
        ...


@frozen
class ResponseTimeRules:
    """The default :class:`ResponseTimePolicy`.

    Attributes:
        silence: A customer message opens a new thread after at least this
            long without a silence-breaking message; default 24 h (the
            thread kernel's, as responsiveness uses it).
        count_bots: Whether bot replies are responses; default no.
        from_handoff: Time a first response from the conversation's latest
            :class:`Handoff` before it (Chatwoot's rule); default no.

    Raises:
        InvalidValue: *silence* is not a positive timedelta, or a flag is
            not a bool.
    """

    silence: dt.timedelta = field(default=_DAY, validator=positive_duration)
    count_bots: bool = field(default=False, kw_only=True, validator=instance_of(bool))
    from_handoff: bool = field(default=False, kw_only=True, validator=instance_of(bool))


_DEFAULT_RULES: Final = ResponseTimeRules()


@frozen
class Handoff:
    """A conversation handed from a bot (or an automation) to people.

    Attributes:
        conversation_id: The conversation handed off.
        at: When (timezone-aware).

    Raises:
        InvalidValue: A blank id or a naive time.
    """

    conversation_id: str = field(validator=non_empty_str)
    at: dt.datetime = field(eq=instant_key)

    def __attrs_post_init__(self) -> None:
        utc_instant(self.at, "at")


def _tags(items: Iterable[str]) -> tuple[str, ...]:
    return string_set(items, "tags")


def _start_not_after_end(
    inst: ResponseDuration, _a: attrs.Attribute[Any], end: Any
) -> None:
    if utc_instant(end, "end") < utc_instant(inst.start, "start"):
        raise InvalidValue(
            "end", end, f"a response is not before its start ({inst.start})"
        )


def _business(inst: ResponseDuration, _a: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, float | int):
        raise InvalidValue("business_seconds", value, "must be seconds or None")
    if not 0 <= value <= inst.seconds:
        raise InvalidValue(
            "business_seconds",
            value,
            f"business time lies in [0, the wall-clock {inst.seconds} s]",
        )


@frozen
class ResponseDuration:
    """One timed response: a first or a next response of one thread.

    Attributes:
        conversation_id: The conversation.
        kind: :attr:`ResponseKind.FIRST` or :attr:`ResponseKind.NEXT`.
        start: When the wait began (thread start, handoff, or the first
            unanswered customer message).
        end: When the qualifying response was sent.
        agent: Who sent it (the message's ``author_id``), credited with it.
        business_seconds: The time inside opening hours, or ``None`` when no
            calendar was given.
        channel: The conversation's channel.
        language: The conversation's language (its first message that has
            one), or ``None``.
        tags: The conversation's tags.

    Raises:
        InvalidValue: A naive time, an end before the start, business time
            outside ``[0, seconds]``, or a malformed field.
    """

    conversation_id: str = field(validator=non_empty_str)
    kind: ResponseKind = field(validator=enum_member(ResponseKind))
    start: dt.datetime = field(kw_only=True, eq=instant_key)
    end: dt.datetime = field(
        kw_only=True, eq=instant_key, validator=_start_not_after_end
    )
    agent: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    business_seconds: float | None = field(
        default=None, kw_only=True, validator=_business
    )
    channel: Channel | None = field(default=None, kw_only=True)
    language: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )
    tags: tuple[str, ...] = field(default=(), kw_only=True, converter=_tags)

    def __attrs_post_init__(self) -> None:
        if self.channel is not None and type(self.channel) is not Channel:
            raise InvalidValue("channel", self.channel, "must be a Channel or None")

    @property
    def seconds(self) -> float:
        """The wall-clock duration in seconds (exact microseconds)."""
        return (
            (utc_instant(self.end, "end") - utc_instant(self.start, "start")) // _TICK
        ) / 1_000_000


def checked_rules(policy: object, unit: int) -> tuple[ThreadRules, bool]:
    """The thread kernel's rules for *policy*, and its ``from_handoff``.

    Raises:
        InvalidValue: A setting is missing or invalid (``policy.silence``...).
    """
    if policy is None:
        policy = _DEFAULT_RULES
    values: dict[str, Any] = {}
    for name in ("silence", "count_bots", "from_handoff"):
        values[name] = getattr(policy, name, None)
    silence = checked_duration(values["silence"], "policy.silence")
    for name in ("count_bots", "from_handoff"):
        if type(values[name]) is not bool:
            raise InvalidValue(f"policy.{name}", values[name], "must be a bool")
    rules = ThreadRules(
        unit=unit,
        silence=duration_ticks(silence, unit),
        window=_INF,
        count_bots=values["count_bots"],
    )
    return rules, values["from_handoff"]


def _handoff_ticks(
    handoffs: Iterable[Handoff], key: Mapping[str, Hashable]
) -> dict[Hashable, list[int]]:
    marks: dict[Hashable, list[int]] = {}
    for index, handoff in enumerate(handoffs):
        if not isinstance(handoff, Handoff):
            raise InvalidValue(f"handoffs[{index}]", handoff, "must be a Handoff")
        cid = key.get(handoff.conversation_id)
        if cid is not None:
            marks.setdefault(cid, []).append((handoff.at - _EPOCH) // _TICK)
    for values in marks.values():
        values.sort()
    return marks


def _language(conversation: Conversation) -> str | None:
    for message in conversation.messages:
        if message.language is not None:
            return message.language
    return None


def response_durations(
    conversations: Iterable[Conversation],
    *,
    policy: ResponseTimePolicy | None = None,
    calendar: BusinessCalendar | None = None,
    handoffs: Iterable[Handoff] = (),
) -> tuple[ResponseDuration, ...]:
    """Every first and next response of *conversations*.

    Args:
        conversations: The conversations (each in time order, as the model
            keeps it).
        policy: The rules, any :class:`ResponseTimePolicy`; default
            :class:`ResponseTimeRules` ().
        calendar: Opening hours: each duration then carries its business
            time (offsets computed once over the data's span).
        handoffs: Handoff records, read when ``policy.from_handoff``.

    Returns:
        The durations, per conversation in the order given: its first
        responses in time order, then its next responses in time order.

    Raises:
        InvalidValue: An item is not a ``Conversation`` or a ``Handoff``, a
            setting is invalid, or the calendar cannot cover the data.
    """
    items = list(conversations)
    rules, from_handoff = checked_rules(policy, MICROSECONDS)
    rows = conversation_rows(items)
    marks = None
    if from_handoff:
        marks = _handoff_ticks(handoffs, {c.id: i for i, c in enumerate(items)})
    try:
        firsts, nexts = response_spans(rules, (rows.ids, rows.times, rows.roles), marks)
    except Refused as refused:  # only if a validated model was tampered with
        raise InvalidValue(
            f"conversations[{rows.ids[refused.index]}]", refused.row, refused.rule
        ) from None
    spans = sorted(
        [(*span, 0) for span in firsts] + [(*span, 1) for span in nexts],
        key=lambda span: (span[0], span[4], span[1]),
    )
    offsets = None
    span = rows.span()
    if calendar is not None and span is not None:
        offsets = BusinessOffsets(calendar, span[0], span[1] + 1)
    first_row = _first_rows(items)
    languages: dict[int, str | None] = {}
    out = []
    kinds = _KINDS
    for position, start, end, index, kind in spans:
        cid: int = position  # rows hold indices into items
        conversation = items[cid]
        message = conversation.messages[index - first_row[cid]]
        if cid not in languages:
            languages[cid] = _language(conversation)
        business = None
        if offsets is not None:
            business = (offsets.micros(end) - offsets.micros(start)) / 1_000_000
        out.append(
            ResponseDuration(
                conversation.id,
                kinds[kind],
                start=_EPOCH + dt.timedelta(microseconds=start),
                end=_EPOCH + dt.timedelta(microseconds=end),
                agent=message.author_id,
                business_seconds=business,
                channel=conversation.channel,
                language=languages[cid],
                tags=conversation.tags,
            )
        )
    return tuple(out)


def _first_rows(items: Sequence[Conversation]) -> list[int]:
    """The index of each conversation's first row in the concatenated rows."""
    firsts, total = [], 0
    for conversation in items:
        firsts.append(total)
        total += len(conversation.messages)
    return firsts


ResponseRow: TypeAlias = tuple[Hashable, Any, float, "float | None"]
"""``(conversation_id, agent, seconds, business_seconds)``: one response of
:func:`response_rows`; ``business_seconds`` is ``None`` without a calendar.
Plain values only, so the garbage collector stops tracking the rows."""


def response_rows(
    rows: Iterable[tuple[Hashable, float, int, Any]],
    *,
    policy: ResponseTimePolicy | None = None,
    calendar: BusinessCalendar | None = None,
) -> tuple[list[ResponseRow], list[ResponseRow]]:
    """The bulk path: first and next responses of plain message rows.

    Args:
        rows: ``(conversation_id, epoch_seconds, role, author)`` with *role*
            a :class:`~carekit.responsiveness.Role` (or its int), in time
            order within each conversation (conversations may interleave).
        policy: As for :func:`response_durations` (``from_handoff`` is not
            read: rows carry no handoffs).
        calendar: Opening hours, for each response's business seconds.

    Returns:
        ``(first, next)``: the first responses in the order they were
        answered, and the next responses in row order, each a list of
        :data:`ResponseRow`.

    Raises:
        InvalidValue: A row is malformed (``rows[i]`` names it, or ``rows``
            when the rows are not all four items), or a setting is invalid.
    """
    rules, _ = checked_rules(policy, SECONDS)
    try:
        ids, times, roles, authors = _columns(rows)
    except (TypeError, ValueError):
        raise InvalidValue(
            "rows", rows, "rows must be (conversation_id, epoch_seconds, role, author)"
        ) from None
    try:
        firsts, nexts = response_spans(
            rules, (ids, times, roles), authors=None if calendar else authors
        )
    except Refused as refused:
        raise InvalidValue(
            f"rows[{refused.index}]" if refused.part != ID else "rows",
            refused.row,
            refused.rule,
        ) from None
    if calendar is None:
        return firsts, nexts
    seconds = BusinessOffsets.over_seconds(calendar, times).seconds
    return (
        [(c, authors[i], *_both(start, end, seconds)) for c, start, end, i in firsts],
        [(c, authors[i], *_both(start, end, seconds)) for c, start, end, i in nexts],
    )


def _both(start: float, end: float, seconds: Any) -> tuple[float, float]:
    """Wall and business seconds (the latter never above the former, which
    rounding to microseconds could otherwise do)."""
    wall = end - start
    business = seconds(end) - seconds(start)
    return wall, business if business < wall else wall


def _columns(
    rows: Iterable[tuple[Hashable, float, int, Any]],
) -> tuple[list[Hashable], list[Any], list[Any], list[Any]]:
    """The rows as four columns (``map`` over ``itemgetter``: no tuple kept)."""
    data = rows if isinstance(rows, list | tuple) else list(rows)
    if data and set(map(len, data)) != {4}:
        raise ValueError("a row is not four items")
    ids, times, roles, authors = (list(map(itemgetter(k), data)) for k in range(4))
    return ids, times, roles, authors
