"""Fee policies: how much of a payment the platform or processor keeps.

Facebook Pay's rule ("Introducing & Setting Up Facebook Pay", November 2019):
"Facebook will collect these bank transfers and credit card payments with a
2.5% fee." Person-to-person payments are free. carekit makes the rate, the
rounding mode and per-purpose rules configurable; the fee is rounded once to
the currency's minor unit (default half-up), never exceeds the gross, and
``net + fee == gross`` exactly, whatever the caller's decimal context.

A policy is anything with ``quote(payment) -> FeeQuote`` (:class:`FeePolicy`):
a class of your own, with no carekit base, works wherever a policy is taken.
carekit ships three frozen implementations and one dated preset:

- :class:`PercentageFee`: a rate, with per-purpose / per-method / per-payee
  rules (first match wins);
- :class:`FixedPlusPercentageFee`: a rate plus a fixed amount per currency
  (card processors);
- :class:`TieredFee`: the tier the gross falls into sets the rate;
- :data:`FACEBOOK_PAY_2019`: 2.5 % on card and bank payments a page
  receives, person-to-person free.

Every computation is on :class:`~decimal.Decimal`: rates given as floats are
refused. All three take an optional minimum and maximum fee per currency; a
fee is then capped at the gross, so ``0 ≤ fee ≤ gross`` and the net
(``gross - fee``) is exact. A free rule (rate 0, no fixed part) stays free:
the minimum does not apply to it.
"""

from __future__ import annotations

import decimal
import enum
import itertools
from decimal import Decimal
from typing import Any, Final, Protocol

import attrs
from attrs import field, frozen

from carekit._decimal import rounding_mode
from carekit._validate import (
    ValueEnum,
    enum_member,
    field_name,
    instance_of,
    non_empty_str,
)
from carekit.errors import CurrencyMismatch, InvalidValue, PolicyError
from carekit.money import Money
from carekit.payments.accounts import PartyKind
from carekit.payments.methods import MethodKind, PaymentPurpose
from carekit.payments.payment import Payment

__all__ = [
    "FACEBOOK_PAY_2019",
    "FACEBOOK_PAY_2019_RATE",
    "FeeAdjustment",
    "FeePolicy",
    "FeeQuote",
    "FeeRule",
    "FeeTier",
    "FixedPlusPercentageFee",
    "PercentageFee",
    "TieredFee",
]

FACEBOOK_PAY_2019_RATE: Final = Decimal("0.025")
"""2.5 %: "Facebook will collect these bank transfers and credit card payments
with a 2.5% fee." ("Introducing & Setting Up Facebook Pay", November 2019)"""

_ONE = Decimal(1)


# -- validators ---------------------------------------------------------------


def _check_rate(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = field_name(attribute)
    if isinstance(value, float):
        raise InvalidValue(name, value, "floats are refused; use Decimal")
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidValue(name, value, "must be a finite Decimal")
    if not 0 <= value <= _ONE:
        raise InvalidValue(name, value, "a rate is between 0 and 1")


def _check_per_currency(
    _inst: object, attribute: attrs.Attribute[Any], value: Any
) -> None:
    name = field_name(attribute)
    if not isinstance(value, tuple) or not all(isinstance(m, Money) for m in value):
        raise InvalidValue(name, value, "must be a tuple of Money, one per currency")
    codes = [m.currency for m in value]
    if len(set(codes)) != len(codes):
        raise InvalidValue(name, value, "at most one amount per currency")
    if any(m.amount < 0 for m in value):
        raise InvalidValue(name, value, "amounts must not be negative")


def _enum_tuple(kind: type[enum.Enum]) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple) or not all(isinstance(v, kind) for v in value):
            raise InvalidValue(
                field_name(attribute), value, f"must be a tuple of {kind.__name__}"
            )

    return check


def _in_currency(amounts: tuple[Money, ...], currency: str) -> Money | None:
    for amount in amounts:
        if amount.currency == currency:
            return amount
    return None


