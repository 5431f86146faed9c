"""The public surface: curated, importable and documented (after trio's
``test_exports``).

"The top level has ``__all__`` and exports the main verbs of each capability.
The compatibility shims go." Every name in every public ``__all__`` is
importable, has a docstring as the API reference renders it, and is shown on
``docs/reference.md``.
"""

import importlib
import inspect
import re
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import griffe
import pytest

import carekit
from carekit import responsiveness
from carekit.responsiveness import ResponseStats
from carekit.testing._models import public_modules

ROOT = Path(__file__).parent.parent
REFERENCE = ROOT / "docs" / "reference.md"

#: Public modules (no ``_`` in the dotted path) with an ``__all__``, plus the
#: strategies, which ``public_modules`` leaves out (they need Hypothesis).
MODULES = [
    module
    for module in [*public_modules(), importlib.import_module("carekit.testing")]
    if not any(part.startswith("_") for part in module.__name__.split("."))
    and hasattr(module, "__all__")
] + [importlib.import_module("carekit.testing.strategies")]

EXPORTS = [(module, name) for module in MODULES for name in module.__all__]


def _label(item: tuple[ModuleType, str]) -> str:
    return f"{item[0].__name__}.{item[1]}"


def _reference() -> dict[str, list[str] | None]:
    """The modules ``docs/reference.md`` renders, each with its ``members``
    list, or ``None`` for all of its ``__all__``."""
    shown: dict[str, list[str] | None] = {}
    current: str | None = None
    for line in REFERENCE.read_text().splitlines():
        if found := re.fullmatch(r":::\s+(\S+)", line):
            current = found.group(1)
            shown[current] = None
        elif current and (member := re.fullmatch(r"\s+-\s+(\w+)", line)):
            shown[current] = [*(shown[current] or []), member.group(1)]
    return shown


SHOWN = _reference()
PACKAGE = griffe.load("carekit", search_paths=[str(ROOT / "src")])


def _griffe(module: str, name: str) -> Any:
    """The object the API reference renders for *module*.*name*."""
    found: Any = PACKAGE
    for part in [*module.split(".")[1:], name]:
        found = found.members[part]
    return found.final_target if found.is_alias else found


def _rendered(name: str, value: object) -> bool:
    """Some module on the reference page shows *value* under *name*."""
    for module, members in SHOWN.items():
        names = members if members is not None else _all(module)
        if name in names and getattr(importlib.import_module(module), name) is value:
            return True
    return False


def _all(module: str) -> list[str]:
    return list(importlib.import_module(module).__all__)


@pytest.mark.parametrize("item", EXPORTS, ids=_label)
def test_every_exported_name_is_importable_documented_and_rendered(
    item: tuple[ModuleType, str],
) -> None:
    """Each name can be imported, has a docstring and is on the reference."""
    module, name = item
    value = getattr(module, name)
    assert _griffe(module.__name__, name).docstring is not None, "no docstring"
    assert _rendered(name, value), "not on docs/reference.md"


def test_the_reference_page_lists_only_real_names() -> None:
    """A ``members`` entry on the reference page names an exported object."""
    for module, members in SHOWN.items():
        assert set() == set(members or []) - set(_all(module)), module


def test_the_top_level_only_re_exports() -> None:
    """``carekit/__init__.py`` defines nothing: each name lives in a concept
    module, and every public name it binds is in ``__all__``."""
    bound = {
        name
        for name, value in vars(carekit).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert set(carekit.__all__) == bound
    assert [] == [
        name
        for name in carekit.__all__
        if getattr(getattr(carekit, name), "__module__", "") == "carekit"
    ]


def test_the_top_level_exports_the_main_verbs() -> None:
    """The verbs of each capability are one import away: the badge decision,
    the displayed time, every function measuring ``ResponseStats`` (from
    rows, columns or conversations) and the plain-data boundary."""
    measures = {
        name
        for name in responsiveness.__all__
        if inspect.isfunction(value := getattr(responsiveness, name))
        and typing.get_type_hints(value).get("return") is ResponseStats
    }
    assert 3 == len(measures)
    verbs = {
        *("decide", "displayed", "invite", "schedule_post"),
        *("structure", "unstructure", *measures),
    }
    assert set() == verbs - set(carekit.__all__)


@pytest.mark.parametrize(
    "module", [m for m in MODULES if m is not carekit], ids=lambda m: m.__name__
)
def test_a_module_exports_only_what_lives_in_it(module: ModuleType) -> None:
    """No compatibility shims: a module's ``__all__`` names classes and
    functions defined in it or below it (a package re-exports its own
    submodules), never another module's, as ``carekit.conversations`` once
    re-exported the message types of ``carekit.messages``."""
    foreign = [
        name
        for name in module.__all__
        if (
            inspect.isclass(value := getattr(module, name)) or inspect.isfunction(value)
        )
        and not f"{value.__module__}.".startswith(f"{module.__name__}.")
    ]
    assert [] == foreign
