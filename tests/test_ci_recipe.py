"""The CI recipe: every claimed Python is tested, and make never reuses the wrong venv.

Building venvs is what CI itself does; these check the decisions cheaply (`make -n`
prints what a target would run without running it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from codegen.paths import ROOT

MAKE = shutil.which("make") or "make"  # the project's own entry point: it must be there


def claimed_pythons() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    prefix = "Programming Language :: Python :: 3."
    return [
        c.rsplit(" ", 1)[1] for c in pyproject["project"]["classifiers"] if c.startswith(prefix)
    ]


def test_ci_and_the_workflow_test_every_python_the_package_claims() -> None:
    claimed = claimed_pythons()
    assert claimed == ["3.11", "3.12", "3.13"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (supported,) = re.findall(r"^SUPPORTED := (.*)$", makefile, flags=re.MULTILINE)
    assert supported.split() == claimed
    workflow = yaml.safe_load((ROOT / ".github/workflows/test.yml").read_text(encoding="utf-8"))
    assert workflow["jobs"]["test"]["strategy"]["matrix"]["python"] == claimed
    floors = workflow["jobs"]["floors"]["strategy"]["matrix"]["python"]
    (floors_on,) = re.findall(r"^FLOORS_ON := (.*)$", makefile, flags=re.MULTILINE)
    assert floors == floors_on.split()


def test_the_workflow_runs_what_make_ci_runs() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (recipe,) = re.findall(r"^ci:  ##.*\n((?:\t.*\n)+)", makefile, flags=re.MULTILINE)
    assert recipe.splitlines()[0].split()[-1] == "ci-checks"
    recipe = recipe.replace("\\\n", " ")
    assert recipe.split("--output-sync=recurse")[1].split() == [
        "ci-once",
        "ci-matrix",
        "ci-generic",
        "ci-floors",
        "ci-slow",
    ]
    workflow = yaml.safe_load((ROOT / ".github/workflows/test.yml").read_text(encoding="utf-8"))
    for job in workflow["jobs"].values():
        # Every job installs the Debian packages first, as .ci/run does.
        steps = [step["run"] for step in job["steps"] if "run" in step]
        assert steps[0] == ".ci/apt-install", steps
    runs = {job: steps["steps"][-1]["run"] for job, steps in workflow["jobs"].items()}
    assert runs == {
        "checks": "make ci-checks ci-once ci-generic",
        "test": "make test-${{ matrix.python }}",
        "floors": "make floors-${{ matrix.python }}",
        "slow": "make ci-slow",
    }


def test_find_python_names_a_missing_python_and_fails() -> None:
    result = subprocess.run(
        [str(ROOT / ".ci" / "find-python"), "3.99"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no working Python 3.99" in result.stderr


def test_find_python_finds_the_running_one() -> None:
    version = "{}.{}".format(*sys.version_info[:2])
    result = subprocess.run(
        [str(ROOT / ".ci" / "find-python"), version], capture_output=True, text=True, check=True
    )
    found = result.stdout.strip()
    check = [found, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]
    assert subprocess.run(check, capture_output=True, text=True).stdout.strip() == version


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MAKE, "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_venv_made_with_another_python_is_made_again(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".made-with").write_text("3.11.0 /some/other/python\n")
    (venv / ".installed-dev").touch()  # up to date, as far as pyproject is concerned
    planned = make("-n", f"VENV={venv}", f"PYTHON={sys.executable}", "venv")
    assert planned.returncode == 0, planned.stderr
    assert f"rm -rf {venv}" in planned.stdout
    assert f"uv venv --quiet --seed --python {sys.executable} {venv}" in planned.stdout


def test_a_venv_made_with_this_python_is_kept(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    venv.mkdir()
    identity = f"{sys.version.split()[0]} {sys.base_prefix}"
    (venv / ".made-with").write_text(identity + "\n")
    (venv / ".installed-dev").touch()
    planned = make("-n", f"VENV={venv}", f"PYTHON={sys.executable}", "venv")
    assert planned.returncode == 0, planned.stderr
    assert "rm -rf" not in planned.stdout


def test_a_python_that_does_not_run_stops_make_before_anything_is_touched(
    tmp_path: Path,
) -> None:
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / "keep").touch()
    result = make(f"VENV={venv}", f"PYTHON={tmp_path / 'no-such-python'}", "venv")
    assert result.returncode != 0
    assert "does not run" in result.stderr
    assert (venv / "keep").exists()