def _check_bounds(minimum: tuple[Money, ...], maximum: tuple[Money, ...]) -> None:
    for low in minimum:
        high = _in_currency(maximum, low.currency)
        if high is not None and high < low:
            raise InvalidValue(
                "maximum", str(high), f"must not be below the minimum ({low})"
            )


def _percent(rate: Decimal) -> str:
    """*rate* as a percentage label (``0.029`` gives ``2.9 %``), exactly: the
    digits are shifted, never computed in a decimal context."""
    sign, digits, exponent = rate.as_tuple()
    assert isinstance(exponent, int)  # rates are finite
    text = f"{Decimal((sign, digits, exponent + 2)):f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + " %"


# -- the quote ----------------------------------------------------------------


class FeeAdjustment(ValueEnum):
    """How a bound changed the computed fee, if at all."""

    NONE = "none"
    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    CAPPED_AT_GROSS = "capped_at_gross"


def check_fee_within(fee: Any, base: Money, base_name: str) -> None:
    """Raise unless *fee* is Money in *base*'s currency with ``0 ≤ fee ≤ base``.

    Shared by fee quotes (base: the gross) and statement lines (base: the
    line's amount): a fee never exceeds what it is taken from.
    """
    if not isinstance(fee, Money):
        raise InvalidValue("fee", fee, "must be Money")
    if fee.currency != base.currency:
        raise CurrencyMismatch(
            "fee", fee.currency, f"fee and {base_name} share a currency"
        )
    if not 0 <= fee.amount <= base.amount:
        raise InvalidValue("fee", str(fee), f"0 ≤ fee ≤ {base_name} ({base})")


def _check_quote_fee(
    inst: FeeQuote, _attribute: attrs.Attribute[Any], fee: Any
) -> None:
    check_fee_within(fee, inst.gross, "gross")


def _check_quote_gross(_inst: object, _attribute: attrs.Attribute[Any], v: Any) -> None:
    if not isinstance(v, Money) or v.amount < 0:
        raise InvalidValue("gross", v, "must be non-negative Money")


@frozen
class FeeQuote:
    """The fee on one payment, and the rule that set it.

    Attributes:
        gross: What the payer pays.
        fee: What the platform keeps: ``0 ≤ fee ≤ gross``.
        policy: The name of the policy that quoted.
        rule: The name of the rule that applied.
        rate: The percentage rate of that rule (a Decimal fraction).
        adjustment: Whether a minimum, a maximum or the gross changed the fee.
    """

    gross: Money = field(validator=_check_quote_gross)
    fee: Money = field(validator=_check_quote_fee)
    policy: str = field(kw_only=True, validator=non_empty_str)
    rule: str = field(kw_only=True, validator=non_empty_str)
    rate: Decimal = field(kw_only=True, validator=_check_rate)
    adjustment: FeeAdjustment = field(
        default=FeeAdjustment.NONE, kw_only=True, validator=enum_member(FeeAdjustment)
    )

    @property
    def net(self) -> Money:
        """What the payee receives: ``gross - fee``, exactly."""
        return self.gross - self.fee


class FeePolicy(Protocol):
    """Quotes the fee on a payment. Implement it to plug in any processor."""

    def quote(self, payment: Payment) -> FeeQuote:
        """The fee on *payment*'s gross and the rule that set it.

        Implementations keep ``0 ≤ fee ≤ gross`` (:class:`FeeQuote` checks it).
        """
        ...


def _gross_of(payment: object) -> Money:
    """The gross of *payment*, which must be a :class:`Payment`."""
    if not isinstance(payment, Payment):
        raise InvalidValue("payment", payment, "a fee is quoted on a Payment")
    return payment.gross


