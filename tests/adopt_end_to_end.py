"""The maintainer's loop for new upstream operations, end to end, in a temporary copy:

    adopt -> generate -> validate -> the test suite -> what users see -> drift

`python -m tests.adopt_end_to_end --all` (what `make adopt-all-check` runs) adopts all
the operations we do not carry and runs the copy's whole test suite;
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

    def step(self, name: str, *args: str, timeout: float = 1800) -> str:
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
        if done.returncode != 0:
            raise StepFailed(f"{name} (exit {done.returncode}):\n{output[-6000:]}")
        return output


def run(
    operations: list[str] | None,
    workdir: Path,
    upstream: Path = DEFAULT,
    suite: list[str] | None = None,
) -> Loop:
    """The loop in a copy under `workdir`; `operations` None: all; `suite`: pytest
    arguments for the copy's test suite (None: not run)."""
    copy = workdir / "repo"
    shutil.copytree(ROOT, copy, ignore=_IGNORED)
    loop = Loop(copy, upstream)
    wanted = ["--all"] if operations is None else operations
    loop.step("adopt", "-m", "codegen", "adopt", str(upstream), *wanted)
    loop.step("generate", "-m", "codegen", "generate")
    loop.step("validate", "-m", "codegen", "validate")
    if suite is not None:
        loop.step("test", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *suite)
    loop.step("users", "-m", "tests.adopt_user_checks", *wanted)
    loop.step("drift", "-m", "codegen", "drift", str(upstream))
    loop.step("drift-snapshot", "-m", "codegen", "drift", "codegen/upstream/conversation.oas3.json")
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
            None if args.no_suite else [],
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
