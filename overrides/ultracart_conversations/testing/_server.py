"""FakeUltraCart: UltraCart's Conversation API as openapi.yaml documents it, on 127.0.0.1.

Standard library only (a user's test suite must not need more than this package does).
One `threading.RLock` guards all state, so concurrent clients see consistent pages.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import socket
import sys
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit, urlunsplit

from ultracart_conversations._operation import Operation
from ultracart_conversations_api.operations import OPERATIONS

from . import _data
from ._credentials import ALL_SCOPES, Credentials, OAuthError
from ._faults import Fault, FaultKind
from ._rate_limit import RateLimits, Refusal, ServerModel
from ._validation import check_call

# The X-UltraCart-Api-Version every request must send (the spec's constant header).
API_VERSION = next(str(p.default) for op in OPERATIONS for p in op.parameters if p.constant)
BASE_PATH = "/rest/v2"
_SECRET_HEADERS = frozenset({"authorization", "x-ultracart-simple-key"})


@dataclass(frozen=True)
class _Route:
    method: str
    pattern: re.Pattern[str]
    operation_id: str
    # The spec's descriptor; None for the OAuth endpoints, which are not API operations.
    operation: Operation[Any] | None = None
    path_names: tuple[str, ...] = ()


def _operation_route(operation: Operation[Any]) -> _Route:
    """A route matching the operation's path template ({name} is one path segment)."""
    names = tuple(re.findall(r"{([^}]+)}", operation.path))
    pattern = "".join(
        "([^/]+)" if part.startswith("{") else re.escape(part)
        for part in re.split(r"({[^}]+})", operation.path)
        if part
    )
    return _Route(operation.method, re.compile(pattern), operation.operation_id, operation, names)


# Every operation of openapi.yaml, then the OAuth endpoints.
_ROUTES = [
    *(_operation_route(operation) for operation in OPERATIONS),
    _Route("GET", re.compile("/oauth/authorize"), "oauthAuthorize"),
    _Route("POST", re.compile("/oauth/token"), "oauthToken"),
]


@dataclass
class _Call:
    """An API request that passed the spec's checks: its parameters by spec name (query
    values converted to their types, spec defaults filled in) and its JSON body."""

    params: dict[str, Any]
    body: dict[str, Any] | None


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it. Header names are lower-cased."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str] = field(repr=False)
    body: bytes
    operation_id: str | None

    def __repr__(self) -> str:
        # Credentials stay out of assertion messages and logs.
        shown = {k: ("***" if k in _SECRET_HEADERS else v) for k, v in self.headers.items()}
        return (
            f"RecordedRequest(method={self.method!r}, path={self.path!r}, query={self.query!r}, "
            f"headers={shown!r}, body={self.body!r}, operation_id={self.operation_id!r})"
        )


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def _json_reply(status: int, payload: object, headers: Mapping[str, str] | None = None) -> _Reply:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return _Reply(
        status, body, {"Content-Type": "application/json; charset=UTF-8", **(headers or {})}
    )


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> _Reply:
    """UltraCart's error shape: an ErrorResponse body and the UC-REST-ERROR header."""
    payload = {
        "error": {"developer_message": message, "error_code": str(status), "user_message": message},
        "metadata": {},
        "success": False,
    }
    return _json_reply(status, payload, {"UC-REST-ERROR": message, **(headers or {})})


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


