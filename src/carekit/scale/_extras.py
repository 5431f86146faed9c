"""The optional engines of carekit.scale, imported only when used."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["require"]


def require(*modules: str, extra: str, user: str) -> Any:
    """Import *modules* and return the first; a missing one raises an
    ``ImportError`` naming the extra that installs it.

    >>> require("math", extra="none", user="this example").floor(2.5)
    2
    """
    try:
        loaded = [importlib.import_module(name) for name in modules]
    except ImportError:  # pragma: no cover - the extras are installed in CI
        raise ImportError(
            f"{user} needs the {extra} extra: pip install 'carekit[{extra}]'"
        ) from None
    return loaded[0]
