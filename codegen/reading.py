"""Read openapi.yaml into the operations codegen renders (`model.Op`), refusing what it
cannot generate: every problem of the document goes into one `Problems`, with the
operation and a JSON pointer, so that one run reports them all.

The document has passed the structural validation (generate.py) before it gets here,
so its shape is OpenAPI's; what is checked here is what OpenAPI allows but this package
cannot express, and the names that would collide once turned into Python or flags
(see names.py and checks.py).
"""

from __future__ import annotations

from typing import Any

from openapi_python_client.strings import ClassName

from codegen.model import PY_TYPES, Body, BodyField, Op, Param
from codegen.names import header_name, python_name_problem, snake
from codegen.problems import Problems, pointer

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_NOT_IDEMPOTENT_METHODS = {"POST", "PATCH"}
_SCALAR_CONSTRAINTS = ("minimum", "maximum", "minLength", "maxLength", "enum", "format")
_JSON_TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


class SpecReader:
    """Resolves references and names models for one document."""

    def __init__(self, document: dict[str, Any], config: dict[str, Any], problems: Problems):
        self.document = document
        self.problems = problems
        self.class_overrides = {
            str(name): str(entry["class_name"])
            for name, entry in (config.get("class_overrides") or {}).items()
            if isinstance(entry, dict) and "class_name" in entry
        }
        self.header_prefixes = tuple(str(p) for p in config.get("header_prefixes") or ())

    def resolve(self, node: Any, where: str, at: str) -> Any:
        """The node a (chain of) local $ref(s) points at; {} (and a problem) if none."""
        seen: list[str] = []
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                self.problems.add(where, at, f"only local $refs are supported, got {ref!r}")
                return {}
            if ref in seen:
                self.problems.add(where, at, f"$ref cycle: {' -> '.join([*seen, ref])}")
                return {}
            seen.append(ref)
            target: Any = self.document
            for part in ref[2:].split("/"):
                key = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or key not in target:
                    self.problems.add(where, at, f"$ref {ref} points at nothing")
                    return {}
                target = target[key]
            node = target
        return node

    def schema_name(self, schema: Any) -> str | None:
        """The components schema a `$ref` names, or None for an inline schema."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        prefix = "#/components/schemas/"
        if isinstance(ref, str) and ref.startswith(prefix) and "/" not in ref[len(prefix) :]:
            return ref[len(prefix) :]
        return None

    def class_name(self, schema_name: str) -> str:
        """The generated model class of a components schema (as the generator names it)."""
        generated = ClassName(schema_name, "field_")
        return self.class_overrides.get(generated, generated)

    def model_name(self, schema: Any, where: str, at: str, what: str) -> str | None:
        name = self.schema_name(schema)
        if name is None:
            self.problems.add(
                where,
                at,
                f"{what} is an inline schema",
                "move it to components/schemas and refer to it with $ref",
            )
            return None
        if name not in (self.document.get("components", {}).get("schemas") or {}):
            self.problems.add(where, at, f"{what}: no schema {name} in components/schemas")
            return None
        return self.class_name(name)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _json_media(content: Any) -> tuple[str | None, list[str]]:
    """The JSON media type of a content map (parameters such as charset allowed), and
    the other media types it lists."""
    json_type, others = None, []
    for media in content or {}:
        if str(media).split(";")[0].strip().lower() == "application/json":
            json_type = json_type or media
        else:
            others.append(str(media))
    return json_type, others


def read_operations(document: dict[str, Any], config: dict[str, Any], problems: Problems) -> list[Op]:
    """Every operation of the document (sorted by method name), problems added."""
    reader = SpecReader(document, config, problems)
    ops: list[Op] = []
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        shared = item.get("parameters") or []
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                op = _operation(reader, str(path), method, operation, shared)
                if op is not None:
                    ops.append(op)
    ops.sort(key=lambda o: (o.name, o.operation_id))
    return ops


def _operation(reader: SpecReader, path: str, method: str, operation: dict[str, Any], shared: list[Any]) -> Op | None:
    problems = reader.problems
    at = pointer("paths", path, method)
    operation_id = operation.get("operationId")
    if not isinstance(operation_id, str) or not operation_id.strip():
        problems.add(f"{method.upper()} {path}", at, "no operationId", "give it one")
        return None
    where = operation_id
    name = _python_name(problems, where, at, operation, snake(operation_id))
    params = _parameters(reader, where, at, path, operation, shared)
    body = _body(reader, where, at, operation)
    responses, errors = _responses(reader, where, at, operation)
    idempotent = operation.get("x-idempotent", method.upper() not in _NOT_IDEMPOTENT_METHODS)
    if not isinstance(idempotent, bool):
        problems.add(where, at + "/x-idempotent", "x-idempotent must be true or false")
        idempotent = False
    op = Op(
        operation_id=operation_id,
        name=name,
        method=method.upper(),
        path=path,
        pointer=at,
        summary=_text(operation.get("summary")),
        description=_text(operation.get("description")),
        params=params,
        body=body,
        responses=responses,
        errors=errors,
        idempotent=idempotent,
        scopes=_scopes(reader.document, operation),
        deprecated=operation.get("deprecated") is True,
    )
    op.cli = _cli(reader, op, operation.get("x-cli"))
    if "x-pagination" in operation:
        _pagination(reader, op, operation["x-pagination"])
    return op


def _python_name(problems: Problems, where: str, at: str, node: dict[str, Any], derived: str) -> str:
    """The node's x-python-name if it has a usable one, else the name derived."""
    if "x-python-name" not in node:
        return derived
    problem = python_name_problem(node["x-python-name"])
    if problem:
        problems.add(where, at + "/x-python-name", problem)
        return derived
    return str(node["x-python-name"])


