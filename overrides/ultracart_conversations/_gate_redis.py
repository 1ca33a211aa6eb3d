"""The gate's state in Redis (or Valkey), for processes on many machines.

Needs the `redis` package (`pip install ultracart-conversations[redis]`); the rest of the
client imports without it. Every step is one call of one Lua script (`_gate_lua.py`),
atomic on the server and timed by the server's clock. A server restarted without its data
is met with a state rebuilt from nothing (no burst, the pace this process last knew);
the script is loaded again by itself (redis-py reloads it on NOSCRIPT).
"""

from __future__ import annotations

from typing import Any

from ultracart_conversations._gate_lua import GATE_LUA
from ultracart_conversations._gate_math import Answer
from ultracart_conversations._gate_store import Holder, Permit, Settings, Snapshot
from ultracart_conversations.errors import SharedStateError

_TIMEOUT = 5.0  # seconds for one call to the server: a lost server fails fast


def redis_client(url: str, description: str) -> Any:
    """A redis.Redis for `url`, or SharedStateError (the package is missing, a bad URL)."""
    try:
        import redis
    except ImportError:
        raise SharedStateError(
            f"shared={description!r} needs the redis package: "
            "pip install 'ultracart-conversations[redis]'"
        ) from None
    try:
        return redis.Redis.from_url(
            url, socket_timeout=_TIMEOUT, socket_connect_timeout=_TIMEOUT, decode_responses=True
        )
    except ValueError as exc:
        raise SharedStateError(f"shared={description!r}: {exc}") from None


def _num(value: str) -> float | None:
    return float(value) if value != "" else None


class RedisStore:
    shared = True

    def __init__(
        self, url: str, name: str, description: str, lease_seconds: float, owner: str
    ) -> None:
        self.description = description
        self._client = redis_client(url, description)  # SharedStateError without redis
        import redis

        self._errors = (redis.RedisError,)
        self._script = self._client.register_script(GATE_LUA)
        tag = "ultracart:gate:{" + name + "}:"  # one hash slot in a cluster
        self._keys = [tag + part for part in ("state", "leases", "sent", "admitted", "owners")]
        self._lease_seconds = lease_seconds
        self._owner = owner
        self.last_rate: float | None = None

    def _run(self, op: str, settings: Settings, now: float | None, *extra: object) -> Any:
        args: list[object] = [op, "" if now is None else repr(now), self._lease_seconds]
        args.append(len(settings.ceilings))
        for ceiling in settings.ceilings:
            args += [ceiling.name, repr(ceiling.rate), ceiling.burst]
        args += ["" if value is None else value for value in extra]
        try:
            return self._script(keys=self._keys, args=args)
        except self._errors as exc:
            raise SharedStateError(
                f"the shared state {self.description} failed: {type(exc).__name__}: {exc}"
            ) from None

    def try_acquire(
        self, settings: Settings, holder: Holder, now: float | None = None
    ) -> Permit | float | None:
        reply = self._run(
            "acquire", settings, now, settings.concurrency, self._owner, self.last_rate
        )
        if reply[0] == "busy":
            return None
        if reply[0] == "wait":
            return float(reply[1])
        _, serial, sent_at, lease, rate = reply
        self.last_rate = _num(rate)
        permit = Permit(float(sent_at), int(serial), lease)
        holder.permit = permit
        return permit

    def release(
        self, settings: Settings, permit: Permit, answer: Answer, now: float | None = None
    ) -> str | None:
        change = self._run(
            "release",
            settings,
            now,
            permit.lease,
            permit.serial,
            repr(permit.sent_at),
            answer.status,
            None if answer.retry_after is None else repr(answer.retry_after),
            None if answer.learned is None else repr(answer.learned),
        )
        return change or None

    def renew(self, leases: list[str]) -> int:
        return int(self._run("renew", Settings([], 1), None, self._owner, *leases))

    def snapshot(self, settings: Settings, now: float | None = None) -> Snapshot:
        rate, ceiling, in_flight, sent, throttled, cuts = self._run("snapshot", settings, now)
        return Snapshot(
            _num(rate), _num(ceiling), int(in_flight), int(sent), int(throttled), int(cuts)
        )

    def state(self, settings: Settings) -> dict[str, float]:
        """The raw state (for tests comparing it with the Python arithmetic's)."""
        flat = self._run("state", settings, None)
        return {flat[i]: float(flat[i + 1]) for i in range(0, len(flat), 2)}

    def close(self) -> None:
        self._client.close()
