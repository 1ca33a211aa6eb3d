"""A tiny HTTP server for tests that serves canned raw responses and records requests.

The fake UltraCart (ultracart_conversations.testing) speaks the API correctly; this one
says exactly what a test tells it to, including what no well-behaved server says: HTML
error pages, status 599, JSON null, a dropped connection, an exact Retry-After date.

    with ScriptedServer() as server:
        server.enqueue(Reply.json(200, {"conversation_uuid": "abc"}), Reply.status(503))
        ...  # point a client at server.base_url
        assert server.requests[0].headers["x-ultracart-simple-key"] == "key"

Responses are served in the order queued, one per request; when the queue is empty the
`fallback` callable (if set) answers, else a 599 "no scripted response" does, so that a
test that sends more requests than it expected fails loudly. Every response closes its
connection, so each request is a fresh connection and ordering is simple.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it (header names lower-cased)."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True)
class Reply:
    """A canned response: raw bytes to write, or a dropped connection, after a delay."""

    raw: bytes = b""
    drop: bool = False
    delay: float = 0.0

    @staticmethod
    def status(
        status: int,
        body: bytes | str = b"",
        headers: dict[str, str] | None = None,
        reason: str = "Scripted",
        delay: float = 0.0,
    ) -> Reply:
        payload = body.encode() if isinstance(body, str) else body
        lines = [f"HTTP/1.1 {status} {reason}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        lines += [f"Content-Length: {len(payload)}", "Connection: close"]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return Reply(raw=head + payload, delay=delay)

    @staticmethod
    def json(
        status: int,
        document: Any,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> Reply:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        return Reply.status(status, json.dumps(document), all_headers, delay=delay)

    @staticmethod
    def error(status: int, developer_message: str, uc_rest_error: str | None = None) -> Reply:
        """An UltraCart-shaped error: ErrorResponse body, optional UC-REST-ERROR header."""
        headers = {"UC-REST-ERROR": uc_rest_error} if uc_rest_error is not None else {}
        document = {
            "success": False,
            "error": {"developer_message": developer_message, "error_code": str(status)},
        }
        return Reply.json(status, document, headers)

    @staticmethod
    def dropped(delay: float = 0.0) -> Reply:
        """Read the request, then close the connection without answering."""
        return Reply(drop=True, delay=delay)


Fallback = Callable[[RecordedRequest], Reply]


@dataclass
class _State:
    replies: deque[Reply] = field(default_factory=deque)
    requests: list[RecordedRequest] = field(default_factory=list)
    fallback: Fallback | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)


_NO_SCRIPT = Reply.status(599, "no scripted response left", reason="No Script")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        recorded = RecordedRequest(
            method=self.command,
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=body,
        )
        with state.lock:
            state.requests.append(recorded)
            if state.replies:
                reply = state.replies.popleft()
            elif state.fallback is not None:
                reply = state.fallback(recorded)
            else:
                reply = _NO_SCRIPT
        if reply.delay:
            # Wakes early when the server stops, so a slow reply never delays teardown.
            state.stopping.wait(reply.delay)
        self.close_connection = True
        if not reply.drop:
            self.wfile.write(reply.raw)
            self.wfile.flush()

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = _serve

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State


class ScriptedServer:
    """Serves queued `Reply`s on 127.0.0.1 (ephemeral port) from a background thread."""

    def __init__(self, *replies: Reply, tls: ssl.SSLContext | None = None) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = _State()
        self._scheme = "http"
        if tls is not None:  # HTTPS, with the certificate of this server-side context
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
            self._scheme = "https"
        # A short poll interval: shutdown() waits for the loop to notice, 0.5 s by default.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.enqueue(*replies)

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self._scheme}://{host!s}:{port}"

    @property
    def base_url(self) -> str:
        """Where the API lives, as in production: the origin plus /rest/v2."""
        return f"{self.origin}/rest/v2"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._server.state.lock:
            return list(self._server.state.requests)

    @property
    def pending(self) -> int:
        """How many queued replies have not been served yet."""
        with self._server.state.lock:
            return len(self._server.state.replies)

    def enqueue(self, *replies: Reply) -> None:
        with self._server.state.lock:
            self._server.state.replies.extend(replies)

    def set_fallback(self, fallback: Fallback | None) -> None:
        """Answer with `fallback(request)` whenever the queue is empty."""
        with self._server.state.lock:
            self._server.state.fallback = fallback

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
