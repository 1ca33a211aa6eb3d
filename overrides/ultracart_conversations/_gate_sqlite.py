"""The gate's state in a SQLite file, for every process of one machine (no server).

Standard library only. WAL mode, and one short BEGIN IMMEDIATE transaction per step
(let a request through, take one back): the steps of all processes are serialized by
SQLite's write lock, so they run the same arithmetic (`_gate_math.py`) on one state. Time
is the machine's wall clock (`time.time()`), which every process on it shares and which a
reboot does not reset; a clock stepped back is clamped (`GateState.sanitize`).

Tables: gate_state (one JSON row per gate name), gate_leases (concurrency slots, each
with an expiry a live process renews), gate_log (send and admission times, pruned).
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from ultracart_conversations._gate_math import SEND_LOG_SECONDS, Answer, GateState
from ultracart_conversations._gate_store import Holder, Permit, Settings, Snapshot
from ultracart_conversations.errors import SharedStateError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS gate_state (name TEXT PRIMARY KEY, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gate_leases (
    name TEXT NOT NULL, lease TEXT NOT NULL, serial INTEGER NOT NULL, expires REAL NOT NULL,
    PRIMARY KEY (name, lease));
CREATE TABLE IF NOT EXISTS gate_log (name TEXT NOT NULL, kind INTEGER NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS gate_log_by_time ON gate_log (name, kind, at);
CREATE TABLE IF NOT EXISTS gate_owners (
    name TEXT NOT NULL, owner TEXT NOT NULL, seen REAL NOT NULL, PRIMARY KEY (name, owner));
"""
_OWNER_SEEN = 30.0  # a process is counted as sharing the gate this long after its last beat
_SENT, _ADMITTED = 0, 1
T = TypeVar("T")


