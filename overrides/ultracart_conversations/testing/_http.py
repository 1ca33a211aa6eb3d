"""The fake's HTTP side: a threading server on 127.0.0.1, request framing (bodies,
chunked encoding, size limits), injected faults, and writing answers. What an answer
says is the fake's business (`_server.py`); how it travels is this module's.
"""

from __future__ import annotations

import contextlib
import json
import socket
import sys
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from ._faults import FaultKind
from ._rate_limit import Refusal

if TYPE_CHECKING:
    from ._server import FakeUltraCart


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(status: int, payload: object, headers: Mapping[str, str] | None = None) -> Reply:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Reply(
        status, body, {"Content-Type": "application/json; charset=UTF-8", **(headers or {})}
    )


def error_reply(status: int, message: str, headers: Mapping[str, str] | None = None) -> Reply:
    """UltraCart's error shape: an ErrorResponse body and the UC-REST-ERROR header."""
    payload = {
        "error": {"developer_message": message, "error_code": str(status), "user_message": message},
        "metadata": {},
        "success": False,
    }
    return json_reply(status, payload, {"UC-REST-ERROR": message, **(headers or {})})


_GENERIC_MESSAGES = {
    400: "Bad request.",
    401: "Invalid credentials supplied.",
    404: "Not found.",
    410: "Your authorized application has been disabled by UltraCart.",
    429: "You have exceeded the allowed API call rate limit for your application.",
    500: "A server side error occurred.",
    502: "Bad gateway.",
    503: "Service temporarily unavailable.",
    504: "Gateway timeout.",
}


def _header_safe(value: str) -> str:
    # Printable ASCII only: a caller's uuid echoed into UC-REST-ERROR must not be able to
    # break the header block (http.client even splits lines at \x0b, \x1c, \x85...).
    return "".join(c if " " <= c <= "~" else "?" for c in value)


class Server(ThreadingHTTPServer):
    # Handler threads are joined on close, and their sockets tracked so that close can end
    # idle keep-alive connections: stop() is quick and leaves no thread behind.
    daemon_threads = False
    block_on_close = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], fake: FakeUltraCart) -> None:
        self.fake = fake
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer (timeouts, Fault tests) is normal here, not
        # worth a traceback on stderr.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed by the peer
                sock.shutdown(socket.SHUT_RDWR)


# Request framing limits: a chunk-size or trailer line, the number of trailers.
_MAX_LINE = 4096
_MAX_TRAILERS = 64


