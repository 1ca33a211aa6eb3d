"""Issue 14: what a hostile server can no longer do to a call: hang it (D7), fill memory
(D8), collect its credentials through a redirect (D13); and two client states that used
to raise untyped errors or send no credentials (D21, D27). Real HTTP on 127.0.0.1."""

from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.hostile_server import Connection, HostileServer
from ultracart_conversations import (
    APITimeoutError,
    AsyncConversationApi,
    ClientClosedError,
    ConversationApi,
    ConversationResponse,
    ResponseTooLargeError,
)
from ultracart_conversations.errors import ApiError
from ultracart_conversations.testing import FakeUltraCart

KEY = "hostile-test-simple-key"
CONVERSATION = b'{"conversation": {"conversation_uuid": "c1"}}'

# Generous: the deadline is 1 s; the server would go on for a minute or more.
DEADLINE = 1.0
WELL_BEFORE_THE_SERVER_ENDS = 20.0


def uuid_of(answer: ConversationResponse) -> object:
    return answer.conversation.conversation_uuid if answer.conversation else None


def _drip_headers(conn: Connection) -> None:
    conn.read_request()
    conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
    conn.drip(b"X-Slow: " + b"a" * 600 + b"\r\n\r\n", interval=0.1)


def _drip_body(conn: Connection) -> None:
    conn.read_request()
    body = b'{"conversation": {"conversation_uuid": "' + b"a" * 600 + b'"}}'
    conn.send(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body))
    conn.drip(body, interval=0.1)


def _good_then_drip(conn: Connection) -> None:
    # A kept-alive connection: the first answer is fine, the second drips its headers.
    conn.read_request()
    conn.respond(200, CONVERSATION)
    _drip_headers(conn)


def _client(server: HostileServer, **options: Any) -> ConversationApi:
    options = {"timeout": 5.0, "attempt_timeout": DEADLINE, "max_retries": 0, **options}
    return ConversationApi(simple_key=KEY, base_url=server.base_url, **options)


def _async_client(server: HostileServer, **options: Any) -> AsyncConversationApi:
    options = {"timeout": 5.0, "attempt_timeout": DEADLINE, "max_retries": 0, **options}
    return AsyncConversationApi(simple_key=KEY, base_url=server.base_url, **options)


# --- D7: a per-attempt deadline ---------------------------------------------------------


@pytest.mark.parametrize("script", [_drip_headers, _drip_body], ids=["headers", "body"])
def test_d7_dripping_server_cannot_hang_a_sync_call(script: Callable[[Connection], None]) -> None:
    with HostileServer(script) as server, _client(server) as api:
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="attempt_timeout"):
            api.get_conversation("c1")
        assert time.monotonic() - started < WELL_BEFORE_THE_SERVER_ENDS


def test_d7_dripping_headers_on_a_reused_connection_cannot_hang_a_sync_call() -> None:
    with HostileServer(_good_then_drip) as server, _client(server) as api:
        assert uuid_of(api.get_conversation("c1")) == "c1"
        started = time.monotonic()
        with pytest.raises(APITimeoutError):
            api.get_conversation("c1")
        assert time.monotonic() - started < WELL_BEFORE_THE_SERVER_ENDS
        assert len(server.connections) == 1  # it was the pooled connection


@pytest.mark.parametrize(
    "script", [_drip_headers, _drip_body, _good_then_drip], ids=["headers", "body", "reused"]
)
async def test_d7_dripping_server_cannot_hang_an_async_call(
    script: Callable[[Connection], None],
) -> None:
    with HostileServer(script) as server:
        async with _async_client(server) as api:
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match="attempt_timeout"):
                for _ in range(2):  # the second call, for the reused connection
                    await api.get_conversation("c1")
            assert time.monotonic() - started < WELL_BEFORE_THE_SERVER_ENDS


def test_d7_deadline_applies_per_attempt_and_is_retried_for_idempotent_calls() -> None:
    with HostileServer(_drip_headers) as server, _client(server, max_retries=1) as api:
        api._sleep = lambda seconds: None
        with pytest.raises(APITimeoutError):
            api.get_conversation("c1")
        assert len(server.connections) == 2  # one retry, each attempt with its own deadline


