"""Documentation that runs: every ``python`` block in README.md and docs/, and
every doctest in the package, executes without error."""

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import carekit

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(carekit.__path__, prefix="carekit.")
    if not info.name.startswith("carekit.testing")
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_blocks_in_docs_run(page: Path) -> None:
    namespace: dict[str, object] = {}
    for block in BLOCK.findall(page.read_text()):
        exec(compile(block, str(page), "exec"), namespace)


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests_pass(name: str) -> None:
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert 0 == failed
