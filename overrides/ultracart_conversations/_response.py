"""Reading a response: the result of a call, or the typed ApiError for its failure.

Responses are read here with the generated models' `from_dict` (which checks every
field's type) rather than by the generated endpoint modules' `_parse_response`: that one
lets JSONDecodeError, RecursionError or TypeError escape, returns None for an
undocumented status, and parses error bodies as if they were always ErrorResponse JSON.
Here every failure becomes a typed ApiError. Which model reads which status comes from
the operation's descriptor. The models read leniently (see _reading.py): a value of
another type is reported, not fatal, unless the client is strict.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ultracart_conversations import _json
from ultracart_conversations._fast import read_fast
from ultracart_conversations._operation import ApiResponse, Operation, model_class
from ultracart_conversations._reading import ModelBase, ReadProblem, problems_of
from ultracart_conversations._redaction import Secrets, logger
from ultracart_conversations._retry import parse_retry_after
from ultracart_conversations.errors import (
    APIConnectionError,
    ApiError,
    APITimeoutError,
    ApplicationDisabledError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    UnsuccessfulResponseError,
)

if TYPE_CHECKING:
    from ultracart_conversations_api.models import ErrorResponse

T = TypeVar("T")

# Exceptions a generated from_dict raises on a body of the wrong shape.
_SHAPE_ERRORS = (TypeError, ValueError, KeyError, AttributeError)

# UltraCart's error shape, from the generated models (imported at the first error).
_MODELS = "ultracart_conversations_api.models"

# How much of what a server said goes into a message (scrubbed first, then cut).
_DETAIL_CHARS = 500

# json.loads raises RecursionError (not a ValueError) past ~1,000 levels of nesting.
_UNDECODABLE = (ValueError, UnicodeDecodeError, RecursionError)


def _lower_headers(response: httpx.Response) -> dict[str, str]:
    return {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in response.headers.raw
    }


def _where(response: httpx.Response) -> tuple[str, str]:
    request = response.request
    return request.method, str(request.url)


def read_response(
    operation: Operation[T], response: httpx.Response, secrets: Secrets, strict: bool = False
) -> ApiResponse[T]:
    """The result of a call, or the ApiError subclass for its failure. `strict`: a value
    of another type than documented fails the call instead of being reported."""
    status = response.status_code
    if not 200 <= status < 300:
        raise error_from_response(response, secrets, operation)
    content = response.content
    model = operation.model_for(status)
    if model is None:
        return ApiResponse(None, status, _lower_headers(response), content)  # type: ignore[arg-type]
    data = read_fast(model, content)
    problems: tuple[ReadProblem, ...] = ()
    if data is None:  # not for the fast reader: the generic one decides (_fast.py)
        data = _read_generic(operation, model, response, secrets)
        problems = problems_of(data)
        if problems:
            if strict:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise _invalid(
                    response,
                    secrets,
                    f"the body does not match the {operation.operation_id} model: "
                    f"{problems[0]}{more}",
                )
            _log_problems(operation.operation_id, problems, secrets)
    if getattr(data, "success", None) is False:
        # UltraCart's envelope says the call failed, whatever the status: a page that
        # would read as empty, a conversation that would read as blank.
        raise _unsuccessful(response, secrets)
    _log_warning(operation.operation_id, getattr(data, "warning", None), secrets)
    return ApiResponse(data, status, _lower_headers(response), content)


def _read_generic(
    operation: Operation[T], model: type[T], response: httpx.Response, secrets: Secrets
) -> T:
    """The body decoded to dicts and read by the model's (lenient) from_dict."""
    try:
        document = _json.loads(response.content)
    except _UNDECODABLE as exc:
        raise _invalid(response, secrets, "the response body is not JSON") from exc
    if not isinstance(document, dict):
        kind = "null" if document is None else type(document).__name__
        raise _invalid(response, secrets, f"expected a JSON object, got {kind}")
    try:
        data: T = model.from_dict(document)  # type: ignore[attr-defined]
    except _SHAPE_ERRORS as exc:
        # A required field missing or of another type (the optional ones read leniently).
        detail = secrets.scrub(str(exc), 200) or type(exc).__name__
        raise _invalid(
            response,
            secrets,
            f"the body does not match the {operation.operation_id} model: {detail}",
        ) from exc
    return data


def _log_warning(operation_id: str, warning: Any, secrets: Secrets) -> None:
    """UltraCart's `warning` in a successful answer, logged at WARNING."""
    if not isinstance(warning, ModelBase):  # UNSET or None: no warning
        return
    fields: Any = warning  # a ResponseWarning
    said = fields.warning_message or fields.more_info
    code = fields.warning_code
    if said or code:
        logger.warning(
            "%s: UltraCart warns: %s%s",
            operation_id,
            secrets.scrub(str(said or ""), _DETAIL_CHARS),
            secrets.scrub(f" ({code})", 100) if code else "",
        )


# (operation, field) pairs already logged: a field that is always off logs once, not on
# every call. Bounded by the spec: paths name documented fields only ("[]" for any index).
_LOGGED_FIELDS: set[tuple[str, str]] = set()
_INDEX = "0123456789"


