"""Paging every conversation through a server that answers each page after a delay.

The same 10,000 summaries, 200 a page, with the server's latency set (20 ms by default):
the asyncio client one page at a time (concurrency=1) against concurrency=8, and the
sync iterator as a second sequential reference. Rounds interleaved and rotated.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import ultracart_conversations as uc


def _sync_pass(base_url: str, key: str) -> tuple[int, float]:
    with uc.ConversationApi(simple_key=key, base_url=base_url) as api:
        start = time.perf_counter()
        seen = sum(1 for _ in api.iter_conversations(page_size=200))
        return seen, time.perf_counter() - start


def _async_pass(base_url: str, key: str, concurrency: int) -> tuple[int, float]:
    async def run() -> tuple[int, float]:
        # The gate lets one request through at a time unless told otherwise.
        limiter = uc.RateLimiter(concurrency=concurrency)
        async with uc.AsyncConversationApi(
            simple_key=key, base_url=base_url, rate_limiter=limiter
        ) as api:
            start = time.perf_counter()
            seen = 0
            async for _ in api.iter_conversations(page_size=200, concurrency=concurrency):
                seen += 1
            return seen, time.perf_counter() - start

    return asyncio.run(run())


def measure(base_url: str, key: str, total: int, rounds: int) -> dict[str, list[float]]:
    """Seconds to page through everything, per variant, one sample per round."""
    variants: dict[str, Callable[[], tuple[int, float]]] = {
        "sync, sequential": lambda: _sync_pass(base_url, key),
        "asyncio, concurrency=1": lambda: _async_pass(base_url, key, 1),
        "asyncio, concurrency=8": lambda: _async_pass(base_url, key, 8),
    }
    names = list(variants)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(rounds):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            seen, seconds = variants[name]()
            assert seen == total, f"{name} saw {seen} of {total} summaries"
            samples[name].append(seconds)
    return samples


# What iter_conversations costs over fetching the same pages by hand: no latency, so
# that the bookkeeping per page is not hidden behind the network.
def _plain_loop(api: uc.ConversationApi, total: int) -> tuple[int, float]:
    start = time.perf_counter()
    seen = 0
    for offset in range(0, total, 200):
        page = api.get_conversations(limit=200, offset=offset)
        for _ in page.conversations or []:
            seen += 1
    return seen, time.perf_counter() - start


def _iterated(api: uc.ConversationApi) -> tuple[int, float]:
    start = time.perf_counter()
    seen = sum(1 for _ in api.iter_conversations(page_size=200))
    return seen, time.perf_counter() - start


def measure_overhead(base_url: str, key: str, total: int, rounds: int) -> dict[str, list[float]]:
    """Seconds to read every summary, iter_conversations against a plain loop of
    get_conversations calls, on one warm client; rounds interleaved and alternated."""
    samples: dict[str, list[float]] = {"iter_conversations": [], "get_conversations loop": []}
    with uc.ConversationApi(simple_key=key, base_url=base_url) as api:
        _plain_loop(api, total)  # warm: connection, caches
        variants: dict[str, Callable[[], tuple[int, float]]] = {
            "iter_conversations": lambda: _iterated(api),
            "get_conversations loop": lambda: _plain_loop(api, total),
        }
        names = list(variants)
        for round_no in range(rounds):
            for name in names if round_no % 2 == 0 else names[::-1]:
                seen, seconds = variants[name]()
                assert seen == total, f"{name} saw {seen} of {total} summaries"
                samples[name].append(seconds)
    return samples
