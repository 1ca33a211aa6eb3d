"""iter_conversations over real HTTP: lazy paging, overlapping pages, max_items, null
totals, conversations arriving at the head while paging, the final sweep of the head and
concurrent fetching in the async client. (The guarantee against deletions and moves, and
the hostile list servers of issue 14: test_pagination_guarantee.py.)"""

from __future__ import annotations

import asyncio
from itertools import islice
from typing import Any

import httpx
import pytest

from tests.conftest import FAST_RETRIES
from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import (
    AsyncConversationApi,
    BadRequestError,
    ConversationApi,
    ConversationsResponse,
    RateLimiter,
    ResponseValidationError,
)
from ultracart_conversations._pagination import (
    MAX_PAGES_WITHOUT_NEW_ITEMS,
    SWEEP_FIRST_LIMIT,
    Pager,
)
from ultracart_conversations.testing import FakeUltraCart, Fault
from ultracart_conversations_api.operations import GET_CONVERSATIONS

assert GET_CONVERSATIONS.pagination is not None
PAGING = GET_CONVERSATIONS.pagination


def uuids_of(fake: FakeUltraCart) -> list[str]:
    return [c["conversation_uuid"] for c in fake.conversations]


def pages_requested(fake: FakeUltraCart) -> list[tuple[str, str]]:
    return [
        (r.query["_offset"], r.query["_limit"])
        for r in fake.requests
        if r.operation_id == "getConversations"
    ]


