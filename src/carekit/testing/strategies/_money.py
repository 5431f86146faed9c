"""Strategies for money: currencies, amounts, allocation ratios and rounding
modes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from carekit.money import CURRENCIES, ROUNDING_MODES, Money

__all__ = [
    "currencies",
    "monies",
    "ratios",
    "rounding_modes",
    "strategies_by_type",
]


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes carekit knows, shrinking to USD."""
    codes = sorted(CURRENCIES, key=lambda code: (code != "USD", code))
    return st.sampled_from(codes)


def monies(
    *,
    codes: st.SearchStrategy[str] | None = None,
    min_value: int = -(10**12),
    max_value: int = 10**12,
) -> st.SearchStrategy[Money]:
    """Money values, shrinking to zero USD.

    Args:
        codes: Strategy for the currency; default :func:`currencies`.
        min_value: Lower bound in minor units (cents for USD).
        max_value: Upper bound in minor units.
    """
    return st.builds(
        Money.from_minor,
        st.integers(min_value=min_value, max_value=max_value),
        codes if codes is not None else currencies(),
    )


def ratios(*, max_size: int = 8) -> st.SearchStrategy[list[Decimal]]:
    """Non-empty lists of up to *max_size* non-negative Decimal ratios with a
    positive sum."""
    weights = st.decimals(
        min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=4
    )
    return st.lists(weights, min_size=1, max_size=max_size).filter(
        lambda ws: sum(ws) > 0
    )


def rounding_modes() -> st.SearchStrategy[str]:
    """:mod:`decimal` rounding modes carekit accepts, shrinking to half-up."""
    modes = sorted(ROUNDING_MODES, key=lambda mode: (mode != "ROUND_HALF_UP", mode))
    return st.sampled_from(modes)


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each money model."""
    return {Money: monies()}
