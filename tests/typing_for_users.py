"""What users' type checkers make of this package, run by `make lint`.

    python -m tests.typing_for_users readme       the README's examples, and each docs
                                                  page's, as one module per page, under
                                                  mypy --strict and pyright strict
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
DOCS = ROOT / "docs"
PUBLIC_PACKAGE = "ultracart_conversations"
MIN_COMPLETENESS = 0.99
PYRIGHT = Path(sys.executable).parent / "pyright"


def examples_module(page: Path) -> str:
    """Every ```python block of a page, in order, as one module's source."""
    text = page.read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    return "\n\n".join(blocks)


def readme_examples_module() -> str:
    return examples_module(README)


def examples_modules() -> dict[str, str]:
    """The README's and each docs page's examples: module file name -> source."""
    pages = [README, *sorted(DOCS.rglob("*.md"))]
    modules = {}
    for page in pages:
        source = examples_module(page)
        if source:
            name = re.sub(r"\W", "_", page.relative_to(ROOT).with_suffix("").as_posix())
            modules[f"examples_{name.lower()}.py"] = source
    return modules


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
        modules = examples_modules()
        for name, source in modules.items():
            (folder / name).write_text(source, encoding="utf-8")
        (folder / "pyrightconfig.json").write_text(
            # Blocks that each stand alone import the same module again once concatenated.
            json.dumps(
                {
                    "typeCheckingMode": "strict",
                    "pythonVersion": "3.11",
                    "reportDuplicateImport": False,
                }
            )
        )
        # Each page is a module of its own.
        mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *modules]
        pyright = [str(PYRIGHT), "--pythonpath", sys.executable, *modules]
        failed = 0
        for name, cmd in (("mypy --strict", mypy), ("pyright strict", pyright)):
            code, output = _run(cmd, folder)
            if code != 0:
                failed = 1
                print(f"examples under {name}:\n{output}", file=sys.stderr)
    if not failed:
        print(f"examples of README and docs ({len(modules)} pages): clean under mypy and pyright")
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
