"""An async call that is cancelled, or cut by its attempt deadline, gives its connection's
slot back to the pool.

httpcore keeps the slot of a request cancelled at the wrong moment (encode/httpcore#1093):
once such requests fill the pool, every later call fails with PoolTimeout. The fuzz
harness found it through the async pager, which drops a window's pages by cancelling
them. The client therefore never cancels inside httpcore: the exchange runs as a task of
its own and is ended by shutting its socket down (`_body.areceive`).
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from ultracart_conversations import AsyncConversationApi, RateLimiter
from ultracart_conversations.errors import ApiError
from ultracart_conversations.testing import FakeUltraCart

POOL = 2  # connections the client's pool may hold
ABANDONED = 8  # calls abandoned mid-exchange: four times the pool


def _client(fake: FakeUltraCart, **options: object) -> AsyncConversationApi:
    http = httpx.AsyncClient(
        base_url=fake.base_url,
        limits=httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL),
        timeout=httpx.Timeout(5.0, pool=1.0),  # a leaked pool shows as PoolTimeout in 1 s
    )
    return AsyncConversationApi(
        simple_key=fake.simple_key,
        base_url=fake.base_url,
        http_client=http,
        rate_limiter=RateLimiter(concurrency=ABANDONED),  # more calls than slots: they queue
        max_retries=0,
        **options,  # type: ignore[arg-type]
    )


async def _still_served(api: AsyncConversationApi, fake: FakeUltraCart) -> None:
    fake.latency = 0.0
    patient = api.with_options(attempt_timeout=5.0)  # the same pool, a normal deadline
    for _ in range(2 * POOL):  # more calls than the pool has slots
        page = await patient.get_conversations(limit=1)
        assert page.conversations


@pytest.mark.parametrize("when", [0.0, 0.01, 0.12])
async def test_calls_cancelled_by_their_caller_give_the_pool_slot_back(when: float) -> None:
    with FakeUltraCart(conversations=3, latency=0.2) as fake:
        api = _client(fake)
        async with api:
            for _ in range(3):
                calls = [
                    asyncio.ensure_future(api.get_conversations(limit=1)) for _ in range(ABANDONED)
                ]
                # Cancelled at once (waiting for a connection: the leak httpcore has), or
                # while two wait for their answers and the rest for a connection.
                await asyncio.sleep(when)
                for call in calls:
                    call.cancel()
                await asyncio.gather(*calls, return_exceptions=True)
            await _still_served(api, fake)
            await api.http_client.aclose()


async def test_calls_cut_by_the_attempt_deadline_give_the_pool_slot_back() -> None:
    with FakeUltraCart(conversations=3, latency=0.5) as fake:
        api = _client(fake, attempt_timeout=0.1)
        async with api:
            outcomes = await asyncio.gather(
                *(api.get_conversations(limit=1) for _ in range(ABANDONED)),
                return_exceptions=True,
            )
            assert all(isinstance(outcome, ApiError) for outcome in outcomes), outcomes
            await _still_served(api, fake)
            await api.http_client.aclose()
