"""What the bot engine asks the caller to do: a closed union of frozen
actions (:data:`BotAction`), one vocabulary across carekit.

Actions and names that already exist elsewhere are reused as they are
(the survey kinds are :class:`carekit.feedback.SurveyKind`):
:class:`carekit.tickets.SendReply` (a reply to the customer),
:class:`carekit.tickets.NotifyDepartment` (the alert to the queue a ticket
was routed to) and :class:`carekit.privacy.MoveToPrivate`. Ticket commands
(:class:`carekit.tickets.Assign`, :class:`carekit.tickets.Escalate`...) reach
the caller inside :class:`UpdateTicket`, naming the ticket to apply them to.

Every send (``SendReply``, :class:`SendInstantReply`,
:class:`SendAwayMessage`, :class:`RequestSurvey`) is emitted only inside the
messaging window; otherwise the engine emits :class:`WindowClosed` instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeAlias, get_args

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import (
    aware_datetime,
    enum_member,
    non_empty_str,
    optional_non_empty_str,
    string_set,
)
from carekit.automation import AutoDecision, MessageTag
from carekit.automation import _checks as c
from carekit.conversations import Channel
from carekit.errors import InvalidValue
from carekit.feedback import SurveyKind
from carekit.privacy import MoveToPrivate
from carekit.routing import RoutingDecision
from carekit.tickets import (
    NotifyDepartment,
    SendReply,
    Ticket,
    TicketCommand,
)
from carekit.tickets._convert import checked_tuple

__all__ = [
    "SEND_ACTIONS",
    "ApplyTags",
    "BotAction",
    "CreateTicket",
    "RequestSurvey",
    "SendAwayMessage",
    "SendInstantReply",
    "SlaAlert",
    "SuggestAnswers",
    "SuggestedAnswer",
    "UpdateTicket",
    "WindowClosed",
]


def _str(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str:
        raise InvalidValue(attribute.name, value, "must be a string")


def _decisions(value: Any) -> tuple[AutoDecision, ...]:
    return checked_tuple(value, AutoDecision, "decisions")


@frozen
class _AutomaticSend:
    """What both automatic messages carry."""

    customer_id: str = field(validator=non_empty_str)
    channel: Channel = field(validator=enum_member(Channel))
    text: str = field(kw_only=True, validator=non_empty_str)
    at: dt.datetime = field(kw_only=True, eq=instant_key, validator=aware_datetime)
    decisions: tuple[AutoDecision, ...] = field(
        default=(), kw_only=True, converter=_decisions
    )


@frozen
class SendInstantReply(_AutomaticSend):
    """Send the page's instant reply to a customer who started a thread.

    Attributes:
        customer_id: The recipient (page-scoped id).
        channel: Where.
        text: The instant reply.
        at: When the engine decided it.
        decisions: Why it goes: every automation decision that led here.
    """


@frozen
class SendAwayMessage(_AutomaticSend):
    """Send the page's away message to a customer who wrote while it is away.

    Attributes:
        customer_id: The recipient (page-scoped id).
        channel: Where.
        text: The away message.
        at: When the engine decided it.
        decisions: Why it goes: every automation decision that led here.
    """


def _confidence(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not float or not 0.0 <= value <= 1.0:
        raise InvalidValue(attribute.name, value, "must be a float in [0, 1]")


@frozen
class SuggestedAnswer:
    """One knowledge-base answer proposed for a customer's message.

    Attributes:
        article_id: The article it comes from.
        text: The answer, placeholders filled.
        confidence: How sure the knowledge base is, in [0, 1].
    """

    article_id: str = field(validator=non_empty_str)
    text: str = field(validator=_str)
    confidence: float = field(kw_only=True, validator=_confidence)


def _answers(value: Any) -> tuple[SuggestedAnswer, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue("answers", value, "must be a sequence of SuggestedAnswer")
    items = tuple(value)
    for item in items:
        if not isinstance(item, SuggestedAnswer):
            raise InvalidValue("answers", item, "each must be a SuggestedAnswer")
    if not items:
        raise InvalidValue("answers", items, "must hold at least one answer")
    return items


@frozen
class SuggestAnswers:
    """Show an agent the knowledge base's answers for a customer's message
    (never sent to the customer by the engine).

    Attributes:
        customer_id: Whose message.
        ticket_id: The ticket the agent works on, if any.
        answers: Best first.
    """

    customer_id: str = field(validator=non_empty_str)
    ticket_id: str | None = field(kw_only=True, validator=optional_non_empty_str)
    answers: tuple[SuggestedAnswer, ...] = field(kw_only=True, converter=_answers)


@frozen
class CreateTicket:
    """Create *ticket*: the engine handed the customer's thread to a human.

    Attributes:
        ticket: The new ticket, routed (queue, priority and language set).
        routing: The routing decision that placed it.
    """

    ticket: Ticket = field(validator=c.is_a(Ticket))
    routing: RoutingDecision = field(kw_only=True, validator=c.is_a(RoutingDecision))


_COMMANDS: tuple[type, ...] = get_args(TicketCommand)


def _command(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) not in _COMMANDS:
        raise InvalidValue(attribute.name, value, "must be a ticket command")


@frozen
class UpdateTicket:
    """Apply a ticket command (``Assign``, ``Escalate``...) to a ticket.

    Attributes:
        ticket_id: The ticket.
        command: The :data:`carekit.tickets.TicketCommand` to apply with
            :meth:`carekit.tickets.Ticket.apply`.
    """

    ticket_id: str = field(validator=non_empty_str)
    command: TicketCommand = field(validator=_command)


def _tags(value: Iterable[str]) -> tuple[str, ...]:
    tags = string_set(value, "tags")
    if not tags:
        raise InvalidValue("tags", tags, "must hold at least one tag")
    return tags


@frozen
class ApplyTags:
    """Label the customer's conversation.

    Attributes:
        customer_id: Whose conversation.
        tags: The labels to add, sorted.
    """

    customer_id: str = field(validator=non_empty_str)
    tags: tuple[str, ...] = field(converter=_tags)


@frozen
class RequestSurvey:
    """Send the customer a satisfaction survey about a resolved ticket.

    Attributes:
        customer_id: The recipient.
        channel: Where.
        ticket_id: The ticket it is about.
        kind: CSAT or NPS.
        at: When the engine decided it.
    """

    customer_id: str = field(validator=non_empty_str)
    channel: Channel = field(validator=enum_member(Channel))
    ticket_id: str = field(kw_only=True, validator=non_empty_str)
    kind: SurveyKind = field(
        default=SurveyKind.CSAT, kw_only=True, validator=enum_member(SurveyKind)
    )
    at: dt.datetime = field(kw_only=True, eq=instant_key, validator=aware_datetime)


@frozen
class SlaAlert:
    """A ticket the engine handed over has had no agent reply in time.

    Attributes:
        ticket_id: The ticket.
        customer_id: Whose.
        due_at: When the first agent reply was due.
        at: When the engine noticed (the ``TimePassed`` instant).
    """

    ticket_id: str = field(validator=non_empty_str)
    customer_id: str = field(validator=non_empty_str)
    due_at: dt.datetime = field(kw_only=True, eq=instant_key, validator=aware_datetime)
    at: dt.datetime = field(kw_only=True, eq=instant_key, validator=aware_datetime)


_SENDS = ("SendReply", "SendInstantReply", "SendAwayMessage", "RequestSurvey")


def _send_name(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in _SENDS:
        raise InvalidValue(attribute.name, value, f"must be one of {', '.join(_SENDS)}")


@frozen
class WindowClosed:
    """A send the engine would have made, held back: the messaging window
    is closed.

    Attributes:
        customer_id: The customer it was for.
        channel: Where.
        blocked: The send held back (``"SendReply"``, ``"RequestSurvey"``...).
        tag: The tag that would allow the send (``HUMAN_AGENT`` for a human
            reply within 7 days), or ``None`` when none would.
        reason: Why, in words.
        at: When.
    """

    customer_id: str = field(validator=non_empty_str)
    channel: Channel = field(validator=enum_member(Channel))
    blocked: str = field(kw_only=True, validator=_send_name)
    tag: MessageTag | None = field(
        kw_only=True, validator=c.optional_member(MessageTag)
    )
    reason: str = field(kw_only=True, validator=non_empty_str)
    at: dt.datetime = field(kw_only=True, eq=instant_key, validator=aware_datetime)


BotAction: TypeAlias = (
    SendReply
    | SendInstantReply
    | SendAwayMessage
    | SuggestAnswers
    | CreateTicket
    | UpdateTicket
    | NotifyDepartment
    | ApplyTags
    | RequestSurvey
    | MoveToPrivate
    | SlaAlert
    | WindowClosed
)
"""Every action :meth:`~carekit.bots.BotEngine.handle` returns."""

SEND_ACTIONS: tuple[type, ...] = (
    SendReply,
    SendInstantReply,
    SendAwayMessage,
    RequestSurvey,
)
"""The actions that send something to the customer."""