# --- parameters ----------------------------------------------------------------------------


def _parameters(
    reader: SpecReader,
    where: str,
    at: str,
    path: str,
    operation: dict[str, Any],
    shared: list[Any],
) -> list[Param]:
    """The operation's parameters: the path item's, overridden by the operation's own
    of the same name and location (as OpenAPI says)."""
    problems = reader.problems
    found: dict[tuple[str, str], Param] = {}
    levels = [
        (pointer("paths", path, "parameters"), shared),
        (at + "/parameters", operation.get("parameters") or []),
    ]
    for level_at, raw_params in levels:
        seen: set[tuple[str, str]] = set()
        for index, raw in enumerate(raw_params):
            param_at = f"{level_at}/{index}"
            param = _param(reader, where, param_at, raw)
            if param is None:
                continue
            key = (param.name, param.location)
            if key in seen:
                problems.add(
                    where,
                    param_at,
                    f"the {param.location} parameter {param.name} is listed twice",
                    "merge the two into one",
                )
                continue
            seen.add(key)
            found[key] = param
    params = list(found.values())
    for name in _template_names(path):
        if (name, "path") not in found:
            problems.add(where, at, f"the path names {{{name}}} but no path parameter declares it")
    for param in params:
        if param.location == "path" and param.name not in _template_names(path):
            problems.add(where, at, f"path parameter {param.name} is not in the path {path}")
    return params


def _template_names(path: str) -> list[str]:
    names, rest = [], path
    while "{" in rest and "}" in rest.split("{", 1)[1]:
        inner, rest = rest.split("{", 1)[1].split("}", 1)
        names.append(inner)
    return names


def _param(reader: SpecReader, where: str, at: str, raw: Any) -> Param | None:
    problems = reader.problems
    node = reader.resolve(raw, where, at)
    name, location = node.get("name"), node.get("in")
    if not isinstance(name, str) or not name:
        problems.add(where, at, "a parameter without a name")
        return None
    if location not in ("path", "query", "header"):
        problems.add(
            where,
            at,
            f"parameter {name} is in {location}; only path, query and header are supported",
        )
        return None
    if "schema" not in node:
        problems.add(where, at, f"parameter {name} has no schema (content is not supported)")
        return None
    schema = reader.resolve(node.get("schema"), where, at + "/schema")
    kind = schema.get("type", "string")
    if kind not in PY_TYPES:
        problems.add(
            where,
            at + "/schema",
            f"parameter {name} of type {kind} is not supported (only string, integer, number, boolean)",
        )
        return None
    constraints = {key: schema[key] for key in _SCALAR_CONSTRAINTS if key in schema}
    _check_values(reader, where, at + "/schema", name, kind, schema, constraints)
    constant = node.get("x-client-constant") is True
    if constant and "default" not in schema:
        problems.add(where, at, f"x-client-constant parameter {name} needs a default")
    derived = header_name(name, reader.header_prefixes) if location == "header" else snake(name)
    python_name = _python_name(problems, where, at, node, derived)
    return Param(
        name=name,
        python_name=python_name,
        location=location,
        kind=kind,
        required=node.get("required") is True or location == "path",
        default=schema.get("default"),
        has_default="default" in schema,
        constant=constant,
        description=_text(node.get("description") or schema.get("description")),
        constraints=constraints,
        deprecated=node.get("deprecated") is True,
    )


