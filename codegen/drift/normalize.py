"""Map a Swagger 2.0 or OpenAPI 3.0/3.1 document onto the model of `model.py`.

The index of operations is built up front; an operation is normalised in full only when
asked for. UltraCart's document covers hundreds of operations, and a broken corner far
from the conversation API should not stop the check.

$refs are resolved with the referenced schema shared, so recursive models become cycles
of Schema objects (compare handles them). A $ref that only ever leads to other $refs,
or an allOf that includes itself, has no meaning and is reported as a cycle.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from codegen.drift.errors import DocumentError
from codegen.drift.model import (
    BOUNDS,
    NO_DEFAULT,
    Body,
    Flow,
    Header,
    Operation,
    OperationRef,
    Parameter,
    Requirement,
    Response,
    Schema,
    SecurityScheme,
)

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
DEFAULT_MEDIA = "application/json"
# Swagger 2.0 flow names and their OpenAPI 3 equivalents.
SWAGGER2_FLOWS = {
    "accessCode": "authorizationCode",
    "application": "clientCredentials",
    "implicit": "implicit",
    "password": "password",
}

OpKey = tuple[str, str]  # (METHOD, path with parameter names blanked)


def path_key(path: str) -> str:
    """Paths match whatever their parameters are called: `/a/{id}` is `/a/{uuid}`."""
    return re.sub(r"\{[^}/]*\}", "{}", path).rstrip("/") or "/"


def pointer(*parts: object) -> str:
    """A JSON pointer for error messages."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "#/" + "/".join(escaped)


