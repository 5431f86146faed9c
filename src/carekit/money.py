"""Exact money: a Decimal amount in an ISO 4217 currency.

Rules:

- ``Money(amount: Decimal, currency: str)`` with ISO 4217 minor units
  (JPY 0, USD 2, KWD 3).
- Floats are refused. Amounts with more decimals than the currency allows are
  refused, not rounded. Unknown currency codes are refused.
- Arithmetic and comparison across currencies raise.
- Splitting never loses or invents a minor unit.
- Every result is the same whatever the caller's :mod:`decimal` context
  (precision, rounding, traps): carekit computes in its own.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

import attrs
from attrs import field, frozen

from carekit._decimal import CONTEXT as _CONTEXT
from carekit._decimal import MAX_DIGITS as _MAX_DIGITS
from carekit._decimal import ROUNDING_MODES as ROUNDING_MODES
from carekit._decimal import (
    check_rounding,
    exact_product,
    parse_decimal,
    quantum,
)
from carekit.errors import CurrencyMismatch, InvalidValue

__all__ = [
    "CURRENCIES",
    "MAX_RATIO_EXPONENT",
    "MAX_SPLIT_PARTS",
    "ROUNDING_MODES",
    "Money",
    "minor_units",
]

#: ISO 4217 codes carekit knows, with the number of decimals of their minor
#: unit. Read-only: a figure never depends on what some other code did to a
#: shared table.
CURRENCIES: Final[Mapping[str, int]] = MappingProxyType({
    "AED": 2, "ARS": 2, "AUD": 2, "BHD": 3, "BRL": 2, "CAD": 2, "CHF": 2,
    "CLP": 0, "CNY": 2, "COP": 2, "CZK": 2, "DKK": 2, "EGP": 2, "EUR": 2,
    "GBP": 2, "HKD": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "ISK": 0,
    "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3, "MXN": 2, "MYR": 2, "NGN": 2,
    "NOK": 2, "NZD": 2, "OMR": 3, "PHP": 2, "PKR": 2, "PLN": 2, "QAR": 2,
    "RON": 2, "SAR": 2, "SEK": 2, "SGD": 2, "THB": 2, "TND": 3, "TRY": 2,
    "TWD": 2, "UAH": 2, "USD": 2, "VND": 0, "ZAR": 2,
})  # fmt: skip

#: Ratios given to :meth:`Money.allocate` lie within ``10**±MAX_RATIO_EXPONENT``
#: (a ratio's digits run from ``1e-1000`` to ``1e1000``): the bound keeps the
#: exact arithmetic on them to microseconds.
MAX_RATIO_EXPONENT: Final = 1000

#: The most parts :meth:`Money.split` makes: the parts are built one by one,
#: so a count of ``10**12`` would exhaust memory rather than answer.
MAX_SPLIT_PARTS: Final = 1_000_000


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
    if exponent < -places and value != _CONTEXT.quantize(value, quantum(places)):
        raise InvalidValue(
            "amount",
            value,
            f"{inst.currency} allows at most {places} decimals; "
            "carekit refuses rather than rounds",
        )


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
        amount = _CONTEXT.quantize(self.amount, quantum(minor_units(self.currency)))
        # -0.00 is 0.00: equal amounts print and serialize alike.
        object.__setattr__(self, "amount", amount if amount else amount.copy_abs())

    # -- named constructors -------------------------------------------------

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str) -> Money:
        """Build from a decimal string, an int or a Decimal.

        ``Money.of("9.99", "USD")`` is ``Money(Decimal("9.99"), "USD")``. A
        string is read strictly: ``-?digits(.digits)?`` in ASCII, so
        ``"1_000"``, ``" 1"``, ``"+1"``, ``"1e3"`` and other scripts' digits
        are refused.

        Raises:
            InvalidValue: *amount* is a float, a bool, or not a decimal
                number; or the amount breaks a rule of :class:`Money`.
        """
        if isinstance(amount, float):
            raise InvalidValue("amount", amount, "floats are refused; use Decimal")
        if isinstance(amount, str):
            return cls(parse_decimal(amount, "amount"), currency)
        if isinstance(amount, int) and not isinstance(amount, bool):
            if abs(amount) >= 10**_MAX_DIGITS:  # before converting a huge int
                raise InvalidValue(
                    "amount", amount, f"too large: more than {_MAX_DIGITS} digits"
                )
            return cls(Decimal(amount), currency)
        if isinstance(amount, Decimal):
            return cls(amount, currency)
        raise InvalidValue("amount", amount, "must be a str, int or Decimal")

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
        exact = exact_product(self.amount, rate)
        places = minor_units(self.currency)
        if _too_large(exact, places):
            raise InvalidValue("factor", factor, "the product is too large for Money")
        rounded = exact.quantize(
            quantum(places), rounding=check_rounding(rounding), context=_CONTEXT
        )
        return Money(rounded, self.currency)

    def allocate(self, ratios: Sequence[Decimal | int]) -> tuple[Money, ...]:
        """Split into parts proportional to *ratios*, losing no minor unit.

        Largest-remainder method: each part gets the floor of its exact share in
        minor units; the units left over go one each to the parts with the
        largest remainders (ties to the earlier part). The parts always sum to
        exactly this amount.

        Args:
            ratios: Non-negative Decimals or ints, at least one positive, each
                zero or between ``1e-1000`` and ``1e1000``
                (:data:`MAX_RATIO_EXPONENT`).

        Raises:
            InvalidValue: *ratios* is empty, has a float, negative or
                out-of-range entry, or sums to zero.
        """
        weights = _integer_weights(_check_ratios(ratios))
        total = sum(weights)
        units = self.minor
        sign = -1 if units < 0 else 1
        whole = abs(units)
        parts: list[int] = []
        remainders: list[tuple[int, int]] = []
        for index, weight in enumerate(weights):
            # Exact: the share is whole * weight / total; integers never round.
            part, remainder = divmod(whole * weight, total)
            parts.append(part)
            remainders.append((remainder, -index))
        left = whole - sum(parts)
        for _, negative_index in sorted(remainders, reverse=True)[:left]:
            parts[-negative_index] += 1
        return tuple(Money.from_minor(sign * p, self.currency) for p in parts)

    def split(self, count: int) -> tuple[Money, ...]:
        """Split into *count* near-equal parts (earlier parts get the extra units).

        Raises:
            InvalidValue: *count* is not an int from 1 to
                :data:`MAX_SPLIT_PARTS` (a million).
        """
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise InvalidValue("count", count, "must be a positive int")
        if count > MAX_SPLIT_PARTS:
            raise InvalidValue("count", count, f"at most {MAX_SPLIT_PARTS:,} parts")
        return self.allocate([1] * count)


def _check_ratios(ratios: Sequence[Decimal | int]) -> list[Decimal]:
    if (
        isinstance(ratios, str | bytes)
        or not isinstance(ratios, Sequence)
        or not ratios
    ):
        raise InvalidValue("ratios", ratios, "must be a non-empty sequence")
    weights = [_check_ratio(ratio, f"ratios[{i}]") for i, ratio in enumerate(ratios)]
    if not any(weights):
        raise InvalidValue("ratios", ratios, "at least one ratio must be positive")
    return weights


def _check_ratio(ratio: object, field: str) -> Decimal:
    if isinstance(ratio, float | bool) or not isinstance(ratio, Decimal | int):
        raise InvalidValue(field, ratio, "must be a Decimal or int")
    if isinstance(ratio, int) and ratio.bit_length() > 4 * MAX_RATIO_EXPONENT:
        raise InvalidValue(field, ratio, _RATIO_RANGE)
    weight = Decimal(ratio)
    if not weight.is_finite() or weight < 0:
        raise InvalidValue(field, ratio, "must be finite and non-negative")
    if weight and (
        len(weight.as_tuple().digits) > 2 * MAX_RATIO_EXPONENT + 1
        or _lowest_exponent(weight) < -MAX_RATIO_EXPONENT
        or weight.adjusted() > MAX_RATIO_EXPONENT
    ):
        raise InvalidValue(field, ratio, _RATIO_RANGE)
    return weight


_RATIO_RANGE = (
    f"must be 0 or have its digits between 1e-{MAX_RATIO_EXPONENT} "
    f"and 1e{MAX_RATIO_EXPONENT}"
)


def _lowest_exponent(weight: Decimal) -> int:
    """The exponent of *weight*'s last non-zero digit (``1.50`` gives -1)."""
    _sign, digits, exponent = weight.as_tuple()
    assert isinstance(exponent, int)  # finite, checked by the caller
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return exponent + zeros


def _integer_weights(weights: list[Decimal]) -> list[int]:
    """*weights* as integers in one common unit, exactly (``0.5, 2`` gives
    ``5, 20``): sizes bounded by :data:`MAX_RATIO_EXPONENT`."""
    low = min(_lowest_exponent(weight) for weight in weights if weight)
    return [_in_unit(weight, low) if weight else 0 for weight in weights]


def _in_unit(weight: Decimal, low: int) -> int:
    """The non-zero *weight* as a whole number of ``10**low``."""
    _sign, digits, exponent = weight.as_tuple()
    assert isinstance(exponent, int)  # finite, checked
    coefficient = int("".join(map(str, digits)))
    shift = exponent - low  # negative only to drop trailing zeros
    if shift >= 0:
        return coefficient * int(10**shift)
    return coefficient // int(10**-shift)
