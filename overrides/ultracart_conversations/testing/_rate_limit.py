"""The fake's rate limit: one allowance per authorized application, as UltraCart keeps,
plus an optional bound on concurrent requests.

How the allowance is kept is a `ServerModel`, so that a client can be tried against more
than UltraCart's own:

- "token": a token bucket of `burst` refilled at the rate (UltraCart calls its own a leaky
  bucket; as a meter the two are the same thing). The default.
- "queue": a leaky bucket as a queue (nginx's limit_req): a request over the rate is held
  until its turn, up to `burst` of them; beyond that, 429.
- "window": a fixed window: `rate` requests per period, counted from the period's start.

and how a 429 reads: Retry-After in whole seconds (rounded up, as RFC 9110 allows only
integers), fractional, or absent; the rate announced in UC-REST-ERROR like UltraCart's
("rate of 1000 per 3600 second(s) exceeded") or a message without it; answered at once or
`late` seconds later. Refused requests do not use the allowance.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "LeakyBuckets",
    "RateLimitParseError",
    "RateLimits",
    "Refusal",
    "ServerModel",
    "parse_rate",
]

GENERIC_429 = "You have exceeded the allowed API call rate limit for your application."


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
class ServerModel:
    """How the fake keeps and refuses the allowance (see the module's docstring)."""

    kind: Literal["token", "queue", "window"] = "token"
    retry_after: Literal["whole", "fractional", "none"] = "whole"
    announce: bool = True
    late: float = 0.0  # seconds a 429 takes, on top of the fake's latency

    def __post_init__(self) -> None:
        if self.kind not in ("token", "queue", "window"):
            raise ValueError(f"kind must be 'token', 'queue' or 'window', got {self.kind!r}")
        if self.retry_after not in ("whole", "fractional", "none"):
            raise ValueError("retry_after must be 'whole', 'fractional' or 'none'")
        if not (isinstance(self.late, int | float) and 0 <= self.late <= 3600):
            raise ValueError("late must be from 0 to 3600 seconds")

    @classmethod
    def variants(cls, late: float = 0.5) -> list[ServerModel]:
        """Every kind x every Retry-After x announced or not, and two with late 429s."""
        kinds: tuple[Literal["token", "queue", "window"], ...] = ("token", "queue", "window")
        forms: tuple[Literal["whole", "fractional", "none"], ...] = ("whole", "fractional", "none")
        models = [
            cls(kind, form, announce)
            for kind in kinds
            for form in forms
            for announce in (True, False)
        ]
        return models + [cls("token", "whole", announce, late) for announce in (True, False)]


@dataclass(frozen=True)
class Refusal:
    retry_after: str | None  # header value, or None for no header
    message: str  # UC-REST-ERROR
    delay: float = 0.0  # hold the answer this long (a late 429)


class RateLimits:
    """Per-application allowances under one ServerModel. Thread-safe."""

    def __init__(
        self,
        rate: float | tuple[float, float] | str | None = None,
        burst: int | None = None,
        concurrent_limit: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        model: ServerModel | None = None,
    ) -> None:
        self.rate = None if rate is None else parse_rate(rate)
        for name, value in (("burst", burst), ("concurrent_limit", concurrent_limit)):
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 1
            ):
                raise ValueError(f"{name} must be an int >= 1, got {value!r}")
        if model is not None and not isinstance(model, ServerModel):
            raise ValueError("model must be a ServerModel")
        self.model = model or ServerModel()
        self.burst = burst or 1
        self.concurrent_limit = concurrent_limit
        self._clock = clock
        self._lock = threading.Lock()
        self._levels: dict[str, tuple[float, float]] = {}  # application -> (level, at)
        self._next_free: dict[str, float] = {}  # "queue": when the next request is served
        self._windows: dict[str, tuple[int, int]] = {}  # "window": (window, count)
        self._in_flight: dict[str, int] = {}
        self.admitted = 0
        self.refused = 0

    @property
    def active(self) -> bool:
        return self.rate is not None or self.concurrent_limit is not None

    def enter(self, application: str) -> Refusal | float | None:
        """A request arrives: a Refusal, or None / seconds to hold it before answering.
        Pair every enter with a leave."""
        with self._lock:
            in_flight = self._in_flight.get(application, 0)
            self._in_flight[application] = in_flight + 1
            if self.concurrent_limit is not None and in_flight >= self.concurrent_limit:
                self.refused += 1
                return Refusal("1", "Too many concurrent requests for this application.")
            if self.rate is None:
                self.admitted += 1
                return None
            now = self._clock()
            wait, hold = getattr(self, "_" + self.model.kind)(application, now)
            if wait is not None:
                self.refused += 1
                return self._refusal(wait)
            self.admitted += 1
            return hold or None

    def leave(self, application: str) -> None:
        with self._lock:
            self._in_flight[application] -= 1

    # Each model: (None, seconds to hold) to admit, or (seconds until room, 0) to refuse.
    def _token(self, application: str, now: float) -> tuple[float | None, float]:
        per_second = self._per_second
        level, at = self._levels.get(application, (0.0, now))
        level = max(0.0, level - (now - at) * per_second)
        if level + 1 > self.burst:
            self._levels[application] = (level, now)
            return (level + 1 - self.burst) / per_second, 0.0
        self._levels[application] = (level + 1, now)
        return None, 0.0

    def _queue(self, application: str, now: float) -> tuple[float | None, float]:
        interval = 1 / self._per_second
        turn = max(now, self._next_free.get(application, now))
        hold = turn - now
        if hold > self.burst * interval + 1e-9:  # the queue is full
            return hold - self.burst * interval, 0.0
        self._next_free[application] = turn + interval
        return None, hold

    def _window(self, application: str, now: float) -> tuple[float | None, float]:
        assert self.rate is not None
        count, period = self.rate
        window = math.floor(now / period)
        current, used = self._windows.get(application, (window, 0))
        if current != window:
            used = 0
        if used + 1 > count:
            self._windows[application] = (window, used)
            return (window + 1) * period - now, 0.0
        self._windows[application] = (window, used + 1)
        return None, 0.0

    @property
    def _per_second(self) -> float:
        assert self.rate is not None
        return self.rate[0] / self.rate[1]

    def _refusal(self, wait: float) -> Refusal:
        assert self.rate is not None
        count, period = self.rate
        model = self.model
        retry_after: str | None = None
        if model.retry_after == "whole":
            retry_after = str(max(1, math.ceil(wait)))
        elif model.retry_after == "fractional":
            retry_after = f"{max(wait, 0.001):.3f}"
        message = (
            f"rate of {count:g} per {period:g} second(s) exceeded"
            if model.announce
            else GENERIC_429
        )
        return Refusal(retry_after, message, model.late)


LeakyBuckets = RateLimits  # its name before the models (the default model is the same)
