"""docs/reference.md: every operation's methods, parameters, result, errors and CLI command,
written from openapi.yaml at `make generate` (like Stainless's api.md).

It reads the same descriptors the client's surface is generated from
(`codegen.surface.read_operations`), so it cannot describe a method that does not exist;
tests/test_reference.py fails when the committed file is stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from codegen.paths import ROOT, SPEC
from codegen.surface import Op, Param, read_operations

REFERENCE = ROOT / "docs" / "reference.md"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")

# The typed error each documented status raises (ultracart_conversations._response).
STATUS_ERRORS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    404: "NotFoundError",
    410: "ApplicationDisabledError",
    429: "RateLimitError",
}

HEADER = """\
# API reference

Written from `openapi.yaml` by `make generate` (`codegen/reference.py`): do not edit by
hand. Every method exists on `ConversationApi` (sync) and `AsyncConversationApi` (the same
signature, awaited), with a `_with_http_info` twin returning `ApiResponse[result]`
(`data`, `status_code`, `headers`, `content`). Path parameters are positional, the others
keyword-only. Bad input raises `InvalidRequestError` (a `ValueError`) before anything is
sent; every failure of a call raises an `ApiError` subclass (see
[Errors](guide/errors.md)): beside those listed per operation, `ServerError` (5xx),
`ResponseValidationError`, `APIConnectionError`, `APITimeoutError` and
`ClientClosedError` can come from any call.

| method | HTTP | CLI |
| --- | --- | --- |
"""


def _spec_operations(spec_path: Path) -> dict[str, dict[str, Any]]:
    document = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    return {
        operation["operationId"]: operation
        for item in document.get("paths", {}).values()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


def _constraints(param: Param) -> str:
    c = param.constraints
    parts = []
    if "enum" in c:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "minimum" in c and "maximum" in c:
        parts.append(f"{c['minimum']}..{c['maximum']}")
    elif "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    elif "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    for key in ("minLength", "maxLength", "pattern", "format"):
        if key in c:
            parts.append(f"{key} `{c[key]}`")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _operation(op: Op, raw: dict[str, Any]) -> list[str]:
    deprecated = bool(getattr(op, "deprecated", False) or raw.get("deprecated"))
    title = f"## `{op.name}`" + (" (deprecated)" if deprecated else "")
    lines = [title, ""]
    if deprecated:
        lines += ["**Deprecated** in UltraCart's API: it warns when called.", ""]
    lines += [_cell(op.summary or op.operation_id), ""]
    if op.description and op.description != op.summary:
        lines += [op.description.strip(), ""]
    lines += [
        "```py",  # signatures to read: the docs' ```python blocks are run
        f"def {op.name}(self{op.signature}) -> {op.result}",
        f"async def {op.name}(self{op.signature}) -> {op.result}",
        "```",
        "",
        f"`{op.method} {op.path}` (`{op.operation_id}`); OAuth scope "
        + (", ".join(f"`{s}`" for s in op.scopes) or "none")
        + "; "
        + ("retried after a 5xx or a lost response" if op.idempotent else "**not idempotent**:")
        + ("" if op.idempotent else " never retried after a 5xx or a lost response")
        + ".",
        "",
    ]
    params = op.path_params + op.keyword_params
    if params or op.body is not None:
        lines += ["| parameter | type | default | constraints | description |"]
        lines += ["| --- | --- | --- | --- | --- |"]
        for p in params:
            default = "required" if p.required and not p.has_default else repr(p.default)
            if not p.required and not p.has_default:
                default = "None"
            lines.append(
                f"| `{p.python_name}` ({p.location}) | `{_cell(p.annotation)}` | {default} "
                f"| {_cell(_constraints(p))} | {_cell(p.description)} |"
            )
        if op.body is not None:
            body = op.body
            default = "required" if body.required else "None"
            lines.append(f"| `{body.python_name}` (body) | `{body.model}` | {default} | | {_cell(body.description)} |")
        lines.append("")
    statuses = sorted(int(s) for s in raw.get("responses", {}) if str(s).isdigit())
    errors = [f"`{STATUS_ERRORS[s]}` ({s})" for s in statuses if s in STATUS_ERRORS]
    errors += [f"`ServerError` ({s})" for s in statuses if s >= 500]
    lines += [f"Returns `{op.result}`. Raises " + (", ".join(errors) or "no documented error") + "."]
    lines.append("")
    if op.pagination is not None:
        filters = ", ".join(f"`{p.python_name}`" for p in op.filters)
        lines += [
            f"Pagination: `{op.iter_name}(page_size={op.pagination['max_page_size']}, "
            f"max_items=None{', ' + filters if filters else ''}, deadline=None)` yields every "
            f"`{op.item_model}` once (async: `async for`, with `concurrency=`); see "
            "[Pagination](guide/pagination.md).",
            "",
        ]
    cli = op.cli["command"]
    arguments = " ".join(p.python_name.upper() for p in op.path_params)
    lines += [f"CLI: `ultracart-conversations {cli}{' ' + arguments if arguments else ''}`", ""]
    return lines


def render(spec_path: Path = SPEC) -> str:
    operations = read_operations(spec_path)
    raw = _spec_operations(spec_path)
    lines = [HEADER.rstrip("\n")]
    for op in operations:
        lines.append(f"| [`{op.name}`](#{op.name}) | `{op.method} {op.path}` | `{op.cli['command']}` |")
    lines.append("")
    for op in operations:
        lines += _operation(op, raw[op.operation_id])
    return "\n".join(lines).rstrip("\n") + "\n"


def write(spec_path: Path = SPEC, target: Path = REFERENCE) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(spec_path), encoding="utf-8")
