"""Emit the public operation surface from openapi.yaml.

openapi-python-client writes the models and its own endpoint functions; this step writes
what the public clients are made of, into the same generated package:

- `operations.py`: one descriptor per operation (method, path, parameters with their
  constraints, body, the model of each documented 2xx, scopes, and the `x-` policies:
  idempotency, pagination, CLI hints), as data the hand-written core acts on;
- `resources.py`: `SyncOperations` and `AsyncOperations`, the typed methods of every
  operation (plain, `_with_http_info`, and `iter_*` for a paginated one), which
  ConversationApi and AsyncConversationApi inherit.

It reads the spec itself rather than the generator's parsed document, because the `x-`
extensions this needs do not survive the generator's parsing; the models' class names
are checked against what the generator wrote.
"""

from __future__ import annotations

import keyword
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml

from codegen.paths import CONFIG, TEMPLATES

# Keywords that the generated methods use themselves.
_RESERVED = {"self", "page_size", "max_items", "concurrency"}
_PY_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_NOT_IDEMPOTENT_METHODS = {"POST", "PATCH"}


class SurfaceError(ValueError):
    """openapi.yaml uses something this step cannot express; the message says what."""


def snake(name: str) -> str:
    """snake_case of an operationId or a spec name: `_limit` -> `limit`."""
    text = re.sub(r"[^0-9A-Za-z]+", "_", name)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    text = text.strip("_").lower()
    if not text or text[0].isdigit():
        text = "p_" + text
    if keyword.iskeyword(text) or text in _RESERVED:
        text += "_"
    return text


@dataclass
class Param:
    name: str
    python_name: str
    location: str
    kind: str
    required: bool
    default: Any
    has_default: bool
    constant: bool
    description: str
    constraints: dict[str, Any]

    @property
    def annotation(self) -> str:
        enum = self.constraints.get("enum")
        base = "Literal[" + ", ".join(repr(v) for v in enum) + "]" if enum else _PY_TYPES[self.kind]
        return base if self.required or self.has_default else f"{base} | None"

    @property
    def signature(self) -> str:
        if self.required and not self.has_default:
            return f"{self.python_name}: {self.annotation}"
        default = repr(self.default) if self.has_default else "None"
        return f"{self.python_name}: {self.annotation} = {default}"


@dataclass
class Body:
    python_name: str
    model: str
    required: bool
    description: str
    fields: list[dict[str, Any]]

    @property
    def signature(self) -> str:
        if self.required:
            return f"{self.python_name}: {self.model}"
        return f"{self.python_name}: {self.model} | None = None"


@dataclass
class Op:
    operation_id: str
    name: str
    constant: str
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]
    body: Body | None
    responses: dict[int, str | None]
    idempotent: bool
    scopes: list[str]
    pagination: dict[str, Any] | None
    cli: dict[str, Any]
    item_model: str | None = None
    models: set[str] = field(default_factory=set)

    @property
    def path_params(self) -> list[Param]:
        return [p for p in self.params if p.location == "path"]

    @property
    def keyword_params(self) -> list[Param]:
        return [p for p in self.params if p.location != "path" and not p.constant]

    @property
    def result(self) -> str:
        models = sorted({m for m in self.responses.values() if m is not None})
        if len(models) > 1:
            raise SurfaceError(f"{self.operation_id}: 2xx responses with different schemas")
        if not models:
            return "None"
        return models[0] + (" | None" if None in self.responses.values() else "")

    @property
    def signature(self) -> str:
        """The parameters of the plain and _with_http_info methods, after `self`."""
        positional = [p.signature for p in self.path_params]
        keywords = [p.signature for p in self.keyword_params]
        if self.body is not None:
            (positional if self.body.required else keywords).append(self.body.signature)
        parts = positional + (["*", *keywords] if keywords else [])
        return "".join(", " + part for part in parts)

    @property
    def call(self) -> str:
        """The arguments of `self._call(...)` after the descriptor."""
        pairs = [f"{p.name!r}: {p.python_name}" for p in self.path_params + self.keyword_params]
        text = "{" + ", ".join(pairs) + "}"
        if self.body is not None:
            text += ", " + self.body.python_name
        return text

    @property
    def iter_name(self) -> str:
        assert self.pagination is not None
        return "iter_" + snake(self.pagination["items"])

    @property
    def iter_signature(self) -> str:
        assert self.pagination is not None
        size = self.pagination["max_page_size"]
        parts = [f"page_size: int = {size}", "max_items: int | None = None"]
        return ", *, " + ", ".join(parts + [p.signature for p in self.filters])

    @property
    def iter_call(self) -> str:
        return "{" + ", ".join(f"{p.name!r}: {p.python_name}" for p in self.filters) + "}"

    def docstring(self) -> str:
        lines = [self.summary or self.operation_id]
        if self.description and self.description != self.summary:
            lines += ["", *textwrap.wrap(self.description, 84)]
        documented = [p for p in self.path_params + self.keyword_params if p.description]
        if self.body is not None and self.body.description:
            documented_body = [(self.body.python_name, self.body.description)]
        else:
            documented_body = []
        if documented or documented_body:
            lines += ["", "Args:"]
            for name, text in [(p.python_name, p.description) for p in documented] + documented_body:
                lines += textwrap.wrap(f"{name}: {text}", 84, initial_indent="    ", subsequent_indent="        ")
        if not self.idempotent:
            lines += [
                "",
                "Not idempotent: not retried after a 5xx or a lost response, since the first",
                "attempt may have taken effect; the error is raised instead.",
            ]
        return "\n".join(lines)

    @property
    def filters(self) -> list[Param]:
        """The keyword parameters an iter_* method passes on (all but limit/offset)."""
        assert self.pagination is not None
        paging = {self.pagination["limit"], self.pagination["offset"]}
        return [p for p in self.keyword_params if p.name not in paging]


