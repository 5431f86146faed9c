"""The public models of carekit: every attrs class named in an ``__all__``.

This module does not import Hypothesis, so the ``hypothesis`` entry point can
use it while Hypothesis itself is still loading.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import attrs

import carekit

__all__ = ["public_models", "public_modules"]

#: Test helpers, not models; importing them needs Hypothesis.
_SKIPPED = frozenset({"carekit.testing"})


def public_modules() -> list[ModuleType]:
    """carekit and every module below it, except the test helpers (which are
    not even imported: ``pkgutil.walk_packages`` would import them)."""
    found = [carekit]
    pending = [carekit]
    while pending:
        package = pending.pop()
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if info.name in _SKIPPED:
                continue
            module = importlib.import_module(info.name)
            found.append(module)
            if info.ispkg:
                pending.append(module)
    return found


def public_models() -> list[type]:
    """Every attrs class named in the ``__all__`` of any carekit module,
    sorted by qualified name."""
    models: set[type] = set()
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                models.add(value)
    return sorted(models, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