class FakeUltraCart:
    """A stateful, in-memory UltraCart Conversation API served over real HTTP.

    Use it as a context manager (or `start()`/`stop()`), then point any HTTP client at
    `base_url` with `simple_key` (header `x-ultracart-simple-key`) or `access_token`
    (`Authorization: Bearer ...`).
    """

    def __init__(
        self,
        conversations: int | Iterable[Mapping[str, Any]] = 25,
        *,
        seed: int = 0,
        messages_per_conversation: int = 3,
        host: str = "127.0.0.1",
        port: int = 0,
        simple_key: str | None = None,
        latency: float = 0.0,
        max_recorded_requests: int | None = 10_000,
        max_request_bytes: int = 1024 * 1024,
        rate_limit: float | tuple[float, float] | str | None = None,
        burst: int | None = None,
        concurrent_limit: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        rate_limit_model: ServerModel | None = None,
    ) -> None:
        """`max_recorded_requests`: how many of the latest requests `requests` keeps
        (None: all; a long soak would otherwise keep every body); `count()` and
        `request_count` stay exact. `max_request_bytes`: larger bodies get a 413.

        `rate_limit`: requests per second, or (requests, seconds) / "1000/3600" as
        UltraCart states it, allowed per credential with `burst` at once (a leaky
        bucket); `concurrent_limit`: requests in flight per credential. Over either, a
        429 like UltraCart's. `clock` drives the bucket (a test's own, if it likes).
        Limits count per application (a simple key's, an OAuth client's), across every
        process that talks to this fake. `rate_limit_model`: how the allowance is kept and
        a 429 reads (a ServerModel: token bucket, queue or fixed window; Retry-After whole,
        fractional or none; the rate announced or not; late 429s)."""
        self._limits = RateLimits(rate_limit, burst, concurrent_limit, clock, rate_limit_model)
        self._lock = threading.RLock()
        if max_recorded_requests is not None and max_recorded_requests < 0:
            raise ValueError("max_recorded_requests cannot be negative")
        if max_request_bytes < 0:
            raise ValueError("max_request_bytes cannot be negative")
        self.max_request_bytes = max_request_bytes
        if isinstance(conversations, int):
            if conversations < 0:
                raise ValueError("conversations cannot be negative")
            stored = _data.seeded_conversations(conversations, seed, messages_per_conversation)
        else:
            stored = [_data.from_caller(given) for given in conversations]
        self._conversations: list[dict[str, Any]] = stored
        self._credentials = Credentials() if simple_key is None else Credentials(simple_key)
        self._faults: dict[str, deque[Fault]] = {}
        self._requests: deque[RecordedRequest] = deque(maxlen=max_recorded_requests)
        self._counts: Counter[str | None] = Counter()
        self._paging_inserts = 0
        self._host = host
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.latency = latency
        self.total_records_known = True

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> Self:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server((self._host, self._port), self)
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeUltraCart:{self._port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._stopping.set()  # wakes handlers sleeping on latency or a delay fault
        server.shutdown()
        server.close_connections()  # ends keep-alive handlers waiting for a next request
        server.server_close()  # joins the handler threads
        thread.join()
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what a test needs to talk to it -----------------------------------------------
    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the fake is not running: use it as a context manager or start()")
        return f"http://{self._host}:{self._port}{BASE_PATH}"

    @property
    def simple_key(self) -> str:
        return self._credentials.simple_key

    @property
    def access_token(self) -> str:
        return self._credentials.access_token

    @property
    def oauth_client_id(self) -> str:
        return self._credentials.oauth_client_id

    @property
    def oauth_client_secret(self) -> str:
        return self._credentials.oauth_client_secret

    def issue_authorization_code(
        self, redirect_uri: str, scopes: Iterable[str] = ALL_SCOPES
    ) -> str:
        """A code for the token endpoint, as if a user had approved the app."""
        with self._lock:
            return self._credentials.issue_code(self.oauth_client_id, redirect_uri, tuple(scopes))

    def expire_access_tokens(self) -> None:
        """Every access token issued so far (`access_token` too) now answers 401."""
        with self._lock:
            self._credentials.expire_access_tokens()

    # -- inspecting and changing state ---------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """The latest requests (at most max_recorded_requests), oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def request_count(self) -> int:
        """Every request served since the start (or clear_requests), kept or not."""
        with self._lock:
            return sum(self._counts.values())

    def count(self, operation_id: str) -> int:
        with self._lock:
            return self._counts[operation_id]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()
            self._counts.clear()

    @property
    def conversations(self) -> list[dict[str, Any]]:
        """The summaries, newest first, exactly as getConversations serves them."""
        with self._lock:
            return [_data.summary(c) for c in self._conversations]

    def conversation(self, conversation_uuid: str) -> dict[str, Any]:
        """One conversation as getConversation serves it; KeyError if there is none."""
        with self._lock:
            return _data.served(self._find(conversation_uuid))

    def insert_conversations(self, n: int = 1) -> list[str]:
        """Create `n` conversations at the head of the list; returns their uuids, newest first."""
        with self._lock:
            created = [_data.arriving_conversation() for _ in range(n)]
            self._conversations[:0] = created
            return [c["conversation_uuid"] for c in created]

    def insert_during_paging(self, count: int = 1) -> None:
        """From now on, each getConversations with `_offset` > 0 first inserts `count`
        conversations at the head, as new chats arriving mid-listing do. 0 turns it off."""
        with self._lock:
            self._paging_inserts = count

    def inject(self, operation_id: str, *faults: Fault) -> None:
        """Queue faults for an operationId; each request to it consumes the next one."""
        with self._lock:
            self._faults.setdefault(operation_id, deque()).extend(faults)

    @property
    def rate_limited(self) -> int:
        """How many requests the rate limit (or concurrent_limit) answered with 429."""
        return self._limits.refused

    @property
    def reused_refresh_tokens(self) -> int:
        """How many refresh requests presented a refresh token already used (each is
        answered invalid_grant, as UltraCart's single-use refresh tokens are)."""
        with self._lock:
            return self._credentials.reused_refresh_tokens

    def pending_faults(self, operation_id: str) -> int:
        with self._lock:
            return len(self._faults.get(operation_id, ()))

    # -- the handler's side ----------------------------------------------------------------
    def _record(self, request: RecordedRequest) -> Fault | None:
        with self._lock:
            self._requests.append(request)
            self._counts[request.operation_id] += 1
            queue = self._faults.get(request.operation_id or "")
            return queue.popleft() if queue else None

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def _find(self, conversation_uuid: str) -> dict[str, Any]:
        for conversation in self._conversations:
            if conversation["conversation_uuid"] == conversation_uuid:
                return conversation
        raise KeyError(conversation_uuid)

    def _answer(
        self, route: _Route, params: dict[str, str], query: dict[str, str], request: RecordedRequest
    ) -> _Reply:
        if route.operation is None:
            if route.operation_id == "oauthAuthorize":
                return self._authorize(query)
            return self._token(request)
        operation = route.operation
        with self._lock:
            refused = self._credentials.check(
                request.headers.get("x-ultracart-simple-key"),
                request.headers.get("authorization"),
                operation.oauth_scopes,
            )
        if refused is not None:
            return _error(401, refused, {"WWW-Authenticate": 'Bearer realm="UltraCart"'})
        checked = check_call(operation, params, query, request.headers, request.body)
        if isinstance(checked, str):
            return _error(400, checked)
        handler = getattr(self, "_op_" + route.operation_id, None)
        if handler is None:
            return _error(501, f"FakeUltraCart does not implement {route.operation_id} yet.")
        reply: _Reply = handler(_Call(*checked))
        return reply

    def _op_getConversations(self, call: _Call) -> _Reply:
        limit, offset = call.params["_limit"], call.params["_offset"]
        medium, before = call.params["medium"], call.params["before"]
        try:
            bound = _instant(before) if before else None
        except ValueError:
            bound = None  # the spec types it as any string: what is not a date bounds nothing
        with self._lock:
            if offset > 0 and self._paging_inserts:
                self.insert_conversations(self._paging_inserts)
            listed = [
                c
                for c in self._conversations
                if (medium is None or c.get("medium") == medium)
                and (bound is None or _earlier(_data.last_message_dts(c), bound))
            ]
            total = len(listed)
            page = [_data.summary(c) for c in listed[offset : offset + limit]]
            known = self.total_records_known
        result_set = {
            "count": len(page),
            "limit": limit,
            "more": offset + len(page) < total,
            "next_offset": offset + len(page),
            "offset": offset,
            "total_records": total if known else None,
        }
        return _envelope({"conversations": page}, {"result_set": result_set})

    def _op_startConversation(self, call: _Call) -> _Reply:
        start = call.body or {}
        arn = start.get("conversation_arn")
        with self._lock:
            if start.get("resolve_only"):
                # Resolve only: answer with the conversation this ARN already has.
                found = next(
                    (c for c in self._conversations if arn and c["conversation_arn"] == arn), None
                )
                # Nothing to resolve: nothing started either, and no conversation to show.
                return _json_reply(200, {"conversation": _data.served(found)} if found else {})
            conversation = _data.new_conversation(
                str(uuid.uuid4()),
                arn or None,
                start.get("add_conversation_participant_arns", []),
                webchat_queue_uuid=start.get("conversation_webchat_queue_uuid"),
            )
            self._conversations.insert(0, conversation)
            # ConversationStartResponse is the one answer without the envelope.
            return _json_reply(200, {"conversation": _data.served(conversation)})

    def _op_getConversation(self, call: _Call) -> _Reply:
        uuid_ = call.params["conversation_uuid"]
        with self._lock:
            try:
                conversation = self._find(uuid_)
            except KeyError:
                return _not_found(uuid_)
            conversation["unread_messages"] = False  # an agent has now seen it
            served = _data.served(conversation, message_limit=call.params["limit"])
            return _envelope({"conversation": served})

    def _op_joinConversation(self, call: _Call) -> _Reply:
        uuid_ = call.params["conversation_uuid"]
        language = (call.body or {}).get("participant_language_iso_code")
        with self._lock:
            try:
                conversation = self._find(uuid_)
            except KeyError:
                return _not_found(uuid_)
            me = _agent_in(conversation)
            if me is None:
                me = _data.participant(
                    _data.AGENT_ARN, _data.AGENT_NAME, str(uuid.uuid4()), _data.now_dts()
                )
                conversation["participants"].append(me)
            elif me["status"] != "active":
                me.update(status="active", joined_dts=_data.now_dts())
                me.pop("left_dts", None)
            if language:
                me["language_iso_code"] = language
        return _Reply(204)

    def _op_leaveConversation(self, call: _Call) -> _Reply:
        uuid_ = call.params["conversation_uuid"]
        with self._lock:
            try:
                conversation = self._find(uuid_)
            except KeyError:
                return _not_found(uuid_)
            me = _agent_in(conversation)
            if me is not None and me["status"] == "active":
                me.update(status="left", left_dts=_data.now_dts())
        return _Reply(204)

    def _op_getAgentWebsocketAuthorization(self, _: _Call) -> _Reply:
        with self._lock:
            jwt = self._credentials.jwt(
                {"iss": "fake-ultracart", "sub": _data.AGENT_ARN, "merchant_id": _data.MERCHANT_ID}
            )
        agent_auth = {
            "chat_admin": True,
            "chat_user": True,
            "conversation_participant_arn": _data.AGENT_ARN,
            "conversation_participant_name": _data.AGENT_NAME,
            "default_phone_number": "+15555550100",
            "group_ids": [],
            "jwt": jwt,
            "merchant_id": _data.MERCHANT_ID,
            "merchants": [
                {"company": "Demo Store", "is_parent": True, "merchant_id": _data.MERCHANT_ID}
            ],
            "twilio_accounts": [
                {"merchant_id": _data.MERCHANT_ID, "twilio_phone_numbers": ["+15555550100"]}
            ],
            "websocket_url": "wss://fake-ultracart.invalid/conversation/websocket",
        }
        return _envelope({"agent_auth": agent_auth})

    def _op_getConversationMultimediaUploadUrl(self, call: _Call) -> _Reply:
        # openapi.yaml allows any extension, so the fake does too.
        key = f"conversation/{_data.MERCHANT_ID}/{uuid.uuid4()}.{call.params['extension']}"
        upload = {
            "key": key,
            "url": f"https://fake-ultracart-uploads.invalid/{quote(key)}?signature=fake",
        }
        return _envelope({"conversation_multimedia_upload_url": upload})

    def _authorize(self, query: dict[str, str]) -> _Reply:
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.oauth_client_id or not redirect_uri:
            return _json_reply(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "unknown client_id or no redirect_uri",
                },
            )
        problem = _redirect_uri_problem(redirect_uri)
        if problem:
            return _json_reply(400, {"error": "invalid_request", "error_description": problem})
        if query.get("response_type") != "code":
            return _json_reply(400, {"error": "unsupported_response_type"})
        scopes = tuple(s for s in re.split(r"[ ,+]+", query.get("scope", "")) if s)
        try:
            code = self.issue_authorization_code(redirect_uri, scopes or ALL_SCOPES)
        except OAuthError as e:
            return _json_reply(400, {"error": e.error, "error_description": str(e)})
        answer = {"code": code, **({"state": query["state"]} if "state" in query else {})}
        parts = urlsplit(redirect_uri)
        joined = "&".join(p for p in (parts.query, urlencode(answer)) if p)
        return _Reply(302, headers={"Location": urlunsplit(parts._replace(query=joined))})

    def _token(self, request: RecordedRequest) -> _Reply:
        form = {k: v[-1] for k, v in parse_qs(request.body.decode("latin-1")).items()}
        kind, _, encoded = request.headers.get("authorization", "").partition(" ")
        if kind.lower() == "basic":  # RFC 6749 2.3.1 lets the client authenticate this way
            try:
                client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
            except ValueError:
                client_id = secret = ""
            form.setdefault("client_id", client_id)
            form.setdefault("client_secret", secret)
        try:
            with self._lock:
                issued = self._credentials.token(form)
        except OAuthError as e:
            return _json_reply(e.status, {"error": e.error, "error_description": str(e)})
        return _json_reply(200, issued, {"Cache-Control": "no-store", "Pragma": "no-cache"})