def _check_values(
    reader: SpecReader,
    where: str,
    at: str,
    name: str,
    kind: str,
    schema: dict[str, Any],
    constraints: dict[str, Any],
) -> None:
    """A default and enum values of the parameter's own type, bounds that are numbers."""
    problems = reader.problems
    expected = _JSON_TYPES[kind]

    def fits(value: Any) -> bool:
        return isinstance(value, expected) and not (kind != "boolean" and isinstance(value, bool))

    if "default" in schema and not fits(schema["default"]):
        problems.add(where, at + "/default", f"the default of {name} is not a {kind}")
    enum = constraints.get("enum")
    if enum is not None:
        if not isinstance(enum, list) or not enum:
            problems.add(where, at + "/enum", f"the enum of {name} must be a non-empty list")
            del constraints["enum"]
        elif not all(fits(value) for value in enum):
            problems.add(where, at + "/enum", f"the enum of {name} has values that are not {kind}s")
            del constraints["enum"]
    for bound in ("minimum", "maximum", "minLength", "maxLength"):
        value = constraints.get(bound)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            problems.add(where, f"{at}/{bound}", f"the {bound} of {name} is not a number")
            del constraints[bound]
    if "format" in constraints and not isinstance(constraints["format"], str):
        del constraints["format"]


# --- body and responses ----------------------------------------------------------------------


def _body(reader: SpecReader, where: str, at: str, operation: dict[str, Any]) -> Body | None:
    raw = operation.get("requestBody")
    if raw is None:
        return None
    at += "/requestBody"
    node = reader.resolve(raw, where, at)
    media, others = _json_media(node.get("content"))
    if media is None or others:
        listed = ", ".join(str(m) for m in node.get("content") or {}) or "none"
        reader.problems.add(
            where,
            at + "/content",
            f"only application/json request bodies are supported (got {listed})",
        )
        return None
    schema_ref = node["content"][media].get("schema", {})
    model = reader.model_name(schema_ref, where, f"{at}/content/{media}/schema", "the body")
    if model is None:
        return None
    schema = reader.resolve(schema_ref, where, at)
    fields = []
    for prop, prop_schema in sorted((schema.get("properties") or {}).items()):
        resolved = reader.resolve(prop_schema, where, at)
        kind = resolved.get("type", "object")
        items = None
        if kind == "array":
            items = reader.resolve(resolved.get("items", {}), where, at).get("type", "object")
        fields.append(BodyField(str(prop), str(kind), items, _text(resolved.get("description"))))
    body_name = operation.get("x-codegen-request-body-name") or "body"
    return Body(
        python_name=snake(str(body_name)),
        model=model,
        required=node.get("required") is True,
        description=_text(node.get("description")),
        fields=fields,
    )


def _responses(
    reader: SpecReader, where: str, at: str, operation: dict[str, Any]
) -> tuple[dict[int, str | None], dict[str, str]]:
    """The model of each documented 2xx (None: no body), and of each documented error
    status ("409", "4XX", "default") whose body is a JSON components schema."""
    problems = reader.problems
    success: dict[int, str | None] = {}
    errors: dict[str, str] = {}
    for status, raw in (operation.get("responses") or {}).items():
        status = str(status)
        status_at = f"{at}/responses/{status}"
        node = reader.resolve(raw, where, status_at)
        media, others = _json_media(node.get("content"))
        is_success = status.isdigit() and 200 <= int(status) < 300
        if not is_success:
            schema = node["content"][media].get("schema") if media else None
            name = reader.schema_name(schema)
            if name is not None and name in (reader.document["components"].get("schemas") or {}):
                errors[status] = reader.class_name(name)
            continue
        if media is None and not others:
            success[int(status)] = None
            continue
        if media is None:
            problems.add(
                where,
                status_at + "/content",
                f"a {status} body must be application/json (got {', '.join(others)})",
            )
            continue
        schema = node["content"][media].get("schema")
        success[int(status)] = reader.model_name(
            schema, where, f"{status_at}/content/{media}/schema", f"the {status} body"
        )
    if not success:
        problems.add(
            where,
            at + "/responses",
            "no 2xx response documented",
            "document the success answer (adopt adds a reviewed 204 where upstream has none)",
        )
    models = sorted({m for m in success.values() if m is not None})
    if len(models) > 1:
        problems.add(
            where,
            at + "/responses",
            f"2xx responses with different schemas ({', '.join(models)})",
            "document one schema for every 2xx",
        )
    return dict(sorted(success.items())), dict(sorted(errors.items()))


def _scopes(document: dict[str, Any], operation: dict[str, Any]) -> list[str]:
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    scopes: list[str] = []
    for requirement in operation.get("security", document.get("security")) or []:
        for scheme, wanted in (requirement or {}).items():
            if (schemes.get(scheme) or {}).get("type") == "oauth2":
                scopes += [str(s) for s in wanted or [] if s not in scopes]
    return scopes


# --- x-cli and x-pagination ---------------------------------------------------------------------


