"""Hypothesis strategies and checks derived from openapi.yaml, for the reliability tests.

Strategies are built from the spec's component schemas (not from the generated code),
so a model that drifts from the spec fails its round trip instead of agreeing with
itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

import ultracart_conversations_api.models as models
from ultracart_conversations_api.types import Unset

SPEC = Path(__file__).resolve().parents[1] / "openapi.yaml"

# The generator renames Warning (codegen/config.yaml's class_overrides).
CLASS_NAMES = {"Warning": "ResponseWarning"}


@cache
def schemas() -> dict[str, dict[str, Any]]:
    document = yaml.safe_load(SPEC.read_text())
    found: dict[str, dict[str, Any]] = document["components"]["schemas"]
    return found


def model_class(schema_name: str) -> type[Any]:
    cls: type[Any] = getattr(models, CLASS_NAMES.get(schema_name, schema_name))
    return cls


def attribute(cls: type[Any], json_name: str) -> str:
    """The attribute the generated model gives a JSON property (its own table, so the
    matrix venvs, which lack the generator, name fields exactly as codegen did)."""
    names: dict[str, str] = {key: attr for attr, key, _kind, _required in cls._fast_fields()}
    return names[json_name]


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


# Any JSON value; small by default so that examples stay fast.
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def document(schema_name: str, extra_keys: bool = True) -> st.SearchStrategy[dict[str, Any]]:
    """A JSON object valid for the named schema: any subset of its properties, plus
    (when extra_keys) unknown keys, which the models keep in additional_properties."""
    return _object(schemas()[schema_name], extra_keys)


def _object(schema: dict[str, Any], extra_keys: bool) -> st.SearchStrategy[dict[str, Any]]:
    properties: dict[str, Any] = schema.get("properties", {})
    optional = {name: _value(sub, extra_keys) for name, sub in properties.items()}
    known = st.fixed_dictionaries({}, optional=optional)
    if not extra_keys:
        return known
    unknown = st.dictionaries(
        st.text(min_size=1, max_size=10).filter(lambda key: key not in properties),
        json_values,
        max_size=2,
    )
    return st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]})


def _value(schema: dict[str, Any], extra_keys: bool) -> st.SearchStrategy[Any]:
    ref = _ref_name(schema)
    if ref is not None:
        return st.deferred(lambda: document(ref, extra_keys))
    kind = schema.get("type")
    base: st.SearchStrategy[Any]
    if kind == "string":
        base = st.text(max_size=30)
        if "enum" in schema:  # the documented values, and ones UltraCart may add later
            base = st.sampled_from(schema["enum"]) | base
    elif kind == "number":
        base = st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    elif kind == "integer":
        base = st.integers()
    elif kind == "boolean":
        base = st.booleans()
    elif kind == "array":
        base = st.lists(_value(schema["items"], extra_keys), max_size=3)
    elif kind == "object":
        base = _object(schema, extra_keys)
    elif kind is None and "properties" not in schema:
        base = json_values  # no type: any JSON value (`settings: {}`)
    elif kind is None:
        base = _object(schema, extra_keys)
    else:
        raise AssertionError(f"openapi.yaml uses a type this strategy lacks: {schema}")
    return st.none() | base if schema.get("nullable") else base


def conformance_errors(
    value: Any, schema: dict[str, Any], where: str = "$", is_field: bool = False
) -> list[str]:
    """Where a parsed model breaks its schema: a field of the wrong Python type. A field
    (not a list item) may be None: every optional field reads a null as None."""
    if value is None:
        nullable = is_field or schema.get("nullable")
        return [] if nullable else [f"{where}: None in a non-nullable place"]
    ref = _ref_name(schema)
    if ref is not None:
        cls = model_class(ref)
        if not isinstance(value, cls):
            return [f"{where}: {type(value).__name__}, not {cls.__name__}"]
        errors: list[str] = []
        for name, sub in schemas()[ref].get("properties", {}).items():
            # The generator's Python name for the field (`type` -> `type_`, `Tags` -> `tags`).
            field = getattr(value, attribute(cls, name))
            if not isinstance(field, Unset):
                errors += conformance_errors(field, sub, f"{where}.{name}", is_field=True)
        return errors
    if "type" not in schema:
        return []  # any JSON value
    expected: dict[str, type | tuple[type, ...]] = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "array": list,
    }
    kind = schema["type"]
    if kind == "object":
        # An inline object: the generator's class of its own (or a dict for a map).
        return (
            []
            if hasattr(value, "to_dict") or isinstance(value, dict)
            else [f"{where}: {type(value).__name__} where the schema says object"]
        )
    wrong_bool = kind in ("integer", "number") and isinstance(value, bool)
    if not isinstance(value, expected[kind]) or wrong_bool:
        return [f"{where}: {type(value).__name__} where the schema says {kind}"]
    if kind == "array":
        assert isinstance(value, list)
        return [
            error
            for index, item in enumerate(value)
            for error in conformance_errors(item, schema["items"], f"{where}[{index}]")
        ]
    return []
