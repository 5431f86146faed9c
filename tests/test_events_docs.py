"""docs/events.md stays true: its tables are checked against the code."""

from pathlib import Path

from carekit.events import TRANSITIONS, RefusalReason, RsvpEvent, RsvpStatus

DOC = (Path(__file__).parents[1] / "docs" / "events.md").read_text(encoding="utf-8")


def rows(width: int) -> list[list[str]]:
    """The cells of every table row with *width* cells."""
    split = [
        [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        for line in DOC.splitlines()
        if line.startswith("|")
    ]
    return [cells for cells in split if len(cells) == width]


def test_the_documented_rsvp_table_is_the_transition_table() -> None:
    """STYLE: "diagrams in the docs come from that table"."""
    statuses = {s.value for s in RsvpStatus}
    documented = [
        (RsvpStatus(state), RsvpEvent(event), RsvpStatus(target))
        for state, event, target in rows(3)
        if state in statuses
    ]
    assert dict(TRANSITIONS) == {(s, e): t for s, e, t in documented}
    assert len(TRANSITIONS) == len(documented)


def test_every_refusal_reason_is_documented() -> None:
    documented = {cells[0] for cells in rows(2)}
    assert {reason.value for reason in RefusalReason} <= documented
