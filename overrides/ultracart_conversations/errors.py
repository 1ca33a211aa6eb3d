"""The exceptions the client raises.

    ApiError                      every failure of a call that went (or tried to go) out
    ├── BadRequestError           400
    ├── AuthenticationError       401
    ├── NotFoundError             404
    ├── ApplicationDisabledError  410
    ├── RateLimitError            429 (.retry_after), or a rate-limit wait too long to sit out
    ├── DeadlineExceededError     a bulk read ran out of its deadline (.items, .next_offset)
    ├── ServerError               5xx (any status from 500 to 599)
    ├── ResponseValidationError   a response the client could not make sense of
    │   └── ResponseTooLargeError a body larger than max_response_bytes (decompressed)
    ├── UnsuccessfulResponseError a 2xx whose body says `"success": false`
    ├── ClientClosedError         a call on a client that was closed
    ├── OAuthError                the OAuth token endpoint refused
    ├── SharedStateError          the store of a shared gate or grant (SQLite, Redis) failed
    └── APIConnectionError        no HTTP response at all (refused, reset, dropped)
        └── APITimeoutError       no response in time

    InvalidRequestError(ValueError)  bad input, refused before anything is sent
    InvalidDateError(ValueError)     a *_dts string parse_dts cannot read
    InsecureTransportWarning         (a warning) TLS verification off, or plain HTTP
    ConcurrencyLimitedWarning        (a warning) more concurrency asked than the gate allows

Messages never contain credentials: they are built from the server's UC-REST-ERROR
header or developer message, with every credential the client knows scrubbed out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: importing the errors loads no model
    from ultracart_conversations_api.models import ErrorResponse

__all__ = [
    "APIConnectionError",
    "APITimeoutError",
    "ApiError",
    "ApplicationDisabledError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConcurrencyLimitedWarning",
    "DeadlineExceededError",
    "InsecureTransportWarning",
    "InvalidDateError",
    "InvalidRequestError",
    "NotFoundError",
    "OAuthError",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ServerError",
    "SharedStateError",
    "UnsuccessfulResponseError",
]


class ApiError(Exception):
    """A call failed. The base of every error the client raises for an HTTP failure.

    Attributes:
        status: the HTTP status code, or None when no response arrived.
        headers: the response headers, names lower-cased (empty without a response).
        body: the raw response body.
        error_response: the body parsed as UltraCart's ErrorResponse, when it was one.
        body_model: the body parsed as the model openapi.yaml documents for this status
            of this operation (a 409's own schema, say; ErrorResponse for the usual
            errors), or None when it documents none or the body is not one.
        method, url: the request that failed (the URL carries no credentials).
    """

    body_model: object | None = None

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
        error_response: ErrorResponse | None = None,
        method: str = "",
        url: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.headers: dict[str, str] = {k.lower(): v for k, v in (headers or {}).items()}
        self.body = body
        self.error_response = error_response
        self.method = method
        self.url = url

    # The seed's Ruby ApiError calls these `code` and `response_body`.
    @property
    def code(self) -> int | None:
        return self.status

    @property
    def response_body(self) -> bytes:
        return self.body

    @property
    def request_id(self) -> str | None:
        """UltraCart's X-UltraCart-Request-Id for this answer (quote it to UltraCart)."""
        return self.headers.get("x-ultracart-request-id")

    @property
    def uc_rest_error(self) -> str | None:
        """The server's UC-REST-ERROR header, its one-line reason."""
        return self.headers.get("uc-rest-error")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, message={self.message!r})"


class BadRequestError(ApiError):
    """400: the server refused the request input."""


class AuthenticationError(ApiError):
    """401: the credentials were refused (after one token refresh, with OAuth)."""


class NotFoundError(ApiError):
    """404: no conversation with that uuid."""


class ApplicationDisabledError(ApiError):
    """410: UltraCart has disabled your authorized application."""


class RateLimitError(ApiError):
    """429: too many calls. `retry_after` is the wait the server asked for, in seconds
    (from its Retry-After header, seconds or an HTTP date), or None if it gave none;
    `request_id` and `uc_rest_error` come from the answer. Also raised, with no status,
    when the client's own rate limiter would hold a request longer than it may wait."""

    retry_after: float | None = None


class DeadlineExceededError(ApiError):
    """A read did not finish within the deadline it was given. For iter_conversations,
    `items` is how many summaries were yielded and `next_offset` where the next page
    would have started (None when raised by a single call)."""

    items: int | None = None
    next_offset: int | None = None


class ServerError(ApiError):
    """5xx: a server-side failure."""


class ResponseValidationError(ApiError):
    """The response could not be read: not JSON, not the documented shape, odd status."""


class UnsuccessfulResponseError(ApiError):
    """A 2xx answer whose body says `"success": false`: UltraCart reports the failure in
    the envelope (`error_response.error` says what), so there is no result to return."""


class ResponseTooLargeError(ResponseValidationError):
    """The response body (counted decompressed, as it streams in) exceeded the client's
    `max_response_bytes`; reading stopped there. `body` is empty."""


class ClientClosedError(ApiError):
    """The client was closed (`close()`, `aclose()` or its `with` block ended) before
    this call, or (async) its connections belong to another event loop than the one
    calling (a second asyncio.run()); nothing was sent. Not retried."""


class OAuthError(ApiError):
    """The OAuth token endpoint refused a grant (`error` is RFC 6749's error code, such
    as "invalid_grant", when the endpoint sent one)."""

    error: str | None = None


class APIConnectionError(ApiError):
    """No HTTP response: the connection failed, was reset, or was closed early.

    `request_sent` is False when the request certainly never reached the server
    (connection refused, connect timeout), which makes any call safe to retry.
    """

    request_sent: bool = True


class APITimeoutError(APIConnectionError):
    """No response within the timeout: one read took too long, or the whole attempt
    (connect, send, headers and body) outlasted the client's `attempt_timeout`."""


class InvalidRequestError(ValueError):
    """Bad input, refused before anything was sent; the message says what is wrong."""


class InvalidDateError(ValueError):
    """A date/time string that cannot be read as one."""


class InsecureTransportWarning(UserWarning):
    """TLS verification is off, or the base URL is plain HTTP to another machine."""


class SharedStateError(ApiError):
    """The store behind `shared=` (a SQLite file, a Redis server) could not be reached or
    used: at start (wrong URL, server down) or mid-run (connection lost). The call was not
    sent. The message names the store without its password."""


class ConcurrencyLimitedWarning(UserWarning):
    """A call asked for more requests in flight (`concurrency=`) than the client's rate
    limiter lets through: it works, but only as many at once as the limiter allows.
    Give the client `RateLimiter(concurrency=N)`, or ask for less."""