def _bounded(
    gross: Money,
    fee: Money,
    *,
    free: bool,
    minimum: tuple[Money, ...],
    maximum: tuple[Money, ...],
) -> tuple[Money, FeeAdjustment]:
    """Apply the minimum and maximum for the currency, then cap at the gross."""
    adjustment = FeeAdjustment.NONE
    if not free:
        low = _in_currency(minimum, gross.currency)
        high = _in_currency(maximum, gross.currency)
        if low is not None and fee < low:
            fee, adjustment = low, FeeAdjustment.MINIMUM
        if high is not None and fee > high:
            fee, adjustment = high, FeeAdjustment.MAXIMUM
    if fee > gross:
        fee, adjustment = gross, FeeAdjustment.CAPPED_AT_GROSS
    return fee, adjustment


# -- rules ----------------------------------------------------------------------


@frozen
class FeeRule:
    """A rate for the payments that match every given condition.

    An empty condition matches anything: ``FeeRule("p2p", Decimal(0),
    purposes=(PaymentPurpose.PERSON_TO_PERSON,))`` matches every
    person-to-person payment, whatever its method and payee.

    Attributes:
        name: Says why the rate applies; quoted in :attr:`FeeQuote.rule`.
        rate: A Decimal fraction between 0 and 1 (``Decimal("0.025")``).
        purposes: Purposes that match (empty: any).
        methods: Method kinds that match (empty: any).
        payees: Payee kinds that match (empty: any).
    """

    name: str = field(validator=non_empty_str)
    rate: Decimal = field(validator=_check_rate)
    purposes: tuple[PaymentPurpose, ...] = field(
        default=(), kw_only=True, validator=_enum_tuple(PaymentPurpose)
    )
    methods: tuple[MethodKind, ...] = field(
        default=(), kw_only=True, validator=_enum_tuple(MethodKind)
    )
    payees: tuple[PartyKind, ...] = field(
        default=(), kw_only=True, validator=_enum_tuple(PartyKind)
    )

    def matches(self, payment: Payment) -> bool:
        """True when *payment* meets every non-empty condition."""
        _gross_of(payment)
        return (
            (not self.purposes or payment.purpose in self.purposes)
            and (not self.methods or payment.method.kind in self.methods)
            and (not self.payees or payment.payee.kind in self.payees)
        )


@frozen
class PercentageFee:
    """A percentage of the gross, with rules by purpose, method and payee.

    The first rule that matches the payment sets the rate; when none does,
    :attr:`rate` applies. The fee is rounded to the currency's minor unit
    with :attr:`rounding`, then bounded.

    Attributes:
        rate: The rate when no rule matches (default 2.5 %).
        rounding: A :mod:`decimal` rounding mode (default half-up).
        rules: Rules tried in order.
        minimum: Minimum fee per currency (not applied to a 0 % rule).
        maximum: Maximum fee per currency.
        name: The policy's name, quoted in :attr:`FeeQuote.policy`.
        default_rule: The name quoted when no rule matches.
    """

    rate: Decimal = field(default=FACEBOOK_PAY_2019_RATE, validator=_check_rate)
    rounding: str = field(
        default=decimal.ROUND_HALF_UP, kw_only=True, validator=rounding_mode
    )
    rules: tuple[FeeRule, ...] = field(default=(), kw_only=True)
    minimum: tuple[Money, ...] = field(
        default=(), kw_only=True, validator=_check_per_currency
    )
    maximum: tuple[Money, ...] = field(
        default=(), kw_only=True, validator=_check_per_currency
    )
    name: str = field(default="percentage", kw_only=True, validator=non_empty_str)
    default_rule: str = field(
        default="default rate", kw_only=True, validator=non_empty_str
    )

    @rules.validator
    def _check_rules(self, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple) or not all(
            isinstance(r, FeeRule) for r in value
        ):
            raise InvalidValue("rules", value, "must be a tuple of FeeRule")

    def __attrs_post_init__(self) -> None:
        _check_bounds(self.minimum, self.maximum)

    def quote(self, payment: Payment) -> FeeQuote:
        """The fee on *payment*: its rule's rate times the gross, rounded."""
        gross = _gross_of(payment)
        rule, rate = self.default_rule, self.rate
        for candidate in self.rules:
            if candidate.matches(payment):
                rule, rate = candidate.name, candidate.rate
                break
        fee, adjustment = _bounded(
            gross,
            gross.multiply(rate, rounding=self.rounding),
            free=rate == 0,
            minimum=self.minimum,
            maximum=self.maximum,
        )
        return FeeQuote(
            gross, fee, policy=self.name, rule=rule, rate=rate, adjustment=adjustment
        )


