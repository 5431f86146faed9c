"""Commerce satisfaction: how well a page supports buyers after a purchase.

Facebook Pay's rule ("Introducing & Setting Up Facebook Pay", November 2019):
"When customers make a purchase via Facebook Pay, your page will be
responsible for providing real-time support via Messenger chat. These
interactions will impact your page's Customer Satisfaction Score" — and a
poor score makes the page's ads cost more and reach fewer people.

Rules (carekit's; Facebook publishes no formula):

- A **buyer message** is a customer message in the conversation of a
  :class:`~carekit.payments.support.SupportObligation`, at or after the
  obligation opened and before ``as_of``.
- It is **answered in time** when the first human agent reply after it
  (a bot's too with ``count_bots``) comes within the obligation's target.
- A message still unanswered whose reply is not yet due at ``as_of`` is
  **pending**: neither met nor missed.
- The page's **score** = messages answered in time ÷ buyer messages that
  are not pending; ``None`` without any.
- A :class:`SatisfactionRiskPolicy` maps the score to a :class:`RiskLevel`.
  The default bands, low ≥ 0.90, medium ≥ 0.75, high below, are
  **carekit's, not Facebook's**: Facebook does not publish its thresholds.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable
from typing import Any, Final, Protocol, Self

import attrs
from attrs import field, frozen

from carekit._instants import instant_key
from carekit._validate import iterable
from carekit.conversations import Conversation
from carekit.errors import InvalidValue
from carekit.feedback._tally import KeyedCounts, check_count, check_parts
from carekit.messages import Direction
from carekit.payments.support import SupportObligation
from carekit.responsiveness import Role, role_of

__all__ = [
    "DEFAULT_RISK_BANDS",
    "CommerceAccumulator",
    "CommerceSatisfaction",
    "RiskBands",
    "RiskLevel",
    "SatisfactionRiskPolicy",
    "assess_support",
    "measure_commerce",
]


class RiskLevel(enum.Enum):
    """How much a page's satisfaction score puts its ads at risk."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class SatisfactionRiskPolicy(Protocol):
    """Maps a commerce-satisfaction score in [0, 1] to a risk level."""

    def assess(self, score: float) -> RiskLevel:
        """The risk level of *score*."""
        ...


def _share(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) not in (int, float) or not 0 <= value <= 1 or math.isnan(value):
        raise InvalidValue(attribute.name, value, "must be a number from 0 to 1")


@frozen
class RiskBands:
    """Risk by score bands: low at or above ``low``, medium at or above
    ``medium``, high below. The defaults are carekit's, not Facebook's.

    Attributes:
        low: The lowest score of low risk (default 0.90).
        medium: The lowest score of medium risk (default 0.75; at most
            ``low``).
    """

    low: float = field(default=0.90, validator=_share)
    medium: float = field(default=0.75, validator=_share)

    def __attrs_post_init__(self) -> None:
        if self.medium > self.low:
            raise InvalidValue("medium", self.medium, f"cannot exceed low ({self.low})")

    def assess(self, score: float) -> RiskLevel:
        """The band *score* falls in.

        Raises:
            InvalidValue: *score* is not a number from 0 to 1.

        >>> RiskBands().assess(0.8)
        <RiskLevel.MEDIUM: 'medium'>
        """
        if type(score) not in (int, float) or not 0 <= score <= 1:
            raise InvalidValue("score", score, "must be a number from 0 to 1")
        if score >= self.low:
            return RiskLevel.LOW
        return RiskLevel.MEDIUM if score >= self.medium else RiskLevel.HIGH


DEFAULT_RISK_BANDS: Final = RiskBands()
"""carekit's default bands (not Facebook's): low ≥ 0.90, medium ≥ 0.75,
high below."""


@frozen
class CommerceSatisfaction:
    """A page's buyer messages after purchases, and how many were answered in
    time.

    Attributes:
        messages: Buyer messages that count (answered, or overdue).
        answered_in_time: Those answered within the target.
        pending: Buyer messages not yet answered and not yet due (not in
            ``messages``).
    """

    messages: int = field(validator=check_count)
    answered_in_time: int = field(validator=check_count)
    pending: int = field(default=0, kw_only=True, validator=check_count)

    def __attrs_post_init__(self) -> None:
        check_parts(self, "messages", "answered_in_time")

    @property
    def score(self) -> float | None:
        """Answered in time ÷ messages; ``None`` without messages."""
        return self.answered_in_time / self.messages if self.messages else None

    def risk(
        self, policy: SatisfactionRiskPolicy = DEFAULT_RISK_BANDS
    ) -> RiskLevel | None:
        """The risk level *policy* gives the score; ``None`` without one.

        Raises:
            InvalidValue: *policy* is not a :class:`SatisfactionRiskPolicy`
                or its ``assess`` returned something other than a
                :class:`RiskLevel`.
        """
        if not callable(getattr(policy, "assess", None)):
            raise InvalidValue(
                "policy", policy, "must be a SatisfactionRiskPolicy (with assess)"
            )
        score = self.score
        if score is None:
            return None
        level = policy.assess(score)
        if type(level) is not RiskLevel:
            raise InvalidValue("policy", level, "assess must return a RiskLevel")
        return level


