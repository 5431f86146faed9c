"""Audit export: rows a caller writes to CSV, JSON lines or a database.

One row per message (:func:`export_messages`) and one per conversation
(:func:`export_conversations`), as plain dicts whose keys are the stable
columns :data:`MESSAGE_COLUMNS` and :data:`CONVERSATION_COLUMNS`, in that
order. Every value is JSON-compatible: ``str`` (instants as ISO 8601 in UTC,
enums as their values), ``int``, ``float``, ``None``, or a list of strings
(tags). carekit writes no file: ``json.dumps(row)`` or ``csv.DictWriter``
is the caller's.

Rules:

- Internal notes (``PRIVATE_NOTE`` messages) are left out unless
  ``notes=True``; they never count in a conversation's message count then.
- Personal data (message text, the customer's id, and the ``author_id`` of
  the customer's own messages, which is that same platform id) is left out
  (:attr:`PersonalData.OMIT`, the default), masked
  (:attr:`PersonalData.REDACT`: the text goes through
  :func:`carekit.privacy.redact`, which masks card numbers, e-mail addresses
  and phone numbers; the customer id stays out) or kept
  (:attr:`PersonalData.INCLUDE`), as asked.
- A conversation row's first response is the conversation's first timed
  first response (:func:`carekit.analytics.response_durations`), credited
  to the agent who sent it; its resolution times are those of the ticket
  that links it (:func:`carekit.analytics.resolutions`; a conversation
  belongs to at most one ticket of an export); its CSAT is the rating of
  its CSAT response.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any, Final, TypeAlias

from carekit._instants import plain_utc
from carekit._validate import iterable
from carekit.analytics import (
    Resolution,
    ResponseKind,
    ResponseTimePolicy,
    resolutions,
    response_durations,
)
from carekit.conversations import Conversation
from carekit.errors import InvalidValue
from carekit.feedback import SurveyKind, SurveyResponse
from carekit.messages import AuthorKind, Message, MessageKind
from carekit.privacy import RedactionPolicy, redact
from carekit.tickets import Ticket

__all__ = [
    "CONVERSATION_COLUMNS",
    "MESSAGE_COLUMNS",
    "PersonalData",
    "Row",
    "export_conversations",
    "export_messages",
]

Row: TypeAlias = dict[str, Any]
"""One exported row: column name → a JSON-compatible value."""

MESSAGE_COLUMNS: Final = (
    "conversation_id",
    "channel",
    "message_id",
    "timestamp",
    "direction",
    "author",
    "author_id",
    "kind",
    "visibility",
    "language",
    "text",
)
"""The columns of a message row, in order: ``timestamp`` is ISO 8601 in UTC;
``direction``, ``author``, ``kind``, ``visibility`` and ``channel`` are enum
values; ``text`` is ``None`` unless personal data is asked for;
``author_id`` is the agent or bot that wrote the message, and ``None`` on a
customer's message unless personal data is included (it is the customer's
platform id)."""

CONVERSATION_COLUMNS: Final = (
    "conversation_id",
    "channel",
    "customer_id",
    "assignee",
    "status",
    "tags",
    "messages",
    "started_at",
    "last_activity_at",
    "first_response_at",
    "first_response_seconds",
    "agent",
    "ticket_id",
    "first_resolution_seconds",
    "resolution_seconds",
    "csat_score",
)
"""The columns of a conversation row, in order: ``customer_id`` is ``None``
unless personal data is included; ``tags`` a sorted list; ``messages`` the
number of messages exported; ``first_response_seconds`` the first response
time in wall-clock seconds and ``agent`` who sent it; ``ticket_id`` the
ticket the conversation belongs to, ``first_resolution_seconds`` and
``resolution_seconds`` its first and full time to resolution
(:func:`carekit.analytics.resolutions`, wall clock); ``csat_score`` the CSAT
rating (1-5) or ``None``."""


class PersonalData(enum.Enum):
    """What an export does with personal data (message text, customer id)."""

    OMIT = "omit"
    """Leave it out: the columns are ``None`` (the default)."""
    REDACT = "redact"
    """Mask card numbers, e-mail addresses and phone numbers in the text
    (:func:`carekit.privacy.redact`); the customer id stays out."""
    INCLUDE = "include"
    """Keep it as it is."""


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else plain_utc(moment).isoformat()


def _checked(conversations: object) -> list[Conversation]:
    items = list(iterable(conversations, "conversations", "Conversation"))
    seen: set[str] = set()
    for index, conversation in enumerate(items):
        if not isinstance(conversation, Conversation):
            raise InvalidValue(
                f"conversations[{index}]", conversation, "must be a Conversation"
            )
        if conversation.id in seen:
            raise InvalidValue(
                f"conversations[{index}]",
                conversation.id,
                "conversation ids must be unique in an export",
            )
        seen.add(conversation.id)
    return items


def _personal(value: object) -> PersonalData:
    if type(value) is not PersonalData:
        raise InvalidValue("personal", value, "must be a PersonalData")
    return value


def _text(
    text: str, personal: PersonalData, policy: RedactionPolicy | None
) -> str | None:
    match personal:
        case PersonalData.OMIT:
            return None
        case PersonalData.REDACT:
            return redact(text, policy=policy)
        case PersonalData.INCLUDE:
            return text


def _redaction(value: object) -> RedactionPolicy | None:
    if value is not None and not isinstance(value, RedactionPolicy):
        raise InvalidValue("redaction", value, "must be a RedactionPolicy or None")
    return value


def _author_id(message: Message, personal: PersonalData) -> str | None:
    """The author's id, unless it is the customer's and personal data is not
    included: a customer's ``author_id`` is their platform id (a PSID)."""
    if message.author is AuthorKind.CUSTOMER and personal is not PersonalData.INCLUDE:
        return None
    return message.author_id


