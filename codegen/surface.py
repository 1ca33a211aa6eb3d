"""Emit the public operation surface from openapi.yaml.

openapi-python-client writes the models and its own endpoint functions; this step writes
what the public clients are made of, into the same generated package:

- `operations.py`: one descriptor per operation (method, path, parameters with their
  constraints, body, the model of each documented 2xx and error body, scopes,
  deprecation, and the `x-` policies: idempotency, pagination, CLI hints and flags), as
  data the hand-written core acts on, and `OperationId`, the Literal of every
  operationId;
- `resources.py`: `SyncOperations` and `AsyncOperations`, the typed methods of every
  operation (plain, `_with_http_info`, and `iter_*` for a paginated one), which
  ConversationApi and AsyncConversationApi inherit;
- `schemas.py`: the JSON schemas of request bodies and answers, for the fake UltraCart;
- `documents.py`: the same documents as TypedDicts, for type checkers (the fake's
  accessors return them).

It reads the spec itself rather than the generator's parsed document, because the `x-`
extensions this needs do not survive the generator's parsing (reading.py); names that
would collide are refused first (checks.py). The models' class names are checked against
what the generator wrote.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from codegen import reading
from codegen.checks import check_names
from codegen.model import Op, Param
from codegen.paths import CONFIG, SPEC, TEMPLATES
from codegen.problems import Problems
from codegen.reading import SpecReader
from codegen.schema_data import schema_data, typed_dicts


class SurfaceError(ValueError):
    """openapi.yaml uses something this step cannot express; the message says what."""


def operations_of(document: dict[str, Any], config: dict[str, Any], problems: Problems) -> list[Op]:
    """The operations to render, every refusal added to `problems`."""
    ops = reading.read_operations(document, config, problems)
    check_names(ops, config, problems)
    return ops


def read_operations(spec_path: Path = SPEC, config_path: Path = CONFIG) -> list[Op]:
    """The operations of a spec that generates, for the tools that describe them
    (codegen/reference.py); SurfaceError listing the problems of one that does not."""
    import yaml

    problems = Problems()
    document = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    ops = operations_of(document, config, problems)
    if problems:
        raise SurfaceError(problems.report(spec_path.name))
    return ops


__all__ = ["Op", "Param", "SurfaceError", "read_operations", "render_surface"]


def sensitive_fields(document: dict[str, Any]) -> list[str]:
    """Names of the schema properties marked `x-sensitive: true`."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    return sorted(
        {
            str(name)
            for schema in schemas.values()
            if isinstance(schema, dict)
            for name, prop in (schema.get("properties") or {}).items()
            if isinstance(prop, dict) and prop.get("x-sensitive") is True
        }
    )


def _docstring(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def used_models(ops: list[Op]) -> list[str]:
    return sorted(
        {m for o in ops for m in o.responses.values() if m}
        | {o.body.model for o in ops if o.body}
        | {o.item_model for o in ops if o.item_model}
    )


def render_surface(package_dir: Path, document: dict[str, Any], config: dict[str, Any], ops: list[Op]) -> list[Path]:
    """Write operations.py, resources.py and schemas.py into the rendered package."""
    models_init = (package_dir / "models" / "__init__.py").read_text(encoding="utf-8")
    used = used_models(ops)
    error_models = sorted({m for o in ops for m in o.errors.values()})
    missing = [m for m in used + error_models if not re.search(rf"\b{re.escape(m)}\b", models_init)]
    if missing:
        raise SurfaceError(f"the generator wrote no model class {', '.join(missing)}")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "surface"),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 (Python source, not HTML)
    )
    environment.filters["doc"] = _docstring
    environment.filters["pyrepr"] = repr
    environment.filters["tuple"] = tuple
    schemas, per_operation = schema_data(document, ops)
    names = SpecReader(document, config, Problems()).class_name
    context = {
        "ops": ops,
        "models": used,
        "sensitive": sensitive_fields(document),
        "schemas": schemas,
        "per_operation": per_operation,
        "typed_dicts": typed_dicts(schemas, names, ops),
        "uses_datetime": any("datetime" in p.annotation for o in ops for p in o.params),
        "uses_warnings": any(o.deprecated or o.deprecated_params for o in ops),
    }
    written = []
    for name in ("operations.py", "resources.py", "schemas.py", "documents.py"):
        text = environment.get_template(name + ".jinja").render(**context)
        target = package_dir / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
