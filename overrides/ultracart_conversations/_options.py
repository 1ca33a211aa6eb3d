"""ClientOptions: the constructor's keywords as a TypedDict, so that `from_env(**options)`
is checked like the constructor (a typo such as `max_retires=3` is a type error)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Literal, TypedDict, TypeVar

import httpx

if TYPE_CHECKING:
    from ultracart_conversations._ratelimit import RateLimiter
    from ultracart_conversations._retry import RetryPolicy
    from ultracart_conversations.oauth import OAuthSession

HttpClientT = TypeVar("HttpClientT", httpx.Client, httpx.AsyncClient)


class ClientOptions(TypedDict, Generic[HttpClientT], total=False):
    """Every keyword of ConversationApi / AsyncConversationApi (each optional here).

    HttpClientT is httpx.Client for ConversationApi, httpx.AsyncClient for the async one.
    """

    simple_key: str | None
    access_token: str | None
    oauth: OAuthSession | None
    base_url: str
    timeout: float | httpx.Timeout | None
    max_retries: int | None
    retry_policy: RetryPolicy | None
    verify_ssl: bool
    debugging: bool
    http_client: HttpClientT | None
    attempt_timeout: float | None
    max_response_bytes: int
    rate_limiter: RateLimiter | Literal[False] | None
    strict: bool
