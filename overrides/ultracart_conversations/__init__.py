"""UltraCart Conversation API client: the public face of this package.

    from ultracart_conversations import ConversationApi
    with ConversationApi.from_env() as api:
        for summary in api.iter_conversations():
            print(summary.conversation_uuid)

The models come from the generated package `ultracart_conversations_api`; import them
from here so that your code does not depend on where the generator puts them. The
clients, OAuth and date helpers load on first use, so that importing this package stays
cheap (httpx is imported only when a client is).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ultracart_conversations._version import __version__ as __version__
from ultracart_conversations.errors import (
    APIConnectionError,
    ApiError,
    APITimeoutError,
    ApplicationDisabledError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    InsecureTransportWarning,
    InvalidDateError,
    InvalidRequestError,
    NotFoundError,
    OAuthError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
    UnsuccessfulResponseError,
)

# Every generated model, under the names the generator gives them: a model added to
# openapi.yaml is importable from here after `make generate`, with no edit.
from ultracart_conversations_api import models as _models
from ultracart_conversations_api.models import *  # noqa: F403

if TYPE_CHECKING:
    from ultracart_conversations._async_client import AsyncConversationApi
    from ultracart_conversations._operation import ApiResponse
    from ultracart_conversations._redaction import redact_headers
    from ultracart_conversations._retry import RetryPolicy
    from ultracart_conversations._sync_client import ConversationApi
    from ultracart_conversations.dates import parse_dts
    from ultracart_conversations.oauth import OAuthClient, OAuthSession, OAuthTokens

# name -> module that defines it, imported on first access.
_LAZY = {
    "ConversationApi": "ultracart_conversations._sync_client",
    "AsyncConversationApi": "ultracart_conversations._async_client",
    "ApiResponse": "ultracart_conversations._operation",
    "RetryPolicy": "ultracart_conversations._retry",
    "redact_headers": "ultracart_conversations._redaction",
    "parse_dts": "ultracart_conversations.dates",
    "OAuthClient": "ultracart_conversations.oauth",
    "OAuthSession": "ultracart_conversations.oauth",
    "OAuthTokens": "ultracart_conversations.oauth",
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
    "APIConnectionError",
    "APITimeoutError",
    "ApiError",
    "ApiResponse",
    "ApplicationDisabledError",
    "AsyncConversationApi",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConversationApi",
    "InsecureTransportWarning",
    "InvalidDateError",
    "InvalidRequestError",
    "NotFoundError",
    "OAuthClient",
    "OAuthError",
    "OAuthSession",
    "OAuthTokens",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "RetryPolicy",
    "ServerError",
    "UnsuccessfulResponseError",
    "parse_dts",
    "redact_headers",
]
__all__ += _models.__all__
