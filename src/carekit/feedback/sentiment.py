"""Sentiment conversion: did a conversation that started negative end well?

Rules:

- A conversation's sentiment **starts** at its first customer message and
  **ends** at its last one (one customer message: it starts and ends
  there). A conversation without customer messages has no sentiment.
- **Sentiment conversion** = conversations that start negative and end
  neutral or positive ÷ conversations that start negative; ``None`` when no
  conversation starts negative, never a division error.
- Labels come from the caller (:class:`ConversationSentiment`) or from a
  :class:`SentimentClassifier` of your choice (:func:`label_conversation`):
  carekit ships no language model, only :class:`KeywordClassifier`, a
  word-list baseline.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from typing import Protocol, Self

from attrs import field, frozen

from carekit._validate import enum_member, non_empty_str
from carekit.conversations import Conversation
from carekit.errors import InvalidValue
from carekit.feedback._tally import KeyedCounts, check_count, check_parts
from carekit.messages import Direction

__all__ = [
    "ConversationSentiment",
    "KeywordClassifier",
    "Sentiment",
    "SentimentAccumulator",
    "SentimentClassifier",
    "SentimentResult",
    "label_conversation",
    "measure_sentiment",
]


class Sentiment(enum.Enum):
    """The tone of a customer's message."""

    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class SentimentClassifier(Protocol):
    """Labels a text: a model, a lexicon, or a call to a service the caller
    made beforehand (carekit does no I/O)."""

    def classify(self, text: str) -> Sentiment:
        """The sentiment of *text*."""
        ...


def _words(items: Iterable[str], name: str) -> tuple[str, ...]:
    if isinstance(items, str | bytes):  # not split into its letters
        raise InvalidValue(name, items, "must be a collection of words, not a str")
    try:
        words = tuple(sorted({item.casefold() for item in items}))
    except (TypeError, AttributeError):
        raise InvalidValue(name, items, "must be a collection of words") from None
    for word in words:
        if not _WORD.fullmatch(word):
            raise InvalidValue(name, word, "each is one word (letters, digits, ')")
    return words


def _negative(items: Iterable[str]) -> tuple[str, ...]:
    return _words(items, "negative")


def _positive(items: Iterable[str]) -> tuple[str, ...]:
    return _words(items, "positive")


_WORD = re.compile(r"[\w']+")


@frozen
class KeywordClassifier:
    """A word-list baseline: more negative than positive words is
    ``NEGATIVE``, more positive ``POSITIVE``, otherwise ``NEUTRAL``.

    Words are matched whole and case-insensitively. It is a baseline for
    tests and demos, not a language model: pass your own classifier for
    real traffic.

    Attributes:
        negative: Words that count as negative (stored casefolded, sorted).
        positive: Words that count as positive.

    >>> KeywordClassifier().classify("Still BROKEN, this is awful")
    <Sentiment.NEGATIVE: 'negative'>
    """

    negative: tuple[str, ...] = field(
        default=(
            "angry",
            "awful",
            "bad",
            "broken",
            "disappointed",
            "terrible",
            "useless",
            "worst",
            "wrong",
        ),
        converter=_negative,
    )
    positive: tuple[str, ...] = field(
        default=(
            "excellent",
            "fixed",
            "good",
            "great",
            "happy",
            "love",
            "perfect",
            "thank",
            "thanks",
        ),
        converter=_positive,
    )

    def classify(self, text: str) -> Sentiment:
        """The sentiment of *text* by its word counts.

        Raises:
            InvalidValue: *text* is not a string.
        """
        if type(text) is not str:
            raise InvalidValue("text", text, "must be a string")
        words = _WORD.findall(text.casefold())
        negative = sum(1 for word in words if word in self.negative)
        positive = sum(1 for word in words if word in self.positive)
        if negative > positive:
            return Sentiment.NEGATIVE
        return Sentiment.POSITIVE if positive > negative else Sentiment.NEUTRAL