def _envelope(payload: Mapping[str, Any], metadata: Mapping[str, Any] | None = None) -> _Reply:
    """UltraCart's success shape: the payload beside `success` and `metadata`."""
    return _json_reply(200, {**payload, "metadata": dict(metadata or {}), "success": True})


def _earlier(when: str, bound: datetime) -> bool:
    """Whether the date/time `when` is before `bound` (an unreadable one is not)."""
    try:
        return _instant(when) < bound
    except ValueError:
        return False


def _instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _redirect_uri_problem(uri: str) -> str | None:
    """What makes `uri` unusable as a redirect_uri (RFC 6749 3.1.2), or None."""
    if any(ch <= " " or ch == "\x7f" for ch in uri):
        return "redirect_uri must not contain spaces or control characters"
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        return "redirect_uri is not a valid URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "redirect_uri must be an absolute http(s) URL"
    if parts.fragment or "#" in uri:
        return "redirect_uri must not have a fragment"
    return None


def _header_safe(value: str) -> str:
    # Printable ASCII only: a caller's uuid echoed into UC-REST-ERROR must not be able to
    # break the header block (http.client even splits lines at \x0b, \x1c, \x85...).
    return "".join(c if " " <= c <= "~" else "?" for c in value)


def _not_found(conversation_uuid: str) -> _Reply:
    shown = conversation_uuid if len(conversation_uuid) <= 64 else conversation_uuid[:64] + "..."
    return _error(404, f"No conversation with uuid {shown}.")


