"""The fake's rate limit: a leaky bucket per credential, as UltraCart keeps one per
authorized application, plus an optional bound on concurrent requests.

A request that finds the bucket full (or too many of its credential's requests in
flight) is answered 429 with a Retry-After (whole seconds until there is room) and a
UC-REST-ERROR worded like UltraCart's ("rate of 1000 per 3600 second(s) exceeded").
Refused requests do not fill the bucket.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["LeakyBuckets", "RateLimitParseError", "Refusal", "parse_rate"]


class RateLimitParseError(ValueError):
    """A rate that is not "N", "N/SECONDS" or (N, SECONDS) with positive numbers."""


def parse_rate(rate: float | tuple[float, float] | str) -> tuple[float, float]:
    """(requests, seconds) from 20 (per second), (1000, 3600) or "1000/3600"."""
    count: object
    period: object = 1.0
    if isinstance(rate, str):
        count, _, period_text = rate.partition("/")
        try:
            count, period = float(count), float(period_text or 1)
        except ValueError:
            raise RateLimitParseError(
                f"rate limit {rate!r}: expected N or N/SECONDS, e.g. 20 or 1000/3600"
            ) from None
    elif isinstance(rate, tuple):
        count, period = rate
    else:
        count = rate
    if (
        isinstance(count, bool)
        or not isinstance(count, int | float)
        or not isinstance(period, int | float)
        or not (count > 0 and period > 0 and math.isfinite(count) and math.isfinite(period))
    ):
        raise RateLimitParseError(f"rate limit must be positive, got {rate!r}")
    return float(count), float(period)


@dataclass(frozen=True)
class Refusal:
    retry_after: str  # header value: whole seconds
    message: str  # UC-REST-ERROR


class LeakyBuckets:
    def __init__(
        self,
        rate: float | tuple[float, float] | str | None = None,
        burst: int | None = None,
        concurrent_limit: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = None if rate is None else parse_rate(rate)
        if burst is not None and (
            isinstance(burst, bool) or not isinstance(burst, int) or burst < 1
        ):
            raise ValueError(f"burst must be an int >= 1, got {burst!r}")
        if concurrent_limit is not None and (
            isinstance(concurrent_limit, bool)
            or not isinstance(concurrent_limit, int)
            or concurrent_limit < 1
        ):
            raise ValueError(f"concurrent_limit must be an int >= 1, got {concurrent_limit!r}")
        self.burst = burst or 1
        self.concurrent_limit = concurrent_limit
        self._clock = clock
        self._lock = threading.Lock()
        self._levels: dict[str, tuple[float, float]] = {}  # credential -> (level, at)
        self._in_flight: dict[str, int] = {}
        self.admitted = 0
        self.refused = 0

    @property
    def active(self) -> bool:
        return self.rate is not None or self.concurrent_limit is not None

    def enter(self, credential: str) -> Refusal | None:
        """A request arrives; None admits it. Pair every enter with a leave."""
        with self._lock:
            in_flight = self._in_flight.get(credential, 0)
            self._in_flight[credential] = in_flight + 1
            if self.concurrent_limit is not None and in_flight >= self.concurrent_limit:
                self.refused += 1
                return Refusal("1", "Too many concurrent requests for this application.")
            if self.rate is not None:
                count, period = self.rate
                per_second = count / period
                now = self._clock()
                level, at = self._levels.get(credential, (0.0, now))
                level = max(0.0, level - (now - at) * per_second)
                if level + 1 > self.burst:
                    self._levels[credential] = (level, now)
                    self.refused += 1
                    wait = max(1, math.ceil((level + 1 - self.burst) / per_second))
                    return Refusal(
                        str(wait), f"rate of {count:g} per {period:g} second(s) exceeded"
                    )
                self._levels[credential] = (level + 1, now)
            self.admitted += 1
            return None

    def leave(self, credential: str) -> None:
        with self._lock:
            self._in_flight[credential] -= 1
