"""ConversationApi: the synchronous client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
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


class ConversationApi(BaseConversationApi[httpx.Client]):
    """UltraCart's Conversation API, synchronously.

        with ConversationApi(simple_key=key) as api:
            page = api.get_conversations(limit=50)
            for summary in api.iter_conversations():
                ...

    Each method returns the generated model (None for operations without a body) or
    raises an ApiError subclass; `<method>_with_http_info` returns an ApiResponse with
    the status code and headers too. Thread-safe: one instance can serve many threads.
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

    def _call(self, operation: Operation[T], kwargs: dict[str, Any]) -> ApiResponse[T]:
        request = self._build(kwargs)
        retries = 0
        while True:
            try:
                response = self._http.send(request, auth=self._auth)
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
            self._sleep(wait)
            retries += 1

    # --- the seven operations ------------------------------------------------------------

    def get_agent_websocket_authorization(self) -> ConversationAgentAuthResponse:
        """A JWT that authorizes an agent to open a websocket connection."""
        return self.get_agent_websocket_authorization_with_http_info().data

    def get_agent_websocket_authorization_with_http_info(
        self,
    ) -> ApiResponse[ConversationAgentAuthResponse]:
        return self._call(
            ops.GET_AGENT_WEBSOCKET_AUTHORIZATION,
            ops.request_get_agent_websocket_authorization(),
        )

    def get_conversation(self, conversation_uuid: str) -> Conversation:
        """A conversation with its participants and messages."""
        return self.get_conversation_with_http_info(conversation_uuid).data

    def get_conversation_with_http_info(self, conversation_uuid: str) -> ApiResponse[Conversation]:
        return self._call(ops.GET_CONVERSATION, ops.request_get_conversation(conversation_uuid))

    def get_conversation_multimedia_upload_url(self, extension: str) -> None:
        """Ask for a presigned upload URL for media with this file extension (e.g. "jpg").
        The API documents no body; see the _with_http_info variant for the raw response."""
        self.get_conversation_multimedia_upload_url_with_http_info(extension)

    def get_conversation_multimedia_upload_url_with_http_info(
        self, extension: str
    ) -> ApiResponse[None]:
        return self._call(
            ops.GET_CONVERSATION_MULTIMEDIA_UPLOAD_URL,
            ops.request_get_conversation_multimedia_upload_url(extension),
        )

    def get_conversations(self, limit: int = 100, offset: int = 0) -> ConversationsResponse:
        """One page of conversation summaries, newest first (limit 1..200). To go through
        all of them, use iter_conversations()."""
        return self.get_conversations_with_http_info(limit, offset).data

    def get_conversations_with_http_info(
        self, limit: int = 100, offset: int = 0
    ) -> ApiResponse[ConversationsResponse]:
        return self._call(ops.GET_CONVERSATIONS, ops.request_get_conversations(limit, offset))

    def join_conversation(self, conversation_uuid: str) -> None:
        """Join a conversation as an agent."""
        self.join_conversation_with_http_info(conversation_uuid)

    def join_conversation_with_http_info(self, conversation_uuid: str) -> ApiResponse[None]:
        return self._call(ops.JOIN_CONVERSATION, ops.request_join_conversation(conversation_uuid))

    def leave_conversation(self, conversation_uuid: str) -> None:
        """Leave a conversation."""
        self.leave_conversation_with_http_info(conversation_uuid)

    def leave_conversation_with_http_info(self, conversation_uuid: str) -> ApiResponse[None]:
        return self._call(ops.LEAVE_CONVERSATION, ops.request_leave_conversation(conversation_uuid))

    def start_conversation(
        self, start_request: ConversationStartRequest
    ) -> ConversationStartResponse:
        """Start a new conversation. Not retried after a 5xx or a lost response, since
        the first attempt may have started it: the error is raised instead."""
        return self.start_conversation_with_http_info(start_request).data

    def start_conversation_with_http_info(
        self, start_request: ConversationStartRequest
    ) -> ApiResponse[ConversationStartResponse]:
        return self._call(ops.START_CONVERSATION, ops.request_start_conversation(start_request))

    # --- pagination ----------------------------------------------------------------------

    def iter_conversations(
        self, page_size: int = 200, max_items: int | None = None
    ) -> Iterator[ConversationSummary]:
        """Every conversation summary, newest first, fetched a page at a time as you
        iterate. None is yielded twice and none that existed when iteration started is
        missed, even while new conversations arrive (see README, "Pagination")."""
        check_iteration_arguments(page_size, max_items, 1)
        return self._iterate(Pager(page_size, max_items))

    def _iterate(self, pager: Pager) -> Iterator[ConversationSummary]:
        while not pager.done:
            ((offset, limit),) = pager.plan(1)
            page = self.get_conversations(limit, offset)
            yield from pager.accept(offset, limit, page, first_in_window=True) or ()
