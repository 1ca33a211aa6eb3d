"""RateLimiter: one gate for every call of a client (or of several clients).

UltraCart counts requests per authorized application and IP (1,000 an hour and 10,000 a
day by default, a leaky bucket) and answers 429 when they come too fast or concurrently.
Retrying each request on its own makes concurrent callers collide again, so every send
goes through one gate instead:

- a FIFO queue: one waiter at a time (the head) decides when it may go, the others sleep
  until it has gone, so there is no thundering herd and no starvation;
- a concurrency bound (default 1, as UltraCart asks);
- ceilings in UltraCart's units (`requests_per_hour`, `requests_per_day`), as GCRA token
  buckets (`burst` requests may go back to back);
- an adaptive pace, CUBIC-like as in TCP and botocore's adaptive mode: unset until the
  first 429; each 429 for a request sent after the last cut multiplies the pace by 0.7
  (so the answers of one burst cut it once), pauses the whole gate for the Retry-After,
  and the pace grows back along a cubic curve while answers succeed, never above a
  ceiling. A 429 whose UC-REST-ERROR states the rate ("rate of 1000 per 3600 second(s)
  exceeded") teaches the gate that ceiling.

`_GateCore` is the arithmetic, with time passed in; `RateLimiter` adds the lock and the
waiting, for threads and asyncio tasks alike (one object may serve both).
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import NamedTuple, Protocol

from ultracart_conversations.errors import DeadlineExceededError, RateLimitError

__all__ = ["Clock", "RateLimiter", "RateLimiterStats", "announced_rate", "is_daily_quota"]

logger = logging.getLogger("ultracart_conversations")

_BETA = 0.7  # the multiplicative cut (CUBIC's and botocore's)
_CUBIC_C = 0.4  # how fast the pace grows back (requests/s per s^3)
_MIN_RATE = 1 / 60  # never slower than one request a minute
_MEASURE_WINDOW = 2.0  # seconds of sends used to measure the rate actually sent
_LEARNED_MARGIN = 0.97
_CATCH_UP = 0.5
_DAY = 86_400
# A pattern string, not a compiled one: re compiles it at the first 429 and caches it
# (compiling at import would cost every program that imports the client).
_ANNOUNCED = r"(?i)rate of\s+(\d+(?:\.\d+)?)\s+per\s+(\d+(?:\.\d+)?)\s+second"


def announced_rate(uc_rest_error: str | None) -> tuple[float, float] | None:
    """(requests, seconds) from UltraCart's "rate of N per P second(s) exceeded"."""
    match = re.search(_ANNOUNCED, uc_rest_error or "")
    if match is None:
        return None
    count, period = float(match[1]), float(match[2])
    return (count, period) if count > 0 and period > 0 else None


def is_daily_quota(uc_rest_error: str | None) -> bool:
    """True for the daily quota (per 86400 s or longer): waiting it out takes hours."""
    rate = announced_rate(uc_rest_error)
    return rate is not None and rate[1] >= _DAY


class Clock(Protocol):
    """What the gate reads time with and sleeps on (a test or a bench passes its own)."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...

    async def async_sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def async_sleep(self, seconds: float) -> None:
        import asyncio  # here, not at import: the sync client never needs it (about 12 ms)

        await asyncio.sleep(seconds)


class RateLimiterStats(NamedTuple):
    """A snapshot of the gate. Rates in requests per second."""

    rate: float | None  # the pace now (None: not pacing; the ceiling alone applies)
    ceiling: float | None  # the lowest configured or announced ceiling
    concurrency: int
    in_flight: int
    queued: int  # waiting to be let through
    sent: int
    throttled: int  # answers that were 429
    cuts: int  # times the pace was cut
    waited_seconds: float  # total time callers spent waiting in the gate


class Permit(NamedTuple):
    """One send let through; hand it back with `release`."""

    sent_at: float
    serial: int  # the how-manieth send of this gate


class _Gcra:
    """A token bucket as a theoretical arrival time: `rate` per second, `burst` at once."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.interval = 1.0 / rate
        self.tolerance = (burst - 1) * self.interval
        self.tat = -math.inf

    def earliest(self, now: float) -> float:
        return max(now, self.tat - self.tolerance)

    def take(self, at: float) -> None:
        self.tat = max(self.tat, at) + self.interval


