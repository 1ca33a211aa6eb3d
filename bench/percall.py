"""Cost of one `get_conversations(limit=200)` call, parsed, per contender, on two pages.

Each contender makes the same request to the same local server and ends with the page
parsed into Python objects: typed models for ours and the typed peers, plain dicts for
raw httpx + json.loads (the floor every goal is a ratio to). The peers decode what raw
httpx received: msgspec Structs, pydantic v2 models (`model_validate_json`), stock
openapi-python-client (generated from our openapi.yaml at bench time), and UltraCart's
official SDK (its own urllib3 stack). Rounds are interleaved, with the contenders in a
rotated order each round, so that drift in the machine's speed hits all of them alike.

Three measures: per call; per call and then every field read (`peers/reading.py`); and
parse only (the body's bytes to objects, no HTTP).
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import httpx
import orjson

import ultracart_conversations as uc
from bench.peers import pydantic_models, reading, stock, structs
from ultracart_conversations._fast import read_fast
from ultracart_conversations._json import loads as ours_loads

PATH = "conversation/conversations"  # relative to base_url, which ends in /rest/v2
PARAMS = {"_limit": "200", "_offset": "0"}
API_VERSION = {"X-UltraCart-Api-Version": "2017-03-01", "Accept": "application/json"}
# The two pages: the server's path prefix for each (bench/server.py).
PAGES = {"bench": "", "full": "/full"}
RAW = "raw httpx + json.loads"
RAW_ASYNC = "raw httpx async + json.loads"
OURS = "ours (sync)"
OURS_ASYNC = "ours (asyncio)"
OFFICIAL = "official SDK"


def official_api(base_url: str, simple_key: str) -> Any:
    """UltraCart's own SDK, configured the way its README shows (TLS is moot on loopback)."""
    from ultracart.api.conversation_api import ConversationApi
    from ultracart.api_client import ApiClient
    from ultracart.configuration import Configuration

    config = Configuration(host=base_url, api_key={"ultraCartSimpleApiKey": simple_key})
    client = ApiClient(config, header_name="X-UltraCart-Api-Version", header_value="2017-03-01")
    return ConversationApi(client)


@dataclass
class _Body:
    """What the official SDK's deserialize reads (its RESTResponse, for parse only)."""

    data: bytes

    def getheader(self, name: str, default: str | None = None) -> str | None:
        return "application/json" if name.lower() == "content-type" else default


