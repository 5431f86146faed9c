"""The examples run and print a real report (``make demo``)."""

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parents[1] / "examples"


def run(script: str) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def test_quickstart_prints_the_week_and_both_badge_verdicts() -> None:
    out = run("quickstart.py")
    assert "Sunday 00:00-06:00 hotline   7 h 00 min" in out
    assert "business time this week     51 h 00 min" in out
    assert 2 == out.count("'Very responsive' badge:")
    assert "response rate:" in out
    assert "displayed:" in out
    assert "Payout statement for corner-shop" in out
    assert "net 141.36 USD paid to" in out
