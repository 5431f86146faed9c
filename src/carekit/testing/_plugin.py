"""Hypothesis entry point: registers carekit strategies for ``st.from_type``.

Hypothesis calls :func:`_register_strategies` at import time through the
``hypothesis`` entry-point group declared in ``pyproject.toml``.
"""

from __future__ import annotations


def _register_strategies() -> None:
    from hypothesis import strategies as st

    from carekit.testing import strategies

    for cls, strategy in strategies.by_type().items():
        st.register_type_strategy(cls, strategy)
