"""One rate gate for many processes: a SQLite file and a real Redis server, real worker
processes, the fake UltraCart counting per application across all of them.

The arithmetic is checked in virtual time (the same steps through the in-process store,
the SQLite one and the Redis script give the same figures); the sharing with real
processes over real HTTP, with margins wide enough for a loaded 2-core CI machine (the
full figures are the bench's: bench/shared.py).
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.fake_clock import FakeClock
from tests.gate_simulation import simulate
from tests.redis_server import RedisServer
from ultracart_conversations import ConversationApi, RateLimiter, SharedStateError
from ultracart_conversations._gate_redis import RedisStore
from ultracart_conversations._gate_shared import LEASE_SECONDS
from ultracart_conversations._gate_sqlite import SqliteStore
from ultracart_conversations._gate_store import GateStore
from ultracart_conversations.cli import client_settings
from ultracart_conversations.errors import InvalidRequestError
from ultracart_conversations.testing import FakeUltraCart
from ultracart_conversations.testing._rate_limit import ServerModel

ROOT = Path(__file__).resolve().parent.parent


def worker(mode: str, **arguments: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.shared_worker", mode, json.dumps(arguments)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def result(process: subprocess.Popen[str], timeout: float = 120) -> dict[str, Any]:
    out, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, out
    parsed: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return parsed


# --- the arithmetic, in virtual time -------------------------------------------------------


@pytest.mark.parametrize(
    "model",
    [
        ServerModel("token", "whole", announce=True),
        ServerModel("token", "whole", announce=False),
        ServerModel("window", "fractional", announce=False),
        ServerModel("window", "none", announce=True),
        ServerModel("token", "whole", announce=False, late=0.5),
    ],
    ids=["token-announced", "token-silent", "window-silent", "window-no-retry-after", "late"],
)
def test_four_processes_on_sqlite_or_redis_decide_exactly_as_one_process_does(
    model: ServerModel, tmp_path: Path, redis_server: RedisServer
) -> None:
    name = uuid.uuid4().hex
    sqlite: list[GateStore] = [
        SqliteStore(str(tmp_path / "g.db"), name, "test", 5.0, f"p{i}") for i in range(4)
    ]
    redis: list[GateStore] = [
        RedisStore(redis_server.url, name, "test", 5.0, f"p{i}") for i in range(4)
    ]
    one = simulate(model, seconds=6)
    assert simulate(model, seconds=6, stores=sqlite) == one
    assert simulate(model, seconds=6, stores=redis) == one


# --- real processes, real HTTP ---------------------------------------------------------------


@pytest.mark.parametrize("shared", [True, False], ids=["one-shared-gate", "a-gate-each"])
def test_four_processes_sharing_one_application_stay_under_its_rate(
    store_url: str, shared: bool
) -> None:
    # Scaled down from the bench (4 x 8 threads at 20/s for 20 s): 4 x 3 threads at 10/s.
    model = ServerModel("token", "whole", announce=True)
    with FakeUltraCart(
        conversations=5, rate_limit=10, burst=3, latency=0.01, rate_limit_model=model
    ) as fake:
        start_at = time.time() + 1.5  # the workers start together, once all are up
        workers = [
            worker(
                "fetch",
                base_url=fake.base_url,
                key=fake.simple_key,
                shared=store_url if shared else None,
                threads=3,
                concurrency=3,
                seconds=4.0,
                start_at=start_at,
            )
            for _ in range(4)
        ]
        tallies = [result(w) for w in workers]
        ok = sum(t["ok"] for t in tallies)
        failed = sum(t["failed"] for t in tallies)
        requests = fake.count("getConversations")
        share_429 = fake.rate_limited / requests
    elapsed = max(t["ended"] for t in tallies) - min(t["started"] for t in tallies)
    allowance = 10 * elapsed + 3
    if shared:
        assert failed == 0
        # How much of the allowance is used depends on the CPU the workers get (a loaded
        # CI machine starves them): that is measured in virtual time (test_gate_models.py)
        # and by the bench (>= 90 %). Here: the gate let calls through at all, and kept
        # the 429s down across processes.
        assert ok / allowance >= 0.25
        assert share_429 <= 0.10  # the bench: <= 5 %
    else:
        # Each process learns the rate alone: four times over, the 429s pile up.
        assert share_429 > 0.10


def test_a_slot_held_by_a_process_killed_with_sigkill_is_free_again_within_seconds(
    store_url: str,
) -> None:
    holder = worker("hold", shared=store_url, concurrency=1)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "READY"
    limiter = RateLimiter(concurrency=1, shared=store_url, max_wait=60)
    assert limiter.stats().in_flight == 1
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    started = time.monotonic()
    permit = limiter.acquire()
    assert time.monotonic() - started <= LEASE_SECONDS + 3
    limiter.release(permit, 200)
    assert limiter.stats().in_flight == 0


def test_a_live_process_keeps_its_slot_past_the_lease_by_its_heartbeat(store_url: str) -> None:
    one = RateLimiter(concurrency=1, shared=store_url)
    other = RateLimiter(concurrency=1, shared=store_url, max_wait=60)
    slot = one.slot()
    slot.acquire()
    time.sleep(LEASE_SECONDS + 1.5)  # a request slower than a lease
    assert other.stats().in_flight == 1
    slot.release(200)
    other.release(other.acquire(), 200)


# --- faults ------------------------------------------------------------------------------------


def test_an_unreachable_store_is_a_clear_error_at_start(tmp_path: Path) -> None:
    closed = RedisServer(tmp_path)  # a free port, nothing listening
    with pytest.raises(
        SharedStateError, match=r"shared state redis://:\*\*\*@127.0.0.1.*Connection refused"
    ):
        RateLimiter(shared=f"redis://:s3cret-pass@127.0.0.1:{closed.port}/0")
    with pytest.raises(SharedStateError) as raised:
        RateLimiter(shared=f"redis://:s3cret-pass@127.0.0.1:{closed.port}/0")
    assert "s3cret-pass" not in str(raised.value)
    with pytest.raises(SharedStateError, match="cannot open"):
        RateLimiter(shared=f"sqlite://{tmp_path}/no/such/dir/gate.db")
    with pytest.raises(InvalidRequestError, match="unknown kind of store"):
        RateLimiter(shared="postgres://db/x")


def test_a_store_lost_mid_run_raises_a_typed_error_and_its_restart_rebuilds_the_state(
    redis_server: RedisServer,
) -> None:
    limiter = RateLimiter(requests_per_hour=3600, shared=redis_server.url, max_wait=30)
    limiter.release(limiter.acquire(), 200)
    redis_server.stop()
    with pytest.raises(SharedStateError):
        limiter.acquire()
    redis_server.start()  # same port, its data gone
    # No burst over the ceiling after the restart: one a second, from the first.
    first = limiter.acquire()
    limiter.release(first, 200)
    second = limiter.acquire()
    limiter.release(second, 200)
    assert second.sent_at - first.sent_at >= 1.0 - 1e-6


def test_a_store_lost_mid_run_with_local_fallback_paces_conservatively_never_full_speed(
    redis_server: RedisServer,
) -> None:
    limiter = RateLimiter(
        requests_per_hour=36_000, shared=redis_server.url, on_store_error="local", max_wait=30
    )
    limiter.release(limiter.acquire(), 200)
    redis_server.stop()
    started = time.monotonic()
    for _ in range(4):
        limiter.release(limiter.acquire(), 200)  # paced here, at most the ceiling
    assert time.monotonic() - started >= 3 * 0.1 - 0.01
    redis_server.start()
    time.sleep(5.1)  # the store is tried again every 5 s
    limiter.release(limiter.acquire(), 200)
    assert limiter.stats().sent >= 1  # counted in the store again


def test_decisions_use_the_stores_clock_not_each_workers(store_url: str) -> None:
    skewed = FakeClock(start=10_000_000.0)  # a worker whose clock is far off
    ahead = RateLimiter(requests_per_hour=3600, shared=store_url, clock=skewed)
    normal = RateLimiter(requests_per_hour=3600, shared=store_url, max_wait=30)
    sent = []
    for limiter in (ahead, normal, ahead):
        permit = limiter.acquire()
        sent.append(permit.sent_at)
        limiter.release(permit, 200)
    gaps = [b - a for a, b in itertools.pairwise(sent)]
    # The store told the skewed worker to wait (its own fake clock never moves on its own)
    assert all(gap >= 1.0 - 1e-6 for gap in gaps[1:])
    assert all(abs(t - time.time()) < 60 for t in sent)  # the store's wall clock


def test_the_package_imports_and_works_without_redis_installed() -> None:
    code = (
        "import sys; sys.modules['redis'] = None\n"
        "import ultracart_conversations as uc\n"
        "from ultracart_conversations import RateLimiter, SharedStateError\n"
        "RateLimiter().stats()\n"
        "try:\n"
        "    RateLimiter(shared='redis://127.0.0.1:1/0')\n"
        "except SharedStateError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert "pip install 'ultracart-conversations[redis]'" in out


def test_one_environment_variable_shares_the_gate_of_from_env_and_of_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite://{tmp_path}/env.db"
    monkeypatch.setenv("ULTRACART_SHARED_STATE", url)
    with FakeUltraCart() as fake:
        monkeypatch.setenv("ULTRACART_SIMPLE_KEY", fake.simple_key)
        monkeypatch.setenv("ULTRACART_BASE_URL", fake.base_url)
        with ConversationApi.from_env() as api:
            assert api.rate_limiter is not None and api.rate_limiter.shared
            api.get_conversations(limit=1)
        own = RateLimiter()
        with ConversationApi.from_env(rate_limiter=own) as api:
            assert api.rate_limiter is own  # an explicit limiter wins
        settings = client_settings(argparse.Namespace(), dict(os.environ), io.StringIO())
        cli_limiter = settings["rate_limiter"]
        assert isinstance(cli_limiter, RateLimiter) and cli_limiter.shared
        assert cli_limiter.stats().sent == 1  # the call made through from_env(), counted
