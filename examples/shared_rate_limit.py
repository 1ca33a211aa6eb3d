"""One rate limit shared by every client of an application.

UltraCart counts requests per application (1,000 an hour and 10,000 a day unless it
granted you more), so a nightly export and a live dashboard in one process must draw on
one allowance: give their clients the same RateLimiter, sync and async alike.

    python examples/shared_rate_limit.py
"""

from __future__ import annotations

import asyncio
import sys

from ultracart_conversations import AsyncConversationApi, ConversationApi, RateLimiter


async def dashboard(limiter: RateLimiter) -> int:
    async with AsyncConversationApi.from_env(rate_limiter=limiter) as api:
        pages = await asyncio.gather(*(api.get_conversations(limit=5) for _ in range(3)))
        return sum(len(page.conversations or []) for page in pages)


def main() -> int:
    # Your granted ceilings, in UltraCart's units; at most 2 requests in flight at once.
    limiter = RateLimiter(requests_per_hour=1000, requests_per_day=10000, burst=10, concurrency=2)
    with ConversationApi.from_env(rate_limiter=limiter) as export:
        exported = sum(1 for _ in export.iter_conversations(page_size=10))
    shown = asyncio.run(dashboard(limiter))
    stats = limiter.stats()
    print(f"export read {exported}, dashboard showed {shown}; one allowance: {stats.sent} sent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
