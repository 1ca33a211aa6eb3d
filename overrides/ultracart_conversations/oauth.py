"""OAuth 2 (authorization code flow) for UltraCart.

    oauth = OAuthClient(client_id, client_secret, redirect_uri="https://app.example/cb")
    url, state = oauth.authorization_url()          # send the user there; keep `state`
    tokens = oauth.exchange_code(code_from_redirect)  # after checking the returned state
    session = OAuthSession(oauth, tokens, on_token_refresh=save_tokens)
    with ConversationApi(oauth=session) as api: ...

An OAuthSession refreshes the access token shortly before it expires and once when the
API answers 401, and calls `on_token_refresh` with the new tokens so they can be stored.
No token or secret appears in any repr, log line or exception message.
"""

from __future__ import annotations

import json
import secrets as _random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import httpx

from ultracart_conversations._defaults import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, USER_AGENT
from ultracart_conversations._redaction import REDACTED, Secrets, logger, scrub_logs_of
from ultracart_conversations.errors import InvalidRequestError, OAuthError

if TYPE_CHECKING:
    import asyncio

__all__ = ["DEFAULT_SCOPES", "OAuthClient", "OAuthSession", "OAuthTokens"]

DEFAULT_SCOPES = ("conversation_read", "conversation_write")


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
        if not isinstance(access_token, str) or not access_token:
            raise InvalidRequestError("access_token must be a non-empty str")
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
        document = json.loads(response.content) if response.content else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        document = None
    status = response.status_code
    if status != 200 or not isinstance(document, dict):
        code = document.get("error") if isinstance(document, dict) else None
        description = document.get("error_description") if isinstance(document, dict) else None
        detail = ": ".join(str(part) for part in (code, description) if part)
        message = f"token endpoint answered HTTP {status}" + (f": {detail}" if detail else "")
        error = OAuthError(
            secrets.scrub(f"{message} ({method} {url})"),
            status=status,
            headers=dict(response.headers.items()),
            body=response.content,
            method=method,
            url=url,
        )
        error.error = str(code) if code else None
        raise error
    access_token = document.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise OAuthError(
            f"token endpoint answered without an access_token ({method} {url})",
            status=status,
            method=method,
            url=url,
        )
    expires_in = document.get("expires_in")
    expires_at = None
    if isinstance(expires_in, int | float) and not isinstance(expires_in, bool):
        expires_at = time.time() + float(expires_in)
    refresh_token = document.get("refresh_token")
    if not isinstance(refresh_token, str) or not refresh_token:
        # RFC 6749 6: the server may keep the old refresh token valid and not send one.
        refresh_token = previous_refresh_token
    secrets.add(access_token, refresh_token)
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
        from ultracart_conversations._config import check_transport_security

        self.base_url: str = base_url.rstrip("/")
        check_transport_security(self.base_url, verify_ssl)
        self.client_id = client_id
        self._client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.scopes: tuple[str, ...] = tuple(scopes)
        self.secrets: Secrets = Secrets(client_secret)
        scrub_logs_of(self.secrets)
        self._timeout = timeout
        self._verify = verify_ssl
        self._http: httpx.Client | None = None
        self._async_http: httpx.AsyncClient | None = None

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
        state = state or _random.token_urlsafe(24)
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
        self.secrets.add(code)
        return {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
        }

    def _refresh_grant(self, refresh_token: str | None) -> dict[str, str]:
        if not isinstance(refresh_token, str) or not refresh_token:
            raise InvalidRequestError("refresh_token must be a non-empty str")
        self.secrets.add(refresh_token)
        return {"grant_type": "refresh_token", "refresh_token": refresh_token}

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(
                timeout=self._timeout, verify=self._verify, headers={"User-Agent": USER_AGENT}
            )
        return self._http

    def _async_client(self) -> httpx.AsyncClient:
        if self._async_http is None:
            self._async_http = httpx.AsyncClient(
                timeout=self._timeout, verify=self._verify, headers={"User-Agent": USER_AGENT}
            )
        return self._async_http

    def _post(self, grant: dict[str, str], previous_refresh: str | None) -> OAuthTokens:
        from ultracart_conversations._operations import connection_error

        request = self._client().build_request(
            "POST",
            self.token_endpoint,
            data=self._form(grant),
            headers={"Accept": "application/json"},
        )
        logger.debug("OAuth %s grant: POST %s", grant["grant_type"], self.token_endpoint)
        try:
            response = self._client().send(request)
        except httpx.HTTPError as exc:
            raise connection_error(exc, request, self.secrets) from None
        return _tokens_from_response(response, self.secrets, previous_refresh)

    async def _apost(self, grant: dict[str, str], previous_refresh: str | None) -> OAuthTokens:
        from ultracart_conversations._operations import connection_error

        client = self._async_client()
        request = client.build_request(
            "POST",
            self.token_endpoint,
            data=self._form(grant),
            headers={"Accept": "application/json"},
        )
        logger.debug("OAuth %s grant: POST %s", grant["grant_type"], self.token_endpoint)
        try:
            response = await client.send(request)
        except httpx.HTTPError as exc:
            raise connection_error(exc, request, self.secrets) from None
        return _tokens_from_response(response, self.secrets, previous_refresh)

    def exchange_code(self, code: str) -> OAuthTokens:
        """Trade the code from the redirect for tokens."""
        return self._post(self._code_grant(code), None)

    async def async_exchange_code(self, code: str) -> OAuthTokens:
        return await self._apost(self._code_grant(code), None)

    def refresh(self, refresh_token: str) -> OAuthTokens:
        """New tokens for a refresh token (the old refresh token is kept if no new one)."""
        return self._post(self._refresh_grant(refresh_token), refresh_token)

    async def async_refresh(self, refresh_token: str) -> OAuthTokens:
        return await self._apost(self._refresh_grant(refresh_token), refresh_token)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    async def aclose(self) -> None:
        self.close()
        if self._async_http is not None:
            await self._async_http.aclose()
            self._async_http = None


