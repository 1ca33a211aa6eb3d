# Every target bootstraps its virtualenv on first use, so a fresh clone needs nothing but
# Python 3.11+, make and the package index.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

# uv makes the venvs and installs into them (a few seconds where pip takes tens), pinned
# and kept in a venv of its own. UV=/path/to/uv uses another.
UV_PIN := uv==0.13.8
UV_HOME := .venv-uv
UV ?= $(UV_HOME)/bin/uv
# The Pythons are the machine's (.ci/find-python says which): uv never downloads one.
export UV_PYTHON_DOWNLOADS := never

# What is installed into a venv, each marked by a stamp file in it: the package (editable)
# with the whole dev group; with the slim test group (the matrix); alone (`make demo`);
# with the test group and the runtime dependencies at their floors (the floors job).
STAMP := $(VENV)/.installed-dev
TEST_STAMP := $(VENV)/.installed-test
RUNTIME_STAMP := $(VENV)/.installed-runtime
FLOORS_STAMP := $(VENV)/.installed-floors

# The Pythons the package claims (pyproject's classifiers; a test keeps the two in step).
# Each gets its own venv, .venv-3.12 for example: `make test-3.12`, `make floors-3.12`.
SUPPORTED := 3.11 3.12 3.13
# The floors job runs on the oldest and the newest of them.
FLOORS_ON := 3.11 3.13

# The test groups (tests/README.md). Together the three selections take every test;
# tests/test_test_groups.py checks it.
MATRIX_TESTS := not once and not slow
ONCE_TESTS := once and not slow
SLOW_TESTS := slow
# The suite waits on sockets more than it computes: 4 workers pay even on 2 cores. One
# file's tests stay on one worker (its module fixtures are made once). XDIST= runs serially.
XDIST ?= -n 4 --dist loadfile
PYTEST := $(PY) -m pytest $(XDIST)

# Which interpreter a venv was made with ("3.12.1 /root/.pyenv/versions/3.12.1") is kept
# in the venv. A venv made with another interpreter than PYTHON is made again, so that a
# changed PYTHON= is never silently ignored.
PYTHON_ID := $(shell $(PYTHON) -c 'import sys; print(sys.version.split()[0], sys.base_prefix)' 2>/dev/null)
MADE_WITH := $(shell cat $(VENV)/.made-with 2>/dev/null)

.DEFAULT_GOAL := help
.PHONY: help venv python-ok remake-venv generate check-generated validate lint workflows format \
	build release docs demo drift adopt adopt-changes adopt-all-check bench bench-shared fuzz fuzz-ci checks clean \
	test test-fast test-matrix test-once test-slow test-generic floors floors-run \
	ci ci-checks ci-once ci-matrix ci-generic ci-floors ci-slow \
	$(addprefix test-,$(SUPPORTED)) $(addprefix floors-,$(SUPPORTED))

help:  ## list the targets
	@grep -E '^[a-z0-9.% -]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 20

ifeq ($(PYTHON_ID),)
REMAKE := yes  # remake-venv stops with the reason
else ifneq ($(PYTHON_ID),$(MADE_WITH))
REMAKE := yes
endif
ifdef REMAKE
$(STAMP) $(TEST_STAMP) $(RUNTIME_STAMP) $(FLOORS_STAMP): remake-venv
endif

$(UV):
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/python -m pip install --quiet --disable-pip-version-check "$(UV_PIN)" \
		|| { rm -rf $(UV_HOME); echo "make: installing $(UV_PIN) failed" >&2; exit 1; }

python-ok:
	@test -n "$(PYTHON_ID)" || { echo "make: PYTHON=$(PYTHON) does not run" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "make: PYTHON=$(PYTHON) is Python $(firstword $(PYTHON_ID)); 3.11 or later is needed" >&2; exit 1; }

# --seed puts pip in the venv too, for whoever wants `.venv/bin/pip install` by hand.
remake-venv: python-ok | $(UV)
	@if [ -e $(VENV) ]; then echo "make: $(VENV) was made with $(or $(MADE_WITH),an unknown Python): making it again with $(PYTHON_ID)"; fi
	rm -rf $(VENV)
	$(UV) venv --quiet --seed --python $(PYTHON) $(VENV)

# A failed install removes the venv: the next run starts clean instead of from a
# half-made one. .made-with is written last, once the venv is good.
INSTALL = $(UV) pip install --quiet --python $(PY)
INSTALLED = { echo "$(PYTHON_ID)" > $(VENV)/.made-with && touch $@; } \
	|| { rm -rf $(VENV); echo "make: installing into $(VENV) failed; removed it" >&2; exit 1; }

