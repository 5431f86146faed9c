"""SPEC §0 principles that hold for the whole package: no I/O, and immutable
models."""

import ast
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import carekit
from carekit.testing import strategies

PACKAGE = Path(carekit.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))

#: Modules whose only purpose is I/O, the environment, the clock or entropy.
FORBIDDEN_MODULES = frozenset(
    {"os", "sys", "io", "time", "socket", "logging", "pathlib", "subprocess",
     "shutil", "tempfile", "secrets", "urllib", "http", "asyncio"}
)  # fmt: skip
#: Builtins that read or write the outside world.
FORBIDDEN_CALLS = frozenset({"open", "print", "input", "breakpoint"})
#: Methods that read the wall clock (``datetime.now``, ``pendulum.today``...).
CLOCK_READS = frozenset({"now", "today", "utcnow", "local_now"})


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        found += [f"import {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES]
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"{func.id}() at line {node.lineno}")
            if isinstance(func, ast.Attribute) and func.attr in CLOCK_READS:
                found.append(f".{func.attr}() at line {node.lineno}")
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "random"
                and func.attr != "Random"
            ):
                found.append(f"unseeded random.{func.attr}() at line {node.lineno}")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_performs_io_or_reads_the_clock(path: Path) -> None:
    """ "Nothing under src/carekit/ opens files or sockets, prints, reads the
    environment or the wall clock, sleeps, or draws unseeded random numbers.
    The current time is always a parameter." """
    assert [] == _violations(path)


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The scan above is not vacuous."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import os\nimport datetime\nprint(datetime.datetime.now())\n"
        "import random\nrandom.random()\nrandom.Random(7)\n"
    )
    assert 4 == len(_violations(bad))


MODELS = sorted(
    (v for v in vars(carekit).values() if isinstance(v, type) and attrs.has(v)),
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=5)
@given(data=st.data())
def test_models_are_frozen_and_slotted(cls: type, data: st.DataObject) -> None:
    """ "Immutable, typed models. attrs classes, frozen and slotted." """
    assert "__slots__" in vars(cls)
    instance = data.draw(strategies.by_type()[cls])
    field = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, field, getattr(instance, field))
    assert not hasattr(instance, "__dict__")