class _Spec:
    def __init__(self, document: dict[str, Any], class_overrides: dict[str, str]) -> None:
        self.document = document
        self.class_overrides = class_overrides

    def resolve(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                raise SurfaceError(f"only local $refs are supported, got {ref!r}")
            node = self.document
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            seen += 1
            if seen > 50:
                raise SurfaceError(f"$ref cycle at {ref}")
        return node

    def model_name(self, schema: Any, where: str) -> str:
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/components/schemas/"):
            raise SurfaceError(f"{where}: a body must be a $ref to a components schema")
        name = ref.rsplit("/", 1)[1]
        return self.class_overrides.get(name, name)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _param(spec: _Spec, raw: Any, where: str) -> Param:
    node = spec.resolve(raw)
    name, location = node["name"], node["in"]
    if location not in ("path", "query", "header"):
        raise SurfaceError(f"{where}: parameters in {location} are not supported")
    schema = spec.resolve(node.get("schema", {}))
    kind = schema.get("type", "string")
    if kind not in _PY_TYPES:
        raise SurfaceError(f"{where}: parameter {name} of type {kind} is not supported")
    constraints = {
        key: schema[key] for key in ("minimum", "maximum", "minLength", "maxLength", "enum", "format") if key in schema
    }
    constant = bool(node.get("x-client-constant"))
    if constant and "default" not in schema:
        raise SurfaceError(f"{where}: x-client-constant parameter {name} needs a default")
    return Param(
        name=name,
        python_name=snake(name),
        location=location,
        kind=kind,
        required=bool(node.get("required")) or location == "path",
        default=schema.get("default"),
        has_default="default" in schema,
        constant=constant,
        description=_text(node.get("description") or schema.get("description")),
        constraints=constraints,
    )


def _body(spec: _Spec, operation: dict[str, Any], where: str) -> Body | None:
    raw = operation.get("requestBody")
    if raw is None:
        return None
    node = spec.resolve(raw)
    content = node.get("content", {})
    if list(content) != ["application/json"]:
        raise SurfaceError(f"{where}: only application/json request bodies are supported")
    schema_ref = content["application/json"].get("schema", {})
    model = spec.model_name(schema_ref, where)
    schema = spec.resolve(schema_ref)
    fields = []
    for prop, prop_schema in sorted(schema.get("properties", {}).items()):
        resolved = spec.resolve(prop_schema)
        kind = resolved.get("type", "object")
        items = spec.resolve(resolved.get("items", {})).get("type") if kind == "array" else None
        fields.append({"name": prop, "kind": kind, "items": items, "description": _text(resolved.get("description"))})
    return Body(
        python_name=snake(operation.get("x-codegen-request-body-name") or "body"),
        model=model,
        required=bool(node.get("required")),
        description=_text(node.get("description")),
        fields=fields,
    )


def _responses(spec: _Spec, operation: dict[str, Any], where: str) -> dict[int, str | None]:
    result: dict[int, str | None] = {}
    for status, raw in operation.get("responses", {}).items():
        if not str(status).isdigit() or not 200 <= int(status) < 300:
            continue
        content = spec.resolve(raw).get("content") or {}
        if not content:
            result[int(status)] = None
            continue
        schema = content.get("application/json", {}).get("schema")
        if schema is None:
            raise SurfaceError(f"{where}: a {status} body must be application/json")
        result[int(status)] = spec.model_name(schema, f"{where} response {status}")
    if not result:
        raise SurfaceError(f"{where}: no 2xx response documented")
    return dict(sorted(result.items()))


def _scopes(spec: _Spec, operation: dict[str, Any]) -> list[str]:
    schemes = spec.document.get("components", {}).get("securitySchemes", {})
    scopes: list[str] = []
    for requirement in operation.get("security", spec.document.get("security", [])):
        for scheme, wanted in requirement.items():
            if schemes.get(scheme, {}).get("type") == "oauth2":
                scopes += [s for s in wanted if s not in scopes]
    return scopes


def _pagination(op: Op, raw: Any, spec: _Spec, response_model_schema: dict[str, Any]) -> None:
    where = f"{op.operation_id} x-pagination"
    if not isinstance(raw, dict):
        raise SurfaceError(f"{where}: must be a mapping")
    needed = ("items", "item-id", "limit", "offset", "result-set")
    missing = [key for key in needed if key not in raw]
    if missing:
        raise SurfaceError(f"{where}: missing {', '.join(missing)}")
    by_name = {p.name: p for p in op.params}
    for key in ("limit", "offset"):
        if raw[key] not in by_name or by_name[raw[key]].location != "query":
            raise SurfaceError(f"{where}: {key} names no query parameter ({raw[key]!r})")
    limit = by_name[raw["limit"]]
    if "maximum" not in limit.constraints:
        raise SurfaceError(f"{where}: the limit parameter needs a maximum")
    items = spec.resolve(response_model_schema.get("properties", {}).get(raw["items"], {}))
    if items.get("type") != "array":
        raise SurfaceError(f"{where}: items names no array property ({raw['items']!r})")
    op.item_model = spec.model_name(items.get("items", {}), where)
    op.pagination = {
        "items": raw["items"],
        "item_id": raw["item-id"],
        "limit": raw["limit"],
        "offset": raw["offset"],
        "result_set": tuple(str(raw["result-set"]).split(".")),
        "max_page_size": int(limit.constraints["maximum"]),
    }


def _success_schema(spec: _Spec, operation: dict[str, Any]) -> dict[str, Any]:
    """The schema of the first documented 2xx answer that has a body."""
    for status, raw in sorted(operation.get("responses", {}).items(), key=lambda kv: str(kv[0])):
        content = spec.resolve(raw).get("content") or {}
        if str(status).startswith("2") and "application/json" in content:
            schema: dict[str, Any] = spec.resolve(content["application/json"].get("schema", {}))
            return schema
    return {}


def read_operations(spec_path: Path, config_path: Path = CONFIG) -> list[Op]:
    document = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    overrides = {name.rstrip("_"): entry["class_name"] for name, entry in (config.get("class_overrides") or {}).items()}
    spec = _Spec(document, overrides)
    ops: list[Op] = []
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method, operation in item.items():
            if method not in ("get", "put", "post", "delete", "patch", "head", "options"):
                continue
            operation_id = operation["operationId"]
            where = f"{method.upper()} {path} ({operation_id})"
            params = [_param(spec, p, where) for p in [*shared, *operation.get("parameters", [])]]
            names = [p.python_name for p in params if not p.constant]
            if len(names) != len(set(names)):
                raise SurfaceError(f"{where}: two parameters share the Python name of one")
            body = _body(spec, operation, where)
            name = snake(operation_id)
            cli = operation.get("x-cli") or {}
            op = Op(
                operation_id=operation_id,
                name=name,
                constant=name.upper(),
                method=method.upper(),
                path=path,
                summary=_text(operation.get("summary")),
                description=_text(operation.get("description")),
                params=params,
                body=body,
                responses=_responses(spec, operation, where),
                idempotent=bool(operation.get("x-idempotent", method.upper() not in _NOT_IDEMPOTENT_METHODS)),
                scopes=_scopes(spec, operation),
                pagination=None,
                cli={
                    "command": cli.get("command") or name.replace("_", "-"),
                    "columns": tuple(cli.get("columns") or ()),
                },
            )
            if "x-pagination" in operation:
                _pagination(op, operation["x-pagination"], spec, _success_schema(spec, operation))
            ops.append(op)
    ops.sort(key=lambda o: o.name)
    commands = [o.cli["command"] for o in ops]
    if len(commands) != len(set(commands)):
        raise SurfaceError("two operations share a CLI command name (x-cli.command)")
    return ops


def sensitive_fields(spec_path: Path) -> list[str]:
    """Names of the schema properties marked `x-sensitive: true`."""
    document = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    schemas = document.get("components", {}).get("schemas", {})
    return sorted(
        {
            name
            for schema in schemas.values()
            for name, prop in (schema.get("properties") or {}).items()
            if isinstance(prop, dict) and prop.get("x-sensitive")
        }
    )


def _docstring(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def render_surface(package_dir: Path, spec_path: Path) -> list[Path]:
    """Write operations.py and resources.py into the rendered package; returns them."""
    ops = read_operations(spec_path)
    models_init = (package_dir / "models" / "__init__.py").read_text(encoding="utf-8")
    used = sorted(
        {m for o in ops for m in o.responses.values() if m}
        | {o.body.model for o in ops if o.body}
        | {o.item_model for o in ops if o.item_model}
    )
    for model in used:
        if not re.search(rf"\b{re.escape(model)}\b", models_init):
            raise SurfaceError(f"the generator wrote no model class {model}")
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
    written = []
    for name in ("operations.py", "resources.py"):
        text = environment.get_template(name + ".jinja").render(
            ops=ops, models=used, sensitive=sensitive_fields(spec_path)
        )
        target = package_dir / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
