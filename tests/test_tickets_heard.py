"""HEARD (issue 12, Build 6): "a per-ticket checklist with timestamps and the
agent who ticked each item; Diagnose records the cause and the safeguard;
when the policy requires it, a ticket cannot be CLOSED while Diagnose is
missing, and the error says so."
"""

import datetime as dt

import pytest
from hypothesis import given

from carekit.errors import InvalidValue, PolicyError
from carekit.testing import strategies as cks
from carekit.tickets import (
    DIAGNOSE_BEFORE_CLOSE,
    HEARD_2019,
    HEARD_OPTIONAL,
    Close,
    Diagnose,
    HeardChecklist,
    HeardRequirement,
    HeardStep,
    Open,
    Resolve,
    Ticket,
    TicketStatus,
    TickHeard,
)

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
LATER = T0 + dt.timedelta(hours=2)


def resolved() -> Ticket:
    ticket = Ticket("t", created_at=T0, conversation_ids=["c"])
    ticket, _ = ticket.apply(Open("ann"), now=T0)
    ticket, _ = ticket.apply(Resolve("ann"), now=T0)
    return ticket


def test_closing_with_diagnose_missing_is_refused_when_the_policy_requires_it() -> None:
    """ "a ticket cannot be CLOSED while Diagnose is missing, and the error
    says so" """
    ticket = resolved()
    with pytest.raises(PolicyError) as caught:
        ticket.apply(Close("ann"), now=LATER, heard=DIAGNOSE_BEFORE_CLOSE)
    assert ("heard", "diagnose") == (caught.value.field, caught.value.value)
    assert "cannot close while HEARD steps" in str(caught.value)
    with pytest.raises(PolicyError):  # the default policy requires Diagnose
        ticket.apply(Close("ann"), now=LATER)


def test_closing_with_diagnose_missing_is_allowed_when_the_policy_does_not() -> None:
    closed, _ = resolved().apply(Close("ann"), now=LATER, heard=HEARD_OPTIONAL)
    assert TicketStatus.CLOSED == closed.status


def test_diagnose_records_the_cause_and_the_safeguard_with_who_and_when() -> None:
    """ "Diagnose records the cause and the safeguard" """
    command = Diagnose("bob", "the courier lost the parcel", safeguard="tracked mail")
    ticket, _ = resolved().apply(command, now=LATER)
    diagnosis = ticket.heard.diagnosis
    assert diagnosis is not None
    assert ("the courier lost the parcel", "tracked mail", "bob", LATER) == (
        diagnosis.cause,
        diagnosis.safeguard,
        diagnosis.by,
        diagnosis.at,
    )
    closed, _ = ticket.apply(Close("ann"), now=LATER)
    assert TicketStatus.CLOSED == closed.status


def test_each_tick_keeps_its_agent_and_time() -> None:
    ticket = resolved()
    for minutes, step in enumerate(
        [HeardStep.HEAR, HeardStep.EMPATHIZE, HeardStep.APOLOGIZE], start=1
    ):
        at = T0 + dt.timedelta(minutes=minutes)
        ticket, _ = ticket.apply(TickHeard(f"agent{minutes}", step), now=at)
    expected = [
        ("hear", "agent1", 1),
        ("empathize", "agent2", 2),
        ("apologize", "agent3", 3),
    ]
    assert expected == [
        (t.step.value, t.by, (t.at - T0) // dt.timedelta(minutes=1))
        for t in ticket.heard.ticks
    ]  # fmt: skip
    assert (HeardStep.RESOLVE, HeardStep.DIAGNOSE) == ticket.heard.missing


def test_all_five_steps_before_closing_under_heard_2019() -> None:
    ticket, _ = resolved().apply(Diagnose("a", "bug", safeguard="test"), now=LATER)
    with pytest.raises(PolicyError) as caught:
        ticket.apply(Close("a"), now=LATER, heard=HEARD_2019)
    assert "apologize, empathize, hear, resolve" == caught.value.value
    for step in (HeardStep.HEAR, HeardStep.EMPATHIZE, HeardStep.APOLOGIZE):
        ticket, _ = ticket.apply(TickHeard("a", step), now=LATER)
    ticket, _ = ticket.apply(TickHeard("a", HeardStep.RESOLVE), now=LATER)
    closed, _ = ticket.apply(Close("a"), now=LATER, heard=HEARD_2019)
    assert closed.heard.missing == ()


def test_ticking_twice_or_rediagnosing_the_same_changes_nothing() -> None:
    ticket, _ = resolved().apply(TickHeard("a", HeardStep.HEAR), now=LATER)
    with pytest.raises(InvalidValue, match="changes nothing"):
        ticket.apply(TickHeard("b", HeardStep.HEAR), now=LATER)
    ticket, _ = ticket.apply(Diagnose("a", "bug", safeguard="test"), now=LATER)
    with pytest.raises(InvalidValue, match="changes nothing"):
        ticket.apply(Diagnose("b", "bug", safeguard="test"), now=LATER)
    revised, _ = ticket.apply(Diagnose("b", "bug", safeguard="a fuzz test"), now=LATER)
    assert revised.heard.diagnosis is not None
    assert "a fuzz test" == revised.heard.diagnosis.safeguard


def test_diagnose_is_not_a_plain_tick() -> None:
    with pytest.raises(InvalidValue, match="Diagnosis"):
        HeardChecklist().tick(HeardStep.DIAGNOSE, by="a", at=T0)


def test_a_users_own_policy_works_in_its_place() -> None:
    """A HeardPolicy needs no carekit base: Diagnose only for urgent tickets."""

    class UrgentOnly:
        def required_to_close(self, ticket: Ticket) -> frozenset[HeardStep]:
            urgent = ticket.priority.value == "urgent"
            return frozenset({HeardStep.DIAGNOSE}) if urgent else frozenset()

    closed, _ = resolved().apply(Close("a"), now=LATER, heard=UrgentOnly())
    assert TicketStatus.CLOSED == closed.status


@given(checklist=cks.heard_checklists(), policy=cks.heard_requirements())
def test_done_and_missing_partition_the_steps(
    checklist: HeardChecklist, policy: HeardRequirement
) -> None:
    """Every step is either done or missing, never both; closing is allowed
    exactly when the required steps are all done."""
    assert set(HeardStep) == checklist.done | set(checklist.missing)
    assert not checklist.done & set(checklist.missing)
    blocked = policy.required_to_close(resolved()) - checklist.done
    ticket = Ticket(
        "t", created_at=T0, conversation_ids=["c"], history=resolved().history,
        status=TicketStatus.RESOLVED, heard=checklist,
    )  # fmt: skip
    if blocked:
        with pytest.raises(PolicyError):
            ticket.apply(Close("a"), now=LATER, heard=policy)
    else:
        assert (
            TicketStatus.CLOSED
            == ticket.apply(Close("a"), now=LATER, heard=policy)[0].status
        )
