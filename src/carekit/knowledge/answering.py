"""Answer or hand to a human: the decision a bot takes on the suggestions.

Rule (issue 17): "the threshold decides between answer and hand to a
human". The default, :class:`ConfidenceThreshold`, answers with the best
suggestion when its confidence reaches ``minimum``; otherwise, or when there
is no suggestion at all, the message goes to a human.

>>> from carekit.knowledge import Article, KnowledgeBase
>>> kb = KnowledgeBase.of([
...     Article("hours", "Opening hours", body="We open 9 to 5, Monday to Friday.",
...             answer="We are open 9 to 5, Monday to Friday."),
... ])
>>> decision = ConfidenceThreshold(minimum=0.2).decide(kb.suggest("opening hours"))
>>> type(decision).__name__, decision.suggestion.article.id
('Answer', 'hours')
>>> ConfidenceThreshold().decide(kb.suggest("my parcel is lost")).reason
'no article matches the message'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from attrs import field, frozen

from carekit.errors import InvalidValue
from carekit.knowledge.index import Suggestion

__all__ = [
    "DEFAULT_MINIMUM_CONFIDENCE",
    "Answer",
    "AnswerPolicy",
    "ConfidenceThreshold",
    "HandOff",
]

DEFAULT_MINIMUM_CONFIDENCE = 0.45
"""The default threshold of :class:`ConfidenceThreshold`, chosen on the
benchmark corpus (see the knowledge-base docs, "Choosing the threshold"):
94 % of the messages it answers get the article they were written from, and
almost no message on a topic the knowledge base lacks reaches it."""


def _suggestion(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, Suggestion):
        raise InvalidValue("suggestion", value, "must be a Suggestion")


def _best(_inst: object, _attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, Suggestion):
        raise InvalidValue("best", value, "must be a Suggestion or None")


def _reason(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue("reason", value, "must be a non-empty string")


@frozen
class Answer:
    """Answer the customer with this suggestion.

    Attributes:
        suggestion: The suggestion to answer with (fill it with
            :meth:`Suggestion.answer <carekit.knowledge.Suggestion.answer>`).
    """

    suggestion: Suggestion = field(validator=_suggestion)


@frozen
class HandOff:
    """Hand the message to a human.

    Attributes:
        reason: Why the knowledge base does not answer, in words.
        best: The best suggestion there was, if any (for the agent to see).
    """

    reason: str = field(validator=_reason)
    best: Suggestion | None = field(default=None, validator=_best)


@runtime_checkable
class AnswerPolicy(Protocol):
    """Decides whether the suggestions answer a message or a human should."""

    def decide(self, suggestions: Sequence[Suggestion]) -> Answer | HandOff:
        """:class:`Answer` with one suggestion, or :class:`HandOff`."""
        ...


def _minimum(_inst: object, _attribute: Any, value: Any) -> None:
    if (
        not isinstance(value, float)
        or not math.isfinite(value)
        or not 0.0 < value <= 1.0
    ):
        raise InvalidValue("minimum", value, "must be a float in (0, 1]")


@frozen
class ConfidenceThreshold:
    """Answer with the best suggestion when its confidence ≥ ``minimum``.

    Attributes:
        minimum: The confidence the best suggestion needs, in (0, 1].
    """

    minimum: float = field(default=DEFAULT_MINIMUM_CONFIDENCE, validator=_minimum)

    def decide(self, suggestions: Sequence[Suggestion]) -> Answer | HandOff:
        """The decision on *suggestions* (best first, as ``suggest`` ranks).

        Raises:
            InvalidValue: an item is not a :class:`Suggestion`.
        """
        if not suggestions:
            return HandOff("no article matches the message")
        best = max(suggestions, key=_confidence_of)
        if best.confidence >= self.minimum:
            return Answer(best)
        return HandOff(
            f"best confidence {best.confidence:.2f} is below {self.minimum:.2f}",
            best,
        )


def _confidence_of(suggestion: Suggestion) -> float:
    if not isinstance(suggestion, Suggestion):
        raise InvalidValue("suggestions", suggestion, "each item must be a Suggestion")
    return suggestion.confidence
