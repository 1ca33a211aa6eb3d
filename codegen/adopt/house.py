"""Our house rules, applied to an operation or a schema copied from upstream.

Input is upstream's plain data; output is what openapi.yaml holds, plus the rules that
were applied (rules.py says how drift will see each). What the rules do:

- prose: none of upstream's descriptions, summaries, titles or examples are copied; an
  operation gets a plain summary derived from its operationId ("getConversationDepartments"
  -> "Get conversation departments"), a 2xx response a short description of our own, and
  `_limit`/`_offset` the short descriptions getConversations has;
- `X-UltraCart-Api-Version`: our `components/parameters/ApiVersion` first on every
  operation (upstream's SDKs send it from their configuration; copied operations would
  silently stop sending it);
- a parameter identical to one of our parameter components is written as its `$ref`,
  and an error response shaped like ours (ErrorResponse + UC-REST-ERROR) as our
  `components/responses` entry for its status;
- security: each requirement as upstream states it (ours are written the same way);
- `_limit`: format int32, minimum 1, and a maximum only where upstream's own text states
  one ("Max 200"); `_offset`: format int32, minimum 0;
- `x-idempotent: true` on a read-only POST search, recognised by name: an operationId
  starting with `search` or ending with `Search`, or a path ending in `/search`;
- no 2xx documented: 200 and 204 without a body, as for join and leave;
- media types without parameters (`application/json; charset=UTF-8` -> `application/json`);
- a parameter listed twice: one declaration, required if either was;
- date/times as plain strings (`format: dateTime` dropped), as everywhere in our spec;
- upstream's generator hints (`x-accepts`, `x-content-type`, `x-derived-from`) dropped;
  `x-codegen-request-body-name` kept (our generator uses it); `x-cli` left unset (the
  generator names the command after the operationId).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from codegen.adopt import rules
from codegen.prose import strip_prose

API_VERSION_REF = "#/components/parameters/ApiVersion"
# Our components/responses entry for each error status, when upstream's has our shape.
ERROR_RESPONSES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "404": "NotFound",
    "410": "ApplicationDisabled",
    "429": "RateLimited",
    "500": "ServerError",
}
ERROR_SCHEMA_REF = "#/components/schemas/ErrorResponse"
ERROR_HEADER = "uc-rest-error"
DROPPED_EXTENSIONS = frozenset({"x-accepts", "x-content-type", "x-derived-from"})
# Key order in our layout; other keys follow in upstream's order.
OPERATION_ORDER = (
    "tags",
    "operationId",
    "deprecated",
    "x-idempotent",
    "x-pagination",
    "x-codegen-request-body-name",
    "summary",
    "description",
    "parameters",
    "security",
    "requestBody",
    "responses",
)
PARAMETER_ORDER = ("$ref", "name", "in", "required", "deprecated", "description", "schema")
SCHEMA_ORDER = (
    "$ref",
    "type",
    "format",
    "enum",
    "default",
    "nullable",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
    "readOnly",
    "writeOnly",
    "deprecated",
    "x-sensitive",
    "required",
    "properties",
    "items",
    "additionalProperties",
    "allOf",
    "oneOf",
    "anyOf",
    "discriminator",
)
LIMIT_DESCRIPTION = "How many records to return in this call"
OFFSET_DESCRIPTION = "Zero-based position of the first record to return."
# What upstream's own text says of a page size's maximum: "(Max 200)", "(Maximum 200)".
_STATED_MAXIMUM = re.compile(r"\bmax(?:imum)?\.?\s*(?:of\s*)?(\d+)\b", re.IGNORECASE)


@dataclass
class Adopted:
    operation: dict[str, Any]
    rules: list[rules.Rule] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a person reviewing may want to know


def summary_from(operation_id: str) -> str:
    """ "getConversationDepartments" -> "Get conversation departments"."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", operation_id)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced).replace("_", " ")
    text = " ".join(w.lower() for w in spaced.split())
    return text[:1].upper() + text[1:]