@frozen
class FixedPlusPercentageFee:
    """A percentage of the gross plus a fixed amount per currency.

    The percentage part is rounded to the minor unit, then the fixed part is
    added, then the result is bounded.

    Attributes:
        rate: A Decimal fraction between 0 and 1.
        fixed: The fixed part, one Money per currency the policy accepts.
        rounding: A :mod:`decimal` rounding mode (default half-up).
        minimum: Minimum fee per currency.
        maximum: Maximum fee per currency.
        name: The policy's name, quoted in :attr:`FeeQuote.policy`.
    """

    rate: Decimal = field(validator=_check_rate)
    fixed: tuple[Money, ...] = field(validator=_check_per_currency)
    rounding: str = field(
        default=decimal.ROUND_HALF_UP, kw_only=True, validator=rounding_mode
    )
    minimum: tuple[Money, ...] = field(
        default=(), kw_only=True, validator=_check_per_currency
    )
    maximum: tuple[Money, ...] = field(
        default=(), kw_only=True, validator=_check_per_currency
    )
    name: str = field(
        default="fixed_plus_percentage", kw_only=True, validator=non_empty_str
    )

    def __attrs_post_init__(self) -> None:
        _check_bounds(self.minimum, self.maximum)

    def quote(self, payment: Payment) -> FeeQuote:
        """The fee on *payment*: rate × gross, rounded, plus the fixed part.

        Raises:
            PolicyError: The policy has no fixed part for the payment's
                currency.
        """
        gross = _gross_of(payment)
        fixed = _in_currency(self.fixed, gross.currency)
        if fixed is None:
            raise PolicyError(
                "fixed",
                gross.currency,
                f"{self.name} has no fixed fee in this currency",
            )
        raw = gross.multiply(self.rate, rounding=self.rounding) + fixed
        fee, adjustment = _bounded(
            gross,
            raw,
            free=self.rate == 0 and fixed.is_zero(),
            minimum=self.minimum,
            maximum=self.maximum,
        )
        rule = f"{_percent(self.rate)} + {fixed}"
        return FeeQuote(
            gross,
            fee,
            policy=self.name,
            rule=rule,
            rate=self.rate,
            adjustment=adjustment,
        )


@frozen
class FeeTier:
    """One tier of a :class:`TieredFee`: a rate for grosses up to a bound.

    Attributes:
        up_to: The largest gross of this tier (inclusive); ``None`` for the
            last, unbounded tier.
        rate: A Decimal fraction between 0 and 1.
    """

    up_to: Money | None = field(validator=attrs.validators.optional(instance_of(Money)))
    rate: Decimal = field(validator=_check_rate)


def _check_tiers(_inst: object, _attribute: attrs.Attribute[Any], tiers: Any) -> None:
    if not isinstance(tiers, tuple) or not tiers:
        raise InvalidValue("tiers", tiers, "must be a non-empty tuple of FeeTier")
    if not all(isinstance(tier, FeeTier) for tier in tiers):
        raise InvalidValue("tiers", tiers, "must be a non-empty tuple of FeeTier")
    bounds = [tier.up_to for tier in tiers[:-1]]
    if tiers[-1].up_to is not None or any(b is None for b in bounds):
        raise InvalidValue("tiers", tiers, "only the last tier is unbounded")
    currencies = {b.currency for b in bounds if b is not None}
    if len(currencies) > 1:
        raise InvalidValue("tiers", tiers, "all bounds share one currency")
    amounts = [b.amount for b in bounds if b is not None]
    if any(low >= high for low, high in itertools.pairwise(amounts)):
        raise InvalidValue("tiers", tiers, "bounds must increase")


