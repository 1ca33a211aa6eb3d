"""What ConversationApi and AsyncConversationApi share: construction, request building,
response reading, the retry decision and logging. The two subclasses add only the
sending and the sleeping, which differ between sync and async.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, Unpack

import httpx

from ultracart_conversations._config import (
    DEFAULT_HTTPX_TIMEOUT,
    check_transport_security,
    enable_debugging,
    resolve_credentials,
    resolve_timeout,
    settings_from_env,
)
from ultracart_conversations._defaults import DEFAULT_BASE_URL, USER_AGENT
from ultracart_conversations._operations import (
    ApiResponse,
    Operation,
    connection_error,
    read_response,
)
from ultracart_conversations._options import ClientOptions, HttpClientT
from ultracart_conversations._redaction import logger as _logger
from ultracart_conversations._redaction import redact_headers, scrub_logs_of
from ultracart_conversations._retry import RetryPolicy, retry_wait
from ultracart_conversations.errors import APIConnectionError, ApiError
from ultracart_conversations.oauth import OAuthSession

if TYPE_CHECKING:
    from ultracart_conversations_api.client import AuthenticatedClient

T = TypeVar("T")


class _Default:
    """Marks an argument the caller did not give (None means "no timeout")."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT: Any = _Default()

# How much of a body a debug log shows.
_LOGGED_BODY_CHARS = 2000

# The generated AuthenticatedClient insists on a token; ours are applied per request.
_TOKEN_PLACEHOLDER = "(applied per request by ultracart_conversations)"  # noqa: S105


