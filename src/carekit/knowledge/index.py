"""The knowledge base: an immutable BM25 index over articles, and its
ranked suggestions with a calibrated confidence.

Ranking (Okapi BM25, as ``rank-bm25``'s ``BM25Okapi`` computes it, whose
scores carekit's equal to 1e-9 on the same tokens): for a query of terms
*q₁ … qₙ* (repeats counted) and a document *d* of *|d|* terms in a corpus of
*N* documents averaging *avgdl* terms,

    score(d) = Σᵢ idf(qᵢ) · tf(qᵢ, d)·(k1 + 1) / (tf(qᵢ, d) + k1·(1 − b + b·|d|/avgdl))

with ``idf(t) = ln(N − n(t) + 0.5) − ln(n(t) + 0.5)``, *n(t)* the documents
holding *t*; a negative idf is replaced by ``epsilon × (the mean idf of
every term)``, and a term the corpus does not hold counts 0.

Confidence: a suggestion's score divided by the message's **maximal
attainable score**,

    attainable = Σᵢ max(idf(qᵢ), 0) · (k1 + 1) / (1 + k1·b/avgdl)

where a word no article holds counts with the idf it would have if one
article held it, ``ln(N − 0.5) − ln(1.5)`` (so a message the knowledge base
cannot explain scores low, instead of being judged on its few known words),
and a number no article holds counts 0 (it is the customer's order or card
number, not a topic).
It is a true upper bound: an article holding *t* has ``|d| ≥ tf(t, d)``, so
each term's factor ``tf·(k1+1) / (tf + k1·(1−b) + k1·b·|d|/avgdl)`` is below
``(k1+1) / (1 + k1·b/avgdl)``; terms of negative idf only lower a score, and
unknown words add nothing to it. So confidence is in [0, 1]; it approaches 1
for a perfect match, an article made of the message's words and nothing
else, and does not change when the message is repeated.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from attrs import field, frozen
from attrs.exceptions import FrozenInstanceError

from carekit.errors import InvalidValue
from carekit.knowledge._postings import Group, Postings, accumulate, build
from carekit.knowledge.articles import Article
from carekit.knowledge.tokens import DEFAULT_TOKENIZER, Tokenizer
from carekit.routing.languages import base_language, language_tags

__all__ = [
    "OKAPI",
    "Bm25",
    "KnowledgeBase",
    "Suggestion",
]


def _parameter(upper: float) -> Any:
    """A number in [0, *upper*]: finite, and small enough that the weights
    ``(k1 + 1)``, ``k1·b/avgdl`` and ``epsilon × mean idf`` stay finite."""

    def check(_inst: object, attribute: Any, value: Any) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value <= upper  # False for NaN; compares big ints exactly
        ):
            raise InvalidValue(
                attribute.name, value, f"must be a finite number in [0, {upper:g}]"
            )

    return check


def _to_float(value: Any) -> Any:
    # An int too large for a float stays an int, and the validator names it.
    if type(value) is int and -_MAX_PARAMETER <= value <= _MAX_PARAMETER:
        return float(value)
    return value


#: The largest k1 and epsilon: far past any tuned value (k1 is 1.2 to 2.0 in
#: the literature, epsilon a fraction), far below float overflow.
_MAX_PARAMETER = 1000


@frozen
class Bm25:
    """The Okapi BM25 parameters.

    Attributes:
        k1: Term-frequency saturation, in [0, 1000].
        b: Length normalization, in [0, 1].
        epsilon: A negative idf becomes ``epsilon × mean idf``, in [0, 1000].
    """

    k1: float = field(
        default=1.5, converter=_to_float, validator=_parameter(_MAX_PARAMETER)
    )
    b: float = field(default=0.75, converter=_to_float, validator=_parameter(1.0))
    epsilon: float = field(
        default=0.25,
        converter=_to_float,
        validator=_parameter(_MAX_PARAMETER),
        kw_only=True,
    )


OKAPI = Bm25()
"""``rank-bm25``'s ``BM25Okapi`` defaults: k1 1.5, b 0.75, epsilon 0.25."""


def _score(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, float) or not math.isfinite(value):
        raise InvalidValue("score", value, "must be a finite float")


def _confidence(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, float) or not 0.0 <= value <= 1.0:
        raise InvalidValue("confidence", value, "must be a float in [0, 1]")


def _article(_inst: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, Article):
        raise InvalidValue("article", value, "must be an Article")