def _agent_in(conversation: Mapping[str, Any]) -> dict[str, Any] | None:
    for person in conversation["participants"]:
        if person.get("conversation_participant_arn") == _data.AGENT_ARN:
            found: dict[str, Any] = person
            return found
    return None


class _Server(ThreadingHTTPServer):
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
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a test's output is no place for an access log

    _refusal: _Reply | None = None
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
        with fake._lock:
            application = fake._credentials.application_of(
                headers.get("x-ultracart-simple-key"), headers.get("authorization")
            )
        verdict = limits.enter(application)
        self._in_flight_as = application
        if isinstance(verdict, Refusal):
            extra = {} if verdict.retry_after is None else {"Retry-After": verdict.retry_after}
            self._refusal = _error(429, verdict.message, extra)
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
            self._send(_error(413, f"The request body is larger than {limit} bytes."))
            self.close_connection = True
            return
        except ValueError:
            self._send(_error(400, "Malformed request body framing."))
            self.close_connection = True
            return
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        route, params, allowed = self._route(parts.path)
        request = RecordedRequest(
            method=self.command,
            path=parts.path,
            query=query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            operation_id=route.operation_id if route else None,
        )
        fault = fake._record(request)
        fake._sleep(fake.latency + self._hold)
        if self._refusal is not None:
            self._send(self._refusal)
            return
        if route is None:
            if allowed:
                self._send(
                    _error(
                        405, f"{self.command} is not allowed here.", {"Allow": ", ".join(allowed)}
                    )
                )
            else:
                self._send(_error(404, "No such resource."))
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
            self._send(_error(fault.status_code, message, extra))
            return
        if fault is not None and fault.kind is FaultKind.NOT_JSON:
            page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            self._send(_Reply(fault.status_code, page, {"Content-Type": "application/json"}))
            return
        try:
            reply = fake._answer(route, params, query, request)
        except Exception as e:  # a bug in the fake: say so, rather than hang up silently
            reply = _error(500, f"FakeUltraCart internal error: {type(e).__name__}: {e}")
        if fault is not None and fault.kind is FaultKind.TRUNCATE:
            self._send(reply, truncate=True)
            return
        self._send(reply)

    def _route(self, path: str) -> tuple[_Route | None, dict[str, str], list[str]]:
        if not path.startswith(BASE_PATH + "/"):
            return None, {}, []
        rest = path[len(BASE_PATH) :]
        allowed = []
        for route in _ROUTES:
            match = route.pattern.fullmatch(rest)
            if match:
                if route.method == self.command:
                    values = [unquote(v) for v in match.groups()]
                    return route, dict(zip(route.path_names, values, strict=True)), []
                allowed.append(route.method)
        return None, {}, allowed

    def _send(self, reply: _Reply, *, truncate: bool = False) -> None:
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