def _kept(messages: Iterable[Message], notes: bool) -> list[Message]:
    return [m for m in messages if notes or m.kind is not MessageKind.PRIVATE_NOTE]


def export_messages(
    conversations: Iterable[Conversation],
    *,
    notes: bool = False,
    personal: PersonalData = PersonalData.OMIT,
    redaction: RedactionPolicy | None = None,
) -> list[Row]:
    """One row per message of *conversations*, in their order and in time
    order, with the columns of :data:`MESSAGE_COLUMNS`.

    Args:
        conversations: The conversations to export.
        notes: Also export internal notes.
        personal: Leave out, redact or include the message text.
        redaction: How :attr:`PersonalData.REDACT` masks (default
            :class:`carekit.privacy.Redactor`).

    Raises:
        InvalidValue: *conversations* is not an iterable of
            ``Conversation`` or two share an id, *notes* is not a bool,
            *personal* not a :class:`PersonalData` or *redaction* not a
            ``RedactionPolicy``.
        PolicyError: The redaction policy leaves personal data.
    """
    if type(notes) is not bool:
        raise InvalidValue("notes", notes, "must be a bool")
    chosen = _personal(personal)
    policy = _redaction(redaction)
    rows = []
    for conversation in _checked(conversations):
        channel = conversation.channel.value
        for message in _kept(conversation.messages, notes):
            rows.append(
                {
                    "conversation_id": conversation.id,
                    "channel": channel,
                    "message_id": message.id,
                    "timestamp": _iso(message.timestamp),
                    "direction": message.direction.value,
                    "author": message.author.value,
                    "author_id": _author_id(message, chosen),
                    "kind": message.kind.value,
                    "visibility": message.visibility.value,
                    "language": message.language,
                    "text": _text(message.text, chosen, policy),
                }
            )
    return rows