$(STAMP): pyproject.toml | $(UV)
	$(INSTALL) -e . --group dev && $(INSTALLED)

$(TEST_STAMP): pyproject.toml | $(UV)
	$(INSTALL) -e . --group test && $(INSTALLED)

$(RUNTIME_STAMP): pyproject.toml | $(UV)
	$(INSTALL) -e . && $(INSTALLED)

# The package's own dependencies at the lowest versions its metadata allows (the test
# tools are pinned exactly, so their pins hold).
$(FLOORS_STAMP): pyproject.toml | $(UV)
	$(INSTALL) --resolution lowest-direct -e . --group test && $(INSTALLED)

venv: $(STAMP)  ## create .venv (PYTHON=, VENV= to choose) with the package (editable) and the pinned dev tools

generate: $(STAMP)  ## regenerate generated/ from openapi.yaml
	$(PY) -m codegen generate

check-generated: $(STAMP)  ## fail with a readable diff if generated/ is stale
	$(PY) -m codegen check-generated

validate: $(STAMP)  ## validate openapi.yaml
	$(PY) -m codegen validate

# --- tests (tests/README.md says which group a test joins) -------------------------------

test: $(STAMP)  ## the whole suite but the slow jobs, in parallel
	$(PY) --version
	$(PYTEST) -m "not slow"

# The inner loop leaves out what is slow to run and rarely breaks alone: the once group,
# the property tests (hypothesis marks them) and the bounded fuzz targets.
FAST_TESTS := $(MATRIX_TESTS) and not hypothesis and not fuzz
test-fast: $(STAMP)  ## the inner loop (under a minute): the matrix group but its property and fuzz tests; `make test` runs the rest
	$(PYTEST) -m "$(FAST_TESTS)"

test-matrix: $(TEST_STAMP)  ## what depends on the Python and the dependency versions (slim venv)
	$(PY) --version
	$(PYTEST) -m "$(MATRIX_TESTS)"

test-once: $(STAMP)  ## what is the same on every Python: codegen, drift, packaging, docs
	$(PYTEST) -m "$(ONCE_TESTS)"

# pytest exits 5 when it selects nothing: no slow test yet is not a failure.
test-slow: $(STAMP)  ## the long jobs (minutes), marked slow
	$(PYTEST) -m "$(SLOW_TESTS)" || { status=$$?; [ $$status -eq 5 ] && echo "test-slow: no test is marked slow"; [ $$status -eq 5 ]; }

$(addprefix test-,$(SUPPORTED)): test-%:  ## test-3.11, test-3.12, test-3.13: the matrix group on that Python, in .venv-3.X
	@$(TIMED) python="$$(.ci/find-python $*)" && $(MAKE) --no-print-directory test-matrix VENV=.venv-$* PYTHON="$$python"

floors-run: $(FLOORS_STAMP)
	$(PY) .ci/check_floors.py
	$(PYTEST) -m "$(MATRIX_TESTS)"

floors: floors-3.13  ## the matrix group with the lowest dependency versions pyproject allows

$(addprefix floors-,$(SUPPORTED)): floors-%:  ## floors-3.11 ...: the floors job on that Python, in .venv-floors-3.X
	@$(TIMED) python="$$(.ci/find-python $*)" && $(MAKE) --no-print-directory floors-run VENV=.venv-floors-$* PYTHON="$$python"

# The responses' fast reader declines what the generic reader must read; with it off, the
# generic reader reads everything, and the matrix group must pass that way too (a CI job).
test-generic: $(STAMP)  ## the matrix group with the fast reader off (ULTRACART_FAST_READ=0)
	ULTRACART_FAST_READ=0 $(PYTEST) -m "$(MATRIX_TESTS)"

# The fuzz targets (tests marked `fuzz`, see tests/fuzz_settings.py) searching for real:
# FUZZ_SCALE times the cases `make test` tries, from a fresh random seed each run, with
# hypothesis's statistics (cases tried, outcomes). About 15 minutes at the default scale
# on 2 cores. A failure prints the case and a blob to reproduce it (@reproduce_failure).
FUZZ_SCALE ?= 20
fuzz: $(STAMP)  ## search with the fuzz harness: FUZZ_SCALE x make test's cases (default 20), fresh seeds
	ULTRACART_FUZZ_SCALE=$(FUZZ_SCALE) $(PY) -m pytest -m fuzz -q -p no:cacheprovider -p no:logging \
		--hypothesis-show-statistics

