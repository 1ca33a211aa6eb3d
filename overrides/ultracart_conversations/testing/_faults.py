"""Scripted misbehaviour for the fake: what the next request to an operation should suffer."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
        if seconds < 0:
            raise ValueError("a delay cannot be negative")
        return cls(FaultKind.DELAY, seconds=seconds)
