"""A stand-in for UltraCart whose token endpoint rotates refresh tokens, on 127.0.0.1.

Each refresh token works exactly once (RFC 6749 section 10.4 allows servers to rotate
them): a client that refreshes twice with the same token, or loses the rotated one, gets
`invalid_grant` — which is what the OAuth session robustness tests must rule out. Every
other path is an API call that succeeds only with the latest access token.

Tests can hold token requests at a gate (to have callers arrive while a refresh is in
flight), make the endpoint hang, or serve a chosen access token.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs

from ultracart_conversations import OAuthTokens

# Bounds every wait on the server side, so a broken test cannot hang the suite.
MAX_WAIT_SECONDS = 30.0


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        owner = self.server.owner
        if not self.path.endswith("/oauth/token"):
            self._api()
            return
        presented = form.get("refresh_token", [""])[0]
        with owner.changed:
            owner.grants.append(presented)
            owner.changed.notify_all()
        if owner.hang:
            owner.stopping.wait(MAX_WAIT_SECONDS)
            self.close_connection = True  # without an answer
            return
        owner.gate.wait(MAX_WAIT_SECONDS)
        with owner.changed:
            status, document = owner.grant(presented)
        self._send(status, document)

    def do_GET(self) -> None:
        self._api()

    def _api(self) -> None:
        owner = self.server.owner
        with owner.changed:
            valid = self.headers.get("Authorization") == f"Bearer {owner.access_token}"
        if valid:
            self._send(200, {"success": True, "conversations": []})
        else:
            error = {"developer_message": "Invalid access token.", "error_code": "401"}
            self._send(401, {"success": False, "error": error})

    def _send(self, status: int, document: dict[str, Any]) -> None:
        payload = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()  # keep-alive: pooled connections are what bind clients to a loop
        try:
            self.wfile.write(payload)
        except OSError:
            self.close_connection = True  # the client gave up (a cancelled caller)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: RotatingTokenServer


class RotatingTokenServer:
    def __init__(self) -> None:
        self.access_token = "at-0"
        self.refresh_token = "rt-0"
        self.grants: list[str] = []  # the refresh tokens presented, in order
        self.changed = threading.Condition()
        self.gate = threading.Event()
        self.gate.set()  # open: token requests are answered at once
        self.hang = False
        self.serve_access_token: str | None = None  # answer with this token instead
        self.expires_in = 3600
        self.stopping = threading.Event()
        self._issued = 0
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/rest/v2"

    def initial_tokens(self) -> OAuthTokens:
        """The tokens a code exchange gave the app, already expired on the server."""
        return OAuthTokens("at-expired", self.refresh_token, expires_at=None)

    def revoke_access_token(self) -> None:
        """The current access token stops working: the next API call gets a 401."""
        with self.changed:
            self.access_token = "at-revoked"

    def grant(self, presented: str) -> tuple[int, dict[str, Any]]:
        """Called with `changed` held: rotate on the current refresh token, refuse others."""
        if presented != self.refresh_token:
            return 400, {"error": "invalid_grant", "error_description": "refresh token revoked"}
        self._issued += 1
        self.access_token = self.serve_access_token or f"at-{self._issued}"
        self.refresh_token = f"rt-{self._issued}"
        return 200, {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "token_type": "bearer",
            "expires_in": self.expires_in,
        }

    def wait_for_grants(self, count: int) -> None:
        """Until `count` token requests have arrived (they may still be held)."""
        with self.changed:
            arrived = self.changed.wait_for(lambda: len(self.grants) >= count, MAX_WAIT_SECONDS)
        assert arrived, f"{len(self.grants)} token requests arrived, expected {count}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stopping.set()
        self.gate.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
