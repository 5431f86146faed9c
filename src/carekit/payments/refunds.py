"""What happens to the fee when a payment is refunded.

Payments can be refunded in full or in part. Facebook Pay's launch
announcement (November 2019) does not say what happens to the fee then, so
carekit states the rule as a policy (:class:`RefundFeePolicy`; a class of your
own with no carekit base works wherever one is taken) with two
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
from typing import Protocol

from attrs import field, frozen

from carekit._decimal import rounding_mode
from carekit.errors import CurrencyMismatch, InvalidValue
from carekit.money import Money
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


def check_refund_amounts(
    *, fee: object, gross: object, refunded_before: object, refund: object
) -> None:
    """Raise unless the arguments of :meth:`RefundFeePolicy.fee_returned`
    make sense together: all Money in one currency, ``gross > 0``,
    ``0 ≤ fee ≤ gross``, refunds not negative and together not above the
    gross. Every carekit refund-fee policy checks its arguments with it.

    Raises:
        InvalidValue: An argument is not Money or breaks a rule above; names
            the argument.
        CurrencyMismatch: The amounts are not all in one currency.
    """
    base = _money("gross", gross, None)
    fee_paid = _money("fee", fee, base)
    before = _money("refunded_before", refunded_before, base)
    now = _money("refund", refund, base)
    if base.amount <= 0:
        raise InvalidValue("gross", str(base), "must be positive")
    if not 0 <= fee_paid.amount <= base.amount:
        raise InvalidValue("fee", str(fee_paid), f"0 ≤ fee ≤ gross ({base})")
    for name, value in (("refunded_before", before), ("refund", now)):
        if value.amount < 0:
            raise InvalidValue(name, str(value), "refunds are not negative")
    if before.minor + now.minor > base.minor:
        raise InvalidValue("refund", str(now), f"refunds exceed the gross {base}")


def _money(name: str, value: object, base: Money | None) -> Money:
    if not isinstance(value, Money):
        raise InvalidValue(name, value, "must be Money")
    if base is not None and value.currency != base.currency:
        raise CurrencyMismatch(
            name,
            value.currency,
            f"refund amounts are all in the gross's currency ({base.currency})",
        )
    return value


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

    rounding: str = field(default=decimal.ROUND_HALF_UP, validator=rounding_mode)

    def _returned_after(self, fee: int, gross: int, refunded: int) -> int:
        return round_fraction(Fraction(fee * refunded, gross), self.rounding)

    def fee_returned(
        self, *, fee: Money, gross: Money, refunded_before: Money, refund: Money
    ) -> Money:
        """The increase in the pro-rata share of the fee this refund causes.

        Raises:
            CurrencyMismatch: The amounts are not all in one currency.
            InvalidValue: An argument is not Money, the gross is not
                positive, the fee is negative or above the gross, a refund is
                negative, or the refunds exceed the gross.
        """
        check_refund_amounts(
            fee=fee, gross=gross, refunded_before=refunded_before, refund=refund
        )
        # Exact integer arithmetic in minor units: no Decimal division.
        total, before, now = gross.minor, refunded_before.minor, refund.minor
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
            InvalidValue: The amounts break a rule of
                :func:`check_refund_amounts`.
        """
        check_refund_amounts(
            fee=fee, gross=gross, refunded_before=refunded_before, refund=refund
        )
        return Money.zero(fee.currency)
