"""A valid request for any operation of openapi.yaml, built from its descriptor (and the
fake's schema builder for the body): what the spec-driven tests send to the fake, for
every operation, whatever openapi.yaml holds."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ultracart_conversations._operation import MISSING, Operation, Parameter
from ultracart_conversations.testing import API_VERSION, FakeUltraCart
from ultracart_conversations.testing._answers import schemas


def sample(parameter: Parameter) -> Any:
    """A valid value of a parameter, as Python (the method's argument)."""
    if parameter.enum:
        return parameter.enum[0]
    if parameter.kind == "integer":
        return max(int(parameter.minimum or 1), 1)
    if parameter.kind == "number":
        return max(float(parameter.minimum or 1.5), 1.5)
    if parameter.kind == "boolean":
        return True
    return "abc" if parameter.min_length is None else "a" * max(parameter.min_length, 3)


def wire(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def sample_body(operation: Operation[Any], seed: int = 1) -> dict[str, Any] | None:
    """A schema-valid JSON body for the operation (None if it takes none)."""
    if operation.body is None:
        return None
    compiled, per_operation = schemas()
    name = per_operation[operation.operation_id]["body"]
    built: dict[str, Any] = compiled.build({"$ref": name}, random.Random(seed))  # noqa: S311
    return built


@dataclass
class Request:
    method: str
    path: str  # relative to the fake's base URL
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


def valid_request(
    operation: Operation[Any], fake: FakeUltraCart, conversation_uuid: str | None = None
) -> Request:
    """A request the fake must answer with a 2xx: the API version and a credential, path
    parameters (a known conversation where one is asked for), the required query and
    header parameters, and a schema-valid body."""
    path = operation.path
    for parameter in operation.path_parameters:
        value = sample(parameter)
        if parameter.name == "conversation_uuid" and fake.conversations:
            value = conversation_uuid or fake.conversations[0]["conversation_uuid"]
        path = path.replace("{" + parameter.name + "}", quote(wire(value), safe=""))
    request = Request(
        operation.method,
        path,
        headers={"x-ultracart-simple-key": fake.simple_key, "X-UltraCart-Api-Version": API_VERSION},
    )
    for parameter in operation.arguments:
        if parameter.required and parameter.default is MISSING:
            target = request.query if parameter.location == "query" else request.headers
            target[parameter.name] = wire(sample(parameter))
    body = sample_body(operation)
    if body is not None:
        request.body = json.dumps(body).encode()
        request.headers["Content-Type"] = "application/json"
    return request
