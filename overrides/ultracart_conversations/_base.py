"""What ConversationApi and AsyncConversationApi share: construction, request building,
response reading, the retry decision and logging. The two subclasses add only the
sending and the sleeping, which differ between sync and async.
"""

from __future__ import annotations

import copy
import logging
import time
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, Self, TypeVar, Unpack

import httpx

from ultracart_conversations._body import ACCEPT_ENCODING, BodyTooLarge
from ultracart_conversations._config import (
    DEFAULT_HTTPX_TIMEOUT,
    enable_debugging,
    resolve_attempt_timeout,
    resolve_credentials,
    resolve_max_response_bytes,
    resolve_timeout,
    settings_from_env,
)
from ultracart_conversations._deadline import attempt_seconds
from ultracart_conversations._defaults import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_BYTES,
    USER_AGENT,
)
from ultracart_conversations._operation import ApiResponse, Operation
from ultracart_conversations._options import ClientOptions, HttpClientT
from ultracart_conversations._ratelimit import RateLimiter, Slot
from ultracart_conversations._redaction import logger as _logger
from ultracart_conversations._redaction import redact_fields, redact_headers, scrub_logs_of
from ultracart_conversations._request import (
    MAX_URL_LENGTH,
    request_content,
    request_headers,
    request_target,
)
from ultracart_conversations._response import connection_error, read_response
from ultracart_conversations._retry import (
    RetryPolicy,
    parse_retry_after,
    rate_limited_wait,
    retry_wait,
)
from ultracart_conversations._shared_url import shared_url_from_env
from ultracart_conversations._urls import check_transport_security, no_cookies
from ultracart_conversations.errors import (
    APIConnectionError,
    ApiError,
    APITimeoutError,
    ClientClosedError,
    DeadlineExceededError,
    InvalidRequestError,
    RateLimitError,
    ResponseTooLargeError,
)
from ultracart_conversations.oauth import OAuthSession
from ultracart_conversations_api.operations import SENSITIVE_FIELDS

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


class _Attempts:
    """One call's retries so far: other failures, and 429s (counted apart)."""

    __slots__ = ("retries", "throttled", "throttled_wait")

    def __init__(self) -> None:
        self.retries = 0
        self.throttled = 0
        self.throttled_wait = 0.0


