"""Money conservation in payments.

The five properties the issue lists run 2 × 10⁴ examples in the ``ci`` profile
(five times the profile's count otherwise), in two tests: one for fees, one
for refunds and statements. Hypothesis costs 0.3 to 0.8 ms per example on a
loaded 2-core machine, more with each draw and as the run grows, so these
tests draw three plain values each (integers, and choices from precomputed
tuples) and build the models in the body. The tests after them check the same
rules over the public strategies at the profile's count.
"""

import datetime as dt
import decimal
import functools
import itertools
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carekit import Interval, InvalidValue, Money
from carekit.money import CURRENCIES, ROUNDING_MODES
from carekit.payments import (
    FACEBOOK_PAY_2019,
    SETTLED_STATUSES,
    BankAccount,
    Card,
    CardBrand,
    EntryKind,
    FeeKept,
    FeePolicy,
    FeeQuote,
    FeeRule,
    FeeTier,
    FixedPlusPercentageFee,
    MethodKind,
    PageAccount,
    Party,
    PartyKind,
    Payment,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
    PayoutAccount,
    PayPal,
    PercentageFee,
    ProRataFeeReturn,
    RefundFeePolicy,
    Statement,
    TieredFee,
)
from carekit.payments._rounding import round_fraction
from carekit.testing import strategies as cks


def _conservation_settings() -> settings:
    """2 × 10⁴ examples when the active profile is at least as thorough as ``ci``."""
    active = settings().max_examples
    thorough = active >= settings.get_profile("ci").max_examples
    return settings(max_examples=20_000 if thorough else 5 * active)


CONSERVATION = _conservation_settings()

T0 = dt.datetime(2019, 11, 11, tzinfo=dt.UTC)
WEEK = Interval(T0, T0 + dt.timedelta(days=7))
PAGE = PageAccount(
    "shop", True, payout_account=PayoutAccount("po", BankAccount("Bank", "0001"))
)
BUYER = Party.person("buyer")
METHODS: dict[MethodKind, PaymentMethod] = {
    MethodKind.CARD: Card(CardBrand.VISA, "4242"),
    MethodKind.BANK: BankAccount("Bank", "6789"),
    MethodKind.PAYPAL: PayPal("pp"),
}
#: Every (purpose, method, payee) a payment can have.
SHAPES = [
    (purpose, method, payee)
    for purpose, method, payee in itertools.product(
        PaymentPurpose, MethodKind, PartyKind
    )
    if purpose is not PaymentPurpose.PERSON_TO_PERSON or payee is PartyKind.PERSON
]
#: Shapes of payments to the page; a statement test picks one from the gross
#: (a further draw per payment would cost more than it finds).
PAGE_SHAPES = [shape for shape in SHAPES if shape[2] is PartyKind.PAGE]
CODES = sorted(CURRENCIES, key=lambda code: (code != "USD", code))
MODES = sorted(ROUNDING_MODES)
REFUND_POLICIES: tuple[RefundFeePolicy, ...] = (
    ProRataFeeReturn(),
    ProRataFeeReturn(decimal.ROUND_FLOOR),
    FeeKept(),
)


