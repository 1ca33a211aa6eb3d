"""AsyncConversationApi: the asyncio client (same methods as ConversationApi, awaited)."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from ultracart_conversations._base import BaseConversationApi, _Attempts
from ultracart_conversations._operation import ApiResponse, Operation
from ultracart_conversations._pagination import Pager, check_deadline, check_iteration_arguments
from ultracart_conversations.errors import ApiError, DeadlineExceededError
from ultracart_conversations_api.client import AuthenticatedClient
from ultracart_conversations_api.resources import AsyncOperations

T = TypeVar("T")


class AsyncConversationApi(AsyncOperations, BaseConversationApi[httpx.AsyncClient]):
    """UltraCart's Conversation API for asyncio.

    async with AsyncConversationApi(simple_key=key) as api:
        result = await api.<operation>(...)
        async for item in api.iter_<items>(concurrency=4):
            ...

    The operations' methods are generated from openapi.yaml (AsyncOperations); this
    class adds the sending, retrying and concurrent paging.
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

    async def _call(
        self, operation: Operation[T], arguments: Mapping[str, Any], body: Any = None
    ) -> ApiResponse[T]:
        request = self._build(operation, arguments, body)
        attempts = _Attempts()
        limiter = self._limiter
        while True:
            # Every send, retries included, goes through the gate; the OAuth refresh
            # inside auth rides on this permit and takes none of its own.
            permit = None if limiter is None else await limiter.async_acquire(self._deadline_at)
            response = None
            try:
                response = await self._http.send(request, auth=self._auth)
            except httpx.HTTPError as exc:
                error: ApiError = self._transport_error(exc, request)
            finally:
                self._released(permit, response)
            if response is not None:
                try:
                    return self._read(operation, response)
                except ApiError as exc:
                    error = exc
            wait = self._retry_wait(operation, error, attempts)
            if wait is None:
                raise error
            await self._sleep(wait)

    # --- pagination ----------------------------------------------------------------------

    def _paginate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        page_size: int,
        max_items: int | None,
        concurrency: int,
        deadline: float | None = None,
    ) -> AsyncGenerator[Any, None]:
        pagination = check_iteration_arguments(
            operation, arguments, page_size, max_items, concurrency
        )
        check_deadline(deadline)
        pager = Pager(pagination, page_size, max_items)
        return self._iterate(operation, arguments, pager, concurrency, deadline)

    async def _iterate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        pager: Pager,
        concurrency: int,
        deadline: float | None = None,
    ) -> AsyncGenerator[Any, None]:
        # Pages planned and being fetched, in list order; with concurrency > 1 the window
        # slides: each page read makes room for the next, so N requests stay in flight
        # instead of the whole window waiting for its slowest page.
        window: deque[tuple[int, int, asyncio.Task[Any]]] = deque()
        reader = self._with_deadline(deadline)  # the view every page is fetched through

        def fetch(offset: int, limit: int) -> asyncio.Task[Any]:
            page_arguments = pager.arguments(arguments, offset, limit)
            return asyncio.ensure_future(reader._fetch_page(operation, page_arguments))

        try:
            while not pager.done:
                planned_from_here = not window
                if planned_from_here:
                    for offset, limit in pager.plan(concurrency):
                        window.append((offset, limit, fetch(offset, limit)))
                offset, limit, task = window.popleft()
                try:
                    page = await task
                except DeadlineExceededError as exc:
                    raise pager.deadline_error(deadline or 0, exc) from exc
                fresh = pager.accept(offset, limit, page, first_in_window=planned_from_here)
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
                        window.append((*following, fetch(*following)))
        finally:
            await _cancel(window)

    async def _fetch_page(self, operation: Operation[Any], arguments: Mapping[str, Any]) -> Any:
        return (await self._call(operation, arguments)).data


async def _cancel(window: deque[tuple[int, int, asyncio.Task[Any]]]) -> None:
    """Cancel the fetches still in the window and wait for them, so that none is left
    running (or with an exception nobody retrieves) after the iteration ends."""
    tasks = [task for _, _, task in window]
    window.clear()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