class BaseConversationApi(Generic[HttpClientT]):
    def __init__(
        self,
        simple_key: str | None = None,
        access_token: str | None = None,
        *,
        oauth: OAuthSession | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout | None = DEFAULT,
        max_retries: int | None = None,
        retry_policy: RetryPolicy | None = None,
        verify_ssl: bool = True,
        debugging: bool = False,
        http_client: HttpClientT | None = None,
    ) -> None:
        """Credentials: exactly one of `simple_key`, `access_token` (a fixed OAuth token)
        or `oauth` (an OAuthSession, refreshed as needed).

        `timeout`: seconds or an httpx.Timeout (default 30 s, 10 s to connect; None for
        none). `max_retries` (default 2) overrides `retry_policy.max_retries`.
        `http_client`: your own httpx client (proxies, limits...); it is used as is and
        never written into, and you close it. `verify_ssl=False` warns.
        `debugging=True` logs every request and response at DEBUG with credentials
        redacted (logger "ultracart_conversations").
        """
        if not isinstance(base_url, str):
            raise TypeError("base_url must be a str")
        self.base_url: str = base_url.rstrip("/")
        check_transport_security(self.base_url, verify_ssl)
        credentials = resolve_credentials(simple_key, access_token, oauth)
        self._auth = credentials.auth
        self._credential_kind = credentials.kind
        self._secrets = credentials.secrets
        scrub_logs_of(self._secrets)
        self.oauth = oauth
        policy = retry_policy or RetryPolicy()
        if max_retries is not None:
            policy = replace(policy, max_retries=max_retries)
        self.retry_policy = policy
        self._debugging = debugging
        if debugging:
            enable_debugging()
        if http_client is None:
            client_timeout = (
                DEFAULT_HTTPX_TIMEOUT if timeout is DEFAULT else resolve_timeout(timeout)
            )
            self._http: HttpClientT = self._new_http_client(client_timeout, verify_ssl)
            self._owns_http = True
        else:
            self._http = http_client
            self._owns_http = False
        # Per request: DEFAULT leaves the client's own timeout in force.
        self._timeout: Any = (
            httpx.USE_CLIENT_DEFAULT if timeout is DEFAULT else resolve_timeout(timeout)
        )
        self._generated: AuthenticatedClient | None = None

    @classmethod
    def new_using_api_key(
        cls,
        simple_key: str,
        verify_ssl: bool = True,
        debugging: bool = False,
        *,
        base_url: str = DEFAULT_BASE_URL,
    ) -> Self:
        """The seed's constructor: a client authenticated with a simple API key."""
        return cls(
            simple_key=simple_key, verify_ssl=verify_ssl, debugging=debugging, base_url=base_url
        )

    @classmethod
    def from_env(cls, **options: Unpack[ClientOptions[HttpClientT]]) -> Self:
        """A client configured from ULTRACART_SIMPLE_KEY or ULTRACART_ACCESS_TOKEN, and
        ULTRACART_BASE_URL if set; the constructor's keywords are passed on (and win)."""
        merged: ClientOptions[HttpClientT] = {**settings_from_env(), **options}  # type: ignore[typeddict-item]
        return cls(**merged)

    # httpx.Client or httpx.AsyncClient: what the subclass sends with.
    _http_client_class: type[HttpClientT]

    def _new_http_client(self, timeout: httpx.Timeout, verify_ssl: bool) -> HttpClientT:
        return self._http_client_class(
            base_url=self.base_url,
            auth=self._auth,
            timeout=timeout,
            verify=verify_ssl,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, "
            f"credential={self._credential_kind!r}, max_retries={self.retry_policy.max_retries})"
        )

    @property
    def http_client(self) -> HttpClientT:
        """The httpx client this API sends with."""
        return self._http

    @property
    def auth(self) -> httpx.Auth:
        """The credentials as an httpx.Auth, to use with your own httpx client."""
        return self._auth

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT,
        retry_policy: RetryPolicy | None = None,
    ) -> Self:
        """A view of this client with other retry/timeout settings, sharing its
        connections: `api.with_options(max_retries=0).get_conversation(uuid)`."""
        clone = copy.copy(self)
        clone._owns_http = False  # the original closes the shared client
        policy = retry_policy or self.retry_policy
        if max_retries is not None:
            policy = replace(policy, max_retries=max_retries)
        clone.retry_policy = policy
        if timeout is not DEFAULT:
            clone._timeout = resolve_timeout(timeout)
        return clone

    @property
    def generated_client(self) -> AuthenticatedClient:
        """The escape hatch: a generated-layer client for the functions in
        `ultracart_conversations_api.api.conversation`, sending through this API's
        httpx client (when you passed your own, through yours, as configured)."""
        if self._generated is None:
            from ultracart_conversations_api.client import AuthenticatedClient

            generated = AuthenticatedClient(base_url=self.base_url, token=_TOKEN_PLACEHOLDER)
            self._attach(generated)
            self._generated = generated
        return self._generated

    def _attach(self, generated: AuthenticatedClient) -> None:
        raise NotImplementedError

    # --- one call, shared by sync and async --------------------------------------------

    def _build(self, kwargs: dict[str, Any]) -> httpx.Request:
        """The request for the generated `_get_kwargs` output (a fresh dict per call)."""
        headers = kwargs["headers"]
        headers["Accept"] = "application/json"
        headers["User-Agent"] = USER_AGENT
        return self._http.build_request(
            kwargs["method"],
            self.base_url + kwargs["url"],
            params=kwargs.get("params"),
            json=kwargs.get("json"),
            headers=headers,
            timeout=self._timeout,
        )

    def _read(self, operation: Operation[T], response: httpx.Response) -> ApiResponse[T]:
        if _logger.isEnabledFor(logging.DEBUG):
            self._log_exchange(response)
        return read_response(operation, response, self._secrets)

    def _transport_error(self, exc: httpx.HTTPError, request: httpx.Request) -> APIConnectionError:
        return connection_error(exc, request, self._secrets)

    def _retry_wait(
        self, operation: Operation[Any], error: ApiError, retries_done: int
    ) -> float | None:
        """Seconds to wait before retrying, or None to raise `error`; logs the decision."""
        policy = self.retry_policy
        wait = retry_wait(policy, error, idempotent=operation.idempotent, retries_done=retries_done)
        what = f"HTTP {error.status}" if error.status is not None else type(error).__name__
        if wait is not None:
            _logger.info(
                "%s failed (%s); retry %d of %d in %.3f s",
                operation.operation_id,
                what,
                retries_done + 1,
                policy.max_retries,
                wait,
            )
        elif retries_done or _logger.isEnabledFor(logging.DEBUG):
            _logger.debug(
                "%s failed (%s); not retried after %d retries",
                operation.operation_id,
                what,
                retries_done,
            )
        return wait

    def _log_exchange(self, response: httpx.Response) -> None:
        request = response.request
        scrub = self._secrets.scrub
        _logger.debug(
            "%s %s -> %d %s",
            request.method,
            scrub(str(request.url)),
            response.status_code,
            response.reason_phrase,
        )
        if not self._debugging:
            return
        # request.headers now include the credential the auth added: redact, then scrub
        # in case a value elsewhere repeats it.
        _logger.debug(
            "request headers: %s", scrub(str(redact_headers(request.headers.multi_items())))
        )
        if request.content:
            body = request.content[:_LOGGED_BODY_CHARS].decode("utf-8", "replace")
            _logger.debug("request body: %s", scrub(body))
        _logger.debug(
            "response headers: %s", scrub(str(redact_headers(response.headers.multi_items())))
        )
        text = response.content[:_LOGGED_BODY_CHARS].decode("utf-8", "replace")
        _logger.debug("response body: %s", scrub(text))