def test_d7_deadline_is_derived_from_the_timeout_by_default() -> None:
    with FakeUltraCart() as fake:
        api = ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url, timeout=4.0)
        assert api._attempt_seconds == 12.0  # connect + write + read
        assert api.with_options(timeout=2.0)._attempt_seconds == 6.0
        assert api.with_options(attempt_timeout=None)._attempt_seconds is None
        api.close()
        default = ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url)
        assert default._attempt_seconds == 70.0
        default.close()


# --- D8: a response size cap, counted decompressed -----------------------------------------


def _gzip_bomb(conn: Connection) -> None:
    conn.read_request()
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    bomb = compressor.compress(b"\0" * (40 * 1024 * 1024)) + compressor.flush()
    conn.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        b"Content-Length: %d\r\n\r\n" % len(bomb) + bomb
    )


def _endless_chunks(conn: Connection) -> None:
    conn.read_request()
    conn.send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"a" * 65536
    while True:
        conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))


@pytest.mark.parametrize("script", [_gzip_bomb, _endless_chunks], ids=["gzip-bomb", "endless"])
def test_d8_response_larger_than_the_cap_is_a_typed_error(
    script: Callable[[Connection], None],
) -> None:
    with (
        HostileServer(script) as server,
        _client(server, max_response_bytes=1024 * 1024, attempt_timeout=60.0) as api,
    ):
        with pytest.raises(ResponseTooLargeError, match="max_response_bytes") as caught:
            api.get_conversation("c1")
        assert caught.value.status == 200
        assert caught.value.body == b""


@pytest.mark.parametrize("script", [_gzip_bomb, _endless_chunks], ids=["gzip-bomb", "endless"])
async def test_d8_async_response_larger_than_the_cap_is_a_typed_error(
    script: Callable[[Connection], None],
) -> None:
    with HostileServer(script) as server:
        async with _async_client(
            server, max_response_bytes=1024 * 1024, attempt_timeout=60.0
        ) as api:
            with pytest.raises(ResponseTooLargeError):
                await api.get_conversation("c1")


def test_d8_compressed_response_under_the_cap_is_read_whole() -> None:
    body = b'{"conversation": {"conversation_uuid": "c1", "merchant_id": "' + b"m" * 5000 + b'"}}'

    def gzipped(conn: Connection) -> None:
        conn.read_request()
        packed = gzip.compress(body)
        conn.send(
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(packed)
            + packed
        )

    with HostileServer(gzipped) as server, _client(server, max_response_bytes=len(body)) as api:
        response = api.get_conversation_with_http_info("c1")
        assert uuid_of(response.data) == "c1"
        assert response.content == body


# --- D13: credentials never follow a redirect to another origin ------------------------------


def _trap(record: list[bytes]) -> Callable[[Connection], None]:
    def script(conn: Connection) -> None:
        record.append(conn.read_request())
        conn.respond(200, CONVERSATION)

    return script


def test_d13_credentials_do_not_follow_a_cross_origin_redirect_through_your_client() -> None:
    stolen: list[bytes] = []
    with HostileServer(_trap(stolen)) as trap:

        def redirect(conn: Connection) -> None:
            conn.read_request()
            conn.send(
                f"HTTP/1.1 302 Found\r\nLocation: {trap.origin}/steal\r\n"
                "Content-Length: 0\r\n\r\n".encode()
            )

        with HostileServer(redirect) as server, httpx.Client(follow_redirects=True) as own:
            api = ConversationApi(
                simple_key=KEY, base_url=server.base_url, http_client=own, max_retries=0
            )
            with pytest.raises(ApiError) as caught:
                api.get_conversation("c1")
            assert caught.value.status == 302
            # The generated layer over the same client does not follow it either.
            from ultracart_conversations_api.api.conversation import get_conversation

            get_conversation.sync_detailed("c1", client=api.generated_client)
    assert stolen == []


async def test_d13_async_credentials_do_not_follow_a_cross_origin_redirect() -> None:
    stolen: list[bytes] = []
    with HostileServer(_trap(stolen)) as trap:

        def redirect(conn: Connection) -> None:
            conn.read_request()
            conn.send(
                f"HTTP/1.1 307 Temporary Redirect\r\nLocation: {trap.origin}/steal\r\n"
                "Content-Length: 0\r\n\r\n".encode()
            )

        with HostileServer(redirect) as server:
            async with httpx.AsyncClient(follow_redirects=True) as own:
                api = AsyncConversationApi(
                    simple_key=KEY, base_url=server.base_url, http_client=own, max_retries=0
                )
                with pytest.raises(ApiError):
                    await api.get_conversation("c1")
    assert stolen == []


