"""OAuth 2 (authorization code flow) for UltraCart.

    oauth = OAuthClient(client_id, client_secret, redirect_uri="https://app.example/cb")
    url, state = oauth.authorization_url()          # send the user there; keep `state`
    tokens = oauth.exchange_code(code_from_redirect)  # after checking the returned state
    session = OAuthSession(oauth, tokens, on_token_refresh=save_tokens)
    with ConversationApi(oauth=session) as api: ...

An OAuthSession refreshes the access token shortly before it expires and once when the
API answers 401, and calls `on_token_refresh` with the new tokens so they can be stored.
One refresh is in flight per session, whoever asks (threads, tasks, event loops); it runs
on its own thread to the end, so a rotated refresh token is never lost to a cancelled
caller or a closed event loop. No token or secret appears in any repr, log line or
exception message.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import httpx

from ultracart_conversations import _body
from ultracart_conversations._deadline import attempt_seconds, time_left_in_attempt
from ultracart_conversations._defaults import (
    DEFAULT_BASE_URL,
    DEFAULT_TIMEOUT,
    MAX_TOKEN_RESPONSE_BYTES,
    USER_AGENT,
)
from ultracart_conversations._parse import UnreadableJSON, parse_json, token_lifetime
from ultracart_conversations._redaction import REDACTED, Secrets, logger, scrub_logs_of
from ultracart_conversations._response import connection_error
from ultracart_conversations._urls import check_transport_security, no_cookies
from ultracart_conversations.errors import APITimeoutError, InvalidRequestError, OAuthError

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ultracart_conversations._shared_grant import SharedGrant

__all__ = ["DEFAULT_SCOPES", "OAuthClient", "OAuthSession", "OAuthTokens"]

DEFAULT_SCOPES = ("conversation_read", "conversation_write")

# RFC 6749 appendix A: tokens are printable ASCII. The access token goes into a header,
# so it may not contain a space either; anything else would fail (or inject) when sent.
# Patterns compiled (and cached) by re at first use, not at import.
_PRINTABLE_NO_SPACE = r"[\x21-\x7e]+"
_PRINTABLE = r"[\x20-\x7e]+"


def _token_problem(name: str, value: object, optional: bool = False) -> str | None:
    """What is wrong with a token (never quoting it), or None."""
    if optional and value in (None, ""):
        return None
    if not isinstance(value, str) or not value:
        return f"{name} must be a non-empty str"
    pattern = _PRINTABLE_NO_SPACE if name == "access_token" else _PRINTABLE
    if not re.fullmatch(pattern, value):
        return f"{name} contains characters a token cannot have (only printable ASCII)"
    return None


class OAuthTokens:
    """Tokens from UltraCart's token endpoint. Immutable; reprs show no token.

    `expires_at` is a Unix timestamp (None: the endpoint did not say).
    `to_dict()`/`from_dict()` round-trip them for storage.
    """

    __slots__ = ("access_token", "expires_at", "refresh_token", "scope", "token_type")

    access_token: str
    refresh_token: str | None
    expires_at: float | None
    token_type: str
    scope: str | None

    def __init__(
        self,
        access_token: str,
        refresh_token: str | None = None,
        expires_at: float | None = None,
        token_type: str = "Bearer",  # noqa: S107 (a token type, not a token)
        scope: str | None = None,
    ) -> None:
        for name, token, optional in (
            ("access_token", access_token, False),
            ("refresh_token", refresh_token, True),
        ):
            problem = _token_problem(name, token, optional)
            if problem:
                raise InvalidRequestError(problem)
        for name, value in (
            ("access_token", access_token),
            ("refresh_token", refresh_token),
            ("expires_at", expires_at),
            ("token_type", token_type),
            ("scope", scope),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("OAuthTokens is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OAuthTokens) and self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash(self.access_token)

    def __repr__(self) -> str:
        refresh = REDACTED if self.refresh_token else None
        return (
            f"OAuthTokens(access_token={REDACTED}, refresh_token={refresh}, "
            f"expires_at={self.expires_at!r}, scope={self.scope!r})"
        )

    def expires_within(self, seconds: float, now: float | None = None) -> bool:
        """True if the access token expires in less than `seconds` (False if unknown)."""
        if self.expires_at is None:
            return False
        return self.expires_at - (time.time() if now is None else now) < seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at,
            "token_type": self.token_type,
            "scope": self.scope,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OAuthTokens:
        return cls(
            access_token=data["access_token"],
            refresh_token=data.get("refresh_token"),
            expires_at=data.get("expires_at"),
            token_type=data.get("token_type") or "Bearer",
            scope=data.get("scope"),
        )


def _tokens_from_response(
    response: httpx.Response, secrets: Secrets, previous_refresh_token: str | None
) -> OAuthTokens:
    """The tokens in a token endpoint response (RFC 6749 section 5), or OAuthError."""
    method, url = response.request.method, str(response.request.url)
    try:
        document = parse_json(response.content) if response.content else None
    except UnreadableJSON:
        document = None
    status = response.status_code
    if status != 200 or not isinstance(document, dict):
        code = document.get("error") if isinstance(document, dict) else None
        description = document.get("error_description") if isinstance(document, dict) else None
        detail = secrets.scrub(": ".join(str(part) for part in (code, description) if part), 500)
        message = f"token endpoint answered HTTP {status}" + (f": {detail}" if detail else "")
        error = OAuthError(
            secrets.scrub(f"{message} ({method} {url})"),
            status=status,
            headers=dict(response.headers.items()),
            body=response.content,
            method=method,
            url=url,
        )
        error.error = secrets.scrub(str(code), 100) if code else None
        raise error
    access_token = document.get("access_token")
    refresh_token = document.get("refresh_token")
    if refresh_token in (None, ""):
        # RFC 6749 6: the server may keep the old refresh token valid and not send one.
        refresh_token = previous_refresh_token
    for name, token, optional in (
        ("access_token", access_token, False),
        ("refresh_token", refresh_token, True),
    ):
        if token is None and not optional:
            problem: str | None = "no access_token"
        else:
            problem = _token_problem(name, token, optional)
        if problem:
            # Checked on arrival: a token that cannot be sent fails here, typed, unquoted.
            raise OAuthError(
                f"token endpoint answered with an unusable token: {problem} ({method} {url})",
                status=status,
                method=method,
                url=url,
            )
    access_token = str(access_token)
    lifetime = token_lifetime(document.get("expires_in"))
    expires_at = None if lifetime is None else time.time() + lifetime
    secrets.add_tokens(access_token, refresh_token)
    return OAuthTokens(
        access_token=access_token,
        refresh_token=refresh_token,
        expires_at=expires_at,
        token_type=str(document.get("token_type") or "Bearer"),
        scope=str(document["scope"]) if document.get("scope") else None,
    )


class OAuthClient:
    """An application registered with UltraCart: builds the authorize URL and talks to
    the token endpoint (sync and async)."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        scopes: Sequence[str] = DEFAULT_SCOPES,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify_ssl: bool = True,
    ) -> None:
        for name, value in (("client_id", client_id), ("client_secret", client_secret)):
            if not isinstance(value, str) or not value:
                raise InvalidRequestError(f"{name} must be a non-empty str")
        self.base_url: str = base_url.rstrip("/")
        check_transport_security(self.base_url, verify_ssl)
        self.client_id = client_id
        self._client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.scopes: tuple[str, ...] = tuple(scopes)
        self.secrets: Secrets = Secrets(client_secret)
        self.secrets.add_basic_credentials(client_id, client_secret)
        scrub_logs_of(self.secrets)
        self._timeout = timeout
        self._attempt_seconds = attempt_seconds(
            timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        )
        self._verify = verify_ssl
        self._http: httpx.Client | None = None
        self._http_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"OAuthClient(client_id={self.client_id!r}, base_url={self.base_url!r})"

    @property
    def authorize_endpoint(self) -> str:
        return f"{self.base_url}/oauth/authorize"

    @property
    def token_endpoint(self) -> str:
        return f"{self.base_url}/oauth/token"

    def authorization_url(
        self, *, state: str | None = None, scopes: Sequence[str] | None = None
    ) -> tuple[str, str]:
        """(URL to send the user to, state). Compare the state the redirect brings back
        with this one before exchanging the code; a random one is made if none is given."""
        if not state:
            import secrets  # here: only the authorization step needs it

            state = secrets.token_urlsafe(24)
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.client_id,
                "redirect_uri": self.redirect_uri,
                "scope": " ".join(self.scopes if scopes is None else scopes),
                "state": state,
            }
        )
        return f"{self.authorize_endpoint}?{query}", state

    def _form(self, grant: dict[str, str]) -> dict[str, str]:
        return {**grant, "client_id": self.client_id, "client_secret": self._client_secret}

    def _code_grant(self, code: str) -> dict[str, str]:
        if not isinstance(code, str) or not code:
            raise InvalidRequestError("code must be a non-empty str")
        self.secrets.add_tokens(code)
        return {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
        }

    def _refresh_grant(self, refresh_token: str | None) -> dict[str, str]:
        if not isinstance(refresh_token, str) or not refresh_token:
            raise InvalidRequestError("refresh_token must be a non-empty str")
        self.secrets.add_tokens(refresh_token)
        return {"grant_type": "refresh_token", "refresh_token": refresh_token}

    def _client(self) -> httpx.Client:
        with self._http_lock:  # used from refresh threads: make exactly one
            if self._http is None:
                self._http = httpx.Client(
                    timeout=self._timeout,
                    verify=self._verify,
                    headers={"User-Agent": USER_AGENT},
                    cookies=no_cookies(),
                )
            return self._http

    def _post(self, grant: dict[str, str], previous_refresh: str | None) -> OAuthTokens:
        client = self._client()
        request = client.build_request(
            "POST",
            self.token_endpoint,
            data=self._form(grant),
            headers={"Accept": "application/json", "Accept-Encoding": _body.ACCEPT_ENCODING},
        )
        logger.debug("OAuth %s grant: POST %s", grant["grant_type"], self.token_endpoint)
        method, url = request.method, str(request.url)
        try:
            # Bounded like every API call: the whole answer within the attempt deadline
            # (a refresh thread that outlived it would keep the process alive), its body
            # within MAX_TOKEN_RESPONSE_BYTES.
            response = _body.receive(
                lambda r: client.send(r, stream=True),
                request,
                MAX_TOKEN_RESPONSE_BYTES,
                self._attempt_seconds,
            )
        except _body.AttemptExpired:
            error = APITimeoutError(
                f"the token endpoint sent no complete answer within "
                f"{self._attempt_seconds:g} s ({method} {url})",
                method=method,
                url=url,
            )
            raise error from None
        except _body.BodyTooLarge as exc:
            status = None if exc.response is None else exc.response.status_code
            raise OAuthError(
                f"the token endpoint's answer is larger than {MAX_TOKEN_RESPONSE_BYTES} "
                f"bytes; reading stopped ({method} {url})",
                status=status,
                method=method,
                url=url,
            ) from None
        except httpx.HTTPError as exc:
            raise connection_error(exc, request, self.secrets) from None
        return _tokens_from_response(response, self.secrets, previous_refresh)

    async def _apost(self, grant: dict[str, str], previous_refresh: str | None) -> OAuthTokens:
        # On a worker thread with the sync client: an httpx.AsyncClient would be bound to
        # the first event loop that used it ("Event loop is closed" from the next one).
        import asyncio

        return await asyncio.to_thread(self._post, grant, previous_refresh)

    def exchange_code(self, code: str) -> OAuthTokens:
        """Trade the code from the redirect for tokens."""
        return self._post(self._code_grant(code), None)

    async def async_exchange_code(self, code: str) -> OAuthTokens:
        return await self._apost(self._code_grant(code), None)

    def refresh(self, refresh_token: str) -> OAuthTokens:
        """New tokens for a refresh token (the old refresh token is kept if no new one)."""
        return self._post(self._refresh_grant(refresh_token), refresh_token)

    async def async_refresh(self, refresh_token: str) -> OAuthTokens:
        """If the caller is cancelled, the request still completes but its tokens are
        dropped: OAuthSession commits them whatever happens to its callers."""
        return await self._apost(self._refresh_grant(refresh_token), refresh_token)

    def close(self) -> None:
        with self._http_lock:
            if self._http is not None:
                self._http.close()
                self._http = None

    async def aclose(self) -> None:
        self.close()


