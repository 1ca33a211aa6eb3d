"""JSON schemas for the fake: checking a request body against one, naming the field that
breaks it, and building a value that conforms to one, deterministically from a seed.

The schemas are openapi.yaml's, compacted by codegen into the generated `schemas.py`
(`{"$ref": "Name"}` points at `SCHEMAS["Name"]`). OpenAPI 3.0 semantics: `nullable`,
and an object takes properties it does not declare unless `additionalProperties: false`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from ultracart_conversations._request import is_date_time

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}
_ARTICLES = {"integer": "an integer", "object": "an object", "array": "an array"}
# Built values stop nesting here: deeper objects get only their required properties and
# arrays are left empty, so a schema that contains itself still ends.
MAX_DEPTH = 4
_EPOCH = datetime(2025, 1, 6, 15, 0, tzinfo=UTC)
_INT32 = 2**31 - 1


def _kind_name(kind: str) -> str:
    return _ARTICLES.get(kind, f"a {kind}")


class Schemas:
    def __init__(self, schemas: Mapping[str, Any]) -> None:
        self.schemas = schemas

    def resolve(self, node: Any) -> dict[str, Any]:
        for _ in range(32):  # a chain of plain $refs; codegen refuses cycles of them
            if not isinstance(node, dict):
                return {}
            ref = node.get("$ref")
            if ref is None:
                return node
            node = self.schemas.get(ref, {})
        return {}

    # --- checking ---------------------------------------------------------------------

    def problem(self, value: Any, node: Any, where: str = "") -> str | None:
        """Why `value` does not conform to the schema (naming the field), or None."""
        try:
            return self._problem(value, self.resolve(node), where)
        except RecursionError:
            return f"{where or 'the body'} is nested too deeply"

    def _problem(self, value: Any, schema: dict[str, Any], where: str) -> str | None:
        label = where or "the body"
        if value is None:
            return None if schema.get("nullable") or not schema else f"{label} must not be null"
        for key in ("allOf", "anyOf", "oneOf"):
            if key in schema:
                found = [self.problem(value, sub, where) for sub in schema[key]]
                if key == "allOf" and any(found):
                    return next(p for p in found if p)
                if key != "allOf" and all(found):
                    return found[0]
        kind = schema.get("type") or ("object" if "properties" in schema else None)
        if kind in _TYPES:
            wrong_bool = kind in ("integer", "number") and isinstance(value, bool)
            if not isinstance(value, _TYPES[kind]) or wrong_bool:
                return f"{label} must be {_kind_name(kind)}, got {_json_type(value)}"
        if "enum" in schema and value not in schema["enum"]:
            allowed = ", ".join(repr(v) for v in schema["enum"][:12])
            return f"{label} must be one of {allowed}"
        if isinstance(value, str):
            if schema.get("format") == "date-time" and not is_date_time(value):
                return f"{label} must be an ISO 8601 date-time"
            return _length_problem(
                label, len(value), schema, "minLength", "maxLength", "characters"
            )
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _bounds_problem(label, value, schema)
        if isinstance(value, list):
            found_length = _length_problem(
                label, len(value), schema, "minItems", "maxItems", "items"
            )
            if found_length:
                return found_length
            items = schema.get("items", {})
            for index, item in enumerate(value):
                found_item = self.problem(item, items, f"{where}[{index}]")
                if found_item:
                    return found_item
            return None
        if isinstance(value, dict):
            return self._object_problem(value, schema, where)
        return None

    def _object_problem(
        self, value: dict[str, Any], schema: dict[str, Any], where: str
    ) -> str | None:
        prefix = where + "." if where else ""
        properties = schema.get("properties") or {}
        for name in schema.get("required") or ():
            if name not in value:
                return f"{prefix}{name} is required"
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                found = self.problem(item, properties[name], prefix + name)
            elif extra is False:
                found = f"{prefix}{name} is not a property of {where or 'the body'}"
            elif isinstance(extra, dict):
                found = self.problem(item, extra, prefix + name)
            else:
                found = None
            if found:
                return found
        return None

    # --- building -------------------------------------------------------------------------

    def build(self, node: Any, rng: random.Random, name: str = "", depth: int = 0) -> Any:
        """A value conforming to the schema, chosen by `rng` (the same seed, the same
        value); `name` is the property it is for, which picks a fitting string."""
        schema = self.resolve(node)
        for key in ("allOf", "anyOf", "oneOf"):
            if schema.get(key):
                if key != "allOf":
                    return self.build(schema[key][0], rng, name, depth)
                merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
                for part in schema[key]:
                    part = self.resolve(part)
                    merged["properties"].update(part.get("properties") or {})
                    merged["required"] += part.get("required") or []
                return self.build(merged, rng, name, depth)
        if schema.get("enum"):
            return rng.choice(schema["enum"])
        kind = schema.get("type") or ("object" if "properties" in schema else "string")
        if kind == "object":
            return self._build_object(schema, rng, depth)
        if kind == "array":
            low, high = schema.get("minItems", 0), schema.get("maxItems", 2)
            count = 0 if depth >= MAX_DEPTH else min(max(low, 1), high)
            count = max(count, low)
            return [self.build(schema.get("items", {}), rng, name, depth + 1) for _ in range(count)]
        if kind == "boolean":
            return rng.random() < 0.5
        if kind in ("integer", "number"):
            return _number(schema, rng, kind)
        return _string(schema, rng, name)

    def _build_object(self, schema: dict[str, Any], rng: random.Random, depth: int) -> Any:
        properties = schema.get("properties") or {}
        required = set(schema.get("required") or ())
        built: dict[str, Any] = {}
        for prop, sub in properties.items():
            if depth >= MAX_DEPTH and prop not in required:
                continue
            built[prop] = self.build(sub, rng, prop, depth + 1)
        return built


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _length_problem(
    label: str, length: int, schema: dict[str, Any], low_key: str, high_key: str, unit: str
) -> str | None:
    unit = "characters" if unit == "chars" else unit
    low, high = schema.get(low_key), schema.get(high_key)
    if low is not None and length < low:
        return f"{label} must have at least {low} {unit}"
    if high is not None and length > high:
        return f"{label} must have at most {high} {unit}"
    return None


# What an integer of each format can hold (JSON Schema's formats; the server's types).
_FORMAT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def _bounds_problem(label: str, value: float, schema: dict[str, Any]) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return f"{label} must be a finite number"
    value_range = _FORMAT_RANGES.get(schema.get("format", ""))
    if value_range is not None and not value_range[0] <= value <= value_range[1]:
        return f"{label} must fit a {schema['format']} ({value_range[0]} to {value_range[1]})"
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and (value < low or (schema.get("exclusiveMinimum") and value == low)):
        return f"{label} must be at least {low}"
    if high is not None and (value > high or (schema.get("exclusiveMaximum") and value == high)):
        return f"{label} must be at most {high}"
    return None


def _number(schema: dict[str, Any], rng: random.Random, kind: str) -> int | float:
    low = schema.get("minimum", 0)
    high = schema.get("maximum", max(low, 0) + 1000)
    if kind == "integer":
        low, high = math.ceil(low), math.floor(high)
        if schema.get("exclusiveMinimum") and low == schema.get("minimum"):
            low += 1
        if schema.get("exclusiveMaximum") and high == schema.get("maximum"):
            high -= 1
        low, high = max(low, -_INT32), min(high, _INT32)
        return rng.randint(low, high) if low <= high else low
    return round(rng.uniform(low, high), 2) if low < high else float(low)


def _string(schema: dict[str, Any], rng: random.Random, name: str) -> str:
    value_format = schema.get("format")
    if value_format in ("date-time", "dateTime") or name.endswith("_dts"):
        moment = _EPOCH - timedelta(minutes=rng.randint(0, 60 * 24 * 365))
        text = moment.isoformat().replace("+00:00", "Z")
    elif value_format == "date":
        text = (_EPOCH - timedelta(days=rng.randint(0, 365))).date().isoformat()
    elif value_format == "uuid" or name.endswith("uuid"):
        text = "%08x-%04x-4%03x-a%03x-%012x" % (  # noqa: UP031 (fields of random widths)
            rng.getrandbits(32),
            rng.getrandbits(16),
            rng.getrandbits(12),
            rng.getrandbits(12),
            rng.getrandbits(48),
        )
    elif value_format == "email" or name.endswith("email"):
        text = f"user{rng.randint(1, 9999)}@example.invalid"
    elif value_format in ("uri", "url") or name.endswith("url"):
        text = f"https://fake-ultracart.invalid/{rng.getrandbits(32):08x}"
    else:
        stem = name.replace("_", "-") or "text"
        text = f"{stem}-{rng.getrandbits(24):06x}"
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    if high is not None and len(text) > high:
        text = text[-high:] if high else ""
    if len(text) < low:
        text += "x" * (low - len(text))
    return text
