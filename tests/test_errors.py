"""Every HTTP failure becomes an ApiError subclass with status, headers, body and the
parsed ErrorResponse; bad responses never escape as raw exceptions."""

from __future__ import annotations

import json

import pytest

from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import (
    APIConnectionError,
    ApiError,
    APITimeoutError,
    ApplicationDisabledError,
    AsyncConversationApi,
    AuthenticationError,
    BadRequestError,
    ConversationApi,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
)
from ultracart_conversations.testing import FakeUltraCart, Fault


@pytest.fixture
def once(scripted_api: ConversationApi) -> ConversationApi:
    """The scripted client without retries: one reply per call."""
    return scripted_api.with_options(max_retries=0)


STATUS_CLASSES = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (404, NotFoundError),
    (410, ApplicationDisabledError),
    (429, RateLimitError),
    (500, ServerError),
    (502, ServerError),
    (503, ServerError),
    (599, ServerError),
    (403, ApiError),
    (409, ApiError),
]


@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
def test_each_status_raises_its_class_with_the_details(
    status: int, cls: type[ApiError], once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(Reply.error(status, "the developer message", uc_rest_error="the header text"))
    with pytest.raises(cls) as raised:
        once.get_conversation("c-1")
    error = raised.value
    assert type(error) is cls
    assert error.status == error.code == status
    assert error.headers["uc-rest-error"] == "the header text"
    assert json.loads(error.body)["error"]["developer_message"] == "the developer message"
    assert error.error_response is not None
    assert error.error_response.error
    assert error.error_response.error.developer_message == "the developer message"
    assert error.method == "GET"
    assert error.url.endswith("/rest/v2/conversation/conversations/c-1")
    # UC-REST-ERROR is UltraCart's human-readable message: it leads.
    assert str(error).startswith(f"HTTP {status} ")
    assert "the header text" in str(error)


def test_without_uc_rest_error_the_developer_message_is_used(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(Reply.error(400, "_limit is not a number"))
    with pytest.raises(BadRequestError, match="HTTP 400 Bad Request: _limit is not a number"):
        once.get_conversations()


def test_rate_limit_error_carries_the_retry_after_it_was_given(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(Reply.status(429, headers={"Retry-After": "7"}))
    with pytest.raises(RateLimitError) as raised:
        once.get_conversations()
    assert raised.value.retry_after == 7.0

    scripted.enqueue(Reply.status(429))
    with pytest.raises(RateLimitError) as raised:
        once.get_conversations()
    assert raised.value.retry_after is None


def test_errors_from_the_fake_over_real_http(api: ConversationApi, fake: FakeUltraCart) -> None:
    with pytest.raises(NotFoundError, match="HTTP 404"):
        api.get_conversation("no-such-conversation")
    with (
        ConversationApi(simple_key="wrong-key-0000", base_url=fake.base_url) as wrong,
        pytest.raises(AuthenticationError, match="Invalid simple key"),
    ):
        wrong.get_conversations()
    fake.inject("joinConversation", Fault.status(410))
    with pytest.raises(ApplicationDisabledError):
        api.join_conversation(fake.conversations[0]["conversation_uuid"])


BAD_ERROR_BODIES = {
    "html": Reply.status(
        500, "<html><body>Internal error</body></html>", {"Content-Type": "text/html"}
    ),
    "empty": Reply.status(502),
    "json null": Reply.json(503, None),
    "json list": Reply.json(400, ["not", "an", "object"]),
    "wrong shape": Reply.json(400, {"error": "a string where an object belongs"}),
    "not utf-8": Reply.status(500, b"\xff\xfe\x00garbage"),
}


@pytest.mark.parametrize("reply", BAD_ERROR_BODIES.values(), ids=BAD_ERROR_BODIES.keys())
def test_an_unreadable_error_body_still_gives_the_status_error(
    reply: Reply, once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(reply)
    with pytest.raises(ApiError) as raised:
        once.get_conversation("c-1")
    error = raised.value
    assert isinstance(error, ServerError | BadRequestError)
    assert error.error_response is None
    assert error.body == reply.raw.split(b"\r\n\r\n", 1)[1]


def test_a_status_python_does_not_know_is_a_server_error(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    # The generated code does HTTPStatus(599) and raises ValueError.
    scripted.enqueue(Reply.status(599, "<html>proxy</html>", reason="Network Connect Timeout"))
    with pytest.raises(ServerError, match="HTTP 599 Unknown Status") as raised:
        once.join_conversation("c-1")
    assert raised.value.status == 599


BAD_SUCCESS_BODIES = {
    "json null": (Reply.json(200, None), "expected a JSON object, got null"),
    "json list": (Reply.json(200, []), "expected a JSON object, got list"),
    "json string": (Reply.json(200, "ok"), "expected a JSON object, got str"),
    "html": (Reply.status(200, "<html></html>"), "not JSON"),
    "empty": (Reply.status(200), "not JSON"),
}

# Read leniently by default (tests/test_lenient_reading.py); a strict client refuses them.
WRONGLY_TYPED_BODIES = {
    "nested null": (
        Reply.json(200, {"conversation": {"participants": [None]}}),
        r"does not match the getConversation model: .*expected an object, got NoneType",
    ),
    "nested string": (
        Reply.json(200, {"conversation": {"messages": "hello"}}),
        r"messages: expected an array, got str",
    ),
    "list for object": (
        Reply.json(200, {"conversation": {"messages": [{"media_urls": [1]}]}}),
        r"expected a string, got int",
    ),
    "wrong scalar": (
        Reply.json(200, {"conversation": {"conversation_uuid": 42}}),
        r"conversation_uuid: expected a string, got int",
    ),
    "bool for str": (
        Reply.json(200, {"conversation": {"merchant_id": True}}),
        r"merchant_id: expected a string, got bool",
    ),
}


@pytest.mark.parametrize(
    ("reply", "problem"), BAD_SUCCESS_BODIES.values(), ids=BAD_SUCCESS_BODIES.keys()
)
def test_an_unreadable_success_body_raises_response_validation_error(
    reply: Reply, problem: str, once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(reply)
    with pytest.raises(ResponseValidationError, match=problem) as raised:
        once.get_conversation("c-1")
    assert raised.value.status == 200
    assert raised.value.body == reply.raw.split(b"\r\n\r\n", 1)[1]


@pytest.mark.parametrize(
    ("reply", "problem"), WRONGLY_TYPED_BODIES.values(), ids=WRONGLY_TYPED_BODIES.keys()
)
def test_a_strict_client_refuses_a_wrongly_typed_success_body(
    reply: Reply, problem: str, once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(reply, reply)
    with pytest.raises(ResponseValidationError, match=problem) as raised:
        once.with_options(strict=True).get_conversation("c-1")
    assert raised.value.status == 200
    assert raised.value.body == reply.raw.split(b"\r\n\r\n", 1)[1]
    # The default client reads it, and says what did not fit.
    info = once.get_conversation_with_http_info("c-1")
    assert info.data.conversation and info.problems


@pytest.mark.parametrize(
    "reply",
    [
        Reply.status(200, "<html>whatever</html>"),
        Reply.json(200, {"success": True, "conversation": {"conversation_uuid": "c-1"}}),
        Reply.json(200, None),
        Reply.status(200),
        Reply.status(204),
    ],
    ids=["200 html", "200 json", "200 null", "200 empty", "204"],
)
def test_join_and_leave_succeed_on_any_2xx_with_or_without_a_body(
    reply: Reply, once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(reply, reply)
    once.join_conversation("c-1")  # returns None (typed so), raises on failure
    info = once.leave_conversation_with_http_info("c-1")
    assert info.data is None
    assert info.status_code == int(reply.raw.split(b" ", 2)[1])


def test_not_json_from_the_fake(api: ConversationApi, fake: FakeUltraCart) -> None:
    fake.inject("getConversations", Fault.not_json())
    with pytest.raises(ResponseValidationError, match="not JSON"):
        api.get_conversations()
    assert fake.count("getConversations") == 1  # a bad body is not retried


def test_connection_failures_have_their_own_types(scripted: ScriptedServer) -> None:
    port_with_nobody = scripted.origin  # stopped below, so nothing listens there
    scripted.stop()
    with (
        ConversationApi(simple_key="a-simple-key", base_url=port_with_nobody, max_retries=0) as api,
        pytest.raises(APIConnectionError) as raised,
    ):
        api.get_conversations()
    error = raised.value
    assert isinstance(error, ApiError)
    assert not isinstance(error, APITimeoutError)
    assert error.status is None
    assert error.request_sent is False
    assert "ConnectError" in str(error)


def test_a_dropped_or_truncated_response_is_a_connection_error(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    fake.inject("getConversation", Fault.drop(), Fault.truncate())
    uuid = fake.conversations[0]["conversation_uuid"]
    strict = api.with_options(max_retries=0)
    with pytest.raises(APIConnectionError) as dropped:
        strict.get_conversation(uuid)
    assert dropped.value.request_sent is True
    with pytest.raises(APIConnectionError):
        strict.get_conversation(uuid)


async def test_the_async_client_maps_errors_the_same_way(scripted: ScriptedServer) -> None:
    scripted.enqueue(
        Reply.error(404, "no such conversation", uc_rest_error="Conversation not found"),
        Reply.json(200, None),
        Reply.status(599),
    )
    async with AsyncConversationApi(
        simple_key="a-simple-key", base_url=scripted.base_url, max_retries=0
    ) as api:
        with pytest.raises(NotFoundError, match="Conversation not found"):
            await api.get_conversation("c-1")
        with pytest.raises(ResponseValidationError):
            await api.get_conversation("c-1")
        with pytest.raises(ServerError):
            await api.leave_conversation("c-1")


def test_the_error_repr_is_short_and_has_the_status(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(Reply.error(410, "disabled"))
    with pytest.raises(ApplicationDisabledError) as raised:
        once.get_agent_websocket_authorization()
    assert repr(raised.value).startswith("ApplicationDisabledError(status=410, message='HTTP 410")


@pytest.mark.parametrize("status", [200, 500])
def test_a_body_nested_too_deep_for_json_is_a_typed_error(
    status: int, once: ConversationApi, scripted: ScriptedServer
) -> None:
    # json.loads raises RecursionError, not ValueError, past ~1,000 levels.
    scripted.enqueue(Reply.status(status, b"[" * 100_000 + b"]" * 100_000))
    with pytest.raises(ResponseValidationError if status == 200 else ServerError):
        once.get_conversations()


def test_a_strict_client_names_the_wrongly_typed_field(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    page = {
        "conversations": [{"conversation_uuid": "a", "message_count": 2}, {"message_count": "3"}],
        "metadata": [],  # a list where an object belongs
    }
    strict = once.with_options(strict=True)
    scripted.enqueue(Reply.json(200, page))
    with pytest.raises(
        ResponseValidationError,
        match=r"conversations\[1\]\.message_count: expected an integer, got str \(and 1 more\)",
    ):
        strict.get_conversations()
    page["conversations"] = []
    scripted.enqueue(Reply.json(200, page))
    with pytest.raises(ResponseValidationError, match="metadata: expected an object, got list"):
        strict.get_conversations()


def test_nullable_and_unknown_fields_are_accepted(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    page = {
        "conversations": [{"conversation_uuid": "a", "added_by_ultracart_later": [1, {}]}],
        "metadata": {"result_set": {"total_records": None, "more": False}},
    }
    scripted.enqueue(Reply.json(200, page))
    summaries = once.get_conversations().conversations
    assert summaries and summaries[0]["added_by_ultracart_later"] == [1, {}]


def test_a_wrongly_typed_error_body_is_kept_raw(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(Reply.json(404, {"error": {"developer_message": 404}}))
    with pytest.raises(NotFoundError) as raised:
        once.get_conversation("c-1")
    assert raised.value.error_response is None
    assert raised.value.body == b'{"error": {"developer_message": 404}}'
