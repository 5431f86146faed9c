"""Time the knowledge base's suggestions against rank-bm25, and calibrate
its confidence.

One command (``make bench`` runs it after the SLA benchmark)::

    python benchmarks/knowledge.py --articles 1000 --queries 2000 --seed 1

1. **Corpus**: seeded help-centre articles (title, tags and a body of about 40
   to 110 words: function words, care words such as "refund", five topic words
   of the article's own and Zipf-distributed background words), 70 % in
   English (``en-US``, ``en-GB``, ``en``), 20 % in Spanish (``es-MX``,
   ``es``), 10 % without a language.
2. **Queries**: customer messages; two thirds written from one to three of
   an article's topic words with function, care and filler words ("on
   topic"), a third from words of no article ("off topic"), each in its
   article's language.
3. **Timing**, same process, alternating rounds, best round's median kept
   (``time.perf_counter`` per call): ``kb.suggest(text, language=...)``
   (tokenizing included) against what a user would write instead,
   ``BM25Okapi(corpus).get_scores(tokens)`` then the top three with numpy
   (over the same corpus and the same tokens, tokenizing excluded).
   Target (issue 17): a decision with a 1,000-article knowledge base has a
   median ≤ 200 µs; ``suggest`` is most of it.
4. **Agreement**: for every query the scores equal ``get_scores`` to 1e-9.
5. **Calibration**: the confidence of the best suggestion for on-topic and
   off-topic messages, and how many of each the default threshold answers.

Exit status 1 when the scores disagree (or, with ``--strict``, when the
target is missed).
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence

from carekit.knowledge import (
    DEFAULT_MINIMUM_CONFIDENCE,
    DEFAULT_TOKENIZER,
    Article,
    ConfidenceThreshold,
    KnowledgeBase,
)


def words(text: str) -> list[str]:
    """The space-separated words of *text*."""
    return text.split()


TARGET_MICROSECONDS = 200.0
LANGUAGES = ("en-US",) * 5 + ("en-GB", "en") + ("es-MX", "es") + (None,)
FUNCTION = {
    "en": words("the a to my i is it for and of in on you your this that with"),
    "es": words("el la de mi que en un una por para no es con se hola gracias"),
}
CARE = {
    "en": words(
        "order refund card payment shipping delivery account password return "
        "exchange invoice subscription cancel charge late broken missing address"
    ),
    "es": words(
        "pedido reembolso tarjeta pago envío entrega cuenta contraseña "
        "devolución cambio factura suscripción cancelar cargo tarde roto"
    ),
}
FILLER = words("want guys asap help urgent")
SYLLABLES = words("ka lo mi nu se ta ri po ve da fi gu ha jo ke lu mo ne pi ro")

Query = tuple[str, str | None, str | None]
"""``(text, language, id of the article it was written from or None)``."""


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Distinct made-up topic words of two to four syllables."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return sorted(words)


def zipf_words(vocab: Sequence[str], count: int, rng: random.Random) -> list[str]:
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    return rng.choices(vocab, weights=weights, k=count)


def corpus(count: int, rng: random.Random) -> list[Article]:
    """Seeded help-centre articles, each with five topic words of its own."""
    vocab = vocabulary(6000, rng)
    rng.shuffle(vocab)
    topics, background = vocab[:3000], vocab[3000:]
    articles = []
    for i in range(count):
        language = rng.choice(LANGUAGES)
        base = "es" if language is not None and language.startswith("es") else "en"
        topic = rng.sample(topics, 5)
        title = [*topic[:2], rng.choice(CARE[base])]
        body = (
            rng.choices(FUNCTION[base], k=rng.randint(15, 40))
            + rng.choices(CARE[base], k=rng.randint(3, 10))
            + rng.choices(topic, k=rng.randint(3, 8))
            + zipf_words(background, rng.randint(15, 50), rng)
        )
        rng.shuffle(body)
        articles.append(
            Article(
                f"kb{i:04d}",
                " ".join(title).capitalize(),
                body=" ".join(body) + ".",
                tags=rng.sample(["billing", "shipping", "account", "app"], 1),
                language=language,
                answer="Hi {name}, " + " ".join(topic) + ".",
            )
        )
    return articles


def queries(articles: Sequence[Article], count: int, rng: random.Random) -> list[Query]:
    """Customer messages: two thirds on one article's topic, a third off."""
    unused = vocabulary(300, random.Random(rng.random()))
    known = {w for a in articles for w in DEFAULT_TOKENIZER.tokenize(a.indexed_text)}
    unused = [w for w in unused if w not in known]
    out: list[Query] = []
    for i in range(count):
        article = rng.choice(articles)
        language = article.language
        base = "es" if language is not None and language.startswith("es") else "en"
        words = rng.choices(FUNCTION[base], k=rng.randint(2, 6))
        words += rng.choices(CARE[base], k=rng.randint(0, 2))
        if rng.random() < 0.3:
            words.append(rng.choice(FILLER))
        if i % 3 == 2:
            words += rng.choices(unused, k=rng.randint(1, 3))
            source = None
        else:
            topic = article.answer.removeprefix("Hi {name}, ").rstrip(".").split()
            words += rng.sample(topic, rng.randint(1, 3))
            source = article.id
        rng.shuffle(words)
        out.append((" ".join(words) + "?", language, source))
    return out


