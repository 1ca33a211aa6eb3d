"""Issue #20: `deadline=` bounds the request in flight, not only the waits between
requests (`deadline=1` took 8 s: the attempt under way ran to its attempt_timeout)."""

from __future__ import annotations

import time

import pytest

from ultracart_conversations import AsyncConversationApi, ConversationApi, DeadlineExceededError
from ultracart_conversations.testing import FakeUltraCart

SLOW_ANSWER = 8.0  # the server takes this long to answer each page
DEADLINE = 1.0
# Well under SLOW_ANSWER, with slack for a loaded machine.
ENDS_BY = DEADLINE + 3.0


def test_deadline_cuts_the_page_request_in_flight() -> None:
    with (
        FakeUltraCart(conversations=10, latency=SLOW_ANSWER) as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
    ):
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError, match="deadline") as caught:
            list(api.iter_conversations(page_size=5, deadline=DEADLINE))
        assert time.monotonic() - started < ENDS_BY
    assert caught.value.items == 0
    assert caught.value.next_offset == 0


@pytest.mark.parametrize("concurrency", [1, 3])
async def test_deadline_cuts_the_page_requests_in_flight_async(concurrency: int) -> None:
    from ultracart_conversations import RateLimiter

    with FakeUltraCart(conversations=10, latency=SLOW_ANSWER) as fake:
        async with AsyncConversationApi(
            simple_key=fake.simple_key,
            base_url=fake.base_url,
            rate_limiter=RateLimiter(concurrency=concurrency),
        ) as api:
            started = time.monotonic()
            with pytest.raises(DeadlineExceededError):
                async for _ in api.iter_conversations(
                    page_size=5, concurrency=concurrency, deadline=DEADLINE
                ):
                    pass
            assert time.monotonic() - started < ENDS_BY


def test_a_deadline_cut_after_some_pages_says_how_far_it_got() -> None:
    with (
        FakeUltraCart(conversations=30) as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
    ):
        pages = api.iter_conversations(page_size=5, deadline=DEADLINE)
        first = [next(pages) for _ in range(5)]
        fake.latency = SLOW_ANSWER  # the next page is slow: the deadline cuts it
        started = time.monotonic()
        with pytest.raises(DeadlineExceededError) as caught:
            list(pages)
        assert time.monotonic() - started < ENDS_BY
    assert len(first) == 5
    assert caught.value.items == 5
    assert caught.value.next_offset == 4
