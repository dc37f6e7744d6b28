# `make run`: set up, then run the pipeline on every fixture PDF into output/.
# `make test`: set up, then lint, type-check and run the whole test suite.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test system setup lint fixtures bench clean

system:
	@bash scripts/install-system.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: system $(STAMP)

run: setup
	$(VENV)/bin/extract run fixtures/pdf -o output

lint: setup
	$(VENV)/bin/ruff check extract tests fixtures bench
	$(VENV)/bin/ruff format --check extract tests fixtures bench
	$(VENV)/bin/mypy extract

test: lint
	$(VENV)/bin/pytest -q

fixtures: setup
	$(PY) fixtures/generate.py

bench: setup
	$(PY) bench/run_bench.py --repeat 1
	$(PY) bench/ocr_engines.py --write docs/benchmarks.md

clean:
	rm -rf $(VENV) output/*/
