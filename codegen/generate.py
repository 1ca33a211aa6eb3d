"""Turn openapi.yaml into generated/ultracart_conversations_api, reproducibly.

1. The spec is read and checked: values without a literal form (literals.py), OpenAPI's
   structure (openapi-spec-validator), then what this package cannot express and the
   names that would collide (reading.py, checks.py). The pinned openapi-python-client
   renders the models and its endpoint functions into a temporary folder. Every problem
   any of these finds is reported together, each with the operation and a JSON pointer;
   one run lists them all.
2. The surface (surface.py) is written, the pinned ruff formats it with
   codegen/ruff.toml, and the result is checked: a module for every operation, and the
   package, the clients and the CLI import and build with it (in a fresh interpreter).
3. Only then does it replace generated/ whole, so files that no longer belong disappear
   and a failed run leaves generated/ untouched.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from codegen import reference
from codegen.literals import check_literals
from codegen.model import Op
from codegen.paths import (
    CONFIG,
    OVERRIDES,
    PACKAGE,
    ROOT,
    RUFF_CONFIG,
    SPEC,
    TARGET,
    TEMPLATES,
)
from codegen.problems import Problems, pointer
from codegen.reading import HTTP_METHODS
from codegen.surface import SurfaceError, operations_of, render_surface

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GenerationError(RuntimeError):
    """The spec cannot be generated, or the generator or the formatter failed, or its
    output is incomplete; the message lists every problem."""


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


def load(spec: Path, problems: Problems) -> dict[str, Any] | None:
    """The spec as a mapping, or None (and a problem) if it is not one."""
    try:
        document = yaml.load(spec.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        problems.add("spec", "#", f"cannot read {spec.name}: {str(exc)[:500]}")
        return None
    if not isinstance(document, dict):
        problems.add("spec", "#", f"{spec.name} is not a mapping")
        return None
    return document


def _validate_structure(document: dict[str, Any], problems: Problems) -> None:
    """OpenAPI's own rules, with openapi-spec-validator (every error, not the first)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(document.get("openapi", ""))
    validators = {"3.0": OpenAPIV30SpecValidator, "3.1": OpenAPIV31SpecValidator}
    validator = validators.get(version[:3])
    if validator is None:
        problems.add("spec", "#/openapi", f"OpenAPI {version!r} is not supported (3.0 or 3.1)")
        return
    try:
        for error in validator(document).iter_errors():
            message = str(error.message)
            path = [str(p) for p in getattr(error, "absolute_path", ())]
            if message.startswith("Duplicate parameter") or (path[-1:] == ["parameters"] and "non-unique" in message):
                continue  # a parameter listed twice: reading.py reports it, with the fix
            problems.add("spec", pointer(*path), message[:500])
    except (RecursionError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # The validator follows $refs itself; a broken one can stop it.
        problems.add("spec", "#", f"OpenAPI validation stopped: {type(exc).__name__}: {exc}"[:500])


def check(spec: Path, problems: Problems, config_path: Path = CONFIG) -> tuple[dict[str, Any], list[Op]] | None:
    """The spec and its operations; None once a problem stops the checks (the
    document is unreadable or not OpenAPI: the later checks assume it is)."""
    document = load(spec, problems)
    if document is None:
        return None
    document = check_literals(document, problems)
    found = len(problems)
    _validate_structure(document, problems)
    if len(problems) > found:
        return None  # not OpenAPI: what follows would read it wrongly
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    ops = operations_of(document, config, problems)
    if not ops and not problems:
        problems.add("spec", "#/paths", "openapi.yaml has no operations")
    return document, ops


def literal_problems(problems: Problems) -> bool:
    """Whether a value without a literal form was found: the generator would write it."""
    return any("literal form" in p.message or "YAML reads" in p.message for p in problems.found)


def _render_models(spec: Path, out: Path, workdir: Path, problems: Problems) -> None:
    """openapi-python-client's models and endpoint modules; what it refuses becomes a
    problem (its own message)."""
    proc = subprocess.run(
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
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        said = (proc.stdout + proc.stderr).strip()
        if "Traceback (most recent call last)" in said:
            # The generator itself failed on something our checks let through: its last
            # line says what, the rest is its own stack.
            said = "it failed: " + said.splitlines()[-1]
        problems.add("spec", "#", "openapi-python-client refuses it:\n" + said[-4000:])


def render(workdir: Path, spec: Path = SPEC) -> Path:
    """Generate and format the package inside `workdir`; return the package folder."""
    problems = Problems()
    checked = check(spec, problems)
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / PACKAGE
    if checked is not None and not literal_problems(problems):
        # Also when the checks found problems: what the generator refuses belongs in
        # the same report.
        _render_models(spec, out, workdir, problems)
    if problems or checked is None:
        raise GenerationError(problems.report(spec.name))
    document, ops = checked
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8")) or {}
    try:
        render_surface(out, document, config, ops)
    except SurfaceError as exc:
        raise GenerationError(f"{spec.name}: {exc}") from None
    # `--meta none` writes no py.typed; the package is typed, so say so (PEP 561).
    (out / "py.typed").write_text("# Marker file for PEP 561\n")
    ruff = [sys.executable, "-m", "ruff"]
    common = ["--config", str(RUFF_CONFIG), "--no-cache", str(out)]
    _run([*ruff, "check", "--fix", "--quiet", *common], cwd=workdir)
    _run([*ruff, "format", "--quiet", *common], cwd=workdir)
    _check_endpoints(out, ops)
    _check_imports(out)
    return out


def endpoint_modules(operation_ids: list[str]) -> dict[str, str]:
    """operationId -> the name of the module openapi-python-client writes for it."""
    from openapi_python_client.strings import PythonIdentifier

    return {o: str(PythonIdentifier(o, "field_")) for o in operation_ids}


def spec_operation_ids(spec: Path = SPEC) -> list[str]:
    """The operationIds of a (valid) spec, for checks and tests that need them all."""
    document = yaml.load(spec.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)
    return [
        operation["operationId"]
        for item in document["paths"].values()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def _check_endpoints(out: Path, ops: list[Op]) -> None:
    """A module for every operation: a generator warning can silently drop endpoints."""
    written = {path.stem for path in (out / "api").rglob("*.py")}
    expected = endpoint_modules([o.operation_id for o in ops])
    missing = [o for o, module in expected.items() if module not in written]
    if missing:
        raise GenerationError(f"the generator wrote no endpoint module for {', '.join(missing)}")


# Run in a fresh interpreter with the rendered package first on the path: every module of
# it imports, and the clients, the fake and the command line build with it.
_IMPORT_CHECK = """
import importlib, pathlib, sys
root = pathlib.Path(sys.argv[1])
package = root.name
for path in sorted(root.rglob("*.py")):
    parts = path.relative_to(root.parent).with_suffix("").parts
    name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    module = importlib.import_module(name)
    assert module.__file__.startswith(str(root)), (name, module.__file__)
for name in ("_sync_client", "_async_client", "testing", "cli"):
    importlib.import_module("ultracart_conversations." + name)
from ultracart_conversations.cli import build_parser
build_parser()
"""


def _check_imports(out: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _IMPORT_CHECK, str(out)],
        # The core of this checkout (a copy of the repository checks its own).
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(out.parent), str(OVERRIDES.parent)])},
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        raise GenerationError("the generated package does not import: " + "\n".join(lines[-12:]))


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def generate(spec: Path = SPEC, target: Path = TARGET) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = render(Path(tmp), spec)
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(fresh, target, ignore=shutil.ignore_patterns("__pycache__"))
    if target == TARGET:
        reference.write(spec)  # docs/reference.md, from the same descriptors
    print(f"generated {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} from {spec.name}")


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
