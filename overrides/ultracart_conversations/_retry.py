"""When to retry a failed call and how long to wait: pure functions, shared by the sync
and async clients (only their sleeping differs).

The rules:
- a connection that failed before the request went out (refused, connect timeout, no
  pooled connection in time) is retried for every operation;
- 429 is retried for every operation: the server refused the call without doing it;
- 5xx, a read timeout, or a connection dropped after the request went out are retried
  only for idempotent operations. One declared `x-idempotent: false` in openapi.yaml
  (one that creates something) could take effect twice, so it raises instead.
The wait is exponential backoff with jitter, or the server's Retry-After when it sent
one (seconds or an HTTP date, read by _parse.parse_retry_after: a negative or past value
is none), capped at `max_retry_after`.

With a rate limiter (the default), a 429 is not one of the `max_retries`: the call
waits max(Retry-After, backoff) and goes back through the limiter, for at most
`max_rate_limit_wait` seconds in all; a Retry-After above `max_retry_after`, or
UltraCart's daily quota, raises at once (`rate_limited_wait`).
"""

from __future__ import annotations

import random
from typing import Any

# Read by the one total parser of Retry-After (_parse); kept importable from here.
from ultracart_conversations._parse import parse_retry_after
from ultracart_conversations._ratelimit import is_daily_quota
from ultracart_conversations.errors import (
    APIConnectionError,
    ApiError,
    RateLimitError,
    ServerError,
)

__all__ = ["RetryPolicy", "parse_retry_after", "rate_limited_wait", "retry_wait"]

# The longest wait a policy may ask for (a day).
_MAX_WAIT = 24 * 3600.0


class RetryPolicy:
    """How the client retries. `max_retries=0` turns retries off.

    The n-th retry (n = 0, 1, ...) waits initial_backoff * 2**n seconds, at most
    max_backoff, less up to `jitter` of it at random (so that many clients that failed
    together do not retry together). A Retry-After from the server replaces that wait,
    capped at max_retry_after.

    With a rate limiter, 429s are retried apart from max_retries, for at most
    `max_rate_limit_wait` seconds of waiting per call (0: raise the first 429).

    Immutable, compared by value; `policy.replace(max_retries=5)` makes a changed copy.
    (A plain class rather than a frozen dataclass: one fewer module and no compiled
    methods when the client is imported.)
    """

    __slots__ = (
        "initial_backoff",
        "jitter",
        "max_backoff",
        "max_rate_limit_wait",
        "max_retries",
        "max_retry_after",
    )
    max_retries: int
    initial_backoff: float
    max_backoff: float
    max_retry_after: float
    jitter: float
    max_rate_limit_wait: float

    def __init__(
        self,
        max_retries: int = 2,
        initial_backoff: float = 0.5,
        max_backoff: float = 8.0,
        max_retry_after: float = 60.0,
        jitter: float = 0.25,
        max_rate_limit_wait: float = 600.0,
    ) -> None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int):
            raise TypeError("max_retries must be an int")
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        waits = {
            "initial_backoff": initial_backoff,
            "max_backoff": max_backoff,
            "max_retry_after": max_retry_after,
            "max_rate_limit_wait": max_rate_limit_wait,
        }
        for name, value in (*waits.items(), ("jitter", jitter)):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        for name, value in waits.items():
            # NaN compares false with everything: it would turn the cap off. Infinity
            # would let a server's Retry-After park a call for ever.
            if not 0 <= value <= _MAX_WAIT:
                raise ValueError(f"{name} must be from 0 to {_MAX_WAIT:.0f} seconds")
        if not 0 <= jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")
        set_ = object.__setattr__  # past this class's own __setattr__, which refuses
        set_(self, "max_retries", max_retries)
        set_(self, "initial_backoff", initial_backoff)
        set_(self, "max_backoff", max_backoff)
        set_(self, "max_retry_after", max_retry_after)
        set_(self, "jitter", jitter)
        set_(self, "max_rate_limit_wait", max_rate_limit_wait)

    def replace(self, **changes: float) -> RetryPolicy:
        """A copy with some settings changed (and checked again)."""
        unknown = changes.keys() - set(self.__slots__)
        if unknown:
            raise TypeError(f"RetryPolicy has no setting {sorted(unknown)[0]!r}")
        return type(self)(**{**self._as_dict(), **changes})

    __replace__ = replace  # copy.replace(policy, ...) on Python 3.13

    def __reduce__(self) -> tuple[Any, ...]:
        # copy, deepcopy and pickle rebuild the policy through __init__ (and its checks);
        # their default would set the slots one by one, which __setattr__ refuses.
        arguments = (
            self.max_retries,
            self.initial_backoff,
            self.max_backoff,
            self.max_retry_after,
            self.jitter,
            self.max_rate_limit_wait,
        )
        return (type(self), arguments)

    def _as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"RetryPolicy is immutable: use .replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("RetryPolicy is immutable")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._as_dict() == other._as_dict()

    def __hash__(self) -> int:
        return hash(tuple(self._as_dict().values()))

    def __repr__(self) -> str:
        settings = ", ".join(f"{name}={value!r}" for name, value in self._as_dict().items())
        return f"RetryPolicy({settings})"

    def backoff(self, retry_number: int) -> float:
        """The wait before retry number `retry_number` (0-based) without Retry-After."""
        base: float = min(self.max_backoff, self.initial_backoff * 2.0**retry_number)
        return base * (1 - self.jitter * random.random())  # noqa: S311 (not cryptographic)


def _retryable(error: ApiError, idempotent: bool) -> bool:
    if isinstance(error, RateLimitError):
        return True
    if isinstance(error, APIConnectionError):
        return idempotent or not getattr(error, "request_sent", True)
    if isinstance(error, ServerError):
        return idempotent
    return False


def retry_wait(
    policy: RetryPolicy, error: ApiError, *, idempotent: bool, retries_done: int
) -> float | None:
    """Seconds to wait before retrying after `error`, or None to raise it now."""
    if retries_done >= policy.max_retries or not _retryable(error, idempotent):
        return None
    if isinstance(error, RateLimitError | ServerError):
        retry_after = parse_retry_after(error.headers.get("retry-after"))
        if retry_after is not None:
            return min(retry_after, policy.max_retry_after)
    return policy.backoff(retries_done)


def rate_limited_wait(
    policy: RetryPolicy, error: RateLimitError, *, throttled: int, waited: float
) -> float | None:
    """With a rate limiter: seconds to wait before sending again after a 429, or None to
    raise it. `throttled` 429s of this call were already retried after `waited` seconds."""
    if policy.max_retries == 0 or is_daily_quota(error.headers.get("uc-rest-error")):
        return None
    retry_after = error.retry_after
    if retry_after is not None and retry_after > policy.max_retry_after:
        return None  # hours, perhaps: better raised now than slept through
    wait = max(retry_after or 0.0, policy.backoff(throttled))
    if waited + wait > policy.max_rate_limit_wait:
        return None
    return wait
