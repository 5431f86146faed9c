"""Exact money: a Decimal amount in an ISO 4217 currency.

Rules (SPEC §0, "Money is Decimal"):

- ``Money(amount: Decimal, currency: str)`` with ISO 4217 minor units
  (JPY 0, USD 2, KWD 3).
- Floats are refused. Amounts with more decimals than the currency allows are
  refused, not rounded. Unknown currency codes are refused.
- Arithmetic and comparison across currencies raise.
- Splitting never loses or invents a minor unit.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs
from attrs import field, frozen

from carekit.errors import CurrencyMismatch, InvalidValue

__all__ = [
    "CURRENCIES",
    "ROUNDING_MODES",
    "Money",
    "minor_units",
]

CURRENCIES: Final[dict[str, int]] = {
    "AED": 2, "ARS": 2, "AUD": 2, "BHD": 3, "BRL": 2, "CAD": 2, "CHF": 2,
    "CLP": 0, "CNY": 2, "COP": 2, "CZK": 2, "DKK": 2, "EGP": 2, "EUR": 2,
    "GBP": 2, "HKD": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "ISK": 0,
    "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3, "MXN": 2, "MYR": 2, "NGN": 2,
    "NOK": 2, "NZD": 2, "OMR": 3, "PHP": 2, "PKR": 2, "PLN": 2, "QAR": 2,
    "RON": 2, "SAR": 2, "SEK": 2, "SGD": 2, "THB": 2, "TND": 3, "TRY": 2,
    "TWD": 2, "UAH": 2, "USD": 2, "VND": 0, "ZAR": 2,
}  # fmt: skip
"""ISO 4217 codes carekit knows, with the number of decimals of their minor unit."""

ROUNDING_MODES: Final[frozenset[str]] = frozenset(
    {
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_UP,
        decimal.ROUND_DOWN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
    }
)
"""The rounding modes of :mod:`decimal` that carekit accepts by name."""

# The most digits an amount may have at its currency's minor unit (26 integer
# digits of USD): the range the default decimal context kept exact.
_MAX_DIGITS = 28
# All Money arithmetic runs in this context, never in the caller's thread
# context (whose precision or traps would change results). Two more digits
# than any amount holds: sums and rounded products stay exact until the
# constructor refuses them.
_CONTEXT = decimal.Context(
    prec=_MAX_DIGITS + 2,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


def _quantum(places: int) -> Decimal:
    return Decimal((0, (1,), -places))


def _too_large(value: Decimal, places: int) -> bool:
    """True when *value* needs more than the allowed digits at *places*."""
    return bool(value) and value.adjusted() + 1 + places > _MAX_DIGITS


def minor_units(currency: str) -> int:
    """Number of decimals of *currency*'s minor unit (USD 2, JPY 0, KWD 3).

    Raises:
        InvalidValue: *currency* is not an ISO 4217 code carekit knows.
    """
    try:
        return CURRENCIES[currency]
    except (KeyError, TypeError):
        raise InvalidValue(
            "currency", currency, "unknown ISO 4217 currency code"
        ) from None


def _check_currency(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    minor_units(value)


def _check_amount(inst: Money, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, float):
        raise InvalidValue("amount", value, "floats are refused; use Decimal")
    if not isinstance(value, Decimal):
        raise InvalidValue("amount", value, "must be a Decimal")
    if not value.is_finite():
        raise InvalidValue("amount", value, "must be a finite Decimal")
    places = minor_units(inst.currency)
    if _too_large(value, places):
        raise InvalidValue(
            "amount",
            value,
            f"too large: at most {_MAX_DIGITS} digits at the {inst.currency} "
            "minor unit",
        )
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked above
    if exponent < -places and value != _CONTEXT.quantize(value, _quantum(places)):
        raise InvalidValue(
            "amount",
            value,
            f"{inst.currency} allows at most {places} decimals; "
            "carekit refuses rather than rounds",
        )


def _check_rounding(rounding: str) -> str:
    if not isinstance(rounding, str) or rounding not in ROUNDING_MODES:
        raise InvalidValue(
            "rounding", rounding, f"must be one of {sorted(ROUNDING_MODES)}"
        )
    return rounding


@frozen(order=False)
class Money:
    """An exact amount of one currency.

    The amount is stored quantized to the currency's minor unit, so
    ``Money(Decimal("10"), "USD")`` and ``Money(Decimal("10.00"), "USD")`` are
    the same value and both print as ``10.00 USD``. Negative amounts are allowed
    (differences, reversals); models that need a positive amount check it.

    Arithmetic is exact and independent of the caller's :mod:`decimal`
    context; an amount holds at most 28 digits at its minor unit.

    Raises:
        InvalidValue: The amount is a float, not finite, too large, or has
            more decimals than the currency allows; the currency is unknown.
    """

    amount: Decimal = field(validator=_check_amount)
    currency: str = field(validator=_check_currency)

    def __attrs_post_init__(self) -> None:
        quantum = _quantum(minor_units(self.currency))
        amount = _CONTEXT.quantize(self.amount, quantum)
        # -0.00 is 0.00: equal amounts print and serialize alike.
        object.__setattr__(self, "amount", amount if amount else amount.copy_abs())

    # -- named constructors -------------------------------------------------

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str) -> Money:
        """Build from a decimal string, an int or a Decimal.

        ``Money.of("9.99", "USD")`` is ``Money(Decimal("9.99"), "USD")``.

        Raises:
            InvalidValue: *amount* is a float or not a decimal number.
        """
        if isinstance(amount, float):
            raise InvalidValue("amount", amount, "floats are refused; use Decimal")
        if not isinstance(amount, str | int | Decimal) or isinstance(amount, bool):
            raise InvalidValue("amount", amount, "must be a str, int or Decimal")
        try:
            value = Decimal(amount)
        except (decimal.InvalidOperation, TypeError, ValueError):
            raise InvalidValue("amount", amount, "not a decimal number") from None
        return cls(value, currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Zero in *currency*."""
        return cls(Decimal(0), currency)

    @classmethod
    def from_minor(cls, units: int, currency: str) -> Money:
        """Build from an integer count of minor units: ``from_minor(250, "USD")``."""
        if not isinstance(units, int) or isinstance(units, bool):
            raise InvalidValue("units", units, "must be an int")
        places = minor_units(currency)
        if abs(units) >= 10**_MAX_DIGITS:
            raise InvalidValue(
                "units", units, f"too large: at most {_MAX_DIGITS} digits"
            )
        return cls(Decimal(units).scaleb(-places, _CONTEXT), currency)

    # -- views --------------------------------------------------------------

    @property
    def minor(self) -> int:
        """The amount as an integer count of minor units (cents, fils, yen)."""
        return int(self.amount.scaleb(minor_units(self.currency), _CONTEXT))

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def is_zero(self) -> bool:
        """True for an amount of zero."""
        return self.amount == 0

    # -- arithmetic ---------------------------------------------------------

    def _same(self, other: object, operation: str) -> Money:
        if not isinstance(other, Money):
            raise InvalidValue("other", other, f"can only {operation} Money")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                "currency",
                other.currency,
                f"cannot {operation} {other.currency} and {self.currency}",
            )
        return other

    def __add__(self, other: Money) -> Money:
        total = _CONTEXT.add(self.amount, self._same(other, "add").amount)
        return Money(total, self.currency)

    def __sub__(self, other: Money) -> Money:
        rest = _CONTEXT.subtract(self.amount, self._same(other, "subtract").amount)
        return Money(rest, self.currency)

    def __neg__(self) -> Money:
        return Money(_CONTEXT.minus(self.amount), self.currency)

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other, "compare").amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other, "compare").amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other, "compare").amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other, "compare").amount

    def multiply(
        self, factor: Decimal | int, *, rounding: str = decimal.ROUND_HALF_UP
    ) -> Money:
        """Multiply by *factor* and round to the minor unit with *rounding*.

        Args:
            factor: A Decimal or int; floats are refused.
            rounding: A :mod:`decimal` rounding mode (default half-up).

        Raises:
            InvalidValue: *factor* is a float or not finite, the product is too
                large for Money, or *rounding* is unknown.
        """
        if isinstance(factor, float | bool) or not isinstance(factor, Decimal | int):
            raise InvalidValue("factor", factor, "must be a Decimal or int")
        rate = Decimal(factor)
        if not rate.is_finite():
            raise InvalidValue("factor", factor, "must be finite")
        exact = _exact_product(self.amount, rate)
        places = minor_units(self.currency)
        if _too_large(exact, places):
            raise InvalidValue("factor", factor, "the product is too large for Money")
        rounded = exact.quantize(
            _quantum(places), rounding=_check_rounding(rounding), context=_CONTEXT
        )
        return Money(rounded, self.currency)

    def allocate(self, ratios: Sequence[Decimal | int]) -> tuple[Money, ...]:
        """Split into parts proportional to *ratios*, losing no minor unit.

        Largest-remainder method: each part gets the floor of its exact share in
        minor units; the units left over go one each to the parts with the
        largest remainders (ties to the earlier part). The parts always sum to
        exactly this amount.

        Args:
            ratios: Non-negative Decimals or ints, at least one positive.

        Raises:
            InvalidValue: *ratios* is empty, has a float or negative entry, or
                sums to zero.
        """
        weights = [Fraction(w) for w in _check_ratios(ratios)]
        total = sum(weights)
        units = self.minor
        sign = -1 if units < 0 else 1
        whole = abs(units)
        parts: list[int] = []
        remainders: list[tuple[Fraction, int]] = []
        for index, weight in enumerate(weights):
            share = whole * weight / total  # exact: Fractions never round
            parts.append(math.floor(share))
            remainders.append((share - parts[-1], -index))
        left = whole - sum(parts)
        for _, negative_index in sorted(remainders, reverse=True)[:left]:
            parts[-negative_index] += 1
        return tuple(Money.from_minor(sign * p, self.currency) for p in parts)

    def split(self, count: int) -> tuple[Money, ...]:
        """Split into *count* near-equal parts (earlier parts get the extra units)."""
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise InvalidValue("count", count, "must be a positive int")
        return self.allocate([1] * count)


def _exact_product(a: Decimal, b: Decimal) -> Decimal:
    """``a * b`` without rounding: the product never has more digits than its
    factors together."""
    context = _CONTEXT.copy()
    context.prec = len(a.as_tuple().digits) + len(b.as_tuple().digits)
    context.traps[decimal.Inexact] = True
    return context.multiply(a, b)


def _check_ratios(ratios: Sequence[Decimal | int]) -> list[Decimal]:
    if (
        isinstance(ratios, str | bytes)
        or not isinstance(ratios, Sequence)
        or not ratios
    ):
        raise InvalidValue("ratios", ratios, "must be a non-empty sequence")
    weights: list[Decimal] = []
    for index, ratio in enumerate(ratios):
        if isinstance(ratio, float | bool) or not isinstance(ratio, Decimal | int):
            raise InvalidValue(f"ratios[{index}]", ratio, "must be a Decimal or int")
        weight = Decimal(ratio)
        if not weight.is_finite() or weight < 0:
            raise InvalidValue(
                f"ratios[{index}]", ratio, "must be finite and non-negative"
            )
        weights.append(weight)
    if sum(weights) == 0:
        raise InvalidValue("ratios", ratios, "at least one ratio must be positive")
    return weights
