"""Strategies for messages, message logs and conversations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from carekit.conversations import (
    AuthorKind,
    Channel,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    MessageKind,
    MessageLog,
    Visibility,
)

from ._common import identifiers
from ._time import aware_datetimes

__all__ = [
    "conversations",
    "languages",
    "message_logs",
    "messages",
    "strategies_by_type",
]


def languages() -> st.SearchStrategy[str]:
    """BCP 47 language tags, shrinking to ``"en"``."""
    return st.sampled_from(["en", "en-GB", "es", "pt-BR", "de", "ja", "ar", "zh-Hant"])


def _message(
    draw: st.DrawFn, ident: str, when: dt.datetime, who: AuthorKind
) -> Message:
    """A valid message by *who*: customers only send inbound replies."""
    inbound = who is AuthorKind.CUSTOMER
    kinds = [MessageKind.REPLY] if inbound else list(MessageKind)
    kind = draw(st.sampled_from(kinds))
    # A private note is never public.
    note = kind is MessageKind.PRIVATE_NOTE
    visibilities = [Visibility.PRIVATE] if note else list(Visibility)
    return Message(
        ident,
        when,
        Direction.INBOUND if inbound else Direction.OUTBOUND,
        who,
        kind=kind,
        visibility=draw(st.sampled_from(visibilities)),
        text=draw(st.text(max_size=40)),
        language=draw(st.none() | languages()),
        author_id=None if inbound else draw(st.none() | identifiers()),
    )


def messages(
    *,
    ids: st.SearchStrategy[str] | None = None,
    timestamps: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[Message]:
    """Valid messages, inbound from customers or outbound of every kind.

    Shrinks to an inbound customer reply at 2000-01-01 UTC with empty text.

    Args:
        ids: Strategy for the message id; default :func:`identifiers`.
        timestamps: Strategy for the time; default :func:`aware_datetimes`.
    """

    @st.composite
    def strategy(draw: st.DrawFn) -> Message:
        return _message(
            draw,
            draw(ids if ids is not None else identifiers()),
            draw(timestamps if timestamps is not None else aware_datetimes()),
            draw(st.sampled_from(list(AuthorKind))),
        )

    return strategy()


def message_logs(
    *,
    max_size: int = 10,
    timestamps: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[MessageLog]:
    """Message logs of up to *max_size* messages (ids ``m0``, ``m1``...),
    given in any order. Shrinks to the empty log.

    Args:
        max_size: Most messages in the log.
        timestamps: Strategy for each message's time; default
            :func:`aware_datetimes`.
    """

    @st.composite
    def strategy(draw: st.DrawFn) -> MessageLog:
        count = draw(st.integers(min_value=0, max_value=max_size))
        return MessageLog(
            draw(messages(ids=st.just(f"m{index}"), timestamps=timestamps))
            for index in range(count)
        )

    return strategy()


def conversations(
    *,
    max_size: int = 10,
    timestamps: st.SearchStrategy[dt.datetime] | None = None,
) -> st.SearchStrategy[Conversation]:
    """Conversations with up to *max_size* messages (unique ids).

    Shrinks to an open Messenger conversation with no messages.

    Args:
        max_size: Most messages in the conversation.
        timestamps: Strategy for each message's time; default
            :func:`aware_datetimes`.
    """

    @st.composite
    def strategy(draw: st.DrawFn) -> Conversation:
        items = draw(message_logs(max_size=max_size, timestamps=timestamps))
        return Conversation(
            draw(identifiers()),
            draw(st.sampled_from(list(Channel))),
            customer_id=draw(identifiers()),
            messages=items,
            assignee=draw(st.none() | identifiers()),
            tags=draw(st.lists(identifiers(), max_size=3)),
            status=draw(st.sampled_from(list(ConversationStatus))),
        )

    return strategy()


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each conversation model."""
    return {
        Conversation: conversations(),
        Message: messages(),
        MessageLog: message_logs(),
    }
