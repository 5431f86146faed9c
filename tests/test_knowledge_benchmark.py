"""The knowledge-base benchmark compares like with like: carekit's scores
equal ``BM25Okapi``'s on its corpus, and its report runs end to end."""

import argparse
import random

import pytest
from benchmarks import knowledge

from carekit.knowledge import DEFAULT_TOKENIZER, KnowledgeBase

rank_bm25 = pytest.importorskip("rank_bm25")


def test_the_corpus_scores_equal_the_oracles() -> None:
    rng = random.Random(3)
    articles = knowledge.corpus(120, rng)
    kb = KnowledgeBase.of(articles)
    tokens = [
        DEFAULT_TOKENIZER.tokenize(a.indexed_text, language=a.language)
        for a in articles
    ]
    oracle = rank_bm25.BM25Okapi(tokens)
    for text, language, _ in knowledge.queries(articles, 60, rng):
        query = DEFAULT_TOKENIZER.tokenize(text, language=language)
        for want, got in zip(oracle.get_scores(query), kb.scores(query), strict=True):
            assert abs(want - got) <= 1e-9


def test_the_report_runs_and_agrees() -> None:
    args = argparse.Namespace(articles=80, queries=30, seed=2, repeat=1)
    lines, agree, _met = knowledge.report(args)
    assert agree
    assert any("carekit suggest" in line for line in lines)
