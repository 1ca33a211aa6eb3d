"""Where the gate's state lives: the protocol every store follows, and the in-process one.

A store answers the head of a RateLimiter's queue (`try_acquire`: a permit, seconds to
wait, or None when every concurrency slot is taken) and takes back permits with what the
server answered (`release`). The in-process store keeps its state in memory; the shared
ones (`_gate_sqlite.py`, `_gate_redis.py`) keep it where every process can see it, with
concurrency slots as leases that expire when their process dies.

Permits reach their holder through a `Holder` (a RateLimiter's Slot): the store sets
`holder.permit` before it counts the permit as held, so that an interrupt anywhere in
between leaves nothing counted that nobody will give back.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import NamedTuple, Protocol

from ultracart_conversations._gate_math import (
    SEND_LOG_SECONDS,
    Answer,
    Ceiling,
    GateState,
)


class Permit(NamedTuple):
    """One send let through; hand it back with `RateLimiter.release`."""

    sent_at: float  # on the store's clock
    serial: int  # the how-manieth send of this gate
    lease: str = ""  # a shared store's lease id ("" in process)


class Holder(Protocol):
    permit: Permit | None


class Settings(NamedTuple):
    """What a RateLimiter asks of its store (each process passes its own)."""

    ceilings: list[Ceiling]
    concurrency: int


class Snapshot(NamedTuple):
    rate: float | None
    ceiling: float | None
    in_flight: int
    sent: int
    throttled: int
    cuts: int


class GateStore(Protocol):
    shared: bool
    description: str  # for messages: never holds a password

    def try_acquire(
        self, settings: Settings, holder: Holder, now: float | None = None
    ) -> Permit | float | None:
        """A permit (also set on `holder`), seconds to wait, or None: every slot is taken."""
        ...

    def release(
        self, settings: Settings, permit: Permit, answer: Answer, now: float | None = None
    ) -> str | None:
        """Give back a permit (a second time: no effect). A line to log if the pace changed."""
        ...

    def snapshot(self, settings: Settings, now: float | None = None) -> Snapshot: ...

    def close(self) -> None: ...


class MemoryLog:
    """Send and admission times of the last SEND_LOG_SECONDS, in memory."""

    __slots__ = ("_admitted", "_sent")

    def __init__(self) -> None:
        self._sent: deque[float] = deque()
        self._admitted: deque[float] = deque()

    @staticmethod
    def _add(times: deque[float], at: float) -> None:
        times.append(at)
        while times and times[0] < at - SEND_LOG_SECONDS:
            times.popleft()

    def add(self, serial: int, at: float) -> None:
        self._add(self._sent, at)

    def add_admitted(self, serial: int, at: float) -> None:
        self._add(self._admitted, at)

    def count(self, after: float, until: float) -> int:
        return sum(1 for t in self._sent if after < t <= until)

    def count_admitted(self, after: float, until: float) -> int:
        return sum(1 for t in self._admitted if after < t <= until)


class LocalStore:
    """The gate's state in this process (the default). `now` is the RateLimiter's clock."""

    shared = False
    description = "in process"

    def __init__(self) -> None:
        self.state = GateState()
        self._log = MemoryLog()
        self._held: dict[int, Permit] = {}
        self._lock = threading.Lock()

    def try_acquire(
        self, settings: Settings, holder: Holder, now: float | None = None
    ) -> Permit | float | None:
        assert now is not None  # the RateLimiter passes its clock's time
        with self._lock:
            if len(self._held) >= settings.concurrency or self.state.probe_serial in self._held:
                return None
            at, pacing = self.state.next_send(settings.ceilings, now)
            if at > now:
                return at - now
            serial = self.state.take(settings.ceilings, now, pacing, self._log)
            permit = Permit(now, serial)
            holder.permit = permit  # first the holder, then the count (see the docstring)
            self._held[serial] = permit
            return permit

    def release(
        self, settings: Settings, permit: Permit, answer: Answer, now: float | None = None
    ) -> str | None:
        assert now is not None
        with self._lock:
            if self._held.pop(permit.serial, None) is None:
                return None  # given back already
            return self.state.answered(
                settings.ceilings, permit.serial, permit.sent_at, answer, now, self._log
            )

    def snapshot(self, settings: Settings, now: float | None = None) -> Snapshot:
        assert now is not None
        with self._lock:
            state = self.state
            return Snapshot(
                rate=state.rate(settings.ceilings, now),
                ceiling=state.ceiling(settings.ceilings, now),
                in_flight=len(self._held),
                sent=state.serial,
                throttled=state.throttled,
                cuts=state.cuts,
            )

    def close(self) -> None:
        pass