def is_search(method: str, path: str, operation_id: str) -> bool:
    """A POST that only reads: recognised by its name (upstream says no more)."""
    return method == "post" and (
        operation_id.startswith("search") or operation_id.endswith("Search") or path.rstrip("/").endswith("/search")
    )


def ordered(node: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    known = {k: node[k] for k in order if k in node}
    return {**known, **{k: v for k, v in node.items() if k not in known}}


def house_schema(node: Any) -> Any:
    """A schema (prose already stripped) in our form: plain date/times, our key order."""
    if isinstance(node, list):
        return [house_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in DROPPED_EXTENSIONS or (key == "format" and value == "dateTime"):
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: house_schema(prop) for name, prop in value.items()}
        elif key in ("default", "enum", "const"):
            out[key] = value
        else:
            out[key] = house_schema(value)
    return ordered(out, SCHEMA_ORDER)


def _media(content: dict[str, Any], applied: list[rules.Rule]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for media_type, entry in content.items():
        plain = media_type.split(";")[0].strip().lower()
        if plain != media_type:
            applied.append(rules.MEDIA_TYPE_CHARSET)
        body = dict(entry) if isinstance(entry, dict) else entry
        if isinstance(body, dict) and "schema" in body:
            body["schema"] = house_schema(body["schema"])
        out.setdefault(plain, body)
    return out


class OperationAdopter:
    """Turns one upstream operation into ours; `parameters` are our parameter components."""

    def __init__(self, parameters: dict[str, Any]) -> None:
        self.parameters = parameters

    def adopt(self, path: str, method: str, raw: dict[str, Any], path_item: dict[str, Any]) -> Adopted:
        operation_id = str(raw.get("operationId", ""))
        result = Adopted({})
        op = strip_prose(raw)
        out: dict[str, Any] = {}
        for key, value in op.items():
            if key in DROPPED_EXTENSIONS or key in ("parameters", "requestBody", "responses"):
                continue
            out[key] = value
        out.setdefault("tags", ["conversation"])
        if is_search(method, path, operation_id):
            out["x-idempotent"] = True
            result.notes.append("x-idempotent: true (a read-only search sent as POST)")
        out["summary"] = summary_from(operation_id)
        out["parameters"] = self._parameters(path_item, raw, result)
        if "requestBody" in op and isinstance(op["requestBody"], dict):
            body = dict(op["requestBody"])
            if isinstance(body.get("content"), dict):
                body["content"] = _media(body["content"], result.rules)
            out["requestBody"] = ordered(body, ("required", "content"))
        out["responses"] = self._responses(op.get("responses") or {}, result)
        result.operation = ordered(out, OPERATION_ORDER)
        return result

    # -- parameters ------------------------------------------------------------------

    def adopted_parameter(self, raw: dict[str, Any]) -> Adopted:
        """One upstream parameter as ours (the rules it applied in `.rules`)."""
        result = Adopted({})
        result.operation = self._parameter(raw, result)
        return result

    def _parameters(self, path_item: dict[str, Any], raw: dict[str, Any], result: Adopted) -> list[Any]:
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        refs: list[Any] = []
        for param in [*(path_item.get("parameters") or []), *(raw.get("parameters") or [])]:
            if not isinstance(param, dict):
                continue
            if "$ref" in param:
                refs.append({"$ref": param["$ref"]})
                continue
            key = (str(param.get("in")), str(param.get("name")))
            if key in merged:
                earlier = merged[key]
                required = bool(earlier.get("required")) or bool(param.get("required"))
                merged[key] = {**earlier, **param, "required": required}
                result.rules.append(rules.MERGED_PARAMETER)
                result.notes.append(f"{key[0]} parameter {key[1]} is listed twice upstream: merged")
            else:
                merged[key] = dict(param)
        out: list[Any] = [{"$ref": API_VERSION_REF}]
        for param in merged.values():
            if str(param.get("name")).lower() == "x-ultracart-api-version":
                continue  # ours is the ApiVersion component
            out.append(self._parameter(param, result))
        return out + refs

    def _parameter(self, raw: dict[str, Any], result: Adopted) -> dict[str, Any]:
        stated = _STATED_MAXIMUM.search(str(raw.get("description") or ""))
        param = strip_prose(raw)
        if "schema" in param:
            param["schema"] = house_schema(param["schema"])
        param["required"] = bool(param.get("required")) or param.get("in") == "path"
        for name, component in self.parameters.items():
            if _same_parameter(param, component):
                return {"$ref": f"#/components/parameters/{name}"}
        schema = param.get("schema")
        if param.get("in") == "query" and isinstance(schema, dict) and schema.get("type") == "integer":
            if param.get("name") == "_limit":
                self._paging(param, schema, 1, result, rules.LIMIT_MINIMUM)
                param["description"] = LIMIT_DESCRIPTION + "."
                if stated is not None:
                    maximum = int(stated.group(1))
                    schema["maximum"] = maximum
                    param["description"] = f"{LIMIT_DESCRIPTION}, at most {maximum}."
                    result.rules.append(rules.limit_maximum(maximum))
            elif param.get("name") == "_offset":
                self._paging(param, schema, 0, result, rules.OFFSET_MINIMUM)
                param["description"] = OFFSET_DESCRIPTION
            param["schema"] = ordered(schema, SCHEMA_ORDER)
        return ordered(param, PARAMETER_ORDER)

    @staticmethod
    def _paging(param: dict[str, Any], schema: dict[str, Any], minimum: int, result: Adopted, rule: rules.Rule) -> None:
        if "format" not in schema:
            schema["format"] = "int32"
            result.rules.append(rules.PAGING_FORMAT)
        if "minimum" not in schema:
            schema["minimum"] = minimum
            result.rules.append(rule)

    # -- responses -------------------------------------------------------------------

    def _responses(self, responses: dict[str, Any], result: Adopted) -> dict[str, Any]:
        out: dict[str, Any] = {}
        statuses = [str(s) for s in responses]
        if not any(s.startswith("2") for s in statuses):
            # Documented like join and leave: success without a body.
            out["200"] = {"description": "Done"}
            out["204"] = {"description": "Done"}
            result.rules.append(rules.NO_SUCCESS_DOCUMENTED)
            result.notes.append("no 2xx documented upstream: 200 and 204 without a body")
        for status, response in responses.items():
            status = str(status)
            if not isinstance(response, dict):
                continue
            if "$ref" in response:
                out[status] = {"$ref": response["$ref"]}
                continue
            ours = ERROR_RESPONSES.get(status)
            if ours is not None and _error_shaped(response):
                out[status] = {"$ref": f"#/components/responses/{ours}"}
                continue
            copied: dict[str, Any] = {"description": "Success" if status.startswith("2") else f"Status {status}"}
            if isinstance(response.get("headers"), dict):
                copied["headers"] = {name: house_schema(h) for name, h in response["headers"].items()}
            if isinstance(response.get("content"), dict):
                copied["content"] = _media(response["content"], result.rules)
            out[status] = copied
        return dict(sorted(out.items()))


def _same_parameter(param: dict[str, Any], component: dict[str, Any]) -> bool:
    """Upstream's parameter says what our component says (prose and extensions aside)."""
    keys = ("name", "in", "required", "schema")
    mine = {k: component.get(k) for k in keys}
    mine["required"] = bool(mine["required"])
    return mine == {k: param.get(k) for k in keys} and not any(k.startswith("x-") for k in param)


def _error_shaped(response: dict[str, Any]) -> bool:
    content = response.get("content")
    headers = response.get("headers") or {}
    if not isinstance(content, dict) or set(content) != {"application/json"}:
        return False
    schema = (content["application/json"] or {}).get("schema")
    return schema == {"$ref": ERROR_SCHEMA_REF} and {str(h).lower() for h in headers} == {ERROR_HEADER}
