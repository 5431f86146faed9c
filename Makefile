# Two commands on a fresh machine: `make demo` and `make test`.
# Both create .venv with python3 -m venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHECKED := src tests benchmarks examples
# Development tools: the dependency groups of pyproject.toml.
GROUPS := --group dev --group docs --group bench

.PHONY: demo test lint typecheck pytest docs bench clean

# pip >= 25.1 installs PEP 735 dependency groups (--group).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade 'pip>=25.1'
	$(BIN)/python -m pip install --quiet -e '.[testing,phones,language,frames]' $(GROUPS)
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/quickstart.py
	$(BIN)/python examples/tickets_demo.py
	$(BIN)/python examples/twitter_export_report.py

lint: $(STAMP)
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)

typecheck: $(STAMP)
	$(BIN)/mypy --strict src tests

# pytest-xdist spreads the tests over every core (`make pytest PYTEST_FLAGS=`
# runs them in one process).
PYTEST_FLAGS ?= -n auto
pytest: $(STAMP)
	$(BIN)/pytest $(PYTEST_FLAGS)

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir .site

test: lint typecheck pytest docs

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/columnar.py
	$(BIN)/python benchmarks/routing.py
	$(BIN)/python benchmarks/tickets.py
	$(BIN)/python benchmarks/adapters.py
	$(BIN)/python benchmarks/sla.py
	$(BIN)/python benchmarks/analytics.py

clean:
	rm -rf $(VENV) .site .pytest_cache .mypy_cache .ruff_cache .hypothesis
