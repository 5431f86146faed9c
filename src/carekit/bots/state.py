"""The bot engine's state: one page, with a sub-state per conversation.

Immutable and plain data: :func:`carekit.unstructure` turns a
:class:`PageState` into JSON-compatible dicts and :func:`carekit.structure`
reads it back equal, so a webhook bot can keep it in a file or a database
row between calls. The knowledge-base index is not in it: it belongs to the
engine's configuration.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

import attrs
from attrs import field, frozen

from carekit._instants import instant_key, optional_instant_key
from carekit._validate import enum_member, non_empty_str, require_aware
from carekit.automation import _checks as c
from carekit.conversations import Channel
from carekit.errors import InvalidValue

__all__ = [
    "ConversationState",
    "PageState",
]


def _optional_id(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        non_empty_str(_inst, attribute, value)


def _automatic_times(value: Any) -> tuple[dt.datetime, ...]:
    return c.instants(value, "automatic_at")


@frozen
class ConversationState:
    """What the engine remembers of one customer's conversation with the page.

    Attributes:
        customer_id: The customer (page-scoped id); also the conversation's
            id in the engine's tickets and actions.
        channel: Where.
        last_customer_at: When the customer last wrote (opens the
            messaging window).
        last_break_at: The latest message that broke the silence (a customer
            message or an agent reply; automatic messages never do).
        thread_started_at: When the current thread started.
        last_agent_reply_at: When an agent last replied.
        away_message_at: The start of the away period the thread's last
            away message went out under (``None`` once a new thread starts):
            one clock, the caller's, whatever the platform's skew.
        automatic_at: When automatic messages went out in the last 7 days
            (or the loop guards' ``cap_window``, when longer).
        ticket_id: The open ticket the engine created, if any.
        tickets: How many tickets the engine created for this conversation.
        alert_due_at: When an agent's first reply to the open ticket is due
            (cleared by the reply or by the alert).
        surveyed_ticket: The ticket a survey was last requested for.
    """

    # Checked in __attrs_post_init__, all at once: every decision builds a
    # new conversation state, and one combined check costs a fraction of
    # twelve validator calls.
    customer_id: str
    channel: Channel
    last_customer_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key
    )
    last_break_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key
    )
    thread_started_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key
    )
    last_agent_reply_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key
    )
    away_message_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key
    )
    automatic_at: tuple[dt.datetime, ...] = field(
        default=(),
        kw_only=True,
        converter=_automatic_times,
        eq=c.instants_key,
    )
    ticket_id: str | None = field(default=None, kw_only=True)
    tickets: int = field(default=0, kw_only=True)
    alert_due_at: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key
    )
    surveyed_ticket: str | None = field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not (
            _is_id(self.customer_id)
            and type(self.channel) is Channel
            and _is_instant(self.last_customer_at)
            and _is_instant(self.last_break_at)
            and _is_instant(self.thread_started_at)
            and _is_instant(self.last_agent_reply_at)
            and _is_instant(self.away_message_at)
            and _is_instant(self.alert_due_at)
            and (self.ticket_id is None or _is_id(self.ticket_id))
            and (self.surveyed_ticket is None or _is_id(self.surveyed_ticket))
            and type(self.tickets) is int
            and 0 <= self.tickets < c.MAX_INT
        ):
            _explain(self)


_TIMES = (
    "last_customer_at",
    "last_break_at",
    "thread_started_at",
    "last_agent_reply_at",
    "away_message_at",
    "alert_due_at",
)


def _is_id(value: object) -> bool:
    return type(value) is str and bool(value) and not value.isspace()


def _is_instant(value: object) -> bool:
    return value is None or (
        isinstance(value, dt.datetime) and value.utcoffset() is not None
    )


def _explain(state: ConversationState) -> None:
    """Raise the precise error for a state that failed the fast check."""
    fields = attrs.fields_dict(ConversationState)
    non_empty_str(state, fields["customer_id"], state.customer_id)
    enum_member(Channel)(state, fields["channel"], state.channel)
    for name in _TIMES:
        c.optional_aware(state, fields[name], getattr(state, name))
    _optional_id(state, fields["ticket_id"], state.ticket_id)
    _optional_id(state, fields["surveyed_ticket"], state.surveyed_ticket)
    c.non_negative_int(state, fields["tickets"], state.tickets)


def _conversations(value: Any) -> tuple[ConversationState, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue(
            "conversations", value, "must be a sequence of ConversationState"
        )
    items = tuple(value)
    for item in items:
        if not isinstance(item, ConversationState):
            raise InvalidValue(
                "conversations", item, "each must be a ConversationState"
            )
    ordered = tuple(sorted(items, key=lambda item: item.customer_id))
    ids = [item.customer_id for item in ordered]
    if len(set(ids)) != len(ids):
        raise InvalidValue("conversations", ids, "one state per customer")
    return ordered


@frozen
class PageState:
    """The engine's state for one page.

    Attributes:
        page_id: The page (or Instagram account) id.
        away: Whether the page is away.
        away_since: When the current away period began (``None`` when
            available).
        conversations: One state per customer, sorted by customer id.
        assign_position: The round-robin position for the next assignment.
    """

    page_id: str = field(validator=non_empty_str)
    away: bool = field(default=False, kw_only=True, validator=c.strict_bool)
    away_since: dt.datetime | None = field(
        default=None, kw_only=True, eq=optional_instant_key, validator=c.optional_aware
    )
    conversations: tuple[ConversationState, ...] = field(
        default=(), kw_only=True, converter=_conversations
    )
    assign_position: int = field(default=0, kw_only=True, validator=c.non_negative_int)

    def __attrs_post_init__(self) -> None:
        if self.away != (self.away_since is not None):
            raise InvalidValue(
                "away_since", self.away_since, "is set exactly while away"
            )

    def conversation(self, customer_id: str) -> ConversationState | None:
        """The state of *customer_id*'s conversation, if the engine has one.

        Raises:
            InvalidValue: *customer_id* is not a non-empty string.
        """
        if not _is_id(customer_id):
            raise InvalidValue("customer_id", customer_id, "must be a non-empty string")
        items = self.conversations
        at = bisect_left(items, customer_id, key=lambda item: item.customer_id)
        if at < len(items) and items[at].customer_id == customer_id:
            return items[at]
        return None

    def with_conversation(self, state: ConversationState) -> PageState:
        """This page state with *state* added or replacing its customer's."""
        if not isinstance(state, ConversationState):
            raise InvalidValue("state", state, "must be a ConversationState")
        items = self.conversations
        key = state.customer_id
        at = bisect_left(items, key, key=lambda item: item.customer_id)
        end = at + 1 if at < len(items) and items[at].customer_id == key else at
        # The new tuple is sorted and unique by construction: skip the
        # converter's O(n) checks, which would dominate a decision on a page
        # with thousands of conversations.
        return self._replaced("conversations", (*items[:at], state, *items[end:]))

    def with_assign_position(self, position: int) -> PageState:
        """This page state with the round-robin position *position*."""
        c.non_negative_int(self, attrs.fields(PageState).assign_position, position)
        return self._replaced("assign_position", position)

    def _replaced(self, name: str, value: object) -> PageState:
        """A copy with one already-checked field changed, without running
        the other fields' converters again."""
        copy = object.__new__(PageState)
        for attribute in _PAGE_FIELDS:
            object.__setattr__(copy, attribute, getattr(self, attribute))
        object.__setattr__(copy, name, value)
        return copy

    def next_deadline(self, now: dt.datetime) -> dt.datetime | None:
        """The first instant after *now* when a ``TimePassed`` input can
        produce an action (an SLA alert), or ``None``.

        Follows carekit's ``next_deadline`` contract: strictly after *now*,
        compared by instant.
        """
        require_aware(now, "now")
        due = [
            c.alert_due_at
            for c in self.conversations
            if c.alert_due_at is not None and c.alert_due_at > now
        ]
        return min(due, key=instant_key) if due else None


_PAGE_FIELDS = tuple(a.name for a in attrs.fields(PageState))
