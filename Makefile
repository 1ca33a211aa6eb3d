# Every target bootstraps its virtualenv with the pinned dev tools on first use, so a fresh
# clone needs nothing but Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-dev
# The demo needs only the package and its runtime dependencies: a fresh clone's
# `make demo` should not wait for the whole dev toolchain.
RUNTIME_STAMP := $(VENV)/.installed-runtime
# The floors job's install: the lowest versions pyproject allows (see `floors`).
FLOORS_STAMP := $(VENV)/.installed-floors
PIP := $(PY) -m pip --quiet --disable-pip-version-check

# The Pythons the package claims (pyproject's classifiers; a test keeps the two in step).
# Each gets its own venv, .venv-3.12 for example: `make test-3.12`, `make floors-3.12`.
SUPPORTED := 3.11 3.12 3.13
# The floors job runs on the oldest and the newest of them.
FLOORS_ON := 3.11 3.13

# Which interpreter a venv was made with ("3.12.1 /root/.pyenv/versions/3.12.1") is kept
# in the venv. A venv made with another interpreter than PYTHON is made again, so that a
# changed PYTHON= is never silently ignored.
PYTHON_ID := $(shell $(PYTHON) -c 'import sys; print(sys.version.split()[0], sys.base_prefix)' 2>/dev/null)
MADE_WITH := $(shell cat $(VENV)/.made-with 2>/dev/null)

.DEFAULT_GOAL := help
.PHONY: help venv remake-venv generate check-generated validate test test-generic lint workflows format \
	build demo drift adopt adopt-changes adopt-all-check bench fuzz checks floors floors-run ci clean \
	$(addprefix test-,$(SUPPORTED)) $(addprefix floors-,$(SUPPORTED))

help:  ## list the targets
	@grep -E '^[a-z0-9.% -]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 20

ifeq ($(PYTHON_ID),)
REMAKE := yes  # remake-venv stops with the reason
else ifneq ($(PYTHON_ID),$(MADE_WITH))
REMAKE := yes
endif
ifdef REMAKE
$(STAMP) $(RUNTIME_STAMP) $(FLOORS_STAMP): remake-venv
endif

remake-venv:
	@test -n "$(PYTHON_ID)" || { echo "make: PYTHON=$(PYTHON) does not run" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "make: PYTHON=$(PYTHON) is Python $(firstword $(PYTHON_ID)); 3.11 or later is needed" >&2; exit 1; }
	@if [ -e $(VENV) ]; then echo "make: $(VENV) was made with $(or $(MADE_WITH),an unknown Python): making it again with $(PYTHON_ID)"; fi
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)

# A failed install removes the venv: the next run starts clean instead of from a
# half-made one. .made-with is written last, once the venv is good.
$(STAMP): pyproject.toml
	@# pip 25.1+ understands dependency groups (PEP 735)
	{ $(PIP) install --upgrade "pip>=25.1" && $(PIP) install -e . --group dev; } \
		|| { rm -rf $(VENV); echo "make: installing into $(VENV) failed; removed it" >&2; exit 1; }
	@echo "$(PYTHON_ID)" > $(VENV)/.made-with
	@touch $@

$(RUNTIME_STAMP): pyproject.toml
	$(PIP) install -e . || { rm -rf $(VENV); echo "make: installing into $(VENV) failed; removed it" >&2; exit 1; }
	@echo "$(PYTHON_ID)" > $(VENV)/.made-with
	@touch $@

# uv resolves the package's own dependencies to the lowest versions its metadata allows
# (the dev tools are pinned exactly); everything else gets the newest that fits.
$(FLOORS_STAMP): pyproject.toml
	{ $(PIP) install --upgrade "pip>=25.1" && $(PIP) install --group floors \
		&& $(VENV)/bin/uv pip install --quiet --python $(PY) --resolution lowest-direct -e . --group dev; } \
		|| { rm -rf $(VENV); echo "make: installing into $(VENV) failed; removed it" >&2; exit 1; }
	@echo "$(PYTHON_ID)" > $(VENV)/.made-with
	@touch $@

venv: $(STAMP)  ## create .venv (PYTHON=, VENV= to choose) with the package (editable) and the pinned dev tools

generate: $(STAMP)  ## regenerate generated/ from openapi.yaml
	$(PY) -m codegen generate

check-generated: $(STAMP)  ## fail with a readable diff if generated/ is stale
	$(PY) -m codegen check-generated

validate: $(STAMP)  ## validate openapi.yaml
	$(PY) -m codegen validate

test: $(STAMP)  ## run the test suite (the fuzz targets included, a bounded and repeatable number of cases)
	$(PY) --version
	$(PY) -m pytest

# The responses' fast reader declines what the generic reader must read; with it off, the
# generic reader reads everything, and the suite must pass that way too (one CI leg).
test-generic: $(STAMP)  ## the suite with the fast reader off (ULTRACART_FAST_READ=0)
	ULTRACART_FAST_READ=0 $(PY) -m pytest

