"""A clock for the rate limiter that never really sleeps: sleeping moves it forward.

Where time is the behaviour (a retry must not go before its Retry-After), tests read
this clock instead of a stopwatch.
"""

from __future__ import annotations

import asyncio
import threading


class FakeClock:
    def __init__(self, start: float = 1_000.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self.sleeps: list[float] = []

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self._now += max(0.0, seconds)

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.advance(seconds)
        await asyncio.sleep(0)  # let the others run, as a real sleep would
