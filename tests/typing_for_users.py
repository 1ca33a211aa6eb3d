"""What users' type checkers make of this package, run by `make lint`.

    python -m tests.typing_for_users readme       the README's examples, as one module,
                                                  under mypy --strict and pyright strict
    python -m tests.typing_for_users verifytypes  pyright --verifytypes: at least 99 % of
                                                  the public API's symbols fully typed

The examples are read from README.md at run time (every ```python block, in order,
concatenated as is), so the check follows the README as it changes. Both checkers run
in a temporary folder, away from this repository's configuration, against the package
as installed in this environment: what a user gets.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PUBLIC_PACKAGE = "ultracart_conversations"
MIN_COMPLETENESS = 0.99
PYRIGHT = Path(sys.executable).parent / "pyright"


def readme_examples_module() -> str:
    """Every ```python block of the README, in order, as one module's source."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    return "\n\n".join(blocks)


def _run(cmd: list[str], cwd: Path) -> tuple[int, str]:
    # pyright --verifytypes ignores --pythonpath and asks the `python` on PATH for its
    # search paths: put this environment's first.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def check_readme() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "readme_examples.py").write_text(readme_examples_module(), encoding="utf-8")
        (folder / "pyrightconfig.json").write_text(
            json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11"})
        )
        mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "readme_examples.py"]
        pyright = [str(PYRIGHT), "--pythonpath", sys.executable, "readme_examples.py"]
        failed = 0
        for name, cmd in (("mypy --strict", mypy), ("pyright strict", pyright)):
            code, output = _run(cmd, folder)
            if code != 0:
                failed = 1
                print(f"README examples under {name}:\n{output}", file=sys.stderr)
    if not failed:
        print("README examples: clean under mypy --strict and pyright strict")
    return failed


def check_verifytypes() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            str(PYRIGHT),
            "--pythonpath",
            sys.executable,
            "--verifytypes",
            PUBLIC_PACKAGE,
            "--ignoreexternal",
            "--outputjson",
        ]
        _, output = _run(cmd, Path(tmp))
    try:
        report = json.loads(output)["typeCompleteness"]
    except (ValueError, KeyError):
        print(f"pyright --verifytypes gave no report:\n{output}", file=sys.stderr)
        return 1
    score = float(report["completenessScore"])
    exported = sum(report["exportedSymbolCounts"].values())
    print(
        f"pyright --verifytypes {PUBLIC_PACKAGE}: {score:.1%} of {exported} exported symbols"
        f" fully typed (minimum {MIN_COMPLETENESS:.0%})"
    )
    if exported == 0:  # the package was not found: a score of nothing proves nothing
        print(output, file=sys.stderr)
        return 1
    if score < MIN_COMPLETENESS:
        for symbol in report["symbols"]:
            if symbol["isExported"] and (not symbol["isTypeKnown"] or symbol["isTypeAmbiguous"]):
                print(f"  {symbol['name']}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    checks = {"readme": check_readme, "verifytypes": check_verifytypes}
    if len(argv) != 1 or argv[0] not in checks:
        print(f"usage: python -m tests.typing_for_users {{{','.join(checks)}}}", file=sys.stderr)
        return 2
    return checks[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
