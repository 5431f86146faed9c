"""Statements and payouts: gross, fees, refunds and net per period and
currency, paid to the linked payout account."""

import datetime as dt
import decimal
from decimal import Decimal
from typing import Any

import attrs
import pytest

from carekit import CurrencyMismatch, Interval, InvalidValue, Money, PolicyError
from carekit.payments import (
    FACEBOOK_PAY_2019,
    EntryKind,
    FeeKept,
    FeeQuote,
    PageAccount,
    Party,
    Payment,
    PaymentPurpose,
    PercentageFee,
    Statement,
    statements_by_currency,
)
from tests._payments import PAYOUT, SHOP, T0, payment

WEEK = Interval(T0, T0 + dt.timedelta(days=7))
FB = FACEBOOK_PAY_2019
HOUR = dt.timedelta(hours=1)


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def week_of_payments() -> list[Payment]:
    sold = payment("100.00", id="p-1").succeed()
    sold, _ = sold.refund(usd("40.00"), refund_id="r-1", at=T0 + 2 * HOUR)
    ticket = payment(
        "20.00", id="p-2", purpose=PaymentPurpose.EVENT_TICKET, at=T0 + HOUR
    ).succeed()
    pending = payment("5.00", id="p-3", at=T0 + HOUR)
    failed = payment("7.00", id="p-4", at=T0 + HOUR).fail()
    return [ticket, pending, sold, failed]


def test_statement_totals_and_entries() -> None:
    """ "gross, fees, refunds, net"; refund fee returned pro rata by
    default."""
    statement = Statement.build(
        SHOP, week_of_payments(), period=WEEK, currency="USD", fees=FB
    )
    assert [
        (EntryKind.PAYMENT, "p-1", usd("100.00"), usd("2.50"), usd("97.50")),
        (EntryKind.PAYMENT, "p-2", usd("20.00"), usd("0.50"), usd("19.50")),
        (EntryKind.REFUND, "r-1", usd("40.00"), usd("1.00"), usd("-39.00")),
    ] == [(e.kind, e.reference, e.amount, e.fee, e.net) for e in statement.entries]
    assert (usd("120.00"), usd("2.00"), usd("40.00"), usd("78.00")) == (
        statement.gross,
        statement.fees,
        statement.refunds,
        statement.net,
    )
    assert (usd("3.00"), usd("1.00")) == (
        statement.fees_charged,
        statement.fees_returned,
    )


def test_the_fee_kept_rule_changes_the_net() -> None:
    """ "a stated rule for the fee on refunds (returned pro rata, or kept)" """
    statement = Statement.build(
        SHOP,
        week_of_payments(),
        period=WEEK,
        currency="USD",
        fees=FB,
        refund_fees=FeeKept(),
    )
    assert (usd("3.00"), usd("77.00")) == (statement.fees, statement.net)


def test_statement_net_is_paid_to_the_linked_account() -> None:
    """ "payouts of net amounts to the page's linked bank or PayPal account" """
    statement = Statement.build(
        SHOP, week_of_payments(), period=WEEK, currency="USD", fees=FB
    )
    payout = statement.payout("po-2019-46")
    assert (PAYOUT, usd("78.00"), WEEK, "shop") == (
        payout.account,
        payout.amount,
        payout.period,
        payout.page_id,
    )


def test_a_refund_in_a_later_period_lands_in_that_period() -> None:
    """Each statement holds the money that moved in its period."""
    sold = payment("100.00").succeed()
    sold, _ = sold.refund(refund_id="r-1", at=T0 + dt.timedelta(days=8))
    next_week = Interval(WEEK.end, WEEK.end + dt.timedelta(days=7))
    first = Statement.build(SHOP, [sold], period=WEEK, currency="USD", fees=FB)
    second = Statement.build(SHOP, [sold], period=next_week, currency="USD", fees=FB)
    assert usd("97.50") == first.net
    assert usd("-97.50") == second.net
    assert usd("0.00") == first.net + second.net
    with pytest.raises(PolicyError) as info:
        second.payout("po")
    assert "net" == info.value.field


def test_a_mixed_currency_statement_is_refused() -> None:
    """ "refusal of ... a mixed-currency statement"."""
    mixed = [payment("10.00", id="a").succeed(), payment("10", "JPY", id="b")]
    with pytest.raises(CurrencyMismatch) as info:
        Statement.build(SHOP, mixed, period=WEEK, currency="USD", fees=FB)
    assert "payments" == info.value.field


