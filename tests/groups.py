"""The test groups CI runs (tests/README.md explains them; the Makefile selects them).

- matrix (no marker): depends on the Python or the dependency versions; runs on 3.11,
  3.12 and 3.13 and in the floors job, with only the `test` dependency group installed.
- once: the same on every Python (code generation, drift, packaging, the README and the
  docs, the spec, the heavy tools: schemathesis, the official SDK); runs once, on the
  oldest Python, with the whole `dev` group.
- slow: long jobs (minutes); run by `make test-slow` and by CI's slow slot, not by
  `make test`.

A test file joins `once` by its name matching ONCE below (or by `@pytest.mark.once` on a
module or a test); anything else is matrix: a file nobody classified runs everywhere, so
a new test can cost time but is never left out. tests/test_test_groups.py checks that the
three selections CI runs cover every test.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import pytest
from _pytest.mark.expression import Expression

# Group markers, with what they mean (registered here, so --strict-markers accepts them).
MARKERS = {
    "once": "version-independent: runs once in CI, on the oldest Python (tests/README.md)",
    "slow": "a long job (minutes): make test-slow and CI's slow slot, not make test",
}

# Test files that are the same on every Python and every dependency version.
ONCE = (
    "test_codegen*.py",  # the generator, templates, golden files
    "test_spec*.py",  # openapi.yaml itself, and a change reaching users via make generate
    "test_design_rule.py",
    "test_drift*.py",  # the maintainer's drift tool
    "test_adopt*.py",  # the maintainer's adopt tool (ruamel.yaml: dev group only)
    "test_packaging.py",  # wheel and sdist builds, installs into fresh venvs
    "test_fake_schema*.py",  # the fake's answers against the spec's schemas; schemathesis
    "test_fake_official_sdk.py",  # UltraCart's SDK: a heavy tool, in the dev group only
    "test_ci_recipe.py",
    "test_test_groups.py",
    "test_release.py",
    "test_client_readme.py",  # the README's examples
    "test_user_typing.py",
    "test_docs*.py",
    "test_examples*.py",
    "test_reference*.py",
    "test_shared_*.py",  # the gate and grant shared through SQLite and Redis: real processes
)


# Markers of long jobs declared elsewhere (pyproject.toml): their tests are slow too.
SLOW_MARKERS = ("adopt_all",)


def group_of(file_name: str) -> str:
    """The group a test file's tests join by default: "once" or "matrix"."""
    return "once" if any(fnmatch(file_name, pattern) for pattern in ONCE) else "matrix"


def pytest_configure(config: pytest.Config) -> None:
    for name, meaning in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {meaning}")


def selects(expression: str, markers: set[str]) -> bool:
    """Whether `-m expression` takes a test that carries these markers."""
    if not expression:
        return True

    def carries(name: str, /, **_: str | int | bool | None) -> bool:
        return name in markers

    return Expression.compile(expression).evaluate(carries)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # A once file is not even imported where -m leaves its tests out: the matrix venvs
    # lack the heavy tools it may import.
    if collection_path.suffix != ".py" or group_of(collection_path.name) != "once":
        return None
    expression = config.option.markexpr
    if selects(expression, {"once"}) or selects(expression, {"once", "slow"}):
        return None
    return True


@pytest.hookimpl(tryfirst=True)  # before -m reads the markers
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if group_of(item.path.name) == "once":
            item.add_marker(pytest.mark.once)
        if any(item.get_closest_marker(name) for name in SLOW_MARKERS):
            item.add_marker(pytest.mark.slow)