class _Waiter:
    __slots__ = ("wake",)

    def __init__(self, wake: Callable[[], None]) -> None:
        self.wake = wake


class _GateCore:
    """The gate's state and decisions; every method takes `now` (no clock, no lock)."""

    def __init__(
        self, ceilings: list[_Gcra], concurrency: int, min_rate: float = _MIN_RATE
    ) -> None:
        self.ceilings = ceilings
        self.concurrency = concurrency
        self.min_rate = min_rate
        self.learned: float | None = None  # a ceiling a 429 announced
        self.queue: deque[_Waiter] = deque()
        self.in_flight = 0
        # The adaptive pace: None until the first 429; then CUBIC from the last cut.
        self.cut_at: float | None = None
        self.sent_before_cut = 0  # serial of the last permit issued before the last cut
        self.w_max = 0.0
        self.k = 0.0
        self.pace_tat = -math.inf
        self.blocked_until = -math.inf
        self.recent: deque[float] = deque()
        self.sent = self.throttled = self.cuts = 0
        self.waited = 0.0

    def ceiling(self) -> float | None:
        rates = [g.rate for g in self.ceilings]
        if self.learned is not None:
            rates.append(self.learned)
        return min(rates) if rates else None

    def rate(self, now: float) -> float | None:
        ceiling = self.ceiling()
        if self.cut_at is None:
            return None
        grown = _CUBIC_C * (now - self.cut_at - self.k) ** 3 + self.w_max
        grown = max(self.min_rate, grown)
        return grown if ceiling is None else min(grown, ceiling)

    def measured(self, now: float) -> float:
        while self.recent and self.recent[0] <= now - _MEASURE_WINDOW:
            self.recent.popleft()
        return len(self.recent) / _MEASURE_WINDOW

    # --- the queue ---------------------------------------------------------------------
    def enqueue(self, waiter: _Waiter) -> None:
        self.queue.append(waiter)

    def leave(self, waiter: _Waiter) -> None:
        """A waiter gives up (cancelled, deadline): the next one may become the head."""
        was_head = bool(self.queue) and self.queue[0] is waiter
        try:
            self.queue.remove(waiter)
        except ValueError:
            return
        if was_head and self.queue:
            self.queue[0].wake()

    def decide(self, waiter: _Waiter, now: float) -> Permit | float | None:
        """A Permit (go now), seconds to sleep before asking again, or None: wait to be
        woken (not the head yet, or every concurrency slot is taken)."""
        if not self.queue or self.queue[0] is not waiter or self.in_flight >= self.concurrency:
            return None
        at = max([now, self.blocked_until, *(g.earliest(now) for g in self.ceilings)])
        rate = self.rate(now)
        # Below the configured ceilings the adaptive pace applies (evenly spaced); at them,
        # their buckets alone do, bursts included.
        pacing = rate is not None and all(rate < g.rate for g in self.ceilings)
        if pacing:
            at = max(at, self.pace_tat)
        if at > now:
            return at - now
        for gcra in self.ceilings:
            gcra.take(now)
        if pacing and rate is not None:
            # A send that went a little late (a slow wake-up) is half made up by the next
            # one; after a pause, the pace starts afresh.
            interval = 1.0 / rate
            late = now - self.pace_tat
            start = now if late >= interval else max(self.pace_tat, now - _CATCH_UP * interval)
            self.pace_tat = start + interval
        self.queue.popleft()
        self.in_flight += 1
        self.sent += 1
        self.recent.append(now)
        self.measured(now)  # drops what fell out of the window: memory stays bounded
        if self.queue:
            self.queue[0].wake()
        return Permit(now, self.sent)

    def release(
        self,
        permit: Permit,
        now: float,
        status: int | None,
        retry_after: float | None,
        uc_rest_error: str | None,
    ) -> None:
        self.in_flight -= 1
        if status == 429:
            self._throttled(permit, now, retry_after, uc_rest_error)
        if self.queue:
            self.queue[0].wake()

    def _throttled(
        self, permit: Permit, now: float, retry_after: float | None, uc_rest_error: str | None
    ) -> None:
        self.throttled += 1
        if retry_after is not None:
            self.blocked_until = max(self.blocked_until, now + retry_after)
        announced = announced_rate(uc_rest_error)
        if announced is not None and announced[1] < _DAY:
            # A little under the announced rate: sends paced exactly at it would meet a
            # full bucket whenever one arrives a millisecond early.
            self.learned = _LEARNED_MARGIN * announced[0] / announced[1]
        if permit.serial <= self.sent_before_cut:
            return  # sent before the last cut: that cut already answered this burst
        current = self.rate(now)
        measured = self.measured(now)
        ceiling = self.ceiling()
        if current is None:
            # The first 429: cut from the known ceiling, else from what was really sent.
            base = measured if ceiling is None else ceiling
        else:
            base = min(current, max(measured, self.min_rate))
        if ceiling is not None:
            base = min(base, ceiling)
        base = max(base, self.min_rate)
        new = max(self.min_rate, base * _BETA)
        self.w_max = base
        self.k = ((base - new) / _CUBIC_C) ** (1 / 3)
        self.cut_at = now
        self.sent_before_cut = self.sent
        self.cuts += 1
        # Requests reserved at the old pace start again from the new one.
        self.pace_tat = max(now, self.blocked_until)
        logger.info(
            "429 from the server: pacing cut to %.3g requests/s (from %.3g)%s",
            new,
            base,
            f", paused {retry_after:.3g} s" if retry_after else "",
        )

    def stats(self, now: float) -> RateLimiterStats:
        return RateLimiterStats(
            rate=self.rate(now),
            ceiling=self.ceiling(),
            concurrency=self.concurrency,
            in_flight=self.in_flight,
            queued=len(self.queue),
            sent=self.sent,
            throttled=self.throttled,
            cuts=self.cuts,
            waited_seconds=self.waited,
        )


