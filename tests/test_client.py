"""ConversationApi and AsyncConversationApi over real HTTP: the seven methods, headers,
construction, input validation, the escape hatch, timeouts, dates, cheap import."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest

from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import (
    APITimeoutError,
    AsyncConversationApi,
    ConversationAgentAuthResponse,
    ConversationApi,
    ConversationResponse,
    ConversationsResponse,
    ConversationStartRequest,
    ConversationStartResponse,
    InvalidDateError,
    InvalidRequestError,
    parse_dts,
)
from ultracart_conversations._request import request_headers
from ultracart_conversations.testing import FakeUltraCart
from ultracart_conversations_api.api.conversation import get_conversation
from ultracart_conversations_api.operations import GET_CONVERSATIONS
from ultracart_conversations_api.types import UNSET

API_VERSION = "2017-03-01"


def call_all_seven(api: ConversationApi, uuid: str) -> None:
    api.get_agent_websocket_authorization()
    api.get_conversation(uuid)
    api.get_conversation_multimedia_upload_url("jpg")
    api.get_conversations(limit=5)
    api.join_conversation(uuid)
    api.leave_conversation(uuid)
    api.start_conversation(ConversationStartRequest(conversation_arn="arn:test"))


def test_every_request_carries_the_api_version_and_the_simple_key(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    call_all_seven(api, fake.conversations[0]["conversation_uuid"])
    assert len(fake.requests) == 7
    for request in fake.requests:
        assert request.headers["x-ultracart-api-version"] == API_VERSION
        assert request.headers["x-ultracart-simple-key"] == fake.simple_key
        assert request.headers["accept"] == "application/json"
        assert "authorization" not in request.headers


def test_an_access_token_is_sent_as_a_bearer_token(fake: FakeUltraCart) -> None:
    with ConversationApi(access_token=fake.access_token, base_url=fake.base_url) as api:
        call_all_seven(api, fake.conversations[0]["conversation_uuid"])
    for request in fake.requests:
        assert request.headers["authorization"] == f"Bearer {fake.access_token}"
        assert "x-ultracart-simple-key" not in request.headers


def test_the_seven_methods_return_the_generated_models(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    uuid = fake.conversations[3]["conversation_uuid"]

    page = api.get_conversations(limit=5, offset=2)
    assert isinstance(page, ConversationsResponse)
    assert [s.conversation_uuid for s in page.conversations or []] == [
        c["conversation_uuid"] for c in fake.conversations[2:7]
    ]
    answer = api.get_conversation(uuid)
    assert isinstance(answer, ConversationResponse)
    assert answer.success is True
    assert answer.conversation and answer.conversation.conversation_uuid == uuid
    auth = api.get_agent_websocket_authorization()
    assert isinstance(auth, ConversationAgentAuthResponse)
    assert auth.agent_auth and auth.agent_auth.jwt
    upload = api.get_conversation_multimedia_upload_url("png")
    assert upload.conversation_multimedia_upload_url
    assert str(upload.conversation_multimedia_upload_url.key).endswith(".png")
    api.join_conversation(uuid)
    api.leave_conversation(uuid)
    started = api.start_conversation(ConversationStartRequest(conversation_arn="arn:new"))
    assert isinstance(started, ConversationStartResponse) and started.conversation
    assert fake.conversations[0]["conversation_uuid"] == started.conversation.conversation_uuid
    methods = [(r.method, r.path.removeprefix("/rest/v2")) for r in fake.requests]
    assert methods == [
        ("GET", "/conversation/conversations"),
        ("GET", f"/conversation/conversations/{uuid}"),
        ("PUT", "/conversation/agent/auth"),
        ("GET", "/conversation/upload_url/png"),
        ("PUT", f"/conversation/conversations/{uuid}/join"),
        ("DELETE", f"/conversation/conversations/{uuid}/leave"),
        ("PUT", "/conversation/conversations"),
    ]
    assert fake.requests[0].query == {"_limit": "5", "_offset": "2"}


def test_start_conversation_sends_the_request_as_json(
    scripted_api: ConversationApi, scripted: ScriptedServer
) -> None:
    answer = {"conversation": {"conversation_uuid": "u1", "conversation_arn": "a1"}}
    scripted.enqueue(Reply.json(200, answer))
    start = ConversationStartRequest(
        conversation_arn="arn:x", add_conversation_participant_arns=["p1", "p2"]
    )
    result = scripted_api.start_conversation(start).conversation
    assert result and (result.conversation_uuid, result.conversation_arn) == ("u1", "a1")
    sent = scripted.requests[0]
    assert sent.headers["content-type"] == "application/json"
    assert sent.json() == {
        "conversation_arn": "arn:x",
        "add_conversation_participant_arns": ["p1", "p2"],
    }


def test_with_http_info_gives_status_headers_and_raw_body(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    response = api.get_conversations_with_http_info(limit=2)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.data, ConversationsResponse)
    assert b'"conversations"' in response.content

    joined = api.join_conversation_with_http_info(fake.conversations[0]["conversation_uuid"])
    assert (joined.status_code, joined.data) == (204, None)


async def test_the_async_client_has_the_same_seven_methods(
    async_api: AsyncConversationApi, fake: FakeUltraCart
) -> None:
    uuid = fake.conversations[0]["conversation_uuid"]
    got = (await async_api.get_conversation(uuid, limit=1)).conversation
    assert got and got.conversation_uuid == uuid and len(got.messages or []) == 1
    page = await async_api.get_conversations(limit=3)
    assert len(page.conversations or []) == 3
    auth = (await async_api.get_agent_websocket_authorization()).agent_auth
    assert auth and auth.jwt
    assert (await async_api.get_conversation_multimedia_upload_url("jpg")).success
    await async_api.join_conversation(uuid)
    await async_api.leave_conversation(uuid)
    started = (await async_api.start_conversation(ConversationStartRequest())).conversation
    assert started and started.conversation_uuid == fake.conversations[0]["conversation_uuid"]
    info = await async_api.get_conversation_with_http_info(uuid)
    assert info.status_code == 200
    for request in fake.requests:
        assert request.headers["x-ultracart-api-version"] == API_VERSION
        assert request.headers["x-ultracart-simple-key"] == fake.simple_key


# --- bad input is refused before anything is sent ----------------------------------------

BAD_CALLS = {
    "limit 0": lambda api: api.get_conversations(limit=0),
    "limit 201": lambda api: api.get_conversations(limit=201),
    "limit True": lambda api: api.get_conversations(limit=True),
    "limit str": lambda api: api.get_conversations(limit="10"),
    "offset -1": lambda api: api.get_conversations(offset=-1),
    "uuid empty": lambda api: api.get_conversation(""),
    "uuid blank": lambda api: api.join_conversation("  "),
    "uuid None": lambda api: api.get_conversation(None),
    "uuid int": lambda api: api.leave_conversation(42),
    "uuid dot": lambda api: api.get_conversation("."),
    "uuid dot-dot leave": lambda api: api.leave_conversation(".."),
    "uuid dot-dot join": lambda api: api.join_conversation(".."),
    "extension empty": lambda api: api.get_conversation_multimedia_upload_url(""),
    "extension dot-dot": lambda api: api.get_conversation_multimedia_upload_url(".."),
    "start None": lambda api: api.start_conversation(None),
    "start dict": lambda api: api.start_conversation({"conversation_arn": "x"}),
    "page_size 0": lambda api: api.iter_conversations(page_size=0),
    "page_size 201": lambda api: api.iter_conversations(page_size=201),
    "max_items -1": lambda api: api.iter_conversations(max_items=-1),
}


@pytest.mark.parametrize("call", BAD_CALLS.values(), ids=BAD_CALLS.keys())
def test_bad_input_is_refused_before_sending(
    call: object, scripted_api: ConversationApi, scripted: ScriptedServer
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        call(scripted_api)  # type: ignore[operator]
    assert isinstance(raised.value, ValueError)
    assert str(raised.value)
    assert scripted.requests == []


def test_messages_say_what_is_wrong(scripted_api: ConversationApi) -> None:
    with pytest.raises(InvalidRequestError, match=r"limit must be between 1 and 200, got 500"):
        scripted_api.get_conversations(limit=500)
    with pytest.raises(InvalidRequestError, match=r"conversation_uuid must not be '\.\.'"):
        scripted_api.leave_conversation("..")
    with pytest.raises(InvalidRequestError, match="start_request is required"):
        scripted_api.start_conversation(None)  # type: ignore[arg-type]


def test_odd_but_legal_uuids_are_percent_encoded_not_refused(
    scripted_api: ConversationApi, scripted: ScriptedServer
) -> None:
    scripted.enqueue(Reply.status(204), Reply.status(204))
    scripted_api.join_conversation("a/../b")
    scripted_api.join_conversation("...")
    paths = [r.path for r in scripted.requests]
    assert paths == [
        "/rest/v2/conversation/conversations/a%2F..%2Fb/join",
        "/rest/v2/conversation/conversations/.../join",
    ]


async def test_the_async_client_validates_too(scripted: ScriptedServer) -> None:
    async with AsyncConversationApi(simple_key="k" * 10, base_url=scripted.base_url) as api:
        with pytest.raises(InvalidRequestError):
            await api.leave_conversation("..")
        with pytest.raises(InvalidRequestError):
            api.iter_conversations(concurrency=0)
    assert scripted.requests == []


# --- construction ------------------------------------------------------------------------


def test_new_using_api_key_mirrors_the_seed(fake: FakeUltraCart) -> None:
    with ConversationApi.new_using_api_key(fake.simple_key, base_url=fake.base_url) as api:
        api.get_conversations(limit=1)
    assert fake.requests[0].headers["x-ultracart-simple-key"] == fake.simple_key


def test_from_env_reads_the_three_variables(
    fake: FakeUltraCart, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ULTRACART_ACCESS_TOKEN", fake.access_token)
    monkeypatch.setenv("ULTRACART_BASE_URL", fake.base_url)
    monkeypatch.delenv("ULTRACART_SIMPLE_KEY", raising=False)
    with ConversationApi.from_env() as api:
        assert api.base_url == fake.base_url
        api.get_conversations(limit=1)
    assert fake.requests[0].headers["authorization"] == f"Bearer {fake.access_token}"


def test_from_env_refuses_missing_or_conflicting_credentials(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ULTRACART_SIMPLE_KEY", raising=False)
    monkeypatch.delenv("ULTRACART_ACCESS_TOKEN", raising=False)
    with pytest.raises(InvalidRequestError, match="no credentials"):
        ConversationApi.from_env()
    monkeypatch.setenv("ULTRACART_SIMPLE_KEY", "a-simple-key")
    monkeypatch.setenv("ULTRACART_ACCESS_TOKEN", "an-access-token")
    with pytest.raises(InvalidRequestError, match="both"):
        ConversationApi.from_env()


def test_construction_refuses_bad_settings() -> None:
    with pytest.raises(InvalidRequestError, match="only one credential"):
        ConversationApi(simple_key="a-simple-key", access_token="an-access-token")
    with pytest.raises(InvalidRequestError, match="non-empty"):
        ConversationApi(simple_key="")
    with pytest.raises(InvalidRequestError, match="base_url"):
        ConversationApi(simple_key="a-simple-key", base_url="ftp://example.com")
    with pytest.raises(InvalidRequestError, match="timeout"):
        ConversationApi(simple_key="a-simple-key", timeout=0)


def test_the_default_timeout_is_finite_and_configurable() -> None:
    with ConversationApi(simple_key="a-simple-key") as api:
        timeout = api.http_client.timeout
        assert (timeout.connect, timeout.read) == (10.0, 30.0)
    with ConversationApi(simple_key="a-simple-key", timeout=3) as api:
        assert api.http_client.timeout.read == 3


def test_a_slow_server_raises_api_timeout_error(scripted: ScriptedServer) -> None:
    scripted.enqueue(Reply.json(200, {}, delay=5))
    with (
        ConversationApi(
            simple_key="a-simple-key", base_url=scripted.base_url, timeout=0.1, max_retries=0
        ) as api,
        pytest.raises(APITimeoutError) as raised,
    ):
        api.get_conversation("abc")
    assert raised.value.status is None
    assert "ReadTimeout" in str(raised.value)


def test_your_http_client_is_used_and_never_written_into(fake: FakeUltraCart) -> None:
    headers = {"X-Team": "support"}
    with httpx.Client(headers=headers) as own:
        api = ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url, http_client=own)
        api.get_conversations(limit=1)
        api.close()  # not ours to close
        assert not own.is_closed
        assert headers == {"X-Team": "support"}
        assert "x-ultracart-simple-key" not in own.headers
        assert own.auth is None
    sent = fake.requests[0].headers
    assert sent["x-team"] == "support"
    assert sent["x-ultracart-simple-key"] == fake.simple_key


@pytest.mark.parametrize("client_class", [ConversationApi, AsyncConversationApi])
def test_requests_are_built_as_httpx_build_request_would(
    client_class: type[ConversationApi] | type[AsyncConversationApi],
) -> None:
    # The client builds requests on its own httpx client without build_request (which
    # parses the URL twice); what it builds must stay what build_request builds, with
    # whatever was set on that client after construction, on every httpx we support.
    api = client_class(simple_key="key", base_url="http://127.0.0.1:9/rest/v2", timeout=12)
    operation = GET_CONVERSATIONS
    arguments = {"_limit": 5, "medium": "sms"}

    def both() -> tuple[httpx.Request, httpx.Request]:
        ours = api._build(operation, arguments, None)
        headers = {**api._request_headers, **request_headers(operation, arguments)}
        expected = api.http_client.build_request(
            "GET", str(ours.url), headers=headers, timeout=api._timeout
        )
        return ours, expected

    def same(ours: httpx.Request, expected: httpx.Request) -> None:
        assert (ours.method, ours.url) == (expected.method, expected.url)
        assert ours.headers.multi_items() == expected.headers.multi_items()
        assert ours.extensions == expected.extensions and ours.content == expected.content

    same(*both())
    api.http_client.headers["X-Team"] = "blue"  # set after construction: sent too
    api.http_client.timeout = httpx.Timeout(3.0)
    ours, expected = both()
    same(ours, expected)
    assert ours.headers["x-team"] == "blue"
    api.http_client.params = httpx.QueryParams({"trace": "1"})  # merged, by build_request
    assert "trace=1" in str(api._build(operation, arguments, None).url)
    api.http_client.params = httpx.QueryParams()
    api.http_client.cookies.set("lb", "a")  # merged, by build_request
    assert api._build(operation, arguments, None).headers["cookie"] == "lb=a"


def test_with_options_changes_retries_for_one_call_only(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    from ultracart_conversations import ServerError
    from ultracart_conversations.testing import Fault

    fake.inject("getConversations", Fault.status(500), Fault.status(500))
    with pytest.raises(ServerError):
        api.with_options(max_retries=0).get_conversations(limit=1)
    assert fake.count("getConversations") == 1
    assert api.retry_policy.max_retries == 2
    api.get_conversations(limit=1)  # the remaining 500, then a success
    assert fake.count("getConversations") == 3


def test_the_escape_hatch_runs_generated_functions_with_our_credentials(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    uuid = fake.conversations[0]["conversation_uuid"]
    response = get_conversation.sync_detailed(uuid, client=api.generated_client)
    assert response.status_code == 200
    assert isinstance(response.parsed, ConversationResponse)
    assert fake.requests[0].headers["x-ultracart-simple-key"] == fake.simple_key


async def test_the_async_escape_hatch(async_api: AsyncConversationApi, fake: FakeUltraCart) -> None:
    uuid = fake.conversations[0]["conversation_uuid"]
    parsed = await get_conversation.asyncio(uuid, client=async_api.generated_client)
    assert isinstance(parsed, ConversationResponse) and parsed.conversation
    assert parsed.conversation.conversation_uuid == uuid


# --- dates -------------------------------------------------------------------------------


def test_parse_dts_reads_the_api_dates_tolerantly() -> None:
    assert parse_dts("2024-03-01T12:30:00Z") == datetime(2024, 3, 1, 12, 30, tzinfo=UTC)
    assert parse_dts("2024-03-01T12:30:00-05:00") == datetime(
        2024, 3, 1, 12, 30, tzinfo=timezone(timedelta(hours=-5))
    )
    # no zone: UltraCart speaks UTC
    assert parse_dts("2024-03-01 12:30:00") == datetime(2024, 3, 1, 12, 30, tzinfo=UTC)
    assert parse_dts("March 1, 2024 12:30 PM") == datetime(2024, 3, 1, 12, 30, tzinfo=UTC)
    assert parse_dts("2024-03-01 12:30", assume_utc=False) == datetime(2024, 3, 1, 12, 30)
    for missing in (None, UNSET, "", "   "):
        assert parse_dts(missing) is None


@pytest.mark.parametrize("garbage", ["yesterday-ish", "2024-13-45T99:00:00", "not a date"])
def test_parse_dts_raises_a_typed_value_error_on_garbage(garbage: str) -> None:
    with pytest.raises(InvalidDateError, match="not a date/time"):
        parse_dts(garbage)


def test_parse_dts_on_real_summaries(api: ConversationApi) -> None:
    page = api.get_conversations(limit=3)
    for summary in page.conversations or []:
        parsed = parse_dts(summary.last_message_dts)
        assert parsed is not None
        assert parsed.tzinfo is not None


def test_importing_the_package_loads_clients_dates_and_testing_lazily() -> None:
    # httpx itself comes with the generated package; the rest waits until used.
    code = (
        "import sys, ultracart_conversations as uc\n"
        "lazy = ['dateutil', 'asyncio', 'ultracart_conversations.testing',\n"
        "        'ultracart_conversations._sync_client', 'ultracart_conversations._async_client',\n"
        "        'ultracart_conversations.oauth']\n"
        "print([m for m in lazy if m in sys.modules])\n"
        "uc.AsyncConversationApi\n"
        "print([m for m in lazy if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    before, after = result.stdout.splitlines()
    assert before == "[]"
    assert after == (
        "['asyncio', 'ultracart_conversations._async_client', 'ultracart_conversations.oauth']"
    )


def test_the_public_api_is_precisely_typed(api: ConversationApi, fake: FakeUltraCart) -> None:
    # assert_type is checked by mypy --strict in `make lint`; at run time it only returns.
    from typing import assert_type

    from ultracart_conversations import ApiResponse, ConversationSummary

    uuid = fake.conversations[0]["conversation_uuid"]
    assert_type(api.get_conversation(uuid), ConversationResponse)
    assert_type(api.get_conversations(), ConversationsResponse)
    assert_type(api.get_agent_websocket_authorization(), ConversationAgentAuthResponse)
    assert_type(api.start_conversation(ConversationStartRequest()), ConversationStartResponse)
    assert_type(api.get_conversation_with_http_info(uuid), ApiResponse[ConversationResponse])
    assert_type(api.join_conversation_with_http_info(uuid), ApiResponse[None])
    assert_type(next(api.iter_conversations(max_items=1)), ConversationSummary)
    assert_type(api.with_options(max_retries=0), ConversationApi)
    assert_type(ConversationApi.from_env(simple_key="k" * 8), ConversationApi)


async def test_the_async_api_is_precisely_typed(
    async_api: AsyncConversationApi, fake: FakeUltraCart
) -> None:
    from typing import assert_type

    from ultracart_conversations import ConversationSummary

    uuid = fake.conversations[0]["conversation_uuid"]
    assert_type(await async_api.get_conversation(uuid), ConversationResponse)
    assert_type(await async_api.leave_conversation(uuid), None)
    summaries = async_api.iter_conversations(max_items=1)
    assert_type(await anext(summaries), ConversationSummary)
