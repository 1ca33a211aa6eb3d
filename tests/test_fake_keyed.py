"""The fake's routing and its written behaviours, keyed to openapi.yaml (issue 18):

- the most specific path wins (a literal segment before a {parameter}), whatever order
  the operations come in: `/pbx/phone_number/search` never goes to `/pbx/phone_number/{id}`;
- each written behaviour declares the operation, parameters and body fields it reads;
  one whose operation was renamed or removed, or whose parameter changed type or
  disappeared, is named by a test instead of silently becoming a 501 or a 500, and the
  fake answers that operation from its schema (with a warning naming it).
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

import httpx
import pytest

from tests.raw_http import HTTP
from ultracart_conversations._operation import Operation, Parameter
from ultracart_conversations.testing import API_VERSION, FakeUltraCart, _server
from ultracart_conversations.testing._registry import BEHAVIOURS, mismatches
from ultracart_conversations.testing._routing import Router, operation_route
from ultracart_conversations_api.operations import OPERATIONS

MODELS = "ultracart_conversations_api.models"


def operation(operation_id: str, method: str, path: str, *params: Parameter) -> Operation[Any]:
    return Operation(
        operation_id=operation_id,
        python_name=operation_id,
        method=method,
        path=path,
        parameters=params,
        body=None,
        responses={200: None},
        models=MODELS,
        idempotent=True,
    )


PHONE_NUMBERS = [
    operation("getPhoneNumber", "GET", "/pbx/phone_number/{id}"),
    operation("searchPhoneNumbers", "POST", "/pbx/phone_number/search"),
    operation("getPhoneNumberSearch", "GET", "/pbx/phone_number/search"),
    operation("getQueue", "GET", "/pbx/{queue}/phone_number/{id}"),
    operation("getQueueDefault", "GET", "/pbx/{queue}/phone_number/default"),
]


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(PHONE_NUMBERS))))[::17])
def test_the_most_specific_path_wins_whatever_the_order(order: tuple[int, ...]) -> None:
    router = Router("/rest/v2", [operation_route(PHONE_NUMBERS[i]) for i in order])

    def routed(method: str, path: str) -> str | None:
        found = router.find(method, "/rest/v2" + path)
        return found.route.operation_id if found.route else None

    assert routed("POST", "/pbx/phone_number/search") == "searchPhoneNumbers"
    assert routed("GET", "/pbx/phone_number/search") == "getPhoneNumberSearch"
    assert routed("GET", "/pbx/phone_number/42") == "getPhoneNumber"
    assert routed("GET", "/pbx/main/phone_number/default") == "getQueueDefault"
    assert routed("GET", "/pbx/main/phone_number/7") == "getQueue"
    found = router.find("DELETE", "/rest/v2/pbx/phone_number/search")
    assert found.route is None and found.allowed == ["GET", "POST"]
    assert router.find("GET", "/rest/v2/pbx/phone_number/42").params == {"id": "42"}


def test_every_written_behaviour_fits_openapi_yaml() -> None:
    # A behaviour that no longer fits is named here: rename its key, or fix what it reads.
    found = mismatches(BEHAVIOURS.values(), OPERATIONS)
    listed = "\n".join(f"  {name}: {'; '.join(problems)}" for name, problems in found.items())
    assert not found, f"written behaviours that no longer fit openapi.yaml:\n{listed}"


def test_a_behaviour_whose_operation_was_renamed_or_removed_is_named() -> None:
    renamed = [o for o in OPERATIONS if o.operation_id != "getConversation"]
    found = mismatches(BEHAVIOURS.values(), renamed)
    assert found == {
        "getConversation": ["openapi.yaml has no operation getConversation (renamed or removed?)"]
    }


def test_a_behaviour_whose_parameter_changed_type_or_went_is_named() -> None:
    def changed(op: Operation[Any]) -> Operation[Any]:
        if op.operation_id != "getConversations":
            return op
        params = tuple(
            p._replace(kind="string") if p.name == "_limit" else p
            for p in op.parameters
            if p.name != "medium"
        )
        return operation(op.operation_id, op.method, op.path, *params)

    found = mismatches(BEHAVIOURS.values(), [changed(o) for o in OPERATIONS])
    assert sorted(found["getConversations"]) == [
        "getConversations has no parameter medium any more",
        "getConversations's parameter _limit is now of type string, not integer",
    ]


def test_the_fake_answers_from_the_schema_where_a_behaviour_no_longer_fits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stale = [o for o in OPERATIONS if o.operation_id != "getAgentWebsocketAuthorization"]
    moved = next(o for o in OPERATIONS if o.operation_id == "getAgentWebsocketAuthorization")
    moved.operation_id = "getAgentAuthorization"  # as if renamed in openapi.yaml
    monkeypatch.setattr(_server, "OPERATIONS", (*stale, moved))
    monkeypatch.setattr(_server, "_warned_about", set())
    try:
        with pytest.warns(RuntimeWarning, match="getAgentWebsocketAuthorization no longer fits"):
            fake = FakeUltraCart(conversations=1)
        assert "getAgentWebsocketAuthorization" not in fake._behaviours
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # once per process, not per fake
            FakeUltraCart(conversations=1)
    finally:
        moved.operation_id = "getAgentWebsocketAuthorization"


def test_a_behaviour_sees_only_what_it_declared() -> None:
    written = BEHAVIOURS["joinConversation"]
    call = written.call(
        {"conversation_uuid": "u", "other": 1}, {"participant_language_iso_code": "en", "x": 2}
    )
    assert call.params == {"conversation_uuid": "u"}
    assert call.body == {"participant_language_iso_code": "en"}


def test_a_request_no_behaviour_was_written_for_gets_a_schema_valid_answer_deterministically(
    fake: FakeUltraCart,
) -> None:
    # The seven all have behaviours here; the answer builder is what adopted operations get.
    from ultracart_conversations.testing._answers import built_answer

    listing = next(o for o in OPERATIONS if o.operation_id == "getConversations")
    params = {"_limit": 2, "_offset": 0, "medium": None, "before": None}
    first, again = built_answer(listing, params, None), built_answer(listing, params, None)
    assert first.status == 200 and first.body == again.body
    import json

    page = json.loads(first.body)
    assert page["success"] is True and "error" not in page and "warning" not in page
    assert [c["conversation_uuid"] for c in page["conversations"]] == [
        "getConversations-1",
        "getConversations-2",
    ]
    result_set = page["metadata"]["result_set"]
    assert (result_set["count"], result_set["more"], result_set["total_records"]) == (2, True, 3)
    rest = json.loads(built_answer(listing, {**params, "_offset": 2}, None).body)
    assert [c["conversation_uuid"] for c in rest["conversations"]] == ["getConversations-3"]


def test_a_bad_body_is_a_400_that_names_the_field(fake: FakeUltraCart) -> None:
    headers = {"x-ultracart-simple-key": fake.simple_key, "X-UltraCart-Api-Version": API_VERSION}
    url = fake.base_url + "/conversation/conversations"
    for body, named in (
        ({"conversation_arn": 5}, "conversation_arn must be a string, got an integer"),
        ({"add_conversation_participant_arns": ["a", 1]}, "add_conversation_participant_arns[1]"),
        ({"resolve_only": "yes"}, "resolve_only must be a boolean"),
    ):
        answer: httpx.Response = HTTP.put(url, json=body, headers=headers)
        assert answer.status_code == 400
        assert named in answer.headers["UC-REST-ERROR"], answer.headers["UC-REST-ERROR"]
