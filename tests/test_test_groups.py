"""No test is left out of CI: the groups' selections take every test, each exactly once.

tests/groups.py puts each test in a group (matrix, once, slow); the Makefile selects each
group with `-m` and CI runs the three targets. A test that no selection takes would pass
every run by never running: these tests make that impossible to do silently.
"""

from __future__ import annotations

import ast
import itertools
import os
import re
import shutil
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

from codegen.paths import ROOT
from tests.groups import MARKERS, ONCE, group_of, selects

MAKE = shutil.which("make") or "make"
TESTS = ROOT / "tests"


def selections() -> dict[str, str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = dict(re.findall(r"^(MATRIX|ONCE|SLOW)_TESTS := (.*)$", makefile, flags=re.MULTILINE))
    assert set(found) == {"MATRIX", "ONCE", "SLOW"}
    return found


def test_the_selections_take_every_combination_of_groups_exactly_once() -> None:
    chosen = selections()
    for expression in chosen.values():
        names = set(re.findall(r"[A-Za-z_]\w*", expression)) - {"and", "or", "not"}
        assert names <= set(MARKERS), f"{expression!r} names a marker tests/groups.py lacks"
    for size in range(len(MARKERS) + 1):
        for markers in itertools.combinations(MARKERS, size):
            taking = [name for name, expr in chosen.items() if selects(expr, set(markers))]
            assert len(taking) == 1, f"a test marked {markers or 'nothing'} is run by {taking}"


def test_make_ci_runs_the_three_selections_and_the_matrix_on_every_python() -> None:
    # make -n prints what `make ci` would run (the sub-makes too) and runs none of it.
    result = subprocess.run(
        [MAKE, "--no-print-directory", "-n", "-C", str(ROOT), "ci"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    runs = re.findall(
        r"^(?:\w+=\S+ )?(\S+)/bin/python -m pytest .*-m \"([^\"]*)\"", result.stdout, re.MULTILINE
    )
    chosen = selections()
    assert sorted(runs) == sorted(
        [(".venv-3.11", chosen["ONCE"]), (".venv-3.11", chosen["SLOW"])]
        + [(".venv-3.11", chosen["MATRIX"])]  # test-generic: the fast reader off
        + [(f".venv-{v}", chosen["MATRIX"]) for v in ("3.11", "3.12", "3.13")]
        + [(f".venv-floors-{v}", chosen["MATRIX"]) for v in ("3.11", "3.13")]
    )


def test_every_file_with_tests_is_one_pytest_collects() -> None:
    pytest_options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "pytest"
    ]["ini_options"]
    assert pytest_options["testpaths"] == ["tests"]
    assert not re.search(r"--ignore|--deselect|(^|\s)-k", pytest_options["addopts"])
    for path in TESTS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defines_tests = any(
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name.startswith("test")
            for node in tree.body
        )
        if defines_tests:
            assert re.fullmatch(r"test_\w+\.py", path.name), f"{path} is never collected"
        assert "collect_ignore" not in path.read_text(encoding="utf-8") or path.name.startswith(
            "test_test_groups"
        ), f"{path} hides files from collection"


def test_every_once_pattern_names_a_file_and_a_new_file_defaults_to_the_matrix() -> None:
    names = [path.name for path in TESTS.glob("test_*.py")]
    assert group_of("test_something_new.py") == "matrix"
    assert group_of("test_codegen_new.py") == "once"
    # Patterns for test files still to come (docs, examples, reference) may match nothing.
    upcoming = {"test_docs*.py", "test_examples*.py", "test_reference*.py"}
    for pattern in set(ONCE) - upcoming:
        assert any(fnmatch(name, pattern) for name in names), f"{pattern} matches no file"


# Printed by a collection-only run: every test and the group markers it carries.
SHOW_GROUPS = """
def pytest_collection_finish(session):
    for item in session.items:
        marks = sorted({m.name for m in item.iter_markers()} & {%s})
        print("GROUPED", item.nodeid, ",".join(marks), sep="\\t")
"""


def collect(tmp_path: Path, *args: str) -> dict[str, set[str]]:
    plugin = tmp_path / "show_groups.py"
    plugin.write_text(SHOW_GROUPS % ", ".join(repr(m) for m in MARKERS), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "show_groups", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    found = {}
    for line in result.stdout.splitlines():
        if line.startswith("GROUPED\t"):
            _, nodeid, marks = line.split("\t")
            found[nodeid] = set(filter(None, marks.split(",")))
    return found


def test_the_matrix_run_collects_exactly_the_tests_of_the_matrix_group(tmp_path: Path) -> None:
    everything = collect(tmp_path)
    assert len(everything) > 500
    expected = {nodeid for nodeid, marks in everything.items() if not marks}
    matrix = collect(tmp_path, "-m", selections()["MATRIX"])
    assert set(matrix) == expected
    # Every test file contributes tests: none fails to import or holds none by mistake.
    files = {f"tests/{path.name}" for path in TESTS.glob("test_*.py")}
    assert {nodeid.split("::")[0] for nodeid in everything} == files
