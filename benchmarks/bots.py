"""Time one bot-engine decision for an incoming message, with a 1,000-article
knowledge base, against what a user would write instead.

One command (``make bench`` runs it after the knowledge-base benchmark)::

    python benchmarks/bots.py --articles 1000 --queries 2000 --conversations 1000

1. **Corpus and messages**: the knowledge-base benchmark's seeded articles
   and customer messages (``benchmarks/knowledge.py``), on topic and off.
2. **Engine**: ``BotEngine(kb, language=...)`` in each message's language.
3. **State**: a page with ``--conversations`` customers who last wrote two
   days ago, so each message starts a new thread (an instant reply, then an
   answer or a ticket, a route and an alert).
4. **Timing**, same process, alternating rounds, best round's median kept
   (``time.perf_counter`` per call), each call one decision on the same
   prepared state:
   ``engine.handle(state, MessageReceived(...), now)``; the knowledge base's
   ``suggest`` alone (the floor); and what a user would write instead,
   ``BM25Okapi(corpus).get_scores(tokens)`` then the top three with numpy.
   Target (issue 17): median ≤ 200 µs per decision.

Exit status 1 with ``--strict`` when the target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import platform
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.knowledge import best_median, corpus, queries
from carekit.adapters import MessageReceived
from carekit.bots import BotEngine, ConversationState, PageState
from carekit.conversations import Channel
from carekit.knowledge import DEFAULT_TOKENIZER, KnowledgeBase

TARGET_MICROSECONDS = 200.0
PAGE = "page"
NOW = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


def page_state(conversations: int) -> PageState:
    """A page whose customers all last wrote two days before NOW."""
    before = NOW - dt.timedelta(days=2)
    return PageState(
        PAGE,
        conversations=[
            ConversationState(
                f"c{i:05d}",
                Channel.MESSENGER,
                last_customer_at=before,
                last_break_at=before,
                thread_started_at=before,
            )
            for i in range(conversations)
        ],
    )


def report(args: argparse.Namespace) -> tuple[list[str], bool]:
    """The Markdown lines and whether the target is met."""
    import numpy
    from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]

    rng = random.Random(args.seed)
    articles = corpus(args.articles, rng)
    asked = queries(articles, args.queries, rng)
    kb = KnowledgeBase.of(articles)
    engines = {
        lang: BotEngine(kb, language=lang, answer_values={"name": "friend"})
        for _, lang, _ in asked
    }
    state = page_state(args.conversations)
    customers = [c.customer_id for c in state.conversations] or ["c0"]
    inputs = [
        MessageReceived(
            Channel.MESSENGER,
            PAGE,
            customer_id=customers[i % len(customers)],
            timestamp=NOW,
            mid=f"m{i}",
            text=text,
        )
        for i, (text, _, _) in enumerate(asked)
    ]
    calls = [
        functools.partial(engines[lang].handle, state, item, NOW)
        for item, (_, lang, _) in zip(inputs, asked, strict=True)
    ]
    oracle = BM25Okapi(
        [
            DEFAULT_TOKENIZER.tokenize(a.indexed_text, language=a.language)
            for a in articles
        ]
    )
    query_tokens = [
        DEFAULT_TOKENIZER.tokenize(t, language=lang) for t, lang, _ in asked
    ]

    def top_three(q: tuple[str, ...]) -> object:
        return numpy.argsort(oracle.get_scores(q))[::-1][:3]

    runs: dict[str, Sequence[Callable[[], object]]] = {
        "carekit engine.handle (one decision)": calls,
        "carekit kb.suggest alone": [
            functools.partial(kb.suggest, t, language=lang) for t, lang, _ in asked
        ],
        "rank-bm25 get_scores + top 3": [
            functools.partial(top_three, q) for q in query_tokens
        ],
    }
    medians = best_median(args.repeat, runs)
    answered = sum(
        any(type(a).__name__ == "SendReply" for a in call()[1]) for call in calls
    )
    decision = medians["carekit engine.handle (one decision)"]
    met = decision <= TARGET_MICROSECONDS
    lines = [
        f"Bot engine: {args.articles} articles, {args.queries} messages, "
        f"{args.conversations} conversations on the page, seed {args.seed}, "
        f"best of {args.repeat} rounds; {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.2f}.",
        "",
        "| per message | median |",
        "| --- | ---: |",
        *(f"| {name} | {us:.1f} µs |" for name, us in medians.items()),
        "",
        f"- decisions answered from the knowledge base: "
        f"{answered / len(inputs):.0%} (the rest: ticket, route, alert)",
        f"- target: median ≤ {TARGET_MICROSECONDS:.0f} µs per decision: "
        f"{'met' if met else 'MISSED'}",
    ]
    return lines, met


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    lines, met = report(args)
    print("\n".join(lines))  # io-ok: benchmark output
    return 0 if met or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
