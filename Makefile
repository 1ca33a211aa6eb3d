# Every target bootstraps .venv/ with the pinned dev tools on first use, so a fresh clone
# needs nothing but Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
# The demo needs only the package and its runtime dependencies: a fresh clone's
# `make demo` should not wait for the whole dev toolchain.
RUNTIME_STAMP := $(VENV)/.installed-runtime

.DEFAULT_GOAL := help
.PHONY: help venv generate check-generated validate test lint format build demo drift bench ci clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# pip 25.1+ understands dependency groups (PEP 735)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --disable-pip-version-check -e . --group dev
	@touch $@

$(RUNTIME_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

venv: $(STAMP)  ## create .venv with the package (editable) and the pinned dev tools

generate: $(STAMP)  ## regenerate generated/ from openapi.yaml
	$(PY) -m codegen generate

check-generated: $(STAMP)  ## fail with a readable diff if generated/ is stale
	$(PY) -m codegen check-generated

validate: $(STAMP)  ## validate openapi.yaml
	$(PY) -m codegen validate

test: $(STAMP)  ## run the test suite
	$(PY) -m pytest

lint: $(STAMP)  ## ruff, mypy --strict; README examples and public types as users' checkers see them
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy overrides codegen tests bench
	$(PY) -m tests.typing_for_users readme
	$(PY) -m tests.typing_for_users verifytypes

format: $(STAMP)  ## apply ruff's fixes and formatting to the hand-written code
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

build: $(STAMP)  ## build the wheel and the sdist into dist/
	rm -rf dist
	$(PY) -m build --outdir dist .

demo: $(RUNTIME_STAMP)  ## show the client at work against a local fake UltraCart
	$(PY) -m ultracart_conversations.demo

# The reviewed snapshot of UltraCart's spec; point UPSTREAM at a fresh copy (path or URL).
UPSTREAM ?= codegen/upstream/conversation.oas3.json

drift: $(STAMP)  ## compare openapi.yaml with UltraCart's spec (UPSTREAM=path-or-url)
	$(PY) -m codegen drift $(UPSTREAM)

# Not part of `test` or `ci`: a measurement (a few minutes), not a pass/fail check.
bench: $(STAMP)  ## benchmark vs raw httpx and the official SDK, and throttled paging; writes bench/results/
	$(PY) -m bench.run
	$(PY) -m bench.throttled

ci: lint validate check-generated drift test  ## what CI runs

clean:  ## remove the virtual environment and build output
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache
