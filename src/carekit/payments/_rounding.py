"""Exact rounding of fractions, for shares of a fee (no Decimal division)."""

from __future__ import annotations

import decimal
import math
from fractions import Fraction

from carekit._decimal import check_rounding

__all__ = ["round_fraction"]

_HALF = Fraction(1, 2)


def round_fraction(value: Fraction, rounding: str) -> int:
    """Round an exact fraction to an integer with a :mod:`decimal` mode.

    ``round_fraction(Fraction(5, 2), "ROUND_HALF_UP") == 3``; the result is
    the same as quantizing the exact Decimal, without ever building one.

    Raises:
        InvalidValue: *rounding* is not a mode carekit accepts.
    """
    check_rounding(rounding)
    low = math.floor(value)
    rest = value - low
    if rest == 0:
        return low
    away = low + 1 if value > 0 else low  # away from zero
    toward = low if value > 0 else low + 1  # toward zero
    match rounding:
        case decimal.ROUND_FLOOR:
            return low
        case decimal.ROUND_CEILING:
            return low + 1
        case decimal.ROUND_DOWN:
            return toward
        case decimal.ROUND_UP:
            return away
    if rest != _HALF:
        return low + 1 if rest > _HALF else low
    match rounding:
        case decimal.ROUND_HALF_UP:
            return away
        case decimal.ROUND_HALF_DOWN:
            return toward
        case _:  # ROUND_HALF_EVEN
            return low if low % 2 == 0 else low + 1
