"""Paging through a list operation (one with `x-pagination` in openapi.yaml): which
pages to fetch and what to yield from each. Pure bookkeeping shared by the sync iterator
and the async one; they only fetch. What the items, their id, the limit and offset
parameters and the page's ResultSet are called comes from the operation's descriptor.

UltraCart's lists are ordered, newest first, and change while we page: items arrive at
the head, are deleted anywhere, or move to the head when they change (a new message).
Offsets then point at other items than they did a request ago. The rules:

1. Every page after the first overlaps the one before it: it starts at `offset + count
   - 1` of the page just read (what was actually read; the server's `next_offset` and
   `total_records` are never trusted for correctness) and asks for one item more.
2. A page at offset > 0 is used only if it proves its continuity: it contains an item
   of the previous page read, unchanged (its id and every field equal; the pager keeps
   the last KEPT items of each page for this). Items keep their relative order unless
   they change, so nothing that existed unchanged between the two reads can lie between
   them. A page that proves nothing is dropped and the pager steps back (by one page,
   then two, four, ...; offset 0 needs no proof) when the list shrank or moved above
   it; with concurrency, a later page of the window that proves nothing is dropped with
   the pages after it and planned again.
3. Items are yielded once: the pager keeps the set of ids yielded (~100 bytes per
   item), the page being read, a few items of the one before it, and the marks (below,
   at most MAX_MARKS items).
4. Once the end is reached, the pager sweeps the head: it reads from offset 0 (with the
   same rules) until it meets, unchanged, an item it holds as a mark: every item of the
   main pass's first page and a few of each of its later pages (see Pager._hold), and
   the first page of each sweep before; whatever moved to the head since a mark was
   read is above it. Marks at every depth mean that a head that keeps changing (the
   newest conversations getting messages) leaves the sweep one to stop at, a little
   further down. A pass that took more than one request may have missed what moved
   during it, so another sweep follows, until one takes a single request (one instant
   of the list). The usual cost: one extra request, at offset 0 (a short probe after a
   quiet pass, see SWEEP_FIRST_LIMIT); the sweeps never make more requests in all than
   the main pass did, the probe aside.

The guarantee (items compared by id; "changed" means some field differs), assuming the
list's order changes only as UltraCart's does: an item that changes moves to the head or
stays where it is; unchanged items keep their relative order:
- No item is yielded twice.
- Every item that exists from the first request to the last one is yielded, however
  the list changed in between: items inserted, deleted, moved to the head, with
  sequential and concurrent fetching alike. The one exception: a head that changes so
  fast (about a page of moves and arrivals per request) that the sweeps would need more
  requests than the main pass; they then stop, and an item that moved to the head
  during the read may be missed.
- Items deleted or arriving during the iteration may or may not be yielded (once at
  most). Items come in list order, except those the sweeps find, which come last.
- The server's `more = false` ends a pass; without `more`, a short page does. An
  iteration stopped by `max_items` makes no sweep and promises only no repeats.
With concurrency, `total_records` only decides how many pages to fetch ahead.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from operator import attrgetter
from typing import Any

from ultracart_conversations._operation import Operation, Pagination
from ultracart_conversations._request import request_target
from ultracart_conversations.errors import (
    DeadlineExceededError,
    InvalidRequestError,
    ResponseValidationError,
)

# A server that ignores the offset, or a list that changes faster than it is read (its
# head keeps sending the pager back to offset 0), would otherwise be paged forever.
MAX_PAGES_WITHOUT_NEW_ITEMS = 50
# Items kept of the previous page (its last ones: proofs that the next page joins it)
# and of a pass's first page (its first ones: where the next sweep stops). Keeping whole
# pages alive made the garbage collector cost ~15% more per page; a few suffice, and if
# none of them is found unchanged the pager steps back or sweeps further, never wrong.
KEPT = 8
# The most items held for the sweeps to stop at (see Pager._hold): about 380 pages' worth
# of marks, a few MB of summaries; past it no more are held, and a sweep that finds none
# of them unchanged reads further (within its budget).
MAX_MARKS = 3072
# After a quiet main pass (each page repeated only the one item it overlaps, none had to
# step back: nothing arrived or moved up past where the pass was reading) the first sweep
# starts with a probe this short, which then usually meets the marks at its very top,
# where a full page would be read only to be dropped. A probe that does not reach them is
# not charged to the sweeps' budget, and the sweep starts again from the head with full
# pages, as it would have without the probe. After a busy pass, no probe: the full page.
SWEEP_FIRST_LIMIT = 2 * KEPT


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
    """A model field as read (UNSET when absent, which has no fields of its own); the
    callers check the type of what they get. Not `or None`: that turned `more: false`
    and `total_records: 0` into "unknown"."""
    return getattr(value, name, None)


class Pager:
    """The state of one iteration over a list operation."""

    def __init__(self, pagination: Pagination, page_size: int, max_items: int | None) -> None:
        self.pagination = pagination
        self.page_size = page_size  # new items wanted per page
        self.remaining = max_items
        self.offset = 0  # where the next page starts, in the server's latest numbering
        self.total: int | None = None  # total_records of the last page used: planning only
        self.done = max_items == 0
        self.sweeping = False  # the final sweep of the head (sequential)
        self._probing = False  # the next request is the first sweep's short probe
        self._quiet = True  # the main pass saw no sign of the list moving (see above)
        # The ids yielded. A dict, not a set: a dict of strings is not tracked by the
        # garbage collector, a set is, and every full collection would walk it.
        self.seen: dict[str, None] = {}
        self._id_of = attrgetter(pagination.item_id)
        self._previous: dict[str, Any] = {}  # the last page used (its last items), by id
        # Where a sweep may stop (see _hold and _sweep_stop): items as read, by id.
        self._marks: dict[str, Any] = {}
        self._next_marks: dict[str, Any] = {}  # held by this sweep, for the next ones
        self._pass_requests = 0  # requests made by this pass (the main one or a sweep)
        self._sweep_budget = 0  # requests the sweeps may still make
        self._cap = pagination.max_page_size  # the most the server serves in one page
        self._back = page_size  # how far the next step back goes
        self._pages_without_new = 0
        self.items = 0  # items yielded so far

    @property
    def windowed(self) -> bool:
        """Whether later pages may be fetched ahead (not during the sweep, not at the end)."""
        return not self.done and not self.sweeping

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

    def _wanted(self) -> int:
        """New items wanted from the next page: page_size, less near max_items."""
        if self.remaining is not None and self.remaining < self.page_size:
            return self.remaining
        return self.page_size

    def _limit(self, offset: int) -> int:
        wanted = self._wanted()
        if not offset and not self._pass_requests:  # a pass's first page: nothing to repeat
            return SWEEP_FIRST_LIMIT if self._probing else min(wanted, self._cap)
        # One more than wanted: the first item repeats the previous page's last.
        return max(2, min(wanted + 1, self._cap))

    def plan(self, concurrency: int) -> list[tuple[int, int]]:
        """(offset, limit) of the pages to fetch next, in order; one unless the total is
        known, concurrency > 1 and this is not the sweep."""
        if self.done:
            return []
        first = (self.offset, self._limit(self.offset))
        if concurrency <= 1 or self.total is None or not self.windowed or not self.offset:
            return [first]
        pages = [first]
        while len(pages) < concurrency:
            following = self.plan_after(*pages[-1], pages_ahead=len(pages))
            if following is None:
                break
            pages.append(following)
        return pages

    def plan_after(self, offset: int, limit: int, pages_ahead: int) -> tuple[int, int] | None:
        """With concurrency: the page after the one planned at `offset`, overlapping it by
        one, to keep the window full; None when the last known total or max_items leaves
        nothing to fetch. `pages_ahead` is how many pages are planned and not yet read."""
        if not self.windowed or self.total is None or limit < 2:
            return None
        following = offset + limit - 1
        if following + 1 >= self.total:
            return None
        if self.remaining is not None and pages_ahead * (limit - 1) >= self.remaining:
            return None
        return (following, limit)

    def _ids(self, items: list[Any], offset: int) -> list[str]:
        ids: list[str] = list(map(self._id_of, items))
        try:
            "".join(ids)  # the cheapest test that every id is a string: join refuses others
            usable = "" not in ids
        except TypeError:
            usable = False
        if not usable:
            # Without an id an item can be neither told from the others nor used to prove
            # that two pages join up: the guarantee cannot be kept, so say so.
            index = next(i for i, key in enumerate(ids) if not isinstance(key, str) or not key)
            raise ResponseValidationError(
                f"item {index} of the page at offset {offset} has no "
                f"{self.pagination.item_id}: the iterator cannot tell it from the others "
                f"(read such pages with the list call itself)"
            )
        return ids

    def accept(
        self, offset: int, limit: int, page: Any, *, first_in_window: bool
    ) -> list[Any] | None:
        """The items to yield from a page, or None if the page cannot be shown to join the
        pages read before it (it is dropped, with the rest of its window)."""
        probe, self._probing = self._probing, False
        self._pass_requests += 1
        # Whether new items here mean reading further down the list: not when the pass
        # went back to offset 0 (what is new there arrived meanwhile, at the head).
        advancing = bool(offset) or self._pass_requests == 1
        self._sweep_budget -= self.sweeping and not probe
        items = _attribute(page, self.pagination.items) or []
        ids = self._ids(items, offset)
        if offset and not self._joins(ids, items):
            if first_in_window and items and all(key in self.seen for key in ids):
                # Asked for right after the last page used, and it holds only items read
                # before it: the list grew above, pushing that page further down. Step
                # forward (only the proof decides what is used; this is where to look).
                self.offset = offset + max(1, len(items) - 1)
            elif first_in_window:
                # Asked for right after the last page used, and that page's items are not
                # there: the list shrank or moved above it. Step back, further each time.
                self.offset = max(0, offset - self._back)
                self._back *= 2
            self._quiet = False
            self.done = self.sweeping and self._sweep_budget <= 0
            if not self.sweeping:  # the sweeps are bounded by their budget instead
                self._no_new_items(offset)
            return None

        stop = self._sweep_stop(ids, items) if self.sweeping else len(items)
        fresh = (
            self._fresh(ids, items) if stop == len(items) else self._fresh(ids[:stop], items[:stop])
        )
        if offset and len(fresh) != stop - 1:
            self._quiet = False  # more repeats than the overlap: the list moved down
        self._previous = dict(zip(ids[-KEPT:], items[-KEPT:], strict=True))
        self._hold(ids, items)
        if self.remaining is not None:
            self.remaining -= len(fresh)
        self.items += len(fresh)

        more: bool | None = None
        result_set = page
        for name in self.pagination.result_set:
            result_set = _attribute(result_set, name)
        if result_set is not None:  # UNSET has no fields: both read as unknown
            found = _attribute(result_set, "more")
            more = found if isinstance(found, bool) else None
            found = _attribute(result_set, "total_records")
            self.total = found if isinstance(found, int) and not isinstance(found, bool) else None
        count = len(items)
        at_end = count == 0 or (not more if more is not None else count < limit)
        if probe and stop == count and not at_end:
            # The marks are further down than the probe reached: sweep from the head again,
            # with full pages, in one instant if the list lets us (see SWEEP_FIRST_LIMIT).
            self._pass_requests = self.offset = 0
            return fresh
        if not at_end and count < limit:
            self._cap = max(2, count)  # the server serves fewer than asked: ask for that
        self.offset = offset + max(count - 1, 0)
        self._back = self.page_size
        if self.remaining is not None and self.remaining <= 0:
            self.done = True
        elif at_end or stop < len(items):
            # This pass is over. Unless it was one request (one instant of the list) it
            # may have missed what moved to the head meanwhile: sweep the head again.
            if not self.sweeping:  # the sweeps make no more requests than the main pass
                self._sweep_budget = self._pass_requests
            self.done = self._pass_requests == 1
            # The first sweep probes after a quiet pass, if a probe is shorter than a page.
            self._probing = (
                self._quiet
                and not self.done
                and not self.sweeping
                and min(self._wanted(), self._cap) > SWEEP_FIRST_LIMIT
            )
            self.sweeping = not self.done
            self._marks.update(self._next_marks)
            self._next_marks = {}
            self._pass_requests = self.offset = 0
        if self.sweeping and self._sweep_budget <= 0:
            self.done = True  # the head moves as fast as we read it: give up (see above)
        if fresh and advancing:
            self._pages_without_new = 0
        elif not self.done and not self.sweeping:
            self._no_new_items(offset)
        return fresh

    def _joins(self, ids: list[str], items: list[Any]) -> bool:
        """Whether the page holds an item of the previous page, unchanged."""
        previous = self._previous
        for key, item in zip(ids, items, strict=True):
            if key in previous and previous[key] == item:
                return True  # usually the first item: the overlap
        return False

    def _hold(self, ids: list[str], items: list[Any]) -> None:
        """Keep what a later sweep may stop at: every item of a pass's first page, and a
        few (KEPT, evenly spread) of each later page of the main pass, at most MAX_MARKS.

        Why these: an item X read by the main pass (which reached the end of the list)
        and unchanged since has above it everything the main pass missed: what it
        missed moved to the head after the main pass had read past it. So has an item
        of a sweep's first page, for what that sweep missed (it moved after the sweep
        began); such items count from the next sweep on. Stopping at the first held
        item a sweep meets unchanged loses nothing; holding many, at every depth, means
        a busy head (or churn aimed at the newest items) cannot change them all. Items
        of a sweep's later pages are not held: they prove nothing for what moved while
        that sweep was under way."""
        first = self._pass_requests == 1  # a pass starts at offset 0, which needs no proof
        if (self.sweeping and not first) or len(self._marks) >= MAX_MARKS:
            return
        if self.sweeping:
            # Not for this sweep to stop at (it must reach what the passes before it
            # missed): for the sweeps after it, once it is over.
            self._next_marks.update(zip(ids, items, strict=True))
        elif first:
            self._marks.update(zip(ids, items, strict=True))
        else:
            step = max(1, len(ids) // KEPT)
            self._marks.update(zip(ids[::step], items[::step], strict=True))

    def _sweep_stop(self, ids: list[str], items: list[Any]) -> int:
        """Where a sweep ends in this page: at the first item found unchanged of those
        held (everything that moved or arrived since it was read is above it), else
        past the page."""
        marks = self._marks
        for index, (key, item) in enumerate(zip(ids, items, strict=True)):
            if key in marks and marks[key] == item:
                return index
        return len(items)

    def _fresh(self, ids: list[str], items: list[Any]) -> list[Any]:
        """The items not yielded before (nor earlier in this page), within max_items."""
        seen = self.seen
        # The usual page repeats only its leading item(s) (the overlap) and the rest are
        # new: add the rest to `seen` in one pass, and tell from how much it grew that
        # they were all new and distinct (a slice, no set built, no loop in Python).
        leading = 0
        while leading < len(ids) and ids[leading] in seen:
            leading += 1
        before = len(seen)
        seen.update(zip(ids[leading:], repeat(None)))
        if len(seen) - before == len(ids) - leading:
            fresh = items[leading:]
        else:
            # Not so: undo that update (a dict pops its newest keys first), item by item.
            for _ in range(len(seen) - before):
                seen.popitem()
            fresh = []
            for key, item in zip(ids, items, strict=True):
                if key not in seen:
                    seen[key] = None
                    fresh.append(item)
        if self.remaining is not None and len(fresh) > self.remaining:
            del fresh[self.remaining :]
        return fresh

    def _no_new_items(self, offset: int) -> None:
        self._pages_without_new += 1
        if self._pages_without_new >= MAX_PAGES_WITHOUT_NEW_ITEMS:
            raise ResponseValidationError(
                f"{MAX_PAGES_WITHOUT_NEW_ITEMS} pages in a row brought no item not already "
                f"seen further down the list (last offset {offset}): it ignores the offset, "
                f"or changes faster than it can be read; stopping"
            )
