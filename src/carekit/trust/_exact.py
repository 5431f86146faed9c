"""Exact figures for the trust checks: Decimal settings read as fractions,
and fractions reported as Decimals rounded down, whatever the caller's
:mod:`decimal` context.

>>> from fractions import Fraction
>>> floor_decimal(Fraction(2, 3))
Decimal('0.666666')
>>> floor_decimal(Fraction(-2, 3))
Decimal('-0.666667')
>>> floor_decimal(Fraction(23, 2))
Decimal('11.5')
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from carekit.errors import InvalidValue

__all__ = ["PLACES", "check_decimal", "floor_decimal"]

#: Decimal places of the figures a flag reports (rounded down).
PLACES = 6


def floor_decimal(value: Fraction, places: int = PLACES) -> Decimal:
    """*value* rounded down to *places* decimals, without trailing zeros;
    exact when it fits.

    Built from a string, so no :mod:`decimal` context rounds it again.
    """
    units, exponent = math.floor(value * 10**places), -places
    while exponent < 0 and units % 10 == 0:
        units, exponent = units // 10, exponent + 1
    return Decimal(f"{units}E{exponent}")


def check_decimal(value: object, field: str, *, positive: bool = True) -> Fraction:
    """*value* as an exact fraction, if it is a finite Decimal above zero
    (or at least zero when *positive* is false).

    Raises:
        InvalidValue: *value* is a float, an int, not finite, or out of range;
            names *field*.
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidValue(
            field, value, "must be a finite Decimal (floats are refused)"
        )
    exact = Fraction(value)
    if exact < 0 or (positive and exact == 0):
        rule = "must be above zero" if positive else "must not be negative"
        raise InvalidValue(field, value, rule)
    return exact
