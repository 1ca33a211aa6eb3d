"""RateLimiter: one gate for every call of a client, of several clients, or (with
`shared=`) of every process of a deployment.

UltraCart counts requests per authorized application (1,000 an hour and 10,000 a day by
default) and answers 429 when they come too fast or concurrently. Retrying each request on
its own makes concurrent callers collide again, so every send goes through one gate:

- a FIFO queue per process: one waiter at a time (the head) asks the store when it may
  go, the others sleep until it has gone: no thundering herd, no starvation;
- a store (`_gate_store.py`): in this process by default, or a SQLite file or a Redis
  server shared by every process (`_gate_shared.py`); the arithmetic is `_gate_math.py`.

Every permit is handed out through a Slot, released on every exit path: the client
releases it in a `finally`, and a Slot dropped while still holding one (an interrupt in
the middle of a release) hands it back when it is collected.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Literal, NamedTuple, Protocol

from ultracart_conversations._gate_math import (
    DAY,
    Answer,
    Ceiling,
    announced_rate,
    is_daily_quota,
    learned_ceiling,
)
from ultracart_conversations._gate_store import GateStore, LocalStore, Permit, Settings
from ultracart_conversations._gate_wait import Clock, SystemClock, Turn, Waiter, WaitQueue
from ultracart_conversations.errors import DeadlineExceededError, RateLimitError

__all__ = [
    "Clock",
    "Permit",
    "RateLimiter",
    "RateLimiterStats",
    "Slot",
    "announced_rate",
    "is_daily_quota",
]

logger = logging.getLogger("ultracart_conversations")

# How often a waiter that is not woken looks again: at the store (shared: other processes
# release without waking us) or at a head that may belong to a dead event loop.
_SHARED_POLL = 0.01
_IDLE_CHECK = 1.0


class RateLimiterStats(NamedTuple):
    """A snapshot of the gate. Rates in requests per second. With `shared=`, `sent`,
    `throttled`, `cuts` and `in_flight` count every process; `queued` and
    `waited_seconds` this one."""

    rate: float | None  # the pace now (None: not pacing; the ceiling alone applies)
    ceiling: float | None  # the lowest configured or announced ceiling
    concurrency: int
    in_flight: int
    queued: int  # waiting to be let through
    sent: int
    throttled: int  # answers that were 429
    cuts: int  # times the pace was cut
    waited_seconds: float  # total time callers spent waiting in the gate


class _Holder(Protocol):
    permit: Permit | None


class Slot:
    """One caller's turn at the gate: `acquire`, then `release` in a `finally`.

    Releasing twice is harmless; a Slot collected while still holding a permit (its
    release was interrupted) gives the permit back."""

    __slots__ = ("_limiter", "permit")

    def __init__(self, limiter: RateLimiter) -> None:
        self._limiter = limiter
        self.permit: Permit | None = None

    def acquire(self, deadline: float | None = None) -> None:
        self._limiter._wait_for(self, deadline)

    async def async_acquire(self, deadline: float | None = None) -> None:
        await self._limiter._async_wait_for(self, deadline)

    def release(
        self,
        status: int | None = None,
        retry_after: float | None = None,
        uc_rest_error: str | None = None,
    ) -> None:
        permit = self.permit
        if permit is not None:
            self._limiter.release(permit, status, retry_after, uc_rest_error)
            self.permit = None  # after: an interrupt in between leaves it to __del__

    def __del__(self) -> None:
        permit = getattr(self, "permit", None)  # (an interrupt may have cut __init__ short)
        if permit is not None:
            # No lock taken here: the collector may run inside the gate's own code.
            self._limiter._orphans.append(permit)


def _positive(name: str, value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")


class RateLimiter:
    """The gate every send of a client goes through; pass one to several clients to share
    it (UltraCart counts per application), or give `shared=` to share it across processes.

        limiter = RateLimiter(requests_per_hour=1000, concurrency=2)
        api = ConversationApi(simple_key=key, rate_limiter=limiter)
        print(api.rate_limiter.stats())

    `requests_per_hour` / `requests_per_day`: ceilings in UltraCart's units (unset: none
    until the server announces one in a 429). `burst`: how many requests may go back to
    back under a ceiling (default 1: evenly paced). `concurrency`: requests in flight at
    once (default 1, as UltraCart asks). `max_wait`: the longest a request waits before
    RateLimitError is raised instead (a spent daily quota would take hours). `clock`: for
    tests. `shared`: "sqlite:///path/file.db" or "redis://host:6379/0" (a `#name` at the
    end names the gate, for several applications in one store); see docs/shared-limits.md.
    `on_store_error`: with `shared=`, what a lost store does to calls: "raise"
    (SharedStateError) or "local" (pace in this process, conservatively, until it is back).
    """

    def __init__(
        self,
        *,
        requests_per_hour: float | None = None,
        requests_per_day: float | None = None,
        concurrency: int = 1,
        burst: int = 1,
        max_wait: float = 900.0,
        clock: Clock | None = None,
        shared: str | None = None,
        on_store_error: Literal["raise", "local"] = "raise",
    ) -> None:
        _positive("requests_per_hour", requests_per_hour)
        _positive("requests_per_day", requests_per_day)
        _positive("max_wait", max_wait)
        for name, value in (("concurrency", concurrency), ("burst", burst)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be an int >= 1, got {value!r}")
        if on_store_error not in ("raise", "local"):
            raise ValueError(f"on_store_error must be 'raise' or 'local', got {on_store_error!r}")
        ceilings = [
            Ceiling(name, count / period, burst)
            for name, count, period in (
                ("hour", requests_per_hour, 3600),
                ("day", requests_per_day, DAY),
            )
            if count is not None
        ]
        self._settings_in = (requests_per_hour, requests_per_day, concurrency, burst, shared)
        self._settings: Settings = Settings(ceilings, concurrency)
        self.clock: Clock = clock or SystemClock()
        self.max_wait = max_wait
        self._store: GateStore
        if shared is None:
            self._store = LocalStore()
        else:
            from ultracart_conversations._gate_shared import open_store

            self._store = open_store(shared, self._settings, on_store_error)
        self._queue = WaitQueue()
        self._orphans: deque[Permit] = deque()  # from Slots collected while holding
        self._waited = 0.0
        self._waited_lock = threading.Lock()

    def __repr__(self) -> str:
        hour, day, concurrency, burst, shared = self._settings_in
        where = "" if shared is None else f", shared={self._store.description!r}"
        return (
            f"RateLimiter(requests_per_hour={hour!r}, requests_per_day={day!r}, "
            f"concurrency={concurrency}, burst={burst}{where})"
        )

    @property
    def shared(self) -> bool:
        return self._store.shared

    def _now(self) -> float | None:
        """The time a store is told: ours in process, None (the store's) when shared."""
        return None if self._store.shared else self.clock.now()

    def stats(self) -> RateLimiterStats:
        self._release_orphans()
        snap = self._store.snapshot(self._settings, self._now())
        return RateLimiterStats(
            rate=snap.rate,
            ceiling=snap.ceiling,
            concurrency=self._settings.concurrency,
            in_flight=snap.in_flight,
            queued=len(self._queue),
            sent=snap.sent,
            throttled=snap.throttled,
            cuts=snap.cuts,
            waited_seconds=self._waited,
        )

    def close(self) -> None:
        """Close a shared store's connection (nothing to do in process)."""
        self._store.close()

    # --- the public permit API (Slot is what the clients use) ---------------------------
    def slot(self) -> Slot:
        return Slot(self)

    def acquire(self, deadline: float | None = None) -> Permit:
        """Wait (this thread) until a request may be sent; `release` the permit after."""
        holder = Slot(self)
        self._wait_for(holder, deadline)
        permit, holder.permit = holder.permit, None
        assert permit is not None
        return permit

    async def async_acquire(self, deadline: float | None = None) -> Permit:
        holder = Slot(self)
        await self._async_wait_for(holder, deadline)
        permit, holder.permit = holder.permit, None
        assert permit is not None
        return permit

    def release(
        self,
        permit: Permit,
        status: int | None = None,
        retry_after: float | None = None,
        uc_rest_error: str | None = None,
    ) -> None:
        """Hand back a permit with what the server answered (status None: no answer)."""
        learned = learned_ceiling(uc_rest_error) if status == 429 else None
        answer = Answer(status, retry_after, learned)
        try:
            change = self._store.release(self._settings, permit, answer, self._now())
        finally:
            self._queue.wake_head()
        if change:
            logger.info("%s", change)
        if status == 429 and retry_after is not None and retry_after > 60:
            logger.warning(
                "the server asked for a %.3g s pause; the gate pauses at most 60 s, then "
                "sends one request to see whether it may go on",
                retry_after,
            )

    def _release_orphans(self) -> None:
        while self._orphans:
            with contextlib.suppress(IndexError):
                self.release(self._orphans.popleft())

    # --- waiting --------------------------------------------------------------------
    def _check_wait(self, seconds: float, deadline: float | None) -> None:
        if deadline is not None and self.clock.now() + seconds > deadline:
            raise DeadlineExceededError(
                f"the rate limit would hold this request {seconds:.3g} s, past the deadline"
            )
        if seconds > self.max_wait:
            error = RateLimitError(
                f"the rate limit would hold this request {seconds:.0f} s, more than "
                f"max_wait={self.max_wait:g} s (a configured ceiling is used up); not sent"
            )
            error.retry_after = seconds
            raise error

    def _ask(self, waiter: Waiter, holder: _Holder, deadline: float | None) -> float | None:
        """One look at the gate. 0.0: granted (holder.permit is set); seconds to sleep;
        None: wait to be woken (not the head, or every slot taken)."""
        self._release_orphans()
        if not self._queue.is_head(waiter):
            return None
        decision = self._store.try_acquire(self._settings, holder, self._now())
        if isinstance(decision, Permit):
            self._queue.granted(waiter)
            return 0.0
        if decision is not None:
            self._check_wait(decision, deadline)
        return decision

    def _idle(self) -> float:
        return _SHARED_POLL if self._store.shared else _IDLE_CHECK

    def _counted(self, started: float) -> None:
        waited = self.clock.now() - started
        with self._waited_lock:
            self._waited += waited
        if waited >= 0.001 and logger.isEnabledFor(logging.DEBUG):
            logger.debug("rate limiter: sent after waiting %.3f s", waited)

    def _wait_for(self, holder: _Holder, deadline: float | None) -> None:
        self._check_wait(0.0, deadline)
        event = threading.Event()
        turn = Turn()
        waiter = Waiter(event.set, turn)
        started = self.clock.now()
        try:
            self._queue.join(waiter)
            while True:
                event.clear()  # before asking: a wake-up from here on is not lost
                wait = self._ask(waiter, holder, deadline)
                if wait == 0.0:
                    break
                if wait is None:
                    event.wait(self._idle())
                else:
                    self.clock.sleep(wait)
        finally:
            self._queue.leave(waiter)
        self._counted(started)

    async def _async_wait_for(self, holder: _Holder, deadline: float | None) -> None:
        self._check_wait(0.0, deadline)
        import asyncio  # here, not at import: the sync client never needs it

        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        turn = Turn()
        waiter = Waiter(_waker(loop, event.set), turn, loop.is_running)
        started = self.clock.now()
        try:
            self._queue.join(waiter)
            while True:
                event.clear()
                wait = self._ask(waiter, holder, deadline)
                if wait == 0.0:
                    break
                if wait is None:
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(self._idle()):
                            await event.wait()
                else:
                    await self.clock.async_sleep(wait)
        finally:
            self._queue.leave(waiter)
        self._counted(started)


def _waker(loop: object, set_event: Callable[[], None]) -> Callable[[], bool]:
    def wake() -> bool:  # from any thread; False: that loop is gone
        try:
            loop.call_soon_threadsafe(set_event)  # type: ignore[attr-defined]
        except RuntimeError:
            return False
        return True

    return wake
