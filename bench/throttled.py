"""Paging against a rate-limited fake UltraCart: the rate limiter against today's
per-request retries, for sync threads and asyncio.

    python -m bench.throttled [--pages N]

The fake (in this process) keeps a leaky bucket per credential and answers 429 with
Retry-After and UltraCart's UC-REST-ERROR. Time is scaled so that a run takes seconds:
the fake's bucket, the limiter, the retry sleeps and the fake's latency all run on one
clock that goes `scale` times faster than the wall clock (2x at 20 req/s, 36x for the
hourly ceiling: the client then sends about 40 and 10 requests a wall-clock second, which
a loaded 2-core machine still keeps up with); every figure is in that clock's seconds.
Runs without the gate stop after --before-pages (1,000) pages: enough to show them.

- "gate": the client's RateLimiter (concurrency = the fetchers), its defaults otherwise.
- "per request": `rate_limiter=False`, each call retrying its own 429s within
  max_retries (2), as the client did before the gate.
Sync: N threads share one client and fetch pages from a shared counter; a failed call
is counted and the thread goes on. Asyncio: `iter_conversations(concurrency=N)`, which
ends at the first failure.

Allowance used = pages fetched / (rate x elapsed + burst): the share of what the server
would have let through. Writes bench/results/throttled.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Literal

from ultracart_conversations import (
    ApiError,
    AsyncConversationApi,
    ConversationApi,
    RateLimiter,
)
from ultracart_conversations.testing import FakeUltraCart

RESULTS = Path(__file__).parent / "results"
LATENCY = 0.020  # the fake's answer time, in scaled seconds


class ScaledClock:
    """Monotonic time running `scale` times faster than the wall clock."""

    def __init__(self, scale: float) -> None:
        self.scale = scale

    def now(self) -> float:
        return time.monotonic() * self.scale

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds / self.scale)

    async def async_sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds / self.scale)


@dataclass
class Scenario:
    name: str
    rate: tuple[float, float]  # (requests, seconds), as UltraCart states it
    burst: int
    fetchers: int
    pages: int
    scale: float
    requests_per_hour: float | None = None  # the ceiling configured on the gate


@dataclass
class Outcome:
    scenario: str
    client: str
    mode: str
    pages_ok: int
    failed_calls: int
    requests: int
    answered_429: int
    seconds: float
    allowance_used: float
    share_429: float
    every_summary_once: bool | None
    note: str


def _limiter(scenario: Scenario, clock: ScaledClock, gate: bool) -> RateLimiter | Literal[False]:
    if not gate:
        return False
    return RateLimiter(
        concurrency=scenario.fetchers, requests_per_hour=scenario.requests_per_hour, clock=clock
    )


def _sync_threads(
    fake: FakeUltraCart, scenario: Scenario, clock: ScaledClock, gate: bool
) -> tuple[int, int, bool | None, str]:
    counter = itertools.count()
    lock = threading.Lock()
    tally = {"ok": 0, "failed": 0}
    api = ConversationApi(
        simple_key=fake.simple_key,
        base_url=fake.base_url,
        rate_limiter=_limiter(scenario, clock, gate),
    )
    api._sleep = clock.sleep  # retry waits on the scaled clock too

    def work() -> None:
        while (offset := next(counter)) < scenario.pages:
            try:
                api.get_conversations(limit=1, offset=offset)
                outcome = "ok"
            except ApiError:
                outcome = "failed"
            with lock:
                tally[outcome] += 1

    threads = [threading.Thread(target=work) for _ in range(scenario.fetchers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    api.close()
    return tally["ok"], tally["failed"], None, ""


def _asyncio_iter(
    fake: FakeUltraCart, scenario: Scenario, clock: ScaledClock, gate: bool
) -> tuple[int, int, bool | None, str]:
    expected = [c["conversation_uuid"] for c in fake.conversations][: scenario.pages]

    async def run() -> tuple[int, int, bool | None, str]:
        async with AsyncConversationApi(
            simple_key=fake.simple_key,
            base_url=fake.base_url,
            rate_limiter=_limiter(scenario, clock, gate),
        ) as api:
            api._sleep = clock.async_sleep
            got: list[object] = []
            try:
                async for summary in api.iter_conversations(
                    page_size=1, max_items=scenario.pages, concurrency=scenario.fetchers
                ):
                    got.append(summary.conversation_uuid)
            except ApiError as e:
                return len(got), 1, False, f"read died after {len(got)} pages: {type(e).__name__}"
            return len(got), 0, got == expected, ""

    return asyncio.run(run())


def measure(scenario: Scenario, mode: str, gate: bool) -> Outcome:
    clock = ScaledClock(scenario.scale)
    count, period = scenario.rate
    with FakeUltraCart(
        conversations=scenario.pages,
        messages_per_conversation=0,
        rate_limit=scenario.rate,
        burst=scenario.burst,
        latency=LATENCY / scenario.scale,
        clock=clock.now,
    ) as fake:
        runner = _sync_threads if mode == "sync threads" else _asyncio_iter
        start = clock.now()
        ok, failed, once, note = runner(fake, scenario, clock, gate)
        seconds = clock.now() - start
        requests = fake.count("getConversations")
        limited = fake.rate_limited
    allowance = count / period * seconds + scenario.burst
    return Outcome(
        scenario=scenario.name,
        client="gate" if gate else "per request",
        mode=mode,
        pages_ok=ok,
        failed_calls=failed,
        requests=requests,
        answered_429=limited,
        seconds=round(seconds, 1),
        allowance_used=round(ok / allowance, 3),
        share_429=round(limited / requests, 3) if requests else 0.0,
        every_summary_once=once,
        note=note,
    )


def scenarios(pages: int) -> list[Scenario]:
    return [
        Scenario("20 req/s, 8 fetchers", (20, 1), 10, 8, pages, scale=2),
        Scenario("20 req/s, 32 fetchers", (20, 1), 10, 32, pages, scale=2),
        Scenario(
            "1,000/h ceiling set, 8 fetchers",
            (1000, 3600),
            5,
            8,
            max(1, pages // 6),
            scale=36,
            requests_per_hour=1000,
        ),
    ]


GOALS = {  # scenario -> (least allowance used, most share of 429s), for the gate
    "20 req/s, 8 fetchers": (0.90, 0.05),
    "20 req/s, 32 fetchers": (0.85, 0.05),
    "1,000/h ceiling set, 8 fetchers": (0.95, 0.0),
}


def met(outcome: Outcome) -> bool:
    used, share = GOALS[outcome.scenario]
    return (
        outcome.failed_calls == 0
        and outcome.allowance_used >= used
        and outcome.share_429 <= share
        and outcome.every_summary_once is not False
    )


def table(outcomes: list[Outcome]) -> str:
    lines = [
        "| scenario | client | mode | pages | failed | 429s (share) | time | allowance used "
        "| goal |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        used, share = GOALS[o.scenario]
        goal = (
            f"≥ {used:.0%}, ≤ {share:.0%} 429, 0 failed: {'met' if met(o) else 'MISSED'}"
            if o.client == "gate"
            else "(before)"
        )
        time_text = f"{o.seconds:,.0f} s" + (f" — {o.note}" if o.note else "")
        lines.append(
            f"| {o.scenario} | {o.client} | {o.mode} | {o.pages_ok:,} | {o.failed_calls} | "
            f"{o.answered_429} ({o.share_429:.1%}) | {time_text} | {o.allowance_used:.1%} "
            f"| {goal} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=3000, help="pages per run (default 3000)")
    parser.add_argument(
        "--before-pages", type=int, default=1000, help="pages per run without the gate"
    )
    args = parser.parse_args()
    load = os.getloadavg()[0]
    outcomes = []
    for scenario in scenarios(args.pages):
        for mode in ("sync threads", "asyncio"):
            for gate in (True, False):
                print(
                    f"{scenario.name}, {mode}, {'gate' if gate else 'per request'} ...", flush=True
                )
                pages = scenario.pages if gate else min(scenario.pages, args.before_pages)
                outcomes.append(measure(replace(scenario, pages=pages), mode, gate))
                print("   ", asdict(outcomes[-1]), flush=True)
    text = table(outcomes)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    header = (
        "# Throttled paging: the rate limiter vs per-request retries\n\n"
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · pages of 1 summary · "
        f"fake latency {LATENCY * 1e3:.0f} ms · times on the scaled clock "
        f"(see bench/throttled.py) · load average {load:.2f} at start, "
        f"{os.getloadavg()[0]:.2f} at end on {os.cpu_count()} cores\n\n"
    )
    (RESULTS / "throttled.md").write_text(header + text + "\n")
    (RESULTS / "throttled.json").write_text(
        json.dumps([asdict(o) | {"met": met(o)} for o in outcomes], indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