class BaseConversationApi(Generic[HttpClientT]):
    # An absolute time (the limiter's clock) past which calls give up; set on the view
    # a bulk read sends through.
    _deadline_at: float | None = None

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
        attempt_timeout: float | None = DEFAULT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        rate_limiter: RateLimiter | Literal[False] | None = None,
        strict: bool = False,
    ) -> None:
        """Credentials: exactly one of `simple_key`, `access_token` (a fixed OAuth token)
        or `oauth` (an OAuthSession, refreshed as needed).

        `timeout`: seconds or an httpx.Timeout (default 30 s, 10 s to connect; None for
        none). `max_retries` (default 2) overrides `retry_policy.max_retries`.
        `http_client`: your own httpx client (proxies, limits...); it is used as is and
        never written into, and you close it. `verify_ssl=False` warns.
        `debugging=True` logs every request and response at DEBUG with credentials
        redacted (logger "ultracart_conversations").
        `attempt_timeout`: seconds one attempt may take in all (connect, send, headers
        and whole body); default connect + write + read of `timeout` (70 s), None for
        no deadline. `max_response_bytes`: the largest body read, decompressed (64 MiB).
        `rate_limiter`: the gate every send goes through (default: a RateLimiter() of
        this client's own, one request at a time); pass one to several clients to
        share it, or False for none (429s are then retried within max_retries).
        `strict=True`: a response value of another type than documented fails the call
        (ResponseValidationError) instead of being read leniently and reported
        (docs/lenient-reading.md); for tests and CI.
        """
        if not isinstance(base_url, str):
            raise TypeError("base_url must be a str")
        self.base_url: str = base_url.rstrip("/")
        check_transport_security(self.base_url, verify_ssl)
        self._max_response_bytes = resolve_max_response_bytes(max_response_bytes)
        credentials = resolve_credentials(simple_key, access_token, oauth)
        self._auth = credentials.auth
        self._credential_kind = credentials.kind
        self._secrets = credentials.secrets
        scrub_logs_of(self._secrets)
        self.oauth = oauth
        policy = retry_policy or RetryPolicy()
        if max_retries is not None:
            policy = policy.replace(max_retries=max_retries)
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
        self._attempt_timeout_option = attempt_timeout
        self._attempt_seconds = self._resolve_attempt_seconds()
        self._generated: AuthenticatedClient | None = None
        self._limiter = _resolve_limiter(rate_limiter)
        self._strict = _resolve_strict(strict)
        # Sent on every request, also through an http_client of yours.
        # Accept-Encoding: only the codings the bounded reader (_body) can decode.
        self._request_headers = {
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,
            "User-Agent": USER_AGENT,
        }

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
        ULTRACART_BASE_URL if set; the constructor's keywords are passed on (and win).
        ULTRACART_SHARED_STATE (a store URL) makes its rate limiter one shared by every
        process with the same setting (unless rate_limiter= is given)."""
        merged: ClientOptions[HttpClientT] = {**settings_from_env(), **options}  # type: ignore[typeddict-item]
        shared = shared_url_from_env()
        if shared is not None and "rate_limiter" not in options:
            merged["rate_limiter"] = RateLimiter(shared=shared)
        return cls(**merged)

    def _resolve_attempt_seconds(self) -> float | None:
        option = self._attempt_timeout_option
        if option is not DEFAULT:
            return resolve_attempt_timeout(option)
        timeout = self._timeout
        return attempt_seconds(
            self._http.timeout if timeout is httpx.USE_CLIENT_DEFAULT else timeout
        )

    # httpx.Client or httpx.AsyncClient: what the subclass sends with.
    _http_client_class: type[HttpClientT]

    def _new_http_client(self, timeout: httpx.Timeout, verify_ssl: bool) -> HttpClientT:
        return self._http_client_class(
            base_url=self.base_url,
            auth=self._auth,
            timeout=timeout,
            verify=verify_ssl,
            cookies=no_cookies(),
            headers={
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
                "User-Agent": USER_AGENT,
            },
        )

    def __del__(self) -> None:
        # Collected while its own connections were still open: say so, as an unclosed file
        # does (a ResourceWarning, shown under -W error, pytest and -X dev), and release
        # what can be released without an event loop. Closed clients stay silent.
        if not getattr(self, "_owns_http", False) or self._http.is_closed:
            return
        try:
            warnings.warn(
                f"{type(self).__name__} was not closed: use `with` (`async with`) or close()",
                ResourceWarning,
                source=self,
                stacklevel=2,
            )
        finally:
            self._close_collected()

    def _close_collected(self) -> None:
        """Release the connections of a client collected unclosed (the sync one can)."""

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
    def rate_limiter(self) -> RateLimiter | None:
        """The gate this client sends through (`.stats()`), or None if turned off."""
        return self._limiter

    @property
    def auth(self) -> httpx.Auth:
        """The credentials as an httpx.Auth, to use with your own httpx client. Leave
        that client's follow_redirects off: httpx strips only Authorization when a
        redirect leaves the origin, not the simple key header."""
        return self._auth

    def with_options(
        self,
        *,
        max_retries: int | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT,
        retry_policy: RetryPolicy | None = None,
        attempt_timeout: float | None = DEFAULT,
        rate_limiter: RateLimiter | Literal[False] | None = None,
        strict: bool | None = None,
    ) -> Self:
        """A view of this client with other retry/timeout settings (or strictness),
        sharing its connections (and its rate limiter, unless given another one):
        `api.with_options(max_retries=0).<operation>(...)`."""
        clone = copy.copy(self)
        clone._owns_http = False  # the original closes the shared client
        policy = retry_policy or self.retry_policy
        if max_retries is not None:
            policy = policy.replace(max_retries=max_retries)
        clone.retry_policy = policy
        if timeout is not DEFAULT:
            clone._timeout = resolve_timeout(timeout)
        if attempt_timeout is not DEFAULT:
            clone._attempt_timeout_option = attempt_timeout
        clone._attempt_seconds = clone._resolve_attempt_seconds()
        if rate_limiter is not None:
            clone._limiter = _resolve_limiter(rate_limiter)
        if strict is not None:
            clone._strict = _resolve_strict(strict)
        return clone

    def _now(self) -> float:
        return time.monotonic() if self._limiter is None else self._limiter.clock.now()

    def _with_deadline(self, seconds: float | None) -> Self:
        """The view a bulk read sends through: every call gives up `seconds` from now."""
        if seconds is None:
            return self
        clone = copy.copy(self)
        clone._owns_http = False
        clone._deadline_at = self._now() + seconds
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

    def _build(
        self, operation: Operation[Any], arguments: Mapping[str, Any], body: object
    ) -> httpx.Request:
        """The request for one call, after checking its arguments against the spec."""
        target = request_target(operation, arguments)
        headers = {**self._request_headers, **request_headers(operation, arguments)}
        content = request_content(operation, body)
        if content is not None:
            headers["Content-Type"] = "application/json"
        url = self.base_url + target
        if len(url) > MAX_URL_LENGTH:
            raise InvalidRequestError(
                f"the request URL would be {len(url)} characters long (at most {MAX_URL_LENGTH})"
            )
        http = self._http
        if not self._owns_http or http.cookies or http.params:
            # Your client (its build_request may be yours too), or cookies or query
            # parameters set on the client to merge.
            try:
                return http.build_request(
                    operation.method, url, headers=headers, content=content, timeout=self._timeout
                )
            except UnicodeEncodeError:
                # A header or cookie of your http_client (a cookie a server set in its
                # jar) that is not ASCII: httpx cannot send it.
                raise InvalidRequestError(
                    "the request cannot be built: a header or cookie of the http_client "
                    "is not ASCII"
                ) from None
        # Our own client: what build_request would do, minus parsing the absolute URL a
        # second time to merge it with the base URL (about 20 µs a call).
        merged = httpx.Headers(http.headers)
        merged.update(headers)
        timeout = http.timeout if self._timeout is httpx.USE_CLIENT_DEFAULT else self._timeout
        return httpx.Request(
            operation.method,
            url,
            headers=merged,
            content=content,
            extensions={"timeout": timeout.as_dict()},
        )

    # --- one attempt's limits, shared by the sync and async _receive ----------------------

    def _check_open(self, request: httpx.Request) -> None:
        if self._http.is_closed:
            raise ClientClosedError(
                f"this client is closed; create a new one ({request.method} {request.url})",
                method=request.method,
                url=str(request.url),
            )

    def _attempt_limit(self) -> tuple[float | None, bool]:
        """Seconds this attempt may take: attempt_timeout, or less when the deadline of
        the bulk read it belongs to comes first (then True: that deadline cut it)."""
        seconds = self._attempt_seconds
        if self._deadline_at is None:
            return seconds, False
        left = max(0.0, self._deadline_at - self._now())
        if seconds is None or left < seconds:
            return left, True
        return seconds, False

    def _expired(self, request: httpx.Request, cut_by_deadline: bool) -> ApiError:
        """The error for an attempt whose time ran out (the whole response not in)."""
        method, url = request.method, str(request.url)
        if cut_by_deadline:
            error: ApiError = DeadlineExceededError(
                f"the deadline passed while waiting for the response ({method} {url})",
                method=method,
                url=url,
            )
        else:
            error = APITimeoutError(
                f"no complete response within the {self._attempt_seconds:g} s "
                f"attempt_timeout ({method} {url})",
                method=method,
                url=url,
            )
            error.request_sent = True
        return error

    def _too_large(self, request: httpx.Request, exc: BodyTooLarge) -> ResponseTooLargeError:
        """The error for a body that passed max_response_bytes (reading stopped there)."""
        method, url = request.method, str(request.url)
        response = exc.response
        status = None if response is None else response.status_code
        headers = {} if response is None else {k.lower(): v for k, v in response.headers.items()}
        return ResponseTooLargeError(
            f"HTTP {status}: the response body is larger than max_response_bytes "
            f"({self._max_response_bytes} bytes, decompressed, in any content coding); "
            f"reading stopped ({method} {url})",
            status=status,
            headers=headers,
            method=method,
            url=url,
        )

    def _read(self, operation: Operation[T], response: httpx.Response) -> ApiResponse[T]:
        if _logger.isEnabledFor(logging.DEBUG):
            self._log_exchange(response)
        return read_response(operation, response, self._secrets, self._strict)

    def _transport_error(self, exc: httpx.HTTPError, request: httpx.Request) -> APIConnectionError:
        return connection_error(exc, request, self._secrets)

    def _released(self, slot: Slot | None, response: httpx.Response | None) -> None:
        """Hand the limiter back its permit, with what the server said about the pace.
        The permit goes back whatever reading the headers raises."""
        if slot is None:
            return
        status = retry_after = uc_rest_error = None
        try:
            if response is not None:
                headers = response.headers
                status = response.status_code
                uc_rest_error = headers.get("uc-rest-error")
                retry_after = parse_retry_after(headers.get("retry-after"))
        except Exception:  # an unreadable header tells the gate nothing
            retry_after = None
        finally:
            slot.release(status, retry_after, uc_rest_error)

    def _retry_wait(
        self, operation: Operation[Any], error: ApiError, attempts: _Attempts
    ) -> float | None:
        """Seconds to wait before retrying, or None to raise `error`; logs the decision.
        Raises DeadlineExceededError when the wait would pass this view's deadline."""
        policy = self.retry_policy
        what = f"HTTP {error.status}" if error.status is not None else type(error).__name__
        if isinstance(error, RateLimitError) and self._limiter is not None:
            wait = rate_limited_wait(
                policy, error, throttled=attempts.throttled, waited=attempts.throttled_wait
            )
            if wait is not None:
                attempts.throttled += 1
                attempts.throttled_wait += wait
                _logger.info(
                    "%s rate limited (%s, request id %s); sent again in %.3f s",
                    operation.operation_id,
                    what,
                    error.request_id,
                    wait,
                )
        else:
            wait = retry_wait(
                policy, error, idempotent=operation.idempotent, retries_done=attempts.retries
            )
            if wait is not None:
                attempts.retries += 1
                _logger.info(
                    "%s failed (%s); retry %d of %d in %.3f s",
                    operation.operation_id,
                    what,
                    attempts.retries,
                    policy.max_retries,
                    wait,
                )
        if wait is None:
            if attempts.retries or attempts.throttled or _logger.isEnabledFor(logging.DEBUG):
                _logger.debug(
                    "%s failed (%s); not retried after %d retries",
                    operation.operation_id,
                    what,
                    attempts.retries + attempts.throttled,
                )
            return None
        if self._deadline_at is not None and self._now() + wait > self._deadline_at:
            raise DeadlineExceededError(
                f"{operation.operation_id}: the retry after {what} would pass the deadline",
                status=error.status,
                headers=error.headers,
                method=error.method,
                url=error.url,
            ) from error
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
            body = redact_fields(request.content.decode("utf-8", "replace"), SENSITIVE_FIELDS)
            _logger.debug("request body: %s", scrub(body, _LOGGED_BODY_CHARS))
        _logger.debug(
            "response headers: %s", scrub(str(redact_headers(response.headers.multi_items())))
        )
        # Fields the spec marks x-sensitive (a websocket JWT...) are blanked before the
        # body is cut to length, so that a cut cannot leave half a token.
        text = redact_fields(response.content.decode("utf-8", "replace"), SENSITIVE_FIELDS)
        _logger.debug("response body: %s", scrub(text, _LOGGED_BODY_CHARS))


def _resolve_strict(strict: object) -> bool:
    if not isinstance(strict, bool):
        raise TypeError("strict must be True or False")
    return strict


def _resolve_limiter(given: RateLimiter | Literal[False] | None) -> RateLimiter | None:
    if given is None:
        return RateLimiter()
    if given is False:
        return None
    if not isinstance(given, RateLimiter):
        raise TypeError("rate_limiter must be a RateLimiter, or False for none")
    return given
