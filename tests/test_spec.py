"""openapi.yaml: valid, and the seven operations of the seed document among its operations
(main carries exactly those; an adopted operation keeps these checks green)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from codegen.paths import ROOT, SPEC

SEED = ROOT.parent / "shared" / "seed" / "ConversationApi.md"

# The seed's method table (snake_case method, HTTP method, path), as the contract.
SEED_OPERATIONS = {
    ("get_agent_websocket_authorization", "PUT", "/conversation/agent/auth"),
    ("get_conversation", "GET", "/conversation/conversations/{conversation_uuid}"),
    ("get_conversation_multimedia_upload_url", "GET", "/conversation/upload_url/{extension}"),
    ("get_conversations", "GET", "/conversation/conversations"),
    ("join_conversation", "PUT", "/conversation/conversations/{conversation_uuid}/join"),
    ("leave_conversation", "DELETE", "/conversation/conversations/{conversation_uuid}/leave"),
    ("start_conversation", "PUT", "/conversation/conversations"),
}
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return loaded


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]


def test_spec_is_valid_openapi(spec: dict[str, Any]) -> None:
    validate(spec)


def test_the_seed_operations_are_all_there(spec: dict[str, Any]) -> None:
    found = {(snake(op["operationId"]), method, path) for method, path, op in operations(spec)}
    assert found >= SEED_OPERATIONS


def test_embedded_table_is_the_seed_table() -> None:
    if not SEED.exists():
        pytest.skip("shared/seed is not beside this checkout")
    rows = re.findall(r"\[\*\*(\w+)\*\*\]\([^)]*\) \| \*\*(\w+)\*\* (\S+) \|", SEED.read_text())
    assert set(rows) == SEED_OPERATIONS


def test_every_operation_has_both_security_schemes(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ultraCartSimpleApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "x-ultracart-simple-key",
        "description": schemes["ultraCartSimpleApiKey"]["description"],
    }
    flow = schemes["ultraCartOauth"]["flows"]["authorizationCode"]
    assert flow["authorizationUrl"] == "https://secure.ultracart.com/rest/v2/oauth/authorize"
    assert flow["tokenUrl"] == "https://secure.ultracart.com/rest/v2/oauth/token"
    assert set(flow["scopes"]) == {"conversation_read", "conversation_write"}
    for method, path, op in operations(spec):
        names = {name for requirement in op["security"] for name in requirement}
        assert names == {"ultraCartOauth", "ultraCartSimpleApiKey"}, (method, path)


@pytest.mark.parametrize("status", ["400", "401", "410", "429", "500"])
def test_every_operation_documents_the_error_responses(spec: dict[str, Any], status: str) -> None:
    responses = spec["components"]["responses"]
    for method, path, op in operations(spec):
        if status not in op["responses"]:
            # The seven document all five; an adopted operation what upstream does.
            assert (snake(op["operationId"]), method, path) not in SEED_OPERATIONS
            continue
        ref = op["responses"][status]["$ref"]
        response = responses[ref.rsplit("/", 1)[-1]]
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (method, path)
        assert "UC-REST-ERROR" in response["headers"], (method, path)


def test_paging_parameters_and_required_body(spec: dict[str, Any]) -> None:
    listing = spec["paths"]["/conversation/conversations"]
    params = {p["name"]: p["schema"] for p in listing["get"]["parameters"] if "name" in p}
    assert params["_limit"] == {
        "type": "integer",
        "format": "int32",
        "default": 100,
        "minimum": 1,
        "maximum": 200,
    }
    assert params["_offset"] == {"type": "integer", "format": "int32", "default": 0, "minimum": 0}
    assert listing["put"]["requestBody"]["required"] is True


def test_total_records_is_nullable_and_models_have_no_required(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert schemas["ResultSet"]["properties"]["total_records"]["nullable"] is True
    assert [name for name, s in schemas.items() if s.get("required")] == []
