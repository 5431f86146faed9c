"""Each brand's responsiveness, from a "Customer Support on Twitter" export.

Run ``python examples/twitter_export_report.py [path/to/twcs.csv]``; without
a path it reads the small sample the project ships
(``examples/data/twitter_support_sample.csv``). Other code (the test, the
project demo) calls :func:`twitter_export_report` and prints the text.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from carekit.adapters.twitter_export import ThreadedExport, thread_tweets
from carekit.responsiveness import BADGE_2015, BadgePolicy, decide, displayed

SAMPLE = Path(__file__).parent / "data" / "twitter_support_sample.csv"


def read_export(path: Path) -> ThreadedExport:
    """Read the CSV: ``newline=""`` keeps a bare ``\\r`` inside a tweet in its
    text instead of splitting the row in two."""
    with path.open(newline="", encoding="utf-8") as file:
        return thread_tweets(csv.DictReader(file))


def _minutes(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds / 60:.1f} min"


def twitter_export_report(
    path: Path = SAMPLE, *, badge: BadgePolicy = BADGE_2015
) -> str:
    """A printable report per brand: rate, median, badge with reasons, display.

    Args:
        path: A CSV in the export's format; default the shipped sample.
        badge: The badge preset or policy; default the 2015 rule.
    """
    export = read_export(path)
    lines = [
        f"{len(export.conversations)} conversations, "
        f"{len(export.unthreaded)} tweets in none"
    ]
    for brand in export.brand_names():
        decision = decide(export.for_brand(brand), policy=badge)
        stats = decision.stats
        shown = displayed(stats)
        rate = "n/a" if stats.rate is None else f"{stats.rate:.0%}"
        lines += [
            f"{brand}",
            f"  threads: {stats.eligible} eligible, {stats.responded} answered in time",
            f"  response rate: {rate}",
            f"  median response time: {_minutes(stats.median())}",
            "  'Very responsive' badge: "
            + ("awarded" if decision.awarded else "not awarded"),
            *(f"    - {reason}" for reason in decision.reasons),
            "  displayed: " + (shown.value if shown else "no response time shown"),
        ]
    return "\n".join(lines)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE
    print(twitter_export_report(path))


if __name__ == "__main__":
    main()