def _ratings(responses: Iterable[SurveyResponse]) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for index, response in enumerate(responses):
        if not isinstance(response, SurveyResponse):
            raise InvalidValue(
                f"responses[{index}]", response, "must be a SurveyResponse"
            )
        if response.kind is SurveyKind.CSAT:
            if response.conversation_id in ratings:
                raise InvalidValue(
                    f"responses[{index}]",
                    response.conversation_id,
                    "one CSAT per conversation",
                )
            ratings[response.conversation_id] = response.score
    return ratings


def _tickets(
    tickets: Iterable[Ticket], exclude_pending: bool
) -> dict[str, tuple[str, Resolution]]:
    """Each linked conversation's ticket id and resolution."""
    items = list(tickets)
    linked: dict[str, tuple[str, Resolution]] = {}
    found = resolutions(items, exclude_pending=exclude_pending)
    for index, (ticket, resolution) in enumerate(zip(items, found, strict=True)):
        for conversation_id in ticket.conversation_ids:
            if conversation_id in linked:
                raise InvalidValue(
                    f"tickets[{index}]",
                    conversation_id,
                    "a conversation belongs to one ticket of an export",
                )
            linked[conversation_id] = (ticket.id, resolution)
    return linked


def export_conversations(
    conversations: Iterable[Conversation],
    *,
    responses: Iterable[SurveyResponse] = (),
    tickets: Iterable[Ticket] = (),
    exclude_pending: bool = False,
    policy: ResponseTimePolicy | None = None,
    notes: bool = False,
    personal: PersonalData = PersonalData.OMIT,
) -> list[Row]:
    """One row per conversation, with the columns of
    :data:`CONVERSATION_COLUMNS`.

    Args:
        conversations: The conversations to export.
        responses: Survey responses; a conversation's CSAT rating comes from
            its CSAT response (NPS responses are ignored).
        tickets: The tickets that link the conversations, for the time to
            resolution (a conversation no ticket links exports ``None``).
        exclude_pending: Leave PENDING time out of the resolution times.
        policy: The response-time rules of
            :func:`carekit.analytics.response_durations` (default its own).
        notes: Count internal notes in ``messages``.
        personal: Include the customer id only with
            :attr:`PersonalData.INCLUDE`.

    Raises:
        InvalidValue: An item is not a ``Conversation`` or a
            ``SurveyResponse`` or a ticket not a ``Ticket``, two
            conversations share an id, two CSAT
            responses share a conversation, two tickets link one, or an
            option is malformed.
    """
    if type(notes) is not bool:
        raise InvalidValue("notes", notes, "must be a bool")
    chosen = _personal(personal)
    items = _checked(conversations)
    ratings = _ratings(responses)
    linked = _tickets(tickets, exclude_pending)
    first: dict[str, Any] = {}
    for duration in response_durations(items, policy=policy):
        if duration.kind is ResponseKind.FIRST:
            first.setdefault(duration.conversation_id, duration)
    rows = []
    for conversation in items:
        cid = conversation.id
        response = first.get(cid)
        ticket_id, resolution = linked.get(cid, (None, None))
        rows.append(
            {
                "conversation_id": cid,
                "channel": conversation.channel.value,
                "customer_id": (
                    conversation.customer_id if chosen is PersonalData.INCLUDE else None
                ),
                "assignee": conversation.assignee,
                "status": conversation.status.value,
                "tags": list(conversation.tags),
                "messages": len(_kept(conversation.messages, notes)),
                "started_at": _iso(conversation.started_at),
                "last_activity_at": _iso(conversation.last_activity_at),
                "first_response_at": _iso(response.end) if response else None,
                "first_response_seconds": response.seconds if response else None,
                "agent": response.agent if response else None,
                "ticket_id": ticket_id,
                "first_resolution_seconds": (
                    resolution.first_resolution if resolution else None
                ),
                "resolution_seconds": resolution.full_resolution
                if resolution
                else None,
                "csat_score": ratings.get(cid),
            }
        )
    return rows
