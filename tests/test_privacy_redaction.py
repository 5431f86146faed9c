"""Redaction on request: "after removing spaces and dashes, at most the last
four digits of a card remain, and e-mails and phones are masked"."""

import datetime as dt

import pytest

from carekit.errors import InvalidValue, PolicyError
from carekit.privacy import (
    FindingKind,
    LibphonenumberFinder,
    PatternPhoneFinder,
    Redactor,
    redact,
)
from carekit.tickets import Escalate, NotifyDepartment, Open, Ticket


@pytest.mark.parametrize(
    "card", ["4242 4242 4242 4242", "4242-4242-4242-4242", "4242424242424242"]
)
def test_redaction_leaves_only_the_last_four_digits(card: str) -> None:
    redacted = redact(f"card {card} thanks")
    digits = "".join(c for c in redacted if c.isdigit())
    assert "4242" == digits
    assert (
        f"card {card[:-4].translate(str.maketrans('0123456789', '*' * 10))}4242 thanks"
        == redacted
    )


def test_emails_and_phones_are_masked() -> None:
    text = "ana.garcia@example.com / +1 415-555-0132"
    assert "a***@example.com / +* ***-***-**32" == redact(
        text, phones=LibphonenumberFinder("US")
    )
    assert "a***@example.com / +* ***-***-**32" == redact(
        text, phones=PatternPhoneFinder()
    )


def test_settings_of_the_default_redactor() -> None:
    redactor = Redactor(mask_char="•", card_digits=0, phone_digits=0)
    assert "•••• •••• •••• ••••" == redact("4242 4242 4242 4242", policy=redactor)
    with pytest.raises(InvalidValue) as info:
        Redactor(card_digits=6)
    assert "card_digits" == info.value.field
    with pytest.raises(InvalidValue):
        Redactor(mask_char="x")


def test_a_policy_may_not_keep_more_than_four_card_digits() -> None:
    class Lazy:
        def mask(self, kind: FindingKind, found: str) -> str:
            return found[:6] + "******" + found[-4:]

    with pytest.raises(PolicyError, match="last four") as info:
        redact("4242424242424242", policy=Lazy())
    assert "4242424242" not in str(info.value)


def test_a_policy_must_mask_emails() -> None:
    class Keeps:
        def mask(self, kind: FindingKind, found: str) -> str:
            return found

    with pytest.raises(PolicyError):
        redact("ana@example.com", policy=Keeps())


def test_text_without_personal_data_is_unchanged() -> None:
    assert "Hola, ¿cómo están? Pedido 2019-10-18." == redact(
        "Hola, ¿cómo están? Pedido 2019-10-18.", phones=PatternPhoneFinder()
    )


def test_escalation_summaries_ask_for_redaction() -> None:
    """Escalation summaries can ask for redaction before a department sees
    them: ``CaseSummary.redacted()``."""
    t0 = dt.datetime(2019, 11, 12, 9, 0, tzinfo=dt.UTC)
    ticket = Ticket("t-1", created_at=t0, conversation_ids=["c-1"])
    ticket, _ = ticket.apply(Open("rita"), now=t0)
    note = "customer posted 4242 4242 4242 4242 and ana@example.com publicly"
    _, (notice,) = ticket.apply(Escalate("rita", "billing", note=note), now=t0)
    assert isinstance(notice, NotifyDepartment)
    summary = notice.summary.redacted(phones=PatternPhoneFinder())
    assert "customer posted **** **** **** 4242 and a***@example.com publicly" == (
        summary.note
    )
    assert notice.summary.ticket_id == summary.ticket_id
