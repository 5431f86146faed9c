"""Time the adapters: the Twitter export against a hand-written loop, and
Messenger webhook parsing.

One command (``make bench`` runs it with the defaults)::

    python benchmarks/adapters.py --rows 1000000 --events 1000 --seed 1

**Twitter export.** It generates a seeded export of ``--rows`` rows as
``csv.DictReader`` gives them (every cell a string): reply trees of one to
seven tweets, some answered by two brands, some with two customers, some a
brand opened, parent ids sometimes written ``3.0``. Then, in the same run,
taking turns:

- **carekit**: ``thread_tweets(rows)``;
- **reference**: what a user writes by hand: a dict keyed by tweet id,
  ``datetime.strptime`` for ``created_at``, ``int(float(x))`` for the ids, a
  walk up the reply links for each tweet with the same rule (brand tweets
  go to the customer above them; customer tweets to the brand above them
  and to every brand answering them below), a sort by time, depth and id,
  and ``Conversation.from_records`` per conversation.

Both must build equal conversations. Target: carekit ≤ 1.5× the reference.

**Messenger.** A batch of ``--events`` events of every kind (messages,
echoes, postbacks, reads, deliveries, handovers, standby) is parsed with
``parse_webhook`` as often as fits in about a second. Target: ≥ 100,000
events per second.

Each timing runs with the garbage collector on and ``gc.collect()`` first;
the best of ``--repeat`` rounds is kept. Exit status 1 if the two Twitter
implementations disagree, and with ``--strict`` also when a target fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import timed
from carekit.adapters.messenger import parse_webhook
from carekit.adapters.twitter_export import thread_tweets
from carekit.conversations import Channel, Conversation
from carekit.messages import AuthorKind, Direction, MessageKind, Visibility

EXPORT_TARGET = 1.5
EVENTS_TARGET = 100_000
BRANDS = ("AcmeHelp", "ParcelCare", "SkyAir", "TelcoCare")
START = dt.datetime(2017, 10, 1, tzinfo=dt.UTC)
FORMAT = "%a %b %d %H:%M:%S %z %Y"


def export_rows(count: int, seed: int) -> list[dict[str, str]]:
    """*count* rows of a seeded export, as ``csv.DictReader`` gives them."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    tweet, customer = 1_000_000, 0
    while len(rows) < count:
        customer += 1
        brand, other = rng.sample(BRANDS, 2)
        at = START + dt.timedelta(seconds=rng.randrange(90 * 86400))
        shape = rng.random()
        # (author, inbound, parent index within the tree, or -1)
        if shape < 0.1:  # a brand opens the tree, a customer answers
            plan = [(brand, False, -1), (str(customer), True, 0), (brand, False, 1)]
        elif shape < 0.2:  # two brands answer
            plan = [(str(customer), True, -1), (brand, False, 0), (other, False, 0)]
        elif shape < 0.3:  # two customers
            plan = [
                (str(customer), True, -1),
                (brand, False, 0),
                (str(customer + 1), True, 0),
                (brand, False, 2),
            ]
            customer += 1
        else:  # a back-and-forth of one to seven tweets
            plan = [
                (str(customer) if i % 2 == 0 else brand, i % 2 == 0, i - 1)
                for i in range(rng.randint(1, 7))
            ]
        ids = [str(tweet + i) for i in range(len(plan))]
        tweet += len(plan)
        for i, (author, inbound, parent) in enumerate(plan):
            at += dt.timedelta(seconds=rng.choice((0, 30, 90, 240, 1800, 7200)))
            up = "" if parent < 0 else ids[parent]
            if up and rng.random() < 0.2:
                up += ".0"
            replies = [ids[j] for j, p in enumerate(plan) if p[2] == i]
            rows.append(
                {
                    "tweet_id": ids[i],
                    "author_id": author,
                    "inbound": str(inbound),
                    "created_at": at.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                    "text": f"tweet {ids[i]} &amp; more",
                    "response_tweet_id": ",".join(replies),
                    "in_response_to_tweet_id": up,
                }
            )
    return rows[:count]


