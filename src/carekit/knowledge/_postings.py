"""The BM25 kernel of the knowledge base: idf, term weights and postings.

Plain numbers and tuples only (no model objects), computed in
``rank_bm25.BM25Okapi``'s order of floating-point operations so that the
scores match it to the last bits, not just to 1e-9.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["Group", "Posting", "Postings", "accumulate", "build", "idf_table"]

Group = str | None
"""A base language (``"en"``), or ``None`` for the articles without one."""

Posting = tuple[tuple[int, ...], tuple[float, ...]]
"""The articles holding a term, and the term's weight in each."""


def idf_table(frequency: dict[str, int], size: int, epsilon: float) -> dict[str, float]:
    """``BM25Okapi._calc_idf``: ln(N − n + 0.5) − ln(n + 0.5), negatives
    replaced by epsilon × the mean idf (taken before the replacement)."""
    idf: dict[str, float] = {}
    negative: list[str] = []
    total = 0.0
    for term, count in frequency.items():
        value = math.log(size - count + 0.5) - math.log(count + 0.5)
        idf[term] = value
        total += value
        if value < 0:
            negative.append(term)
    if idf:
        floor = epsilon * (total / len(idf))
        for term in negative:
            idf[term] = floor
    return idf


class Postings:
    """The index: idf, postings by language group, the per-term ceiling."""

    __slots__ = ("ceiling", "groups", "idf", "size", "unseen_idf")

    def __init__(
        self,
        idf: dict[str, float],
        groups: dict[Group, dict[str, Posting]],
        ceiling: float,
        size: int,
    ) -> None:
        self.idf = idf
        self.groups = groups
        self.ceiling = ceiling
        self.size = size
        # What a word no article holds would weigh if one article held it
        # (negative below three articles: then it cannot raise the bound).
        unseen = math.log(size - 1 + 0.5) - math.log(1.5) if size else 0.0
        self.unseen_idf = max(unseen, 0.0)

    def attainable(self, terms: Sequence[str]) -> float:
        """The query's maximal attainable score (see ``carekit.knowledge.index``):
        a word no article holds counts as if one article held it; a number no
        article holds (an order or card number) does not count."""
        idf, unseen = self.idf, self.unseen_idf
        total = math.fsum(
            max(idf[t], 0.0) if t in idf else 0.0 if t.isdecimal() else unseen
            for t in terms
        )
        return total * self.ceiling


def build(
    documents: Sequence[Sequence[str]],
    groups: Sequence[Group],
    k1: float,
    b: float,
    epsilon: float,
) -> Postings:
    """Index *documents* (the tokens of each article) by language group."""
    avgdl = sum(len(d) for d in documents) / len(documents) if documents else 0.0
    counts: list[dict[str, int]] = []
    frequency: dict[str, int] = {}
    for document in documents:
        tf: dict[str, int] = {}
        for term in document:
            tf[term] = tf.get(term, 0) + 1
        counts.append(tf)
        for term in tf:
            frequency[term] = frequency.get(term, 0) + 1
    idf = idf_table(frequency, len(documents), epsilon)
    lists: dict[Group, dict[str, tuple[list[int], list[float]]]] = {}
    for index, (document, tf) in enumerate(zip(documents, counts, strict=True)):
        norm = k1 * (1 - b + b * len(document) / avgdl)
        group = lists.setdefault(groups[index], {})
        for term, freq in tf.items():
            docs, weights = group.setdefault(term, ([], []))
            docs.append(index)
            weights.append(idf[term] * (freq * (k1 + 1) / (freq + norm)))
    frozen = {
        key: {term: (tuple(d), tuple(w)) for term, (d, w) in group.items()}
        for key, group in lists.items()
    }
    ceiling = (k1 + 1) / (1 + k1 * b / avgdl) if avgdl else 0.0
    return Postings(idf, frozen, ceiling, len(documents))


def accumulate(terms: Sequence[str], postings: dict[str, Posting]) -> dict[int, float]:
    """Each matching article's score: one addition per matching posting, in
    the order of *terms* (repeats counted)."""
    totals: dict[int, float] = {}
    get = totals.get
    for term in terms:
        entry = postings.get(term)
        if entry is None:
            continue
        if not totals:
            totals = dict(zip(*entry, strict=True))
            get = totals.get
            continue
        for index, weight in zip(*entry, strict=True):
            totals[index] = get(index, 0.0) + weight
    return totals
