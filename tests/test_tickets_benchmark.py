"""The tickets benchmark compares like with like (issue 12: "applies 1M
commands to 100k tickets, in the same run as a plain-dict reference of the
same table"): on a small stream, carekit and the reference agree on every
final status, history length, refusal and notification, so ``make test``
keeps the benchmark honest."""

from benchmarks import tickets as bench


def test_carekit_and_the_reference_agree_on_a_small_stream() -> None:
    steps = bench.plan(1000, 3000, seed=7)
    carekit = bench.run_carekit(1000, bench.carekit_commands(steps))
    reference = bench.run_reference(1000, steps)
    assert reference == carekit
    statuses, lengths, refused, notified = carekit
    assert {"new", "open", "pending", "escalated", "resolved", "closed"} == set(
        statuses
    )  # three commands a ticket leave tickets in every status
    assert 3000 == sum(lengths) + refused
    assert 0 < refused < 3000
    assert notified > 0


def test_the_script_reports_the_ratio(capsys: object) -> None:
    import pytest

    assert isinstance(capsys, pytest.CaptureFixture)
    assert 0 == bench.main(["--tickets", "50", "--commands", "500"])
    out = capsys.readouterr().out
    assert "carekit / reference =" in out
    assert "agree:" in out
