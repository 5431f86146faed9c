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


def _is_module(base: Path, name: str) -> bool:
    """Whether *name* is a module or package inside the folder *base*."""
    return (base / f"{name}.py").is_file() or (base / name / "__init__.py").is_file()


def _private_imports(path: Path) -> list[str]:
    """Private names (``_x``) this module imports from another module.

    A private *module* (``from carekit import _threads``, ``from . import
    _registry``) is how shared code is reached, and is allowed.
    """
    tree = ast.parse(path.read_text(), str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
            base = (
                base.joinpath(*(node.module or "").split(".")) if node.module else base
            )
        else:
            base = PACKAGE.parent.joinpath(*(node.module or "").split("."))
        found += [
            f"from {node.module} import {alias.name} (line {node.lineno})"
            for alias in node.names
            if alias.name.startswith("_")
            and not alias.name.startswith("__")
            and not _is_module(base, alias.name)
        ]
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_private_name_from_another(path: Path) -> None:
    """ "A private name (`_x`) is never imported from another module: shared
    code lives in a `_module` with public names." Importing the private
    *module* itself (``from carekit import _threads``) is how such code is
    shared; importing ``_scan`` out of ``accumulator`` is not."""
    assert [] == _private_imports(path)


def test_the_private_import_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The scan above is not vacuous, and lets private modules be used."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from carekit.responsiveness.accumulator import _scan, ResponseAccumulator\n"
        "from carekit._threads import scan\n"
        "from carekit import _threads\n"
        "from carekit.testing.strategies import _registry\n"
        "from carekit.messages import __all__\n"
    )
    assert ["from carekit.responsiveness.accumulator import _scan (line 1)"] == (
        _private_imports(bad)
    )
