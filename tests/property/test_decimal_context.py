"""Money is exact whatever the caller's decimal context: every figure carekit
computes (sums, products, quantizations, fee labels, statement totals,
refunds, allocations, plain data) is the same under any precision from 1 to
50, any rounding mode, and any traps set or cleared."""

import datetime as dt
import decimal
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from carekit import CarekitError, Interval, Money, structure, unstructure
from carekit.money import ROUNDING_MODES
from carekit.payments import (
    FeePolicy,
    PageAccount,
    Payment,
    RefundFeePolicy,
    Statement,
)
from carekit.testing import strategies as cks

SIGNALS = [
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.FloatOperation,
    decimal.Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Underflow,
]
ALL_ROUNDINGS = sorted(ROUNDING_MODES | {decimal.ROUND_05UP})

contexts = st.builds(
    lambda prec, rounding, traps: decimal.Context(
        prec=prec, rounding=rounding, traps=traps
    ),
    st.integers(min_value=1, max_value=50),
    st.sampled_from(ALL_ROUNDINGS),
    st.lists(st.sampled_from(SIGNALS), unique=True),
)

#: Factors with more digits than a low-precision context keeps.
factors = st.decimals(
    min_value=Decimal("-1000"), max_value=Decimal("1000"), places=12
) | st.integers(min_value=-(10**6), max_value=10**6)


def figures(computations: list[Callable[[], Any]]) -> list[str]:
    """Each computation's result, or the carekit error it raised, as text."""
    results = []
    for compute in computations:
        try:
            results.append(repr(compute()))
        except CarekitError as error:
            results.append(f"{type(error).__name__}: {error}")
    return results


def same_in(context: decimal.Context, computations: list[Callable[[], Any]]) -> None:
    expected = figures(computations)
    with decimal.localcontext(context):
        actual = figures(computations)
    assert expected == actual


@given(
    contexts,
    cks.monies(),
    st.data(),
    factors,
    st.sampled_from(sorted(ROUNDING_MODES)),
    cks.ratios(),
)
def test_money_arithmetic_is_the_same_in_any_context(
    context: decimal.Context,
    money: Money,
    data: st.DataObject,
    factor: Decimal | int,
    rounding: str,
    ratios: list[Decimal],
) -> None:
    other = data.draw(cks.monies(codes=st.just(money.currency)))
    text = str(money.amount)
    same_in(
        context,
        [
            lambda: money + other,
            lambda: money - other,
            lambda: -money,
            lambda: money < other,
            lambda: money.minor,
            lambda: str(money),
            lambda: Money.of(text, money.currency),
            lambda: Money.from_minor(money.minor, money.currency),
            lambda: money.multiply(factor, rounding=rounding),
            lambda: money.allocate(ratios),
            lambda: money.split(len(ratios)),
            lambda: unstructure(money),
            lambda: structure(unstructure(money), Money),
        ],
    )


@st.composite
def statement_cases(
    draw: st.DrawFn,
) -> tuple[PageAccount, list[Payment], FeePolicy, RefundFeePolicy, str]:
    """A page, payments to it in one currency, and the policies to use."""
    code = draw(cks.currencies())
    page = draw(cks.page_accounts(accounts=cks.payout_accounts()))
    payments = draw(
        st.lists(
            cks.payments(
                grosses=cks.monies(codes=st.just(code), min_value=1),
                payees=st.just(page.party),
            ),
            unique_by=lambda payment: payment.id,
            max_size=4,
        )
    )
    fees = draw(cks.fee_policies(codes=st.just(code)))
    return page, payments, fees, draw(cks.refund_fee_policies()), code


@given(contexts, statement_cases())
def test_fees_refunds_and_statements_are_the_same_in_any_context(
    context: decimal.Context,
    case: tuple[PageAccount, list[Payment], FeePolicy, RefundFeePolicy, str],
) -> None:
    page, payments, fees, refund_fees, code = case

    def statement() -> tuple[Any, ...]:
        built = Statement.build(
            page,
            payments,
            period=PERIOD,
            currency=code,
            fees=fees,
            refund_fees=refund_fees,
        )
        totals = (built.gross, built.fees_charged, built.fees_returned, built.net)
        return (built.entries, totals, built.refunds, built.fees)

    computations: list[Callable[[], Any]] = [statement]
    for payment in payments:
        computations += [
            functools.partial(fees.quote, payment),
            functools.partial(getattr, payment, "refunded"),
            functools.partial(_round_trip, payment),
        ]
    same_in(context, computations)


def _round_trip(payment: Payment) -> Payment:
    return structure(unstructure(payment), Payment)


#: Wider than any drawn payment and its refunds (2000 to 2100, plus months).
PERIOD = Interval(
    dt.datetime(1999, 1, 1, tzinfo=dt.UTC), dt.datetime(2102, 1, 1, tzinfo=dt.UTC)
)