def assess_support(
    obligation: SupportObligation,
    conversation: Conversation,
    *,
    as_of: dt.datetime,
    count_bots: bool = False,
) -> CommerceSatisfaction:
    """The buyer messages of one obligation's conversation, as of *as_of*.

    Raises:
        InvalidValue: The conversation is not the obligation's, *as_of*
            is naive, or *count_bots* is not a bool.
    """
    if not isinstance(obligation, SupportObligation):
        raise InvalidValue("obligation", obligation, "must be a SupportObligation")
    if not isinstance(conversation, Conversation):
        raise InvalidValue("conversation", conversation, "must be a Conversation")
    if conversation.id != obligation.conversation_id:
        raise InvalidValue(
            "conversation", conversation.id, "must be the obligation's conversation"
        )
    if not isinstance(as_of, dt.datetime) or as_of.utcoffset() is None:
        raise InvalidValue("as_of", as_of, "must be a timezone-aware datetime")
    if type(count_bots) is not bool:
        raise InvalidValue("count_bots", count_bots, "must be a bool")
    answering = {Role.AGENT, Role.BOT} if count_bots else {Role.AGENT}
    opened, cutoff = instant_key(obligation.opened_at), instant_key(as_of)
    target = obligation.target
    waiting: list[dt.timedelta] = []  # buyer messages not yet answered
    counted = in_time = 0
    for message in conversation.messages:
        moment = instant_key(message.timestamp)
        if moment >= cutoff:
            break
        if message.direction is Direction.INBOUND:
            if moment >= opened:
                waiting.append(moment)
        elif (
            waiting
            and role_of(message.direction, message.author, message.kind) in answering
        ):
            counted += len(waiting)
            in_time += sum(1 for asked in waiting if moment - asked <= target)
            waiting = []
    overdue = sum(1 for asked in waiting if cutoff - asked > target)
    return CommerceSatisfaction(
        counted + overdue, in_time, pending=len(waiting) - overdue
    )


class CommerceAccumulator(KeyedCounts[tuple[str, CommerceSatisfaction]]):
    """Commerce-satisfaction counts per page: ``add((page_id, counts))``
    mutates and returns ``self``; ``merge`` and ``extract`` are pure."""

    __slots__ = ()
    KIND = "commerce"
    COLUMNS = ("messages", "answered_in_time", "pending")

    def add(self, item: tuple[str, CommerceSatisfaction]) -> Self:
        """Count one obligation's result for its page (in place).

        Raises:
            InvalidValue: *item* is not ``(page_id, CommerceSatisfaction)``.
        """
        match item:
            case (str() as page, CommerceSatisfaction() as counts) if page.strip():
                self.bump(
                    page, (counts.messages, counts.answered_in_time, counts.pending)
                )
            case _:
                raise InvalidValue(
                    "item", item, "must be (page_id, CommerceSatisfaction)"
                )
        return self

    def extract(self) -> CommerceSatisfaction:
        """The counts of every page together."""
        messages, in_time, pending = self.totals()
        return CommerceSatisfaction(messages, in_time, pending=pending)

    def by_page(self) -> dict[str, CommerceSatisfaction]:
        """The counts of each page, pages sorted."""
        return {
            str(page): CommerceSatisfaction(messages, in_time, pending=pending)
            for page, (messages, in_time, pending) in self.keyed().items()
        }


def measure_commerce(
    cases: Iterable[tuple[SupportObligation, Conversation]],
    *,
    as_of: dt.datetime,
    count_bots: bool = False,
) -> dict[str, CommerceSatisfaction]:
    """Each page's commerce satisfaction over its ``(obligation,
    conversation)`` pairs, as of *as_of*.

    Raises:
        InvalidValue: ``cases[i]`` is not an ``(obligation, conversation)``
            pair, or as :func:`assess_support`.
    """
    acc = CommerceAccumulator()
    for index, case in enumerate(iterable(cases, "cases", "pairs")):
        if not isinstance(case, tuple | list) or len(case) != 2:
            raise InvalidValue(
                f"cases[{index}]", case, "must be an (obligation, conversation) pair"
            )
        obligation, conversation = case
        counts = assess_support(
            obligation, conversation, as_of=as_of, count_bots=count_bots
        )
        acc.add((obligation.page_id, counts))
    return acc.by_page()