def reference_threads(rows: Sequence[dict[str, str]]) -> list[Conversation]:
    """The same threading, as a user writes it by hand over dicts."""
    tweets: dict[str, dict[str, Any]] = {}
    for row in rows:
        parent = row["in_response_to_tweet_id"]
        tweets[str(int(float(row["tweet_id"])))] = {
            "author": row["author_id"],
            "inbound": row["inbound"] == "True",
            "at": dt.datetime.strptime(row["created_at"], FORMAT),
            "text": row["text"],
            "parent": str(int(float(parent))) if parent else None,
        }
    for tweet in tweets.values():
        if tweet["parent"] not in tweets:
            tweet["parent"] = None
    for ident, tweet in tweets.items():
        chain: list[str] = []
        node: str | None = ident
        while node is not None:
            chain.append(node)
            node = tweets[node]["parent"]
        tweet["root"], tweet["depth"] = chain[-1], len(chain) - 1
        tweet["chain"] = chain
    groups: dict[tuple[str, str, str], list[str]] = {}
    addressed: dict[str, set[str]] = {}
    for ident, tweet in tweets.items():
        if tweet["inbound"]:
            continue
        asker = next((n for n in tweet["chain"] if tweets[n]["inbound"]), None)
        if asker is None:
            continue
        customer = tweets[asker]["author"]
        groups.setdefault((tweet["root"], tweet["author"], customer), []).append(ident)
        for node in tweet["chain"]:
            if tweets[node]["inbound"] and tweets[node]["author"] == customer:
                addressed.setdefault(node, set()).add(tweet["author"])
    for ident, tweet in tweets.items():
        if not tweet["inbound"]:
            continue
        brands = set(addressed.get(ident, ()))
        above = next((n for n in tweet["chain"] if not tweets[n]["inbound"]), None)
        if above is not None:
            brands.add(tweets[above]["author"])
        for brand in brands:
            groups.setdefault((tweet["root"], brand, tweet["author"]), []).append(ident)
    built = []
    for root, brand, customer in sorted(groups, key=lambda k: (len(k[0]), k)):
        members = groups[root, brand, customer]
        members.sort(key=lambda n: (tweets[n]["at"], tweets[n]["depth"], len(n), n))
        records: list[Any] = []
        for n in members:
            t = tweets[n]
            if t["inbound"]:
                records.append(
                    (
                        n,
                        t["at"],
                        Direction.INBOUND,
                        AuthorKind.CUSTOMER,
                        MessageKind.REPLY,
                        Visibility.PUBLIC,
                        t["text"],
                    )
                )
            else:
                records.append(
                    (
                        n,
                        t["at"],
                        Direction.OUTBOUND,
                        AuthorKind.AGENT,
                        MessageKind.REPLY,
                        Visibility.PUBLIC,
                        t["text"],
                        None,
                        brand,
                    )
                )
        built.append(
            Conversation.from_records(
                f"twitter:{root}:{brand}:{customer}",
                Channel.TWITTER_PUBLIC,
                customer_id=customer,
                records=records,
            )
        )
    return built


def webhook_batch(events: int) -> dict[str, Any]:
    """A payload of *events* events of every kind, over entries of 100."""
    who = {
        "sender": {"id": "5342018129"},
        "recipient": {"id": "1064594284"},
        "timestamp": 1700000000000,
    }
    kinds = [
        {
            **who,
            "message": {
                "mid": "m_1",
                "text": "Where is my order?",
                "quick_reply": {"payload": "ORDER"},
            },
        },
        {
            "sender": who["recipient"],
            "recipient": who["sender"],
            "timestamp": 1700000000000,
            "message": {
                "mid": "m_2",
                "is_echo": True,
                "app_id": 1517776481,
                "text": "Hi!",
            },
        },
        {**who, "postback": {"title": "Get Started", "payload": "START"}},
        {**who, "read": {"watermark": 1700000000000}},
        {
            "sender": who["sender"],
            "recipient": who["recipient"],
            "delivery": {"mids": ["m_2"], "watermark": 1700000000000},
        },
        {
            **who,
            "message": {
                "mid": "m_3",
                "attachments": [
                    {"type": "image", "payload": {"url": "https://x.test/a.jpg"}}
                ],
            },
        },
        {
            **who,
            "pass_thread_control": {"new_owner_app_id": "123", "metadata": "human"},
        },
    ]
    entries = []
    for start in range(0, events, 100):
        messaging = [
            kinds[i % len(kinds)] for i in range(start, min(events, start + 100))
        ]
        standby = messaging[-5:] if len(messaging) > 50 else []
        entries.append(
            {
                "id": "1064594284",
                "time": 1700000000000,
                "messaging": messaging[: len(messaging) - len(standby)],
                "standby": standby,
            }
        )
    return {"object": "page", "entry": entries}


def events_per_second(payload: dict[str, Any], events: int, repeat: int) -> float:
    """The best rate of ``parse_webhook`` over rounds of about a second."""
    best = 0.0
    for _ in range(repeat):
        gc.collect()
        rounds, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < 1.0:
            assert events == len(parse_webhook(payload))
            rounds += 1
        best = max(best, rounds * events / elapsed)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)

    rows = export_rows(args.rows, args.seed)
    best: dict[str, float] = {}
    outcomes: dict[str, Any] = {}
    runners: dict[str, Callable[[], Any]] = {
        "reference": lambda: reference_threads(rows),
        "carekit": lambda: list(thread_tweets(rows).conversations),
    }
    for _ in range(args.repeat):
        for name, run in runners.items():
            seconds, outcomes[name] = timed(run)
            best[name] = min(seconds, best.get(name, seconds))
    agree = outcomes["carekit"] == outcomes["reference"]
    ratio = best["carekit"] / best["reference"]
    rate = events_per_second(webhook_batch(args.events), args.events, args.repeat)

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"- Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs; load average {load}"
    )
    print(
        f"- {args.rows:,} export rows (seed {args.seed}): "
        f"{len(outcomes['carekit']):,} conversations"
    )
    print("\n| implementation | seconds | µs per row |\n| --- | ---: | ---: |")
    for name in runners:
        print(f"| {name} | {best[name]:.2f} | {best[name] / args.rows * 1e6:.2f} |")
    export_ok = ratio <= EXPORT_TARGET
    print(
        f"\n{'PASS' if export_ok else 'FAIL'}: carekit / reference = {ratio:.2f}× "
        f"(target ≤ {EXPORT_TARGET}×)"
    )
    print(f"{'agree' if agree else 'DISAGREE'}: every conversation equal")
    events_ok = rate >= EVENTS_TARGET
    print(
        f"{'PASS' if events_ok else 'FAIL'}: parse_webhook on a batch of "
        f"{args.events:,} events: {rate:,.0f} events/s (target ≥ {EVENTS_TARGET:,})"
    )
    if not agree:
        return 1
    return 1 if args.strict and not (export_ok and events_ok) else 0


if __name__ == "__main__":
    sys.exit(main())
