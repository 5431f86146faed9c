"""The adapters benchmark compares like with like (issue 11: "turns 1M rows
into conversations in ≤ 1.5× the time of a hand-written dict-based loop
doing the same threading"): on a small export, carekit and the hand-written
loop build equal conversations, so ``make test`` keeps the benchmark honest."""

import pytest
from benchmarks import adapters as bench

from carekit.adapters.messenger import Standby, parse_webhook
from carekit.adapters.twitter_export import thread_tweets


def test_carekit_and_the_hand_written_loop_agree_on_a_small_export() -> None:
    rows = bench.export_rows(3000, seed=7)
    carekit = thread_tweets(rows)
    assert bench.reference_threads(rows) == list(carekit.conversations)
    assert len(carekit.brand_names()) > 1
    assert carekit.unthreaded  # the brand-opened trees


def test_the_webhook_batch_holds_every_kind_and_standby() -> None:
    events = parse_webhook(bench.webhook_batch(1000))
    assert 1000 == len(events)
    kinds = {type(e).__name__ for e in events}
    assert {
        "MessageReceived",
        "Echo",
        "Postback",
        "Read",
        "Delivery",
        "Handover",
        "Standby",
    } == kinds
    assert any(isinstance(e, Standby) for e in events)


def test_the_script_reports_both_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == bench.main(["--rows", "2000", "--events", "100"])
    out = capsys.readouterr().out
    assert "carekit / reference =" in out
    assert "events/s" in out
