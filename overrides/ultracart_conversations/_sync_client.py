"""ConversationApi: the synchronous client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from itertools import chain
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import httpx

from ultracart_conversations import _body
from ultracart_conversations._base import BaseConversationApi, _Attempts
from ultracart_conversations._operation import ApiResponse, Operation
from ultracart_conversations._pagination import Pager, check_deadline, check_iteration_arguments
from ultracart_conversations._request import request_content
from ultracart_conversations.errors import ApiError, DeadlineExceededError
from ultracart_conversations_api.resources import SyncOperations

if TYPE_CHECKING:
    from ultracart_conversations_api.client import AuthenticatedClient

T = TypeVar("T")


class ConversationApi(SyncOperations, BaseConversationApi[httpx.Client]):
    """UltraCart's Conversation API, synchronously.

        with ConversationApi(simple_key=key) as api:
            result = api.<operation>(...)
            for item in api.iter_<items>():
                ...

    The operations' methods are generated from openapi.yaml (SyncOperations): each
    returns the generated model (None for operations without a body) or raises an
    ApiError subclass; `<method>_with_http_info` returns an ApiResponse with the status
    code and headers too. Thread-safe: one instance can serve many threads.
    """

    # The retry wait; replaceable (tests record the waits instead of sleeping).
    _sleep: Callable[[float], None] = staticmethod(time.sleep)

    _http_client_class = httpx.Client

    def _attach(self, generated: AuthenticatedClient) -> None:
        if self._owns_http:
            generated.set_httpx_client(self._http)
        else:
            headers = {**self._http.headers, **self._request_headers}
            generated.set_httpx_client(
                _SendingThrough(self._http, self._auth, base_url=self.base_url, headers=headers)
            )

    def close(self) -> None:
        """Close the connections (not those of an http_client you passed in)."""
        if self._owns_http:
            self._http.close()

    def _close_collected(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _call(
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
                    slot.acquire(self._deadline_at)
                try:
                    response = self._receive(request)
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
            self._sleep(wait)

    def _receive(self, request: httpx.Request) -> httpx.Response:
        """One attempt: send, and read the whole body within attempt_timeout (and the
        bulk read's deadline) and max_response_bytes. Redirects are not followed (whoever
        configured the httpx client), so credentials never travel to another origin."""
        self._check_open(request)
        seconds, cut_by_deadline = self._attempt_limit()
        try:
            return _body.receive(self._send, request, self._max_response_bytes, seconds)
        except _body.AttemptExpired:
            raise self._expired(request, cut_by_deadline) from None
        except _body.BodyTooLarge as exc:
            raise self._too_large(request, exc) from None
        except RuntimeError:
            self._check_open(request)  # closed by another thread meanwhile
            raise

    def _send(self, request: httpx.Request) -> httpx.Response:
        return self._http.send(request, auth=self._auth, stream=True, follow_redirects=False)

    # --- pagination ----------------------------------------------------------------------

    def _paginate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        page_size: int,
        max_items: int | None,
        deadline: float | None = None,
        body: Any = None,
    ) -> Iterator[Any]:
        pagination = check_iteration_arguments(operation, arguments, page_size, max_items, 1)
        check_deadline(deadline)
        request_content(operation, body)  # a search's body, sent with every page
        pager = Pager(pagination, page_size, max_items)
        # The items of each page are handed out by chain, in C: a generator yielding them
        # one by one cost more per item than everything else the iterator does per page.
        return chain.from_iterable(self._pages(operation, arguments, pager, deadline, body))

    def _pages(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        pager: Pager,
        deadline: float | None = None,
        body: Any = None,
    ) -> Iterator[list[Any]]:
        """The new items of each page, a list a page, fetched as the last one runs out."""
        reader = self._with_deadline(deadline)  # the view every page is fetched through
        while not pager.done:
            ((offset, limit),) = pager.plan(1)
            try:
                page = reader._call(operation, pager.arguments(arguments, offset, limit), body).data
            except DeadlineExceededError as exc:
                raise pager.deadline_error(deadline or 0, exc) from exc
            fresh = pager.accept(offset, limit, page, first_in_window=True)
            if fresh:
                yield fresh


class _SendingThrough(httpx.Client):
    """The generated layer's client over an http_client of yours: requests are built
    against the API's base URL and sent through your client with this API's credentials
    (your client itself is not changed), never following a redirect."""

    def __init__(self, through: httpx.Client, credentials: httpx.Auth, **settings: Any) -> None:
        super().__init__(timeout=through.timeout, **settings)
        self._through = through
        self._credentials = credentials

    def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        credentials = self._credentials if auth is httpx.USE_CLIENT_DEFAULT else auth
        return self._through.send(request, stream=stream, auth=credentials, follow_redirects=False)