# CI's share of the search (a slow job): FUZZ_CI_SCALE x the bounded cases, seeded from the
# commit, so that each commit searches new inputs and a failure replays on its commit.
FUZZ_CI_SCALE ?= 4
fuzz-ci: $(STAMP)  ## the fuzz search CI runs: FUZZ_CI_SCALE x make test's cases, seeded by the commit
	seed=$$(git rev-parse --short=12 HEAD 2>/dev/null || echo none); echo "fuzz-ci: seed $$seed"; \
	ULTRACART_FUZZ_SCALE=$(FUZZ_CI_SCALE) $(PY) -m pytest -m fuzz -q -p no:cacheprovider -p no:logging \
		--hypothesis-seed=$$seed

# --- checks, build, tools ----------------------------------------------------------------

lint: $(STAMP) workflows  ## ruff, mypy --strict; README examples and public types as users' checkers see them; workflows
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy overrides codegen tests bench examples
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

# A release: the version and CHANGELOG agree (.ci/release_check.py), the whole suite passes,
# and the wheel and sdist build and pass twine check. Then tag vX.Y.Z and upload dist/.
release: $(STAMP)  ## check a release: version final, CHANGELOG entry dated, tests, build, twine check
	$(PY) .ci/release_check.py
	$(MAKE) --no-print-directory test
	$(MAKE) --no-print-directory build

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
bench: $(STAMP)  ## benchmark vs raw httpx, the typed peers and the official SDK, throttled paging and the shared gate; writes bench/results/
	$(PY) -m bench.run
	$(PY) -m bench.throttled
	$(PY) -m bench.shared

bench-shared: $(STAMP)  ## the shared rate gate alone (4 processes x 8 threads; needs redis-server); writes bench/results/shared.*
	$(PY) -m bench.shared

# The site goes to a folder of its own (git-ignored): the docs are read on the repository
# too, so nothing publishes it here.
docs: $(STAMP)  ## build the documentation site (mkdocs, --strict) into site/
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet --site-dir site

checks: lint validate check-generated drift docs  ## the checks that need one Python: lint, validate, check-generated, drift, docs

# --- CI (.ci/run) ------------------------------------------------------------------------
# The checks first, on the oldest supported Python, in .venv-3.11 (the dev group, which the
# once group, the matrix on 3.11 and the slow jobs then share); then the other jobs side
# by side, CI_JOBS at a time (they wait on sockets more than they compute), each job's
# output shown whole when it ends. A slow job (minutes) joins CI_SLOW_JOBS: a make target
# of its own (`CI_SLOW_JOBS += fuzz`), or a test marked slow.
CI_JOBS ?= 2
ONCE_ON := $(firstword $(SUPPORTED))
ONCE_PYTHON := python="$$(.ci/find-python $(ONCE_ON))"
ONCE_VENV = VENV=.venv-$(ONCE_ON) PYTHON="$$python"
CI_SLOW_JOBS := test-slow fuzz-ci
# Prints how long a job took, once it is over.
TIMED = t=$$(date +%s); trap 'echo "ci: $@ took $$(( $$(date +%s) - t )) s"' EXIT;

ci:  ## what CI runs (.ci/run): checks, then the once group, the matrix (also with the fast reader off), floors, slow jobs
	$(MAKE) --no-print-directory ci-checks
	$(MAKE) --no-print-directory -j$(CI_JOBS) --output-sync=recurse \
		ci-once ci-matrix ci-generic ci-floors ci-slow

ci-checks:  ## lint, validate, check-generated, drift (once)
	@$(TIMED) $(ONCE_PYTHON) && $(MAKE) --no-print-directory checks \
		.venv-$(ONCE_ON)/.installed-test $(ONCE_VENV)

ci-once:  ## the version-independent tests (once)
	@$(TIMED) $(ONCE_PYTHON) && $(MAKE) --no-print-directory test-once $(ONCE_VENV)

ci-matrix: $(addprefix test-,$(SUPPORTED))  ## the matrix group on every supported Python

ci-generic:  ## the matrix group with the fast reader off (once)
	@$(TIMED) $(ONCE_PYTHON) && $(MAKE) --no-print-directory test-generic $(ONCE_VENV)

ci-floors: $(addprefix floors-,$(FLOORS_ON))  ## the matrix group with the dependency floors

ci-slow:  ## the slow jobs: CI_SLOW_JOBS
	@$(TIMED) $(ONCE_PYTHON) && $(MAKE) --no-print-directory $(CI_SLOW_JOBS) $(ONCE_VENV)

clean:  ## remove the virtual environments and build output
	rm -rf .venv .venv-3.* .venv-floors-3.* $(UV_HOME) dist site .pytest_cache .mypy_cache .ruff_cache
