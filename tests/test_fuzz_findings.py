"""What the fuzz harness (tests/test_fuzz_hostile_server.py) found while it was built,
each held by a regression test (docs/guarantees.md lists them)."""

from __future__ import annotations

import json
import time
import tracemalloc
from collections.abc import Callable

import httpx
import pytest

from tests.fuzz_server import stacked_bomb
from tests.hostile_server import Connection, HostileServer
from ultracart_conversations import (
    ConversationApi,
    InvalidRequestError,
    OAuthClient,
    OAuthError,
    OAuthSession,
    OAuthTokens,
)

TOKENS = (
    b'{"access_token": "new-access-token-1", "refresh_token": "new-refresh-1", "expires_in": 60}'
)


def _answer(body: bytes, extra: bytes = b"", status: bytes = b"200 OK") -> bytes:
    return (
        b"HTTP/1.1 "
        + status
        + b"\r\nContent-Type: application/json\r\n"
        + extra
        + b"Content-Length: %d\r\n\r\n" % len(body)
        + body
    )


def _recording(answers: Callable[[int], bytes], seen: list[bytes]) -> Callable[[Connection], None]:
    def script(conn: Connection) -> None:
        while True:
            seen.append(conn.read_request())
            conn.send(answers(len(seen)))

    return script


def test_a_non_ascii_cookie_from_the_token_endpoint_does_not_break_the_next_refresh() -> None:
    # Found: the OAuth client's cookie jar kept `Set-Cookie: \x80`, and building the next
    # token request raised UnicodeEncodeError (untyped) on a refresh thread.
    seen: list[bytes] = []
    script = _recording(lambda n: _answer(TOKENS, b"Set-Cookie: \x80=\x80\r\n"), seen)
    with HostileServer(script) as server:
        client = OAuthClient(
            "client-id", "client-secret-1", "https://a.example/cb", base_url=server.base_url
        )
        client.refresh("refresh-token-1")
        tokens = client.refresh("refresh-token-2")  # was: UnicodeEncodeError
        client.close()
    assert tokens.access_token == "new-access-token-1"
    assert not [request for request in seen if b"\ncookie:" in request.lower()]


def test_a_cookie_the_api_sets_is_neither_kept_nor_sent_back() -> None:
    seen: list[bytes] = []
    body = b'{"conversation": {"conversation_uuid": "c1"}}'
    script = _recording(lambda n: _answer(body, b"Set-Cookie: tracker=abc123; Path=/\r\n"), seen)
    with (
        HostileServer(script) as server,
        ConversationApi(simple_key="simple-key-1", base_url=server.base_url) as api,
    ):
        api.get_conversation("c1")
        api.get_conversation("c1")
        assert not api.http_client.cookies
    assert not [request for request in seen if b"\ncookie:" in request.lower()]


def test_an_oauth_session_survives_a_hostile_cookie_through_a_401() -> None:
    def answers(n: int) -> bytes:
        if n == 1:
            return _answer(b"{}", b"Set-Cookie: \xff\r\n", b"401 Unauthorized")
        if n == 2:
            return _answer(TOKENS, b"Set-Cookie: \xfe\r\n")
        return _answer(b'{"conversation": {"conversation_uuid": "c1"}}')

    seen: list[bytes] = []
    with HostileServer(_recording(answers, seen)) as server:
        client = OAuthClient(
            "client-id", "client-secret-1", "https://a.example/cb", base_url=server.base_url
        )
        session = OAuthSession(
            client, OAuthTokens("old-access-1", "old-refresh-1", time.time() + 3600)
        )
        with ConversationApi(oauth=session, base_url=server.base_url, max_retries=0) as api:
            answer = api.get_conversation("c1")
        client.close()
    assert answer.conversation is not None


def test_your_http_client_holding_an_unsendable_cookie_is_invalid_request() -> None:
    with httpx.Client() as own:
        own.cookies.set("k", "\x80")  # as a server could have set it in your jar
        api = ConversationApi(
            simple_key="simple-key-1", base_url="https://api.example.com/rest/v2", http_client=own
        )
        with pytest.raises(InvalidRequestError, match="cookie"):
            api.get_conversation("c1")  # was: UnicodeEncodeError


def test_drift_fetch_does_not_let_httpx_read_a_redirects_body_unbounded() -> None:
    # Found: following redirects, httpx read (and decoded) the 3xx body whole before
    # following it: a stacked gzip bomb there took gigabytes past the fetch's limit.
    from codegen.drift.load import Limits, load_document

    document = json.dumps(
        {"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}
    ).encode()

    def script(conn: Connection) -> None:
        while True:
            request = conn.read_request()
            if b"GET /moved" in request:
                conn.send(_answer(document))
                continue
            bomb = stacked_bomb()
            conn.send(
                b"HTTP/1.1 301 Moved\r\nLocation: /moved\r\nSet-Cookie: \x80\r\n"
                b"Content-Encoding: gzip, gzip\r\nContent-Length: %d\r\n\r\n" % len(bomb) + bomb
            )

    with HostileServer(script) as server:
        tracemalloc.start()
        try:
            loaded = load_document(server.origin + "/spec.json", Limits(max_bytes=1 << 20))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert loaded["openapi"] == "3.0.0"
    assert peak < 8 << 20


def test_drift_fetch_stops_a_redirect_loop() -> None:
    from codegen.drift.errors import DocumentError
    from codegen.drift.load import load_document

    def loop(conn: Connection) -> None:
        while True:
            conn.read_request()
            conn.send(b"HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n")

    with HostileServer(loop) as server, pytest.raises(DocumentError, match="redirects"):
        load_document(server.origin + "/spec.json")


def test_token_endpoint_errors_stay_typed_after_a_hostile_cookie() -> None:
    answers = iter([_answer(b"{}", b"Set-Cookie: \x80\r\n", b"400 Bad Request")] * 3)
    with HostileServer(_recording(lambda n: next(answers), [])) as server:
        client = OAuthClient(
            "client-id", "client-secret-1", "https://a.example/cb", base_url=server.base_url
        )
        for _ in range(2):
            with pytest.raises(OAuthError):
                client.refresh("refresh-token-1")
        client.close()
