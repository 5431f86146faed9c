"""Answer or hand to a human: the decision a bot takes on the suggestions.

Rule (issue 17): "the threshold decides between answer and hand to a
human". The default, :class:`ConfidenceThreshold`, answers with the best
suggestion when its confidence reaches ``minimum``; otherwise, or when there
is no suggestion at all, the message goes to a human.

>>> from carekit.knowledge import Article, KnowledgeBase
>>> kb = KnowledgeBase.of(
...     Article(topic, f"{topic} help", body=f"All about {topic}: {topic} rules.",
...             answer=f"Here is how {topic} works.")
...     for topic in ("refunds", "shipping", "passwords", "hours")
... )
>>> decision = ConfidenceThreshold().decide(kb.suggest("refunds"))
>>> type(decision).__name__, decision.suggestion.article.id
('Answer', 'refunds')
>>> ConfidenceThreshold().decide(kb.suggest("my parcel is lost")).reason
'no article matches the message'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
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

DEFAULT_MINIMUM_CONFIDENCE = 0.3
"""The default threshold of :class:`ConfidenceThreshold`, chosen on the
benchmark corpus (see the knowledge-base docs, "Choosing the threshold"): it
answers about 7 in 10 messages on a topic the knowledge base covers and 1
in 500 on a topic it lacks."""


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


def _margin(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, float) or not 0.0 <= value < 1.0:
        raise InvalidValue("margin", value, "must be a float in [0, 1)")


@frozen
class ConfidenceThreshold:
    """Answer with the most confident suggestion when its confidence is at
    least ``minimum`` and ahead of the next one's by at least ``margin``.

    Attributes:
        minimum: The confidence the best suggestion needs, in (0, 1].
        margin: How far ahead of the second suggestion's confidence it must
            be, in [0, 1); 0 (the default) compares with ``minimum`` only.
    """

    minimum: float = field(default=DEFAULT_MINIMUM_CONFIDENCE, validator=_minimum)
    margin: float = field(default=0.0, validator=_margin, kw_only=True)

    def decide(self, suggestions: Sequence[Suggestion]) -> Answer | HandOff:
        """The decision on *suggestions* (best first, as ``suggest`` ranks).

        Raises:
            InvalidValue: *suggestions* is not a sequence, or an item is not
                a :class:`Suggestion`.
        """
        given: object = suggestions  # checked: callers may pass anything
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidValue("suggestions", given, "must be a sequence of Suggestion")
        if not suggestions:
            return HandOff("no article matches the message")
        ranked = sorted(suggestions, key=_confidence_of, reverse=True)
        best = ranked[0]
        if best.confidence < self.minimum:
            return HandOff(
                f"best confidence {best.confidence:.2f} is below {self.minimum:.2f}",
                best,
            )
        runner_up = ranked[1].confidence if len(ranked) > 1 else 0.0
        if best.confidence - runner_up < self.margin:
            return HandOff(
                f"best confidence {best.confidence:.2f} is within {self.margin:.2f}"
                f" of the next one ({runner_up:.2f})",
                best,
            )
        return Answer(best)


def _confidence_of(suggestion: Suggestion) -> float:
    if not isinstance(suggestion, Suggestion):
        raise InvalidValue("suggestions", suggestion, "each item must be a Suggestion")
    return suggestion.confidence
