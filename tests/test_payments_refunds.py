"""The fee on refunds: a stated rule, as a policy (returned pro rata, or
kept)."""

import datetime as dt
import decimal
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

from carekit import CurrencyMismatch, Interval, InvalidValue, Money
from carekit.payments import (
    FACEBOOK_PAY_2019,
    FeeKept,
    ProRataFeeReturn,
    RefundFeePolicy,
    Statement,
)
from carekit.payments._rounding import round_fraction
from tests._payments import SHOP, T0, payment


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def returned(
    policy: ProRataFeeReturn | FeeKept, fee: str, gross: str, before: str, refund: str
) -> Money:
    return policy.fee_returned(
        fee=usd(fee), gross=usd(gross), refunded_before=usd(before), refund=usd(refund)
    )


def test_pro_rata_returns_the_refunded_share_of_the_fee() -> None:
    """ "returned pro rata": a 40 % refund returns 40 % of the fee."""
    assert usd("1.00") == returned(ProRataFeeReturn(), "2.50", "100.00", "0", "40.00")


def test_pro_rata_rounds_cumulatively_so_a_full_refund_returns_the_whole_fee() -> None:
    """ "returned pro rata": three thirds of 0.10 return 0.03, 0.04 and 0.03
    (the running share rounded half-up: 0.03, 0.07, 0.10)."""
    policy = ProRataFeeReturn()
    parts = [
        returned(policy, "0.10", "3.00", "0.00", "1.00"),
        returned(policy, "0.10", "3.00", "1.00", "1.00"),
        returned(policy, "0.10", "3.00", "2.00", "1.00"),
    ]
    assert [usd("0.03"), usd("0.04"), usd("0.03")] == parts


def test_fee_kept_returns_nothing() -> None:
    """ "or kept" """
    assert usd("0.00") == returned(FeeKept(), "2.50", "100.00", "0", "100.00")


def test_refund_fee_policies_refuse_bad_input() -> None:
    """Refunds never exceed the gross, and stay in one currency."""
    with pytest.raises(InvalidValue):
        returned(ProRataFeeReturn(), "2.50", "100.00", "90.00", "20.00")
    with pytest.raises(CurrencyMismatch):
        ProRataFeeReturn().fee_returned(
            fee=usd("1.00"),
            gross=usd("10.00"),
            refunded_before=usd("0"),
            refund=Money.of(1, "JPY"),
        )
    with pytest.raises(InvalidValue) as info:
        ProRataFeeReturn("ROUND_SIDEWAYS")
    assert "rounding" == info.value.field


@pytest.mark.parametrize(
    ("value", "mode", "expected"),
    [
        (Fraction(5, 2), decimal.ROUND_HALF_UP, 3),
        (Fraction(5, 2), decimal.ROUND_HALF_EVEN, 2),
        (Fraction(5, 2), decimal.ROUND_HALF_DOWN, 2),
        (Fraction(-5, 2), decimal.ROUND_HALF_UP, -3),
        (Fraction(7, 3), decimal.ROUND_UP, 3),
        (Fraction(-7, 3), decimal.ROUND_DOWN, -2),
        (Fraction(-7, 3), decimal.ROUND_FLOOR, -3),
        (Fraction(-7, 3), decimal.ROUND_CEILING, -2),
        (Fraction(4), decimal.ROUND_UP, 4),
    ],
)
def test_round_fraction_follows_the_decimal_modes(
    value: Fraction, mode: str, expected: int
) -> None:
    """Rounding modes mean what :mod:`decimal` says they mean."""
    assert expected == round_fraction(value, mode)


def test_the_documented_refund_example() -> None:
    """docs/payments.md: a 10.00 USD sale pays 0.25; refunds of 3.33, 3.33 and
    3.34 return 0.08, 0.09 and 0.08."""
    policy = ProRataFeeReturn()
    parts = [
        returned(policy, "0.25", "10.00", "0.00", "3.33"),
        returned(policy, "0.25", "10.00", "3.33", "3.33"),
        returned(policy, "0.25", "10.00", "6.66", "3.34"),
    ]
    assert [usd("0.08"), usd("0.09"), usd("0.08")] == parts


# -- arguments checked, user policies (regressions) ------------------------------


@pytest.mark.parametrize("policy", [ProRataFeeReturn(), FeeKept()], ids=repr)
@pytest.mark.parametrize(
    "argument", ["fee", "gross", "refunded_before", "refund"], ids=str
)
def test_refund_fee_policies_refuse_decimals_naming_the_argument(
    policy: RefundFeePolicy, argument: str
) -> None:
    """``ProRataFeeReturn`` given Decimals raised a bare AttributeError; every
    argument must be Money and the error names it."""
    amounts: dict[str, object] = {
        "fee": usd("0.25"),
        "gross": usd("10.00"),
        "refunded_before": usd("0"),
        "refund": usd("1.00"),
    }
    amounts[argument] = Decimal("1.00")
    with pytest.raises(InvalidValue) as info:
        policy.fee_returned(**amounts)  # type: ignore[arg-type]
    assert argument == info.value.field


@pytest.mark.parametrize("policy", [ProRataFeeReturn(), FeeKept()], ids=repr)
@pytest.mark.parametrize("fee", ["-0.01", "10.01"])
def test_a_fee_below_zero_or_above_the_gross_is_refused(
    policy: RefundFeePolicy, fee: str
) -> None:
    """``ProRataFeeReturn`` accepted a negative fee, or one larger than the
    gross, and returned a share of it."""
    with pytest.raises(InvalidValue) as info:
        policy.fee_returned(
            fee=usd(fee), gross=usd("10.00"), refunded_before=usd("0"), refund=usd("1")
        )
    assert "fee" == info.value.field


@attrs.frozen
class HalfBack:
    """A user's refund-fee rule with no carekit base: the first refund gets
    half the fee back (rounded down), later ones nothing."""

    def fee_returned(
        self, *, fee: Money, gross: Money, refunded_before: Money, refund: Money
    ) -> Money:
        units = fee.minor // 2 if refunded_before.is_zero() else 0
        return Money.from_minor(units, fee.currency)


def test_a_user_written_refund_fee_policy_is_accepted_and_changes_the_result() -> None:
    """Policies are Protocols: a class with no carekit base works wherever
    ``ProRataFeeReturn()`` does, and changes the statement."""
    sold = payment("10.00").succeed()
    sold, _ = sold.refund(usd("2.00"), refund_id="r-1", at=T0)
    week = Interval(T0, T0 + dt.timedelta(days=7))
    user: RefundFeePolicy = HalfBack()
    returned = [
        Statement.build(
            SHOP,
            [sold],
            period=week,
            currency="USD",
            fees=FACEBOOK_PAY_2019,
            refund_fees=policy,
        ).fees_returned
        for policy in (ProRataFeeReturn(), user)
    ]
    assert [usd("0.05"), usd("0.12")] == returned  # 0.25 × 2/10; half of 0.25
