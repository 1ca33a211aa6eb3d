"""The fake's request checks, driven by the operation descriptors generated from
openapi.yaml: parameters (type, required, bounds, enum, length), the constant headers,
and the JSON body against its schema (naming the field that breaks it). The same
constraints the client checks before sending, applied to what arrives on the wire, so
that a client that skips them (any HTTP client can talk to the fake) gets UltraCart's
400.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ultracart_conversations._operation import MISSING, Operation, Parameter
from ultracart_conversations._request import check_value

from ._answers import schemas

_INTEGER = re.compile(r"-?[0-9]{1,40}")
_NUMBER = re.compile(r"-?[0-9]{1,18}(\.[0-9]{1,18})?([eE][-+]?[0-9]{1,3})?")


def _from_wire(parameter: Parameter, text: str) -> Any:
    """A query, path or header value converted to the parameter's type, or ValueError."""
    stripped = text.strip()
    if parameter.kind == "integer":
        if not _INTEGER.fullmatch(stripped):
            raise ValueError(f"{parameter.name} must be an integer")
        return int(stripped)
    if parameter.kind == "number":
        if not _NUMBER.fullmatch(stripped):
            raise ValueError(f"{parameter.name} must be a number")
        return float(stripped)
    if parameter.kind == "boolean":
        if stripped not in ("true", "false"):
            raise ValueError(f"{parameter.name} must be true or false")
        return stripped == "true"
    return text


def _describe(parameter: Parameter) -> str:
    noun = "an integer" if parameter.kind == "integer" else "a number"
    if parameter.minimum is not None and parameter.maximum is not None:
        return f"{noun} from {parameter.minimum:g} to {parameter.maximum:g}"
    if parameter.minimum is not None:
        return f"{noun} of {parameter.minimum:g} or more"
    if parameter.maximum is not None:
        return f"{noun} of {parameter.maximum:g} or less"
    return noun


def check_call(
    operation: Operation[Any],
    path: Mapping[str, str],
    query: Mapping[str, str],
    headers: Mapping[str, str],
    body: bytes,
) -> tuple[dict[str, Any], dict[str, Any] | None] | str:
    """(parameters by spec name, JSON body) of a valid request, or why it is a 400."""
    values: dict[str, Any] = {}
    for parameter in operation.parameters:
        if parameter.location == "path":
            raw: str | None = path.get(parameter.name)
        elif parameter.location == "query":
            raw = query.get(parameter.name)
        else:
            raw = headers.get(parameter.name.lower())
        if parameter.constant:
            expected = str(parameter.default)
            if raw is None:
                return f"Missing header {parameter.name}: {expected}."
            if raw != expected:
                return f"Unsupported {parameter.name}; this API is {expected}."
            continue
        if raw is None:
            if parameter.required:
                return f"{parameter.name} is required."
            values[parameter.name] = None if parameter.default is MISSING else parameter.default
            continue
        try:
            value = _from_wire(parameter, raw)
            # The path segment rules (not blank, not a dot segment) are what the client
            # refuses to send; the fake judges the value that did arrive.
            checked_as = parameter._replace(location="query")
            check_value(checked_as, value, label=parameter.name)
        except ValueError as exc:  # InvalidRequestError is a ValueError too
            if parameter.kind in ("integer", "number"):
                return f"{parameter.name} must be {_describe(parameter)}."
            return f"{exc}."
        values[parameter.name] = value
    if operation.body is None:
        return values, None
    try:
        return values, _check_body(operation, body)
    except _BodyError as exc:
        return str(exc)


class _BodyError(ValueError):
    pass


def _check_body(operation: Operation[Any], body: bytes) -> dict[str, Any] | None:
    spec = operation.body
    assert spec is not None
    name = spec.model_name
    if not body.strip():
        if spec.required:
            raise _BodyError(f"The request body is required (a {name}).")
        return None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise _BodyError("The request body is not valid JSON.") from None
    if not isinstance(document, dict):
        raise _BodyError(f"The request body must be a {name} object.")
    compiled, per_operation = schemas()
    schema_name = per_operation[operation.operation_id]["body"]
    problem = compiled.problem(document, {"$ref": schema_name}) if schema_name else None
    if problem is not None:
        raise _BodyError(f"The request body is not a valid {name}: {problem}.")
    return document