TokenCallback = Callable[[OAuthTokens], None]


class OAuthSession:
    """The current tokens of one authorization, kept fresh.

    Refreshes `refresh_margin` seconds before expiry and once on a 401 (see
    ConversationApi). One refresh is in flight at a time for all callers: threads,
    asyncio tasks and event loops wait for the same one, and all get its outcome (its
    error too, at once). The refresh runs on its own thread and commits the new tokens
    even if every caller waiting for it was cancelled.

    `on_token_refresh` is called with the new tokens after each refresh (store them: the
    old refresh token may no longer work). If it raises, the session keeps the new tokens
    and the failure is surfaced, never swallowed: the callers of that refresh get an
    OAuthError (the hook's exception as its __cause__), and every later request through
    the session calls the hook again first, raising the same way, until it succeeds. The
    hook may therefore see the same tokens more than once.

    `shared`: a store URL ("sqlite:///path/file.db", "redis://host:6379/0", `#name` to
    tell grants apart; default name: the client id) that every process of a deployment
    shares: the store's tokens replace `tokens` if it has some (`overwrite_shared=True`
    after authorizing again), a refresh happens in one process at a time, and the others
    use its tokens (see docs/shared-limits.md). `from_env()` reads it from
    ULTRACART_SHARED_STATE.

    A token that lives no longer than `refresh_margin` is refreshed at half its life,
    not before every call.
    """

    def __init__(
        self,
        client: OAuthClient,
        tokens: OAuthTokens,
        *,
        on_token_refresh: TokenCallback | None = None,
        refresh_margin: float = 60.0,
        shared: str | None = None,
        overwrite_shared: bool = False,
    ) -> None:
        if not isinstance(tokens, OAuthTokens):
            raise InvalidRequestError("tokens must be OAuthTokens")
        self.client = client
        self._shared: SharedGrant | None = None
        if shared is not None:
            from ultracart_conversations._shared_grant import SharedGrant

            client.secrets.add(tokens.access_token, tokens.refresh_token)
            self._shared = SharedGrant(shared, client.client_id)
            tokens = self._shared.adopt(tokens, overwrite_shared)
        self._tokens = tokens
        # When _tokens came from a refresh of ours (None: given, their issue time unknown).
        self._received_at: float | None = None
        self.on_token_refresh = on_token_refresh
        self.refresh_margin = refresh_margin
        self.secrets: Secrets = client.secrets
        self.secrets.add_tokens(tokens.access_token, tokens.refresh_token)
        # Guards _tokens, _in_flight and _unsaved; never held across I/O or the hook.
        self._lock = threading.Lock()
        self._in_flight: Future[OAuthTokens] | None = None
        self._unsaved: OAuthTokens | None = None  # committed, not yet accepted by the hook
        self._hook_lock = threading.Lock()  # one hook call at a time, in commit order

    def __repr__(self) -> str:
        shared = "" if self._shared is None else f", shared={self._shared.description!r}"
        return f"OAuthSession(client={self.client!r}, tokens={self._tokens!r}{shared})"

    @classmethod
    def from_env(
        cls,
        client: OAuthClient,
        tokens: OAuthTokens,
        *,
        on_token_refresh: TokenCallback | None = None,
        refresh_margin: float = 60.0,
        overwrite_shared: bool = False,
    ) -> OAuthSession:
        """A session shared through the store ULTRACART_SHARED_STATE names (if set)."""
        from ultracart_conversations._shared_url import shared_url_from_env

        return cls(
            client,
            tokens,
            on_token_refresh=on_token_refresh,
            refresh_margin=refresh_margin,
            shared=shared_url_from_env(),
            overwrite_shared=overwrite_shared,
        )

    @property
    def tokens(self) -> OAuthTokens:
        return self._tokens

    @property
    def can_refresh(self) -> bool:
        return bool(self._tokens.refresh_token)

    def needs_refresh(self) -> bool:
        tokens = self._tokens
        if not self.can_refresh or tokens.expires_at is None:
            return False
        received = self._received_at
        if received is None:
            return tokens.expires_within(self.refresh_margin)
        # A token living no longer than the margin would be refreshed before every call:
        # then at half its life (and never in its first second).
        margin = min(self.refresh_margin, max((tokens.expires_at - received) / 2, 0.0))
        return time.time() - received >= 1.0 and tokens.expires_within(margin)

    # -- what a request sends --------------------------------------------------------

    def current_access_token(self) -> str:
        """The access token to send now: a failed `on_token_refresh` is retried first
        (OAuthError if it fails again), and a token about to expire is refreshed."""
        self._save_unsaved()
        if self.needs_refresh():
            return self.refresh(self._tokens.access_token, reason="about to expire")
        return self._tokens.access_token

    async def async_current_access_token(self) -> str:
        self._save_unsaved()
        if self.needs_refresh():
            return await self.async_refresh(self._tokens.access_token, reason="about to expire")
        return self._tokens.access_token

    # -- refreshing ------------------------------------------------------------------

    def refresh(self, stale_access_token: str | None = None, reason: str = "requested") -> str:
        """Refresh unless another caller already replaced `stale_access_token`; returns
        the access token to use. Joins the refresh in flight, if there is one."""
        future = self._refresh_future(stale_access_token, reason)
        # Inside an API call's attempt, no longer than its deadline (TimeoutError, which
        # the attempt reports as its own timeout); the refresh itself goes on.
        return future.result(timeout=time_left_in_attempt()).access_token

    async def async_refresh(
        self, stale_access_token: str | None = None, reason: str = "requested"
    ) -> str:
        # Imported here: the sync client loads this module too, and asyncio alone
        # costs about as much import time as the rest of the package.
        import asyncio

        future = self._refresh_future(stale_access_token, reason)
        # Cancelling this wait (wait_for, task.cancel) leaves the refresh running: the
        # future is marked running, so the cancellation does not propagate to it.
        return (await asyncio.wrap_future(future)).access_token

    def _refresh_future(self, stale_access_token: str | None, reason: str) -> Future[OAuthTokens]:
        """The refresh in flight, a new one, or (when another caller already replaced
        `stale_access_token`) a done future with the current tokens."""
        from concurrent.futures import Future  # here: a client that never refreshes skips it

        with self._lock:
            current = self._tokens
            if stale_access_token is not None and current.access_token != stale_access_token:
                done: Future[OAuthTokens] = Future()
                done.set_result(current)
                return done
            if self._in_flight is not None:
                return self._in_flight
            if not current.refresh_token:
                raise InvalidRequestError("these tokens have no refresh_token")
            future: Future[OAuthTokens] = Future()
            future.set_running_or_notify_cancel()  # from now on it cannot be cancelled
            self._in_flight = future
        worker = threading.Thread(
            target=self._run_refresh,
            args=(future, current.refresh_token, current.access_token, reason),
            name="ultracart-oauth-refresh",
            # Not a daemon: a refresh under way at exit finishes and reaches the hook,
            # rather than dying with the only copy of a rotated refresh token.
            daemon=False,
        )
        worker.start()
        return future

    def _fetch(self, refresh_token: str, stale_access_token: str) -> OAuthTokens:
        """New tokens: from the token endpoint, or through the shared grant (whose
        refresh may be another process's)."""
        if self._shared is None:
            return self.client.refresh(refresh_token)
        tokens = self._shared.refresh(
            stale_access_token, self.client.refresh, wait=3 * self._shared.lock_seconds
        )
        self.secrets.add(tokens.access_token, tokens.refresh_token)
        return tokens

    def _run_refresh(
        self, future: Future[OAuthTokens], refresh_token: str, stale: str, reason: str
    ) -> None:
        # Every path ends with the future resolved and _in_flight cleared, whatever is
        # raised (a BaseException from the endpoint or the hook included): a refresh left
        # unresolved would hang every later call.
        outcome: BaseException | None = None
        tokens: OAuthTokens | None = None
        try:
            tokens = self._fetch(refresh_token, stale)
            with self._lock:
                self._tokens = tokens
                self._received_at = time.time()
                self._unsaved = tokens if self.on_token_refresh is not None else None
            logger.info("OAuth access token refreshed (%s)", reason)
            self._save(tokens, blocking=True)
        except BaseException as exc:  # every waiter gets it, at once
            outcome = exc
        finally:
            with self._lock:
                # Cleared after the hook: callers joining meanwhile share its outcome.
                self._in_flight = None
            if outcome is None and tokens is not None:
                future.set_result(tokens)
            else:
                future.set_exception(outcome or OAuthError("the token refresh did not finish"))

    # -- the persistence hook --------------------------------------------------------

    def _save_unsaved(self) -> None:
        unsaved = self._unsaved
        if unsaved is not None:
            # Not blocking: if the hook is running elsewhere, its caller will hear of it.
            self._save(unsaved, blocking=False)

    def _save(self, tokens: OAuthTokens, blocking: bool) -> None:
        """Call the hook with `tokens` unless they are saved or superseded already."""
        hook = self.on_token_refresh
        if hook is None or not self._hook_lock.acquire(blocking=blocking):
            return
        try:
            if self._unsaved is not tokens:
                return
            try:
                hook(tokens)
            except BaseException as exc:  # CancelledError, SystemExit too: never unresolved
                raise OAuthError(
                    f"on_token_refresh raised {type(exc).__name__}: the refreshed tokens are"
                    " not stored; the session keeps them and calls the hook again on the"
                    " next request"
                ) from exc
            with self._lock:
                if self._unsaved is tokens:
                    self._unsaved = None
        finally:
            self._hook_lock.release()

    def close(self) -> None:
        self.client.close()
        if self._shared is not None:
            self._shared.close()
