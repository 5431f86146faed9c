"""docs/posts.md and docs/insights.md stay true: their tables are checked
against the code (STYLE: "diagrams in the docs come from that table")."""

from pathlib import Path

from carekit.posts import (
    ACCOUNT_METRICS,
    CREATOR_STUDIO_2019,
    MEDIA_METRICS,
    NAVIGATION_ACTIONS,
    TRANSITIONS,
    PostMove,
    PostState,
    SchedulingRule,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"


def tables(page: str) -> list[list[list[str]]]:
    """Each markdown table of *page*, as rows of cells (header and rule dropped)."""
    found: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            current = None
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if current is None:
            current = []
            found.append(current)
            continue  # the header
        if set(cells[0]) <= {"-", " "}:
            continue  # the rule under the header
        current.append(cells)
    return found


def table_starting(page: str, first: str) -> list[list[str]]:
    (table,) = [t for t in tables(page) if t and t[0][0] == first]
    return table


def test_the_documented_transition_table_is_the_table() -> None:
    rows = table_starting("posts.md", "draft")
    documented = {(PostState(s), PostMove(m)): PostState(t) for s, m, t in rows}
    assert dict(TRANSITIONS) == documented
    assert len(TRANSITIONS) == len(rows)


def test_the_documented_rules_are_the_rules_in_order() -> None:
    rows = table_starting("posts.md", "account_kind")
    assert [r.value for r in SchedulingRule] == [row[0] for row in rows]


def test_the_documented_defaults_are_the_2019_preset() -> None:
    rows = {row[0]: row[2] for row in table_starting("posts.md", "account_kinds")}
    assert "business" == rows["account_kinds"]
    assert str(CREATOR_STUDIO_2019.max_months) == rows["max_months"]
    assert str(CREATOR_STUDIO_2019.publishing_cap) == rows["publishing_cap"]


def test_the_documented_metric_tables_are_the_mapping_tables() -> None:
    media, account = (
        dict(t) for t in tables("insights.md") if t and t[0][0] == "total_interactions"
    )
    assert (dict(MEDIA_METRICS), dict(ACCOUNT_METRICS)) == (media, account)
    assert dict(NAVIGATION_ACTIONS) == dict(
        table_starting("insights.md", "tap_forward")
    )