class Contenders:
    """The clients under test for one page, built once, each with a warm connection."""

    def __init__(self, base_url: str, simple_key: str, stock_client: ModuleType) -> None:
        headers = {**API_VERSION, "x-ultracart-simple-key": simple_key}
        self.loop = asyncio.new_event_loop()
        self.raw = httpx.Client(base_url=base_url + "/", headers=headers)
        self.raw_async = httpx.AsyncClient(base_url=base_url + "/", headers=headers)
        self.ours = uc.ConversationApi(simple_key=simple_key, base_url=base_url)
        self.ours_async = uc.AsyncConversationApi(simple_key=simple_key, base_url=base_url)
        self.official = official_api(base_url, simple_key)
        self.stock_endpoint = stock.endpoint(stock_client)
        self.stock_model = stock.response_model(stock_client)
        self.stock = stock_client.AuthenticatedClient(
            # The stock client insists on a bearer token; the bench server reads none.
            base_url=base_url,
            token="unused",  # noqa: S106
            headers={"x-ultracart-simple-key": simple_key},
        )
        self.official_type = self.official.get_conversations_endpoint.settings["response_type"]

    def close(self) -> None:
        self.raw.close()
        self.ours.close()
        self.stock.get_httpx_client().close()
        self.loop.run_until_complete(self.raw_async.aclose())
        self.loop.run_until_complete(self.ours_async.aclose())
        self.loop.close()

    # One call each. Every function returns the parsed page so that nothing is skipped.
    def _get(self) -> bytes:
        response = self.raw.get(PATH, params=PARAMS)
        response.raise_for_status()
        return response.content

    def raw_json(self) -> Any:
        return json.loads(self._get())

    def raw_orjson(self) -> Any:
        return orjson.loads(self._get())

    async def raw_json_async(self) -> Any:
        response = await self.raw_async.get(PATH, params=PARAMS)
        response.raise_for_status()
        return json.loads(response.content)

    def ours_sync(self) -> uc.ConversationsResponse:
        return self.ours.get_conversations(limit=200)

    async def ours_asyncio(self) -> uc.ConversationsResponse:
        return await self.ours_async.get_conversations(limit=200)

    def msgspec_structs(self) -> Any:
        return structs.decode(self._get())

    def pydantic(self) -> Any:
        return pydantic_models.ConversationsResponse.model_validate_json(self._get())

    def stock_oapc(self) -> Any:
        return self.stock_endpoint.sync(client=self.stock, field_limit=200)

    def official_sdk(self) -> Any:
        return self.official.get_conversations(limit=200)

    def per_call(self) -> dict[str, Callable[[], Any]]:
        """name -> one call returning the parsed page (async ones run to completion)."""
        return {
            RAW: self.raw_json,
            "raw httpx + orjson.loads": self.raw_orjson,
            OURS: self.ours_sync,
            "msgspec Structs": self.msgspec_structs,
            "pydantic v2 (model_validate_json)": self.pydantic,
            "stock openapi-python-client": self.stock_oapc,
            OFFICIAL: self.official_sdk,
            RAW_ASYNC: self._blocking(self.raw_json_async),
            OURS_ASYNC: self._blocking(self.ours_asyncio),
        }

    def read_every_field(self) -> dict[str, Callable[[], Any]]:
        """The call, then every documented field of the page read (the official SDK's
        models raise on reading an absent field, so it is left out)."""
        return {
            RAW: lambda: reading.every_key(self.raw_json()),
            OURS: lambda: reading.every_field(self.ours_sync()),
            "msgspec Structs": lambda: reading.every_field(self.msgspec_structs()),
            "pydantic v2 (model_validate_json)": lambda: reading.every_field(self.pydantic()),
            "stock openapi-python-client": lambda: reading.every_field(self.stock_oapc()),
        }

    def parse_only(self) -> dict[str, Callable[[], Any]]:
        """The same body's bytes to objects, without HTTP."""
        body = self._get()
        model = uc.ConversationsResponse
        official = self.official.api_client

        def ours() -> Any:
            return read_fast(model, body) or model.from_dict(ours_loads(body))

        return {
            "json.loads": lambda: json.loads(body),
            "orjson.loads": lambda: orjson.loads(body),
            "ours": ours,
            "ours, generic path (ULTRACART_FAST_READ=0)": lambda: model.from_dict(ours_loads(body)),
            "msgspec Structs": lambda: structs.decode(body),
            "pydantic v2 (model_validate_json)": lambda: (
                pydantic_models.ConversationsResponse.model_validate_json(body)
            ),
            "stock openapi-python-client": lambda: self.stock_model.from_dict(json.loads(body)),  # type: ignore[attr-defined]
            OFFICIAL: lambda: official.deserialize(_Body(body), self.official_type, True),
        }

    def _blocking(self, call: Callable[[], Coroutine[Any, Any, Any]]) -> Callable[[], Any]:
        def run() -> Any:
            return self.loop.run_until_complete(call())

        return run


def _timed(call: Callable[[], Any], n: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - start) / n


def check_pages_agree(contenders: Contenders) -> None:
    """Every contender must have parsed the same 200 summaries, or the race is void."""
    raw = contenders.raw_json()["conversations"]
    last = raw[-1]["conversation_uuid"]
    for name, call in contenders.per_call().items():
        page = call()
        summaries = page["conversations"] if isinstance(page, dict) else page.conversations
        assert len(summaries) == 200, name
        uuid = summaries[-1]["conversation_uuid"] if isinstance(page, dict) else None
        assert (uuid or summaries[-1].conversation_uuid) == last, name
    ours = contenders.ours_sync()
    assert uc.problems_of(ours) == ()
    # The fast reader read it (the generic path is what ULTRACART_FAST_READ=0 measures).
    assert read_fast(uc.ConversationsResponse, contenders._get()) == ours


def _interleaved(
    timers: dict[str, Callable[[], Any]], rounds: int, calls_per_round: int
) -> dict[str, list[float]]:
    """Seconds per call, one sample per timer per round (after one warm-up round)."""
    names = list(timers)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_no in range(rounds + 1):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            per_call = _timed(timers[name], calls_per_round)
            if round_no:  # round 0 warms caches and connections
                samples[name].append(per_call)
    return samples


def measure(
    origin: str, simple_key: str, stock_client: ModuleType, rounds: int, calls_per_round: int
) -> dict[str, dict[str, dict[str, list[float]]]]:
    """{page: {measure: {contender: [seconds per call, one per round]}}}."""
    results: dict[str, dict[str, dict[str, list[float]]]] = {}
    for page, prefix in PAGES.items():
        contenders = Contenders(f"{origin}{prefix}/rest/v2", simple_key, stock_client)
        try:
            check_pages_agree(contenders)
            results[page] = {
                "per call": _interleaved(contenders.per_call(), rounds, calls_per_round),
                "read every field": _interleaved(
                    contenders.read_every_field(), rounds, calls_per_round
                ),
                "parse only": _interleaved(contenders.parse_only(), rounds, calls_per_round),
            }
        finally:
            contenders.close()
    return results


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
