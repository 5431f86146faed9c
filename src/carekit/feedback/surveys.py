"""Surveys sent and their responses: CSAT (1-5) and NPS (0-10).

Rules:

- A CSAT rating is an int from 1 to 5; an NPS score an int from 0 to 10
  (bools are not numbers).
- A survey is credited to the agent who last replied before it was sent:
  the last customer-visible human agent reply at or before ``sent_at``
  (bots, automatic messages and private notes are never credited).
- A response answers one survey: same conversation, same kind, same agent,
  and it is not answered before the survey was sent.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import (
    aware_datetime,
    enum_member,
    non_empty_str,
    optional_non_empty_str,
)
from carekit.conversations import Conversation
from carekit.errors import InvalidValue
from carekit.responsiveness import Role, role_of

__all__ = [
    "SCORE_RANGES",
    "SurveyKind",
    "SurveyResponse",
    "SurveySent",
    "credited_agent",
]


class SurveyKind(enum.Enum):
    """What a survey asks: a CSAT rating or an NPS score."""

    CSAT = "csat"
    """Customer satisfaction: "how satisfied are you?", rated 1 to 5."""
    NPS = "nps"
    """Net Promoter Score: "how likely are you to recommend us?", 0 to 10."""


SCORE_RANGES: dict[SurveyKind, range] = {
    SurveyKind.CSAT: range(1, 6),
    SurveyKind.NPS: range(11),
}
"""The scores each kind of survey accepts: CSAT 1-5, NPS 0-10."""


def credited_agent(conversation: Conversation, at: dt.datetime) -> str | None:
    """The agent who last replied in *conversation* at or before *at*.

    Only a customer-visible reply by a human agent counts (the ``AGENT``
    role of :func:`carekit.responsiveness.role_of`): bot replies, automatic
    messages and private notes are never credited. ``None`` when no agent
    replied by then, or when that reply names no ``author_id``.

    Raises:
        InvalidValue: *conversation* is not a ``Conversation`` or *at* is
            naive.

    >>> from carekit.conversations import Channel
    >>> from carekit.messages import AuthorKind, Direction, Message
    >>> t = dt.datetime(2024, 5, 6, 9, tzinfo=dt.UTC)
    >>> chat = Conversation("c1", Channel.MESSENGER, customer_id="u", messages=[
    ...     Message("m1", t, Direction.INBOUND, AuthorKind.CUSTOMER),
    ...     Message("m2", t, Direction.OUTBOUND, AuthorKind.AGENT, author_id="ana"),
    ...     Message("m3", t, Direction.OUTBOUND, AuthorKind.BOT, author_id="bot"),
    ... ])
    >>> credited_agent(chat, t)
    'ana'
    """
    if not isinstance(conversation, Conversation):
        raise InvalidValue("conversation", conversation, "must be a Conversation")
    cutoff = instant_key(_aware(at, "at"))
    for message in reversed(conversation.messages):
        if instant_key(message.timestamp) > cutoff:
            continue
        if role_of(message.direction, message.author, message.kind) is Role.AGENT:
            return message.author_id
    return None


def _aware(value: object, name: str) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidValue(name, value, "must be a timezone-aware datetime")
    return value


def _check_score(inst: SurveyResponse, _attr: attrs.Attribute[Any], value: Any) -> None:
    allowed = SCORE_RANGES[inst.kind]  # validated before this runs
    if type(value) is not int or value not in allowed:
        raise InvalidValue(
            "score",
            value,
            f"a {inst.kind.value} score is an int from {allowed[0]} to {allowed[-1]}",
        )


@frozen
class SurveySent:
    """A survey sent in a conversation.

    Attributes:
        conversation_id: The conversation it was sent in (CSAT: one survey
            per conversation).
        sent_at: When it was sent (timezone-aware).
        kind: CSAT or NPS.
        agent_id: The agent credited (see :func:`credited_agent`), or
            ``None`` when no agent replied before it was sent.
    """

    conversation_id: str = field(validator=non_empty_str)
    sent_at: dt.datetime = field(validator=aware_datetime, eq=instant_key)
    kind: SurveyKind = field(
        default=SurveyKind.CSAT, kw_only=True, validator=enum_member(SurveyKind)
    )
    agent_id: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )

    @classmethod
    def for_conversation(
        cls,
        conversation: Conversation,
        *,
        sent_at: dt.datetime,
        kind: SurveyKind = SurveyKind.CSAT,
    ) -> SurveySent:
        """The survey sent in *conversation* at *sent_at*, credited to the
        agent who last replied before it (:func:`credited_agent`).

        Raises:
            InvalidValue: *conversation* is not a ``Conversation``, or
                *sent_at* is naive.
        """
        agent = credited_agent(conversation, sent_at)
        return cls(conversation.id, sent_at, kind=kind, agent_id=agent)

    def respond(self, score: int, *, answered_at: dt.datetime) -> SurveyResponse:
        """The customer's answer to this survey, credited to the same agent.

        Raises:
            InvalidValue: *score* is outside the kind's range, *answered_at*
                is naive or before :attr:`sent_at`.
        """
        moment = _aware(answered_at, "answered_at")
        if instant_key(moment) < instant_key(self.sent_at):
            raise InvalidValue(
                "answered_at",
                answered_at,
                "a survey cannot be answered before it is sent",
            )
        return SurveyResponse(
            self.conversation_id,
            score,
            answered_at=moment,
            kind=self.kind,
            agent_id=self.agent_id,
        )


@frozen
class SurveyResponse:
    """A customer's answer to a survey.

    Attributes:
        conversation_id: The conversation the survey was sent in.
        score: CSAT 1-5 or NPS 0-10 (an int; bools are refused).
        answered_at: When the customer answered (timezone-aware).
        kind: CSAT or NPS, as the survey.
        agent_id: The agent the survey credits, copied from it.
    """

    conversation_id: str = field(validator=non_empty_str)
    # Checked after the kind (in __attrs_post_init__): its range depends on it.
    score: int
    answered_at: dt.datetime = field(
        kw_only=True, validator=aware_datetime, eq=instant_key
    )
    kind: SurveyKind = field(
        default=SurveyKind.CSAT, kw_only=True, validator=enum_member(SurveyKind)
    )
    agent_id: str | None = field(
        default=None, kw_only=True, validator=optional_non_empty_str
    )

    def __attrs_post_init__(self) -> None:
        _check_score(self, attrs.fields(SurveyResponse).score, self.score)
