"""Issue #20: one bounded reader (_body) for every byte from the network: API calls, the
OAuth token endpoint and the drift tool's fetch. The size cap applies to the output of
each content-coding layer as it streams, and the attempt's deadline covers the whole
exchange. Over real HTTP on 127.0.0.1 (tests/hostile_server.py)."""

from __future__ import annotations

import gzip
import io
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from functools import cache

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz_settings import fuzz_settings
from tests.hostile_server import Connection, HostileServer
from ultracart_conversations import (
    APIConnectionError,
    APITimeoutError,
    AsyncConversationApi,
    ConversationApi,
    OAuthClient,
    OAuthError,
    OAuthSession,
    OAuthTokens,
    ResponseTooLargeError,
)
from ultracart_conversations._body import ACCEPT_ENCODING, BodyTooLarge, Decoder

KEY = "bounded-reader-simple-key"
CAP = 1024 * 1024
BODY = b'{"conversation": {"conversation_uuid": "c1", "merchant_id": "' + b"m" * 3000 + b'"}}'


def _gzip_stream(size: int) -> bytes:
    """gzip of `size` zero bytes, compressed a MiB at a time (never held whole)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1024 * 1024)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.flush()


@cache
def stacked_bomb() -> bytes:
    """`Content-Encoding: gzip, gzip` of 256 MiB: about a kilobyte on the wire."""
    return gzip.compress(_gzip_stream(256 * 1024 * 1024), 9)


def _serve(body: bytes, encoding: str) -> Callable[[Connection], None]:
    def script(conn: Connection) -> None:
        conn.read_request()
        conn.send(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + f"Content-Encoding: {encoding}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )

    return script


def _api(server: HostileServer, **options: object) -> ConversationApi:
    settings: dict[str, object] = {"max_retries": 0, "max_response_bytes": CAP, **options}
    if "oauth" not in settings:
        settings["simple_key"] = KEY
    return ConversationApi(base_url=server.base_url, **settings)  # type: ignore[arg-type]


def _peak_bytes(call: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        call()
    except Exception:  # noqa: S110 (the caller checks the error separately)
        pass
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


# --- stacked encodings ------------------------------------------------------------------------


def test_stacked_gzip_layers_cannot_expand_past_the_cap() -> None:
    bomb = stacked_bomb()
    assert len(bomb) < 64 * 1024  # tiny on the wire
    with HostileServer(_serve(bomb, "gzip, gzip")) as server, _api(server) as api:
        with pytest.raises(ResponseTooLargeError, match="max_response_bytes"):
            api.get_conversation("c1")
        # Before, one chunk went through both layers at once: ~2 GiB per 1.8 KB read.
        assert _peak_bytes(lambda: api.get_conversation("c1")) < 8 * CAP


async def test_stacked_gzip_layers_cannot_expand_past_the_cap_async() -> None:
    with HostileServer(_serve(stacked_bomb(), "gzip, gzip")) as server:
        async with AsyncConversationApi(
            simple_key=KEY, base_url=server.base_url, max_retries=0, max_response_bytes=CAP
        ) as api:
            tracemalloc.start()
            try:
                with pytest.raises(ResponseTooLargeError):
                    await api.get_conversation("c1")
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
    assert peak < 8 * CAP


def test_a_single_gzip_bomb_is_held_to_the_cap_too() -> None:
    with (
        HostileServer(_serve(_gzip_stream(64 * 1024 * 1024), "gzip")) as server,
        _api(server) as api,
    ):
        assert _peak_bytes(lambda: api.get_conversation("c1")) < 8 * CAP


@pytest.mark.parametrize(
    ("encoding", "pack"),
    [
        ("gzip, gzip", lambda b: gzip.compress(gzip.compress(b))),
        ("deflate", zlib.compress),
        ("deflate", lambda b: zlib.compress(b)[2:-4]),  # raw deflate, as some servers send
        ("identity, gzip", gzip.compress),
        ("x-gzip", gzip.compress),
    ],
    ids=["gzip-gzip", "zlib-deflate", "raw-deflate", "identity-gzip", "x-gzip"],
)
def test_encoded_bodies_under_the_cap_are_read_whole(
    encoding: str, pack: Callable[[bytes], bytes]
) -> None:
    with HostileServer(_serve(pack(BODY), encoding)) as server, _api(server) as api:
        response = api.get_conversation_with_http_info("c1")
    assert response.content == BODY


@pytest.mark.parametrize(
    "encoding", ["br", "zstd", "compress", "gzip, br", ", ".join(["gzip"] * 5)]
)
def test_a_coding_the_reader_cannot_bound_is_a_typed_error(encoding: str) -> None:
    with (
        HostileServer(_serve(gzip.compress(BODY), encoding)) as server,
        _api(server) as api,
        pytest.raises(APIConnectionError, match="coding"),
    ):
        api.get_conversation("c1")


def test_a_corrupt_gzip_body_is_a_typed_error() -> None:
    with (
        HostileServer(_serve(b"\x1f\x8b\x08\x00garbage" * 20, "gzip")) as server,
        _api(server) as api,
        pytest.raises(APIConnectionError, match="corrupt"),
    ):
        api.get_conversation("c1")


def test_every_request_asks_only_for_codings_the_reader_decodes() -> None:
    seen: list[bytes] = []

    def record(conn: Connection) -> None:
        seen.append(conn.read_request())
        conn.respond(200, BODY)

    with HostileServer(record) as server:
        with _api(server) as api:
            api.get_conversation("c1")
        with httpx.Client() as own, _api(server, http_client=own) as api:
            api.get_conversation("c1")
    for request in seen:
        assert f"accept-encoding: {ACCEPT_ENCODING}".encode() in request.lower()


def test_drift_fetch_of_stacked_gzip_is_refused_within_the_limit() -> None:
    from codegen.drift.errors import DocumentError
    from codegen.drift.load import Limits, load_document

    with HostileServer(_serve(stacked_bomb(), "gzip, gzip")) as server:

        def fetch() -> None:
            load_document(server.origin + "/openapi.json", Limits(max_bytes=CAP))

        with pytest.raises(DocumentError, match="size limit"):
            fetch()
        assert _peak_bytes(fetch) < 8 * CAP


# --- the OAuth token endpoint -------------------------------------------------------------


def _endless_token_answer(conn: Connection) -> None:
    conn.read_request()
    conn.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b'{"access_token": "' + b"a" * 65536
    while True:
        conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))


def _dripping_token_answer(conn: Connection) -> None:
    conn.read_request()
    conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n")
    conn.drip(b'{"access_token": "' + b"a" * 880 + b'"}', interval=0.05)


def _oauth(server: HostileServer, timeout: float = 5.0) -> OAuthClient:
    return OAuthClient(
        "client-id",
        "client-secret-value",
        "https://app.example/cb",
        base_url=server.base_url,
        timeout=timeout,
    )


def test_token_endpoint_body_is_bounded() -> None:
    with HostileServer(_endless_token_answer) as server:
        client = _oauth(server)
        with pytest.raises(OAuthError, match="larger than"):
            client.refresh("refresh-token-1234")
        client.close()


def test_dripping_token_endpoint_is_cut_at_its_attempt_deadline() -> None:
    # 0.3 s a phase: no single read waits that long, but the whole answer takes 45 s.
    with HostileServer(_dripping_token_answer) as server:
        client = _oauth(server, timeout=0.3)
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="token endpoint"):
            client.refresh("refresh-token-1234")
        assert time.monotonic() - started < 5
        client.close()


def _refresh_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "ultracart-oauth-refresh"]


def test_dripping_token_endpoint_cannot_hang_a_sync_call_past_attempt_timeout() -> None:
    with HostileServer(_dripping_token_answer) as server:
        session = OAuthSession(
            _oauth(server, timeout=1.0),
            OAuthTokens("stale-access-1234", "refresh-token-1234", expires_at=time.time() - 1),
        )
        with _api(server, oauth=session, attempt_timeout=0.5) as api:
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match="attempt_timeout"):
                api.get_conversation("c1")
            assert time.monotonic() - started < 3
        # The refresh thread (not a daemon: it must not die holding a rotated refresh
        # token) ends at the token endpoint's own deadline, so it cannot keep the
        # process alive.
        for thread in _refresh_threads():
            thread.join(timeout=10)
        assert _refresh_threads() == []
        session.close()


async def test_dripping_token_endpoint_cannot_hang_an_async_call_past_attempt_timeout() -> None:
    with HostileServer(_dripping_token_answer) as server:
        session = OAuthSession(
            _oauth(server, timeout=1.0),
            OAuthTokens("stale-access-1234", "refresh-token-1234", expires_at=time.time() - 1),
        )
        async with AsyncConversationApi(
            oauth=session, base_url=server.base_url, max_retries=0, attempt_timeout=0.5
        ) as api:
            started = time.monotonic()
            with pytest.raises(APITimeoutError):
                await api.get_conversation("c1")
            assert time.monotonic() - started < 3
        for thread in _refresh_threads():
            thread.join(timeout=10)
        session.close()


# --- the command line's credential files ---------------------------------------------------


def test_simple_key_file_dev_zero_is_refused_without_reading_it_all() -> None:
    from ultracart_conversations.cli import main

    err = io.StringIO()
    code = main(
        ["list", "--simple-key-file", "/dev/zero"], environ={}, stdout=io.StringIO(), stderr=err
    )
    assert code == 2
    assert "larger than" in err.getvalue()


def test_simple_key_from_an_endless_stdin_is_refused() -> None:
    from ultracart_conversations.cli import main

    class Endless(io.StringIO):
        def read(self, size: int | None = -1) -> str:
            assert size is not None and size > 0, "read without a bound"
            return "k" * size

    err = io.StringIO()
    code = main(
        ["list", "--simple-key-file", "-"],
        environ={},
        stdin=Endless(),
        stdout=io.StringIO(),
        stderr=err,
    )
    assert code == 2


# --- the decoder itself, fuzzed -------------------------------------------------------------

CODINGS = st.lists(st.sampled_from(["gzip", "deflate", "identity", "x-gzip"]), max_size=4)
PACK: dict[str, Callable[[bytes], bytes]] = {
    "gzip": gzip.compress,
    "x-gzip": gzip.compress,
    "deflate": zlib.compress,
    "identity": lambda b: b,
}


def _chunks(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


@pytest.mark.fuzz
@fuzz_settings(max_examples=200)
@given(st.binary(max_size=5000), CODINGS, st.integers(1, 700))
def test_decoder_undoes_any_stack_of_codings_it_accepts(
    payload: bytes, codings: list[str], chunk: int
) -> None:
    wire = payload
    for coding in codings:  # applied in the order listed
        wire = PACK[coding](wire)
    decoder = Decoder(httpx.Headers({"content-encoding": ", ".join(codings)}), limit=1 << 20)
    for part in _chunks(wire, chunk):
        decoder.feed(part)
    assert decoder.finish() == payload


@pytest.mark.fuzz
@fuzz_settings(max_examples=300)
@given(st.binary(max_size=3000), CODINGS, st.integers(1, 700), st.integers(1, 4000))
def test_decoder_on_any_bytes_raises_only_its_typed_errors(
    raw: bytes, codings: list[str], chunk: int, limit: int
) -> None:
    decoder = Decoder(httpx.Headers({"content-encoding": ", ".join(codings)}), limit=limit)
    try:
        for part in _chunks(raw, chunk):
            decoder.feed(part)
        body = decoder.finish()
    except (httpx.DecodingError, BodyTooLarge):
        return
    assert len(body) <= limit
