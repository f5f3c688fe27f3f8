# Kota Cerdas — two commands on a fresh machine (Python 3.11+ and make):
#   make demo   set up .venv, install, migrate, seed Kotim demo data, serve on 127.0.0.1:$(PORT)
#   make test   set up .venv with test extras, run ruff, mypy and pytest
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: help demo test lint typecheck pytest bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Kota Cerdas needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-run

demo: $(VENV)/.installed-run ## run the platform with Kotim demo data (PORT=8000)
	$(BIN)/kotacerdas demo --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check kotacerdas tests bench
	$(BIN)/ruff format --check kotacerdas tests bench
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy kotacerdas

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest ## lint, type-check and run the test suite (SQLite unless DATABASE_URL is set)

bench: $(VENV)/.installed-test ## run the benchmarks under bench/
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) data build *.egg-info .pytest_cache .mypy_cache .ruff_cache
