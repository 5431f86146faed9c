"""Strategies for :mod:`carekit.knowledge`: articles, knowledge bases, the
tokenizer and BM25 settings, suggestions and answer decisions.

Article texts are drawn from a small vocabulary (with a few words in two
languages), so that generated queries match generated articles; languages
come from the routing pool, whose tags share base languages.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from hypothesis import strategies as st

from carekit.knowledge import (
    ENGLISH_STOP_WORDS,
    SPANISH_STOP_WORDS,
    Answer,
    Article,
    Bm25,
    ConfidenceThreshold,
    HandOff,
    KnowledgeBase,
    Suggestion,
    Words,
)

from ._common import identifiers
from ._routing import routing_tags

__all__ = [
    "KNOWLEDGE_WORDS",
    "answer_decisions",
    "article_lists",
    "articles",
    "bm25_settings",
    "confidence_thresholds",
    "knowledge_bases",
    "knowledge_texts",
    "strategies_by_type",
    "suggestions",
    "word_tokenizers",
]

KNOWLEDGE_WORDS = (
    "refund",
    "refunds",
    "card",
    "order",
    "shipping",
    "late",
    "password",
    "reset",
    "account",
    "hours",
    "the",
    "my",
    "is",
    "404",
    "2024",
    "reembolso",
    "envío",
    "tarjeta",
    "Straße",
    "हिन्दी",
)
"""The vocabulary of generated articles and queries: care topics, a few stop
words, digits, and accented or non-Latin words."""
_PLACEHOLDERS = ("name", "order", "date")
_HAS_SNOWBALL = importlib.util.find_spec("snowballstemmer") is not None


def knowledge_texts(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Texts of words from :data:`KNOWLEDGE_WORDS` and punctuation,
    shrinking to the empty text.

    Args:
        max_size: Most words in a text.
    """
    words = st.lists(st.sampled_from(KNOWLEDGE_WORDS), max_size=max_size)
    separators = st.sampled_from([" ", ", ", "? ", "-", "\n"])
    return st.tuples(words, separators).map(lambda pair: pair[1].join(pair[0]))


def _answers() -> st.SearchStrategy[str]:
    names = st.lists(st.sampled_from(_PLACEHOLDERS), max_size=2)
    return names.map(
        lambda chosen: "Hi" + "".join(f" {{{name}}}" for name in chosen) + ", {{ok}}."
    )


def articles(
    *, ids: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Article]:
    """Articles in or without a language, with answers holding placeholders.

    Args:
        ids: Strategy for the article id; default :func:`identifiers`.
    """
    return st.builds(
        Article,
        ids if ids is not None else identifiers(),
        knowledge_texts(max_size=4).filter(lambda text: bool(text.strip())),
        body=knowledge_texts(),
        tags=st.lists(st.sampled_from(["billing", "shipping", "account"]), max_size=2),
        language=st.none() | routing_tags(),
        answer=_answers(),
    )


def article_lists(*, max_size: int = 12) -> st.SearchStrategy[list[Article]]:
    """Lists of articles with unique ids, shrinking to the empty list.

    Args:
        max_size: Most articles.
    """
    return st.lists(articles(), max_size=max_size, unique_by=lambda a: a.id)


def bm25_settings() -> st.SearchStrategy[Bm25]:
    """BM25 parameters around the Okapi defaults, shrinking to k1 = b = 0."""
    return st.builds(
        Bm25,
        st.sampled_from([0.0, 0.5, 1.2, 1.5, 2.0]),
        st.sampled_from([0.0, 0.5, 0.75, 1.0]),
        epsilon=st.sampled_from([0.0, 0.1, 0.25]),
    )


def word_tokenizers() -> st.SearchStrategy[Words]:
    """The default tokenizer with or without stop words, digits, stemming
    and a default language."""
    stops = st.sampled_from(
        [{}, {"en": ENGLISH_STOP_WORDS}, {"es": SPANISH_STOP_WORDS, "en": ["card"]}]
    )
    return st.builds(
        Words,
        stop_words=stops,
        digits=st.booleans(),
        # Stemming needs the ``stemming`` extra; without it, never drawn.
        stemming=st.booleans() if _HAS_SNOWBALL else st.just(False),
        default_language=st.none() | st.sampled_from(["en", "es"]),
    )


def knowledge_bases(
    *,
    articles: st.SearchStrategy[list[Article]] | None = None,
    tokenizers: st.SearchStrategy[Words] | None = None,
    bm25: st.SearchStrategy[Bm25] | None = None,
) -> st.SearchStrategy[KnowledgeBase]:
    """Knowledge bases over drawn articles.

    Args:
        articles: Strategy for the article list; default :func:`article_lists`.
        tokenizers: Strategy for the tokenizer; default the default tokenizer.
        bm25: Strategy for the parameters; default the Okapi defaults.
    """
    return st.builds(
        KnowledgeBase.of,
        articles if articles is not None else article_lists(),
        tokenizer=tokenizers if tokenizers is not None else st.just(Words()),
        bm25=bm25 if bm25 is not None else st.just(Bm25()),
    )


def suggestions() -> st.SearchStrategy[Suggestion]:
    """Suggestions with any positive score and confidence in [0, 1] (not tied
    to a knowledge base; draw ``kb.suggest(...)`` for consistent ones)."""
    return st.builds(
        Suggestion,
        articles(),
        st.floats(min_value=1e-6, max_value=100.0),
        st.floats(min_value=0.0, max_value=1.0),
    )


def confidence_thresholds() -> st.SearchStrategy[ConfidenceThreshold]:
    """Thresholds in (0, 1], with or without a margin."""
    return st.builds(
        ConfidenceThreshold,
        st.floats(min_value=0.01, max_value=1.0),
        margin=st.sampled_from([0.0, 0.05, 0.1]),
    )


def answer_decisions() -> st.SearchStrategy[Answer | HandOff]:
    """Answer and hand-off decisions."""
    return st.one_of(
        st.builds(Answer, suggestions()),
        st.builds(
            HandOff,
            st.sampled_from(["no article matches the message", "below 0.35"]),
            st.none() | suggestions(),
        ),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each knowledge-base model."""
    return {
        Answer: st.builds(Answer, suggestions()),
        Article: articles(),
        Bm25: bm25_settings(),
        ConfidenceThreshold: confidence_thresholds(),
        HandOff: answer_decisions().filter(lambda d: isinstance(d, HandOff)),
        Suggestion: suggestions(),
        Words: word_tokenizers(),
    }
