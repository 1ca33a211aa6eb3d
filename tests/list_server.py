"""A conversation list that changes between requests, served over real HTTP, for the
pagination tests.

`ListServer.serve` answers getConversations as UltraCart does (newest first, `_offset`
and `_limit`) from a list it owns, after calling `between(list)` so a test can insert,
delete and bump conversations before each request. It is a ScriptedServer fallback: the
scripted server serves one request at a time, so each page is one instant of the list.
Knobs reproduce what hostile servers did to the client: a page size cap, a `next_offset`
past what was served, a `total_records` counted only every few requests (a cache).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from urllib.parse import unquote

from tests.scripted_server import RecordedRequest, Reply


class ConversationList:
    """The list (newest first). Each change that moves a conversation changes it too,
    as a new message changes its `message_count`."""

    def __init__(self, size: int) -> None:
        self._numbers = itertools.count()
        self._clock = itertools.count(1)
        self.items: list[dict[str, object]] = []
        self.insert(size)  # c0 is the oldest, at the end of the list
        self.served: list[list[str]] = []  # the uuids in the list at each request
        self.pages: list[list[str]] = []  # the uuids of the page served at each request

    def uuids(self) -> list[str]:
        return [str(item["conversation_uuid"]) for item in self.items]

    def insert(self, count: int = 1) -> None:
        for _ in range(count):
            number = next(self._numbers)
            self.items.insert(
                0,
                {"conversation_uuid": f"c{number}", "message_count": next(self._clock)},
            )

    def delete(self, index: int) -> None:
        if self.items:
            del self.items[index % len(self.items)]

    def bump(self, index: int) -> None:
        """A new message in the conversation at `index`: it changes and moves to the head."""
        if self.items:
            item = self.items.pop(index % len(self.items))
            item["message_count"] = next(self._clock)
            self.items.insert(0, item)

    def touch(self, index: int) -> None:
        """A change that does not move the conversation (say, it was read)."""
        if self.items:
            item = self.items[index % len(self.items)]
            item["unread_messages"] = not item.get("unread_messages", False)


class ListServer:
    def __init__(
        self,
        conversations: ConversationList,
        between: Callable[[ConversationList], None] = lambda _list: None,
        *,
        cap: int | None = None,
        next_offset_past_page: bool = False,
        total_cached_for: int = 1,
    ) -> None:
        self.list = conversations
        self.between = between
        self.cap = cap
        self.next_offset_past_page = next_offset_past_page
        self.total_cached_for = total_cached_for

    def serve(self, request: RecordedRequest) -> Reply:
        offset = int(unquote(request.query.get("_offset", "0")))
        limit = int(unquote(request.query.get("_limit", "100")))
        if self.list.served:  # the first request sees the list as the test set it up
            self.between(self.list)
        self.list.served.append(self.list.uuids())
        served = min(limit, self.cap) if self.cap else limit
        page = [dict(item) for item in self.list.items[offset : offset + served]]
        self.list.pages.append([str(item["conversation_uuid"]) for item in page])
        total = len(self.list.items)
        cached_at = (len(self.list.served) - 1) // self.total_cached_for * self.total_cached_for
        reported = len(self.list.served[cached_at])
        result_set = {
            "count": len(page),
            "limit": limit,
            "offset": offset,
            "more": offset + len(page) < total,
            "next_offset": offset + (limit if self.next_offset_past_page else len(page)),
            "total_records": reported,
        }
        document = {"conversations": page, "metadata": {"result_set": result_set}}
        return Reply.json(200, {**document, "success": True})

    def existed_throughout(self) -> list[str]:
        """The uuids in the list at the first request and at the last one, in first order."""
        last = set(self.list.served[-1])
        return [uuid for uuid in self.list.served[0] if uuid in last]
