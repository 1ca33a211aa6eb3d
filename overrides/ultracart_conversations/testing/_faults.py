"""Scripted misbehaviour for the fake: what the next request to an operation should suffer."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

# The longest wait the fake accepts (a day): longer is no test's intent, and infinity or
# 1e300 would crash the handler that waits (OverflowError from the timer).
MAX_WAIT_SECONDS = 86_400.0


def checked_seconds(name: str, value: object) -> float:
    """A wait for the fake: a finite number of seconds from 0 to a day, or ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number of seconds, not {type(value).__name__}")
    if not (math.isfinite(value) and 0 <= value <= MAX_WAIT_SECONDS):
        raise ValueError(f"{name} must be from 0 to {MAX_WAIT_SECONDS:.0f} seconds, not {value}")
    return float(value)


class FaultKind(Enum):
    STATUS = "status"  # answer with this status and an ErrorResponse body
    DROP = "drop"  # close the connection without answering
    TRUNCATE = "truncate"  # send the real answer's headers and only half of its body
    NOT_JSON = "not_json"  # answer with a body that is not JSON
    DELAY = "delay"  # wait, then answer normally


@dataclass(frozen=True)
class Fault:
    """One scripted fault; build them with the class methods, queue them with `inject`."""

    kind: FaultKind
    status_code: int = 200
    retry_after: str | None = None
    message: str | None = None
    seconds: float = 0.0

    @classmethod
    def status(
        cls, code: int, *, retry_after: str | None = None, message: str | None = None
    ) -> Fault:
        """Answer `code` (e.g. 429, 500, 503) with UltraCart's error body and header."""
        if not 400 <= code <= 599:
            raise ValueError(f"a fault status must be 4xx or 5xx, not {code}")
        return cls(FaultKind.STATUS, status_code=code, retry_after=retry_after, message=message)

    @classmethod
    def drop(cls) -> Fault:
        """Close the connection after reading the request, without a response."""
        return cls(FaultKind.DROP)

    @classmethod
    def truncate(cls) -> Fault:
        """Handle the request, then send only half of the response body and close.
        (An answer without a body, like join's 204, goes out whole.)"""
        return cls(FaultKind.TRUNCATE)

    @classmethod
    def not_json(cls, status: int = 200) -> Fault:
        """Answer `status` with `Content-Type: application/json` and an HTML body."""
        return cls(FaultKind.NOT_JSON, status_code=status)

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        """Wait `seconds` before handling the request normally (to trip client timeouts)."""
        return cls(FaultKind.DELAY, seconds=checked_seconds("a delay", seconds))
