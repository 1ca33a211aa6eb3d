"""Drift findings and their breaking classification, on small upstream fixtures.

These tests go through the library (load, normalize, compare) without the allow-list,
so every difference is visible; test_drift_cli and test_drift_allowlist cover the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from codegen.drift.compare import compare_documents
from codegen.drift.findings import KINDS, Finding
from codegen.drift.load import load_document
from codegen.drift.normalize import Document

FIXTURES = Path(__file__).parent / "fixtures" / "drift"
# The drift tool's tests run against a frozen pair: our spec and UltraCart's as they were
# in 2022 (and the deviations of then), so that their fixtures keep meaning the same
# changes whatever openapi.yaml becomes. test_drift_repository checks the live files.
SNAPSHOT = FIXTURES / "upstream_2022.swagger.json"
OURS_2022 = FIXTURES / "ours_2022.yaml"
DEVIATIONS_2022 = FIXTURES / "deviations_2022.yaml"

Key = tuple[str, str, str]  # operation, location, kind


def compare(upstream: Path, spec: Path = OURS_2022) -> tuple[list[Finding], list[Finding]]:
    ours = Document(load_document(str(spec)), "ours")
    theirs = Document(load_document(str(upstream)), "upstream")
    return compare_documents(ours, theirs)


def indexed(findings: list[Finding]) -> dict[Key, list[Finding]]:
    index: dict[Key, list[Finding]] = {}
    for f in findings:
        index.setdefault((f.operation, f.location, f.kind), []).append(f)
    return index


# (operation, location, kind, breaking): one row per kind of change the fixture makes.
SWAGGER2_EXPECTED = [
    # an operation gone, and one that moved to another method
    ("getAgentWebsocketAuthorization", "/", "operation-missing", True),
    ("leaveConversation", "/", "operation-missing", True),
    # parameters: new required / optional, tighter bound, changed default
    ("getConversations", "/parameters/query/channel", "parameter-added", True),
    ("getConversations", "/parameters/query/_sort", "parameter-added", False),
    ("getConversations", "/parameters/query/_limit/schema/maximum", "bound-changed", True),
    ("getConversations", "/parameters/query/_limit/schema/minimum", "bound-changed", False),
    ("getConversations", "/parameters/query/_offset/schema/default", "default-changed", False),
    ("getConversations", "/parameters/header/X-UltraCart-Api-Version", "parameter-removed", True),
    # responses: success added, error removed, recursive schema changes
    ("getConversations", "/responses/206", "response-added", True),
    ("getConversations", "/responses/410", "response-removed", False),
    (
        "getConversations",
        "/responses/200/schema/conversations[]/merchant_id",
        "property-removed",
        True,
    ),
    ("getConversations", "/responses/200/schema/conversations[]/visible", "property-added", False),
    (
        "getConversations",
        "/responses/200/schema/conversations[]/message_count/type",
        "type-changed",
        True,
    ),
    (
        "getConversations",
        "/responses/200/schema/conversations[]/last_message_dts/format",
        "format-changed",
        True,
    ),
    (
        "getConversations",
        "/responses/200/schema/metadata/result_set/more",
        "property-required",
        False,
    ),
    # request body: field removed, new required field; response wrapped in an envelope
    ("startConversation", "/requestBody/schema/conversation_arn", "property-removed", True),
    ("startConversation", "/requestBody/schema/channel", "property-added", True),
    ("startConversation", "/responses/200/schema", "response-wrapped", True),
    # a path parameter renamed in place; an enum appearing on a response field
    ("getConversation", "/parameters/path/conversation_uuid", "parameter-renamed", False),
    ("getConversation", "/responses/200/schema/participants[]/status/enum", "enum-changed", False),
    # security: ways to authenticate, and the schemes themselves
    ("joinConversation", "/security", "security-changed", True),
    (
        "joinConversation",
        "/security/ultraCartOauth/flows/authorizationCode/tokenUrl",
        "security-scheme-changed",
        True,
    ),
    (
        "joinConversation",
        "/security/ultraCartOauth/flows/authorizationCode/scopes/conversation_write",
        "security-scheme-changed",
        True,
    ),
    # a response body where upstream used to document none
    ("getConversationMultimediaUploadUrl", "/responses/200", "body-added", False),
]


@pytest.fixture(scope="module")
def swagger2() -> dict[Key, list[Finding]]:
    return indexed(compare(FIXTURES / "drifted.swagger.json")[0])


@pytest.mark.parametrize(("operation", "location", "kind", "breaking"), SWAGGER2_EXPECTED)
def test_swagger2_upstream_findings(
    swagger2: dict[Key, list[Finding]], operation: str, location: str, kind: str, breaking: bool
) -> None:
    found = swagger2.get((operation, location, kind))
    assert found, sorted(swagger2)
    assert any(f.breaking is breaking for f in found), found


def test_findings_carry_operation_method_and_path(swagger2: dict[Key, list[Finding]]) -> None:
    (finding,) = swagger2[("getConversations", "/responses/206", "response-added")]
    assert (finding.method, finding.path) == ("GET", "/conversation/conversations")
    assert "206" in finding.change
    assert all(f.kind in KINDS for group in swagger2.values() for f in group)


def test_moved_operation_says_where_it_went(swagger2: dict[Key, list[Finding]]) -> None:
    (finding,) = swagger2[("leaveConversation", "/", "operation-missing")]
    assert "POST /conversation/conversations/{conversation_uuid}/leave" in finding.change


def test_security_changes_say_what_is_accepted(swagger2: dict[Key, list[Finding]]) -> None:
    changes = {
        (f.change, f.breaking)
        for f in swagger2[("joinConversation", "/security", "security-changed")]
    }
    assert changes == {
        ("upstream no longer accepts ultraCartOauth [conversation_write]", True),
        ("upstream no longer accepts ultraCartSimpleApiKey", True),
        ("upstream also accepts ultraCartOauth [conversation_admin]", False),
    }


def test_nullability_spelled_x_nullable_matches_ours(swagger2: dict[Key, list[Finding]]) -> None:
    assert not [key for key in swagger2 if key[1].endswith("total_records/nullable")]


OAS31_EXPECTED = [
    ("getConversations", "/parameters/query/_limit", "parameter-renamed", True),
    (
        "getConversations",
        "/responses/200/schema/conversations[]/message_count/nullable",
        "nullable-changed",
        True,
    ),
    ("getConversations", "/responses/200/schema/warning/nullable", "nullable-changed", True),
    ("getConversations", "/security", "security-changed", False),
    ("startConversation", "/requestBody/content", "media-type-removed", True),
    ("startConversation", "/requestBody", "body-optional", False),
    ("startConversation", "/security/ultraCartSimpleApiKey/name", "security-scheme-changed", True),
    ("getConversation", "/", "operation-missing", True),
]


@pytest.fixture(scope="module")
def oas31() -> dict[Key, list[Finding]]:
    return indexed(compare(FIXTURES / "drifted.oas31.yaml")[0])


@pytest.mark.parametrize(("operation", "location", "kind", "breaking"), OAS31_EXPECTED)
def test_openapi31_upstream_findings(
    oas31: dict[Key, list[Finding]], operation: str, location: str, kind: str, breaking: bool
) -> None:
    found = oas31.get((operation, location, kind))
    assert found, sorted(oas31)
    assert [f.breaking for f in found] == [breaking]


def test_openapi31_spellings_of_what_we_say_are_not_drift(oas31: dict[Key, list[Finding]]) -> None:
    locations = {key[1] for key in oas31 if key[0] == "getConversations"}
    # type: [integer, "null"] is our nullable; exclusiveMinimum -1 on an integer is minimum 0;
    # the renamed _limit keeps our bounds; the header parameter is declared.
    assert not [loc for loc in locations if "total_records" in loc]
    assert not [loc for loc in locations if loc.startswith("/parameters/query/_offset")]
    assert not [loc for loc in locations if loc.startswith("/parameters/header")]
    assert "/parameters/query/_limit/schema/maximum" not in locations


def test_recursive_allof_model_both_directions_exactly() -> None:
    """A recursive model built with allOf upstream; enums, bounds and types both ways."""
    findings, _ = compare(
        FIXTURES / "upstream_small.swagger.yaml", FIXTURES / "ours_small.oas30.yaml"
    )
    assert {(f.operation, f.location, f.change, f.breaking) for f in findings} == {
        (
            "getTree",
            "/parameters/path/id",
            "path parameter id is called tree_id upstream (same position: the URL is unchanged)",
            False,
        ),
        (
            "getTree",
            "/parameters/query/order/schema/enum",
            'enum values removed upstream: "desc"',
            True,
        ),
        (
            "getTree",
            "/parameters/query/order/schema/enum",
            'enum values added upstream: "random"',
            False,
        ),
        ("getTree", "/parameters/query/depth", "parameter depth is optional upstream", False),
        ("getTree", "/responses/200/schema/id", "property id is optional upstream", True),
        ("getTree", "/responses/200/schema/kind/enum", 'enum values added upstream: "root"', True),
        (
            "getTree",
            "/responses/200/schema/score/type",
            "type changed: ours number, upstream integer",
            False,
        ),
        (
            "addNode",
            "/parameters/path/id",
            "path parameter id is called tree_id upstream (same position: the URL is unchanged)",
            False,
        ),
        (
            "addNode",
            "/requestBody/schema/kind/enum",
            'enum values removed upstream: "branch"',
            True,
        ),
        (
            "addNode",
            "/requestBody/schema/label/maxLength",
            "maxLength changed: ours 40, upstream 20 (tighter upstream)",
            True,
        ),
        (
            "addNode",
            "/requestBody/schema/weight/type",
            "type changed: ours integer, upstream number",
            False,
        ),
    }


def test_renamed_models_in_openapi3_compare_like_the_swagger2_snapshot() -> None:
    """Same shapes, other model names, other format and layout: the very same findings."""
    snapshot, _ = compare(SNAPSHOT)
    renamed, information = compare(FIXTURES / "renamed_models.oas30.yaml")
    assert snapshot  # the reviewed deviations, before the allow-list drops them
    assert sorted(map(str, renamed)) == sorted(map(str, snapshot))
    assert [(f.operation, f.method, f.path) for f in information] == [
        ("getConversationDepartments", "GET", "/conversation/departments")
    ]


def test_upstream_only_conversation_operations_are_information() -> None:
    findings, information = compare(FIXTURES / "drifted.swagger.json")
    listed = {(f.method, f.path) for f in information}
    assert listed == {
        ("POST", "/conversation/conversations/{conversation_uuid}/leave"),
        ("GET", "/conversation/conversations/{conversation_uuid}/messages/{since}"),
    }  # and not /order/orders/{order_id}: outside the conversation API
    assert all(not f.breaking and f.kind == "upstream-only" for f in information)
    assert not {f.kind for f in findings} & {"upstream-only"}


# -- one change to the snapshot at a time ----------------------------------------------

Document_ = dict[str, Any]


def _rename_operation(doc: Document_) -> None:
    doc["paths"]["/conversation/agent/auth"]["put"]["operationId"] = "authorizeAgent"


def _add_response_header(doc: Document_) -> None:
    ok = doc["paths"]["/conversation/conversations/{conversation_uuid}"]["get"]["responses"]["200"]
    ok["headers"] = {"ETag": {"type": "string"}}


def _drop_response_body(doc: Document_) -> None:
    ok = doc["paths"]["/conversation/conversations/{conversation_uuid}"]["get"]["responses"]["200"]
    del ok["schema"]


def _add_required_request_body(doc: Document_) -> None:
    join = doc["paths"]["/conversation/conversations/{conversation_uuid}/join"]["put"]
    body = {"in": "body", "name": "join_request", "required": True, "schema": {"type": "object"}}
    join["parameters"].append(body)


def _make_a_field_one_of(doc: Document_) -> None:
    props = doc["definitions"]["ConversationMessage"]["properties"]
    props["body"] = {"oneOf": [{"type": "string"}, {"$ref": "#/definitions/ConversationMessage"}]}


def _rename_security_scheme(doc: Document_) -> None:
    schemes = doc["securityDefinitions"]
    schemes["simpleKey"] = schemes.pop("ultraCartSimpleApiKey")
    for item in doc["paths"].values():
        for op in item.values():
            op["security"] = [
                {"simpleKey" if name == "ultraCartSimpleApiKey" else name: scopes}
                for requirement in op["security"]
                for name, scopes in requirement.items()
            ]


def _enum_on_a_request_field(doc: Document_) -> None:
    start = doc["definitions"]["ConversationStartRequest"]["properties"]
    start["conversation_arn"] = {"type": "string", "enum": ["arn:a", "arn:b"]}


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            _rename_operation,
            {("getAgentWebsocketAuthorization", "/operationId", "operation-id-changed", False)},
        ),
        (
            _add_response_header,
            {("getConversation", "/responses/200/headers/ETag", "header-added", False)},
        ),
        (_drop_response_body, {("getConversation", "/responses/200", "body-removed", True)}),
        (
            _add_required_request_body,
            {("joinConversation", "/requestBody", "body-added", True)},
        ),
        (
            _make_a_field_one_of,
            {
                (
                    "getConversation",
                    "/responses/200/schema/messages[]/body/type",
                    "type-changed",
                    True,
                ),
                (
                    "getConversation",
                    "/responses/200/schema/messages[]/body/oneOf",
                    "variants-changed",
                    True,
                ),
            },
        ),
        (_rename_security_scheme, set()),
        (
            _enum_on_a_request_field,
            {
                (
                    "startConversation",
                    "/requestBody/schema/conversation_arn/enum",
                    "enum-changed",
                    True,
                )
            },
        ),
    ],
)
def test_single_change_to_the_snapshot(
    tmp_path: Path,
    mutate: Callable[[Document_], None],
    expected: set[tuple[str, str, str, bool]],
) -> None:
    baseline = {(f.operation, f.location, f.kind, f.breaking) for f in compare(SNAPSHOT)[0]}
    document = json.loads(SNAPSHOT.read_text())
    mutate(document)
    upstream = tmp_path / "upstream.json"
    upstream.write_text(json.dumps(document))
    found = {(f.operation, f.location, f.kind, f.breaking) for f in compare(upstream)[0]}
    assert found - baseline == expected
    assert baseline <= found