def connect(path: str, description: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, created 0600."""
    try:
        if not os.path.exists(path):
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))  # it may hold tokens
        connection = sqlite3.connect(
            path, timeout=10.0, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
    except (OSError, sqlite3.Error) as exc:
        raise SharedStateError(f"cannot open the shared state {description}: {exc}") from None
    return connection


def _to_row(state: GateState) -> dict[str, object]:
    """The state as JSON values (-inf, the value of "never", is left out)."""
    row: dict[str, object] = {}
    for name in GateState.__slots__:
        value = getattr(state, name)
        if not (isinstance(value, float) and math.isinf(value)):
            row[name] = value
    return row


def _from_row(row: dict[str, object]) -> GateState:
    state = GateState()
    for name, value in row.items():
        if name in GateState.__slots__:
            setattr(state, name, value)
    return state


class SqliteFile:
    """One connection to a shared state file, for this process's threads: each step runs
    under a lock, and SQLite's errors become SharedStateError naming `what`."""

    def __init__(self, path: str, description: str, what: str) -> None:
        self.description = description
        self._what = what
        self._db = connect(path, description)
        self._lock = threading.Lock()

    def _run(self, step: Callable[[], T]) -> T:
        with self._lock:
            try:
                return step()
            except sqlite3.Error as exc:
                raise SharedStateError(
                    f"the shared {self._what} {self.description} failed: {exc}"
                ) from None

    def close(self) -> None:
        with self._lock:
            self._db.close()


class _SqlLog:
    """The SendLog of one gate, inside the open transaction."""

    def __init__(self, connection: sqlite3.Connection, name: str) -> None:
        self._db = connection
        self._name = name

    def _add(self, kind: int, at: float) -> None:
        self._db.execute("INSERT INTO gate_log VALUES (?, ?, ?)", (self._name, kind, at))

    def _count(self, kind: int, after: float, until: float) -> int:
        (count,) = self._db.execute(
            "SELECT count(*) FROM gate_log WHERE name = ? AND kind = ? AND at > ? AND at <= ?",
            (self._name, kind, after, until),
        ).fetchone()
        return int(count)

    def add(self, serial: int, at: float) -> None:
        self._add(_SENT, at)
        if serial % 100 == 0:  # now and then, drop what nothing will count any more
            self._db.execute(
                "DELETE FROM gate_log WHERE name = ? AND at < ?",
                (self._name, at - SEND_LOG_SECONDS),
            )

    def add_admitted(self, serial: int, at: float) -> None:
        self._add(_ADMITTED, at)

    def count(self, after: float, until: float) -> int:
        return self._count(_SENT, after, until)

    def count_admitted(self, after: float, until: float) -> int:
        return self._count(_ADMITTED, after, until)


class SqliteStore(SqliteFile):
    shared = True

    def __init__(
        self, path: str, name: str, description: str, lease_seconds: float, owner: str
    ) -> None:
        super().__init__(path, description, "state")
        self._name = name
        self._lease_seconds = lease_seconds
        self._owner = owner
        self.last_rate: float | None = None  # the pace at this process's last grant
        self._run(self._create_tables)

    def _create_tables(self) -> None:
        for statement in filter(str.strip, _SCHEMA.split(";")):
            self._db.execute(statement)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _load(self, now: float, settings: Settings) -> GateState:
        row = self._db.execute(
            "SELECT state FROM gate_state WHERE name = ?", (self._name,)
        ).fetchone()
        if row is None:
            state = GateState()
            state.reset_after_loss(settings.ceilings, now, self.last_rate)
            return state
        state = _from_row(json.loads(row[0]))
        state.sanitize(settings.ceilings, now)
        return state

    def _save(self, state: GateState) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO gate_state VALUES (?, ?)",
            (self._name, json.dumps(_to_row(state))),
        )

    def _leases(self, now: float) -> list[int]:
        db = self._db
        db.execute("DELETE FROM gate_leases WHERE name = ? AND expires < ?", (self._name, now))
        return [
            s for (s,) in db.execute("SELECT serial FROM gate_leases WHERE name = ?", (self._name,))
        ]

    def try_acquire(
        self, settings: Settings, holder: Holder, now: float | None = None
    ) -> Permit | float | None:
        def step() -> Permit | float | None:
            at_now = time.time() if now is None else now
            with self._transaction():
                state = self._load(at_now, settings)
                held = self._leases(at_now)
                if len(held) >= settings.concurrency or state.probe_serial in held:
                    return None
                at, pacing = state.next_send(settings.ceilings, at_now)
                if at > at_now:
                    return at - at_now
                serial = state.take(
                    settings.ceilings, at_now, pacing, _SqlLog(self._db, self._name)
                )
                lease = f"{self._owner}:{serial}"
                self._db.execute(
                    "INSERT INTO gate_leases VALUES (?, ?, ?, ?)",
                    (self._name, lease, serial, at_now + self._lease_seconds),
                )
                self._save(state)
                self.last_rate = state.rate(settings.ceilings, at_now)
            return Permit(at_now, serial, lease)

        decision = self._run(step)
        if isinstance(decision, Permit):
            holder.permit = decision
        return decision

    def release(
        self, settings: Settings, permit: Permit, answer: Answer, now: float | None = None
    ) -> str | None:
        def step() -> str | None:
            at_now = time.time() if now is None else now
            with self._transaction():
                gone = self._db.execute(
                    "DELETE FROM gate_leases WHERE name = ? AND lease = ?",
                    (self._name, permit.lease),
                ).rowcount
                state = self._load(at_now, settings)
                # A lease that expired meanwhile (a very long call) is not counted any more,
                # but what the server answered still counts.
                if not gone and answer.status is None:
                    return None
                change = state.answered(
                    settings.ceilings,
                    permit.serial,
                    permit.sent_at,
                    answer,
                    at_now,
                    _SqlLog(self._db, self._name),
                )
                self._save(state)
            return change

        return self._run(step)

    def renew(self, leases: list[str]) -> int:
        """Push back the expiry of the leases this process holds (the heartbeat); returns
        how many processes beat lately."""

        def step() -> int:
            now = time.time()
            db = self._db
            with self._transaction():
                db.executemany(
                    "UPDATE gate_leases SET expires = ? WHERE name = ? AND lease = ?",
                    [(now + self._lease_seconds, self._name, lease) for lease in leases],
                )
                db.execute(
                    "INSERT OR REPLACE INTO gate_owners VALUES (?, ?, ?)",
                    (self._name, self._owner, now),
                )
                db.execute(
                    "DELETE FROM gate_owners WHERE name = ? AND seen < ?",
                    (self._name, now - _OWNER_SEEN),
                )
                (count,) = db.execute(
                    "SELECT count(*) FROM gate_owners WHERE name = ?", (self._name,)
                ).fetchone()
            return int(count)

        return self._run(step)

    def snapshot(self, settings: Settings, now: float | None = None) -> Snapshot:
        def step() -> Snapshot:
            at_now = time.time() if now is None else now
            with self._transaction():
                state = self._load(at_now, settings)
                in_flight = len(self._leases(at_now))
            return Snapshot(
                rate=state.rate(settings.ceilings, at_now),
                ceiling=state.ceiling(settings.ceilings, at_now),
                in_flight=in_flight,
                sent=state.serial,
                throttled=state.throttled,
                cuts=state.cuts,
            )

        return self._run(step)
