"""Payments, page eligibility and the payment-status table."""

import datetime as dt
import decimal
from decimal import Decimal

import attrs
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
    """ "refusal of ... a float amount"."""
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
    """Models are validated at construction."""
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
    """ "status with a transition table: pending, succeeded, failed,
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
    """ "Refunds: full and partial, never more than remains ... status
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
    """ "never more than remains"."""
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


# -- person to person, exact refunds, enum errors (regressions) ----------------


def test_between_people_starts_a_pending_person_to_person_payment() -> None:
    """Facebook Pay launched with "person-to-person payments on Messenger":
    the named constructor sets the purpose and checks both parties."""
    gift = Payment.between_people(
        id="g-1",
        payer=BUYER,
        payee=Party.person("friend"),
        method=VISA,
        gross=Money.of("15.00", "USD"),
        created_at=T0,
    )
    assert (PaymentPurpose.PERSON_TO_PERSON, S.PENDING) == (gift.purpose, gift.status)
    assert S.SUCCEEDED == gift.succeed().status


@pytest.mark.parametrize(
    ("payer", "payee", "field"),
    [
        (Party.page("shop"), Party.person("friend"), "payer"),
        (BUYER, Party.page("shop"), "payee"),
        (BUYER, "friend", "payee"),
    ],
)
def test_between_people_refuses_a_page_or_a_non_party(
    payer: Party, payee: Party, field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        Payment.between_people(
            id="g-1",
            payer=payer,
            payee=payee,
            method=VISA,
            gross=Money.of("15.00", "USD"),
            created_at=T0,
        )
    assert field == info.value.field


def test_refunds_never_exceed_the_gross_in_a_low_precision_context() -> None:
    """Inside ``localcontext(prec=4)`` a 1000.00 gross with refunds of
    999.99 + 0.02 was accepted as REFUNDED with ``refunded`` 1000.00."""
    sold = payment("1000.00").succeed()
    once, _ = sold.refund(Money.of("999.99", "USD"), refund_id="r-1", at=T0)
    with decimal.localcontext() as context:
        context.prec = 4
        context.traps[decimal.Inexact] = True
        assert Money.of("999.99", "USD") == once.refunded
        with pytest.raises(InvalidValue) as info:
            once.refund(Money.of("0.02", "USD"), refund_id="r-2", at=T0)
        assert "amount" == info.value.field
        extra = attrs.evolve(once.refunds[0], id="r-2", amount=Money.of("0.02", "USD"))
        with pytest.raises(InvalidValue) as info:
            attrs.evolve(once, status=S.REFUNDED, refunds=(*once.refunds, extra))
        assert "refunds" == info.value.field


def test_an_enum_given_as_its_value_string_is_pointed_to_its_member() -> None:
    """The error listed the given string as valid while refusing it; now it
    says a str was given and which member to pass."""
    with pytest.raises(InvalidValue) as info:
        attrs.evolve(payment("1.00"), purpose="marketplace_purchase")  # type: ignore[arg-type]
    message = str(info.value)
    assert "purpose" == info.value.field
    assert "not the str 'marketplace_purchase'" in message
    assert "pass PaymentPurpose.MARKETPLACE_PURCHASE" in message


def test_an_enum_given_a_stranger_lists_the_members() -> None:
    with pytest.raises(InvalidValue) as info:
        attrs.evolve(payment("1.00"), purpose="marketplace")  # type: ignore[arg-type]
    message = str(info.value)
    assert "PaymentPurpose.FUNDRAISER" in message
    assert "PaymentPurpose.MARKETPLACE_PURCHASE" in message
    assert "not the str 'marketplace'" in message


def test_a_refund_amount_that_is_not_money_is_a_carekit_error() -> None:
    """A junk amount (``pd.NA`` compares to anything as NA) is refused before
    it is compared."""
    sold = payment("10.00").succeed()
    for junk in (Decimal(1), "1.00", object()):
        with pytest.raises(InvalidValue) as info:
            sold.refund(junk, refund_id="r", at=T0)  # type: ignore[arg-type]
        assert "amount" == info.value.field
