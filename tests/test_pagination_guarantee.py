"""The iterators' guarantee against a list that changes between requests (over real HTTP):
every conversation that exists from the first request to the last is yielded exactly
once, whatever is inserted, deleted or moved to the head meanwhile, sequentially and with
concurrency; and what hostile list servers did to the client (issue 14: D2 D3 D4 D24 D25).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FAST_RETRIES
from tests.list_server import ConversationList, ListServer
from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import (
    AsyncConversationApi,
    ConversationApi,
    RateLimiter,
    ResponseValidationError,
    UnsuccessfulResponseError,
)
from ultracart_conversations._pagination import SWEEP_FIRST_LIMIT

# How the iteration is run: sync, or async with this concurrency.
MODES = ["sync", "async-1", "async-4"]


def iterate(server: ScriptedServer, mode: str, page_size: int) -> list[str]:
    """The uuids the client's iterator yields, in order."""
    if mode == "sync":
        with ConversationApi(
            simple_key="key", base_url=server.base_url, retry_policy=FAST_RETRIES
        ) as api:
            return [str(s.conversation_uuid) for s in api.iter_conversations(page_size=page_size)]

    async def run() -> list[str]:
        concurrency = int(mode[6:])
        async with AsyncConversationApi(
            simple_key="key",
            base_url=server.base_url,
            retry_policy=FAST_RETRIES,
            # A gate that lets the window's pages go at once (ConcurrencyLimitedWarning).
            rate_limiter=RateLimiter(concurrency=concurrency),
        ) as api:
            summaries = api.iter_conversations(page_size=page_size, concurrency=concurrency)
            return [str(s.conversation_uuid) async for s in summaries]

    return asyncio.run(run())


@pytest.fixture
def serve() -> Iterator[Callable[[ListServer], ScriptedServer]]:
    with ScriptedServer() as server:

        def using(lister: ListServer) -> ScriptedServer:
            server.set_fallback(lister.serve)
            return server

        yield using


def assert_exactly_once(got: list[str], lister: ListServer) -> None:
    assert len(got) == len(set(got)), "a conversation was yielded twice"
    missing = [uuid for uuid in lister.existed_throughout() if uuid not in got]
    assert missing == [], f"{len(missing)} conversations that existed throughout were lost"


# --- D2: a server's next_offset past what it served ---------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_d2_next_offset_past_a_capped_page_skips_nothing(
    mode: str, serve: Callable[[ListServer], ScriptedServer]
) -> None:
    # At most 7 per page, but next_offset = offset + limit: following it skipped 30 of 100.
    lister = ListServer(ConversationList(100), cap=7, next_offset_past_page=True)
    got = iterate(serve(lister), mode, page_size=10)
    assert got == lister.list.uuids()


# --- D3: concurrency trusting a stale total_records ----------------------------------------


@pytest.mark.parametrize(("inserted", "cached_for"), [(2, 3), (3, 4), (4, 4)])
def test_d3_concurrency_with_head_inserts_and_a_stale_total_loses_nothing(
    inserted: int, cached_for: int, serve: Callable[[ListServer], ScriptedServer]
) -> None:
    # total_records is recounted only every few requests: it reports arrivals late, in a
    # jump, so the growth between two pages no longer tells whether they overlap. (Which
    # page the jump lands on depends on the order the requests arrive in: three runs.)
    for _ in range(3):
        lister = ListServer(
            ConversationList(100), lambda lst: lst.insert(inserted), total_cached_for=cached_for
        )
        existing = lister.list.uuids()
        got = iterate(serve(lister), "async-4", page_size=10)
        assert len(got) == len(set(got))
        assert [uuid for uuid in got if uuid in set(existing)] == existing


# --- D4: deletions at the head, and old conversations moved to the head --------------------


@pytest.mark.parametrize("mode", MODES)
def test_d4_deletions_at_the_head_skip_nothing_that_exists_throughout(
    mode: str, serve: Callable[[ListServer], ScriptedServer]
) -> None:
    def delete_three_at_the_head(lst: ConversationList) -> None:
        for _ in range(3):
            lst.delete(0)

    lister = ListServer(ConversationList(100), delete_three_at_the_head)
    got = iterate(serve(lister), mode, page_size=10)
    assert_exactly_once(got, lister)
    assert len(lister.existed_throughout()) < 100  # the head did shrink


@pytest.mark.parametrize("mode", MODES)
def test_d4_an_old_conversation_bumped_to_the_head_is_yielded_once(
    mode: str, serve: Callable[[ListServer], ScriptedServer]
) -> None:
    # Before each request the oldest conversation gets a new message and moves to the head.
    lister = ListServer(ConversationList(100), lambda lst: lst.bump(-1))
    got = iterate(serve(lister), mode, page_size=10)
    assert sorted(got) == sorted(lister.list.uuids())  # all 100, none twice


# --- D24: a 200 that says it failed --------------------------------------------------------

FAILED_200 = {
    "success": False,
    "error": {"developer_message": "Search backend unavailable", "error_code": "x"},
}