def _field_of(path: str) -> str:
    """`conversations[150].message_count` -> `conversations[].message_count`."""
    parts = path.split("[")
    return "[".join([parts[0], *(part.lstrip(_INDEX) for part in parts[1:])])


def _log_problems(operation_id: str, problems: tuple[ReadProblem, ...], secrets: Secrets) -> None:
    """A warning for each field first seen off its type (values are never logged)."""
    for problem in problems:
        field = (operation_id, _field_of(problem.path))
        if field in _LOGGED_FIELDS:
            continue
        _LOGGED_FIELDS.add(field)
        outcome = (
            "the item is left out"
            if problem.path.endswith("]")
            else "it reads as UNSET, the value kept in additional_properties"
        )
        logger.warning(
            "%s: %s; %s (logged once per field; strict=True makes it an error; "
            "see problems_of() or ApiResponse.problems)",
            operation_id,
            secrets.scrub(str(problem)),
            outcome,
        )


def _unsuccessful(response: httpx.Response, secrets: Secrets) -> UnsuccessfulResponseError:
    error_response = _error_body(response.content)
    detail = secrets.scrub(_said(error_response), _DETAIL_CHARS)
    method, url = _where(response)
    message = f"HTTP {response.status_code} with success=false"
    if detail:
        message += f": {detail}"
    return UnsuccessfulResponseError(
        secrets.scrub(f"{message} ({method} {url})"),
        status=response.status_code,
        headers=_lower_headers(response),
        body=response.content,
        error_response=error_response,
        method=method,
        url=url,
    )


def _invalid(response: httpx.Response, secrets: Secrets, problem: str) -> ResponseValidationError:
    method, url = _where(response)
    return ResponseValidationError(
        secrets.scrub(f"HTTP {response.status_code}: {problem} ({method} {url})"),
        status=response.status_code,
        headers=_lower_headers(response),
        body=response.content,
        method=method,
        url=url,
    )


_STATUS_ERRORS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    404: NotFoundError,
    410: ApplicationDisabledError,
    429: RateLimitError,
}


def _error_body(content: bytes) -> ErrorResponse | None:
    """The body as an ErrorResponse, or None: error bodies are often HTML or empty."""
    if not content:
        return None
    try:
        document = _json.loads(content)
        if not isinstance(document, dict):
            return None
        error_response: ErrorResponse = model_class(_MODELS, "ErrorResponse").from_dict(document)
        # A body with values of other types is some other JSON, not UltraCart's error.
        return None if problems_of(error_response) else error_response
    except (*_SHAPE_ERRORS, *_UNDECODABLE):
        return None


def _said(error_response: ErrorResponse | None) -> str:
    """What UltraCart's error body says went wrong ("" if it says nothing)."""
    if error_response is None or not error_response.error:
        return ""
    error = error_response.error
    return str(error.developer_message or error.user_message or "")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # 599 and friends: not in Python's table
        return "Unknown Status"


def _body_model(
    operation: Operation[object] | None,
    status: int,
    content: bytes,
    error_response: ErrorResponse | None,
) -> object | None:
    """The error body as the model openapi.yaml documents for this status, or None."""
    if operation is None or not content:
        return None
    name = operation.error_model(status)
    if name is None:
        return None
    if name == "ErrorResponse":
        return error_response
    try:
        document = _json.loads(content)
        if not isinstance(document, dict):
            return None
        model: object = model_class(operation.models, name).from_dict(document)
        return model
    except (*_SHAPE_ERRORS, *_UNDECODABLE):
        return None


def error_from_response(
    response: httpx.Response, secrets: Secrets, operation: Operation[Any] | None = None
) -> ApiError:
    """The ApiError subclass for a non-2xx response, with a message a person can act on;
    `body_model` is its body read as the model the operation documents for the status."""
    status = response.status_code
    headers = _lower_headers(response)
    content = response.content
    error_response = _error_body(content)
    detail = secrets.scrub(headers.get("uc-rest-error", "") or _said(error_response), _DETAIL_CHARS)
    method, url = _where(response)
    message = f"HTTP {status} {_reason(status)}"
    if detail:
        message += f": {detail}"
    message = secrets.scrub(f"{message} ({method} {url})")
    if 500 <= status <= 599:
        cls: type[ApiError] = ServerError
    else:
        cls = _STATUS_ERRORS.get(status, ApiError)
    error_obj = cls(
        message,
        status=status,
        headers=headers,
        body=content,
        error_response=error_response,
        method=method,
        url=url,
    )
    error_obj.body_model = _body_model(operation, status, content, error_response)
    if isinstance(error_obj, RateLimitError):
        error_obj.retry_after = parse_retry_after(headers.get("retry-after"))
    return error_obj


# Transport failures that happen before a single byte of the request was sent.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def connection_error(
    exc: httpx.HTTPError, request: httpx.Request, secrets: Secrets
) -> APIConnectionError:
    """The APIConnectionError (or APITimeoutError) for a transport failure."""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    method, url = request.method, str(request.url)
    kind = type(exc).__name__
    text = secrets.scrub(str(exc), _DETAIL_CHARS) or kind
    error = cls(secrets.scrub(f"{kind}: {text} ({method} {url})"), method=method, url=url)
    error.request_sent = not isinstance(exc, _NOT_SENT)
    return error
