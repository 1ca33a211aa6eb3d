"""Every kind of answer the fake gives is documented in openapi.yaml and validates against
it: for every operation of the spec (written behaviours and answers built from the
schema alike), a success, a 401, a 400 and every injected error status.

Validated with openapi-schema-validator (OAS 3.0 semantics: `nullable` and friends), made
stricter than the spec by forbidding properties it does not declare, so the fake cannot
grow fields that UltraCart does not document.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import yaml
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from codegen.paths import SPEC
from tests.raw_http import HTTP
from tests.spec_requests import valid_request
from ultracart_conversations.testing import API_VERSION, FakeUltraCart, Fault
from ultracart_conversations.testing._registry import BEHAVIOURS
from ultracart_conversations_api.operations import OPERATIONS as ALL_OPERATIONS
from ultracart_conversations_api.operations import OperationId

SPEC_DOC: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
LIST = "/conversation/conversations"
ONE = LIST + "/{conversation_uuid}"
# (operationId, method, path template) of every operation.
OPERATIONS = [
    (op["operationId"], method.upper(), path)
    for path, item in SPEC_DOC["paths"].items()
    for method, op in item.items()
]
# The statuses UltraCart answers any operation with, documented or not.
STANDARD_ERRORS = {400, 401, 404, 410, 429, 500}
DESCRIPTORS = {operation.operation_id: operation for operation in ALL_OPERATIONS}


def closed_world(spec: dict[str, Any]) -> dict[str, Any]:
    strict = copy.deepcopy(spec)
    for schema in strict["components"]["schemas"].values():
        if schema.get("type") == "object":
            schema["additionalProperties"] = False
    return strict


REGISTRY: Registry[Any] = Registry().with_resource(
    "urn:spec", Resource.from_contents(closed_world(SPEC_DOC), default_specification=DRAFT4)
)


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        found: Any = SPEC_DOC
        for part in node["$ref"].removeprefix("#/").split("/"):
            found = found[part]
        node = found
    return node


def schema_validator(schema: dict[str, Any]) -> OAS30Validator:
    ref = schema.get("$ref")
    assert ref is not None, "every body schema in openapi.yaml is a $ref"
    return OAS30Validator({"$ref": "urn:spec" + ref}, registry=REGISTRY)


def check_against_spec(method: str, template: str, response: httpx.Response) -> None:
    operation = SPEC_DOC["paths"][template][method.lower()]
    documented = operation["responses"].get(str(response.status_code))
    if documented is None and response.status_code in STANDARD_ERRORS:
        # UltraCart answers these to any call (bad credentials, bad input...), also where
        # an operation adopted from its document does not say so: its error shape.
        documented = {"$ref": "#/components/responses/BadRequest"}
    assert documented is not None, f"{method} {template}: {response.status_code} is undocumented"
    documented = resolve(documented)
    if response.status_code >= 400:
        assert response.headers.get("UC-REST-ERROR"), "errors carry UC-REST-ERROR"
    for name, header in documented.get("headers", {}).items():
        if name in response.headers:
            assert resolve(header)["schema"]["type"] == "string"
    if "content" not in documented:
        assert response.content == b"", f"{method} {template}: body where none is documented"
        return
    assert response.headers["Content-Type"].startswith("application/json")
    schema = documented["content"]["application/json"]["schema"]
    schema_validator(schema).validate(response.json())


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=8, seed=5) as running:
        yield running


def concrete(template: str, fake: FakeUltraCart, known: bool = True) -> str:
    uuid = fake.conversations[-1]["conversation_uuid"] if known else "missing"
    return template.replace("{conversation_uuid}", uuid).replace("{extension}", "png")


def send(
    fake: FakeUltraCart, method: str, template: str, *, headers: dict[str, str] | None = None,
    known: bool = True, **kwargs: Any,
) -> httpx.Response:  # fmt: skip
    if headers is None:
        headers = {
            "x-ultracart-simple-key": fake.simple_key,
            "X-UltraCart-Api-Version": API_VERSION,
        }
    if method == "PUT" and template == LIST and "content" not in kwargs:
        kwargs["json"] = {"conversation_arn": "arn:x", "add_conversation_participant_arns": ["a"]}
    url = fake.base_url + concrete(template, fake, known)
    return HTTP.request(method, url, headers=headers, **kwargs)


def send_valid(
    fake: FakeUltraCart, operation_id: str, *, headers: dict[str, str] | None = None
) -> httpx.Response:
    request = valid_request(DESCRIPTORS[operation_id], fake)
    sent = request.headers if headers is None else headers
    url = fake.base_url + request.path
    return HTTP.request(
        request.method, url, params=request.query, headers=sent, content=request.body
    )


@pytest.mark.parametrize(("operation_id", "method", "template"), OPERATIONS)
def test_success_and_every_documented_error_validate(
    fake: FakeUltraCart, operation_id: OperationId, method: str, template: str
) -> None:
    answers = [send_valid(fake, operation_id)]
    assert 200 <= answers[0].status_code < 300, answers[0].headers.get("UC-REST-ERROR")
    answers.append(send_valid(fake, operation_id, headers={}))  # 401
    answers.append(
        send_valid(fake, operation_id, headers={"x-ultracart-simple-key": fake.simple_key})
    )
    assert [a.status_code for a in answers[1:]] == [401, 400]
    documented = SPEC_DOC["paths"][template][method.lower()]["responses"]
    for status in (400, 401, 410, 429, 500):
        if str(status) not in documented:
            continue  # an adopted operation documents what upstream does
        fake.inject(operation_id, Fault.status(status, retry_after="1"))
        answers.append(send_valid(fake, operation_id))
        assert answers[-1].status_code == status
    if "{conversation_uuid}" in template and operation_id in BEHAVIOURS:
        answers.append(send(fake, method, template, known=False))
        assert answers[-1].status_code == 404
    for answer in answers:
        check_against_spec(method, template, answer)


def test_list_pages_validate_with_total_known_or_not(fake: FakeUltraCart) -> None:
    for known in (True, False):
        fake.total_records_known = known
        for params in ({"_limit": 3, "_offset": 0}, {"_limit": 3, "_offset": 6}, {"_offset": 99}):
            check_against_spec("GET", LIST, send(fake, "GET", LIST, params=params))
    fake.total_records_known = True
    for params in ({"_limit": 0}, {"_limit": 201}, {"_offset": -1}):
        answer = send(fake, "GET", LIST, params=params)
        assert answer.status_code == 400
        check_against_spec("GET", LIST, answer)


def test_bad_start_bodies_and_a_started_conversation_validate(fake: FakeUltraCart) -> None:
    for body in (b"nope", b"[]", b'{"add_conversation_participant_arns": [1]}'):
        answer = send(fake, "PUT", LIST, content=body)
        assert answer.status_code == 400
        check_against_spec("PUT", LIST, answer)
    started = send(fake, "PUT", LIST).json()["conversation"]["conversation_uuid"]
    for suffix, method in (("", "GET"), ("/join", "PUT"), ("/leave", "DELETE")):
        template = ONE + suffix
        url = f"{fake.base_url}{LIST}/{started}{suffix}"
        headers = {
            "x-ultracart-simple-key": fake.simple_key,
            "X-UltraCart-Api-Version": API_VERSION,
        }
        check_against_spec(method, template, HTTP.request(method, url, headers=headers))
    check_against_spec("GET", ONE, send(fake, "GET", ONE))  # with the agent who left


def test_the_check_catches_an_undocumented_field() -> None:
    validator = schema_validator({"$ref": "#/components/schemas/ConversationSummary"})
    validator.validate({"conversation_uuid": "x", "message_count": 1})
    assert not validator.is_valid({"conversation_uuid": "x", "surprise": True})
    assert not validator.is_valid({"message_count": "one"})
    result_set = schema_validator({"$ref": "#/components/schemas/ResultSet"})
    result_set.validate({"total_records": None})
    assert not result_set.is_valid({"more": None})
