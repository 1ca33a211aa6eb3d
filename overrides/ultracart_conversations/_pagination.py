"""Paging through a list operation (one with `x-pagination` in openapi.yaml): which
pages to fetch and what to yield from each. Pure bookkeeping shared by the sync iterator
and the async one; they only fetch. What the items, their id, the limit and offset
parameters and the page's ResultSet are called comes from the operation's descriptor.

UltraCart's lists are newest first, and new items arrive at the head while we page,
which pushes everything down: the page at offset 200 may then start with items that were
on the previous page. Two rules keep the iteration exact:

1. The next offset is `offset + count` of the page just read, in the server's numbering
   at the moment it served that page. Inserts at the head can only push unseen items
   further down, never above that offset, so nothing that existed when iteration began
   is skipped; what the shift does is repeat some items.
2. Repeats are dropped by uuid: the pager keeps the set of uuids it has yielded. That
   is the one thing that grows with the iteration (about 100 bytes per item);
   only one page of summaries (one window of pages with concurrency) is held at a time.
   It also works when `total_records` is null, which rules out counting shifts.

With concurrency, later pages are fetched together, at offsets planned from the last
page read, and then read in order; each page read makes room for one more in flight.
The server may serve them in any order, with arrivals in between, and `total_records`
tells how far the list moved: a page that starts d items past where the previous one
ended, and whose total grew by k since that one, overlaps it if k >= d (its first k - d
items are repeats, dropped) and leaves a gap if k < d. A page that would leave a gap is
dropped with the pages in flight after it, and planning resumes from where the last page
read ended. So concurrency changes how many requests are made, never what is yielded,
and summaries always come in list order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ultracart_conversations._operation import Operation, Pagination
from ultracart_conversations._request import request_target
from ultracart_conversations.errors import (
    DeadlineExceededError,
    InvalidRequestError,
    ResponseValidationError,
)
from ultracart_conversations_api.types import Unset

# A server that ignores the offset would otherwise be paged forever.
MAX_PAGES_WITHOUT_NEW_ITEMS = 50


def check_iteration_arguments(
    operation: Operation[Any],
    arguments: Mapping[str, Any],
    page_size: object,
    max_items: object,
    concurrency: object,
) -> Pagination:
    """The operation's pagination, once the iteration's arguments are known to be good
    (checked before the first request, not when the first item is asked for)."""
    pagination = operation.pagination
    if pagination is None:
        raise TypeError(f"{operation.operation_id} is not paginated")
    for name, value, minimum in (
        ("page_size", page_size, 1),
        ("max_items", max_items, 0),
        ("concurrency", concurrency, 1),
    ):
        if value is None and name == "max_items":
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidRequestError(f"{name} must be an int, got {type(value).__name__}")
        if value < minimum:
            raise InvalidRequestError(f"{name} must be >= {minimum}, got {value}")
    if isinstance(page_size, int) and page_size > pagination.max_page_size:
        raise InvalidRequestError(
            f"page_size must be at most {pagination.max_page_size}, got {page_size}"
        )
    request_target(operation, {**arguments, pagination.limit: 1, pagination.offset: 0})
    return pagination


def check_deadline(deadline: object) -> None:
    if deadline is None:
        return
    if isinstance(deadline, bool) or not isinstance(deadline, int | float) or not deadline > 0:
        raise InvalidRequestError(
            f"deadline must be a positive number of seconds, got {deadline!r}"
        )


def _attribute(value: Any, name: str) -> Any:
    found = getattr(value, name, None)
    return None if isinstance(found, Unset) else found


class Pager:
    """The state of one iteration over a list operation."""

    def __init__(self, pagination: Pagination, page_size: int, max_items: int | None) -> None:
        self.pagination = pagination
        self.page_size = page_size
        self.remaining = max_items
        self.offset = 0  # where the next page starts, in the server's latest numbering
        self.total: int | None = None  # total_records of the last page used, if known
        self.done = max_items == 0
        self.seen: set[str] = set()
        self.items = 0  # items yielded so far
        self._pages_without_new = 0

    def deadline_error(
        self, deadline: float, cause: DeadlineExceededError
    ) -> DeadlineExceededError:
        """The error a paginated read raises at its deadline: how far it got."""
        error = DeadlineExceededError(
            f"the paginated read stopped at its deadline of {deadline:g} s after yielding "
            f"{self.items} items; the next page starts at offset {self.offset} "
            f"({cause.message})",
            status=cause.status,
            headers=cause.headers,
            method=cause.method,
            url=cause.url,
        )
        error.items = self.items
        error.next_offset = self.offset
        return error

    def arguments(self, arguments: Mapping[str, Any], offset: int, limit: int) -> dict[str, Any]:
        """The call's arguments for the page at `offset`."""
        return {**arguments, self.pagination.limit: limit, self.pagination.offset: offset}

    def plan(self, concurrency: int) -> list[tuple[int, int]]:
        """(offset, limit) of the pages to fetch next, in order; one unless the total is
        known and concurrency > 1."""
        if self.done:
            return []
        limit = self.page_size
        if self.remaining is not None and self.remaining < limit:
            limit = self.remaining
        if concurrency <= 1 or self.total is None:
            return [(self.offset, limit)]
        pages = concurrency
        if self.remaining is not None:
            pages = min(pages, -(-self.remaining // limit))
        offsets = range(self.offset, self.total, limit)[:pages]
        return [(offset, limit) for offset in offsets] or [(self.offset, limit)]

    def plan_after(self, offset: int, limit: int, pages_ahead: int) -> tuple[int, int] | None:
        """With concurrency: the page after the one planned at `offset`, to keep the window
        full, or None when the last known total or max_items leaves nothing to fetch.
        `pages_ahead` is how many pages are planned and not yet read."""
        if self.done or self.total is None:
            return None
        following = offset + limit
        if following >= self.total:
            return None
        if self.remaining is not None and pages_ahead * limit >= self.remaining:
            return None
        return (following, limit)

    def accept(
        self, offset: int, limit: int, page: Any, *, first_in_window: bool
    ) -> list[Any] | None:
        """The items to yield from a page, or None if the page (and the rest of its
        window) no longer fits and must be dropped."""
        result_set = page
        for name in self.pagination.result_set:
            result_set = _attribute(result_set, name)
        total = None
        more: bool | None = None
        server_next: int | None = None
        if result_set is not None:
            found = _attribute(result_set, "total_records")
            total = found if isinstance(found, int) else None
            found = _attribute(result_set, "more")
            more = found if isinstance(found, bool) else None
            found = _attribute(result_set, "next_offset")
            server_next = found if isinstance(found, int) else None
        if not first_in_window and (
            total is None or self.total is None or offset - self.offset > total - self.total
        ):
            # This page was planned before the previous one was read. Arrivals at the
            # head since then (total - self.total of them) pushed the list down; unless
            # they pushed it at least as far as the page starts past where the previous
            # one ended, there is a gap between the two: drop it and plan again.
            return None

        items = _attribute(page, self.pagination.items) or []
        item_id = self.pagination.item_id
        fresh: list[Any] = []
        for item in items:
            if self.remaining is not None and len(fresh) >= self.remaining:
                break
            key = getattr(item, item_id, None)
            if isinstance(key, str):
                if key in self.seen:
                    continue
                self.seen.add(key)
            fresh.append(item)

        count = len(items)
        self.offset = (
            server_next if server_next is not None and server_next > offset else offset + count
        )
        self.total = total
        if self.remaining is not None:
            self.remaining -= len(fresh)
        self.items += len(fresh)
        if (self.remaining is not None and self.remaining <= 0) or count == 0:
            self.done = True
        elif more is not None:
            self.done = not more
        elif total is not None:
            self.done = self.offset >= total
        else:
            self.done = count < limit

        self._pages_without_new = 0 if fresh else self._pages_without_new + 1
        if not self.done and self._pages_without_new >= MAX_PAGES_WITHOUT_NEW_ITEMS:
            raise ResponseValidationError(
                f"{MAX_PAGES_WITHOUT_NEW_ITEMS} pages in a row brought no item not already "
                f"seen (last offset {offset}); stopping"
            )
        return fresh
