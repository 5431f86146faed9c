"""The property-test kit imports in any order.

"``python -c "from carekit.testing import strategies"`` raises
``AttributeError: partially initialized module``": importing Hypothesis loads
carekit's entry point, which must not import the half-loaded strategies. Each
check runs in a fresh interpreter, because this test session has imported
Hypothesis (``conftest.py``) and the strategies long before.
"""

import subprocess
import sys

import pytest


def _run(code: str) -> str:
    """Run *code* in a fresh interpreter; return its stdout, failing on error."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert (0, "") == (done.returncode, done.stderr)
    return done.stdout.strip()


def test_strategies_import_on_the_first_line() -> None:
    """``from carekit.testing import strategies`` in a fresh interpreter."""
    assert "0.00 USD" == _run(
        "from carekit.testing import strategies\n"
        "from hypothesis import find\n"
        "print(find(strategies.monies(), lambda _: True))"
    )


def test_strategies_import_after_hypothesis() -> None:
    """``import hypothesis`` first, then the strategies."""
    assert "0.00 USD" == _run(
        "import hypothesis\n"
        "from carekit.testing import strategies\n"
        "print(hypothesis.find(strategies.monies(), lambda _: True))"
    )


def test_importing_hypothesis_does_not_import_the_strategies() -> None:
    """The entry point registers resolvers and leaves the strategies unloaded."""
    assert "False" == _run(
        "import sys, hypothesis\nprint('carekit.testing.strategies' in sys.modules)"
    )


@pytest.mark.parametrize(
    "first", ["", "import hypothesis\n", "import carekit.testing.strategies\n"]
)
def test_from_type_finds_the_shipped_strategy_in_any_order(first: str) -> None:
    """``st.from_type(Money)`` uses carekit's strategy (shrinking to zero USD),
    whether or not the strategies were imported first."""
    assert "0.00 USD" == _run(
        first + "from hypothesis import find, strategies as st\n"
        "from carekit.money import Money\n"
        "print(find(st.from_type(Money), lambda _: True))"
    )