@frozen
class ConversationSentiment:
    """How a conversation's customer started and ended.

    Attributes:
        conversation_id: The conversation.
        start: The sentiment of its first customer message.
        end: The sentiment of its last customer message.
    """

    conversation_id: str = field(validator=non_empty_str)
    start: Sentiment = field(validator=enum_member(Sentiment))
    end: Sentiment = field(kw_only=True, validator=enum_member(Sentiment))

    @property
    def converted(self) -> bool:
        """True when it started negative and ended neutral or positive."""
        return self.start is Sentiment.NEGATIVE and self.end is not Sentiment.NEGATIVE


def _label(classifier: SentimentClassifier, text: str) -> Sentiment:
    label = classifier.classify(text)
    if type(label) is not Sentiment:
        raise InvalidValue("classifier", label, "classify must return a Sentiment")
    return label


def label_conversation(
    conversation: Conversation, classifier: SentimentClassifier
) -> ConversationSentiment | None:
    """The start and end sentiment of *conversation*'s customer, as
    *classifier* labels its first and last customer messages; ``None``
    without customer messages.

    Raises:
        InvalidValue: *conversation* is not a ``Conversation``, *classifier*
            not a :class:`SentimentClassifier`, or the classifier returned
            something other than a :class:`Sentiment`.
    """
    if not isinstance(conversation, Conversation):
        raise InvalidValue("conversation", conversation, "must be a Conversation")
    if not callable(getattr(classifier, "classify", None)):
        raise InvalidValue(
            "classifier", classifier, "must be a SentimentClassifier (with classify)"
        )
    texts = [m.text for m in conversation.messages if m.direction is Direction.INBOUND]
    if not texts:
        return None
    start = _label(classifier, texts[0])
    end = start if len(texts) == 1 else _label(classifier, texts[-1])
    return ConversationSentiment(conversation.id, start, end=end)


@frozen
class SentimentResult:
    """The counts of a sentiment-conversion evaluation.

    Attributes:
        conversations: Conversations labelled.
        started_negative: Those whose customer started negative.
        converted: Those that started negative and ended neutral or positive.
    """

    conversations: int = field(validator=check_count)
    started_negative: int = field(validator=check_count)
    converted: int = field(default=0, kw_only=True, validator=check_count)

    def __attrs_post_init__(self) -> None:
        check_parts(self, "conversations", "started_negative")
        check_parts(self, "started_negative", "converted")

    @property
    def conversion(self) -> float | None:
        """Converted ÷ started negative; ``None`` when none started negative."""
        if not self.started_negative:
            return None
        return self.converted / self.started_negative


class SentimentAccumulator(KeyedCounts[ConversationSentiment]):
    """Sentiment-conversion counts, to add to and merge (``add`` mutates and
    returns ``self``; ``merge`` and ``extract`` are pure)."""

    __slots__ = ()
    KIND = "sentiment"
    COLUMNS = ("conversations", "started_negative", "converted")

    def add(self, item: ConversationSentiment) -> Self:
        """Count one labelled conversation (in place); returns ``self``.

        Raises:
            InvalidValue: *item* is not a :class:`ConversationSentiment`.
        """
        if not isinstance(item, ConversationSentiment):
            raise InvalidValue("item", item, "must be a ConversationSentiment")
        negative = item.start is Sentiment.NEGATIVE
        self.bump(None, (1, int(negative), int(item.converted)))
        return self

    def extract(self) -> SentimentResult:
        """The counts so far."""
        conversations, negative, converted = self.totals()
        return SentimentResult(conversations, negative, converted=converted)


def measure_sentiment(labels: Iterable[ConversationSentiment]) -> SentimentResult:
    """The sentiment conversion of labelled conversations.

    Raises:
        InvalidValue: An item is not a :class:`ConversationSentiment`, or two
            label one conversation.

    >>> happy = ConversationSentiment("c1", Sentiment.NEUTRAL, end=Sentiment.POSITIVE)
    >>> measure_sentiment([happy]).conversion is None
    True
    """
    seen: set[str] = set()
    acc = SentimentAccumulator()
    for index, label in enumerate(labels):
        acc.add(label)
        if label.conversation_id in seen:
            raise InvalidValue(
                f"labels[{index}]", label.conversation_id, "one label per conversation"
            )
        seen.add(label.conversation_id)
    return acc.extract()
