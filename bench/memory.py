"""Peak memory growth while streaming every summary, measured in a fresh process.

Run as `python -m bench.memory BASE_URL SIMPLE_KEY MODE`; prints one JSON object.
The client is created and warmed with one small call first; then the kernel's peak-RSS
mark is reset (/proc/self/clear_refs) and the growth is the new peak minus the RSS at
that moment: what an operator would see. tracemalloc's peak is reported beside it (in a
second pass, since tracing slows the run and itself allocates).
MODE: stream (sync iterator), stream-async8 (asyncio, concurrency=8), or list (all
summaries kept in a list: the reference that shows what streaming saves).
"""

from __future__ import annotations

import asyncio
import gc
import json
import re
import sys
import tracemalloc

import ultracart_conversations as uc

MIB = 1024 * 1024


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        match = re.search(rf"^{field}:\s+(\d+) kB", status.read(), re.MULTILINE)
    assert match, field
    return int(match.group(1))


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def consume(base_url: str, key: str, mode: str, before_stream: object) -> int:
    """Stream (or collect) every summary; call before_stream() after the warm-up."""
    assert callable(before_stream)
    if mode == "stream-async8":

        async def run() -> int:
            limiter = uc.RateLimiter(concurrency=8)  # the gate's default is 1
            async with uc.AsyncConversationApi(
                simple_key=key, base_url=base_url, rate_limiter=limiter
            ) as api:
                await api.get_conversations(limit=1)
                before_stream()
                seen = 0
                async for _ in api.iter_conversations(page_size=200, concurrency=8):
                    seen += 1
                return seen

        return asyncio.run(run())
    with uc.ConversationApi(simple_key=key, base_url=base_url) as api:
        api.get_conversations(limit=1)
        before_stream()
        if mode == "list":
            return len(list(api.iter_conversations(page_size=200)))
        seen = 0
        for _ in api.iter_conversations(page_size=200):
            seen += 1
        return seen


def main(base_url: str, key: str, mode: str) -> dict[str, float]:
    baseline: dict[str, int] = {}

    def mark_rss() -> None:
        gc.collect()
        baseline["rss"] = _status_kib("VmRSS")
        _reset_peak()

    seen = consume(base_url, key, mode, mark_rss)
    rss_growth = (_status_kib("VmHWM") - baseline["rss"]) * 1024 / MIB

    def start_tracing() -> None:
        gc.collect()
        tracemalloc.start()

    consume(base_url, key, mode, start_tracing)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"summaries": seen, "rss_growth_mib": rss_growth, "traced_peak_mib": traced_peak / MIB}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4])))