@functools.cache
def catalog(code: str) -> tuple[FeePolicy, ...]:
    """Policies of every kind, every rounding mode, with and without bounds."""

    def m(units: int) -> Money:
        return Money.from_minor(units, code)

    return (
        FACEBOOK_PAY_2019,
        PercentageFee(),
        PercentageFee(Decimal("0.029"), rounding=decimal.ROUND_HALF_EVEN),
        PercentageFee(
            Decimal("0.0333"),
            rounding=decimal.ROUND_UP,
            minimum=(m(50),),
            maximum=(m(500),),
        ),
        PercentageFee(
            Decimal("0.5"), rounding=decimal.ROUND_CEILING, minimum=(m(10**7),)
        ),
        PercentageFee(Decimal(1), rounding=decimal.ROUND_FLOOR),
        PercentageFee(
            Decimal("0.0001"),
            rounding=decimal.ROUND_DOWN,
            rules=(
                FeeRule(
                    "tickets", Decimal("0.07"), purposes=(PaymentPurpose.EVENT_TICKET,)
                ),
                FeeRule("paypal", Decimal("0.999"), methods=(MethodKind.PAYPAL,)),
            ),
        ),
        FixedPlusPercentageFee(Decimal("0.029"), (m(30),)),
        FixedPlusPercentageFee(
            Decimal("0.0123"),
            (m(0),),
            rounding=decimal.ROUND_HALF_DOWN,
            maximum=(m(1000),),
        ),
        FixedPlusPercentageFee(Decimal("0.9999"), (m(1),), rounding=decimal.ROUND_UP),
        TieredFee(
            (
                FeeTier(m(10**4), Decimal("0.035")),
                FeeTier(m(10**6), Decimal("0.02")),
                FeeTier(None, Decimal("0.0125")),
            ),
            minimum=(m(1),),
        ),
        TieredFee(
            (FeeTier(None, Decimal("0.0275")),), rounding=decimal.ROUND_HALF_EVEN
        ),
    )


def make_payment(
    gross: Money,
    shape: tuple[PaymentPurpose, MethodKind, PartyKind] = SHAPES[0],
    *,
    id: str = "p",
    at: dt.datetime = T0,
) -> Payment:
    purpose, method, payee = shape
    return Payment(
        id,
        BUYER,
        payee=PAGE.party if payee is PartyKind.PAGE else Party.person("seller"),
        purpose=purpose,
        method=METHODS[method],
        gross=gross,
        created_at=at,
    )


def check_quote(quote: FeeQuote, gross: Money) -> None:
    assert gross == quote.gross
    assert gross == quote.fee + quote.net
    assert Money.zero(gross.currency) <= quote.fee <= gross


# -- the 2 × 10⁴-example properties ---------------------------------------------------
# Two tests check the five properties the issue lists, each in its own helper.
# A draw from a precomputed tuple picks a whole combination (it shrinks to the
# first: USD, the 2019 preset, ...); integers give the amounts.


def check_fee_is_exact_decimal(
    payment: Payment, millionths: int, rounding: str
) -> None:
    """ "fees are never computed on floats": the fee is the exact
    product rounded once, and a float rate is refused."""
    rate = Decimal(millionths).scaleb(-6)
    fee = PercentageFee(rate, rounding=rounding).quote(payment).fee
    assert isinstance(fee.amount, Decimal)
    exact = Fraction(payment.gross.minor) * Fraction(millionths, 10**6)
    assert round_fraction(exact, rounding) == fee.minor
    with pytest.raises(InvalidValue):
        PercentageFee(float(rate))  # type: ignore[arg-type]


FEE_CASES = list(itertools.product(CODES, range(len(catalog("USD"))), SHAPES, MODES))


@CONSERVATION
@given(
    st.sampled_from(FEE_CASES),
    st.integers(min_value=1, max_value=10**12),
    st.integers(min_value=0, max_value=10**6),
)
def test_fees_conserve_money_exactly(
    case: tuple[str, int, tuple[PaymentPurpose, MethodKind, PartyKind], str],
    units: int,
    millionths: int,
) -> None:
    """ "fee + net == gross exactly; 0 ≤ fee ≤ gross" under every kind
    of policy, and "fees are never computed on floats"."""
    code, policy_index, shape, rounding = case
    payment = make_payment(Money.from_minor(units, code), shape)
    check_quote(catalog(code)[policy_index].quote(payment), payment.gross)
    check_fee_is_exact_decimal(payment, millionths, rounding)