# The fuzz targets (tests marked `fuzz`, see tests/fuzz_settings.py) searching for real:
# FUZZ_SCALE times the cases `make test` tries, from a fresh random seed each run, with
# hypothesis's statistics (cases tried, outcomes). About 15 minutes at the default scale
# on 2 cores. A failure prints the case and a blob to reproduce it (@reproduce_failure).
FUZZ_SCALE ?= 20
fuzz: $(STAMP)  ## search with the fuzz harness: FUZZ_SCALE x make test's cases (default 20), fresh seeds
	ULTRACART_FUZZ_SCALE=$(FUZZ_SCALE) $(PY) -m pytest -m fuzz -q -p no:cacheprovider -p no:logging \
		--hypothesis-show-statistics

$(addprefix test-,$(SUPPORTED)): test-%:  ## test-3.11, test-3.12, test-3.13: the suite on that Python, in .venv-3.X
	@python="$$(.ci/find-python $*)" && $(MAKE) --no-print-directory test VENV=.venv-$* PYTHON="$$python"

lint: $(STAMP) workflows  ## ruff, mypy --strict; README examples and public types as users' checkers see them; workflows
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy overrides codegen tests bench
	$(PY) -m tests.typing_for_users readme
	$(PY) -m tests.typing_for_users verifytypes

workflows: $(STAMP)  ## check .github/workflows/ against the GitHub Actions schema (offline)
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

format: $(STAMP)  ## apply ruff's fixes and formatting to the hand-written code
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

build: $(STAMP)  ## build the wheel and the sdist into dist/, and check them with twine
	rm -rf dist
	$(PY) -m build --outdir dist .
	$(PY) -m twine check --strict dist/*

demo: $(RUNTIME_STAMP)  ## show the client at work against a local fake UltraCart
	$(PY) -m ultracart_conversations.demo

# The reviewed snapshot of UltraCart's spec; point UPSTREAM at a fresh copy (path or URL).
UPSTREAM ?= codegen/upstream/conversation.oas3.json

drift: $(STAMP)  ## compare openapi.yaml with UltraCart's spec (UPSTREAM=path-or-url)
	$(PY) -m codegen drift $(UPSTREAM)

# OPS="opA opB" (upstream operationIds), or OPS=--all; UPSTREAM as for drift.
adopt: $(STAMP)  ## take upstream operations into openapi.yaml: make adopt OPS="opA opB" UPSTREAM=path-or-url
	@test -n "$(OPS)" || { echo 'make: say which operations: make adopt OPS="opA opB" (or OPS=--all)' >&2; exit 2; }
	@test "$(origin UPSTREAM)" != file || { echo 'make: say where from: UPSTREAM=path-or-url (the snapshot holds stubs only)' >&2; exit 2; }
	$(PY) -m codegen adopt $(UPSTREAM) $(OPS)

adopt-changes: $(STAMP)  ## apply upstream's non-breaking changes to the operations we carry (UPSTREAM=)
	@test "$(origin UPSTREAM)" != file || { echo 'make: say where from: UPSTREAM=path-or-url' >&2; exit 2; }
	$(PY) -m codegen adopt --changes $(UPSTREAM)

# Issue #18's proof on every upstream operation: a slower job than `test` (which runs the
# same loop on a handful), for CI to run on its own.
adopt-all-check: $(STAMP)  ## adopt all upstream operations in a copy, generate, run its whole suite, the CLI, the fake, drift
	$(PY) -m pytest -m adopt_all tests/test_adopt_end_to_end.py

# Not part of `test` or `ci`: a measurement (a few minutes), not a pass/fail check. The
# dev group includes the bench group (the peers: pydantic, orjson; the chart: matplotlib).
bench: $(STAMP)  ## benchmark vs raw httpx, the typed peers and the official SDK, and throttled paging; writes bench/results/
	$(PY) -m bench.run
	$(PY) -m bench.throttled

floors-run: $(FLOORS_STAMP)
	$(PY) .ci/check_floors.py
	$(PY) -m pytest

floors: floors-3.13  ## the suite with the lowest dependency versions pyproject allows

$(addprefix floors-,$(SUPPORTED)): floors-%:  ## floors-3.11 ...: the floors job on that Python, in .venv-floors-3.X
	@python="$$(.ci/find-python $*)" && $(MAKE) --no-print-directory floors-run VENV=.venv-floors-$* PYTHON="$$python"

checks: lint validate check-generated drift  ## the checks that need one Python: lint, validate, check-generated, drift

# The checks once (on the oldest supported Python), then the suite on every supported
# Python, then the floors job.
ci:  ## what CI runs (.ci/run): checks, test-3.11/3.12/3.13, the floors job
	@python="$$(.ci/find-python $(firstword $(SUPPORTED)))" && \
		$(MAKE) --no-print-directory checks VENV=.venv-$(firstword $(SUPPORTED)) PYTHON="$$python"
	$(MAKE) --no-print-directory $(addprefix test-,$(SUPPORTED)) $(addprefix floors-,$(FLOORS_ON))

clean:  ## remove the virtual environments and build output
	rm -rf .venv .venv-3.* .venv-floors-3.* dist .pytest_cache .mypy_cache .ruff_cache
