"""`python -m codegen snapshot UPSTREAM`: refresh codegen/upstream/ from UltraCart's document.

CI has no network, so `make ci` checks drift against a reviewed extract of UltraCart's
spec. This writes that extract, deterministically, from the full document (a path or a
URL, read with the drift tool's tolerant, bounded loader: UltraCart's own document does
not pass strict validation):

- the operations openapi.yaml has (matched by method and path), with every schema they
  reach and the security schemes: structure only — types, formats, enums, bounds,
  required, parameters, bodies, statuses, headers — with UltraCart's prose, examples and
  titles left out;
- every other operation under the same first path segment (`/conversation`) as a stub
  (its operationId), so that drift still lists what upstream has and we do not.

The next refresh is one command and a reviewed diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from codegen.drift.errors import reading
from codegen.drift.load import load_document
from codegen.paths import ROOT, SPEC
from codegen.prose import strip_prose
from codegen.refs import refs_in, walk_components

TARGET = ROOT / "codegen" / "upstream" / "conversation.oas3.json"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def _strip(node: Any) -> Any:
    return strip_prose(node)


def _response(node: Any) -> Any:
    """A response keeps an empty description: OpenAPI requires the key."""
    stripped = _strip(node)
    if isinstance(stripped, dict) and "$ref" not in stripped:
        stripped["description"] = ""
    return stripped


def extract(upstream: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    wanted = {(path, method) for path, item in ours.get("paths", {}).items() for method in item}
    prefixes = {"/" + path.strip("/").split("/")[0] for path, _ in wanted}
    paths: dict[str, Any] = {}
    for path, item in sorted(upstream.get("paths", {}).items()):
        if not isinstance(item, dict) or not any(path.startswith(p) for p in prefixes):
            continue
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            if (path, method) in wanted:
                kept = _strip({k: v for k, v in operation.items() if k != "responses"})
                kept["responses"] = {
                    str(status): _response(response) for status, response in operation.get("responses", {}).items()
                }
                shared = item.get("parameters")
                if shared:
                    kept["parameters"] = _strip(shared) + kept.get("parameters", [])
            else:
                kept = {"operationId": operation.get("operationId", ""), "responses": {}}
            paths.setdefault(path, {})[method] = kept
    components: dict[str, dict[str, Any]] = {}
    source_components = upstream.get("components", {})

    def keep(ref: str, section: str, name: str) -> Any:
        node = source_components.get(section, {}).get(name)
        if node is None:
            return None
        stripped = _response(node) if section == "responses" else _strip(node)
        components.setdefault(section, {})[name] = stripped
        return stripped

    walk_components(sorted(set(refs_in(paths))), keep)
    components["securitySchemes"] = strip_prose(source_components.get("securitySchemes", {}), names=True)
    snapshot: dict[str, Any] = {
        "openapi": upstream.get("openapi", "3.0.0"),
        "info": {
            "title": "UltraCart REST API v2 (structural extract for drift checks)",
            "version": str(upstream.get("info", {}).get("version", "")),
        },
        "servers": upstream.get("servers", []),
        "paths": paths,
        "components": {k: dict(sorted(v.items())) for k, v in sorted(components.items())},
    }
    if "security" in upstream:
        snapshot["security"] = upstream["security"]
    return snapshot


def write_snapshot(source: str, target: Path = TARGET, spec: Path = SPEC) -> Path:
    """Refresh the whole snapshot from `source` for the operations `spec` has."""
    upstream = load_document(source)
    ours = yaml.safe_load(spec.read_text(encoding="utf-8"))
    snapshot = reading(source, lambda: extract(upstream, ours))
    _write(snapshot, target)
    return target


def refresh_operations(
    upstream: dict[str, Any], source: str, ours: dict[str, Any], keys: set[tuple[str, str]], target: Path = TARGET
) -> str:
    """Refresh only the operations `keys` ((path, method), as in our spec) and what they reach.

    `adopt` uses this: the operations it adopted get their full structure from the
    document it adopted them from; every other operation, and every component the
    snapshot already has, stays as reviewed (a full refresh is `snapshot`'s job).
    Returns the new text of `target`, for the caller to write.
    """
    current = load_document(str(target))
    fresh = reading(source, lambda: extract(upstream, ours))
    paths = current.setdefault("paths", {})
    for path, method in sorted(keys):
        operation = fresh.get("paths", {}).get(path, {}).get(method)
        if operation is not None:
            paths.setdefault(path, {})[method] = operation
    current["paths"] = dict(sorted(paths.items()))
    components = current.setdefault("components", {})
    for section, named in fresh.get("components", {}).items():
        have = components.setdefault(section, {})
        for name, node in named.items():
            have.setdefault(name, node)
        components[section] = dict(sorted(have.items()))
    return _text(current)


def _text(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, indent=1, sort_keys=True) + "\n"


def _write(snapshot: dict[str, Any], target: Path) -> None:
    target.write_text(_text(snapshot), encoding="utf-8")
