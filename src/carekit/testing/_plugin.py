"""Hypothesis entry point: registers carekit strategies for ``st.from_type``.

Hypothesis calls :func:`_register_strategies` while ``import hypothesis`` runs,
through the ``hypothesis`` entry-point group declared in ``pyproject.toml``.
At that moment the strategies package may itself be half-imported (a test file
whose first line is ``from carekit.testing import strategies`` starts loading
it, which imports Hypothesis, which calls this hook). So the hook registers a
resolver function per model and imports the strategies only when
``st.from_type`` first asks for one.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from carekit.testing._models import public_models


def _resolve(cls: type[Any]) -> st.SearchStrategy[Any]:
    """The registered strategy for *cls*, or ``NotImplemented`` (Hypothesis
    then infers one) when carekit ships none."""
    from carekit.testing import strategies

    return strategies.by_type().get(cls, NotImplemented)


def _register_strategies() -> None:
    for cls in public_models():
        st.register_type_strategy(cls, _resolve)
