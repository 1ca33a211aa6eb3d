"""Shared fixtures: a scripted server, a fake UltraCart, and clients pointed at them.

Retry waits are recorded instead of slept (`waits`), so retry tests are instant and can
assert the exact wait the client chose; the clients' rate limiters run on a FakeClock
(`clock`) for the same reason.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.fake_clock import FakeClock
from tests.raw_http import HTTP
from tests.redis_server import RedisServer
from tests.scripted_server import ScriptedServer
from ultracart_conversations import AsyncConversationApi, ConversationApi, RateLimiter, RetryPolicy
from ultracart_conversations.testing import FakeUltraCart

# The test groups CI selects by (tests/README.md).
pytest_plugins = ("tests.groups",)

# No jitter, tiny waits: deterministic and fast.
FAST_RETRIES = RetryPolicy(initial_backoff=0.001, max_backoff=0.004, jitter=0.0)


@pytest.fixture(scope="session", autouse=True)
def _close_raw_http() -> Iterator[None]:
    yield
    HTTP.close()


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    with ScriptedServer() as server:
        yield server


@pytest.fixture
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=25, seed=0) as server:
        yield server


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def limiter(clock: FakeClock) -> RateLimiter:
    return RateLimiter(clock=clock)


def _record_waits(api: ConversationApi, waits: list[float]) -> None:
    api._sleep = waits.append


@pytest.fixture
def api(fake: FakeUltraCart, waits: list[float], limiter: RateLimiter) -> Iterator[ConversationApi]:
    with ConversationApi(
        simple_key=fake.simple_key,
        base_url=fake.base_url,
        retry_policy=FAST_RETRIES,
        rate_limiter=limiter,
    ) as client:
        _record_waits(client, waits)
        yield client


@pytest.fixture
def scripted_api(
    scripted: ScriptedServer, waits: list[float], limiter: RateLimiter
) -> Iterator[ConversationApi]:
    with ConversationApi(
        simple_key="scripted-simple-key",
        base_url=scripted.base_url,
        retry_policy=FAST_RETRIES,
        rate_limiter=limiter,
    ) as client:
        _record_waits(client, waits)
        yield client


@pytest.fixture
async def async_api(
    fake: FakeUltraCart, waits: list[float], limiter: RateLimiter
) -> AsyncIterator[AsyncConversationApi]:
    async def record(seconds: float) -> None:
        waits.append(seconds)

    async with AsyncConversationApi(
        simple_key=fake.simple_key,
        base_url=fake.base_url,
        retry_policy=FAST_RETRIES,
        rate_limiter=limiter,
    ) as client:
        client._sleep = record
        yield client


@pytest.fixture(params=["sqlite", "redis"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A shared-state URL: a SQLite file, then a real Redis server."""
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path}/shared.db"
    else:
        yield request.getfixturevalue("redis_server").url


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