#: Refund asks, relative to what remains (``left``) and to the gross: the
#: boundaries are where "never more than remains" could break.
ASKS: dict[str, Callable[[int, int], int]] = {
    "one unit": lambda left, gross: 1,
    "a third": lambda left, gross: max(1, left // 3),
    "half": lambda left, gross: max(1, left // 2),
    "all but one": lambda left, gross: max(1, left - 1),
    "all": lambda left, gross: max(1, left),
    "one more than remains": lambda left, gross: left + 1,
    "the gross": lambda left, gross: gross,
}
#: What happens to a payment: pending, failed, or paid then refunded by up to
#: two asks, two days apart (so some refunds leave the statement's week).
STORIES: list[str | tuple[str, ...]] = [
    "pending",
    "failed",
    *(steps for n in range(3) for steps in itertools.product(ASKS, repeat=n)),
]
#: A payment's creation (hours after T0; the week is hours 0 to 168) and story.
PATTERNS = list(itertools.product((-30, 0, 5, 100, 167, 170), STORIES))
MONEY_CASES = list(
    itertools.product(CODES, range(len(catalog("USD"))), REFUND_POLICIES)
)


def check_refunds_never_exceed_what_remains(
    payment: Payment, steps: tuple[str, ...], fee: Money, refund_fees: RefundFeePolicy
) -> Payment:
    """ "partial refunds never exceed what remains"; the fee returned
    never exceeds the fee, and a full pro-rata refund returns all of it."""
    code, gross = payment.gross.currency, payment.gross.minor
    refunded = returned = 0  # minor units
    for number, step in enumerate(steps):
        ask = ASKS[step](gross - refunded, gross)
        amount = Money.from_minor(ask, code)
        at = payment.created_at + dt.timedelta(days=2 * (number + 1))
        refund_id = f"{payment.id}-r{number}"
        if refunded + ask > gross:
            with pytest.raises(ValueError, match=r"remains|cannot"):
                payment.refund(amount, refund_id=refund_id, at=at)
            continue
        payment, refund = payment.refund(amount, refund_id=refund_id, at=at)
        back = refund_fees.fee_returned(
            fee=fee,
            gross=payment.gross,
            refunded_before=Money.from_minor(refunded, code),
            refund=refund.amount,
        )
        refunded += ask
        returned += back.minor
        assert gross - refunded == payment.remaining.minor
    assert 0 <= returned <= fee.minor
    fully = payment.status is PaymentStatus.REFUNDED
    assert fully == (refunded == gross)
    if fully and isinstance(refund_fees, ProRataFeeReturn):
        assert fee.minor == returned
    return payment


def check_statement_net(
    statement: Statement,
    payments: list[Payment],
    policy: FeePolicy,
    refund_fees: RefundFeePolicy,
) -> None:
    """ "a statement's net equals the sum of its payments' nets minus
    refunds" (refunds net of the fee they return)."""
    code = statement.currency
    expected = Money.zero(code)
    for payment in payments:
        if payment.status not in SETTLED_STATUSES:
            continue
        quote = policy.quote(payment)
        if payment.created_at in statement.period:
            expected += quote.net
        before = Money.zero(code)
        for refund in payment.refunds:
            back = refund_fees.fee_returned(
                fee=quote.fee,
                gross=payment.gross,
                refunded_before=before,
                refund=refund.amount,
            )
            before += refund.amount
            if refund.refunded_at in statement.period:
                expected -= refund.amount - back
    net = statement.net
    assert expected == net
    assert statement.gross - statement.fees - statement.refunds == net
    assert sum((e.net for e in statement.entries), Money.zero(code)) == net


@CONSERVATION
@given(
    st.sampled_from(MONEY_CASES),
    st.lists(st.sampled_from(PATTERNS), max_size=3),
    st.integers(min_value=0, max_value=10**27),
)
def test_refunds_and_statements_conserve_money(
    case: tuple[str, int, RefundFeePolicy],
    patterns: list[tuple[int, str | tuple[str, ...]]],
    grosses: int,
) -> None:
    """ "partial refunds never exceed what remains"; "a statement's net
    equals the sum of its payments' nets minus refunds"."""
    code, policy_index, refund_fees = case
    policy = catalog(code)[policy_index]
    payments = []
    for index, (hours, story) in enumerate(patterns):
        # Up to three gross amounts from one draw (nine digits each, shrinking
        # to 1): a draw per payment would cost more than it finds.
        units = grosses // 10 ** (9 * index) % 10**9 + 1
        shape = PAGE_SHAPES[units % len(PAGE_SHAPES)]
        at = T0 + dt.timedelta(hours=hours)
        payment = make_payment(
            Money.from_minor(units, code), shape, id=f"p{index}", at=at
        )
        if story == "pending":
            payments.append(payment)
        elif story == "failed":
            payments.append(payment.fail())
        else:
            paid = payment.succeed()
            fee = policy.quote(paid).fee
            steps = tuple(story)
            payments.append(
                check_refunds_never_exceed_what_remains(paid, steps, fee, refund_fees)
            )
    statement = Statement.build(
        PAGE, payments, period=WEEK, currency=code, fees=policy, refund_fees=refund_fees
    )
    check_statement_net(statement, payments, policy, refund_fees)


# -- the same rules over the public strategies ----------------------------------


@st.composite
def policies_and_payments(draw: st.DrawFn) -> tuple[FeePolicy, Payment]:
    code = draw(cks.currencies())
    policy = draw(cks.fee_policies(codes=st.just(code)))
    payment = draw(cks.payments(grosses=cks.monies(codes=st.just(code), min_value=1)))
    return policy, payment


@given(policies_and_payments())
def test_any_generated_policy_conserves_money(pair: tuple[FeePolicy, Payment]) -> None:
    """ "fee ≤ gross; net + fee == gross exactly" for any configured policy."""
    policy, payment = pair
    check_quote(policy.quote(payment), payment.gross)


@given(cks.statements())
def test_generated_statements_add_up(statement: Statement) -> None:
    """ "gross, fees, refunds, net": the net is the sum of the lines."""
    zero = Money.zero(statement.currency)
    assert sum((e.net for e in statement.entries), zero) == statement.net
    payments = [e for e in statement.entries if e.kind is EntryKind.PAYMENT]
    assert sum((e.amount for e in payments), zero) == statement.gross
    if statement.net.amount > 0:
        assert statement.net == statement.payout("po").amount


@given(cks.payments(), cks.refund_fee_policies())
def test_refunding_the_rest_returns_the_whole_fee_pro_rata(
    payment: Payment, refund_fees: RefundFeePolicy
) -> None:
    """ "returned pro rata": over all refunds of a payment, the fee returned is
    between zero and the fee, and all of it once the payment is refunded."""
    fee = FACEBOOK_PAY_2019.quote(payment).fee
    if payment.status in (PaymentStatus.SUCCEEDED, PaymentStatus.PARTIALLY_REFUNDED):
        payment, _ = payment.refund(refund_id="rest", at=payment.created_at)
    before = returned = Money.zero(fee.currency)
    for refund in payment.refunds:
        returned += refund_fees.fee_returned(
            fee=fee, gross=payment.gross, refunded_before=before, refund=refund.amount
        )
        before += refund.amount
    assert Money.zero(fee.currency) <= returned <= fee
    if payment.refunds and isinstance(refund_fees, ProRataFeeReturn):
        assert fee == returned


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=1, max_value=10**6),
    cks.rounding_modes(),
)
def test_round_fraction_agrees_with_decimal(num: int, den: int, rounding: str) -> None:
    """Rounding a share of the fee means what :mod:`decimal` says it means."""
    exact = Decimal(num) / Decimal(den)  # 28 digits: exact or far from a tie
    if Fraction(exact) == Fraction(num, den):
        expected = int(exact.quantize(Decimal(1), rounding=rounding))
        assert expected == round_fraction(Fraction(num, den), rounding)
