"""Where a shared OAuth grant lives: its current tokens, a version, and the refresh lock.

One record per grant name, in a SQLite file or Redis (the URLs of `_shared_url.py`). The
lock has an owner, an expiry (a process that dies holding it frees it when it expires; a
live holder renews it) and a fence: each taking of the lock counts up, and only the owner
of the current fence may unlock. Tokens are written by compare-and-set on the version, so a
slow process can never overwrite newer tokens with older ones. The store holds the refresh
token in clear: protect it as you would the token (the SQLite file is created 0600).
"""

from __future__ import annotations

import json
import time
from typing import Any, NamedTuple, Protocol, TypeVar

from ultracart_conversations._gate_sqlite import SqliteFile
from ultracart_conversations._shared_url import parse_shared_url
from ultracart_conversations.errors import SharedStateError

T = TypeVar("T")


class GrantRecord(NamedTuple):
    tokens: dict[str, Any] | None
    version: int


class GrantStore(Protocol):
    description: str

    def read(self) -> GrantRecord: ...

    def seed(self, tokens: dict[str, Any], overwrite: bool) -> GrantRecord:
        """Store `tokens` if there are none yet (or always, with overwrite)."""
        ...

    def lock(self, owner: str, seconds: float) -> bool:
        """Take the refresh lock if it is free or expired."""
        ...

    def renew_lock(self, owner: str, seconds: float) -> bool: ...

    def commit(self, owner: str, version: int, tokens: dict[str, Any]) -> bool:
        """Write tokens if the version is still `version` (then version + 1), and unlock."""
        ...

    def unlock(self, owner: str) -> None: ...

    def close(self) -> None: ...


def open_grant_store(url: str, default_name: str) -> GrantStore:
    shared = parse_shared_url(url, default_name)
    if shared.scheme == "sqlite":
        return SqliteGrantStore(shared.target, shared.name, shared.description)
    return RedisGrantStore(shared.target, shared.name, shared.description)


_SCHEMA = """CREATE TABLE IF NOT EXISTS grants (
    name TEXT PRIMARY KEY, tokens TEXT, version INTEGER NOT NULL DEFAULT 0,
    lock_owner TEXT, lock_until REAL NOT NULL DEFAULT 0, fence INTEGER NOT NULL DEFAULT 0)"""


class SqliteGrantStore(SqliteFile):
    def __init__(self, path: str, name: str, description: str) -> None:
        super().__init__(path, description, "grant")
        self._name = name
        self._run(lambda: self._db.execute(_SCHEMA))
        self._run(
            lambda: self._db.execute("INSERT OR IGNORE INTO grants (name) VALUES (?)", (name,))
        )

    def _update(self, sql: str, *args: object) -> bool:
        """One conditional UPDATE of this grant's row, in its own transaction."""
        return self._run(lambda: self._db.execute(sql, (*args, self._name)).rowcount == 1)

    def read(self) -> GrantRecord:
        row = self._run(
            lambda: self._db.execute(
                "SELECT tokens, version FROM grants WHERE name = ?", (self._name,)
            ).fetchone()
        )
        return GrantRecord(json.loads(row[0]) if row[0] else None, int(row[1]))

    def seed(self, tokens: dict[str, Any], overwrite: bool) -> GrantRecord:
        self._update(
            "UPDATE grants SET tokens = ?, version = version + 1 "
            "WHERE (? OR tokens IS NULL) AND name = ?",
            json.dumps(tokens),
            overwrite,
        )
        return self.read()

    def lock(self, owner: str, seconds: float) -> bool:
        now = time.time()
        return self._update(
            "UPDATE grants SET lock_owner = ?, lock_until = ?, fence = fence + 1 "
            "WHERE (lock_owner IS NULL OR lock_until < ?) AND name = ?",
            owner,
            now + seconds,
            now,
        )

    def renew_lock(self, owner: str, seconds: float) -> bool:
        return self._update(
            "UPDATE grants SET lock_until = ? WHERE lock_owner = ? AND name = ?",
            time.time() + seconds,
            owner,
        )

    def commit(self, owner: str, version: int, tokens: dict[str, Any]) -> bool:
        written = self._update(
            "UPDATE grants SET tokens = ?, version = version + 1, lock_owner = NULL, "
            "lock_until = 0 WHERE version = ? AND name = ?",
            json.dumps(tokens),
            version,
        )
        self.unlock(owner)
        return written

    def unlock(self, owner: str) -> None:
        self._update(
            "UPDATE grants SET lock_owner = NULL, lock_until = 0 WHERE lock_owner = ? AND name = ?",
            owner,
        )


