"""The maintainer's loop for new upstream operations, end to end, in a temporary copy:

    adopt -> generate -> validate -> the test suite -> what users see -> drift

`python -m tests.adopt_end_to_end --all` adopts all the operations we do not carry and
runs the copy's suite as `make test` does, less its property tests (the `adopt_all` test of
tests/test_adopt_end_to_end.py, `make adopt-all-check`, runs the same);
`python -m tests.adopt_end_to_end OPERATION_ID...` adopts those. Each step runs the
command its make target runs (`make adopt` is `python -m codegen adopt`, and so on), in
the copy, with the copy's code first on the import path; the time of each is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.upstream_document import DEFAULT, ROOT

_IGNORED = shutil.ignore_patterns(
    ".git", ".venv*", "dist", "__pycache__", ".*_cache", "*.egg-info", "build", "bench"
)
# Set inside the copy, so that its own suite does not start this loop again.
INNER = "ADOPT_END_TO_END_INNER"
SNAPSHOT = "codegen/upstream/conversation.oas3.json"
# The copy's suite: what `make test` runs (all but the slow jobs, in parallel), less the
# property tests (hypothesis), which draw documents for every schema: 400 schemas once all
# is adopted, and the whole of `make test` then took 11.7 min on 2 cores.
SUITE = ["-m", "not slow and not hypothesis", "-n", "4", "--dist", "loadfile"]


class StepFailed(AssertionError):
    pass


@dataclass
class Loop:
    copy: Path
    upstream: Path
    timings: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        paths = [str(self.copy / "overrides"), str(self.copy / "generated"), str(self.copy)]
        env = {
            "PYTHONPATH": os.pathsep.join(paths),
            INNER: "1",
            "UPSTREAM_DOCUMENT": str(self.upstream),
        }
        return {**os.environ, **env}

    def step(self, name: str, *args: str, exit_status: int = 0, timeout: float = 1800) -> str:
        """Runs `python ARGS` in the copy; StepFailed unless it exits with `exit_status`."""
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, *args],
            cwd=self.copy,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        self.timings[name] = time.perf_counter() - started
        output = self.outputs[name] = done.stdout + done.stderr
        if done.returncode != exit_status:
            raise StepFailed(f"{name} (exit {done.returncode}):\n{output[-6000:]}")
        return output

    def check(
        self, operations: list[str] | None, suite: list[str] | None = None, label: str = ""
    ) -> None:
        """What follows an edit of the spec: generate, validate, the copy's suite (pytest
        arguments; None: not run), what users see of `operations` (None: all), drift
        against upstream and against the refreshed snapshot. `label` tells the steps of a
        second round apart."""
        wanted = ["--all"] if operations is None else operations
        self.step("generate" + label, "-m", "codegen", "generate")
        self.step("validate" + label, "-m", "codegen", "validate")
        if suite is not None:
            self.step("test" + label, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *suite)
        self.step("users" + label, "-m", "tests.adopt_user_checks", *wanted)
        self.step("drift" + label, "-m", "codegen", "drift", str(self.upstream))
        self.step("drift-snapshot" + label, "-m", "codegen", "drift", SNAPSHOT)


def run(
    operations: list[str] | None,
    workdir: Path,
    upstream: Path = DEFAULT,
    suite: list[str] | None = None,
) -> Loop:
    """The loop in a copy under `workdir`: adopt `operations` (None: all we lack), then
    Loop.check; `suite`: pytest arguments for the copy's test suite (None: not run)."""
    copy = workdir / "repo"
    shutil.copytree(ROOT, copy, ignore=_IGNORED)
    uv = ROOT / ".venv-uv"  # the Makefile's pinned uv: make's venv plans then read as here
    if uv.is_dir():
        (copy / ".venv-uv").symlink_to(uv)
    loop = Loop(copy, upstream)
    wanted = ["--all"] if operations is None else operations
    loop.step("adopt", "-m", "codegen", "adopt", str(upstream), *wanted)
    loop.check(operations, suite)
    return loop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.adopt_end_to_end", description=__doc__)
    parser.add_argument("operations", nargs="*", metavar="OPERATION_ID")
    parser.add_argument(
        "--all", action="store_true", help="every upstream operation we do not carry"
    )
    parser.add_argument("--upstream", type=Path, default=DEFAULT)
    parser.add_argument("--no-suite", action="store_true", help="skip the copy's test suite")
    parser.add_argument("--keep", action="store_true", help="keep the copy (its path is printed)")
    args = parser.parse_args(argv)
    if bool(args.operations) == args.all:
        parser.error("name operations, or --all")
    workdir = Path(tempfile.mkdtemp(prefix="adopt-end-to-end-"))
    started = time.perf_counter()
    try:
        loop = run(
            None if args.all else args.operations,
            workdir,
            args.upstream,
            None if args.no_suite else SUITE,
        )
    except StepFailed as exc:
        print(f"FAILED: {exc}")
        return 1
    finally:
        if args.keep:
            print(f"the copy: {workdir / 'repo'}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    for name, seconds in loop.timings.items():
        print(f"{name:<15} {seconds:7.1f} s")
    print(f"{'whole loop':<15} {time.perf_counter() - started:7.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
