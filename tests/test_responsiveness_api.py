"""The public surface of carekit.responsiveness (STYLE habits 7 and 10)."""

import importlib.util
import inspect
from pathlib import Path

import carekit
import carekit.responsiveness as responsiveness

ROOT = Path(__file__).resolve().parent.parent


def test_every_exported_name_is_importable_and_documented() -> None:
    for name in responsiveness.__all__:
        value = getattr(responsiveness, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__doc__, name


def test_every_exported_name_is_in_the_reference_or_the_guide() -> None:
    guide = (ROOT / "docs" / "responsiveness.md").read_text(encoding="utf-8")
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert "::: carekit.responsiveness" in reference
    missing = [name for name in responsiveness.__all__ if name not in guide]
    assert [] == [n for n in missing if n not in {"Aggregate", "Row", "role_of"}]


def test_main_names_are_re_exported_from_carekit() -> None:
    assert carekit.ResponseAccumulator is responsiveness.ResponseAccumulator
    assert carekit.BADGE_2016 is responsiveness.BADGE_2016


def test_demo_report_says_rate_median_badge_and_display() -> None:
    spec = importlib.util.spec_from_file_location(
        "responsiveness_demo", ROOT / "examples" / "responsiveness_demo.py"
    )
    assert spec is not None
    assert spec.loader is not None
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    report = demo.responsiveness_demo_report()
    assert "response rate: 83%" in report
    assert "median response time: 4.0 min" in report
    assert "badge: not awarded" in report
    assert "failed by 6.7 points" in report
    assert "displayed: within minutes" in report


def test_the_guide_worked_example_gives_the_figures_it_shows() -> None:
    guide = (ROOT / "docs" / "responsiveness.md").read_text(encoding="utf-8")
    code = guide.split("## Worked example", 1)[1].split("```python\n", 1)[1]
    namespace: dict[str, object] = {}
    exec(code.split("```", 1)[0], namespace)
    stats = namespace["stats"]
    assert isinstance(stats, responsiveness.ResponseStats)
    assert (4, 3, 1) == (stats.eligible, stats.responded, stats.excluded_away)
    assert (0.75, 240.0, 300.0) == (stats.rate, stats.median(), stats.mean())
    assert (480.0, 300.0) == (stats.percentile(90), stats.fastest_mean())
    decision = responsiveness.decide(stats)
    assert all(reason in guide for reason in decision.reasons)
    rows, away = namespace["rows"], namespace["away"]
    later = responsiveness.decide(
        rows,  # type: ignore[arg-type]
        policy=responsiveness.BADGE_2016,
        as_of=1709546400.0 + 3 * 86400,
        away=away,  # type: ignore[arg-type]
    )
    assert later.awarded
    assert (4, 4, 1) == (
        later.stats.eligible,
        later.stats.responded,
        later.stats.pending,
    )
