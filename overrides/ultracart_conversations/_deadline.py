"""The per-attempt deadline of the sync client.

httpx's timeouts bound each read, not a whole response: a server that sends one byte
a second keeps a call alive forever. The async client wraps an attempt in
asyncio.timeout(); a blocking thread cannot be interrupted that way, so here one shared
timer thread shuts down the socket of an attempt whose deadline passed, which makes the
blocked read return at once. The socket comes from httpcore's `trace` extension (when
the attempt opens a connection) or from the response (for the body of a reused one).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from types import FrameType
from typing import Any

# Trace events whose return value is the attempt's new network stream.
_NEW_STREAM_EVENTS = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})


def attempt_seconds(timeout: Any) -> float | None:
    """The default per-attempt deadline for an httpx.Timeout: connect + write + read (70 s
    for the API's default 10 s / 30 s / 30 s); None (no deadline) when reads may wait
    forever."""
    if timeout.read is None:
        return None
    return float(sum(v for v in (timeout.connect, timeout.write, timeout.read) if v is not None))


class Attempt:
    """One attempt's deadline: `expired` turns true, and the attempt's sockets are shut
    down, `seconds` after it starts (never, for None)."""

    def __init__(self, seconds: float | None, *, always_watch: bool = False) -> None:
        """`always_watch`: note the attempt's sockets even without a deadline, so that
        abandon() can shut them down (the async client's)."""
        self.seconds = seconds
        self.expired = False
        self._watching = seconds is not None or always_watch
        self._finished = False
        self._lock = threading.Lock()
        self._streams: list[Any] = []
        self._ends = time.monotonic() + (seconds or 0.0)
        self._entry = None if seconds is None else _TIMER.schedule(seconds, self._expire)

    def is_expired(self) -> bool:
        return self.expired

    def time_left(self) -> float | None:
        """Seconds until the deadline (0 once passed); None without one."""
        if self._entry is None or self.seconds is None:
            return None
        return max(0.0, self._ends - time.monotonic())

    @contextlib.contextmanager
    def current(self) -> Iterator[None]:
        """Make this the attempt that waits inside it (an OAuth refresh) are bounded by."""
        token = _CURRENT.set(self)
        try:
            yield
        finally:
            _CURRENT.reset(token)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's `trace` extension: note the connection this attempt uses."""
        if event in _NEW_STREAM_EVENTS:
            self.watch(info.get("return_value"))
        elif event == "http11.send_request_headers.started" and self._watching:
            # A pooled connection, reused: httpcore reports no stream for it, but the
            # HTTP/1.1 connection sending this request is a few frames up.
            self.watch(_calling_connection_stream())

    def watch(self, stream: object) -> None:
        if stream is None or not self._watching:
            return
        with self._lock:
            if self._finished:
                return
            self._streams.append(stream)
            expired = self.expired
        if expired:
            _shut_down(stream)

    async def atrace(self, event: str, info: dict[str, Any]) -> None:
        """trace() for httpcore's async connections (which await their trace hook)."""
        self.trace(event, info)

    def abandon(self) -> None:
        """Nobody waits for this attempt any more: end it now (its sockets shut down)."""
        self._expire()

    def finish(self) -> None:
        """The attempt is over: forget the timer, and never touch its connection again
        (it may be back in the pool, serving another request)."""
        if self._watching:
            with self._lock:
                self._finished = True
                self._streams.clear()
        if self._entry is not None:
            _TIMER.cancel(self._entry)

    def finish_exchange(self, exchange: Any) -> None:
        """Done callback of an async exchange: finish, and take its outcome so that an
        abandoned exchange's error is not reported as never retrieved."""
        self.finish()
        if not exchange.cancelled():
            exchange.exception()

    def _expire(self) -> None:
        with self._lock:
            if self._finished:
                return
            self.expired = True
            streams = list(self._streams)
        for stream in streams:
            _shut_down(stream)


_CURRENT: ContextVar[Attempt | None] = ContextVar("ultracart_attempt", default=None)


def time_left_in_attempt() -> float | None:
    """Seconds left to the deadline of the attempt this thread is sending (None: no
    attempt, or one without a deadline): how long a wait inside the send may last."""
    attempt = _CURRENT.get()
    return None if attempt is None else attempt.time_left()


def _calling_connection_stream() -> object:
    frame: FrameType | None = sys._getframe(2)
    for _ in range(6):
        if frame is None:
            break
        stream = getattr(frame.f_locals.get("self"), "_network_stream", None)
        if stream is not None:
            return stream
        frame = frame.f_back
    return None


def _shut_down(stream: Any) -> None:
    try:
        sock = stream.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            sock.shutdown(socket.SHUT_RDWR)
    except (OSError, AttributeError):
        pass  # already closed, or not a socket stream (a mock transport)


class _Timer:
    """One daemon thread running callbacks at their times; started on first use."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._heap: list[tuple[float, int, list[Any]]] = []
        self._counter = itertools.count()
        self._thread: threading.Thread | None = None
        self._cancelled = 0

    def schedule(self, seconds: float, callback: Any) -> list[Any]:
        entry = [callback]
        with self._condition:
            heapq.heappush(self._heap, (time.monotonic() + seconds, next(self._counter), entry))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="ultracart-attempt-deadlines", daemon=True
                )
                self._thread.start()
            elif self._heap[0][2] is entry:
                self._condition.notify()
        return entry

    def cancel(self, entry: list[Any]) -> None:
        # Marked, and dropped when it comes up; the heap is compacted once most of it is
        # cancelled entries (a busy client finishes thousands of attempts a second).
        with self._condition:
            entry[0] = None
            self._cancelled += 1
            if self._cancelled > 64 and self._cancelled * 2 > len(self._heap):
                self._heap = [item for item in self._heap if item[2][0] is not None]
                heapq.heapify(self._heap)
                self._cancelled = 0

    def _run(self) -> None:
        while True:
            with self._condition:
                while True:
                    while self._heap and self._heap[0][2][0] is None:
                        heapq.heappop(self._heap)
                        self._cancelled = max(0, self._cancelled - 1)
                    if not self._heap:
                        self._condition.wait()
                        continue
                    delay = self._heap[0][0] - time.monotonic()
                    if delay <= 0:
                        callback = heapq.heappop(self._heap)[2][0]
                        break
                    self._condition.wait(delay)
            if callback is not None:
                callback()


_TIMER = _Timer()
