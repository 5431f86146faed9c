"""carekit's own decimal context, and the exact helpers that run in it.

Every sum, product and quantization of money inside carekit runs here, never
in the caller's thread context: a caller's ``decimal.localcontext()`` with a
low precision, another rounding mode or the ``Inexact`` trap set changes
nothing carekit computes.

>>> import decimal
>>> with decimal.localcontext() as caller:
...     caller.prec = 4
...     exact_sum([Decimal("1234.56"), Decimal("0.01")], "entries")
Decimal('1234.57')
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

import attrs

from carekit._validate import field_name
from carekit.errors import InvalidValue

__all__ = [
    "CONTEXT",
    "MAX_DIGITS",
    "ROUNDING_MODES",
    "check_rounding",
    "exact_product",
    "exact_sum",
    "parse_decimal",
    "quantum",
    "rounding_mode",
]

#: The most digits an amount may have at its currency's minor unit (26
#: integer digits of USD).
MAX_DIGITS: Final = 28

#: The context of every money computation: two more digits than any amount
#: holds, so sums and rounded products stay exact until Money refuses them as
#: too large. Invalid operations, division by zero and overflow raise.
CONTEXT: Final = decimal.Context(
    prec=MAX_DIGITS + 2,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)

# CONTEXT with Inexact trapped: for the computations that must never round.
_EXACT = CONTEXT.copy()
_EXACT.traps[decimal.Inexact] = True

#: The rounding modes of :mod:`decimal` that carekit accepts by name.
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

# "-?digits(.digits)?" in ASCII, nothing else: no sign "+", no spaces, no
# "_" separators, no exponent, no other script's digits.
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def quantum(places: int) -> Decimal:
    """``Decimal("1e-<places>")``: the minor unit of a currency with *places*
    decimals."""
    return Decimal((0, (1,), -places))


def exact_sum(values: Iterable[Decimal], field: str) -> Decimal:
    """The exact sum of *values*, computed in :data:`CONTEXT`.

    Raises:
        InvalidValue: The sum has more digits than carekit's context holds
            (it would have been rounded); names *field*.
    """
    total = Decimal(0)
    try:
        for value in values:
            total = _EXACT.add(total, value)
    except decimal.Inexact:
        raise InvalidValue(
            field, "<sum>", f"the total is too large: more than {MAX_DIGITS} digits"
        ) from None
    return total


def exact_product(a: Decimal, b: Decimal) -> Decimal:
    """``a * b`` without rounding: the product never has more digits than its
    factors together."""
    context = _EXACT.copy()
    context.prec = len(a.as_tuple().digits) + len(b.as_tuple().digits)
    return context.multiply(a, b)


def check_rounding(value: object, field: str = "rounding") -> str:
    """Return *value* if it is a rounding mode carekit accepts, else raise.

    Raises:
        InvalidValue: *value* is not one of :data:`ROUNDING_MODES` (an
            unhashable value included); names *field*.
    """
    if type(value) is not str or value not in ROUNDING_MODES:
        raise InvalidValue(field, value, f"must be one of {sorted(ROUNDING_MODES)}")
    return value


def rounding_mode(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: the field holds one of :data:`ROUNDING_MODES`."""
    check_rounding(value, field_name(attribute))


def parse_decimal(text: str, field: str) -> Decimal:
    """A decimal string, strictly: ``-?digits(.digits)?`` in ASCII.

    >>> parse_decimal("-2.50", "amount")
    Decimal('-2.50')

    Raises:
        InvalidValue: *text* has anything else (``"1_000"``, ``" 1"``,
            ``"+1"``, ``"1e3"``, ``"١"``); names *field*.
    """
    if _DECIMAL_TEXT.fullmatch(text) is None:
        raise InvalidValue(
            field, text, "not a decimal string: write -?digits(.digits)? in ASCII"
        )
    return Decimal(text)
