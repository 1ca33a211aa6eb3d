"""A hostile HTTP server for the fuzz harness: every answer is a `Plan` drawn by
hypothesis (status, headers, content codings, body, framing, timing), written as raw
bytes on a real socket on 127.0.0.1, so that nothing an HTTP library would tidy up is
tidied up.

    with PlannedServer() as server:
        server.use(plan, secrets)  # the next answers, to every path, until changed
        ...  # point a client at server.base_url

`plans()` is the hypothesis strategy. `SECRET_SLOT` in a plan's body or header values is
replaced, when answering, by one of the client's secrets in one of its wire forms (the
harness checks that none of them reaches a message, a log line or a repr).
"""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from email.utils import formatdate
from functools import cache
from types import TracebackType
from typing import Self
from urllib.parse import quote, quote_plus

from hypothesis import strategies as st

from tests.hostile_server import ClientGone, Connection, HostileServer
from tests.reliability_support import document, json_values

SECRET_SLOT = b"\x00SECRET\x00"
CRLF = b"\r\n"


@dataclass(frozen=True)
class Plan:
    """One answer, byte for byte."""

    status: int = 200
    reason: bytes = b"OK"
    headers: tuple[tuple[bytes, bytes], ...] = ()
    codings: tuple[str, ...] = ()  # applied to the body in this order
    body: bytes = b"{}"
    # "length" (right Content-Length), "chunked", "close" (no length: until close),
    # "short" (Content-Length larger than the body, then close), "long" (smaller),
    # "bad-chunk" (a chunk size that is no hex number).
    framing: str = "length"
    stall: float = 0.0  # seconds before the first byte
    drip: float = 0.0  # seconds between the chunks of the answer
    cut_at: int | None = None  # close after this many bytes of the answer
    secret_form: int = 0  # which wire form of which secret fills SECRET_SLOT
    keep_alive: bool = True
    bomb: bool = False  # the body is a stacked gzip bomb (gzip, gzip of 64 MiB)

    def describe(self) -> str:
        return (
            f"{self.status} {self.framing} codings={self.codings} body={len(self.body)}B "
            f"stall={self.stall} drip={self.drip} cut_at={self.cut_at} bomb={self.bomb}"
        )


def wire_forms(secret: str) -> list[bytes]:
    """How a server may echo a secret: as is, in JSON, percent-encoded, lower-case hex."""
    forms = [secret, json.dumps(secret)[1:-1], quote_plus(secret), quote(secret, safe="")]
    forms.append(quote_plus(secret).lower())
    return [form.encode("utf-8", "surrogatepass") for form in forms]


def encode(body: bytes, codings: tuple[str, ...]) -> bytes:
    for coding in codings:
        if coding in ("gzip", "x-gzip"):
            body = gzip.compress(body, 6)
        elif coding == "deflate":
            body = zlib.compress(body)
        elif coding == "br":
            body = body[::-1]  # not brotli: the client refuses the coding before reading
    return body


@cache
def stacked_bomb() -> bytes:
    """gzip of gzip of 64 MiB of zeros: a few kilobytes on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    inner = b"".join(packer.compress(block) for _ in range(64)) + packer.flush()
    return gzip.compress(inner, 9)


def render(plan: Plan, secrets: list[str]) -> bytes:
    """The answer's bytes (secrets filled in)."""
    forms = [form for secret in secrets for form in wire_forms(secret)] or [b"no-secret"]
    echo = forms[plan.secret_form % len(forms)]
    codings = ("gzip", "gzip") if plan.bomb else plan.codings
    body = stacked_bomb() if plan.bomb else encode(plan.body.replace(SECRET_SLOT, echo), codings)
    head = [b"HTTP/1.1 %d %s" % (plan.status, plan.reason)]
    head += [name + b": " + value.replace(SECRET_SLOT, echo) for name, value in plan.headers]
    if codings:
        head.append(b"Content-Encoding: " + ", ".join(codings).encode())
    framing = plan.framing
    if framing == "length":
        head.append(b"Content-Length: %d" % len(body))
    elif framing == "short":
        head.append(b"Content-Length: %d" % (len(body) + 17))
    elif framing == "long":
        head.append(b"Content-Length: %d" % max(0, len(body) - 5))
    elif framing in ("chunked", "bad-chunk"):
        head.append(b"Transfer-Encoding: chunked")
        if framing == "chunked":
            chunks = [body[i : i + 997] for i in range(0, len(body), 997)]
            body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
        else:
            body = b"zz\r\n" + body + b"\r\n0\r\n\r\n"
    if not plan.keep_alive or framing in ("close", "short"):
        head.append(b"Connection: close")
    return CRLF.join(head) + CRLF + CRLF + body


