"""Issue #20: the paging guarantee survives churn aimed at what the iterator holds on to
(its marks) and at the newest conversations, sync and async; and `"more": false` ends a
pass (it was read as "unknown"). Over real HTTP on 127.0.0.1 (tests/list_server.py).

The stateful property test runs a bounded number of random iterations in `make test`
and many more in `make fuzz` (tests/fuzz_settings.py); docs/guarantees.md records the
loss measured over thousands of runs (none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.churn import AIMS, Churn, run_churn
from tests.fuzz_settings import fuzz_settings
from tests.list_server import ConversationList, ListServer
from tests.scripted_server import RecordedRequest, Reply, ScriptedServer
from tests.test_pagination_guarantee import MODES, iterate
from ultracart_conversations import ResponseValidationError


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as scripted:
        yield scripted


# --- churn aimed at the marks and the head -----------------------------------------------------


@pytest.mark.fuzz
@fuzz_settings(max_examples=40)
@given(
    seed=st.integers(0, 2**32 - 1),
    size=st.integers(0, 700),
    page_size=st.integers(2, 40),
    rate=st.sampled_from([0.01, 0.02, 0.03]),
    mode=st.sampled_from(MODES),
    aims=st.sampled_from([("head",), ("marks",), ("head", "marks"), AIMS]),
)
def test_churn_aimed_at_the_marks_and_the_head_loses_nothing(
    server: ScriptedServer,
    seed: int,
    size: int,
    page_size: int,
    rate: float,
    mode: str,
    aims: tuple[str, ...],
) -> None:
    # 1 to 3 % of a page changes before each request (at least one change in five
    # requests), aimed at the newest conversations and at the iterator's marks.
    churn = Churn(seed, max(rate * page_size, 0.2), aims)
    outcome = run_churn(server, iterate, size=size, page_size=page_size, mode=mode, churn=churn)
    assert outcome.lost == []
    assert outcome.repeated == 0


@pytest.mark.parametrize(
    ("seed", "size", "page_size", "rate", "mode", "aims"),
    [
        # The sweep's marks (the first 8 of the first page) all changed: the sweep read
        # the whole list again and failed, "50 pages in a row brought no item not
        # already seen".
        (3422057796, 808, 12, 0.01, "sync", ("head",)),
        (1396478261, 1559, 9, 0.03, "async-1", ("head", "marks")),
        (2602510382, 2818, 25, 0.03, "async-4", ("marks",)),
    ],
)
def test_a_busy_head_does_not_make_the_sweep_fail_rereading_the_list(
    server: ScriptedServer,
    seed: int,
    size: int,
    page_size: int,
    rate: float,
    mode: str,
    aims: tuple[str, ...],
) -> None:
    churn = Churn(seed, max(rate * page_size, 0.2), aims)
    outcome = run_churn(server, iterate, size=size, page_size=page_size, mode=mode, churn=churn)
    assert (outcome.lost, outcome.repeated) == ([], 0)


def test_a_sweep_does_not_stop_at_a_mark_of_its_own(server: ScriptedServer) -> None:
    # Found while building the marks: a sweep stopping at an item of its own first page
    # (found again on its second page) missed three conversations that had moved to the
    # head during the main pass; its first page now counts only for the sweeps after it.
    churn = Churn(328772114, 0.2, AIMS)
    outcome = run_churn(server, iterate, size=2267, page_size=5, mode="sync", churn=churn)
    assert (outcome.lost, outcome.repeated) == ([], 0)


# --- "more": false -----------------------------------------------------------------------------


def _counting(lister: ListServer, server: ScriptedServer) -> list[tuple[int, int]]:
    asked: list[tuple[int, int]] = []

    def serve(request: RecordedRequest) -> Reply:
        asked.append((int(request.query["_offset"]), int(request.query["_limit"])))
        return lister.serve(request)

    server.set_fallback(serve)
    return asked


@pytest.mark.parametrize("mode", MODES)
def test_more_false_ends_a_list_that_fits_one_page_in_one_request(
    server: ScriptedServer, mode: str
) -> None:
    lister = ListServer(ConversationList(10))
    asked = _counting(lister, server)
    got = iterate(server, mode, page_size=10)
    assert got == lister.list.uuids()
    assert asked == [(0, 10)]  # was 3: `more: false` read as unknown


def _clamping(lister: ListServer) -> Callable[[RecordedRequest], Reply]:
    """A server that answers an offset past the end with its last page (and more=false)."""

    def serve(request: RecordedRequest) -> Reply:
        total = len(lister.list.items)
        limit = int(request.query["_limit"])
        offset = min(int(request.query["_offset"]), max(0, total - limit))
        query = {**request.query, "_offset": str(offset)}
        clamped = RecordedRequest(
            request.method, request.path, query, request.headers, request.body
        )
        return lister.serve(clamped)

    return serve


@pytest.mark.parametrize("mode", MODES)
def test_a_server_clamping_offsets_past_the_end_is_read_in_a_few_requests(
    server: ScriptedServer, mode: str
) -> None:
    lister = ListServer(ConversationList(25))
    server.set_fallback(_clamping(lister))
    got = iterate(server, mode, page_size=10)
    assert sorted(got) == sorted(lister.list.uuids())
    assert len(lister.list.served) <= 5  # was 50+ and a ResponseValidationError


@pytest.mark.parametrize("mode", MODES)
def test_an_empty_list_with_total_records_zero_costs_one_request(
    server: ScriptedServer, mode: str
) -> None:
    lister = ListServer(ConversationList(0))
    asked = _counting(lister, server)
    assert iterate(server, mode, page_size=10) == []
    assert len(asked) == 1


def _grows_by_six_every_ten_requests(lst: ConversationList) -> None:
    if len(lst.served) % 10 == 0:
        lst.insert(6)


@pytest.mark.parametrize("mode", ["sync", "async-1"])
def test_a_list_that_grew_by_more_than_a_page_is_searched_forward_not_reread(
    server: ScriptedServer, mode: str
) -> None:
    # Found by make fuzz (pages of 2): when more arrived at the head than a page holds,
    # the next page held only items read before, and the pager stepped back, further each
    # time, to offset 0, then read it all again, and never ended while the head grew. It
    # now looks forward.
    lister = ListServer(ConversationList(300), _grows_by_six_every_ten_requests)
    server.set_fallback(lister.serve)
    got = iterate(server, mode, page_size=2)
    assert set(lister.existed_throughout()) <= set(got)
    assert len(got) == len(set(got))
    assert len(lister.list.served) < 600  # about one request a page, plus the sweeps


def test_a_window_of_pages_under_the_same_growth_ends_with_a_typed_error(
    server: ScriptedServer,
) -> None:
    # 30 % of a page per request is far beyond the guarantee (1-3 %). Four pages at once
    # are dropped whole when the first does not join the last page used; the iteration
    # ends, with what it yielded exactly once, instead of paging for ever.
    lister = ListServer(ConversationList(300), _grows_by_six_every_ten_requests)
    server.set_fallback(lister.serve)
    with pytest.raises(ResponseValidationError, match="no item not already seen"):
        iterate(server, "async-4", page_size=2)
    assert len(lister.list.served) < 2000
