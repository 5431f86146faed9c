"""Payments, page eligibility and the payment-status table (issue 4)."""

import datetime as dt
from decimal import Decimal

import pytest

from carekit import (
    CurrencyMismatch,
    IllegalTransition,
    InvalidValue,
    Money,
    PolicyError,
)
from carekit.payments import (
    TRANSITIONS,
    PageAccount,
    Party,
    Payment,
    PaymentEvent,
    PaymentPurpose,
    PaymentStatus,
    next_status,
)
from tests._payments import BUYER, PAYOUT, SHOP, T0, VISA, payment

S, E = PaymentStatus, PaymentEvent


def test_a_float_gross_is_refused() -> None:
    """Issue 4: "refusal of ... a float amount"."""
    with pytest.raises(InvalidValue) as info:
        Payment(
            "p-1",
            BUYER,
            payee=SHOP.party,
            purpose=PaymentPurpose.MARKETPLACE_PURCHASE,
            method=VISA,
            gross=Money(100.0, "USD"),  # type: ignore[arg-type]
            created_at=T0,
        )
    assert "amount" == info.value.field


@pytest.mark.parametrize("amount", ["0", "-1.00"])
def test_gross_must_be_positive(amount: str) -> None:
    """Models are validated at construction (SPEC §0)."""
    with pytest.raises(InvalidValue) as info:
        payment(amount)
    assert "gross" == info.value.field


def test_a_naive_creation_time_is_refused() -> None:
    """ "Timestamps are timezone-aware; naive values are rejected." """
    with pytest.raises(InvalidValue) as info:
        payment("1.00", at=dt.datetime(2019, 11, 12))
    assert "created_at" == info.value.field


def test_person_to_person_goes_to_a_person() -> None:
    """ "person-to-person (Messenger)" is between people."""
    with pytest.raises(InvalidValue) as info:
        payment("1.00", purpose=PaymentPurpose.PERSON_TO_PERSON)
    assert "payee" == info.value.field


def test_a_payer_cannot_pay_itself() -> None:
    """Payer and payee are two parties."""
    with pytest.raises(InvalidValue) as info:
        payment("1.00", payee=BUYER, purpose=PaymentPurpose.PERSON_TO_PERSON)
    assert "payee" == info.value.field


@pytest.mark.parametrize(
    ("page", "field", "words"),
    [
        (PageAccount("p", True), "payout_account", "no payout account"),
        (PageAccount("p", False, payout_account=PAYOUT), "qualifies", "not qualify"),
        (PageAccount("p", False), "qualifies", "no payout account"),
    ],
)
def test_a_page_accepts_payments_only_when_it_qualifies_and_has_a_payout_account(
    page: PageAccount, field: str, words: str
) -> None:
    """ "a page can accept payments only when it qualifies and has a payout
    account linked (otherwise a clear error saying which condition is
    missing)" """
    with pytest.raises(PolicyError) as info:
        Payment.to_page(
            page,
            id="p-1",
            payer=BUYER,
            purpose=PaymentPurpose.MARKETPLACE_PURCHASE,
            method=VISA,
            gross=Money.of("10.00", "USD"),
            created_at=T0,
        )
    assert field == info.value.field
    assert words in str(info.value)
    assert not page.can_accept_payments


def test_an_eligible_page_starts_a_pending_payment() -> None:
    """ "a page can accept payments only when it qualifies and has a payout
    account linked" """
    started = Payment.to_page(
        SHOP,
        id="p-1",
        payer=BUYER,
        purpose=PaymentPurpose.EVENT_TICKET,
        method=VISA,
        gross=Money.of("10.00", "USD"),
        created_at=T0,
    )
    assert (S.PENDING, Party.page("shop")) == (started.status, started.payee)
    assert () == SHOP.missing_conditions
    assert ("payout_account",) == SHOP.unlink().missing_conditions
    assert SHOP == SHOP.unlink().link(PAYOUT)


