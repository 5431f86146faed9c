"""The tickets demo runs (issue 12: "the demo shows a case drafted by a new
responder, approved, escalated to billing, resolved with HEARD complete, and
closed, printing its history")."""

import runpy
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "examples" / "tickets_demo.py"


def test_the_demo_walks_a_case_from_draft_to_closed() -> None:
    text = runpy.run_path(str(DEMO))["tickets_demo"]()
    assert text.startswith("Ticket case-77: closed, resolved by nina")
    assert "action: RequestApproval (nina)" in text
    assert "SendReply approved by alex" in text
    assert "notify billing (escalation)" in text
    assert "notify billing (reminder)" in text
    history = text.split("History:\n")[1].splitlines()
    kinds = [line.split()[3] for line in history[:-1]]
    assert ["open", "prioritize", "tick_heard", "reply"] == kinds[:4]
    assert ["escalate", "follow_up", "hand_back"] == kinds[6:9]
    assert ["resolve", "log_work", "diagnose", "close"] == kinds[-4:]
    assert "HEARD missing: none; work logged: 0:30:00" == history[-1]