# Each script: KEYS[1] the grant's hash; times on the server's clock.
_LUA_PRELUDE = "local t = redis.call('TIME'); local now = tonumber(t[1]) + tonumber(t[2]) / 1e6\n"
_LUA = {
    "seed": """
if ARGV[2] == '1' or redis.call('HEXISTS', KEYS[1], 'tokens') == 0 then
  redis.call('HSET', KEYS[1], 'tokens', ARGV[1]); redis.call('HINCRBY', KEYS[1], 'version', 1)
end
return 1""",
    "lock": """
local until_ = tonumber(redis.call('HGET', KEYS[1], 'lock_until') or '0')
local holder = redis.call('HGET', KEYS[1], 'lock_owner')
if holder and holder ~= '' and until_ >= now then return 0 end
redis.call('HSET', KEYS[1], 'lock_owner', ARGV[1], 'lock_until', tostring(now + tonumber(ARGV[2])))
redis.call('HINCRBY', KEYS[1], 'fence', 1)
return 1""",
    "renew": """
if redis.call('HGET', KEYS[1], 'lock_owner') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'lock_until', tostring(now + tonumber(ARGV[2])))
return 1""",
    "commit": """
local written = 0
if tonumber(redis.call('HGET', KEYS[1], 'version') or '0') == tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'tokens', ARGV[3]); redis.call('HINCRBY', KEYS[1], 'version', 1)
  written = 1
end
if redis.call('HGET', KEYS[1], 'lock_owner') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'lock_owner', '', 'lock_until', '0')
end
return written""",
    "unlock": """
if redis.call('HGET', KEYS[1], 'lock_owner') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'lock_owner', '', 'lock_until', '0')
end
return 1""",
}


class RedisGrantStore:
    def __init__(self, url: str, name: str, description: str) -> None:
        from ultracart_conversations._gate_redis import redis_client

        self.description = description
        self._client = redis_client(url, description)  # SharedStateError without redis
        import redis

        self._errors = (redis.RedisError,)
        self._key = "ultracart:grant:{" + name + "}"
        self._scripts = {
            op: self._client.register_script(_LUA_PRELUDE + body) for op, body in _LUA.items()
        }
        self.read()  # fails here, at start, if the server cannot be reached

    def _call(self, op: str, *args: object) -> int:
        try:
            return int(self._scripts[op](keys=[self._key], args=list(args)))
        except self._errors as exc:
            raise SharedStateError(
                f"the shared grant {self.description} failed: {type(exc).__name__}: {exc}"
            ) from None

    def read(self) -> GrantRecord:
        try:
            tokens, version = self._client.hmget(self._key, ["tokens", "version"])
        except self._errors as exc:
            raise SharedStateError(
                f"the shared grant {self.description} failed: {type(exc).__name__}: {exc}"
            ) from None
        return GrantRecord(json.loads(tokens) if tokens else None, int(version or 0))

    def seed(self, tokens: dict[str, Any], overwrite: bool) -> GrantRecord:
        self._call("seed", json.dumps(tokens), "1" if overwrite else "0")
        return self.read()

    def lock(self, owner: str, seconds: float) -> bool:
        return self._call("lock", owner, repr(seconds)) == 1

    def renew_lock(self, owner: str, seconds: float) -> bool:
        return self._call("renew", owner, repr(seconds)) == 1

    def commit(self, owner: str, version: int, tokens: dict[str, Any]) -> bool:
        return self._call("commit", owner, version, json.dumps(tokens)) == 1

    def unlock(self, owner: str) -> None:
        self._call("unlock", owner)

    def close(self) -> None:
        self._client.close()