# --- D21: a closed client ---------------------------------------------------------------


def test_d21_closed_client_raises_client_closed_error() -> None:
    with FakeUltraCart() as fake:
        api = ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url)
        api.close()
        with pytest.raises(ClientClosedError, match="closed"):
            api.get_conversations()
        assert fake.requests == []


async def test_d21_closed_async_client_raises_client_closed_error() -> None:
    with FakeUltraCart() as fake:
        api = AsyncConversationApi(simple_key=fake.simple_key, base_url=fake.base_url)
        await api.aclose()
        with pytest.raises(ClientClosedError):
            await api.get_conversations()


# --- D27: the generated layer over your own http client -----------------------------------


def test_d27_generated_client_over_your_http_client_sends_credentials() -> None:
    from ultracart_conversations_api.api.conversation import get_conversations

    with FakeUltraCart(conversations=3) as fake, httpx.Client() as own:
        api = ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url, http_client=own)
        response = get_conversations.sync_detailed(client=api.generated_client)
        assert response.status_code == 200
        assert "x-ultracart-simple-key" not in own.headers  # yours is not written into


async def test_d27_async_generated_client_over_your_http_client_sends_credentials() -> None:
    from ultracart_conversations_api.api.conversation import get_conversations

    with FakeUltraCart(conversations=3) as fake:
        async with httpx.AsyncClient() as own:
            api = AsyncConversationApi(
                simple_key=fake.simple_key, base_url=fake.base_url, http_client=own
            )
            response = await get_conversations.asyncio_detailed(client=api.generated_client)
            assert response.status_code == 200


def test_no_deadline_thread_work_left_behind() -> None:
    # Sanity for the shared timer: many quick calls leave no pile of timers.
    from ultracart_conversations._deadline import _TIMER

    with (
        FakeUltraCart(conversations=2) as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
    ):
        for _ in range(300):
            api.get_conversations(limit=1)
    assert len(_TIMER._heap) < 200


# --- D8, OAuth: the body of a 401 before a token refresh ----------------------------------


def _endless_401_then_ok() -> tuple[Callable[[Connection], None], list[int]]:
    sent_401: list[int] = []

    def script(conn: Connection) -> None:
        while True:
            request = conn.read_request()
            if b"/oauth/token" in request.split(b"\r\n", 1)[0]:
                conn.respond(200, b'{"access_token": "fresh-token-1234", "expires_in": 3600}')
            elif not sent_401:
                sent_401.append(0)
                conn.send(b"HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n")
                chunk = b"a" * 65536
                while True:
                    conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent_401[0] += len(chunk)
            else:
                conn.respond(200, CONVERSATION)

    return script, sent_401


def test_d8_oauth_reads_only_the_start_of_a_401_before_refreshing() -> None:
    from ultracart_conversations import OAuthClient, OAuthSession, OAuthTokens

    script, sent_401 = _endless_401_then_ok()
    with HostileServer(script) as server:
        oauth = OAuthClient(
            "client", "client-secret", "https://app.example/cb", base_url=server.base_url
        )
        session = OAuthSession(oauth, OAuthTokens("stale-token-1234", "refresh-token-1234"))
        with ConversationApi(oauth=session, base_url=server.base_url, max_retries=0) as api:
            assert uuid_of(api.get_conversation("c1")) == "c1"
    assert session.tokens.access_token == "fresh-token-1234"
    assert sent_401[0] < 64 * 1024 * 1024  # the server gave up long before a 64 MiB body


async def test_d8_async_oauth_reads_only_the_start_of_a_401_before_refreshing() -> None:
    from ultracart_conversations import OAuthClient, OAuthSession, OAuthTokens

    script, sent_401 = _endless_401_then_ok()
    with HostileServer(script) as server:
        oauth = OAuthClient(
            "client", "client-secret", "https://app.example/cb", base_url=server.base_url
        )
        session = OAuthSession(oauth, OAuthTokens("stale-token-1234", "refresh-token-1234"))
        async with AsyncConversationApi(
            oauth=session, base_url=server.base_url, max_retries=0
        ) as api:
            assert uuid_of(await api.get_conversation("c1")) == "c1"
    assert sent_401[0] < 64 * 1024 * 1024