class PlannedServer:
    """A HostileServer whose every connection answers each request with the plan set
    last (`use`); the answer's bytes are made when it is set, so that the serving
    thread allocates nothing while a client's memory is measured."""

    def __init__(self) -> None:
        self.plan = Plan()
        self._answer = render(self.plan, [])
        self.answered = 0
        self._lock = threading.Lock()
        self._server = HostileServer(self._serve)

    @property
    def base_url(self) -> str:
        return self._server.base_url

    @property
    def origin(self) -> str:
        return self._server.origin

    def use(self, plan: Plan, secrets: list[str]) -> None:
        answer = render(plan, secrets)
        if plan.cut_at is not None:
            answer = answer[: plan.cut_at]
        with self._lock:
            self.plan, self._answer = plan, answer

    def _serve(self, conn: Connection) -> None:
        while True:
            conn.read_request()
            with self._lock:
                self.answered += 1
                plan, data = self.plan, self._answer
            if plan.stall and conn._stopping.wait(plan.stall):
                raise ClientGone
            self._send(conn, data, plan.drip)
            if plan.cut_at is not None or not plan.keep_alive or plan.framing in ("close", "short"):
                conn.sock.shutdown(socket.SHUT_WR)
                return

    @staticmethod
    def _send(conn: Connection, data: bytes, drip: float) -> None:
        if not drip:
            conn.send(data)
            return
        step = max(1, len(data) // 8)
        for start in range(0, len(data), step):
            conn.send(data[start : start + step])
            if conn._stopping.wait(drip):
                raise ClientGone

    def __enter__(self) -> Self:
        self._server.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.stop()


# --- the strategy ------------------------------------------------------------------------------

STATUSES = st.one_of(
    st.sampled_from([200, 201, 204, 301, 302, 400, 401, 404, 410, 429, 500, 503, 599]),
    st.integers(100, 999),
)
RETRY_AFTER = st.one_of(
    st.integers(-(10**6), 10**12).map(str),
    st.floats().map(repr),
    st.integers(-(5 * 10**10), 2 * 10**11).map(lambda t: formatdate(time.time() + t, usegmt=True)),
    st.sampled_from(["Mon, 01 Jan 2020 00:00:00 +99999999999999999999", "soon", "", "1e400"]),
)
HEADER_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
    max_size=80,
)


def _header(name: bytes, values: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[bytes, bytes]]:
    return values.map(lambda value: (name, value.encode("latin-1")))


HEADERS = st.lists(
    st.one_of(
        _header(b"Retry-After", RETRY_AFTER),
        _header(
            b"Content-Type", st.sampled_from(["application/json", "text/html", "x/y; charset=zz"])
        ),
        _header(b"UC-REST-ERROR", HEADER_TEXT),
        _header(b"UC-REST-ERROR", st.just("rate of 1 per 80000 second(s) exceeded")),
        st.just((b"UC-REST-ERROR", b"echo " + SECRET_SLOT)),
        _header(b"X-UltraCart-Request-Id", HEADER_TEXT),
        _header(b"Set-Cookie", HEADER_TEXT),
        st.tuples(
            st.sampled_from([b"X-A", b"Content-Length", b"Transfer-Encoding", b"Location"]),
            HEADER_TEXT.map(lambda v: v.encode("latin-1")),
        ),
    ),
    max_size=5,
).map(tuple)

ECHOING_BODIES = st.sampled_from(
    [
        b'{"error": {"developer_message": "bad key ' + SECRET_SLOT + b'"}, "success": false}',
        b'{"error": {"user_message": "' + b"x" * 480 + SECRET_SLOT + b'"}}',
        b"<html>" + SECRET_SLOT + b"</html>",
        b'{"conversations": [], "warning": {"warning_message": "' + SECRET_SLOT + b'"}}',
    ]
)
BODIES = st.one_of(
    document("ConversationsResponse").map(lambda d: json.dumps(d).encode()),
    document("ConversationResponse").map(lambda d: json.dumps(d).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
    ECHOING_BODIES,
    st.binary(max_size=300),
    st.sampled_from([b"[" * 5000 + b"]" * 5000, b"{}", b"", b"null"]),
    st.integers(1, 2_000_000).map(lambda n: b'{"a": "' + b"z" * n + b'"}'),  # around the cap
)
CODINGS = st.lists(st.sampled_from(["gzip", "deflate", "x-gzip", "identity", "br"]), max_size=3)


def plans(max_stall: float) -> st.SearchStrategy[Plan]:
    timing = st.sampled_from([0.0, 0.0, 0.0, 0.01, max_stall])
    return st.builds(
        Plan,
        status=STATUSES,
        reason=st.sampled_from([b"OK", b"", b"\xff\xfe weird"]),
        headers=HEADERS,
        codings=CODINGS.map(tuple),
        body=BODIES,
        framing=st.sampled_from(
            ["length", "length", "chunked", "close", "short", "long", "bad-chunk"]
        ),
        stall=timing,
        drip=st.sampled_from([0.0, 0.0, 0.0, 0.005, max_stall / 4]),
        cut_at=st.one_of(st.none(), st.none(), st.integers(0, 400)),
        secret_form=st.integers(0, 40),
        keep_alive=st.booleans(),
        bomb=st.sampled_from([False] * 9 + [True]),
    )