@pytest.mark.parametrize("mode", ["sync", "async-1"])
def test_d24_a_200_with_success_false_is_a_typed_error_not_an_empty_page(
    mode: str, scripted: ScriptedServer
) -> None:
    scripted.set_fallback(lambda _request: Reply.json(200, FAILED_200))
    with pytest.raises(UnsuccessfulResponseError, match="Search backend unavailable") as caught:
        iterate(scripted, mode, page_size=10)
    assert caught.value.status == 200
    assert caught.value.error_response is not None


def test_d24_a_success_false_mid_iteration_ends_it_with_the_error(
    scripted: ScriptedServer,
) -> None:
    first_page = ListServer(ConversationList(30)).serve
    answers = iter([first_page])
    scripted.set_fallback(
        lambda request: next(answers, lambda _r: Reply.json(200, FAILED_200))(request)
    )
    with ConversationApi(simple_key="key", base_url=scripted.base_url) as api:
        summaries = api.iter_conversations(page_size=10)
        assert len([next(summaries) for _ in range(10)]) == 10
        with pytest.raises(UnsuccessfulResponseError, match="success=false"):
            next(summaries)


# --- D25: items without an id --------------------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async-1"])
def test_d25_a_page_with_an_item_without_uuid_is_a_typed_error_not_endless(
    mode: str, scripted: ScriptedServer
) -> None:
    anonymous = {
        "conversations": [{"conversation_uuid": "a"}, {"message_count": 3}],
        "metadata": {"result_set": {"count": 2, "more": True, "total_records": 50}},
    }
    scripted.enqueue(*[Reply.json(200, anonymous)] * 5)  # then 599s: the test ends either way
    with pytest.raises(ResponseValidationError, match="item 1 of the page at offset 0 has no"):
        iterate(scripted, mode, page_size=2)
    assert len(scripted.requests) == 1


# --- the sweep's short probe -----------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_probe_that_misses_the_marks_costs_the_sweep_nothing(
    mode: str, serve: Callable[[ListServer], ScriptedServer]
) -> None:
    # Pages of 100 over 150 conversations. Ten of the oldest move to the head before the
    # main pass's second request and ten more before the sweep, so the sweep's short probe
    # cannot reach the marks; then "c0", already moved once, moves again. A sweep that
    # spent its budget on the probe would give up and lose it: it existed throughout.
    def change(lst: ConversationList) -> None:
        if len(lst.served) in (1, 2):
            for _ in range(10):
                lst.bump(-1)
        elif len(lst.served) == 3:
            lst.bump(lst.uuids().index("c0"))

    lister = ListServer(ConversationList(150), change)
    got = iterate(serve(lister), mode, page_size=100)
    assert_exactly_once(got, lister)
    assert "c0" in got


# --- the guarantee, against random changes between requests -------------------------------


def assert_guarantee_under(
    script: list[list[tuple[str, int]]],
    size: int,
    page_size: int,
    mode: str,
    serve: Callable[[ListServer], ScriptedServer],
) -> None:
    """Iterate a list of `size` while, before each request but the first, the server
    applies the script's next set of changes (arrivals at the head, deletions and bumps
    anywhere, changes in place); then check the guarantee."""
    pending = iter(script)

    def change(lst: ConversationList) -> None:
        for kind, index in next(pending, []):
            getattr(lst, kind)(index) if kind != "insert" else lst.insert(1)

    lister = ListServer(ConversationList(size), change)
    got = iterate(serve(lister), mode, page_size)
    assert_exactly_once(got, lister)
    ever = {uuid for served in lister.list.served for uuid in served}
    assert set(got) <= ever


CHANGES = st.lists(
    st.tuples(st.sampled_from(["insert", "delete", "bump", "touch"]), st.integers(0, 40)),
    max_size=2,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    size=st.integers(0, 30),
    page_size=st.integers(2, 6),
    mode=st.sampled_from(MODES),
    script=st.lists(CHANGES, max_size=30),
)
def test_every_conversation_that_exists_throughout_is_yielded_exactly_once(
    size: int,
    page_size: int,
    mode: str,
    script: list[list[tuple[str, int]]],
    serve: Callable[[ListServer], ScriptedServer],
) -> None:
    assert_guarantee_under(script, size, page_size, mode, serve)


MANY_CHANGES = st.lists(
    st.tuples(st.sampled_from(["insert", "delete", "bump", "touch"]), st.integers(0, 150)),
    max_size=5,
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    size=st.integers(40, 150),
    page_size=st.integers(SWEEP_FIRST_LIMIT + 1, 60),
    mode=st.sampled_from(MODES),
    script=st.lists(MANY_CHANGES, max_size=12),
)
def test_the_guarantee_holds_with_pages_longer_than_the_probe_and_a_busy_head(
    size: int,
    page_size: int,
    mode: str,
    script: list[list[tuple[str, int]]],
    serve: Callable[[ListServer], ScriptedServer],
) -> None:
    # As above, with pages longer than the sweep's probe, up to 5 changes a request (well
    # under the page of moves a request at which the sweeps may give up, see the README).
    assert_guarantee_under(script, size, page_size, mode, serve)
