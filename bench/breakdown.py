"""Where one `get_conversations(limit=200)` call's time goes, step by step.

The steps of the sync client's `_call`, timed one by one in this process on a warm
connection, beside raw httpx (`client.get` with `params=`, then `json.loads`). Each
step's median over the rounds, as a share of the raw call (raw = 100 %); rounds
alternate the two. The steps:
  request    checking the arguments and building the httpx.Request (_build)
  gate       the rate limiter: acquire and release a permit
  exchange   sending, and reading status, headers and the whole body (_receive)
  decode     msgspec decoding the body into the model's Structs (the fast reader)
  build      filling the attrs models from the Structs (the generated _from_fast)
  envelope   the rest of reading the response: headers, success, warning, ApiResponse
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any

import httpx

import ultracart_conversations as uc
from bench.percall import API_VERSION, PAGES, PARAMS, PATH
from ultracart_conversations import _fast
from ultracart_conversations._response import read_response
from ultracart_conversations_api import operations

STEPS = ("request", "gate", "exchange", "decode", "build", "envelope")


def _ours_once(api: uc.ConversationApi, decode: Any, build: Any) -> dict[str, float]:
    clock = time.perf_counter
    operation = operations.GET_CONVERSATIONS
    arguments = {"medium": None, "before": None, "_limit": 200, "_offset": 0}
    limiter = api.rate_limiter
    assert limiter is not None
    t0 = clock()
    request = api._build(operation, arguments, None)
    t1 = clock()
    slot = limiter.slot()
    slot.acquire(None)
    t2 = clock()
    response = api._receive(request)
    t3 = clock()
    api._released(slot, response)
    t4 = clock()
    decoded = decode(response.content)
    t5 = clock()
    build(decoded)
    t6 = clock()
    read_response(operation, response, api._secrets)  # decodes and builds again: minus those
    t7 = clock()
    return {
        "request": t1 - t0,
        "gate": (t2 - t1) + (t4 - t3),
        "exchange": t3 - t2,
        "decode": t5 - t4,
        "build": t6 - t5,
        "envelope": (t7 - t6) - (t6 - t4),
    }


def _raw_once(client: httpx.Client) -> dict[str, float]:
    clock = time.perf_counter
    t0 = clock()
    response = client.get(PATH, params=PARAMS)
    t1 = clock()
    json.loads(response.content)
    t2 = clock()
    return {"exchange": t1 - t0, "json.loads": t2 - t1}


def measure(origin: str, simple_key: str, rounds: int, calls: int) -> dict[str, dict[str, float]]:
    """{page: {step: median seconds}} for ours (ours: ...) and raw (raw: ...)."""
    out: dict[str, dict[str, float]] = {}
    model = uc.ConversationsResponse
    struct = _fast._struct(model, set())
    import msgspec

    decode = msgspec.json.Decoder(struct).decode
    build = model._from_fast
    for page, prefix in PAGES.items():
        base_url = f"{origin}{prefix}/rest/v2"
        headers = {**API_VERSION, "x-ultracart-simple-key": simple_key}
        samples: dict[str, list[float]] = {}
        with (
            uc.ConversationApi(simple_key=simple_key, base_url=base_url) as api,
            httpx.Client(base_url=base_url + "/", headers=headers) as raw,
        ):
            for round_no in range(rounds + 1):
                for who in ("ours", "raw") if round_no % 2 else ("raw", "ours"):
                    for _ in range(calls):
                        steps = _ours_once(api, decode, build) if who == "ours" else _raw_once(raw)
                        if round_no:  # round 0 warms up
                            for step, seconds in steps.items():
                                samples.setdefault(f"{who}: {step}", []).append(seconds)
        out[page] = {name: statistics.median(values) for name, values in samples.items()}
    return out


def table(breakdown: dict[str, dict[str, float]]) -> list[str]:
    lines = [
        "| step | bench page | full page |",
        "|---|---|---|",
    ]
    raw_total = {
        page: steps["raw: exchange"] + steps["raw: json.loads"] for page, steps in breakdown.items()
    }

    def cell(page: str, name: str) -> str:
        seconds = breakdown[page][name]
        return f"{seconds * 1e6:.0f} µs ({seconds / raw_total[page]:.0%})"

    for name in ("raw: exchange", "raw: json.loads"):
        lines.append(f"| {name} | {cell('bench', name)} | {cell('full', name)} |")
    for step in STEPS:
        name = f"ours: {step}"
        lines.append(f"| {name} | {cell('bench', name)} | {cell('full', name)} |")
    ours_total = {
        page: sum(steps[f"ours: {step}"] for step in STEPS) for page, steps in breakdown.items()
    }
    lines.append(
        "| ours: all steps | "
        + " | ".join(
            f"{ours_total[p] * 1e6:.0f} µs ({ours_total[p] / raw_total[p]:.0%})"
            for p in ("bench", "full")
        )
        + " |"
    )
    return lines