def _cli(reader: SpecReader, op: Op, raw: Any) -> dict[str, Any]:
    at = op.pointer + "/x-cli"
    hints = raw if isinstance(raw, dict) else {}
    if raw is not None and not isinstance(raw, dict):
        reader.problems.add(op.operation_id, at, "x-cli must be a mapping")
    command = hints.get("command") or op.name.replace("_", "-")
    if not isinstance(command, str) or not command.replace("-", "").isalnum():
        reader.problems.add(op.operation_id, at, f"x-cli command {command!r} is not a word")
        command = op.name.replace("_", "-")
    columns = hints.get("columns") or ()
    if not isinstance(columns, list | tuple) or not all(isinstance(c, str) for c in columns):
        reader.problems.add(op.operation_id, at, "x-cli columns must be a list of names")
        columns = ()
    flags = hints.get("flags") or {}
    if not isinstance(flags, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.startswith("--") for k, v in flags.items()
    ):
        reader.problems.add(op.operation_id, at, "x-cli flags must map names to --flags")
        flags = {}
    return {"command": command, "columns": tuple(columns), "flags": dict(flags)}


def _pagination(reader: SpecReader, op: Op, raw: Any) -> None:
    where, at = op.operation_id, op.pointer + "/x-pagination"
    problems = reader.problems
    if not isinstance(raw, dict):
        problems.add(where, at, "x-pagination must be a mapping")
        return
    needed = ("items", "item-id", "limit", "offset", "result-set")
    missing = [key for key in needed if not isinstance(raw.get(key), str)]
    if missing:
        problems.add(where, at, f"x-pagination needs {', '.join(missing)} (names)")
        return
    by_name = {p.name: p for p in op.params}
    for key in ("limit", "offset"):
        param = by_name.get(raw[key])
        if param is None or param.location != "query" or param.kind != "integer":
            problems.add(
                where,
                f"{at}/{key}",
                f"x-pagination {key} names no integer query parameter ({raw[key]!r})",
                "page through query parameters (UltraCart pages POST searches that way too)",
            )
            return
    limit = by_name[raw["limit"]]
    if "maximum" not in limit.constraints:
        problems.add(where, f"{at}/limit", "the limit parameter needs a maximum")
        return
    response = _success_schema(reader, op)
    items = reader.resolve((response.get("properties") or {}).get(raw["items"], {}), where, at)
    if items.get("type") != "array":
        problems.add(where, f"{at}/items", f"items names no array property ({raw['items']!r})")
        return
    item_model = reader.model_name(items.get("items", {}), where, f"{at}/items", "the items")
    if item_model is None:
        return
    item_properties = reader.resolve(items.get("items", {}), where, at).get("properties") or {}
    item_id = reader.resolve(item_properties.get(raw["item-id"], {}), where, at)
    if item_id.get("type") != "string":
        problems.add(
            where,
            f"{at}/item-id",
            f"item-id names no string property of the items ({raw['item-id']!r})",
            "name the property that identifies an item; the iterator compares ids as strings",
        )
        return
    result_set = tuple(raw["result-set"].split("."))
    node = response
    for part in result_set:
        node = reader.resolve((node.get("properties") or {}).get(part, {}), where, at)
    if not node.get("properties"):
        problems.add(where, f"{at}/result-set", f"result-set names no object ({raw['result-set']!r})")
        return
    iterator = raw.get("iterator", "iter_" + snake(raw["items"]))
    problem = python_name_problem(iterator)
    if problem:
        problems.add(where, f"{at}/iterator", problem.replace("x-python-name", "iterator"))
        return
    op.item_model = item_model
    op.pagination = {
        "item_schema": reader.schema_name(items.get("items", {})),
        "iterator": iterator,
        "items": raw["items"],
        "item_id": raw["item-id"],
        "limit": raw["limit"],
        "offset": raw["offset"],
        "result_set": result_set,
        "max_page_size": int(limit.constraints["maximum"]),
    }
    for column in op.cli.get("columns", ()):
        if column not in item_properties:
            problems.add(where, op.pointer + "/x-cli/columns", f"column {column!r} is no property of the items")


def _success_schema(reader: SpecReader, op: Op) -> dict[str, Any]:
    """The schema of the operation's 2xx answer with a body ({} if none)."""
    responses = reader.document["paths"][op.path][op.method.lower()].get("responses") or {}
    for status in sorted(responses, key=str):
        node = reader.resolve(responses[status], op.operation_id, op.pointer)
        media, _ = _json_media(node.get("content"))
        if str(status).startswith("2") and media is not None:
            schema = node["content"][media].get("schema", {})
            resolved: dict[str, Any] = reader.resolve(schema, op.operation_id, op.pointer)
            return resolved
    return {}
