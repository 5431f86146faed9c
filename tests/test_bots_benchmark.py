"""The bot-engine benchmark runs end to end at a small scale, so ``make
bench`` measures real decisions (answers and hand-overs both)."""

import argparse

import pytest

pytest.importorskip("rank_bm25")
pytest.importorskip("numpy")

from benchmarks import bots


def test_a_small_run_reports_every_row_and_both_kinds_of_decision() -> None:
    args = argparse.Namespace(
        articles=60, queries=60, conversations=20, seed=1, repeat=1
    )
    lines, _ = bots.report(args)
    text = "\n".join(lines)
    assert "| carekit engine.handle (one decision) |" in text
    assert "| rank-bm25 get_scores + top 3 |" in text
    answered = next(line for line in lines if line.startswith("- decisions answered"))
    share = int(answered.split(": ")[1].split("%")[0])
    assert 0 < share < 100
