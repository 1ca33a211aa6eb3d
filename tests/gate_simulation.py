"""The gate against a server model, in virtual time: deterministic, and as fast as the
arithmetic runs.

Workers (threads of one or several processes) fetch pages through a gate store (the
in-process one, or a shared one given `now` explicitly); each request reaches the
server model (the fake's own, testing/_rate_limit.py) after half the latency and is
answered after the other half (plus the model's hold or late 429). A worker whose call
got a 429 waits as the client does (max(Retry-After, backoff)) and sends it again; the
others keep going. The figures are the ones the bench reports over real HTTP:
allowance used = pages / what the model would have admitted, and the share of 429s.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

from ultracart_conversations._gate_math import Answer, Ceiling, learned_ceiling
from ultracart_conversations._gate_store import GateStore, LocalStore, Permit, Settings
from ultracart_conversations._retry import parse_retry_after
from ultracart_conversations.testing._rate_limit import RateLimits, Refusal, ServerModel

BACKOFF = 0.5 * (1 - 0.25 / 2)  # the default RetryPolicy's first backoff, average jitter


@dataclass
class Outcome:
    pages: int
    requests: int
    throttled: int
    seconds: float
    allowance: float

    @property
    def used(self) -> float:
        return self.pages / self.allowance

    @property
    def share_429(self) -> float:
        return self.throttled / self.requests if self.requests else 0.0


@dataclass
class _Tally:
    pages: int = 0
    requests: int = 0
    throttled: int = 0
    last: float = 0.0


class _Holder:
    permit: Permit | None = None


def allowance(model: ServerModel, rate: float, burst: int, seconds: float) -> float:
    """What the model admits at most in `seconds` (rate in requests per second)."""
    if model.kind == "window":
        return rate * math.ceil(seconds + 1e-9)  # every window touched, whole
    return rate * seconds + burst


def simulate(
    model: ServerModel,
    *,
    rate: float = 20.0,
    burst: int = 5,
    workers: int = 8,
    seconds: float = 6.0,
    latency: float = 0.020,
    stores: list[GateStore] | None = None,
    ceilings: list[Ceiling] | None = None,
    start: float = 1_000.0,
) -> Outcome:
    """Run `workers` (spread over `stores`, one per process; default one in-process
    store) for `seconds` of virtual time."""
    now = start
    limits = RateLimits((rate, 1), burst, clock=lambda: now, model=model)
    stores = stores or [LocalStore()]
    settings = Settings(ceilings or [], workers)
    events: list[tuple[float, int, Callable[[], None]]] = []
    order = itertools.count()
    end = start + seconds
    tally = _Tally(last=start)
    waiting: list[int] = []  # workers told every slot is taken

    def at(when: float, action: Callable[[], None]) -> None:
        heapq.heappush(events, (when, next(order), action))

    def ask(worker: int) -> None:
        if now >= end:
            return
        store = stores[worker % len(stores)]
        holder = _Holder()
        decision = store.try_acquire(settings, holder, now)
        if decision is None:
            waiting.append(worker)
            at(now + 0.01, lambda: _retry(worker))
        elif isinstance(decision, Permit):
            tally.requests += 1
            at(now + latency / 2, lambda: arrive(worker, store, decision))
        else:
            at(now + decision, lambda: ask(worker))

    def _retry(worker: int) -> None:
        if worker in waiting:
            waiting.remove(worker)
            ask(worker)

    def arrive(worker: int, store: GateStore, permit: Permit) -> None:
        verdict = limits.enter("app")
        if isinstance(verdict, Refusal):
            retry_after = parse_retry_after(verdict.retry_after)
            answer = Answer(429, retry_after, learned_ceiling(verdict.message))
            hold = verdict.delay
        else:
            answer, hold = Answer(200), verdict or 0.0
        at(now + hold + latency / 2, lambda: answered(worker, store, permit, answer))

    def answered(worker: int, store: GateStore, permit: Permit, answer: Answer) -> None:
        limits.leave("app")
        store.release(settings, permit, answer, now)
        tally.last = now
        if answer.status == 429:
            tally.throttled += 1
            at(now + max(answer.retry_after or 0.0, BACKOFF), lambda: ask(worker))
        else:
            tally.pages += 1
            at(now, lambda: ask(worker))
        for other in list(waiting):  # a slot came free
            waiting.remove(other)
            at(now, functools.partial(ask, other))

    for worker in range(workers):
        at(now, functools.partial(ask, worker))
    while events:
        now, _, action = heapq.heappop(events)
        action()
    elapsed = tally.last - start
    return Outcome(
        pages=tally.pages,
        requests=tally.requests,
        throttled=tally.throttled,
        seconds=elapsed,
        allowance=allowance(model, rate, burst, elapsed),
    )
