"""UltraCart Conversation API client: the public face of this package.

    from ultracart_conversations import ConversationApi
    with ConversationApi.from_env() as api:
        for summary in api.iter_conversations():
            print(summary.conversation_uuid)

The models come from the generated package `ultracart_conversations_api`; import them
from here so that your code does not depend on where the generator puts them. A field
UltraCart left out of a response reads as `UNSET`, whose type `Unset` is falsy to type
checkers too: `if summary.conversation_uuid:` narrows `str | Unset` to `str`.

The clients, the models, OAuth and the date helpers load on first use (PEP 562), so that
importing this package loads neither httpx nor the models; type checkers see everything.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ultracart_conversations.errors import (
    APIConnectionError,
    ApiError,
    APITimeoutError,
    ApplicationDisabledError,
    AuthenticationError,
    BadRequestError,
    InsecureTransportWarning,
    InvalidDateError,
    InvalidRequestError,
    NotFoundError,
    OAuthError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
)

if TYPE_CHECKING:
    from ultracart_conversations._async_client import AsyncConversationApi
    from ultracart_conversations._operations import ApiResponse
    from ultracart_conversations._options import ClientOptions
    from ultracart_conversations._redaction import redact_headers
    from ultracart_conversations._retry import RetryPolicy
    from ultracart_conversations._sync_client import ConversationApi
    from ultracart_conversations.dates import parse_dts
    from ultracart_conversations.oauth import OAuthClient, OAuthSession, OAuthTokens
    from ultracart_conversations_api.models import (
        Conversation,
        ConversationAgentAuthResponse,
        ConversationMessage,
        ConversationParticipant,
        ConversationsResponse,
        ConversationStartRequest,
        ConversationStartResponse,
        ConversationSummary,
        Error,
        ErrorResponse,
        ResponseMetadata,
        ResponseWarning,
        ResultSet,
    )
    from ultracart_conversations_api.types import UNSET, Unset

# name -> module that defines it, imported on first access.
_LAZY = {
    "ConversationApi": "ultracart_conversations._sync_client",
    "AsyncConversationApi": "ultracart_conversations._async_client",
    "ApiResponse": "ultracart_conversations._operations",
    "ClientOptions": "ultracart_conversations._options",
    "RetryPolicy": "ultracart_conversations._retry",
    "redact_headers": "ultracart_conversations._redaction",
    "parse_dts": "ultracart_conversations.dates",
    "OAuthClient": "ultracart_conversations.oauth",
    "OAuthSession": "ultracart_conversations.oauth",
    "OAuthTokens": "ultracart_conversations.oauth",
    "Conversation": "ultracart_conversations_api.models",
    "ConversationAgentAuthResponse": "ultracart_conversations_api.models",
    "ConversationMessage": "ultracart_conversations_api.models",
    "ConversationParticipant": "ultracart_conversations_api.models",
    "ConversationsResponse": "ultracart_conversations_api.models",
    "ConversationStartRequest": "ultracart_conversations_api.models",
    "ConversationStartResponse": "ultracart_conversations_api.models",
    "ConversationSummary": "ultracart_conversations_api.models",
    "Error": "ultracart_conversations_api.models",
    "ErrorResponse": "ultracart_conversations_api.models",
    "ResponseMetadata": "ultracart_conversations_api.models",
    "ResponseWarning": "ultracart_conversations_api.models",
    "ResultSet": "ultracart_conversations_api.models",
    "UNSET": "ultracart_conversations_api.types",
    "Unset": "ultracart_conversations_api.types",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "UNSET",
    "APIConnectionError",
    "APITimeoutError",
    "ApiError",
    "ApiResponse",
    "ApplicationDisabledError",
    "AsyncConversationApi",
    "AuthenticationError",
    "BadRequestError",
    "ClientOptions",
    "Conversation",
    "ConversationAgentAuthResponse",
    "ConversationApi",
    "ConversationMessage",
    "ConversationParticipant",
    "ConversationStartRequest",
    "ConversationStartResponse",
    "ConversationSummary",
    "ConversationsResponse",
    "Error",
    "ErrorResponse",
    "InsecureTransportWarning",
    "InvalidDateError",
    "InvalidRequestError",
    "NotFoundError",
    "OAuthClient",
    "OAuthError",
    "OAuthSession",
    "OAuthTokens",
    "RateLimitError",
    "ResponseMetadata",
    "ResponseValidationError",
    "ResponseWarning",
    "ResultSet",
    "RetryPolicy",
    "ServerError",
    "Unset",
    "parse_dts",
    "redact_headers",
]
