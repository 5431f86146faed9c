"""The SLA benchmark measures what it says (issue 13: "the statuses of 100k
open tickets at one now, built from generated histories with 10 % currently
paused, on a calendar with holidays"): on a small queue, every ticket agrees
with ``evaluate`` and a tenth are paused."""

import pytest
from benchmarks import sla as bench

from carekit.sla import SlaMetric, evaluate


def test_the_generated_queue_is_what_the_benchmark_promises() -> None:
    items = bench.generate(500, seed=3)
    assert 50 == sum(1 for t, _ in items if t.status.value == "pending")
    assert bench.CALENDAR.holidays
    queue = bench.run_carekit(items)
    paused = [
        status
        for status in queue
        if (found := status.status(SlaMetric.RESOLUTION)) is not None and found.paused
    ]
    assert 50 == len(paused)
    assert [
        evaluate(t, c, bench.CALENDAR, now=bench.NOW, policy=bench.TERMS)
        for t, c in items
    ] == list(queue)


def test_the_script_reports_both_times(capsys: pytest.CaptureFixture[str]) -> None:
    assert 0 == bench.main(["--tickets", "200", "--repeat", "1", "--sample", "50"])
    out = capsys.readouterr().out
    assert "carekit evaluate_queue:" in out
    assert "loop add_business_time:" in out
    assert "carekit / loop =" in out
