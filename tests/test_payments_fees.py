"""Fee policies: a rate of the gross, rounded once to the minor unit, never
above the gross; any class with a `quote` method is a policy."""

import datetime as dt
import decimal
from decimal import Decimal

import attrs
import pytest

from carekit import CurrencyMismatch, Interval, InvalidValue, Money, PolicyError
from carekit.payments import (
    FACEBOOK_PAY_2019,
    FeeAdjustment,
    FeePolicy,
    FeeQuote,
    FeeRule,
    FeeTier,
    FixedPlusPercentageFee,
    MethodKind,
    Party,
    Payment,
    PaymentPurpose,
    PayPal,
    PercentageFee,
    ProRataFeeReturn,
    Statement,
    TieredFee,
    statements_by_currency,
)
from tests._payments import BANK, SHOP, T0, payment

FB = FACEBOOK_PAY_2019


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def test_card_marketplace_purchase_of_100_usd_pays_2_50() -> None:
    """ "100.00 USD card marketplace purchase → 2.50 fee"."""
    quote = FB.quote(payment("100.00"))
    assert usd("2.50") == quote.fee
    assert usd("97.50") == quote.net
    assert ("facebook_pay_2019", "business card or bank payment") == (
        quote.policy,
        quote.rule,
    )
    assert Decimal("0.025") == quote.rate


def test_person_to_person_is_free() -> None:
    """ "50.00 USD person-to-person → 0.00"."""
    p2p = payment(
        "50.00", purpose=PaymentPurpose.PERSON_TO_PERSON, payee=Party.person("friend")
    )
    quote = FB.quote(p2p)
    assert usd("0.00") == quote.fee
    assert "person-to-person is free" == quote.rule


def test_jpy_has_no_minor_unit() -> None:
    """ "999 JPY → 25" (24.975 rounded half-up to whole yen)."""
    assert Money.of(25, "JPY") == FB.quote(payment("999", "JPY")).fee


def test_kwd_has_three_decimals() -> None:
    """ "10.000 KWD → 0.250"."""
    fee = FB.quote(payment("10.000", "KWD")).fee
    assert Money.of("0.250", "KWD") == fee
    assert "0.250 KWD" == str(fee)


@pytest.mark.parametrize(
    ("gross", "currency", "half_up", "half_even"),
    [
        ("0.20", "USD", "0.01", "0.00"),  # 0.005
        ("1.00", "USD", "0.03", "0.02"),  # 0.025
        ("100", "JPY", "3", "2"),  # 2.5
        ("0.100", "KWD", "0.003", "0.002"),  # 0.0025
    ],
)
def test_half_up_at_exactly_half_a_minor_unit(
    gross: str, currency: str, half_up: str, half_even: str
) -> None:
    """ "Fee rounded to the currency's minor unit (default half-up)"; the
    rounding mode is configurable."""
    assert Money.of(half_up, currency) == FB.quote(payment(gross, currency)).fee
    even = PercentageFee(rounding=decimal.ROUND_HALF_EVEN)
    assert Money.of(half_even, currency) == even.quote(payment(gross, currency)).fee


def test_bank_payments_to_a_business_pay_the_fee_and_paypal_is_not_named() -> None:
    """Facebook Pay, November 2019: "Facebook will collect these bank
    transfers and credit card payments with a 2.5% fee."; it names no fee
    for PayPal."""
    assert usd("2.50") == FB.quote(payment("100.00", method=BANK)).fee
    paypal = FB.quote(payment("100.00", method=PayPal("pp")))
    assert (usd("0.00"), "no fee named by the 2019 rule") == (paypal.fee, paypal.rule)


def test_default_percentage_fee_is_2_5_percent_half_up() -> None:
    """ "default 2.5 % ... (default half-up)" """
    policy = PercentageFee()
    assert (Decimal("0.025"), decimal.ROUND_HALF_UP) == (policy.rate, policy.rounding)
    assert "default rate" == policy.quote(payment("1.00")).rule


def test_first_matching_rule_wins() -> None:
    """ "rate, rounding mode and per-purpose rules configurable"; "A quote says
    which rule applied." """
    policy = PercentageFee(
        Decimal("0.03"),
        rules=(
            FeeRule(
                "tickets", Decimal("0.01"), purposes=(PaymentPurpose.EVENT_TICKET,)
            ),
            FeeRule("cards", Decimal("0.02"), methods=(MethodKind.CARD,)),
        ),
    )
    ticket = policy.quote(payment("100.00", purpose=PaymentPurpose.EVENT_TICKET))
    assert (usd("1.00"), "tickets") == (ticket.fee, ticket.rule)
    card = policy.quote(payment("100.00"))
    assert (usd("2.00"), "cards") == (card.fee, card.rule)
    bank = policy.quote(payment("100.00", method=BANK))
    assert (usd("3.00"), "default rate") == (bank.fee, bank.rule)