def timed(calls: Sequence[Callable[[], object]]) -> list[float]:
    """Microseconds of each call."""
    out = []
    clock = time.perf_counter
    for call in calls:
        start = clock()
        call()
        out.append((clock() - start) * 1e6)
    return out


def best_median(
    repeat: int, runs: dict[str, Sequence[Callable[[], object]]]
) -> dict[str, float]:
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, calls in runs.items():
            gc.collect()
            median = statistics.median(timed(calls))
            best[name] = min(best.get(name, median), median)
    return best


def report(args: argparse.Namespace) -> tuple[list[str], bool, bool]:
    """The Markdown lines, whether the scores agree, whether the target is met."""
    import numpy
    from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]

    rng = random.Random(args.seed)
    articles = corpus(args.articles, rng)
    asked = queries(articles, args.queries, rng)
    start = time.perf_counter()
    kb = KnowledgeBase.of(articles)
    built = time.perf_counter() - start
    tokens = [
        DEFAULT_TOKENIZER.tokenize(a.indexed_text, language=a.language)
        for a in articles
    ]
    start = time.perf_counter()
    oracle = BM25Okapi(tokens)
    oracle_built = time.perf_counter() - start
    query_tokens = [
        DEFAULT_TOKENIZER.tokenize(t, language=lang) for t, lang, _ in asked
    ]

    agree = all(
        max(abs(a - b) for a, b in zip(kb.scores(q), oracle.get_scores(q), strict=True))
        <= 1e-9
        for q in query_tokens[:200]
    )

    def top_three(q: tuple[str, ...]) -> object:
        scores = oracle.get_scores(q)
        return numpy.argsort(scores)[::-1][:3]

    runs: dict[str, Sequence[Callable[[], object]]] = {
        "carekit suggest": [
            functools.partial(kb.suggest, t, language=lang) for t, lang, _ in asked
        ],
        "rank-bm25 get_scores + top 3": [
            functools.partial(top_three, q) for q in query_tokens
        ],
    }
    medians = best_median(args.repeat, runs)

    policy = ConfidenceThreshold()
    on: list[float] = []
    off: list[float] = []
    hits = right = 0
    for text, language, source in asked:
        found = kb.suggest(text, language=language)
        best = found[0].confidence if found else 0.0
        (on if source else off).append(best)
        hit = bool(source and found and found[0].article.id == source)
        hits += hit
        right += hit and best >= policy.minimum
    answered_on = sum(c >= policy.minimum for c in on)
    answered_off = sum(c >= policy.minimum for c in off)

    def quartiles(values: list[float]) -> str:
        q = statistics.quantiles(values, n=4)
        return f"{q[0]:.2f} / {q[1]:.2f} / {q[2]:.2f}"

    carekit_us = medians["carekit suggest"]
    met = carekit_us <= TARGET_MICROSECONDS
    lines = [
        f"Knowledge base: {args.articles} articles, {args.queries} messages, "
        f"seed {args.seed}, best of {args.repeat} rounds; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}.",
        "",
        "| per message | median |",
        "| --- | ---: |",
        *(f"| {name} | {us:.1f} µs |" for name, us in medians.items()),
        "",
        f"- index built in {built * 1000:.0f} ms (tokenizing included; "
        f"`BM25Okapi` on the tokens: {oracle_built * 1000:.0f} ms)",
        f"- scores equal `get_scores` to 1e-9: {'yes' if agree else 'NO'}",
        f"- target: median ≤ {TARGET_MICROSECONDS:.0f} µs: "
        f"{'met' if met else 'MISSED'}",
        f"- the best suggestion is the source article for "
        f"{hits / len(on):.0%} of on-topic messages",
        f"- best confidence, quartiles: on topic {quartiles(on)}, "
        f"off topic {quartiles(off)}",
        f"- answered at the default threshold {DEFAULT_MINIMUM_CONFIDENCE}: "
        f"{answered_on / len(on):.0%} of on-topic messages "
        f"({right / len(on):.0%} with their source article), "
        f"{answered_off / len(off):.0%} of off-topic ones; "
        f"{right / max(answered_on + answered_off, 1):.0%} of answers "
        "are the source article",
    ]
    return lines, agree, met


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    lines, agree, met = report(args)
    print("\n".join(lines))  # io-ok: benchmark output
    return 0 if agree and (met or not args.strict) else 1


if __name__ == "__main__":
    sys.exit(main())