def test_iterates_every_conversation_in_order_a_page_at_a_time(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    expected = uuids_of(fake)
    assert [s.conversation_uuid for s in api.iter_conversations(page_size=7)] == expected
    # Each page repeats the last item of the one before (and asks for one more), proving
    # that nothing lies between them; then one sweep of the head, which finds it unchanged.
    assert pages_requested(fake) == [("0", "7"), ("6", "8"), ("13", "8"), ("20", "8"), ("0", "7")]


def test_a_list_that_fits_in_one_page_takes_one_request(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    assert len(list(api.iter_conversations(page_size=30))) == 25
    assert pages_requested(fake) == [("0", "30")]  # one instant of the list: no sweep


def test_pages_are_fetched_only_as_iteration_needs_them(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    iterator = api.iter_conversations(page_size=5)
    assert fake.requests == []  # nothing until the first item is asked for
    first_three = list(islice(iterator, 3))
    assert len(first_three) == 3
    assert pages_requested(fake) == [("0", "5")]
    list(islice(iterator, 3))  # crosses into the second page
    assert pages_requested(fake) == [("0", "5"), ("4", "6")]


def test_max_items_stops_early_and_asks_for_no_more_than_needed(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    got = [s.conversation_uuid for s in api.iter_conversations(page_size=5, max_items=12)]
    assert got == uuids_of(fake)[:12]
    assert pages_requested(fake) == [("0", "5"), ("4", "6"), ("9", "3")]  # and no sweep
    assert list(api.iter_conversations(max_items=0)) == []


def test_null_total_records_still_pages_to_the_end(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    fake.total_records_known = False
    expected = uuids_of(fake)
    assert [s.conversation_uuid for s in api.iter_conversations(page_size=10)] == expected


@pytest.mark.parametrize(("page_size", "inserted_per_page"), [(5, 1), (5, 3), (10, 9), (1, 0)])
def test_conversations_arriving_at_the_head_cause_no_duplicates_and_no_losses(
    page_size: int, inserted_per_page: int, api: ConversationApi, fake: FakeUltraCart
) -> None:
    existing = uuids_of(fake)
    fake.insert_during_paging(count=inserted_per_page)
    got = [s.conversation_uuid for s in api.iter_conversations(page_size=page_size)]
    assert len(got) == len(set(got))  # no duplicates
    assert got[: len(existing)] == existing  # none lost, in order
    arrived = uuids_of(fake)[: len(uuids_of(fake)) - len(existing)]
    assert set(got[len(existing) :]) <= set(arrived)  # then what the sweep found
    assert len(arrived) > 0 or inserted_per_page == 0


def test_after_a_quiet_pass_the_sweep_starts_with_a_short_probe(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    existing = uuids_of(fake)
    assert len(existing) > SWEEP_FIRST_LIMIT
    page_size = len(existing) - 5
    full_sweep = ("0", str(page_size))
    probe = ("0", str(SWEEP_FIRST_LIMIT))
    # Nothing moved: the sweep reads SWEEP_FIRST_LIMIT items, not a page of page_size.
    assert [s.conversation_uuid for s in api.iter_conversations(page_size=page_size)] == existing
    assert pages_requested(fake)[-1] == probe
    # Arrivals after the main pass: the probe misses the marks, and the sweep starts again
    # from the head with a full page, which meets them (one instant: no other sweep).
    fake.clear_requests()
    iterator = api.iter_conversations(page_size=page_size)
    got = [s.conversation_uuid for s in islice(iterator, len(existing))]
    arrived = fake.insert_conversations(SWEEP_FIRST_LIMIT + 3)
    got += [s.conversation_uuid for s in iterator]
    assert got == existing + arrived
    assert pages_requested(fake)[-2:] == [probe, full_sweep]
    # Arrivals during the main pass show in its pages (more than one item repeats): no
    # probe, the sweep reads a full page at once.
    existing = uuids_of(fake)
    fake.clear_requests()
    iterator = api.iter_conversations(page_size=page_size)
    got = [s.conversation_uuid for s in islice(iterator, page_size)]
    arrived = fake.insert_conversations(3)
    got += [s.conversation_uuid for s in iterator]
    assert got == existing + arrived
    assert pages_requested(fake)[-1] == full_sweep
    assert probe not in pages_requested(fake)


def test_head_inserts_with_null_totals(api: ConversationApi, fake: FakeUltraCart) -> None:
    existing = uuids_of(fake)
    fake.total_records_known = False
    fake.insert_during_paging(count=2)
    got = [s.conversation_uuid for s in api.iter_conversations(page_size=4)]
    assert got[: len(existing)] == existing
    assert len(got) == len(set(got))


def test_an_error_while_paging_is_raised_from_the_iterator(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    iterator = api.iter_conversations(page_size=10)
    assert len(list(islice(iterator, 10))) == 10
    fake.inject("getConversations", Fault.status(400))
    with pytest.raises(BadRequestError):
        next(iterator)


def test_a_server_that_ignores_the_offset_is_not_paged_forever(
    scripted_api: ConversationApi, scripted: ScriptedServer
) -> None:
    same_page = {
        "conversations": [{"conversation_uuid": "only"}],
        "metadata": {"result_set": {"count": 1, "more": True, "total_records": None}},
    }
    scripted.set_fallback(lambda _request: Reply.json(200, same_page))
    with pytest.raises(ResponseValidationError, match="no item not already seen"):
        list(scripted_api.iter_conversations(page_size=1))
    assert len(scripted.requests) == MAX_PAGES_WITHOUT_NEW_ITEMS + 1


def test_a_server_without_result_set_stops_on_a_short_page(
    scripted_api: ConversationApi, scripted: ScriptedServer
) -> None:
    full = {"conversations": [{"conversation_uuid": "a"}, {"conversation_uuid": "b"}]}
    short = {"conversations": [{"conversation_uuid": "b"}, {"conversation_uuid": "c"}]}
    # The second page (offset 1, limit 3) is short: the end. Then the sweep of the head.
    scripted.enqueue(Reply.json(200, full), Reply.json(200, short), Reply.json(200, full))
    got = [s.conversation_uuid for s in scripted_api.iter_conversations(page_size=2)]
    assert got == ["a", "b", "c"]
    assert [r.query["_offset"] for r in scripted.requests] == ["0", "1", "0"]


# --- async ---------------------------------------------------------------------------------


async def test_async_iteration_with_async_for(
    async_api: AsyncConversationApi, fake: FakeUltraCart
) -> None:
    got = [s.conversation_uuid async for s in async_api.iter_conversations(page_size=6)]
    assert got == uuids_of(fake)
    assert pages_requested(fake) == [
        ("0", "6"),
        ("5", "7"),
        ("11", "7"),
        ("17", "7"),
        ("23", "7"),
        ("0", "6"),
    ]


class InFlight:
    """Counts requests in flight through httpx event hooks: the most seen at once."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0

    async def started(self, request: httpx.Request) -> None:
        self.now += 1
        self.most = max(self.most, self.now)

    async def finished(self, response: httpx.Response) -> None:
        self.now -= 1


def counting_api(fake: FakeUltraCart, in_flight: InFlight) -> AsyncConversationApi:
    http = httpx.AsyncClient(
        event_hooks={"request": [in_flight.started], "response": [in_flight.finished]}
    )
    return AsyncConversationApi(
        simple_key=fake.simple_key,
        base_url=fake.base_url,
        http_client=http,
        retry_policy=FAST_RETRIES,
        rate_limiter=RateLimiter(concurrency=8),  # the default lets one through at a time
    )


@pytest.mark.parametrize("concurrency", [1, 3])
async def test_concurrency_fetches_later_pages_together_bounded_and_in_order(
    concurrency: int, fake: FakeUltraCart
) -> None:
    fake.latency = 0.02  # so that concurrent requests overlap on the server
    in_flight = InFlight()
    api = counting_api(fake, in_flight)
    async with api.http_client:
        got = [
            s.conversation_uuid
            async for s in api.iter_conversations(page_size=4, concurrency=concurrency)
        ]
    assert got == uuids_of(fake)
    assert in_flight.most == concurrency
    offsets = sorted(int(offset) for offset, _ in pages_requested(fake))
    assert offsets == [0, 0, 3, 7, 11, 15, 19, 23]  # each page once, then the sweep


@pytest.mark.parametrize(("page_size", "inserted_per_page"), [(5, 2), (10, 1)])
async def test_concurrency_with_head_inserts_keeps_the_guarantees(
    page_size: int, inserted_per_page: int, fake: FakeUltraCart
) -> None:
    # The fake inserts on every request, so concurrent requests see the list move by
    # different amounts; whatever order the server serves them in, the result is exact.
    fake.insert_conversations(35)  # 60 conversations
    existing = uuids_of(fake)
    fake.insert_during_paging(count=inserted_per_page)
    in_flight = InFlight()
    api = counting_api(fake, in_flight)
    async with api.http_client:
        got = [
            s.conversation_uuid
            async for s in api.iter_conversations(page_size=page_size, concurrency=4)
        ]
    assert len(got) == len(set(got))  # none twice
    old = set(existing)
    assert [u for u in got if u in old] == existing  # none lost, in list order
    # Arrivals may come too (a step back can reach the head): at most once, as stated.
    assert set(got) - old <= set(uuids_of(fake))
    assert in_flight.most > 1


async def test_concurrency_falls_back_to_sequential_without_a_total(fake: FakeUltraCart) -> None:
    fake.total_records_known = False
    fake.latency = 0.02
    in_flight = InFlight()
    api = counting_api(fake, in_flight)
    async with api.http_client:
        got = [
            s.conversation_uuid async for s in api.iter_conversations(page_size=5, concurrency=4)
        ]
    assert got == uuids_of(fake)
    assert in_flight.most == 1


# The default gate lets one page through at a time: what this test is about either way.
@pytest.mark.filterwarnings("ignore::ultracart_conversations.ConcurrencyLimitedWarning")
async def test_a_failing_page_in_a_window_raises_its_own_api_error(
    async_api: AsyncConversationApi, fake: FakeUltraCart
) -> None:
    iterator = async_api.iter_conversations(page_size=5, concurrency=3, max_items=None)
    first = await anext(iterator)
    assert first.conversation_uuid == uuids_of(fake)[0]
    for _ in range(4):
        await anext(iterator)
    fake.inject("getConversations", Fault.status(400))
    with pytest.raises(BadRequestError):
        async for _ in iterator:
            pass


# --- the pager's bookkeeping ---------------------------------------------------------------


def page(uuids: list[str], total: int | None, more: bool, offset: int) -> ConversationsResponse:
    result_set: dict[str, Any] = {
        "count": len(uuids),
        "more": more,
        "offset": offset,
        "next_offset": offset + len(uuids),
        "total_records": total,
    }
    return ConversationsResponse.from_dict(
        {
            "conversations": [{"conversation_uuid": u} for u in uuids],
            "metadata": {"result_set": result_set},
        }
    )


def uuids(items: list[Any] | None) -> list[str]:
    assert items is not None
    return [str(s.conversation_uuid) for s in items]


def test_the_pager_plans_a_window_only_once_the_total_is_known() -> None:
    pager = Pager(PAGING, page_size=2, max_items=None)
    assert pager.plan(concurrency=3) == [(0, 2)]
    assert uuids(pager.accept(0, 2, page(["a", "b"], 7, True, 0), first_in_window=True)) == [
        "a",
        "b",
    ]
    # Each page starts on the last item of the one before it and asks for one more.
    assert pager.plan(concurrency=3) == [(1, 3), (3, 3), (5, 3)]


def test_the_pager_uses_window_pages_that_join_and_drops_those_that_do_not() -> None:
    pager = Pager(PAGING, page_size=2, max_items=None)
    pager.accept(0, 2, page(["a", "b"], 9, True, 0), first_in_window=True)
    # The window [1, 3, 5]. Page 1 was served after one arrival: it repeats "a" and "b".
    assert uuids(pager.accept(1, 3, page(["a", "b", "c"], 10, True, 1), first_in_window=True)) == [
        "c"
    ]
    # Page 3 holds "c", unchanged: it joins, whatever the totals say.
    assert uuids(pager.accept(3, 3, page(["c", "d", "e"], 8, True, 3), first_in_window=False)) == [
        "d",
        "e",
    ]
    # Page 5 was served before an arrival and does not hold "e": dropped, and planned again
    # from "e" (not stepped back: it was planned before "e" was read).
    assert pager.accept(5, 3, page(["g", "h", "i"], 99, True, 5), first_in_window=False) is None
    assert pager.plan(concurrency=1) == [(5, 3)]


def test_the_pager_steps_back_further_each_time_the_page_after_the_last_does_not_join() -> None:
    pager = Pager(PAGING, page_size=3, max_items=None)
    pager.accept(0, 3, page(["a", "b", "c", "d", "e", "f"][:3], 20, True, 0), first_in_window=True)
    assert pager.plan(concurrency=1) == [(2, 4)]
    # Deletions above: "c" is no longer at 2. Back one page, then two.
    assert pager.accept(2, 4, page(["x", "y", "z", "w"], 20, True, 2), first_in_window=True) is None
    assert pager.plan(concurrency=1) == [(0, 4)]  # offset 0 needs no proof


def test_a_changed_item_proves_nothing() -> None:
    pager = Pager(PAGING, page_size=2, max_items=None)
    pager.accept(0, 2, page(["a", "b"], 9, True, 0), first_in_window=True)
    changed = page(["b", "c", "d"], 9, True, 1)
    changed.conversations[0].message_count = 7  # type: ignore[index]
    assert pager.accept(1, 3, changed, first_in_window=True) is None


def test_the_pager_yields_each_id_once_however_a_page_repeats_them() -> None:
    pager = Pager(PAGING, page_size=3, max_items=None)
    assert uuids(pager.accept(0, 3, page(["a", "b", "c"], 20, True, 0), first_in_window=True)) == [
        "a",
        "b",
        "c",
    ]
    # The usual page: only its leading item was yielded before.
    assert uuids(
        pager.accept(2, 4, page(["c", "d", "e", "f"], 20, True, 2), first_in_window=True)
    ) == [
        "d",
        "e",
        "f",
    ]
    # A repeat further down ("d") and one within the page ("g" twice): each new id once,
    # and what was seen before stays seen (the fast path's additions are undone first).
    odd = page(["f", "g", "d", "g", "h"], 20, True, 5)
    assert uuids(pager.accept(5, 5, odd, first_in_window=True)) == ["g", "h"]
    assert list(pager.seen) == ["a", "b", "c", "d", "e", "f", "g", "h"]
    assert uuids(pager.accept(9, 4, page(["h", "i"], 20, True, 9), first_in_window=True)) == ["i"]


def test_the_pager_shrinks_its_pages_to_what_the_server_serves() -> None:
    pager = Pager(PAGING, page_size=5, max_items=None)
    pager.accept(0, 5, page(["a", "b", "c"], 40, True, 0), first_in_window=True)  # gave 3
    assert pager.plan(concurrency=2) == [(2, 3), (4, 3)]


def test_the_pager_keeps_a_sliding_window_full_up_to_the_total_and_max_items() -> None:
    pager = Pager(PAGING, page_size=2, max_items=None)
    assert pager.plan_after(0, 2, pages_ahead=0) is None  # total not known yet
    pager.accept(0, 2, page(["a", "b"], 8, True, 0), first_in_window=True)
    assert pager.plan_after(3, 3, pages_ahead=2) == (5, 3)
    assert pager.plan_after(7, 3, pages_ahead=3) is None  # offset 9 is past the 8 known
    limited = Pager(PAGING, page_size=2, max_items=6)
    limited.accept(0, 2, page(["a", "b"], 20, True, 0), first_in_window=True)
    assert limited.plan_after(1, 3, pages_ahead=1) == (3, 3)  # 2 planned of 4 remaining
    assert limited.plan_after(3, 3, pages_ahead=2) is None  # 4 planned cover the rest


def test_the_sweep_stops_at_an_unchanged_item_of_the_first_page() -> None:
    pager = Pager(PAGING, page_size=2, max_items=None)
    pager.accept(0, 2, page(["a", "b"], 4, True, 0), first_in_window=True)
    pager.accept(1, 3, page(["b", "c", "d"], 4, True, 1), first_in_window=True)
    assert uuids(pager.accept(3, 3, page(["d", "e"], 5, False, 3), first_in_window=True)) == ["e"]
    assert not pager.done  # three requests: the list may have moved; sweep the head
    # "c" moved to the head (changed), "n" arrived: both above "a".
    assert pager.plan(concurrency=4) == [(0, 2)]
    head = page(["n", "c"], 6, True, 0)
    head.conversations[1].message_count = 9  # type: ignore[index]
    assert uuids(pager.accept(0, 2, head, first_in_window=True)) == ["n"]  # "c": yielded
    assert pager.plan(concurrency=1) == [(1, 3)]
    moved_on = page(["c", "a", "b"], 6, True, 1)
    moved_on.conversations[0].message_count = 9  # type: ignore[index]
    assert uuids(pager.accept(1, 3, moved_on, first_in_window=True)) == []
    # That sweep took two requests: another one, which meets "n" unchanged at once.
    assert not pager.done
    assert uuids(pager.accept(0, 2, head, first_in_window=True)) == []
    assert pager.done


async def test_leaving_a_concurrent_iteration_early_cancels_the_fetches_in_flight(
    fake: FakeUltraCart,
) -> None:
    fake.latency = 0.05
    in_flight = InFlight()
    api = counting_api(fake, in_flight)
    async with api.http_client:
        iterator = api.iter_conversations(page_size=2, concurrency=4)
        async for _ in iterator:
            break
        await iterator.aclose()  # what `async for` leads to when the generator is released
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    assert pending == []
    assert fake.count("getConversations") <= 1 + 4
