"""AsyncConversationApi: the asyncio client (same methods as ConversationApi, awaited)."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from ultracart_conversations import _operations as ops
from ultracart_conversations._base import BaseConversationApi
from ultracart_conversations._operations import ApiResponse, Operation
from ultracart_conversations._pagination import Pager, check_iteration_arguments
from ultracart_conversations.errors import ApiError

if TYPE_CHECKING:  # annotations only: the models load at the first call
    from ultracart_conversations_api.client import AuthenticatedClient
    from ultracart_conversations_api.models import (
        Conversation,
        ConversationAgentAuthResponse,
        ConversationsResponse,
        ConversationStartRequest,
        ConversationStartResponse,
        ConversationSummary,
    )

T = TypeVar("T")


class AsyncConversationApi(BaseConversationApi[httpx.AsyncClient]):
    """UltraCart's Conversation API for asyncio.

    async with AsyncConversationApi(simple_key=key) as api:
        conversation = await api.get_conversation(uuid)
        async for summary in api.iter_conversations(concurrency=4):
            ...
    """

    # The retry wait; replaceable (tests record the waits instead of sleeping).
    _sleep: Callable[[float], Awaitable[None]] = staticmethod(asyncio.sleep)

    _http_client_class = httpx.AsyncClient

    def _attach(self, generated: AuthenticatedClient) -> None:
        generated.set_async_httpx_client(self._http)

    async def aclose(self) -> None:
        """Close the connections (not those of an http_client you passed in)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _call(self, operation: Operation[T], kwargs: dict[str, Any]) -> ApiResponse[T]:
        request = self._build(kwargs)
        retries = 0
        while True:
            try:
                response = await self._http.send(request, auth=self._auth)
            except httpx.HTTPError as exc:
                error: ApiError = self._transport_error(exc, request)
            else:
                try:
                    return self._read(operation, response)
                except ApiError as exc:
                    error = exc
            wait = self._retry_wait(operation, error, retries)
            if wait is None:
                raise error
            await self._sleep(wait)
            retries += 1

    # --- the seven operations ------------------------------------------------------------

    async def get_agent_websocket_authorization(self) -> ConversationAgentAuthResponse:
        """A JWT that authorizes an agent to open a websocket connection."""
        return (await self.get_agent_websocket_authorization_with_http_info()).data

    async def get_agent_websocket_authorization_with_http_info(
        self,
    ) -> ApiResponse[ConversationAgentAuthResponse]:
        return await self._call(
            ops.GET_AGENT_WEBSOCKET_AUTHORIZATION,
            ops.request_get_agent_websocket_authorization(),
        )

    async def get_conversation(self, conversation_uuid: str) -> Conversation:
        """A conversation with its participants and messages."""
        return (await self.get_conversation_with_http_info(conversation_uuid)).data

    async def get_conversation_with_http_info(
        self, conversation_uuid: str
    ) -> ApiResponse[Conversation]:
        return await self._call(
            ops.GET_CONVERSATION, ops.request_get_conversation(conversation_uuid)
        )

    async def get_conversation_multimedia_upload_url(self, extension: str) -> None:
        """Ask for a presigned upload URL for media with this file extension (e.g. "jpg")."""
        await self.get_conversation_multimedia_upload_url_with_http_info(extension)

    async def get_conversation_multimedia_upload_url_with_http_info(
        self, extension: str
    ) -> ApiResponse[None]:
        return await self._call(
            ops.GET_CONVERSATION_MULTIMEDIA_UPLOAD_URL,
            ops.request_get_conversation_multimedia_upload_url(extension),
        )

    async def get_conversations(self, limit: int = 100, offset: int = 0) -> ConversationsResponse:
        """One page of conversation summaries, newest first (limit 1..200)."""
        return (await self.get_conversations_with_http_info(limit, offset)).data

    async def get_conversations_with_http_info(
        self, limit: int = 100, offset: int = 0
    ) -> ApiResponse[ConversationsResponse]:
        return await self._call(ops.GET_CONVERSATIONS, ops.request_get_conversations(limit, offset))

    async def join_conversation(self, conversation_uuid: str) -> None:
        """Join a conversation as an agent."""
        await self.join_conversation_with_http_info(conversation_uuid)

    async def join_conversation_with_http_info(self, conversation_uuid: str) -> ApiResponse[None]:
        return await self._call(
            ops.JOIN_CONVERSATION, ops.request_join_conversation(conversation_uuid)
        )

    async def leave_conversation(self, conversation_uuid: str) -> None:
        """Leave a conversation."""
        await self.leave_conversation_with_http_info(conversation_uuid)

    async def leave_conversation_with_http_info(self, conversation_uuid: str) -> ApiResponse[None]:
        return await self._call(
            ops.LEAVE_CONVERSATION, ops.request_leave_conversation(conversation_uuid)
        )

    async def start_conversation(
        self, start_request: ConversationStartRequest
    ) -> ConversationStartResponse:
        """Start a new conversation (not retried after a 5xx or a lost response)."""
        return (await self.start_conversation_with_http_info(start_request)).data

    async def start_conversation_with_http_info(
        self, start_request: ConversationStartRequest
    ) -> ApiResponse[ConversationStartResponse]:
        return await self._call(
            ops.START_CONVERSATION, ops.request_start_conversation(start_request)
        )

    # --- pagination ----------------------------------------------------------------------

    def iter_conversations(
        self, page_size: int = 200, max_items: int | None = None, *, concurrency: int = 1
    ) -> AsyncGenerator[ConversationSummary, None]:
        """Every conversation summary, newest first: `async for s in api.iter_conversations()`.

        `concurrency=N` fetches up to N later pages at once when the server reports a
        total (sequential otherwise); summaries still come in order, none twice, none
        missed, and at most N pages are held in memory.
        """
        check_iteration_arguments(page_size, max_items, concurrency)
        return self._iterate(Pager(page_size, max_items), concurrency)

    async def _iterate(
        self, pager: Pager, concurrency: int
    ) -> AsyncGenerator[ConversationSummary, None]:
        # Pages planned and being fetched, in list order; with concurrency > 1 the window
        # slides: each page read makes room for the next, so N requests stay in flight
        # instead of the whole window waiting for its slowest page.
        window: deque[tuple[int, int, asyncio.Task[ConversationsResponse]]] = deque()
        try:
            while not pager.done:
                planned_from_here = not window
                if planned_from_here:
                    for offset, limit in pager.plan(concurrency):
                        window.append((offset, limit, self._fetch_page(offset, limit)))
                offset, limit, task = window.popleft()
                fresh = pager.accept(offset, limit, await task, first_in_window=planned_from_here)
                if fresh is None:
                    # Planned before the pages above it were read, and the list has moved
                    # past it: drop what is in flight and plan again from here.
                    await _cancel(window)
                    continue
                for summary in fresh:
                    yield summary
                if window and not pager.done:
                    last_offset, last_limit, _ = window[-1]
                    following = pager.plan_after(last_offset, last_limit, pages_ahead=len(window))
                    if following is not None:
                        window.append((*following, self._fetch_page(*following)))
        finally:
            await _cancel(window)

    def _fetch_page(self, offset: int, limit: int) -> asyncio.Task[ConversationsResponse]:
        return asyncio.ensure_future(self.get_conversations(limit, offset))


async def _cancel(window: deque[tuple[int, int, asyncio.Task[ConversationsResponse]]]) -> None:
    """Cancel the fetches still in the window and wait for them, so that none is left
    running (or with an exception nobody retrieves) after the iteration ends."""
    tasks = [task for _, _, task in window]
    window.clear()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