def test_minimum_and_maximum_fee_then_the_gross_caps_it() -> None:
    """ "minimum/maximum fee; fee never exceeds gross"; "minimum fee is
    capped at gross"."""
    policy = PercentageFee(minimum=(usd("0.50"),), maximum=(usd("5.00"),))
    small = policy.quote(payment("10.00"))
    assert (usd("0.50"), FeeAdjustment.MINIMUM) == (small.fee, small.adjustment)
    large = policy.quote(payment("1000.00"))
    assert (usd("5.00"), FeeAdjustment.MAXIMUM) == (large.fee, large.adjustment)
    tiny = policy.quote(payment("0.30"))
    assert (usd("0.30"), FeeAdjustment.CAPPED_AT_GROSS) == (tiny.fee, tiny.adjustment)
    assert usd("0.00") == tiny.net
    other = policy.quote(payment("10", "JPY"))
    assert (Money.of(0, "JPY"), FeeAdjustment.NONE) == (other.fee, other.adjustment)


def test_a_free_rule_stays_free_under_a_minimum() -> None:
    """ "person-to-person free", whatever the minimum fee."""
    policy = PercentageFee(
        rules=(
            FeeRule("p2p", Decimal(0), purposes=(PaymentPurpose.PERSON_TO_PERSON,)),
        ),
        minimum=(usd("0.50"),),
    )
    p2p = payment(
        "50.00", purpose=PaymentPurpose.PERSON_TO_PERSON, payee=Party.person("friend")
    )
    assert usd("0.00") == policy.quote(p2p).fee


def test_fixed_plus_percentage() -> None:
    """ "fixed-plus-percentage ... policies for other processors"."""
    policy = FixedPlusPercentageFee(
        Decimal("0.029"), (usd("0.30"), Money.of(40, "JPY")), name="processor"
    )
    quote = policy.quote(payment("10.00"))
    assert (usd("0.59"), "2.9 % + 0.30 USD") == (quote.fee, quote.rule)
    assert Money.of(69, "JPY") == policy.quote(payment("1000", "JPY")).fee
    assert usd("0.20") == policy.quote(payment("0.20")).fee  # capped at gross
    with pytest.raises(PolicyError) as info:
        policy.quote(payment("1.000", "KWD"))
    assert "fixed" == info.value.field


def test_tiered() -> None:
    """ "tiered policies for other processors"; the quote names the
    tier."""
    policy = TieredFee(
        (
            FeeTier(usd("100.00"), Decimal("0.03")),
            FeeTier(usd("1000.00"), Decimal("0.02")),
            FeeTier(None, Decimal("0.01")),
        )
    )
    low = policy.quote(payment("100.00"))
    assert (usd("3.00"), "tier 1 (up to 100.00 USD): 3 %") == (low.fee, low.rule)
    assert usd("2.00") == policy.quote(payment("100.01")).fee
    high = policy.quote(payment("5000.00"))
    assert (usd("50.00"), "tier 3 (and above): 1 %") == (high.fee, high.rule)
    with pytest.raises(CurrencyMismatch):
        policy.quote(payment("100", "JPY"))


@pytest.mark.parametrize(
    "tiers",
    [
        (),
        (FeeTier(usd("1.00"), Decimal("0.01")),),
        (FeeTier(None, Decimal("0.01")), FeeTier(None, Decimal("0.01"))),
        (FeeTier(usd("2.00"), Decimal("0.01")), FeeTier(usd("1.00"), Decimal("0.01")),
         FeeTier(None, Decimal("0.01"))),
        (FeeTier(usd("1.00"), Decimal("0.01")), FeeTier(Money.of(5, "JPY"), Decimal(0)),
         FeeTier(None, Decimal("0.01"))),
    ],
)  # fmt: skip
def test_tiers_are_checked(tiers: tuple[FeeTier, ...]) -> None:
    """Tiers increase, share a currency, and only the last is unbounded."""
    with pytest.raises(InvalidValue) as info:
        TieredFee(tiers)
    assert "tiers" == info.value.field


def test_fees_are_never_computed_on_floats() -> None:
    """ "fees are never computed on floats"; "Floats are refused"."""
    with pytest.raises(InvalidValue) as info:
        PercentageFee(0.025)  # type: ignore[arg-type]
    assert "rate" == info.value.field
    with pytest.raises(InvalidValue):
        FeeRule("r", 0.01)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        FixedPlusPercentageFee(Decimal("0.029"), (Money(0.30, "USD"),))  # type: ignore[arg-type]


@pytest.mark.parametrize("rate", [Decimal("-0.01"), Decimal("1.01"), Decimal("NaN")])
def test_a_rate_is_between_0_and_1(rate: Decimal) -> None:
    """A rate is a Decimal fraction of the gross."""
    with pytest.raises(InvalidValue) as info:
        PercentageFee(rate)
    assert "rate" == info.value.field


