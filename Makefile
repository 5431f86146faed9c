# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv with python3 -m venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHECKED := src tests benchmarks examples

.PHONY: demo test lint typecheck pytest docs bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,docs,bench,phones,language]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/quickstart.py
	$(BIN)/python examples/tickets_demo.py

lint: $(STAMP)
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)

typecheck: $(STAMP)
	$(BIN)/mypy --strict src tests

pytest: $(STAMP)
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir .site

test: lint typecheck pytest docs

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/routing.py
	$(BIN)/python benchmarks/tickets.py

clean:
	rm -rf $(VENV) .site .pytest_cache .mypy_cache .ruff_cache .hypothesis
