"""What happens to the fee when a payment is refunded.

Rule (SPEC §7): "Refunds (full, partial) with a stated fee rule". The seed
does not say, so carekit makes it a policy (:class:`RefundFeePolicy`) with two
implementations:

- :class:`ProRataFeeReturn` (the default): the payee gets back the share of
  the fee that matches the share of the gross refunded. Shares are rounded
  cumulatively, so the fee returned over several partial refunds never
  exceeds the fee, and a payment refunded in full gets its whole fee back.
- :class:`FeeKept`: the fee is kept whatever is refunded.
"""

from __future__ import annotations

import decimal
from fractions import Fraction
from typing import Any, Protocol

import attrs
from attrs import field, frozen

from carekit.errors import CurrencyMismatch, InvalidValue
from carekit.money import ROUNDING_MODES, Money
from carekit.payments._rounding import round_fraction

__all__ = ["FeeKept", "ProRataFeeReturn", "RefundFeePolicy"]


class RefundFeePolicy(Protocol):
    """Says how much of a payment's fee goes back to the payee on a refund."""

    def fee_returned(
        self, *, fee: Money, gross: Money, refunded_before: Money, refund: Money
    ) -> Money:
        """The part of *fee* returned with *refund*.

        Args:
            fee: The fee charged on the payment.
            gross: The payment's gross.
            refunded_before: What earlier refunds of the payment gave back.
            refund: This refund's amount.

        Returns:
            Money between zero and what is left of the fee.
        """
        ...


def _check_same_currency(*amounts: Money) -> None:
    currency = amounts[0].currency
    for amount in amounts:
        if amount.currency != currency:
            raise CurrencyMismatch(
                "currency", amount.currency, f"refund amounts are all in {currency}"
            )


def _check_rounding(
    _inst: object, _attribute: attrs.Attribute[Any], value: Any
) -> None:
    if value not in ROUNDING_MODES:
        raise InvalidValue(
            "rounding", value, f"must be one of {sorted(ROUNDING_MODES)}"
        )


@frozen
class ProRataFeeReturn:
    """The fee is returned in proportion to the amount refunded.

    After refunds totalling ``r`` of a gross ``g``, the fee returned in all is
    ``fee × r / g`` rounded to the minor unit with :attr:`rounding`; each
    refund returns the increase of that total. A full refund returns the
    whole fee.

    Attributes:
        rounding: A :mod:`decimal` rounding mode (default half-up).
    """

    rounding: str = field(default=decimal.ROUND_HALF_UP, validator=_check_rounding)

    def _returned_after(self, fee: int, gross: int, refunded: int) -> int:
        return round_fraction(Fraction(fee * refunded, gross), self.rounding)

    def fee_returned(
        self, *, fee: Money, gross: Money, refunded_before: Money, refund: Money
    ) -> Money:
        """The increase in the pro-rata share of the fee this refund causes.

        Raises:
            CurrencyMismatch: The amounts are not all in one currency.
            InvalidValue: The gross is not positive, a refund is negative, or
                the refunds exceed the gross.
        """
        _check_same_currency(fee, gross, refunded_before, refund)
        # Exact integer arithmetic in minor units: no Decimal division.
        total, before, now = gross.minor, refunded_before.minor, refund.minor
        if total <= 0 or before < 0 or now < 0:
            raise InvalidValue("refund", str(refund), "refunds are positive")
        if before + now > total:
            raise InvalidValue(
                "refund", str(refund), f"refunds exceed the gross {gross}"
            )
        units = self._returned_after(fee.minor, total, before + now)
        units -= self._returned_after(fee.minor, total, before)
        return Money.from_minor(units, fee.currency)


@frozen
class FeeKept:
    """The fee is kept whatever is refunded: refunds return nothing of it."""

    def fee_returned(
        self, *, fee: Money, gross: Money, refunded_before: Money, refund: Money
    ) -> Money:
        """Always zero.

        Raises:
            CurrencyMismatch: The amounts are not all in one currency.
        """
        _check_same_currency(fee, gross, refunded_before, refund)
        return Money.zero(fee.currency)