@frozen
class Suggestion:
    """One ranked article for a customer's message.

    Attributes:
        article: The article.
        score: Its BM25 score for the message (> 0 from :meth:`KnowledgeBase.suggest`).
        confidence: The score over the message's maximal attainable score,
            in [0, 1]: the same threshold means the same for every message.
    """

    article: Article = field(validator=_article)
    score: float = field(validator=_score)
    confidence: float = field(validator=_confidence)

    def answer(self, **values: str) -> str:
        """The article's suggested answer with its placeholders filled.

        Raises:
            InvalidValue: a placeholder has no value (the error's ``field`` is
                its name), or a value is not a string.
        """
        return self.article.fill(values)


def _articles(value: Any) -> tuple[Article, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue("articles", value, "must be a collection of Article")
    articles = tuple(value)
    seen: set[str] = set()
    for article in articles:
        if not isinstance(article, Article):
            raise InvalidValue("articles", article, "each item must be an Article")
        if article.id in seen:
            raise InvalidValue("articles", article.id, "article ids must be unique")
        seen.add(article.id)
    return articles


def _terms(value: object) -> tuple[str, ...]:
    """Query terms: a sequence of strings (a string is a text, not terms:
    tokenize it first)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValue("terms", value, "must be a sequence of strings (tokens)")
    terms = tuple(value)
    for term in terms:
        if type(term) is not str:
            raise InvalidValue("terms", term, "each term must be a string")
    return terms


def _limit(value: object) -> int:
    if type(value) is not int or value < 1:
        raise InvalidValue("limit", value, "must be an int ≥ 1")
    return value


class KnowledgeBase:
    """An immutable BM25 index over articles, built once for an engine's
    configuration and shared by every conversation.

    Queries go through an inverted index: each term keeps its postings (per
    language group) with the precomputed weight of the term in each article,
    so a query costs one addition per matching posting, not one per article.
    Corpus statistics (idf, average length) are over every article, whatever
    its language, as ``BM25Okapi`` computes them over its whole corpus.

    Build it with :meth:`of`.
    """

    __slots__ = ("_articles", "_bm25", "_group_tags", "_index", "_tags", "_tokenizer")

    _articles: tuple[Article, ...]
    _bm25: Bm25
    _group_tags: dict[Group, frozenset[str]]
    _index: Postings
    _tags: tuple[str | None, ...]
    _tokenizer: Tokenizer

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        raise InvalidValue(
            "articles", None, "build a KnowledgeBase with KnowledgeBase.of(articles)"
        )

    @classmethod
    def of(
        cls,
        articles: Iterable[Article],
        *,
        tokenizer: Tokenizer = DEFAULT_TOKENIZER,
        bm25: Bm25 = OKAPI,
    ) -> KnowledgeBase:
        """Index *articles* (each tokenized in its own language).

        Args:
            articles: The articles, ids unique; their order breaks ties.
            tokenizer: Reads the articles and later the queries.
            bm25: The ranking parameters.

        Raises:
            InvalidValue: an item is not an :class:`Article`, two share an id,
                *tokenizer* has no ``tokenize`` method or *bm25* is not a
                :class:`Bm25`.
        """
        if not isinstance(bm25, Bm25):
            raise InvalidValue("bm25", bm25, "must be a Bm25")
        if not isinstance(tokenizer, Tokenizer):
            raise InvalidValue("tokenizer", tokenizer, "must have a tokenize method")
        chosen = _articles(articles)
        documents = [
            tokenizer.tokenize(a.indexed_text, language=a.language) for a in chosen
        ]
        tags = tuple(None if a.language is None else a.language.lower() for a in chosen)
        groups = [None if tag is None else base_language(tag) for tag in tags]
        group_tags: dict[Group, set[str]] = {}
        for group, tag in zip(groups, tags, strict=True):
            if tag is not None:
                group_tags.setdefault(group, set()).add(tag)
        kb = object.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(kb, "_articles", chosen)
        setattr_(kb, "_bm25", bm25)
        setattr_(kb, "_tokenizer", tokenizer)
        setattr_(kb, "_tags", tags)
        setattr_(kb, "_group_tags", {g: frozenset(t) for g, t in group_tags.items()})
        index = build(documents, groups, bm25.k1, bm25.b, bm25.epsilon)
        setattr_(kb, "_index", index)
        return kb

    # -- the immutable value --------------------------------------------------

    # What every other carekit model (a frozen attrs class) raises.
    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnowledgeBase):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        return (self._articles, self._tokenizer, self._bm25)

    def __repr__(self) -> str:
        return f"<KnowledgeBase of {len(self._articles)} articles, {self._bm25!r}>"

    def __len__(self) -> int:
        return len(self._articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    @property
    def articles(self) -> tuple[Article, ...]:
        """The indexed articles, in the order given."""
        return self._articles

    @property
    def tokenizer(self) -> Tokenizer:
        """The tokenizer that read the articles and reads the queries."""
        return self._tokenizer

    @property
    def bm25(self) -> Bm25:
        """The ranking parameters."""
        return self._bm25

    # -- queries ----------------------------------------------------------------

    def idf(self, term: str) -> float:
        """The idf of *term* after the epsilon floor; 0 for a term no article
        holds (as ``BM25Okapi`` scores it)."""
        if type(term) is not str:
            raise InvalidValue("term", term, "must be a string")
        return self._index.idf.get(term, 0.0)

    def scores(self, terms: Sequence[str]) -> tuple[float, ...]:
        """The BM25 score of every article for *terms*, in article order
        (what ``BM25Okapi.get_scores`` returns), languages ignored."""
        terms = _terms(terms)
        totals = [0.0] * len(self._articles)
        for postings in self._index.groups.values():
            for index, total in accumulate(terms, postings).items():
                totals[index] = total
        return tuple(totals)

    def attainable(self, terms: Sequence[str]) -> float:
        """The maximal attainable score of *terms*: the confidence's divisor.

        ``Σ max(idf(t), 0) · (k1 + 1) / (1 + k1·b/avgdl)`` over the terms,
        repeats counted, where a word no article holds counts with the idf it
        would have if one article held it, ``ln(N − 0.5) − ln(1.5)``, and a
        number no article holds (all decimal digits) counts 0. An upper bound
        on every article's score.
        """
        return self._index.attainable(_terms(terms))

    def suggest(
        self, text: str, *, language: str | None = None, limit: int = 3
    ) -> tuple[Suggestion, ...]:
        """The articles that best answer *text*, best first.

        Rules:

        - the message is tokenized in *language* for the articles with a
          language, and as a text without one for the articles without one;
        - language filter (exact tag first, then base language, as
          :class:`carekit.routing.LanguageMatch` picks agents): an article
          without a language matches every message; an article with one
          matches only messages in its language; when an article in the
          message's exact tag (``es-MX``, case ignored) matches, the articles
          that share only its base language (``es``, ``es-ES``) are left out,
          else they take part. A message without a language matches only the
          articles without one;
        - only articles with a positive score are suggested, higher score
          first, then in the knowledge base's order.

        Args:
            text: The customer's message.
            language: Its BCP 47 tag, if known.
            limit: Most suggestions returned (≥ 1).

        Raises:
            InvalidValue: *text* is not a string, *language* not a BCP 47
                tag, *limit* not an int ≥ 1.
        """
        if not isinstance(text, str):
            raise InvalidValue("text", text, "must be a string")
        _limit(limit)
        wanted = None if language is None else language_tags([language], "language")[0]
        groups = self._index.groups
        found: dict[int, float] = {}
        terms = neutral_terms = self._tokenizer.tokenize(text, language=wanted)
        if wanted is not None:
            found = self._in_language(terms, wanted.lower())
        if None in groups:
            if wanted is not None:
                neutral_terms = self._tokenizer.tokenize(text, language=None)
            found.update(accumulate(neutral_terms, groups[None]))
        ranked = heapq.nsmallest(limit, [(-s, i) for i, s in found.items() if s > 0.0])
        tagged = self._index.attainable(terms)
        neutral = tagged if neutral_terms is terms else self.attainable(neutral_terms)
        tags = self._tags
        return tuple(
            self._suggestion(i, -s, neutral if tags[i] is None else tagged)
            for s, i in ranked
        )

    def _in_language(self, terms: Sequence[str], wanted: str) -> dict[int, float]:
        """Scores of the articles in *wanted*'s exact tag if one matches,
        else of those in its base language."""
        base = base_language(wanted)
        postings = self._index.groups.get(base)
        if postings is None:
            return {}
        totals = accumulate(terms, postings)
        present = self._group_tags[base]
        if wanted not in present or len(present) == 1:
            return totals  # no article in the exact tag, or all of them are
        tags = self._tags
        exact = {i: s for i, s in totals.items() if tags[i] == wanted and s > 0.0}
        return exact or totals

    def _suggestion(self, index: int, score: float, ceiling: float) -> Suggestion:
        # score ≤ ceiling holds exactly; min() only absorbs float rounding.
        confidence = min(score / ceiling, 1.0) if ceiling > 0.0 else 0.0
        return Suggestion(self._articles[index], score, confidence)
