"""Turn openapi.yaml into generated/ultracart_conversations_api, reproducibly.

The pinned openapi-python-client renders the package into a temporary folder, the pinned
ruff formats it with codegen/ruff.toml, and only then does it replace generated/ whole, so
files that no longer belong disappear and a failed run leaves generated/ untouched.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from codegen import reference
from codegen.paths import (
    CONFIG,
    EXPECTED_ENDPOINTS,
    PACKAGE,
    ROOT,
    RUFF_CONFIG,
    SPEC,
    TARGET,
    TEMPLATES,
)
from codegen.surface import SurfaceError, render_surface


class GenerationError(RuntimeError):
    """The generator or the formatter failed, or its output is incomplete."""


def _generator_executable() -> str:
    # The console script installed next to this interpreter: the pinned one, never
    # whatever happens to be on PATH.
    script = Path(sys.executable).parent / "openapi-python-client"
    if not script.exists():
        raise GenerationError(f"{script} not found: run `make generate`, which installs the pinned generator")
    return str(script)


def _run(cmd: list[str], cwd: Path) -> None:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise GenerationError(f"{' '.join(cmd[:3])} failed:\n{proc.stdout}{proc.stderr}")


def render(workdir: Path, spec: Path = SPEC) -> Path:
    """Generate and format the package inside `workdir`; return the package folder."""
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / PACKAGE
    _run(
        [
            _generator_executable(),
            "generate",
            "--path",
            str(spec),
            "--config",
            str(CONFIG),
            # Our overrides (see codegen/templates/): property templates that type-check
            # values while parsing, a leaner model template, lazy package __init__s;
            # everything else is the generator's own.
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "none",  # we package it ourselves (pyproject.toml at the root)
            "--fail-on-warning",  # a warning can mean dropped endpoints
            "--output-path",
            str(out),
        ],
        cwd=workdir,
    )
    try:
        render_surface(out, spec)
    except SurfaceError as exc:
        raise GenerationError(f"{spec.name}: {exc}") from None
    # `--meta none` writes no py.typed; the package is typed, so say so (PEP 561).
    (out / "py.typed").write_text("# Marker file for PEP 561\n")
    ruff = [sys.executable, "-m", "ruff"]
    common = ["--config", str(RUFF_CONFIG), "--no-cache", str(out)]
    _run([*ruff, "check", "--fix", "--quiet", *common], cwd=workdir)
    _run([*ruff, "format", "--quiet", *common], cwd=workdir)

    endpoints = out / "api" / "conversation"
    missing = [name for name in EXPECTED_ENDPOINTS if not (endpoints / f"{name}.py").exists()]
    if missing:
        raise GenerationError(f"generator dropped endpoints: {', '.join(missing)}")
    return out


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def generate() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = render(Path(tmp))
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(fresh, TARGET)
    reference.write()  # docs/reference.md, from the same descriptors
    print(f"generated {TARGET.relative_to(ROOT)} from {SPEC.name}")


def diff_generated(target: Path = TARGET) -> list[str]:
    """Unified diff between `target` and a fresh render; empty when they match."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = _tree(render(Path(tmp)))
    current = _tree(target) if target.exists() else {}
    lines: list[str] = []
    for name in sorted(current.keys() | fresh.keys()):
        old, new = current.get(name), fresh.get(name)
        if old == new:
            continue
        old_text = old.decode(errors="replace").splitlines(keepends=True) if old is not None else []
        new_text = new.decode(errors="replace").splitlines(keepends=True) if new is not None else []
        lines += difflib.unified_diff(
            old_text,
            new_text,
            fromfile=f"generated/{PACKAGE}/{name}" if old is not None else "/dev/null",
            tofile=f"regenerated/{PACKAGE}/{name}" if new is not None else "/dev/null",
        )
    return lines


def check_generated() -> int:
    lines = diff_generated()
    if not lines:
        print("generated/ matches openapi.yaml")
        return 0
    sys.stdout.writelines(lines)
    print(
        "\ngenerated/ differs from what openapi.yaml generates: run `make generate` "
        "and commit the result (never edit generated/ by hand)",
        file=sys.stderr,
    )
    return 1