def test_the_transition_table() -> None:
    """Issue 4: "status with a transition table: pending, succeeded, failed,
    refunded, partially refunded"."""
    assert {
        (S.PENDING, E.SUCCEED): S.SUCCEEDED,
        (S.PENDING, E.FAIL): S.FAILED,
        (S.SUCCEEDED, E.REFUND_PART): S.PARTIALLY_REFUNDED,
        (S.SUCCEEDED, E.REFUND_REST): S.REFUNDED,
        (S.PARTIALLY_REFUNDED, E.REFUND_PART): S.PARTIALLY_REFUNDED,
        (S.PARTIALLY_REFUNDED, E.REFUND_REST): S.REFUNDED,
    } == dict(TRANSITIONS)


def test_an_illegal_move_names_the_state_and_the_event() -> None:
    """Lifecycle rules live in one table; an illegal move raises naming the
    state and the event (STYLE)."""
    with pytest.raises(IllegalTransition) as info:
        next_status(S.FAILED, E.SUCCEED)
    assert ("payment", "failed", "succeed") == (
        info.value.machine,
        info.value.state,
        info.value.event,
    )
    with pytest.raises(IllegalTransition):
        payment("1.00").succeed().succeed()
    with pytest.raises(IllegalTransition):
        payment("1.00").fail().refund(refund_id="r", at=T0)
    with pytest.raises(IllegalTransition):
        payment("1.00").refund(refund_id="r", at=T0)


def test_partial_then_full_refund_moves_the_status() -> None:
    """Issue 4: "Refunds: full and partial, never more than remains ... status
    moves accordingly"."""
    paid = payment("100.00").succeed()
    part, first = paid.refund(Money.of("30.00", "USD"), refund_id="r-1", at=T0)
    assert (S.PARTIALLY_REFUNDED, Money.of("70.00", "USD")) == (
        part.status,
        part.remaining,
    )
    assert ("r-1", "p-1", Money.of("30.00", "USD")) == (
        first.id,
        first.payment_id,
        first.amount,
    )
    done, rest = part.refund(refund_id="r-2", at=T0 + dt.timedelta(hours=1))
    assert (S.REFUNDED, Money.of("70.00", "USD")) == (done.status, rest.amount)
    assert Money.zero("USD") == done.remaining
    assert (first, rest) == done.refunds


def test_a_refund_is_never_more_than_remains() -> None:
    """Issue 4: "never more than remains"."""
    part, _ = (
        payment("10.00")
        .succeed()
        .refund(Money.of("9.99", "USD"), refund_id="r-1", at=T0)
    )
    with pytest.raises(InvalidValue) as info:
        part.refund(Money.of("0.02", "USD"), refund_id="r-2", at=T0)
    assert "amount" == info.value.field
    assert Money.of("0.01", "USD") == part.remaining


def test_refund_amount_rules() -> None:
    """A refund is positive, in the payment's currency, not before the payment."""
    paid = payment("10.00").succeed()
    with pytest.raises(CurrencyMismatch):
        paid.refund(Money.of("1.00", "EUR"), refund_id="r", at=T0)
    with pytest.raises(InvalidValue) as info:
        paid.refund(Money.zero("USD"), refund_id="r", at=T0)
    assert "amount" == info.value.field
    with pytest.raises(InvalidValue) as info:
        paid.refund(refund_id="r", at=T0 - dt.timedelta(seconds=1))
    assert "at" == info.value.field


def test_a_recorded_payment_is_checked_for_consistency() -> None:
    """Models are validated at construction: status and refunds must agree."""
    done, _ = payment("10.00").succeed().refund(refund_id="r", at=T0)
    with pytest.raises(InvalidValue) as info:
        Payment(
            done.id,
            done.payer,
            payee=done.payee,
            purpose=done.purpose,
            method=done.method,
            gross=done.gross,
            created_at=done.created_at,
            status=S.SUCCEEDED,
            refunds=done.refunds,
        )
    assert "status" == info.value.field
    with pytest.raises(InvalidValue) as info:
        Payment(
            done.id,
            done.payer,
            payee=done.payee,
            purpose=done.purpose,
            method=done.method,
            gross=Money.of(Decimal("5.00"), "USD"),
            created_at=done.created_at,
            status=S.REFUNDED,
            refunds=done.refunds,
        )
    assert "refunds" == info.value.field