TokenCallback = Callable[[OAuthTokens], None]


class OAuthSession:
    """The current tokens of one authorization, kept fresh.

    Refreshes `refresh_margin` seconds before expiry and once on a 401 (see
    ConversationApi). Concurrent callers share one refresh. `on_token_refresh` is called
    with the new tokens after each refresh (store them: the old refresh token may no
    longer work); an exception it raises propagates to the call that refreshed.
    """

    def __init__(
        self,
        client: OAuthClient,
        tokens: OAuthTokens,
        *,
        on_token_refresh: TokenCallback | None = None,
        refresh_margin: float = 60.0,
    ) -> None:
        if not isinstance(tokens, OAuthTokens):
            raise InvalidRequestError("tokens must be OAuthTokens")
        self.client = client
        self._tokens = tokens
        self.on_token_refresh = on_token_refresh
        self.refresh_margin = refresh_margin
        self.secrets: Secrets = client.secrets
        self.secrets.add(tokens.access_token, tokens.refresh_token)
        self._lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None

    def __repr__(self) -> str:
        return f"OAuthSession(client={self.client!r}, tokens={self._tokens!r})"

    @property
    def tokens(self) -> OAuthTokens:
        return self._tokens

    @property
    def can_refresh(self) -> bool:
        return bool(self._tokens.refresh_token)

    def needs_refresh(self) -> bool:
        return self.can_refresh and self._tokens.expires_within(self.refresh_margin)

    def _store(self, tokens: OAuthTokens, reason: str) -> None:
        self._tokens = tokens
        logger.info("OAuth access token refreshed (%s)", reason)
        if self.on_token_refresh is not None:
            self.on_token_refresh(tokens)

    def refresh(self, stale_access_token: str | None = None, reason: str = "requested") -> str:
        """Refresh unless another caller already replaced `stale_access_token`; returns
        the access token to use."""
        with self._lock:
            current = self._tokens
            if stale_access_token is not None and current.access_token != stale_access_token:
                return current.access_token
            if not current.refresh_token:
                raise InvalidRequestError("these tokens have no refresh_token")
            self._store(self.client.refresh(current.refresh_token), reason)
            return self._tokens.access_token

    async def async_refresh(
        self, stale_access_token: str | None = None, reason: str = "requested"
    ) -> str:
        if self._async_lock is None:
            # Imported here: the sync client loads this module too, and asyncio alone
            # costs about as much import time as the rest of the package.
            import asyncio

            self._async_lock = asyncio.Lock()
        async with self._async_lock:
            current = self._tokens
            if stale_access_token is not None and current.access_token != stale_access_token:
                return current.access_token
            if not current.refresh_token:
                raise InvalidRequestError("these tokens have no refresh_token")
            self._store(await self.client.async_refresh(current.refresh_token), reason)
            return self._tokens.access_token

    def close(self) -> None:
        self.client.close()
