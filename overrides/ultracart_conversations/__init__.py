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

from ultracart_conversations._version import __version__ as __version__
from ultracart_conversations.errors import APIConnectionError as APIConnectionError
from ultracart_conversations.errors import ApiError as ApiError
from ultracart_conversations.errors import APITimeoutError as APITimeoutError
from ultracart_conversations.errors import ApplicationDisabledError as ApplicationDisabledError
from ultracart_conversations.errors import AuthenticationError as AuthenticationError
from ultracart_conversations.errors import BadRequestError as BadRequestError
from ultracart_conversations.errors import ClientClosedError as ClientClosedError
from ultracart_conversations.errors import (
    ConcurrencyLimitedWarning as ConcurrencyLimitedWarning,
)
from ultracart_conversations.errors import DeadlineExceededError as DeadlineExceededError
from ultracart_conversations.errors import InsecureTransportWarning as InsecureTransportWarning
from ultracart_conversations.errors import InvalidDateError as InvalidDateError
from ultracart_conversations.errors import InvalidRequestError as InvalidRequestError
from ultracart_conversations.errors import NotFoundError as NotFoundError
from ultracart_conversations.errors import OAuthError as OAuthError
from ultracart_conversations.errors import RateLimitError as RateLimitError
from ultracart_conversations.errors import ResponseTooLargeError as ResponseTooLargeError
from ultracart_conversations.errors import ResponseValidationError as ResponseValidationError
from ultracart_conversations.errors import ServerError as ServerError
from ultracart_conversations.errors import SharedStateError as SharedStateError
from ultracart_conversations.errors import UnsuccessfulResponseError as UnsuccessfulResponseError

# Every generated model is importable from here under the name the generator gives it:
# a model added to openapi.yaml is, after `make generate`, with no edit.
_MODELS = "ultracart_conversations_api.models"

# For type checkers: what loads on first use below. The redundant `as` and the star
# import are how a typed package says "public" without an `__all__`, which could not list
# the models (they come from openapi.yaml) in a form type checkers read.
if TYPE_CHECKING:
    from ultracart_conversations._async_client import AsyncConversationApi as AsyncConversationApi
    from ultracart_conversations._operation import ApiResponse as ApiResponse
    from ultracart_conversations._options import ClientOptions as ClientOptions
    from ultracart_conversations._ratelimit import RateLimiter as RateLimiter
    from ultracart_conversations._ratelimit import RateLimiterStats as RateLimiterStats
    from ultracart_conversations._reading import ReadProblem as ReadProblem
    from ultracart_conversations._reading import problems_of as problems_of
    from ultracart_conversations._redaction import redact_headers as redact_headers
    from ultracart_conversations._retry import RetryPolicy as RetryPolicy
    from ultracart_conversations._sync_client import ConversationApi as ConversationApi
    from ultracart_conversations.dates import parse_dts as parse_dts
    from ultracart_conversations.oauth import OAuthClient as OAuthClient
    from ultracart_conversations.oauth import OAuthSession as OAuthSession
    from ultracart_conversations.oauth import OAuthTokens as OAuthTokens
    from ultracart_conversations_api.models import *  # noqa: F403
    from ultracart_conversations_api.types import UNSET as UNSET
    from ultracart_conversations_api.types import Unset as Unset

# name -> module that defines it, imported on first access.
_LAZY = {
    "ConversationApi": "ultracart_conversations._sync_client",
    "AsyncConversationApi": "ultracart_conversations._async_client",
    "ApiResponse": "ultracart_conversations._operation",
    "ClientOptions": "ultracart_conversations._options",
    "RetryPolicy": "ultracart_conversations._retry",
    "RateLimiter": "ultracart_conversations._ratelimit",
    "RateLimiterStats": "ultracart_conversations._ratelimit",
    "ReadProblem": "ultracart_conversations._reading",
    "problems_of": "ultracart_conversations._reading",
    "redact_headers": "ultracart_conversations._redaction",
    "parse_dts": "ultracart_conversations.dates",
    "OAuthClient": "ultracart_conversations.oauth",
    "OAuthSession": "ultracart_conversations.oauth",
    "OAuthTokens": "ultracart_conversations.oauth",
    "UNSET": "ultracart_conversations_api.types",
    "Unset": "ultracart_conversations_api.types",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if name.startswith("_"):  # dunders and private submodules: the import system's
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in (models := importlib.import_module(_MODELS)).__all__:
        value = getattr(models, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    public = [name for name in globals() if not name.startswith("_")]
    models = importlib.import_module(_MODELS).__all__
    return sorted({*public, *_LAZY, *models} - {"annotations", "importlib"})
