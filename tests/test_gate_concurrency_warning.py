"""Issue #22 (part of #20's split): asking for more pages in flight than the client's
gate lets through warns (ConcurrencyLimitedWarning) instead of silently running one at a
time. A warning, not an error: the read is as correct either way, only slower, and the
gate may be shared and set elsewhere on purpose."""

from __future__ import annotations

import warnings

import pytest

from ultracart_conversations import (
    AsyncConversationApi,
    ConcurrencyLimitedWarning,
    RateLimiter,
)
from ultracart_conversations.testing import FakeUltraCart


async def _read_all(api: AsyncConversationApi, concurrency: int) -> list[object]:
    return [s async for s in api.iter_conversations(page_size=5, concurrency=concurrency)]


async def test_more_concurrency_than_the_default_gate_allows_warns_at_the_callers_line() -> None:
    with FakeUltraCart(conversations=12) as fake:
        async with AsyncConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api:
            with pytest.warns(ConcurrencyLimitedWarning, match=r"concurrency=8.*lets 1") as caught:
                got = await _read_all(api, 8)
    assert len(got) == 12  # it still reads everything
    assert caught[0].filename == __file__  # points at the iter_conversations call


@pytest.mark.parametrize(
    ("gate", "concurrency"),
    [(RateLimiter(concurrency=8), 8), (RateLimiter(concurrency=8), 3), (None, 1), (False, 8)],
    ids=["gate-8", "under-the-gate", "sequential", "no-gate"],
)
async def test_no_warning_when_the_gate_lets_the_pages_through(
    gate: RateLimiter | bool | None, concurrency: int
) -> None:
    with FakeUltraCart(conversations=12) as fake:
        async with AsyncConversationApi(
            simple_key=fake.simple_key,
            base_url=fake.base_url,
            rate_limiter=gate,  # type: ignore[arg-type]
        ) as api:
            with warnings.catch_warnings():
                warnings.simplefilter("error", ConcurrencyLimitedWarning)
                assert len(await _read_all(api, concurrency)) == 12
