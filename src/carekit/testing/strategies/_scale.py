"""Strategies for scale-out: the responsiveness combiner (the one combiner
that is a model), and generic combiners over quantile sketches."""

from __future__ import annotations

from functools import partial
from typing import Any

from hypothesis import strategies as st

from carekit.scale import (
    MethodCombiner,
    QuantileSketch,
    ResponseCombiner,
    SketchedResponseCombiner,
)

from ._responsiveness import away_periods, response_policies

__all__ = [
    "method_combiners",
    "response_combiners",
    "sketched_response_combiners",
    "strategies_by_type",
]


def response_combiners(
    *, policies: st.SearchStrategy[Any] | None = None
) -> st.SearchStrategy[ResponseCombiner]:
    """Responsiveness combiners with drawn policies and away periods (and
    sometimes ``since``/``until``), shrinking to ``ResponseCombiner()``.

    Args:
        policies: Strategy for the response policy; default
            :func:`response_policies`.
    """
    bounds = st.none() | st.integers(946_684_800, 946_684_800 + 7 * 86_400).map(float)
    return st.builds(
        ResponseCombiner,
        policies if policies is not None else response_policies(),
        away_periods(),
        since=bounds,
        until=bounds,
    )


def method_combiners() -> st.SearchStrategy[MethodCombiner[QuantileSketch]]:
    """Generic combiners over quantile sketches of a drawn relative accuracy
    (0.1 % to 5 %), shrinking to the default 1 %."""
    accuracies = st.sampled_from((0.01, 0.001, 0.02, 0.05))
    return accuracies.map(
        lambda alpha: MethodCombiner(partial(QuantileSketch, relative_accuracy=alpha))
    )


def sketched_response_combiners() -> st.SearchStrategy[SketchedResponseCombiner]:
    """Approximate responsiveness combiners: drawn settings and a relative
    accuracy from 0.1 % to 5 %, shrinking to the defaults (1 %)."""
    return st.builds(
        SketchedResponseCombiner,
        response_combiners(),
        relative_accuracy=st.sampled_from((0.01, 0.001, 0.02, 0.05)),
    )


def strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    """The default strategy for each scale-out model."""
    return {
        ResponseCombiner: response_combiners(),
        SketchedResponseCombiner: sketched_response_combiners(),
    }
