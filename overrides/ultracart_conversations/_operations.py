"""The seven operations: building each request and reading each response, in one place
shared by the sync and async clients.

Requests are built by the generated endpoint modules' `_get_kwargs` (the generated
package is pinned and checked byte-for-byte, so these helpers are stable), after the
arguments pass validation here. Responses are read here, with the generated models'
`from_dict` (which checks every field's type), rather than by the generated
`_parse_response`: that one lets JSONDecodeError, RecursionError or TypeError escape,
returns None for an undocumented status, and parses error bodies as if they were
always ErrorResponse JSON. Here every failure becomes a typed ApiError.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from ultracart_conversations import _json
from ultracart_conversations._redaction import Secrets
from ultracart_conversations._retry import parse_retry_after
from ultracart_conversations.errors import (
    APIConnectionError,
    ApiError,
    APITimeoutError,
    ApplicationDisabledError,
    AuthenticationError,
    BadRequestError,
    InvalidRequestError,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
)

if TYPE_CHECKING:  # the generated modules load at the first call (see _parse_*)
    from ultracart_conversations_api.models import (
        Conversation,
        ConversationAgentAuthResponse,
        ConversationsResponse,
        ConversationStartRequest,
        ConversationStartResponse,
        ErrorResponse,
    )

T = TypeVar("T")

MAX_LIMIT = 200

# Exceptions a generated from_dict raises on a body of the wrong shape.
_SHAPE_ERRORS = (TypeError, ValueError, KeyError, AttributeError)

# json.loads raises RecursionError (not a ValueError) past ~1,000 levels of nesting.
_UNDECODABLE = (ValueError, UnicodeDecodeError, RecursionError)


@dataclass(frozen=True, slots=True)
class ApiResponse(Generic[T]):
    """A call's result with its HTTP details (what the seed's `*_with_http_info` returns).

    `data` is the parsed model, or None for operations without a response body;
    `headers` has lower-cased names; `content` is the raw body.
    """

    data: T
    status_code: int
    headers: Mapping[str, str]
    content: bytes


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """What the client needs to know about one operation beyond its request."""

    operation_id: str
    # Safe to send twice: a retry after a 5xx or a lost response cannot do harm.
    idempotent: bool
    # Builds the result from the decoded JSON object; None: the 2xx body is ignored.
    from_dict: Callable[[Mapping[str, Any]], T] | None


# Importing the client loads no generated module (attrs, 13 model classes, 7 endpoint
# modules: about a fifth of `import httpx` again): the functions below import what they
# use when first called, which later costs a dictionary lookup.


def _parse_agent_auth(document: Mapping[str, Any]) -> ConversationAgentAuthResponse:
    from ultracart_conversations_api.models import ConversationAgentAuthResponse

    return ConversationAgentAuthResponse.from_dict(document)


def _parse_conversation(document: Mapping[str, Any]) -> Conversation:
    from ultracart_conversations_api.models import Conversation

    return Conversation.from_dict(document)


def _parse_conversations(document: Mapping[str, Any]) -> ConversationsResponse:
    from ultracart_conversations_api.models import ConversationsResponse

    return ConversationsResponse.from_dict(document)


def _parse_start(document: Mapping[str, Any]) -> ConversationStartResponse:
    from ultracart_conversations_api.models import ConversationStartResponse

    return ConversationStartResponse.from_dict(document)


GET_AGENT_WEBSOCKET_AUTHORIZATION: Operation[ConversationAgentAuthResponse] = Operation(
    "getAgentWebsocketAuthorization", True, _parse_agent_auth
)
GET_CONVERSATION: Operation[Conversation] = Operation("getConversation", True, _parse_conversation)
GET_CONVERSATION_MULTIMEDIA_UPLOAD_URL: Operation[None] = Operation(
    "getConversationMultimediaUploadUrl", True, None
)
GET_CONVERSATIONS: Operation[ConversationsResponse] = Operation(
    "getConversations", True, _parse_conversations
)
JOIN_CONVERSATION: Operation[None] = Operation("joinConversation", True, None)
LEAVE_CONVERSATION: Operation[None] = Operation("leaveConversation", True, None)
# Not idempotent: each successful call starts a new conversation.
START_CONVERSATION: Operation[ConversationStartResponse] = Operation(
    "startConversation", False, _parse_start
)


# --- validation and request building -------------------------------------------------


def _check_path_value(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidRequestError(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise InvalidRequestError(f"{name} must not be empty")
    if value in (".", ".."):
        # Percent-encoding leaves dots alone and httpx resolves them as dot segments:
        # leave_conversation("..") would send DELETE .../conversation/leave.
        raise InvalidRequestError(f"{name} must not be {value!r} (a URL dot segment)")
    return value


def _check_int(name: str, value: object, minimum: int, maximum: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequestError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise InvalidRequestError(f"{name} must be {bounds}, got {value}")
    return value


def request_get_agent_websocket_authorization() -> dict[str, Any]:
    from ultracart_conversations_api.api.conversation import get_agent_websocket_authorization

    return get_agent_websocket_authorization._get_kwargs()


def request_get_conversation(conversation_uuid: str) -> dict[str, Any]:
    uuid = _check_path_value("conversation_uuid", conversation_uuid)
    from ultracart_conversations_api.api.conversation import get_conversation

    return get_conversation._get_kwargs(uuid)


def request_get_conversation_multimedia_upload_url(extension: str) -> dict[str, Any]:
    value = _check_path_value("extension", extension)
    from ultracart_conversations_api.api.conversation import get_conversation_multimedia_upload_url

    return get_conversation_multimedia_upload_url._get_kwargs(value)


def request_get_conversations(limit: int, offset: int) -> dict[str, Any]:
    _check_int("limit", limit, 1, MAX_LIMIT)
    _check_int("offset", offset, 0, None)
    from ultracart_conversations_api.api.conversation import get_conversations

    return get_conversations._get_kwargs(field_limit=limit, field_offset=offset)


def request_join_conversation(conversation_uuid: str) -> dict[str, Any]:
    uuid = _check_path_value("conversation_uuid", conversation_uuid)
    from ultracart_conversations_api.api.conversation import join_conversation

    return join_conversation._get_kwargs(uuid)


def request_leave_conversation(conversation_uuid: str) -> dict[str, Any]:
    uuid = _check_path_value("conversation_uuid", conversation_uuid)
    from ultracart_conversations_api.api.conversation import leave_conversation

    return leave_conversation._get_kwargs(uuid)


def request_start_conversation(start_request: ConversationStartRequest) -> dict[str, Any]:
    if start_request is None:
        raise InvalidRequestError("start_request is required (a ConversationStartRequest)")
    from ultracart_conversations_api.models import ConversationStartRequest

    if not isinstance(start_request, ConversationStartRequest):
        raise InvalidRequestError(
            f"start_request must be a ConversationStartRequest, got {type(start_request).__name__}"
        )
    from ultracart_conversations_api.api.conversation import start_conversation

    return start_conversation._get_kwargs(body=start_request)


# --- reading responses -----------------------------------------------------------------


def _lower_headers(response: httpx.Response) -> dict[str, str]:
    return {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in response.headers.raw
    }


def _where(response: httpx.Response) -> tuple[str, str]:
    request = response.request
    return request.method, str(request.url)


def read_response(
    operation: Operation[T], response: httpx.Response, secrets: Secrets
) -> ApiResponse[T]:
    """The result of a call, or the ApiError subclass for its failure."""
    status = response.status_code
    if not 200 <= status < 300:
        raise error_from_response(response, secrets)
    content = response.content
    if operation.from_dict is None:
        return ApiResponse(None, status, _lower_headers(response), content)  # type: ignore[arg-type]
    try:
        document = _json.loads(content)  # orjson when installed, same results
    except _UNDECODABLE as exc:
        raise _invalid(response, secrets, "the response body is not JSON") from exc
    if not isinstance(document, dict):
        kind = "null" if document is None else type(document).__name__
        raise _invalid(response, secrets, f"expected a JSON object, got {kind}")
    try:
        data = operation.from_dict(document)
    except _SHAPE_ERRORS as exc:
        # The generated from_dict checks each field's type and names the field.
        detail = str(exc)[:200] or type(exc).__name__
        raise _invalid(
            response,
            secrets,
            f"the body does not match the {operation.operation_id} model: {detail}",
        ) from exc
    return ApiResponse(data, status, _lower_headers(response), content)


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
        document = json.loads(content)
        if not isinstance(document, dict):
            return None
        from ultracart_conversations_api.models import ErrorResponse

        return ErrorResponse.from_dict(document)
    except (*_SHAPE_ERRORS, *_UNDECODABLE):
        return None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # 599 and friends: not in Python's table
        return "Unknown Status"


def error_from_response(response: httpx.Response, secrets: Secrets) -> ApiError:
    """The ApiError subclass for a non-2xx response, with a message a person can act on."""
    status = response.status_code
    headers = _lower_headers(response)
    content = response.content
    error_response = _error_body(content)
    detail = headers.get("uc-rest-error", "")
    if not detail and error_response is not None and error_response.error:
        error = error_response.error
        detail = str(error.developer_message or error.user_message or "")
    method, url = _where(response)
    message = f"HTTP {status} {_reason(status)}"
    if detail:
        message += f": {detail[:500]}"
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
    text = str(exc) or kind
    error = cls(secrets.scrub(f"{kind}: {text} ({method} {url})"), method=method, url=url)
    error.request_sent = not isinstance(exc, _NOT_SENT)
    return error
