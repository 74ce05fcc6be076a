# draftdiff: two commands on a fresh machine (Python 3.11+ and make):
#   make demo   install, then compare two sample drafts
#   make test   install, then run the whole test suite

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test lint typecheck check samples bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: install
	$(BIN)/draftdiff compare samples/rev2.docx samples/rev3.docx

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests samples benchmarks
	$(BIN)/ruff format --check src tests samples benchmarks

typecheck: install
	$(BIN)/mypy
	# the application layer and the tables, strictly
	$(BIN)/mypy --strict src/draftdiff/app src/draftdiff/formats.py src/draftdiff/execution.py \
		src/draftdiff/writers/registry.py src/draftdiff/rules/catalog.py

check: lint typecheck test

samples: install
	$(BIN)/python samples/build.py --pdf

bench: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
