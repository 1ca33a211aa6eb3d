"""The generated endpoint functions, sync and async, over real HTTP on 127.0.0.1.

Each operation must send the right method, path, query, headers and body, and parse the
documented responses into the generated models. The public layer builds on exactly these
functions, so this is the contract between codegen and overrides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest

from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import problems_of
from ultracart_conversations._reading import from_dict_strictly
from ultracart_conversations_api import AuthenticatedClient
from ultracart_conversations_api.api.conversation import (
    get_agent_websocket_authorization,
    get_conversation,
    get_conversation_multimedia_upload_url,
    get_conversations,
    join_conversation,
    leave_conversation,
    start_conversation,
)
from ultracart_conversations_api.models import (
    Conversation,
    ConversationAgentAuthResponse,
    ConversationMultimediaUploadUrlResponse,
    ConversationResponse,
    ConversationsResponse,
    ConversationStartRequest,
    ConversationStartResponse,
    ErrorResponse,
)

TOKEN = "test-access-token"


@dataclass(frozen=True)
class Case:
    module: ModuleType
    kwargs: dict[str, Any]
    method: str
    path: str
    query: dict[str, str]
    reply: Reply
    check: Callable[[Any], bool]


SUMMARY_PAGE = {
    "conversations": [{"conversation_uuid": "c2", "message_count": 3, "unread_messages": True}],
    "metadata": {"result_set": {"count": 1, "more": False, "offset": 100, "total_records": None}},
    "success": True,
}
CONVERSATION = {
    "conversation": {
        "conversation_uuid": "a/b?c d",
        "medium": "sms",
        "messages": [
            {"body": "hello", "media_urls": ["https://x/1.png"], "message_dts": "2022-07-01"}
        ],
        "participants": [{"conversation_participant_name": "Ann", "status": "joined"}],
    },
    "success": True,
}
UPLOAD = {"conversation_multimedia_upload_url": {"key": "k/1.jpg", "url": "https://up/1"}}

AGENT_AUTH = {
    "agent_auth": {
        "jwt": "h.p.s",
        "twilio_accounts": [{"merchant_id": "M", "twilio_phone_numbers": ["+15550100"]}],
    },
    "success": True,
}

# Each check compares the parsed model, turned back into JSON, with what was served: every
# field arrived, nested models included, and `total_records: null` stayed null.
CASES = {
    "agent auth": Case(
        get_agent_websocket_authorization,
        {},
        "PUT",
        "/rest/v2/conversation/agent/auth",
        {},
        Reply.json(200, AGENT_AUTH),
        lambda r: isinstance(r, ConversationAgentAuthResponse) and r.to_dict() == AGENT_AUTH,
    ),
    # `/`, `?` and a space stay inside their path segment.
    "get conversation": Case(
        get_conversation,
        {"conversation_uuid": "a/b?c d"},
        "GET",
        "/rest/v2/conversation/conversations/a%2Fb%3Fc%20d",
        {},
        Reply.json(200, CONVERSATION),
        lambda r: isinstance(r, ConversationResponse) and r.to_dict() == CONVERSATION,
    ),
    "upload url": Case(
        get_conversation_multimedia_upload_url,
        {"extension": "jpg"},
        "GET",
        "/rest/v2/conversation/upload_url/jpg",
        {},
        Reply.json(200, UPLOAD),
        lambda r: isinstance(r, ConversationMultimediaUploadUrlResponse) and r.to_dict() == UPLOAD,
    ),
    "list conversations": Case(
        get_conversations,
        {"field_limit": 50, "field_offset": 100},
        "GET",
        "/rest/v2/conversation/conversations",
        {"_limit": "50", "_offset": "100"},
        Reply.json(200, SUMMARY_PAGE),
        lambda r: isinstance(r, ConversationsResponse) and r.to_dict() == SUMMARY_PAGE,
    ),
    "list with defaults": Case(
        get_conversations,
        {},
        "GET",
        "/rest/v2/conversation/conversations",
        {"_limit": "100", "_offset": "0"},
        Reply.json(200, {"conversations": []}),
        lambda r: isinstance(r, ConversationsResponse) and r.conversations == [],
    ),
    "join": Case(
        join_conversation,
        {"conversation_uuid": "u-1"},
        "PUT",
        "/rest/v2/conversation/conversations/u-1/join",
        {},
        Reply.status(204),
        lambda r: r is None,
    ),
    "leave": Case(
        leave_conversation,
        {"conversation_uuid": "u-1"},
        "DELETE",
        "/rest/v2/conversation/conversations/u-1/leave",
        {},
        Reply.status(200),
        lambda r: r is None,
    ),
    "start": Case(
        start_conversation,
        {
            "body": ConversationStartRequest(
                conversation_arn="arn:c", add_conversation_participant_arns=["arn:p"]
            )
        },
        "PUT",
        "/rest/v2/conversation/conversations",
        {},
        Reply.json(
            200, {"conversation": {"conversation_arn": "arn:c", "conversation_uuid": "new"}}
        ),
        lambda r: (
            isinstance(r, ConversationStartResponse)
            and isinstance(r.conversation, Conversation)
            and r.conversation.conversation_uuid == "new"
        ),
    ),
}


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


def client_for(server: ScriptedServer) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=server.base_url, token=TOKEN, raise_on_unexpected_status=True
    )


def assert_sent(server: ScriptedServer, case: Case) -> None:
    (request,) = server.requests
    assert (request.method, request.path, request.query) == (case.method, case.path, case.query)
    assert request.headers["x-ultracart-api-version"] == "2017-03-01"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    if case.module is start_conversation:
        assert request.headers["content-type"] == "application/json"
        assert request.json() == {
            "conversation_arn": "arn:c",
            "add_conversation_participant_arns": ["arn:p"],
        }
    else:
        assert request.body == b""


@pytest.mark.parametrize("name", CASES)
def test_sync(server: ScriptedServer, name: str) -> None:
    case = CASES[name]
    server.enqueue(case.reply)
    with client_for(server) as client:
        response = case.module.sync_detailed(client=client, **case.kwargs)
    assert_sent(server, case)
    assert case.check(response.parsed)


@pytest.mark.parametrize("name", CASES)
async def test_async(server: ScriptedServer, name: str) -> None:
    case = CASES[name]
    server.enqueue(case.reply)
    async with client_for(server) as client:
        response = await case.module.asyncio_detailed(client=client, **case.kwargs)
    assert_sent(server, case)
    assert case.check(response.parsed)


@pytest.mark.parametrize("status", [400, 401, 410, 429, 500])
def test_documented_errors_come_back_as_error_response(server: ScriptedServer, status: int) -> None:
    server.enqueue(Reply.error(status, "went wrong", uc_rest_error="Went wrong, readably"))
    with client_for(server) as client:
        response = get_conversations.sync_detailed(client=client)
    assert response.status_code == status
    assert response.headers["UC-REST-ERROR"] == "Went wrong, readably"
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.to_dict()["error"]["developer_message"] == "went wrong"


def test_unknown_response_fields_are_kept(server: ScriptedServer) -> None:
    # UltraCart adds fields over time; an older client must not drop them on the floor.
    page = {
        "conversations": [{"conversation_uuid": "c1", "sentiment": {"score": 0.9}}],
        "metadata": {"result_set": {"more": False, "total_records": None, "cursor": "x"}},
        "envelope_version": 3,
    }
    server.enqueue(Reply.json(200, page))
    with client_for(server) as client:
        parsed = get_conversations.sync(client=client)
    assert isinstance(parsed, ConversationsResponse)
    assert parsed.additional_properties == {"envelope_version": 3}
    assert parsed.to_dict() == page


SUMMARY = "conversations"
WRONG_TYPES = [
    ({SUMMARY: "c1,c2"}, "conversations: expected an array, got str"),
    ({SUMMARY: ["c1"]}, "conversations[0]: expected an object, got str"),
    (
        {SUMMARY: [{"message_count": "3"}]},
        "conversations[0].message_count: expected an integer, got str",
    ),
    (
        {SUMMARY: [{"message_count": True}]},
        "conversations[0].message_count: expected an integer, got bool",
    ),
    (
        {SUMMARY: [{"unread_messages": "no"}]},
        "conversations[0].unread_messages: expected a boolean, got str",
    ),
    (
        {SUMMARY: [{"conversation_uuid": 7}]},
        "conversations[0].conversation_uuid: expected a string, got int",
    ),
    ({"metadata": []}, "metadata: expected an object, got list"),
    # A nullable field is a union inside the generator: the path names the field.
    (
        {"metadata": {"result_set": {"total_records": "9"}}},
        "metadata.result_set.total_records: expected an integer, got str",
    ),
]


@pytest.mark.parametrize(("page", "message"), WRONG_TYPES)
def test_a_value_of_the_wrong_type_is_reported_by_name(page: dict[str, Any], message: str) -> None:
    # The models are typed; a str where an int is promised would fail later, far away.
    # So it never reaches the field: from_dict reads it leniently and says where
    # (tests/test_lenient_reading.py), and a strict read refuses it by name.
    parsed = ConversationsResponse.from_dict(page)
    assert [str(problem) for problem in problems_of(parsed)] == [message]
    with pytest.raises(TypeError, match=re.escape(message)):
        from_dict_strictly(ConversationsResponse, page)
