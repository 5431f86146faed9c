"""BM25 against an independent oracle, and the confidence's bound.

Rules: "scores must equal rank-bm25's BM25Okapi (k1 1.5, b 0.75, epsilon
floor 0.25) on the same tokens" (issue 17), to 1e-9; confidence is "a
normalized value in [0, 1]" whose divisor, the query's maximal attainable
score, is a true upper bound on every article's score.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carekit.knowledge import OKAPI, Article, Bm25, KnowledgeBase, Words
from carekit.testing import strategies as cks

rank_bm25 = pytest.importorskip("rank_bm25")
numpy = pytest.importorskip("numpy")

#: A skewed vocabulary: a few words are everywhere (negative idf, so the
#: epsilon floor is exercised), most are rare.
COMMON = ("the", "my", "order")
RARE = tuple(f"w{chr(97 + i)}" for i in range(20))
WORDS = st.sampled_from(COMMON) | st.sampled_from(RARE)

documents = st.lists(st.lists(WORDS, max_size=15), min_size=1, max_size=25).filter(
    lambda docs: any(docs)
)
queries = st.lists(WORDS | st.just("unknown"), max_size=8)
PLAIN = Words()


def knowledge_base(docs: list[list[str]], bm25: Bm25 = OKAPI) -> KnowledgeBase:
    """Articles whose indexed text is exactly *docs*' tokens, one each."""
    articles = [
        Article(f"a{i}", " ".join(doc) or "-", body="", answer="ok")
        for i, doc in enumerate(docs)
    ]
    kb = KnowledgeBase.of(articles, tokenizer=PLAIN, bm25=bm25)
    assert [tuple(d) for d in docs] == [
        PLAIN.tokenize(a.indexed_text) for a in kb.articles
    ]
    return kb


def oracle_scores(
    docs: list[list[str]], query: list[str], bm25: Bm25 = OKAPI
) -> list[float]:
    """``BM25Okapi(docs).get_scores(query)``. With b = 1 an empty article
    makes the oracle divide 0 by 0 for a term it lacks: its score is 0."""
    model = rank_bm25.BM25Okapi(docs, k1=bm25.k1, b=bm25.b, epsilon=bm25.epsilon)
    with numpy.errstate(invalid="ignore"):
        scores = model.get_scores(query)
    return [float(s) for s in numpy.nan_to_num(scores, nan=0.0)]


@given(documents, queries)
def test_scores_equal_bm25okapi(docs: list[list[str]], query: list[str]) -> None:
    """Every article's score equals ``BM25Okapi.get_scores`` to 1e-9."""
    expected = oracle_scores(docs, query)
    actual = knowledge_base(docs).scores(query)
    assert len(expected) == len(actual)
    for want, got in zip(expected, actual, strict=True):
        assert abs(want - got) <= 1e-9


# k1 = 0 makes the oracle divide 0 by 0 for every article without a term.
@given(documents, queries, cks.bm25_settings().filter(lambda p: p.k1 > 0))
def test_scores_equal_bm25okapi_for_any_parameters(
    docs: list[list[str]], query: list[str], bm25: Bm25
) -> None:
    """The same with k1 (> 0), b and epsilon drawn (passed to both)."""
    expected = oracle_scores(docs, query, bm25)
    actual = knowledge_base(docs, bm25).scores(query)
    for want, got in zip(expected, actual, strict=True):
        assert abs(want - got) <= 1e-9


@given(documents, queries)
def test_suggestions_are_the_oracles_positive_scores_best_first(
    docs: list[list[str]], query: list[str]
) -> None:
    """Through the inverted index, ``suggest`` returns the articles the
    oracle scores above 0, higher first, ties in the knowledge base's order."""
    scores = oracle_scores(docs, query)
    expected = sorted((-s, i) for i, s in enumerate(scores) if s > 0.0)
    found = knowledge_base(docs).suggest(" ".join(query), limit=len(docs))
    assert [i for _, i in expected] == [int(s.article.id[1:]) for s in found]
    for (negative, _), suggestion in zip(expected, found, strict=True):
        assert abs(-negative - suggestion.score) <= 1e-9


@given(documents, queries, cks.bm25_settings())
def test_the_attainable_score_bounds_every_score(
    docs: list[list[str]], query: list[str], bm25: Bm25
) -> None:
    """No article scores above the query's maximal attainable score, so
    every confidence is in [0, 1]."""
    kb = knowledge_base(docs, bm25)
    ceiling = kb.attainable(query)
    assert all(score <= ceiling * (1 + 1e-12) for score in kb.scores(query))
    for suggestion in kb.suggest(" ".join(query), limit=len(docs)):
        assert 0.0 <= suggestion.confidence <= 1.0


@given(cks.knowledge_bases(tokenizers=cks.word_tokenizers()), cks.knowledge_texts())
def test_confidence_is_bounded_on_generated_articles(
    kb: KnowledgeBase, text: str
) -> None:
    """In [0, 1] whatever the articles, languages and tokenizer; scores
    positive and non-increasing."""
    for language in (None, "en", "es-MX"):
        found = kb.suggest(text, language=language, limit=5)
        assert all(0.0 <= s.confidence <= 1.0 and s.score > 0.0 for s in found)
        assert [s.score for s in found] == sorted(
            (s.score for s in found), reverse=True
        )


@given(documents, queries.filter(bool))
def test_confidence_follows_the_score_within_a_query(
    docs: list[list[str]], query: list[str]
) -> None:
    """One divisor per query: ranking by confidence is ranking by score."""
    found = knowledge_base(docs).suggest(" ".join(query), limit=len(docs))
    confidences = [s.confidence for s in found]
    assert sorted(confidences, reverse=True) == confidences


@given(documents, queries.filter(bool), st.integers(2, 4))
def test_repeating_the_message_keeps_the_confidence(
    docs: list[list[str]], query: list[str], times: int
) -> None:
    """The raw score grows with a repeated message; the confidence does not,
    so one threshold means the same for short and long messages."""
    kb = knowledge_base(docs)
    once = kb.suggest(" ".join(query), limit=len(docs))
    repeated = kb.suggest(" ".join(query * times), limit=len(docs))
    assert [s.article for s in once] == [s.article for s in repeated]
    for a, b in zip(once, repeated, strict=True):
        assert a.confidence == pytest.approx(b.confidence, rel=1e-9, abs=1e-12)
        assert a.score * times == pytest.approx(b.score, rel=1e-9)


@given(documents, queries.filter(bool))
def test_words_no_article_holds_lower_the_confidence_not_the_score(
    docs: list[list[str]], query: list[str]
) -> None:
    """A word no article holds scores 0 (as in ``BM25Okapi``) but counts in
    the divisor as if one article held it: a message the knowledge base
    explains only in part is less certain."""
    kb = knowledge_base(docs)
    plain = kb.suggest(" ".join(query), limit=len(docs))
    noisy = kb.suggest(" ".join([*query, "zzzz", "qqqq"]), limit=len(docs))
    assert [(s.article, s.score) for s in plain] == [
        (s.article, s.score) for s in noisy
    ]
    for a, b in zip(plain, noisy, strict=True):
        assert b.confidence <= a.confidence
        if len(docs) >= 3:
            assert b.confidence < a.confidence