def test_policy_settings_are_validated() -> None:
    """Policies are frozen and validated like models."""
    with pytest.raises(InvalidValue) as info:
        PercentageFee(rounding="ROUND_SIDEWAYS")
    assert "rounding" == info.value.field
    with pytest.raises(InvalidValue) as info:
        PercentageFee(minimum=(usd("1.00"), usd("2.00")))
    assert "minimum" == info.value.field
    with pytest.raises(InvalidValue) as info:
        PercentageFee(minimum=(usd("2.00"),), maximum=(usd("1.00"),))
    assert "maximum" == info.value.field


def test_a_quote_keeps_fee_within_gross() -> None:
    """ "fee ≤ gross; net + fee == gross exactly" """
    with pytest.raises(InvalidValue) as info:
        FeeQuote(usd("1.00"), usd("1.01"), policy="p", rule="r", rate=Decimal(1))
    assert "fee" == info.value.field
    with pytest.raises(CurrencyMismatch):
        FeeQuote(usd("1.00"), Money.of(1, "JPY"), policy="p", rule="r", rate=Decimal(1))


# -- rounding modes, exact labels, user policies (regressions) ------------------


@pytest.mark.parametrize("rounding", [[], {}, None, 1, "round_half_up"])
def test_every_policy_refuses_a_bad_rounding_mode_naming_the_field(
    rounding: object,
) -> None:
    """``PercentageFee(rounding=[])`` raised a bare TypeError (an unhashable
    value in a set lookup); every policy now raises InvalidValue on
    ``rounding``."""
    tier = (FeeTier(None, Decimal("0.01")),)
    for build in (
        lambda: PercentageFee(rounding=rounding),  # type: ignore[arg-type]
        lambda: FixedPlusPercentageFee(
            Decimal(0),
            (usd("0.30"),),
            rounding=rounding,  # type: ignore[arg-type]
        ),
        lambda: TieredFee(tier, rounding=rounding),  # type: ignore[arg-type]
        lambda: ProRataFeeReturn(rounding),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidValue) as info:
            build()
        assert "rounding" == info.value.field


def test_the_fee_label_is_exact_in_a_low_precision_context() -> None:
    """The label's percent was computed in the caller's context: at
    ``prec = 2`` a 2.9125 % rate read "2.9 %"."""
    policy = FixedPlusPercentageFee(Decimal("0.029125"), (usd("0.30"),))
    expected = policy.quote(payment("100.00"))
    assert "2.9125 % + 0.30 USD" == expected.rule
    with decimal.localcontext() as context:
        context.prec = 2
        assert expected == policy.quote(payment("100.00"))


def test_fixed_plus_percentage_quotes_under_the_inexact_trap() -> None:
    """With the caller's Inexact trap set, ``FixedPlusPercentageFee.quote``
    raised ``decimal.Inexact``; carekit rounds in its own context."""
    rate = Decimal("0.0291234567890123456789012345678")
    policy = FixedPlusPercentageFee(rate, (usd("0.30"),))
    expected = policy.quote(payment("19.99"))
    with decimal.localcontext() as context:
        context.traps[decimal.Inexact] = True
        context.traps[decimal.Rounded] = True
        assert expected == policy.quote(payment("19.99"))


@attrs.frozen
class FlatFee:
    """A user's own fee policy: no carekit base class, just ``quote``."""

    fee: Money

    def quote(self, payment: Payment) -> FeeQuote:
        return FeeQuote(
            payment.gross, self.fee, policy="flat", rule="flat fee", rate=Decimal(0)
        )


def test_a_user_written_fee_policy_is_accepted_where_the_default_is() -> None:
    """Policies are Protocols: a class with no carekit base works wherever
    ``FACEBOOK_PAY_2019`` does, and changes the result."""
    sale = payment("100.00").succeed()
    flat: FeePolicy = FlatFee(usd("1.00"))
    assert usd("1.00") == flat.quote(sale).fee
    week = Interval(T0, T0 + dt.timedelta(days=7))
    default = Statement.build(SHOP, [sale], period=week, currency="USD", fees=FB)
    custom = Statement.build(SHOP, [sale], period=week, currency="USD", fees=flat)
    assert (usd("2.50"), usd("1.00")) == (default.fees, custom.fees)
    (line,) = statements_by_currency(SHOP, [sale], period=week, fees=flat)
    assert usd("99.00") == line.net


def test_the_preset_is_a_frozen_constant() -> None:
    """Presets are UPPER_CASE constants, and read-only: no code can change
    the fee every other caller of ``FACEBOOK_PAY_2019`` gets."""
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        FB.rate = Decimal("0.5")  # type: ignore[misc]
    assert isinstance(FB.rules, tuple)
    assert Decimal("0.025") == FB.rules[1].rate
    cheaper = attrs.evolve(FB, rounding=decimal.ROUND_HALF_EVEN)
    assert usd("0.02") == cheaper.quote(payment("1.00")).fee
    assert usd("0.03") == FB.quote(payment("1.00")).fee
