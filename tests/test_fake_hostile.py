"""Issue 14, D30: the fake UltraCart against hostile clients: a claimed huge body or
chunk gets 413 (nothing is allocated for it), malformed input gets 400 (not 500), and
the recorded history is bounded while the counts stay exact."""

from __future__ import annotations

import socket

import httpx
import pytest

from ultracart_conversations.testing import API_VERSION, FakeUltraCart


def _raw_exchange(fake: FakeUltraCart, head: bytes, body: bytes = b"") -> bytes:
    with socket.create_connection(("127.0.0.1", fake.port), timeout=30) as sock:
        sock.sendall(
            b"PUT /rest/v2/conversation/conversations HTTP/1.1\r\nHost: fake\r\n"
            + head
            + b"\r\n"
            + body
        )
        return sock.recv(200)


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (b"Content-Length: 1000000000000\r\n", b"{}"),
        (b"Transfer-Encoding: chunked\r\n", b"ffffffffffff\r\n{}"),
        (b"Transfer-Encoding: chunked\r\n", b"100000\r\n" + b"a" * 100),
    ],
    ids=["1TB-content-length", "huge-chunk", "chunk-over-limit"],
)
def test_d30_claimed_huge_body_gets_413(head: bytes, body: bytes) -> None:
    with FakeUltraCart(max_request_bytes=64 * 1024) as fake:
        assert _raw_exchange(fake, head, body).startswith(b"HTTP/1.1 413 ")
        # and the fake still serves
        headers = {
            "x-ultracart-simple-key": fake.simple_key,
            "X-UltraCart-Api-Version": API_VERSION,
        }
        assert (
            httpx.get(fake.base_url + "/conversation/conversations", headers=headers).status_code
            == 200
        )


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (b"Content-Length: -5\r\n", b""),
        (b"Transfer-Encoding: chunked\r\n", b"f" * 10_000 + b"\r\n"),
        (b"Transfer-Encoding: chunked\r\n", b"zz\r\n"),
    ],
    ids=["negative-length", "endless-size-line", "not-hex"],
)
def test_d30_broken_framing_gets_400(head: bytes, body: bytes) -> None:
    with FakeUltraCart() as fake:
        assert _raw_exchange(fake, head, body).startswith(b"HTTP/1.1 400 ")


def test_d30_deeply_nested_json_body_gets_400() -> None:
    with FakeUltraCart() as fake:
        headers = {
            "x-ultracart-simple-key": fake.simple_key,
            "X-UltraCart-Api-Version": API_VERSION,
            "Content-Type": "application/json",
        }
        deep = b"[" * 100_000 + b"]" * 100_000
        response = httpx.put(
            fake.base_url + "/conversation/conversations", headers=headers, content=deep
        )
        assert response.status_code == 400


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://[::1",
        "http://app.example:99999999/cb",
        "::::",
        "/relative",
        "https://a/cb#frag",
        "https://a/c b",
    ],
)
def test_d30_malformed_redirect_uri_gets_400(redirect_uri: str) -> None:
    with FakeUltraCart() as fake:
        response = httpx.get(
            fake.base_url + "/oauth/authorize",
            params={
                "client_id": fake.oauth_client_id,
                "redirect_uri": redirect_uri,
                "response_type": "code",
            },
        )
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_request"


def test_d30_recorded_history_is_bounded_and_counts_stay_exact() -> None:
    with FakeUltraCart(conversations=2, max_recorded_requests=5) as fake:
        headers = {
            "x-ultracart-simple-key": fake.simple_key,
            "X-UltraCart-Api-Version": API_VERSION,
        }
        with httpx.Client(headers=headers) as http:
            for offset in range(20):
                http.get(fake.base_url + "/conversation/conversations", params={"_offset": offset})
        assert len(fake.requests) == 5
        assert [r.query["_offset"] for r in fake.requests] == ["15", "16", "17", "18", "19"]
        assert fake.count("getConversations") == 20
        assert fake.request_count == 20
        fake.clear_requests()
        assert (fake.request_count, fake.count("getConversations"), fake.requests) == (0, 0, [])


def test_d30_history_is_bounded_by_default() -> None:
    with FakeUltraCart(conversations=0) as fake:
        assert fake._requests.maxlen is not None
