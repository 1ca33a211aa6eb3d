"""Cost of one `get_conversations(limit=200)` call, parsed, per contender.

Each contender makes the same request to the same local server and ends with the page
parsed into Python objects: typed models for this package and the official SDK, plain
dicts for raw httpx + json (the floor). Rounds are interleaved, with the contenders in a
rotated order each round, so that drift in the machine's speed hits all of them alike.
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from collections.abc import Callable, Coroutine
from typing import Any

import httpx

import ultracart_conversations as uc

PATH = "conversation/conversations"  # relative to base_url, which ends in /rest/v2
PARAMS = {"_limit": "200", "_offset": "0"}
API_VERSION = {"X-UltraCart-Api-Version": "2017-03-01", "Accept": "application/json"}


def official_api(base_url: str, simple_key: str) -> Any:
    """UltraCart's own SDK, configured the way its README shows (TLS is moot on loopback)."""
    from ultracart.api.conversation_api import ConversationApi
    from ultracart.api_client import ApiClient
    from ultracart.configuration import Configuration

    config = Configuration(host=base_url, api_key={"ultraCartSimpleApiKey": simple_key})
    client = ApiClient(config, header_name="X-UltraCart-Api-Version", header_value="2017-03-01")
    return ConversationApi(client)


class Contenders:
    """The clients under test, built once, each with a warm connection."""

    def __init__(self, base_url: str, simple_key: str) -> None:
        headers = {**API_VERSION, "x-ultracart-simple-key": simple_key}
        self.loop = asyncio.new_event_loop()
        self.raw = httpx.Client(base_url=base_url + "/", headers=headers)
        self.raw_async = httpx.AsyncClient(base_url=base_url + "/", headers=headers)
        self.ours = uc.ConversationApi(simple_key=simple_key, base_url=base_url)
        self.ours_async = uc.AsyncConversationApi(simple_key=simple_key, base_url=base_url)
        self.official = official_api(base_url, simple_key)

    def close(self) -> None:
        self.raw.close()
        self.ours.close()
        self.loop.run_until_complete(self.raw_async.aclose())
        self.loop.run_until_complete(self.ours_async.aclose())
        self.loop.close()

    # One call each. Every function returns the parsed page so that nothing is skipped.
    def raw_httpx(self) -> Any:
        response = self.raw.get(PATH, params=PARAMS)
        response.raise_for_status()
        return json.loads(response.content)

    async def raw_httpx_async(self) -> Any:
        response = await self.raw_async.get(PATH, params=PARAMS)
        response.raise_for_status()
        return json.loads(response.content)

    def ours_sync(self) -> uc.ConversationsResponse:
        return self.ours.get_conversations(limit=200)

    async def ours_asyncio(self) -> uc.ConversationsResponse:
        return await self.ours_async.get_conversations(limit=200)

    def official_sdk(self) -> Any:
        return self.official.get_conversations(limit=200)

    def timers(self) -> dict[str, Callable[[int], float]]:
        """name -> function(n) that makes n calls and returns seconds per call."""
        return {
            "raw httpx + json": self._sync_timer(self.raw_httpx),
            "raw httpx async + json": self._async_timer(self.raw_httpx_async),
            "ours (sync)": self._sync_timer(self.ours_sync),
            "ours (asyncio)": self._async_timer(self.ours_asyncio),
            "official SDK": self._sync_timer(self.official_sdk),
        }

    @staticmethod
    def _sync_timer(call: Callable[[], object]) -> Callable[[int], float]:
        def timed(n: int) -> float:
            gc.collect()
            start = time.perf_counter()
            for _ in range(n):
                call()
            return (time.perf_counter() - start) / n

        return timed

    def _async_timer(
        self, call: Callable[[], Coroutine[Any, Any, object]]
    ) -> Callable[[int], float]:
        async def batch(n: int) -> float:
            start = time.perf_counter()
            for _ in range(n):
                await call()
            return (time.perf_counter() - start) / n

        def timed(n: int) -> float:
            gc.collect()
            return self.loop.run_until_complete(batch(n))

        return timed


def check_pages_agree(contenders: Contenders) -> None:
    """Every contender must have parsed the same 200 summaries, or the race is void."""
    raw = contenders.raw_httpx()["conversations"]
    ours = contenders.ours_sync().conversations
    official = contenders.official_sdk().conversations
    assert isinstance(ours, list) and len(raw) == len(ours) == len(official) == 200
    assert (
        ours[-1].conversation_uuid == official[-1].conversation_uuid == raw[-1]["conversation_uuid"]
    )


def measure(
    base_url: str, simple_key: str, rounds: int, calls_per_round: int
) -> dict[str, list[float]]:
    """Seconds per call, one sample per contender per round (after one warm-up round)."""
    contenders = Contenders(base_url, simple_key)
    try:
        check_pages_agree(contenders)
        timers = contenders.timers()
        names = list(timers)
        samples: dict[str, list[float]] = {name: [] for name in names}
        for round_no in range(rounds + 1):
            shift = round_no % len(names)
            for name in names[shift:] + names[:shift]:
                per_call = timers[name](calls_per_round)
                if round_no:  # round 0 warms caches and connections
                    samples[name].append(per_call)
        return samples
    finally:
        contenders.close()


def null_total_behaviour(base_url: str, simple_key: str) -> dict[str, str]:
    """What each client does with `total_records: null`, which UltraCart documents."""
    outcome: dict[str, str] = {}
    url = base_url.replace("/rest/v2", "/nulltotal/rest/v2")
    try:
        with uc.ConversationApi(simple_key=simple_key, base_url=url) as api:
            page = api.get_conversations(limit=200)
        outcome["ours"] = f"parsed ({len(page.conversations or [])} summaries)"
    except Exception as exc:  # report, whatever it is
        outcome["ours"] = f"raised {type(exc).__name__}"
    try:
        page = official_api(url, simple_key).get_conversations(limit=200)
        outcome["official SDK"] = f"parsed ({len(page.conversations)} summaries)"
    except Exception as exc:
        outcome["official SDK"] = f"raised {type(exc).__name__}"
    return outcome