@frozen
class TieredFee:
    """A rate chosen by the gross: the first tier whose bound it does not
    exceed sets the rate for the whole payment.

    Attributes:
        tiers: Tiers with increasing bounds in one currency; the last is
            unbounded.
        rounding: A :mod:`decimal` rounding mode (default half-up).
        minimum: Minimum fee per currency (not applied to a 0 % tier).
        maximum: Maximum fee per currency.
        name: The policy's name, quoted in :attr:`FeeQuote.policy`.
    """

    tiers: tuple[FeeTier, ...] = field(validator=_check_tiers)
    rounding: str = field(
        default=decimal.ROUND_HALF_UP, kw_only=True, validator=rounding_mode
    )
    minimum: tuple[Money, ...] = field(
        default=(), kw_only=True, validator=_check_per_currency
    )
    maximum: tuple[Money, ...] = field(
        default=(), kw_only=True, validator=_check_per_currency
    )
    name: str = field(default="tiered", kw_only=True, validator=non_empty_str)

    def __attrs_post_init__(self) -> None:
        _check_bounds(self.minimum, self.maximum)

    @property
    def currency(self) -> str | None:
        """The currency of the bounds (``None`` with a single, unbounded tier)."""
        first = self.tiers[0].up_to
        return None if first is None else first.currency

    def quote(self, payment: Payment) -> FeeQuote:
        """The fee on *payment* at its tier's rate, rounded.

        Raises:
            CurrencyMismatch: The payment is not in the tiers' currency.
        """
        gross = _gross_of(payment)
        if self.currency not in (None, gross.currency):
            raise CurrencyMismatch(
                "gross", gross.currency, f"{self.name} is tiered in {self.currency}"
            )
        index, tier = next(
            (index, tier)
            for index, tier in enumerate(self.tiers, start=1)
            if tier.up_to is None or gross <= tier.up_to
        )
        bound = "and above" if tier.up_to is None else f"up to {tier.up_to}"
        fee, adjustment = _bounded(
            gross,
            gross.multiply(tier.rate, rounding=self.rounding),
            free=tier.rate == 0,
            minimum=self.minimum,
            maximum=self.maximum,
        )
        return FeeQuote(
            gross,
            fee,
            policy=self.name,
            rule=f"tier {index} ({bound}): {_percent(tier.rate)}",
            rate=tier.rate,
            adjustment=adjustment,
        )


FACEBOOK_PAY_2019: Final = PercentageFee(
    Decimal(0),
    rules=(
        FeeRule(
            "person-to-person is free",
            Decimal(0),
            purposes=(PaymentPurpose.PERSON_TO_PERSON,),
        ),
        FeeRule(
            "business card or bank payment",
            FACEBOOK_PAY_2019_RATE,
            methods=(MethodKind.CARD, MethodKind.BANK),
            payees=(PartyKind.PAGE,),
        ),
    ),
    name="facebook_pay_2019",
    default_rule="no fee named by the 2019 rule",
)
"""The Facebook Pay fee as launched in the United States in November 2019.

"Facebook will collect these bank transfers and credit card payments with a
2.5% fee." ("Introducing & Setting Up Facebook Pay", November 2019). Rules,
in order:

1. *person-to-person is free*: 0 % on every person-to-person payment;
2. *business card or bank payment*: 2.5 % on card and bank payments a
   page receives;
3. otherwise (PayPal, or a person paid for something other than
   person-to-person): 0 %, since the rule names no fee for them.

Rounding is half-up to the currency's minor unit; there is no minimum or
maximum fee. The preset is a frozen value: ``attrs.evolve(FACEBOOK_PAY_2019,
rounding=...)`` makes a variant.
"""
