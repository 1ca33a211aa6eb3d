"""AsyncConversationApi: the asyncio client (same methods as ConversationApi, awaited)."""

from __future__ import annotations

import asyncio
import warnings
import weakref
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from ultracart_conversations import _body
from ultracart_conversations._base import BaseConversationApi, _Attempts
from ultracart_conversations._operation import ApiResponse, Operation
from ultracart_conversations._pagination import Pager, check_deadline, check_iteration_arguments
from ultracart_conversations._request import request_content
from ultracart_conversations.errors import (
    ApiError,
    ClientClosedError,
    ConcurrencyLimitedWarning,
    DeadlineExceededError,
)
from ultracart_conversations_api.resources import AsyncOperations

if TYPE_CHECKING:
    from ultracart_conversations_api.client import AuthenticatedClient

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
        if self._owns_http:
            generated.set_async_httpx_client(self._http)
        else:
            headers = {**self._http.headers, **self._request_headers}
            generated.set_async_httpx_client(
                _SendingThrough(self._http, self._auth, base_url=self.base_url, headers=headers)
            )

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
            # (the slot is made before the `try` and holds nothing until acquired: an
            # interrupt anywhere from here on cannot leak a permit)
            slot = None if limiter is None else limiter.slot()
            response = None
            try:
                if slot is not None:
                    await slot.async_acquire(self._deadline_at)
                try:
                    response = await self._receive(request)
                except httpx.HTTPError as exc:
                    error: ApiError = self._transport_error(exc, request)
                except ApiError as exc:  # the attempt's deadline or size cap
                    error = exc
            finally:
                self._released(slot, response)
            if response is not None:
                try:
                    return self._read(operation, response)
                except ApiError as exc:
                    error = exc
            wait = self._retry_wait(operation, error, attempts)
            if wait is None:
                raise error
            await self._sleep(wait)

    async def _receive(self, request: httpx.Request) -> httpx.Response:
        """One attempt: send, and read the whole body within attempt_timeout (and the
        bulk read's deadline) and max_response_bytes. Redirects are not followed (whoever
        configured the httpx client), so credentials never travel to another origin."""
        self._check_open(request)
        self._check_loop(request)
        seconds, cut_by_deadline = self._attempt_limit()
        try:
            return await _body.areceive(self._send, request, self._max_response_bytes, seconds)
        except _body.AttemptExpired:
            raise self._expired(request, cut_by_deadline) from None
        except _body.BodyTooLarge as exc:
            raise self._too_large(request, exc) from None
        except RuntimeError:
            self._check_open(request)  # closed by another task meanwhile
            raise

    def _check_loop(self, request: httpx.Request) -> None:
        """An httpx.AsyncClient's pooled connections belong to the event loop that opened
        them: from another loop (a second asyncio.run()) they fail with a bare
        RuntimeError ("Event loop is closed") or worse. Refused, typed, before sending."""
        loop = asyncio.get_running_loop()
        first = _FIRST_LOOP.get(self._http)
        if first is None:
            _FIRST_LOOP[self._http] = weakref.ref(loop)
            return
        bound = first()
        if bound is loop:
            return
        state = "which is closed" if bound is None or bound.is_closed() else "not this one"
        raise ClientClosedError(
            f"this client's connections belong to the event loop it was first used in "
            f"({state}); create the AsyncConversationApi inside the event loop that uses "
            f"it, one per asyncio.run() ({request.method} {request.url})",
            method=request.method,
            url=str(request.url),
        )

    async def _send(self, request: httpx.Request) -> httpx.Response:
        return await self._http.send(request, auth=self._auth, stream=True, follow_redirects=False)

    # --- pagination ----------------------------------------------------------------------

    def _paginate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        page_size: int,
        max_items: int | None,
        concurrency: int,
        deadline: float | None = None,
        body: Any = None,
    ) -> AsyncGenerator[Any, None]:
        pagination = check_iteration_arguments(
            operation, arguments, page_size, max_items, concurrency
        )
        check_deadline(deadline)
        request_content(operation, body)  # a search's body, sent with every page
        self._warn_if_gated(concurrency)
        pager = Pager(pagination, page_size, max_items)
        return self._iterate(operation, arguments, pager, concurrency, deadline, body)

    def _warn_if_gated(self, concurrency: int) -> None:
        """A warning, not an error: the iteration is as correct either way, only slower,
        and the gate may be shared and set elsewhere on purpose (UltraCart asks for one
        request at a time); failing would break code that works."""
        limiter = self._limiter
        if limiter is None or concurrency <= 1:
            return
        allowed = limiter.stats().concurrency
        if concurrency > allowed:
            warnings.warn(
                f"concurrency={concurrency} asked for, but this client's rate limiter "
                f"lets {allowed} request{'s' if allowed > 1 else ''} through at a time: "
                f"the pages are fetched {allowed} at a time. Pass "
                f"rate_limiter=RateLimiter(concurrency={concurrency}) to the client "
                "(UltraCart asks for one at a time), or ask for less.",
                ConcurrencyLimitedWarning,
                stacklevel=4,  # the caller of iter_<items>()
            )

    async def _iterate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        pager: Pager,
        concurrency: int,
        deadline: float | None = None,
        body: Any = None,
    ) -> AsyncGenerator[Any, None]:
        # Pages planned and being fetched, in list order; with concurrency > 1 the window
        # slides: each page read makes room for the next, so N requests stay in flight
        # instead of the whole window waiting for its slowest page.
        window: deque[tuple[int, int, asyncio.Task[Any]]] = deque()
        reader = self._with_deadline(deadline)  # the view every page is fetched through

        def fetch(offset: int, limit: int) -> asyncio.Task[Any]:
            page_arguments = pager.arguments(arguments, offset, limit)
            return asyncio.ensure_future(reader._fetch_page(operation, page_arguments, body))

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
                    # It does not join the pages read before it (the list moved): drop
                    # what is in flight and plan again from where the pager says.
                    await _cancel(window)
                    continue
                for summary in fresh:
                    yield summary
                if window and not pager.windowed:
                    await _cancel(window)  # the end, or the sweep of the head: none applies
                elif window:
                    last_offset, last_limit, _ = window[-1]
                    following = pager.plan_after(last_offset, last_limit, pages_ahead=len(window))
                    if following is not None:
                        window.append((*following, fetch(*following)))
        finally:
            await _cancel(window)

    async def _fetch_page(
        self, operation: Operation[Any], arguments: Mapping[str, Any], body: Any = None
    ) -> Any:
        return (await self._call(operation, arguments, body)).data


# The event loop each httpx.AsyncClient was first used in (see _check_loop).
_FIRST_LOOP: weakref.WeakKeyDictionary[
    httpx.AsyncClient, weakref.ref[asyncio.AbstractEventLoop]
] = weakref.WeakKeyDictionary()


async def _cancel(window: deque[tuple[int, int, asyncio.Task[Any]]]) -> None:
    """Cancel the fetches still in the window and wait for them, so that none is left
    running (or with an exception nobody retrieves) after the iteration ends."""
    tasks = [task for _, _, task in window]
    window.clear()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


class _SendingThrough(httpx.AsyncClient):
    """The generated layer's client over an http_client of yours: requests are built
    against the API's base URL and sent through your client with this API's credentials
    (your client itself is not changed), never following a redirect."""

    def __init__(
        self, through: httpx.AsyncClient, credentials: httpx.Auth, **settings: Any
    ) -> None:
        super().__init__(timeout=through.timeout, **settings)
        self._through = through
        self._credentials = credentials

    async def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        credentials = self._credentials if auth is httpx.USE_CLIENT_DEFAULT else auth
        return await self._through.send(
            request, stream=stream, auth=credentials, follow_redirects=False
        )
