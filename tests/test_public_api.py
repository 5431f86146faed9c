"""The curated public surface: every export is importable, documented, and in
the API reference."""

from pathlib import Path

import carekit

REFERENCE = (Path(__file__).parents[1] / "docs" / "reference.md").read_text()
EXPORTS = sorted(n for n in vars(carekit) if not n.startswith("_"))


def test_every_export_has_a_docstring() -> None:
    undocumented = [
        name
        for name in EXPORTS
        if not isinstance(getattr(carekit, name), type(carekit))
        and not (getattr(carekit, name).__doc__ or "").strip()
    ]
    assert [] == undocumented


def _documented(module: str, documented: set[str]) -> bool:
    """A module is covered by its own entry or by its package's."""
    parts = module.split(".")
    return any(".".join(parts[:n]) in documented for n in range(2, len(parts) + 1))


def test_every_export_lives_in_a_module_of_the_reference() -> None:
    documented = {
        line.removeprefix("::: ").strip()
        for line in REFERENCE.splitlines()
        if line.startswith(":::")
    }
    modules = {
        getattr(carekit, name).__module__
        for name in EXPORTS
        if hasattr(getattr(carekit, name), "__module__")
    }
    assert [] == sorted(m for m in modules if not _documented(m, documented))


def test_the_package_ships_py_typed() -> None:
    assert (Path(carekit.__file__).parent / "py.typed").exists()