class _BodyTooLarge(Exception):
    """The request body is larger than the fake's max_request_bytes."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse connections
    server_version = "FakeUltraCart/1.0"
    timeout = 60  # an idle keep-alive connection is closed after this long
    # Headers and body go out in two writes; with Nagle on, delayed ACKs add ~40 ms to each
    # keep-alive exchange.
    disable_nagle_algorithm = True
    server: Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a test's output is no place for an access log

    _refusal: Reply | None = None
    _hold = 0.0  # seconds the rate limit holds this answer (a queued request, a late 429)
    _in_flight_as: str | None = None  # the credential counted in flight, until answered

    def do_GET(self) -> None:
        self._serve()

    def __getattr__(self, name: str) -> Any:
        # Every method, even one http.server has never heard of (QUERY, ...), gets an
        # UltraCart-shaped 404 or 405 rather than http.server's HTML 501.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def _serve(self) -> None:
        # The rate limit (see _rate_limit.py) judges the request on arrival, per credential;
        # _dispatch still reads and records it before answering 429.
        limits = self.server.fake._limits
        if not limits.active or "/oauth/" in self.path:
            self._dispatch()
            return
        headers = self.headers
        fake = self.server.fake
        with fake._lock:  # whose allowance: the application behind the credential
            application = fake._credentials.application_of(
                headers.get("x-ultracart-simple-key"), headers.get("authorization")
            )
        verdict = limits.enter(application)
        self._in_flight_as = application
        if isinstance(verdict, Refusal):
            extra = {} if verdict.retry_after is None else {"Retry-After": verdict.retry_after}
            self._refusal = error_reply(429, verdict.message, extra)
            self._hold = verdict.delay
        elif verdict:
            self._hold = verdict
        try:
            self._dispatch()
        finally:
            self._refusal = None
            self._hold = 0.0
            self._answered()

    def _answered(self) -> None:
        # Out of flight before the answer is written: a client that sends its next request
        # as soon as it has read this answer must not find this one still counted.
        if self._in_flight_as is not None:
            self.server.fake._limits.leave(self._in_flight_as)
            self._in_flight_as = None

    def _read_body(self) -> bytes:
        """The request body; _BodyTooLarge past the fake's limit, ValueError for broken
        framing. Sizes are checked before anything is read: a claimed 1 TB body or chunk
        must not be allocated."""
        limit = self.server.fake.max_request_bytes
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            received = 0
            while True:
                line = self.rfile.readline(_MAX_LINE)
                if not line.endswith(b"\n"):
                    raise ValueError("chunk size line too long or cut short")
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size < 0:
                    raise ValueError("negative chunk size")
                if size == 0:
                    for _ in range(_MAX_TRAILERS):
                        if self.rfile.readline(_MAX_LINE) in (b"\r\n", b"\n", b""):
                            return b"".join(chunks)
                    raise ValueError("too many trailers")
                received += size
                if received > limit:
                    raise _BodyTooLarge
                chunk = self.rfile.read(size)
                if len(chunk) < size:
                    raise ValueError("body cut short")
                chunks.append(chunk)
                self.rfile.readline(_MAX_LINE)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        if length > limit:
            raise _BodyTooLarge
        return self.rfile.read(length) if length > 0 else b""

    def _dispatch(self) -> None:
        fake = self.server.fake
        try:
            body = self._read_body()
        except _BodyTooLarge:
            limit = fake.max_request_bytes
            self._send(error_reply(413, f"The request body is larger than {limit} bytes."))
            self.close_connection = True
            return
        except ValueError:
            self._send(error_reply(400, "Malformed request body framing."))
            self.close_connection = True
            return
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        headers = {k.lower(): v for k, v in self.headers.items()}
        found = fake._router.find(self.command, parts.path)
        request, fault = fake._received(self.command, parts.path, query, headers, body, found)
        fake._sleep(fake.latency + self._hold)
        if self._refusal is not None:
            self._send(self._refusal)
            return
        route = found.route
        if route is None:
            if found.allowed:
                allowed = ", ".join(found.allowed)
                self._send(
                    error_reply(405, f"{self.command} is not allowed here.", {"Allow": allowed})
                )
            else:
                self._send(error_reply(404, "No such resource."))
            return
        if fault is not None and fault.kind is FaultKind.DELAY:
            fake._sleep(fault.seconds)
        if fault is not None and fault.kind is FaultKind.DROP:
            self.close_connection = True
            with contextlib.suppress(OSError):  # the client may be gone already
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault is not None and fault.kind is FaultKind.STATUS:
            extra = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            message = fault.message or _GENERIC_MESSAGES.get(
                fault.status_code, f"HTTP {fault.status_code}."
            )
            self._send(error_reply(fault.status_code, message, extra))
            return
        if fault is not None and fault.kind is FaultKind.NOT_JSON:
            page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            self._send(Reply(fault.status_code, page, {"Content-Type": "application/json"}))
            return
        try:
            reply = fake._answer(route, found.params, query, request)
        except Exception as e:  # a bug in the fake: say so, rather than hang up silently
            reply = error_reply(500, f"FakeUltraCart internal error: {type(e).__name__}: {e}")
        if fault is not None and fault.kind is FaultKind.TRUNCATE:
            self._send(reply, truncate=True)
            return
        self._send(reply)

    def _send(self, reply: Reply, *, truncate: bool = False) -> None:
        self._answered()
        self.send_response(reply.status)
        self.send_header("X-UltraCart-Request-Id", uuid.uuid4().hex)
        for name, value in reply.headers.items():
            self.send_header(name, _header_safe(value))
        if reply.status not in (204, 304):
            self.send_header("Content-Length", str(len(reply.body)))
        if truncate:
            self.send_header("Connection", "close")
        self.end_headers()
        body = reply.body
        if self.command == "HEAD" or reply.status in (204, 304):
            body = b""
        if truncate:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)
