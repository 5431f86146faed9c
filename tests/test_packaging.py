"""What installing carekit pulls in.

"Dev-only tools become PEP 735 dependency groups. Extras stay for what users
install: ``testing``, and the integrations": ``pip install carekit`` brings
attrs, cattrs and pendulum only; ``carekit[testing]`` adds Hypothesis only,
``carekit[phones]`` phonenumbers only, ``carekit[language]`` py3langid only,
``carekit[stemming]`` snowballstemmer only, ``carekit[frames]`` narwhals
only, ``carekit[dask]`` Dask only and ``carekit[sketch]`` ddsketch only.
"""

import importlib.metadata
import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).parent.parent / "pyproject.toml"


def _requirements() -> dict[str | None, set[str]]:
    """The installed carekit's requirement names, by extra (``None``: none)."""
    found: dict[str | None, set[str]] = {}
    for line in importlib.metadata.requires("carekit") or []:
        name = re.match(r"[A-Za-z0-9._-]+", line)
        extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", line)
        assert name is not None, line
        key = extra.group(1) if extra else None
        found.setdefault(key, set()).add(name.group(0).lower())
    return found


def test_a_plain_install_needs_only_attrs_cattrs_and_pendulum() -> None:
    assert {"attrs", "cattrs", "pendulum"} == _requirements()[None]


def test_each_extra_adds_only_its_integration() -> None:
    requirements = _requirements()
    extras = {"testing", "phones", "language", "stemming", "frames", "dask", "sketch"}
    assert {None} | extras == set(requirements)
    assert {"hypothesis"} == requirements["testing"]
    assert {"phonenumbers"} == requirements["phones"]
    assert {"py3langid"} == requirements["language"]
    assert {"snowballstemmer"} == requirements["stemming"]
    assert {"narwhals"} == requirements["frames"]
    assert {"dask"} == requirements["dask"]
    assert {"ddsketch"} == requirements["sketch"]
    assert extras == set(
        importlib.metadata.metadata("carekit").get_all("Provides-Extra") or []
    )


def test_development_tools_are_dependency_groups() -> None:
    """pytest, mypy, ruff, the docs and benchmark tools live in
    ``[dependency-groups]``, which a published package does not expose."""
    groups = tomllib.loads(PYPROJECT.read_text())["dependency-groups"]
    assert {"dev", "docs", "bench"} == set(groups)
    dev = {re.split(r"[<>=\[ ;]", item)[0] for item in groups["dev"]}
    assert {"pytest", "pytest-xdist", "mypy", "ruff", "hypothesis"} <= dev
