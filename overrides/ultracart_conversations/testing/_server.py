"""FakeUltraCart: UltraCart's Conversation API as openapi.yaml documents it, on 127.0.0.1.

Standard library only (a user's test suite must not need more than this package does).
One `threading.RLock` guards all state, so concurrent clients see consistent pages.
"""

from __future__ import annotations

import base64
import re
import threading
import time
import warnings
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self, TypeAlias, cast
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from ultracart_conversations._redaction import redact_form
from ultracart_conversations_api.operations import OPERATIONS, OperationId

from . import (
    _behaviours,  # noqa: F401 (registers the written behaviours)
    _data,
)
from ._answers import built_answer
from ._credentials import ALL_SCOPES, Credentials, OAuthError
from ._faults import Fault, checked_seconds
from ._http import Reply, error_reply, json_reply
from ._http import Server as _Server
from ._rate_limit import RateLimits, ServerModel
from ._registry import BEHAVIOURS, Behaviour, mismatches
from ._routing import Found, Route, Router, operation_route
from ._validation import check_call

if TYPE_CHECKING:  # the documents' types: nothing of them is needed at run time
    from ultracart_conversations_api.documents import ConversationDict, ConversationSummaryDict

# What count(), inject() and pending_faults() take: an operationId of openapi.yaml (a
# checker catches a typo), or one of the OAuth endpoints'.
Endpoint: TypeAlias = OperationId | Literal["oauthAuthorize", "oauthToken"]

# The X-UltraCart-Api-Version every request must send (the spec's constant header).
API_VERSION = next(str(p.default) for op in OPERATIONS for p in op.parameters if p.constant)
BASE_PATH = "/rest/v2"
_SECRET_HEADERS = frozenset({"authorization", "x-ultracart-simple-key"})

# Every operation of openapi.yaml, then the OAuth endpoints.
_ROUTER = Router(
    BASE_PATH,
    [
        *(operation_route(operation) for operation in OPERATIONS),
        Route("GET", re.compile("/oauth/authorize"), "oauthAuthorize"),
        Route("POST", re.compile("/oauth/token"), "oauthToken"),
    ],
)


_warned_about: set[str] = set()


def _matching_behaviours() -> dict[str, Behaviour]:
    """The written behaviours whose declarations still hold for openapi.yaml; the others
    are left out (their operations answer from the schema), with a warning naming each,
    once per process."""
    stale = mismatches(BEHAVIOURS.values(), OPERATIONS)
    for operation_id, problems in stale.items():
        if operation_id not in _warned_about:
            _warned_about.add(operation_id)
            warnings.warn(
                f"FakeUltraCart: the written behaviour for {operation_id} no longer fits "
                f"openapi.yaml ({'; '.join(problems)}); it answers from the schema instead",
                RuntimeWarning,
                stacklevel=3,
            )
    return {k: v for k, v in BEHAVIOURS.items() if k not in stale}


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
        # Credentials stay out of assertion messages and logs: the secret headers, and
        # the client secret, codes and tokens of a token request's form body.
        shown = {k: ("***" if k in _SECRET_HEADERS else v) for k, v in self.headers.items()}
        return (
            f"RecordedRequest(method={self.method!r}, path={self.path!r}, query={self.query!r}, "
            f"headers={shown!r}, body={redact_form(self.body)!r}, "
            f"operation_id={self.operation_id!r})"
        )


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
        self._router = _ROUTER
        # operationId -> written behaviour (a test may replace one to make the fake fail);
        # the other operations are answered from their schema.
        self._behaviours = _matching_behaviours()

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

    def count(self, operation_id: Endpoint) -> int:
        with self._lock:
            return self._counts[operation_id]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()
            self._counts.clear()

    @property
    def conversations(self) -> list[ConversationSummaryDict]:
        """The summaries, newest first, exactly as getConversations serves them."""
        with self._lock:
            return [cast("ConversationSummaryDict", _data.summary(c)) for c in self._conversations]

    def conversation(self, conversation_uuid: str) -> ConversationDict:
        """One conversation as getConversation serves it; KeyError if there is none."""
        with self._lock:
            return cast("ConversationDict", _data.served(self._find(conversation_uuid)))

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

    def inject(self, operation_id: Endpoint, *faults: Fault) -> None:
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

    def pending_faults(self, operation_id: Endpoint) -> int:
        with self._lock:
            return len(self._faults.get(operation_id, ()))

    @property
    def latency(self) -> float:
        """Seconds added to every answer (0 to a day; may be changed while serving)."""
        return self._latency

    @latency.setter
    def latency(self, seconds: float) -> None:
        self._latency = checked_seconds("latency", seconds)

    # -- the handler's side ----------------------------------------------------------------
    def _received(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        body: bytes,
        found: Found,
    ) -> tuple[RecordedRequest, Fault | None]:
        """Record a request; returns it with the next fault queued for its operation."""
        route = found.route
        request = RecordedRequest(
            method=method,
            path=path,
            query=query,
            headers=headers,
            body=body,
            operation_id=route.operation_id if route else None,
        )
        with self._lock:
            self._requests.append(request)
            self._counts[request.operation_id] += 1
            queue = self._faults.get(request.operation_id or "")
            return request, (queue.popleft() if queue else None)

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._stopping.wait(seconds)

    def _find(self, conversation_uuid: str) -> dict[str, Any]:
        for conversation in self._conversations:
            if conversation["conversation_uuid"] == conversation_uuid:
                return conversation
        raise KeyError(conversation_uuid)

    def _answer(
        self, route: Route, params: dict[str, str], query: dict[str, str], request: RecordedRequest
    ) -> Reply:
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
            return error_reply(401, refused, {"WWW-Authenticate": 'Bearer realm="UltraCart"'})
        checked = check_call(operation, params, query, request.headers, request.body)
        if isinstance(checked, str):
            return error_reply(400, checked)
        params, body = checked
        written = self._behaviours.get(route.operation_id)
        if written is None:
            return built_answer(operation, params, body)
        reply: Reply = written.answer(self, written.call(params, body))
        return reply

    def _authorize(self, query: dict[str, str]) -> Reply:
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.oauth_client_id or not redirect_uri:
            return json_reply(
                400,
                {
                    "error": "invalid_request",
                    "error_description": "unknown client_id or no redirect_uri",
                },
            )
        problem = _redirect_uri_problem(redirect_uri)
        if problem:
            return json_reply(400, {"error": "invalid_request", "error_description": problem})
        if query.get("response_type") != "code":
            return json_reply(400, {"error": "unsupported_response_type"})
        scopes = tuple(s for s in re.split(r"[ ,+]+", query.get("scope", "")) if s)
        try:
            code = self.issue_authorization_code(redirect_uri, scopes or ALL_SCOPES)
        except OAuthError as e:
            return json_reply(400, {"error": e.error, "error_description": str(e)})
        answer = {"code": code, **({"state": query["state"]} if "state" in query else {})}
        parts = urlsplit(redirect_uri)
        joined = "&".join(p for p in (parts.query, urlencode(answer)) if p)
        return Reply(302, headers={"Location": urlunsplit(parts._replace(query=joined))})

    def _token(self, request: RecordedRequest) -> Reply:
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
            return json_reply(e.status, {"error": e.error, "error_description": str(e)})
        return json_reply(200, issued, {"Cache-Control": "no-store", "Pragma": "no-cache"})


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
