"""Credentials never appear in reprs, exception messages or logs (debugging=True
included); insecure transport settings warn."""

from __future__ import annotations

import logging
import ssl
import subprocess
import warnings
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.scripted_server import RecordedRequest, Reply, ScriptedServer
from ultracart_conversations import (
    APIConnectionError,
    ApiError,
    AsyncConversationApi,
    ConversationApi,
    ConversationStartRequest,
    InsecureTransportWarning,
    InvalidRequestError,
    OAuthClient,
    OAuthSession,
    redact_headers,
)
from ultracart_conversations.testing import FakeUltraCart, Fault

KEY = "sk-0123456789abcdef-very-secret"


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record of every logger (httpx and httpcore too), at DEBUG."""
    with caplog.at_level(logging.DEBUG):
        yield caplog


def logged_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)


def test_debug_logs_show_the_traffic_but_never_the_simple_key(
    scripted: ScriptedServer, all_logs: pytest.LogCaptureFixture
) -> None:
    # The server echoes the key back in a header, an error message and a body.
    scripted.enqueue(
        Reply.json(200, {"conversation_uuid": "c-1", "merchant_id": KEY}, {"X-Echo": KEY}),
        Reply.error(503, f"bad key {KEY}", uc_rest_error=f"key {KEY} refused"),
        Reply.error(400, f"bad key {KEY}", uc_rest_error=f"key {KEY} refused"),
        Reply.json(200, {"conversation_uuid": "c-2"}),
    )
    with ConversationApi.new_using_api_key(KEY, debugging=True, base_url=scripted.base_url) as api:
        api._sleep = lambda _seconds: None
        api.get_conversation("c-1")
        with pytest.raises(ApiError) as raised:
            api.get_conversations()
        api.start_conversation(ConversationStartRequest(conversation_arn=KEY))

    text = logged_text(all_logs)
    assert scripted.requests[0].headers["x-ultracart-simple-key"] == KEY  # it was sent
    assert "'x-ultracart-simple-key': '[REDACTED]'" in text  # and logged, redacted
    assert "response body:" in text
    assert 'request body: {"conversation_arn":"[REDACTED]"}' in text
    assert "retry 1 of 2" in text
    assert KEY not in text
    assert KEY not in str(raised.value)
    assert KEY not in repr(raised.value)
    assert "[REDACTED]" in str(raised.value)


async def test_async_debug_logs_never_show_the_access_token(
    fake: FakeUltraCart, all_logs: pytest.LogCaptureFixture
) -> None:
    fake.inject("getConversations", Fault.status(429, retry_after="0"))
    async with AsyncConversationApi(
        access_token=fake.access_token, base_url=fake.base_url, debugging=True
    ) as api:
        await api.get_conversations(limit=1)
    text = logged_text(all_logs)
    assert "'authorization': '[REDACTED]'" in text
    assert fake.access_token not in text


def test_the_oauth_flow_logs_no_token_secret_or_code(
    fake: FakeUltraCart, all_logs: pytest.LogCaptureFixture
) -> None:
    oauth = OAuthClient(
        fake.oauth_client_id,
        fake.oauth_client_secret,
        "https://app.example/cb",
        base_url=fake.base_url,
    )
    url, _ = oauth.authorization_url()
    code = parse_qs(urlsplit(httpx.get(url).headers["location"]).query)["code"][0]
    all_logs.clear()  # that was the user's browser, not this client
    tokens = oauth.exchange_code(code)
    session = OAuthSession(oauth, tokens)
    with ConversationApi(oauth=session, base_url=fake.base_url, debugging=True) as api:
        api.get_conversations(limit=1)
        fake.expire_access_tokens()
        api.get_conversations(limit=1)  # refreshes
    oauth.close()
    secrets = [
        fake.oauth_client_secret,
        code,
        tokens.access_token,
        tokens.refresh_token or "",
        session.tokens.access_token,
    ]
    text = logged_text(all_logs)
    assert "OAuth access token refreshed (401 from the API)" in text
    for secret in secrets:
        assert secret
        assert secret not in text
        for shown in (session, oauth, tokens, session.tokens, api):
            assert secret not in repr(shown)
            assert secret not in str(shown)


def test_reprs_hold_no_credential(fake: FakeUltraCart) -> None:
    with ConversationApi(simple_key=KEY, base_url=fake.base_url) as api:
        for shown in (api, api.auth, api.generated_client, api.retry_policy):
            assert KEY not in repr(shown)
            assert KEY not in str(shown)
        assert repr(api) == (
            f"ConversationApi(base_url='{fake.base_url}', credential='simple_key', max_retries=2)"
        )


def test_connection_errors_hold_no_credential(scripted: ScriptedServer) -> None:
    scripted.stop()
    with (
        ConversationApi(simple_key=KEY, base_url=scripted.base_url, max_retries=0) as api,
        pytest.raises(ApiError) as raised,
    ):
        api.get_conversations()
    assert KEY not in str(raised.value)
    assert KEY not in repr(raised.value)


def test_a_key_with_a_line_break_is_refused_without_echoing_it() -> None:
    with pytest.raises(InvalidRequestError) as raised:
        ConversationApi(simple_key=KEY + "\r\nX-Injected: 1")
    assert KEY not in str(raised.value)


def test_caller_headers_are_never_written_into(scripted: ScriptedServer) -> None:
    shared_headers = {"X-Team": "support"}
    scripted.set_fallback(lambda _request: Reply.json(200, {}))
    with httpx.Client(headers=shared_headers) as own:
        with ConversationApi(simple_key=KEY, base_url=scripted.base_url, http_client=own) as api:
            api.get_conversation("c-1")
        assert shared_headers == {"X-Team": "support"}
        assert KEY not in str(dict(own.headers))
        own.get(scripted.base_url + "/other")  # the same client, used directly
    received: list[RecordedRequest] = scripted.requests
    assert received[0].headers["x-ultracart-simple-key"] == KEY
    assert "x-ultracart-simple-key" not in received[1].headers


def test_redact_headers_is_case_insensitive() -> None:
    redacted = redact_headers(
        {"Authorization": "Bearer t", "X-UltraCart-Simple-Key": "k", "Accept": "x"}
    )
    assert redacted == {
        "Authorization": "[REDACTED]",
        "X-UltraCart-Simple-Key": "[REDACTED]",
        "Accept": "x",
    }


# --- transport security ----------------------------------------------------------------------


def test_verify_ssl_false_warns_every_time_it_is_chosen() -> None:
    with pytest.warns(InsecureTransportWarning, match="verify_ssl=False") as record:
        ConversationApi.new_using_api_key(KEY, False, False).close()
        ConversationApi(simple_key=KEY, verify_ssl=False).close()
        OAuthClient("client", "client-secret", "https://app.example/cb", verify_ssl=False)
    assert len(record) == 3
    for warning in record:
        assert KEY not in str(warning.message)


def test_verification_is_on_by_default_and_silent() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with ConversationApi(simple_key=KEY) as api:
            assert api.http_client._transport._pool._ssl_context.verify_mode.name == "CERT_REQUIRED"  # type: ignore[attr-defined]
        ConversationApi(simple_key=KEY, base_url="http://localhost:8080/rest/v2").close()
        ConversationApi(simple_key=KEY, base_url="http://127.0.0.1:8080/rest/v2").close()


def test_plain_http_to_another_host_warns() -> None:
    with pytest.warns(InsecureTransportWarning, match="plain HTTP to api.example.com"):
        ConversationApi(simple_key=KEY, base_url="http://api.example.com/rest/v2").close()


def test_with_debugging_off_nothing_below_debug_shows_bodies(
    scripted: ScriptedServer, all_logs: pytest.LogCaptureFixture
) -> None:
    scripted.enqueue(Reply.json(200, {"conversation_uuid": "c-1"}))
    with ConversationApi(simple_key=KEY, base_url=scripted.base_url) as api:
        api.get_conversation("c-1")
    ours = [r.getMessage() for r in all_logs.records if r.name == "ultracart_conversations"]
    # The gate may log its wait on a loaded machine; what matters is that no line shows a
    # body or headers, and the exchange is one line.
    assert not [m for m in ours if "conversation_uuid" in m or "headers" in m or "body" in m]
    exchanges = [m for m in ours if not m.startswith("rate limiter")]
    assert len(exchanges) == 1
    assert exchanges[0].startswith("GET http://127.0.0.1:")
    assert exchanges[0].endswith("/rest/v2/conversation/conversations/c-1 -> 200 Scripted")


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    """A server-side TLS context with a fresh self-signed certificate for 127.0.0.1."""
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    command = [
        *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
        *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
        *("-addext", "subjectAltName=IP:127.0.0.1"),
    ]
    subprocess.run(command, check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def test_an_untrusted_certificate_is_refused_by_default(self_signed: ssl.SSLContext) -> None:
    with ScriptedServer(tls=self_signed) as server:
        with (
            ConversationApi(simple_key=KEY, base_url=server.base_url, max_retries=0) as api,
            pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"),
        ):
            api.get_conversation("c-1")
        assert server.requests == []  # the key never went out


def test_verify_ssl_false_connects_anyway(self_signed: ssl.SSLContext) -> None:
    answer = Reply.json(200, {"conversation": {"conversation_uuid": "c-1"}})
    with ScriptedServer(answer, tls=self_signed) as server:
        with pytest.warns(InsecureTransportWarning):
            api = ConversationApi.new_using_api_key(KEY, False, base_url=server.base_url)
        with api:
            conversation = api.get_conversation("c-1").conversation
            assert conversation
            assert conversation.conversation_uuid == "c-1"
        assert server.base_url.startswith("https://")
