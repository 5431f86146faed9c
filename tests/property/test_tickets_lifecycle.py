"""The ticket lifecycle as a state machine (issue 12: "NEW → OPEN; OPEN ↔
PENDING; OPEN → ESCALATED → OPEN; OPEN, PENDING or ESCALATED → RESOLVED;
RESOLVED → OPEN (reopen) or → CLOSED; CLOSED is terminal, and NEW cannot
close").

The model below is written from the issue's words, not from the table, so
the two check each other. Random commands and time steps drive the ticket;
the checks: no state outside the table is reachable, the history length
equals the number of applied commands, timestamps never go backwards, and
the ticket before each command is unchanged after it.
"""

import datetime as dt

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from carekit.errors import CarekitError, IllegalTransition, InvalidValue, PolicyError
from carekit.serialization import unstructure
from carekit.tickets import (
    TRANSITIONS,
    Assign,
    Close,
    Diagnose,
    Escalate,
    HandBack,
    Open,
    Reopen,
    Resolve,
    Resume,
    Ticket,
    TicketCommand,
    Wait,
)

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)

#: From the issue's words: status -> {command: next status}.
MODEL: dict[str, dict[str, str]] = {
    "new": {"open": "open"},
    "open": {"wait": "pending", "escalate": "escalated", "resolve": "resolved"},
    "pending": {"resume": "open", "resolve": "resolved"},
    "escalated": {"hand_back": "open", "resolve": "resolved"},
    "resolved": {"reopen": "open", "close": "closed"},
    "closed": {},
}

STATUS_COMMANDS: dict[str, type] = {
    "open": Open,
    "wait": Wait,
    "resume": Resume,
    "hand_back": HandBack,
    "resolve": Resolve,
    "reopen": Reopen,
    "close": Close,
}
AGENTS = st.sampled_from(["ann", "bob"])


def test_the_model_and_the_table_agree() -> None:
    """The table holds exactly the moves the issue lists."""
    table = {(s.value, m.value): t.value for (s, m), t in TRANSITIONS.items()}
    model = {(s, c): t for s, moves in MODEL.items() for c, t in moves.items()}
    assert model == table


class TicketLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.ticket = Ticket("t", created_at=T0, conversation_ids=["c"])
        self.status = "new"
        self.now = T0
        self.applied = 0
        self.diagnosed = False
        self.assignee: str | None = None

    def attempt(self, command: TicketCommand, allowed: bool, error: type) -> None:
        """Apply *command*; it must succeed when *allowed*, else raise *error*
        and leave the ticket as it was."""
        before = self.ticket
        snapshot = unstructure(before)
        if allowed:
            self.ticket, _ = before.apply(command, now=self.now)
            self.applied += 1
        else:
            with pytest.raises(error):
                before.apply(command, now=self.now)
        assert snapshot == unstructure(before)

    @rule(name=st.sampled_from(sorted(STATUS_COMMANDS)), by=AGENTS)
    def move(self, name: str, by: str) -> None:
        target = MODEL[self.status].get(name)
        blocked = name == "close" and target is not None and not self.diagnosed
        error = PolicyError if blocked else IllegalTransition
        allowed = target is not None and not blocked
        self.attempt(STATUS_COMMANDS[name](by), allowed, error)
        if target is not None and allowed:
            self.status = target

    @rule(by=AGENTS)
    def escalate(self, by: str) -> None:
        target = MODEL[self.status].get("escalate")
        command = Escalate(by, "billing", note="refund is stuck")
        self.attempt(command, target is not None, IllegalTransition)
        if target is not None:
            self.status = target

    @rule(by=AGENTS, assignee=st.none() | AGENTS)
    def assign(self, by: str, assignee: str | None) -> None:
        allowed = self.status != "closed" and assignee != self.assignee
        error = InvalidValue if self.status != "closed" else IllegalTransition
        self.attempt(Assign(by, assignee), allowed, error)
        if allowed:
            self.assignee = assignee

    @rule(by=AGENTS)
    def diagnose(self, by: str) -> None:
        allowed = self.status != "closed" and not self.diagnosed
        error = InvalidValue if self.status != "closed" else IllegalTransition
        self.attempt(Diagnose(by, "a stale cache", safeguard="expiry"), allowed, error)
        self.diagnosed = True

    @rule(minutes=st.integers(min_value=0, max_value=3 * 24 * 60))
    def time_passes(self, minutes: int) -> None:
        self.now += dt.timedelta(minutes=minutes)

    @precondition(lambda self: self.now > T0)
    @rule(by=AGENTS)
    def going_back_in_time_is_refused(self, by: str) -> None:
        last = self.ticket.updated_at
        if last > T0:
            earlier = last - dt.timedelta(seconds=1)
            with pytest.raises(CarekitError):
                self.ticket.apply(Assign(by, "zed"), now=earlier)

    @invariant()
    def the_status_is_the_models_and_in_the_table(self) -> None:
        states = {s for s, _ in TRANSITIONS} | set(TRANSITIONS.values())
        assert self.ticket.status in states
        assert self.status == self.ticket.status.value

    @invariant()
    def one_history_event_per_applied_command(self) -> None:
        assert self.applied == len(self.ticket.history)

    @invariant()
    def timestamps_never_go_backwards(self) -> None:
        stamps = [event.at for event in self.ticket.history]
        assert sorted(stamps) == stamps
        assert all(T0 <= stamp <= self.now for stamp in stamps)


TestTicketLifecycle = TicketLifecycle.TestCase
