"""The waiting side of the gate: clocks, and the FIFO queue of one process's callers.

Threads and asyncio tasks (of any event loop) wait in one queue. Only its head asks the
store whether it may go; the others sleep until woken. A head whose event loop has
stopped or closed would block everyone behind it, sync callers included, so such a
waiter is dropped (it rejoins at the back if its loop ever runs again).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Protocol


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


def _always() -> bool:
    return True


class Turn:
    """Held by the waiting caller's frame alone: once that frame is gone (an interrupt
    that skipped even the cleanup), its Waiter is dead and is dropped from the queue."""

    __slots__ = ("__weakref__",)


class Waiter:
    """One caller in the queue: how to wake it (False: it cannot be woken any more) and
    whether it can still take its turn."""

    __slots__ = ("_alive", "_turn", "wake")

    def __init__(
        self, wake: Callable[[], bool | None], turn: Turn, alive: Callable[[], bool] = _always
    ) -> None:
        self.wake = wake
        self._turn = weakref.ref(turn)
        self._alive = alive

    def alive(self) -> bool:
        return self._turn() is not None and self._alive()


class WaitQueue:
    def __init__(self) -> None:
        self._waiters: deque[Waiter] = deque()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            head = self._waiters[0] if self._waiters else None
            self._waiters = deque(w for w in self._waiters if w.alive())
            if self._waiters and self._waiters[0] is not head:
                self._wake_head()
            return len(self._waiters)

    def join(self, waiter: Waiter) -> None:
        with self._lock:
            self._waiters.append(waiter)

    def is_head(self, waiter: Waiter) -> bool:
        """Whether `waiter` may ask the store now (dead heads before it are dropped)."""
        with self._lock:
            waiters = self._waiters
            while waiters and waiters[0] is not waiter and not waiters[0].alive():
                waiters.popleft()
            if waiter not in waiters:  # dropped while its loop was stopped: back in line
                waiters.append(waiter)
            return waiters[0] is waiter

    def granted(self, waiter: Waiter) -> None:
        with self._lock:
            if self._waiters and self._waiters[0] is waiter:
                self._waiters.popleft()
                self._wake_head()

    def leave(self, waiter: Waiter) -> None:
        """A waiter is done or gives up (cancelled, deadline); no effect if it left."""
        with self._lock:
            waiters = self._waiters
            was_head = bool(waiters) and waiters[0] is waiter
            try:
                waiters.remove(waiter)
            except ValueError:
                return
            if was_head:
                self._wake_head()

    def wake_head(self) -> None:
        with self._lock:
            self._wake_head()

    def _wake_head(self) -> None:
        waiters = self._waiters
        while waiters and waiters[0].wake() is False:
            waiters.popleft()  # its event loop is closed: nobody will take that turn
