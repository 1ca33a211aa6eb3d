"""Credentials, applied to each request as it is sent (httpx.Auth).

Per request, not baked into client headers: a refreshed OAuth token takes effect on the
next request, and no caller-owned headers dict or http client is ever written into.
(The generated AuthenticatedClient reads its token once and writes it into the headers
dict it was given.)
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from typing import TYPE_CHECKING

import httpx

from ultracart_conversations import _body
from ultracart_conversations._defaults import SIMPLE_KEY_HEADER
from ultracart_conversations._redaction import REDACTED, logger

if TYPE_CHECKING:
    from ultracart_conversations.oauth import OAuthSession


class SimpleKeyAuth(httpx.Auth):
    """Sends a simple API key in `x-ultracart-simple-key`."""

    def __init__(self, simple_key: str) -> None:
        self._simple_key = simple_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[SIMPLE_KEY_HEADER] = self._simple_key
        yield request

    def __repr__(self) -> str:
        return f"SimpleKeyAuth({REDACTED})"


class BearerTokenAuth(httpx.Auth):
    """Sends a fixed OAuth access token (no refresh: a 401 is raised as is)."""

    def __init__(self, access_token: str) -> None:
        self._header = f"Bearer {access_token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return f"BearerTokenAuth({REDACTED})"


# Enough for any real error body; a larger one is cut off and its connection dropped.
_MAX_401_BODY = 64 * 1024


class OAuthSessionAuth(httpx.Auth):
    """Sends the session's current access token; refreshes it shortly before expiry, and
    once (then resends) when the API answers 401."""

    # The 401's body is read before refreshing (closing a connection with unread data
    # makes the kernel reset it, which the server sees as an error), but at most
    # _MAX_401_BODY of it: httpx would read any size.

    def __init__(self, session: OAuthSession) -> None:
        self.session = session

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        session = self.session
        token = session.current_access_token()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401 and session.can_refresh:
            _body.drain(response, _MAX_401_BODY)
            logger.info("API answered 401; refreshing the OAuth token once and resending")
            token = session.refresh(token, reason="401 from the API")
            request.headers["Authorization"] = f"Bearer {token}"
            yield request

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        session = self.session
        token = await session.async_current_access_token()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401 and session.can_refresh:
            await _body.adrain(response, _MAX_401_BODY)
            logger.info("API answered 401; refreshing the OAuth token once and resending")
            token = await session.async_refresh(token, reason="401 from the API")
            request.headers["Authorization"] = f"Bearer {token}"
            yield request

    def __repr__(self) -> str:
        return f"OAuthSessionAuth({self.session!r})"