def _positive(name: str, value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")


class RateLimiter:
    """The gate every send of a client goes through; pass one to several clients to share
    it (UltraCart counts per application and IP).

        limiter = RateLimiter(requests_per_hour=1000, concurrency=2)
        api = ConversationApi(simple_key=key, rate_limiter=limiter)
        print(api.rate_limiter.stats())

    `requests_per_hour` / `requests_per_day`: ceilings in UltraCart's units (unset: none
    until the server announces one in a 429). `burst`: how many requests may go back to
    back under a ceiling (default 1: evenly paced). `concurrency`: requests in flight at
    once (default 1, as UltraCart asks). `max_wait`: the longest a request waits for a
    ceiling before RateLimitError is raised instead (a spent daily quota would take hours).
    `clock`: for tests.
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
    ) -> None:
        _positive("requests_per_hour", requests_per_hour)
        _positive("requests_per_day", requests_per_day)
        _positive("max_wait", max_wait)
        for name, value in (("concurrency", concurrency), ("burst", burst)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be an int >= 1, got {value!r}")
        ceilings = [
            _Gcra(count / period, burst)
            for count, period in ((requests_per_hour, 3600), (requests_per_day, _DAY))
            if count is not None
        ]
        self._core = _GateCore(ceilings, concurrency)
        self._lock = threading.Lock()
        self.clock: Clock = clock or SystemClock()
        self.max_wait = max_wait
        self._settings = (requests_per_hour, requests_per_day, concurrency, burst)

    def __repr__(self) -> str:
        hour, day, concurrency, burst = self._settings
        return (
            f"RateLimiter(requests_per_hour={hour!r}, requests_per_day={day!r}, "
            f"concurrency={concurrency}, burst={burst})"
        )

    def stats(self) -> RateLimiterStats:
        with self._lock:
            return self._core.stats(self.clock.now())

    def _check_wait(self, seconds: float, deadline: float | None) -> None:
        if deadline is not None and self.clock.now() + seconds > deadline:
            raise DeadlineExceededError(
                f"the rate limit would hold this request {seconds:.3g} s, past the deadline"
            )
        if seconds > self.max_wait:
            error = RateLimitError(
                f"the rate limit would hold this request {seconds:.0f} s, more than "
                f"max_wait={self.max_wait:g} s (a ceiling is used up); not sent"
            )
            error.retry_after = seconds
            raise error

    def _granted(self, permit: Permit, started: float) -> Permit:
        """Called under the lock."""
        waited = permit.sent_at - started
        self._core.waited += waited
        if waited >= 0.001 and logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "rate limiter: sent after waiting %.3f s (%d in flight, %d queued)",
                waited,
                self._core.in_flight,
                len(self._core.queue),
            )
        return permit

    # The two waits below differ only in how they block; each round of either one asks
    # the gate through _poll, and leaves the queue through _leave if it gives up.
    def _enqueue(self, waiter: _Waiter) -> float:
        """Queue `waiter`; returns when it started waiting."""
        started = self.clock.now()
        with self._lock:
            self._core.enqueue(waiter)
        return started

    def _poll(
        self, waiter: _Waiter, rearm: Callable[[], None], started: float, deadline: float | None
    ) -> Permit | float | None:
        """One look at the gate: the permit, or seconds to sleep before looking again
        (checked against the deadline and max_wait), or None to wait until woken."""
        with self._lock:
            rearm()  # before deciding: a wake-up from here on is not lost
            decision = self._core.decide(waiter, self.clock.now())
            if isinstance(decision, Permit):
                return self._granted(decision, started)
        if decision is not None:
            self._check_wait(decision, deadline)
        return decision

    def _leave(self, waiter: _Waiter) -> None:
        with self._lock:
            self._core.leave(waiter)

    # Both acquire() and async_acquire() take `deadline` on the clock's time scale.
    def acquire(self, deadline: float | None = None) -> Permit:
        """Wait (this thread) until a request may be sent."""
        self._check_wait(0.0, deadline)
        event = threading.Event()
        waiter = _Waiter(event.set)
        started = self._enqueue(waiter)
        try:
            while True:
                decision = self._poll(waiter, event.clear, started, deadline)
                if isinstance(decision, Permit):
                    return decision
                if decision is None:
                    event.wait()
                else:
                    self.clock.sleep(decision)
        except BaseException:
            self._leave(waiter)
            raise

    async def async_acquire(self, deadline: float | None = None) -> Permit:
        """Wait (this task) until a request may be sent."""
        self._check_wait(0.0, deadline)
        import asyncio  # see async_sleep

        loop = asyncio.get_running_loop()
        event = asyncio.Event()

        def wake() -> None:  # called under the lock, from any thread
            with contextlib.suppress(RuntimeError):  # that loop has closed: nobody to wake
                loop.call_soon_threadsafe(event.set)

        waiter = _Waiter(wake)
        started = self._enqueue(waiter)
        try:
            while True:
                decision = self._poll(waiter, event.clear, started, deadline)
                if isinstance(decision, Permit):
                    return decision
                if decision is None:
                    await event.wait()
                else:
                    await self.clock.async_sleep(decision)
        except BaseException:
            self._leave(waiter)
            raise

    def release(
        self,
        permit: Permit,
        status: int | None = None,
        retry_after: float | None = None,
        uc_rest_error: str | None = None,
    ) -> None:
        """Hand back a permit with what the server answered (status None: no answer)."""
        with self._lock:
            self._core.release(permit, self.clock.now(), status, retry_after, uc_rest_error)
