"""The Twitter-export example runs on the shipped sample (issue 11: "reads a
CSV in the export format and prints each brand's responsiveness report
(rate, median, badge with reasons, displayed time)")."""

import runpy
import subprocess
import sys
from pathlib import Path

EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "twitter_export_report.py"
)


def test_the_report_gives_each_brand_its_rate_median_badge_and_display() -> None:
    text = runpy.run_path(str(EXAMPLE))["twitter_export_report"]()
    acme, parcel = text.split("\nAcmeHelp\n")[1].split("\nParcelCare\n")
    assert text.startswith("11 conversations, 2 tweets in none")
    # Acme answered all 8 threads; the median of its first responses is
    # 2 min 35 s (3:10, 2:00, 4:00, 20:00, 1:30, 0:00, 20:00, 2:00).
    assert "  threads: 8 eligible, 8 answered in time" in acme
    assert "  response rate: 100%" in acme
    assert "  median response time: 2.6 min" in acme
    assert "  'Very responsive' badge: awarded" in acme
    assert "  displayed: within minutes" in acme
    # ParcelCare: 40 min, 3 min and 6 h; the badge fails on the median.
    assert "  median response time: 40.0 min" in parcel
    assert "  'Very responsive' badge: not awarded" in parcel
    assert "median response time 40 min is not < 5 min: failed by 35 min" in parcel
    assert "  displayed: within hours" in parcel


def test_the_script_runs_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, check=True
    )
    assert "AcmeHelp" in done.stdout
    assert "ParcelCare" in done.stdout