class Document:
    def __init__(self, raw: Mapping[str, Any], source: str) -> None:
        self.raw = raw
        self.source = source
        self.swagger2 = _detect_version(raw, source) == "2.0"
        self._schemas: dict[str, Schema] = {}
        # Inline schemas by node identity: a YAML alias shares a node, and its Schema.
        # The node is kept too, so that its id is not reused by a temporary mapping.
        self._inline: dict[int, tuple[Mapping[str, Any], Schema]] = {}
        self._resolved: dict[str, tuple[str, Any]] = {}  # $ref -> (final ref, node)
        self.index: dict[OpKey, OperationRef] = self._index()

    # -- errors and references -------------------------------------------------------

    def error(self, where: str, problem: str) -> DocumentError:
        return DocumentError(f"{self.source}: {where}: {problem}")

    def resolve(self, ref: object, where: str) -> tuple[str, Any]:
        """Follow one $ref (and any $ref it lands on) to a node that is not a $ref.

        Every link of a chain is remembered with where the chain ends, so that a chain
        is walked once however many references lead into it: linear, not quadratic.
        """
        chain: list[str] = []
        on_chain: set[str] = set()
        while True:
            if not isinstance(ref, str):
                raise self.error(where, "$ref must be a string")
            if ref in self._resolved:
                end = self._resolved[ref]
                break
            if not ref.startswith("#"):
                raise self.error(where, f"external $ref {ref!r} is not supported")
            if ref in on_chain:
                loop = chain[chain.index(ref) :]
                raise self.error(where, "$ref cycle: " + " -> ".join(_shortened([*loop, ref])))
            chain.append(ref)
            on_chain.add(ref)
            node = self._lookup(ref, where)
            if isinstance(node, Mapping) and "$ref" in node:
                ref = node["$ref"]
                continue
            end = (ref, node)
            break
        for link in chain:
            self._resolved[link] = end
        return end

    def _lookup(self, ref: str, where: str) -> Any:
        """The node a local JSON pointer names."""
        node: Any = self.raw
        for part in ref[1:].split("/")[1:] if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise self.error(where, f"$ref {ref!r} does not resolve")
        return node

    def deref(self, node: Any, where: str) -> Any:
        if isinstance(node, Mapping) and "$ref" in node:
            return self.resolve(node["$ref"], where)[1]
        return node

    def mapping(self, node: Any, where: str) -> Mapping[str, Any]:
        node = self.deref(node, where)
        if not isinstance(node, Mapping):
            raise self.error(where, f"expected a mapping, found {type(node).__name__}")
        return node

    # -- the operation index ---------------------------------------------------------

    def _index(self) -> dict[OpKey, OperationRef]:
        paths = self.raw.get("paths", {})
        if not isinstance(paths, Mapping):
            raise self.error("#/paths", "expected a mapping")
        index: dict[OpKey, OperationRef] = {}
        for path, raw_item in paths.items():
            item = self.deref(raw_item, pointer("paths", path))
            if not isinstance(item, Mapping):
                continue  # not an operation we could compare anyway
            for method in HTTP_METHODS:
                op = item.get(method)
                if isinstance(op, Mapping):
                    op_id = op.get("operationId")
                    ref = OperationRef(str(op_id or ""), method.upper(), str(path))
                    index[(method.upper(), path_key(str(path)))] = ref
        return index

    # -- operations ------------------------------------------------------------------

    def operation(self, key: OpKey) -> Operation:
        ref = self.index[key]
        item = self.mapping(self.raw["paths"][ref.path], pointer("paths", ref.path))
        where = pointer("paths", ref.path, ref.method.lower())
        op = self.mapping(item[ref.method.lower()], where)
        raw_params = self._merged_parameters(item, op, where)
        if self.swagger2:
            parameters, body = self._swagger2_parameters(raw_params, op, where)
            responses = self._swagger2_responses(op, where)
        else:
            parameters = tuple(self._parameter(w, p) for w, p in raw_params)
            body = self._request_body(op.get("requestBody"), f"{where}/requestBody")
            responses = self._responses(op, where)
        return Operation(
            operation_id=ref.operation_id,
            method=ref.method,
            path=ref.path,
            parameters=parameters,
            body=body,
            responses=responses,
            security=self._security(op, where),
            deprecated=op.get("deprecated") is True,
        )

    def _merged_parameters(
        self, item: Mapping[str, Any], op: Mapping[str, Any], where: str
    ) -> list[tuple[str, Mapping[str, Any]]]:
        """Path-level parameters, overridden by the operation's own (by location and name)."""
        merged: dict[tuple[str, str], tuple[str, Mapping[str, Any]]] = {}
        for source, base in ((item, where.rsplit("/", 1)[0]), (op, where)):
            params = source.get("parameters", [])
            if not isinstance(params, list):
                raise self.error(f"{base}/parameters", "expected a list")
            for i, raw in enumerate(params):
                w = f"{base}/parameters/{i}"
                param = self.mapping(raw, w)
                name, location = param.get("name"), param.get("in")
                if not isinstance(name, str) or not isinstance(location, str):
                    raise self.error(w, "a parameter needs a 'name' and an 'in'")
                merged[(location, name)] = (w, param)
        return list(merged.values())

    def _parameter(self, where: str, param: Mapping[str, Any]) -> Parameter:
        if "schema" in param:
            schema = self.schema(param["schema"], f"{where}/schema")
        elif isinstance(param.get("content"), Mapping) and param["content"]:
            media = next(iter(param["content"].values()))
            schema = self.schema(self.mapping(media, where).get("schema", {}), where)
        else:
            schema = Schema(complete=True)
        return Parameter(
            name=param["name"],
            location=param["in"],
            required=bool(param.get("required")) or param["in"] == "path",
            schema=schema,
            deprecated=param.get("deprecated") is True,
        )

    def _swagger2_parameters(
        self,
        raw_params: list[tuple[str, Mapping[str, Any]]],
        op: Mapping[str, Any],
        where: str,
    ) -> tuple[tuple[Parameter, ...], Body | None]:
        parameters: list[Parameter] = []
        body: Body | None = None
        form = Schema(type="object", complete=True)
        form_required: set[str] = set()
        consumes = self._media_types(op, "consumes")
        for w, param in raw_params:
            location = param["in"]
            if location == "body":
                schema = self.schema(param.get("schema", {}), f"{w}/schema")
                body = Body(bool(param.get("required")), dict.fromkeys(consumes, schema))
            elif location == "formData":
                form.properties[param["name"]] = self.schema(param, w)
                if param.get("required"):
                    form_required.add(param["name"])
            else:
                # A Swagger 2.0 parameter carries its schema keywords on itself.
                required = bool(param.get("required")) or location == "path"
                schema = self.schema(param, w)
                deprecated = param.get("deprecated") is True
                parameters.append(Parameter(param["name"], location, required, schema, deprecated))
        if form.properties:
            form.required = frozenset(form_required)
            media = [m for m in consumes if "form" in m] or ["application/x-www-form-urlencoded"]
            body = Body(bool(form_required), dict.fromkeys(media, form))
        return tuple(parameters), body

    def _media_types(self, op: Mapping[str, Any], key: str) -> list[str]:
        media = op.get(key, self.raw.get(key)) or [DEFAULT_MEDIA]
        if not isinstance(media, list):
            raise self.error(key, "expected a list of media types")
        return [str(m) for m in media]

    def _request_body(self, raw: Any, where: str) -> Body | None:
        if raw is None:
            return None
        node = self.mapping(raw, where)
        return Body(bool(node.get("required")), self._content(node, where))

    def _content(self, node: Mapping[str, Any], where: str) -> dict[str, Schema | None]:
        content = self.mapping(node.get("content", {}), f"{where}/content")
        media: dict[str, Schema | None] = {}
        for media_type, raw in content.items():
            w = f"{where}/content/{media_type.replace('/', '~1')}"
            entry = self.mapping(raw, w)
            media[str(media_type)] = self.schema(entry["schema"], f"{w}/schema") if "schema" in entry else None
        return media

    def _responses(self, op: Mapping[str, Any], where: str) -> dict[str, Response]:
        responses: dict[str, Response] = {}
        for status, raw in self.mapping(op.get("responses", {}), f"{where}/responses").items():
            w = f"{where}/responses/{status}"
            node = self.mapping(raw, w)
            headers = {
                str(name): self._header(h, f"{w}/headers/{name}")
                for name, h in self.mapping(node.get("headers", {}), f"{w}/headers").items()
            }
            content = self._content(node, w)
            responses[str(status)] = Response(headers, Body(False, content) if content else None)
        return responses

    def _header(self, raw: Any, where: str) -> Header:
        node = self.mapping(raw, where)
        if self.swagger2:
            return Header(False, self.schema(node, where))
        schema = self.schema(node["schema"], f"{where}/schema") if "schema" in node else None
        return Header(bool(node.get("required")), schema or Schema(complete=True))

    def _swagger2_responses(self, op: Mapping[str, Any], where: str) -> dict[str, Response]:
        responses: dict[str, Response] = {}
        produces = self._media_types(op, "produces")
        for status, raw in self.mapping(op.get("responses", {}), f"{where}/responses").items():
            w = f"{where}/responses/{status}"
            node = self.mapping(raw, w)
            headers = {
                str(name): self._header(h, f"{w}/headers/{name}")
                for name, h in self.mapping(node.get("headers", {}), f"{w}/headers").items()
            }
            body = None
            if "schema" in node:
                schema = self.schema(node["schema"], f"{w}/schema")
                body = Body(False, dict.fromkeys(produces, schema))
            responses[str(status)] = Response(headers, body)
        return responses

    # -- security --------------------------------------------------------------------

    def _security(self, op: Mapping[str, Any], where: str) -> frozenset[Requirement] | None:
        raw = op["security"] if "security" in op else self.raw.get("security")
        if raw is None:
            return None
        if not isinstance(raw, list):
            raise self.error(f"{where}/security", "expected a list")
        alternatives: set[Requirement] = set()
        for i, requirement in enumerate(raw):
            req = self.mapping(requirement, f"{where}/security/{i}")
            if not all(isinstance(scopes, list | None) for scopes in req.values()):
                raise self.error(f"{where}/security/{i}", "scopes must be a list")
            alternatives.add(frozenset((str(name), frozenset(map(str, scopes or []))) for name, scopes in req.items()))
        return frozenset(a for a in alternatives if a) or None

    def security_schemes(self) -> dict[str, SecurityScheme]:
        if self.swagger2:
            where = "#/securityDefinitions"
            raw = self.mapping(self.raw.get("securityDefinitions", {}), where)
        else:
            where = "#/components/securitySchemes"
            components = self.mapping(self.raw.get("components", {}), "#/components")
            raw = self.mapping(components.get("securitySchemes", {}), where)
        return {str(n): self._scheme(s, f"{where}/{n}") for n, s in raw.items()}

    def _scheme(self, raw: Any, where: str) -> SecurityScheme:
        node = self.mapping(raw, where)
        kind = str(node.get("type", ""))
        if kind == "apiKey":
            return SecurityScheme(kind, location=node.get("in"), name=node.get("name"))
        if kind == "basic":  # Swagger 2.0
            return SecurityScheme("http", scheme="basic")
        if kind == "http":
            return SecurityScheme(kind, scheme=str(node.get("scheme", "")).lower())
        if kind == "oauth2" and self.swagger2:
            flow = Flow(
                node.get("authorizationUrl"),
                node.get("tokenUrl"),
                frozenset(self.mapping(node.get("scopes", {}), f"{where}/scopes")),
            )
            return SecurityScheme(kind, flows=((SWAGGER2_FLOWS.get(node.get("flow", ""), ""), flow),))
        if kind == "oauth2":
            flows = []
            for name, raw_flow in self.mapping(node.get("flows", {}), f"{where}/flows").items():
                f = self.mapping(raw_flow, f"{where}/flows/{name}")
                scopes = frozenset(self.mapping(f.get("scopes", {}), f"{where}/flows/{name}/scopes"))
                flows.append((str(name), Flow(f.get("authorizationUrl"), f.get("tokenUrl"), scopes)))
            return SecurityScheme(kind, flows=tuple(sorted(flows)))
        return SecurityScheme(kind)

    # -- schemas ---------------------------------------------------------------------

    def schema(self, raw: Any, where: str) -> Schema:
        if isinstance(raw, bool):  # OAS 3.1 boolean schemas
            return Schema(complete=True) if raw else Schema(type="never", complete=True)
        if not isinstance(raw, Mapping):
            raise self.error(where, f"a schema must be a mapping, found {type(raw).__name__}")
        if "$ref" not in raw:
            if id(raw) in self._inline:
                return self._inline[id(raw)][1]
            # Registered before filling, like a $ref: an alias inside itself is a cycle.
            schema = Schema()
            self._inline[id(raw)] = (raw, schema)
            self._fill(schema, raw, where)
            return schema
        ref, target = self.resolve(raw["$ref"], where)
        if ref in self._schemas:
            return self._schemas[ref]
        if not isinstance(target, Mapping | bool):
            raise self.error(where, f"$ref {ref!r} is not a schema")
        if isinstance(target, bool):
            return self.schema(target, ref)
        # Register the shell before filling it, so that a recursive model refers to it.
        schema = self._schemas[ref] = Schema(name=ref.rsplit("/", 1)[-1])
        self._fill(schema, target, ref)
        return schema

    def _fill(self, s: Schema, node: Mapping[str, Any], where: str) -> None:
        s.nullable = node.get("nullable") is True or node.get("x-nullable") is True
        s.deprecated = node.get("deprecated") is True
        kind = node.get("type")
        if isinstance(kind, list):  # OAS 3.1: ["integer", "null"]
            s.nullable = s.nullable or "null" in kind
            kinds = sorted(str(k) for k in kind if k != "null")
            kind = "|".join(kinds) if kinds else "null"
        if kind == "file":  # Swagger 2.0
            kind, s.format = "string", "binary"
        s.type = str(kind) if kind is not None else None
        if "format" in node and s.format is None:
            s.format = str(node["format"])
        if isinstance(node.get("enum"), list):
            values = node["enum"]
            s.nullable = s.nullable or None in values
            s.enum = tuple(v for v in values if v is not None)
        if "const" in node:
            s.enum = (node["const"],)
        if "default" in node:
            s.default = node["default"]
        for bound in BOUNDS:
            if bound in node:
                s.bounds[bound] = node[bound]
        for flag, bound, step in (("exclusiveMinimum", "minimum", 1), ("exclusiveMaximum", "maximum", -1)):
            # Swagger 2.0 / OAS 3.0 exclusive bounds are flags on minimum/maximum.
            if isinstance(s.bounds.get(flag), bool):
                if s.bounds.pop(flag) and bound in s.bounds:
                    s.bounds[flag] = s.bounds.pop(bound)
            # An exclusive bound on an integer is an inclusive one a step inside it.
            value = s.bounds.get(flag)
            if s.type == "integer" and isinstance(value, int) and not isinstance(value, bool):
                s.bounds[bound] = value + step
                del s.bounds[flag]
        props = self.mapping(node.get("properties", {}), f"{where}/properties")
        s.properties = {str(name): self.schema(p, f"{where}/properties/{name}") for name, p in props.items()}
        if isinstance(node.get("required"), list):
            s.required = frozenset(str(r) for r in node["required"])
        if "items" in node:
            s.items = self.schema(node["items"], f"{where}/items")
        extra = node.get("additionalProperties")
        if isinstance(extra, bool):
            s.additional = extra
        elif extra is not None:
            s.additional = self.schema(extra, f"{where}/additionalProperties")
        for keyword in ("allOf", "oneOf", "anyOf"):
            if not isinstance(node.get(keyword, []), list):
                raise self.error(f"{where}/{keyword}", "expected a list of schemas")
        for i, member in enumerate(node.get("allOf") or []):
            self._merge(s, self.schema(member, f"{where}/allOf/{i}"), f"{where}/allOf/{i}")
        variants: list[Schema] = []
        for keyword in ("oneOf", "anyOf"):
            for i, member in enumerate(node.get(keyword) or []):
                variant = self.schema(member, f"{where}/{keyword}/{i}")
                if variant.type == "null":  # OAS 3.1: anyOf [X, {type: null}]
                    s.nullable = True
                else:
                    variants.append(variant)
        if len(variants) == 1 and s.type is None and not s.properties:
            # `anyOf: [$ref, null]` is the 3.1 spelling of a nullable $ref.
            nullable = s.nullable
            self._merge(s, variants[0], where)
            s.nullable = nullable or variants[0].nullable
        else:
            s.variants = tuple(variants)
        if s.type is None and s.properties:
            s.type = "object"
        if s.type is None and s.items is not None:
            s.type = "array"
        s.complete = True

    def _merge(self, s: Schema, member: Schema, where: str) -> None:
        """allOf: the member's properties and constraints, unless the schema has its own."""
        if not member.complete:
            raise self.error(where, "$ref cycle: allOf includes a schema that includes it")
        s.properties = {**member.properties, **s.properties}
        s.required = s.required | member.required
        s.type = s.type or member.type
        s.format = s.format or member.format
        s.nullable = s.nullable or member.nullable
        s.enum = s.enum if s.enum is not None else member.enum
        s.default = s.default if s.default is not NO_DEFAULT else member.default
        s.bounds = {**member.bounds, **s.bounds}
        s.items = s.items or member.items
        s.additional = s.additional if s.additional is not None else member.additional
        s.variants = s.variants or member.variants
        s.deprecated = s.deprecated or member.deprecated
        s.name = s.name or member.name


def _shortened(refs: list[str], keep: int = 3) -> list[str]:
    """A long cycle in a message: its first and last links."""
    if len(refs) <= 2 * keep + 1:
        return refs
    return [*refs[:keep], f"... {len(refs) - 2 * keep} more ...", *refs[-keep:]]


def _detect_version(raw: Mapping[str, Any], source: str) -> str:
    if "swagger" in raw:
        if str(raw["swagger"]) in ("2.0", "2"):
            return "2.0"
        raise DocumentError(f"{source}: Swagger {raw['swagger']} is not supported (only 2.0)")
    if "openapi" in raw:
        version = str(raw["openapi"])
        if re.match(r"3\.[01](\.|$)", version):
            return version[:3]
        raise DocumentError(f"{source}: OpenAPI {version} is not supported (2.0, 3.0, 3.1)")
    raise DocumentError(f"{source}: is not an OpenAPI document (no 'openapi' or 'swagger' version field)")
