"""The JSON schemas the fake UltraCart needs, as data for the generated `schemas.py`: the
request body and 2xx answer of every operation and every schema they reach, compacted
(no prose, `$ref`s reduced to the schema's name). The fake checks request bodies against
them and builds answers for operations it has no written behaviour for."""

from __future__ import annotations

from typing import Any

from codegen.model import Op

# What validating a value and building one needs; descriptions and examples are dropped.
_KEPT = frozenset(
    {
        "type",
        "format",
        "enum",
        "properties",
        "required",
        "items",
        "additionalProperties",
        "nullable",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "pattern",
        "default",
        "anyOf",
        "oneOf",
        "allOf",
        "readOnly",
        "writeOnly",
    }
)
_PREFIX = "#/components/schemas/"


def schema_data(document: dict[str, Any], ops: list[Op]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(schemas by name, per operationId its body's and its 2xx answers' schema names)."""
    paths = document.get("paths") or {}
    per_operation: dict[str, dict[str, Any]] = {}
    wanted: list[str] = []
    for op in ops:
        operation = paths[op.path][op.method.lower()]
        body = _body_schema(document, operation)
        responses: dict[int, str | None] = {}
        for status in op.responses:
            responses[status] = _response_schema(document, operation, status)
        per_operation[op.operation_id] = {"body": body, "responses": responses}
        wanted += [name for name in [body, *responses.values()] if name]
    schemas = (document.get("components") or {}).get("schemas") or {}
    compact: dict[str, Any] = {}
    while wanted:
        name = wanted.pop()
        if name in compact or name not in schemas:
            continue
        compact[name] = _compact(schemas[name], wanted)
    return dict(sorted(compact.items())), dict(sorted(per_operation.items()))


def _resolve(document: dict[str, Any], node: Any) -> Any:
    for _ in range(50):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or ref.startswith(_PREFIX):
            return node
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _json_schema(document: dict[str, Any], holder: Any) -> str | None:
    node = _resolve(document, holder) or {}
    for media, entry in (node.get("content") or {}).items():
        if str(media).split(";")[0].strip().lower() == "application/json":
            ref = (entry or {}).get("schema", {}).get("$ref", "")
            return ref[len(_PREFIX) :] if ref.startswith(_PREFIX) else None
    return None


def _body_schema(document: dict[str, Any], operation: dict[str, Any]) -> str | None:
    raw = operation.get("requestBody")
    return None if raw is None else _json_schema(document, raw)


def _response_schema(document: dict[str, Any], operation: dict[str, Any], status: int) -> str | None:
    responses = operation.get("responses") or {}
    raw = responses.get(str(status), responses.get(status))
    return None if raw is None else _json_schema(document, raw)


def _compact(node: Any, wanted: list[str]) -> Any:
    if isinstance(node, list):
        return [_compact(item, wanted) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref[len(_PREFIX) :]
        if not ref.startswith(_PREFIX) or "/" in name:
            return {}  # a reference into a schema: accept anything there
        wanted.append(name)
        return {"$ref": name}
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            kept[key] = {name: _compact(sub, wanted) for name, sub in value.items()}
        elif key in _KEPT:
            kept[key] = _compact(value, wanted)
    return kept


_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def typed_dicts(schemas: dict[str, Any], class_name: Any, ops: list[Op]) -> list[tuple[str, dict[str, str]]]:
    """(TypedDict name, {JSON key: annotation}) for every compact schema that is an
    object: the JSON documents the fake serves, as a type checker sees them. Every key is
    optional, as the spec's properties are, except a key the spec requires and the id
    of a paginated operation's items (x-pagination item-id: the iterator cannot page
    items without it)."""
    names = {name: class_name(name) + "Dict" for name in schemas}
    identified = {(op.pagination["item_schema"], op.pagination["item_id"]) for op in ops if op.pagination}
    found = []
    for name, schema in schemas.items():
        properties = schema.get("properties")
        if schema.get("type", "object") == "object" and isinstance(properties, dict):
            required = set(schema.get("required") or ())
            fields = {}
            for key, sub in properties.items():
                annotation = _annotation(sub, names)
                if key in required or (name, key) in identified:
                    annotation = f"Required[{annotation}]"
                fields[key] = annotation
            found.append((names[name], fields))
    return sorted(found)


def _annotation(schema: Any, names: dict[str, str]) -> str:
    if not isinstance(schema, dict):
        return "Any"
    ref = schema.get("$ref")
    if ref is not None:
        target = names.get(ref)
        return target if target is not None else "Any"
    kind = schema.get("type")
    if kind in _SCALARS:
        text = _SCALARS[kind]
    elif kind == "array":
        text = f"list[{_annotation(schema.get('items'), names)}]"
    elif kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        text = f"dict[str, {_annotation(schema['additionalProperties'], names)}]"
    elif kind == "object":
        text = "dict[str, Any]"
    else:
        text = "Any"
    return f"{text} | None" if schema.get("nullable") and text != "Any" else text