def test_statements_by_currency_splits_per_currency() -> None:
    """ "net per currency"; ordered by currency code."""
    mixed = [
        payment("10", "JPY", id="b").succeed(),
        payment("10.00", id="a").succeed(),
    ]
    jpy_statement, usd_statement = statements_by_currency(
        SHOP, mixed, period=WEEK, fees=PercentageFee(Decimal("0.1"))
    )
    assert ("USD", usd("9.00")) == (usd_statement.currency, usd_statement.net)
    assert ("JPY", Money.of(9, "JPY")) == (jpy_statement.currency, jpy_statement.net)


def test_a_statement_needs_a_linked_payout_account() -> None:
    """ "paid to the linked payout account" """
    with pytest.raises(PolicyError) as info:
        Statement.build(
            PageAccount("shop", True), [], period=WEEK, currency="USD", fees=FB
        )
    assert "payout_account" == info.value.field


def test_statement_refuses_foreign_or_duplicate_payments() -> None:
    """Nothing is silently dropped."""
    other = payment("1.00", payee=Party.page("elsewhere"))
    with pytest.raises(InvalidValue) as info:
        Statement.build(SHOP, [other], period=WEEK, currency="USD", fees=FB)
    assert "payments" == info.value.field
    twice = [payment("1.00"), payment("2.00")]
    with pytest.raises(InvalidValue):
        Statement.build(SHOP, twice, period=WEEK, currency="USD", fees=FB)


def test_statement_is_independent_of_input_order() -> None:
    """ "Same inputs, same outputs, regardless of input order"."""
    given = week_of_payments()
    forward = Statement.build(SHOP, given, period=WEEK, currency="USD", fees=FB)
    backward = Statement.build(SHOP, given[::-1], period=WEEK, currency="USD", fees=FB)
    assert forward == backward


# -- exact totals, policy answers checked (regressions) --------------------------


def test_statement_totals_equal_the_sum_of_entries_in_a_low_precision_context() -> None:
    """Inside ``localcontext(prec=4)`` a statement of 1234.56 + 0.01 reported
    gross 1235.00 and net 1204.14."""
    payments = [
        payment("1234.56", id="p-1").succeed(),
        payment("0.01", id="p-2", at=T0 + HOUR).succeed(),
    ]
    with decimal.localcontext() as context:
        context.prec = 4
        context.rounding = decimal.ROUND_UP
        context.traps[decimal.Inexact] = True
        statement = Statement.build(
            SHOP, payments, period=WEEK, currency="USD", fees=FB
        )
        assert usd("1234.57") == statement.gross
        assert (
            sum((entry.net for entry in statement.entries), usd("0")) == statement.net
        )
        assert usd("1203.71") == statement.net  # fees: 30.86 and 0.00


@attrs.frozen
class QuotesAnotherGross:
    """A broken user policy: it quotes a fee on a gross it was not given."""

    def quote(self, payment: Payment) -> FeeQuote:
        gross = usd("1000.00")
        return FeeQuote(gross, usd("9.00"), policy="x", rule="x", rate=Decimal(0))


@attrs.frozen
class ReturnsTooMuch:
    """A broken user refund-fee policy: it returns the whole fee every time."""

    def fee_returned(
        self, *, fee: Money, gross: Money, refunded_before: Money, refund: Money
    ) -> Money:
        return fee


def test_a_policy_cannot_break_the_statement_rules() -> None:
    """Rules carekit guarantees stay inside carekit whatever policy is passed:
    a quote is for the payment's own gross, and the fee returned over a
    payment's refunds never exceeds the fee charged."""
    with pytest.raises(PolicyError) as info:
        Statement.build(
            SHOP,
            [payment("10.00").succeed()],
            period=WEEK,
            currency="USD",
            fees=QuotesAnotherGross(),
        )
    assert "fees" == info.value.field
    sold = payment("10.00").succeed()
    sold, _ = sold.refund(usd("2.00"), refund_id="r-1", at=T0 + HOUR)
    sold, _ = sold.refund(usd("2.00"), refund_id="r-2", at=T0 + 2 * HOUR)
    with pytest.raises(PolicyError) as info:
        Statement.build(
            SHOP,
            [sold],
            period=WEEK,
            currency="USD",
            fees=FB,
            refund_fees=ReturnsTooMuch(),
        )
    assert "refund_fees" == info.value.field


@pytest.mark.parametrize("payments", [7, None, "p-1"], ids=repr)
def test_payments_that_are_not_an_iterable_are_a_carekit_error(
    payments: object,
) -> None:
    """A non-iterable raised a bare TypeError from ``list(payments)``."""
    given: Any = payments
    for build in (
        lambda: Statement.build(SHOP, given, period=WEEK, currency="USD", fees=FB),
        lambda: statements_by_currency(SHOP, given, period=WEEK, fees=FB),
    ):
        with pytest.raises(InvalidValue) as info:
            build()
        assert "payments" == info.value.field
