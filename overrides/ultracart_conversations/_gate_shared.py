"""A gate shared by processes: a store (SQLite file or Redis) plus what every process adds
to it: the heartbeat that keeps its concurrency leases alive, and the policy for a store
that fails.

Faults:
- unreachable at start: SharedStateError from RateLimiter(shared=...), naming the store;
- lost mid-run: with on_store_error="raise" (the default) each call raises
  SharedStateError unsent; with "local" the process paces on its own, conservatively (the
  last shared pace and the ceilings divided by the processes last seen, one request at a
  time by default), logs a warning, and goes back to the store when it answers again
  (tried every RETRY_SHARED seconds). Never full speed.
- restarted with its state lost: the state is rebuilt from nothing, without a burst (the
  ceilings' buckets start empty) and at the pace this process last knew.
- clocks: every decision is taken on the store's clock (Redis's TIME, the SQLite host's
  wall clock), never on each worker's.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from typing import Literal, Protocol

from ultracart_conversations._gate_math import Answer, Ceiling
from ultracart_conversations._gate_store import (
    GateStore,
    Holder,
    LocalStore,
    Permit,
    Settings,
    Snapshot,
)
from ultracart_conversations._shared_url import parse_shared_url
from ultracart_conversations.errors import SharedStateError

logger = logging.getLogger("ultracart_conversations")

LEASE_SECONDS = 5.0  # a slot of a process that died is free again after this long
RETRY_SHARED = 5.0  # with on_store_error="local": how often the store is tried again
_UNKNOWN_RATE = 1000 / 3600  # UltraCart's published default, when nothing else is known


class RawStore(Protocol):
    description: str
    last_rate: float | None  # the pace at this process's last grant

    def try_acquire(
        self, settings: Settings, holder: Holder, now: float | None = None
    ) -> Permit | float | None: ...

    def release(
        self, settings: Settings, permit: Permit, answer: Answer, now: float | None = None
    ) -> str | None: ...

    def renew(self, leases: list[str]) -> int:
        """Push back the held leases' expiry; returns the processes seen lately."""
        ...

    def snapshot(self, settings: Settings, now: float | None = None) -> Snapshot: ...

    def close(self) -> None: ...


def open_raw_store(url: str, lease_seconds: float = LEASE_SECONDS) -> RawStore:
    shared = parse_shared_url(url)
    owner = uuid.uuid4().hex[:12]
    if shared.scheme == "sqlite":
        from ultracart_conversations._gate_sqlite import SqliteStore

        return SqliteStore(shared.target, shared.name, shared.description, lease_seconds, owner)
    from ultracart_conversations._gate_redis import RedisStore

    return RedisStore(shared.target, shared.name, shared.description, lease_seconds, owner)


def open_store(
    url: str, settings: Settings, on_store_error: Literal["raise", "local"]
) -> GateStore:
    return SharedGate(open_raw_store(url), settings, on_store_error)


class SharedGate:
    """A RawStore with this process's leases kept alive and the fault policy applied."""

    shared = True

    def __init__(
        self, raw: RawStore, settings: Settings, on_store_error: Literal["raise", "local"]
    ) -> None:
        self.raw = raw
        self.description = raw.description
        self._policy = on_store_error
        self._held: dict[str, Permit] = {}
        self._lock = threading.Lock()
        self._processes = raw.renew([])  # also proves the store answers, at start
        self._local: LocalStore | None = None  # the fallback, while the store is lost
        self._lost_at = 0.0
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        self._settings = settings

    # --- the heartbeat ----------------------------------------------------------------
    def _start_heartbeat(self) -> None:
        with self._lock:
            if self._beat is not None:
                return
            self._beat = threading.Thread(
                target=self._heartbeat, name="ultracart-gate-heartbeat", daemon=True
            )
        self._beat.start()

    def _heartbeat(self) -> None:
        while not self._stop.wait(LEASE_SECONDS / 4):
            with self._lock:
                leases = list(self._held)
                if not leases:  # back when the next slot is taken
                    self._beat = None
                    return
            try:
                self._processes = max(1, self.raw.renew(leases))
            except SharedStateError as exc:
                logger.warning("rate gate heartbeat: %s", exc)

    # --- the fallback -----------------------------------------------------------------
    def _fallback(self, error: SharedStateError) -> LocalStore:
        if self._policy == "raise":
            raise error
        if self._local is None:
            logger.warning(
                "%s; pacing in this process until it is back (1/%d of the pace)",
                error,
                self._processes,
            )
            self._local = LocalStore()
        self._lost_at = time.monotonic()
        return self._local

    def _fallback_settings(self, settings: Settings) -> Settings:
        share = max(1, self._processes)
        ceilings = [Ceiling(c.name, c.rate / share, 1) for c in settings.ceilings]
        known = self.raw.last_rate or min((c.rate for c in settings.ceilings), default=None)
        ceilings.append(Ceiling("fallback", (known or _UNKNOWN_RATE) / share, 1))
        return Settings(ceilings, max(1, settings.concurrency // share))

    # --- the store protocol -----------------------------------------------------------
    def try_acquire(
        self, settings: Settings, holder: Holder, now: float | None = None
    ) -> Permit | float | None:
        local = self._local
        if local is None or time.monotonic() - self._lost_at >= RETRY_SHARED:
            try:
                decision = self.raw.try_acquire(settings, holder, now)
            except SharedStateError as exc:
                local = self._fallback(exc)
            else:
                if self._local is not None:
                    logger.warning("%s answers again: the gate is shared again", self.description)
                    self._local = None
                if isinstance(decision, Permit):
                    with self._lock:
                        self._held[decision.lease] = decision
                    self._start_heartbeat()
                return decision
        return local.try_acquire(self._fallback_settings(settings), holder, time.monotonic())

    def release(
        self, settings: Settings, permit: Permit, answer: Answer, now: float | None = None
    ) -> str | None:
        if not permit.lease:  # let through by the fallback
            if self._local is None:
                return None
            return self._local.release(
                self._fallback_settings(settings), permit, answer, time.monotonic()
            )
        with self._lock:
            self._held.pop(permit.lease, None)
        try:
            return self.raw.release(settings, permit, answer, now)
        except SharedStateError as exc:
            # The call is over either way; its lease expires by itself.
            logger.warning("rate gate: could not hand back a slot: %s", exc)
            return None

    def snapshot(self, settings: Settings, now: float | None = None) -> Snapshot:
        try:
            snap = self.raw.snapshot(settings, now)
        except SharedStateError as exc:
            local = self._fallback(exc)
            return local.snapshot(self._fallback_settings(settings), time.monotonic())
        return snap

    def close(self) -> None:
        self._stop.set()
        self.raw.close()
