"""ConversationApi: the synchronous client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from ultracart_conversations._base import BaseConversationApi, _Attempts
from ultracart_conversations._operation import ApiResponse, Operation
from ultracart_conversations._pagination import Pager, check_deadline, check_iteration_arguments
from ultracart_conversations.errors import ApiError, DeadlineExceededError
from ultracart_conversations_api.client import AuthenticatedClient
from ultracart_conversations_api.resources import SyncOperations

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
        generated.set_httpx_client(self._http)

    def close(self) -> None:
        """Close the connections (not those of an http_client you passed in)."""
        if self._owns_http:
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
            permit = None if limiter is None else limiter.acquire(self._deadline_at)
            response = None
            try:
                response = self._http.send(request, auth=self._auth)
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
            self._sleep(wait)

    # --- pagination ----------------------------------------------------------------------

    def _paginate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        page_size: int,
        max_items: int | None,
        deadline: float | None = None,
    ) -> Iterator[Any]:
        pagination = check_iteration_arguments(operation, arguments, page_size, max_items, 1)
        check_deadline(deadline)
        pager = Pager(pagination, page_size, max_items)
        return self._iterate(operation, arguments, pager, deadline)

    def _iterate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        pager: Pager,
        deadline: float | None = None,
    ) -> Iterator[Any]:
        reader = self._with_deadline(deadline)  # the view every page is fetched through
        while not pager.done:
            ((offset, limit),) = pager.plan(1)
            try:
                page = reader._call(operation, pager.arguments(arguments, offset, limit)).data
            except DeadlineExceededError as exc:
                raise pager.deadline_error(deadline or 0, exc) from exc
            yield from pager.accept(offset, limit, page, first_in_window=True) or ()
