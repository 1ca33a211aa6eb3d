"""The fuzz harness (issue #20): hypothesis draws hostile answers (tests/fuzz_server.py:
status, headers, content codings, bodies, framing, timing, echoed secrets), a real
server on 127.0.0.1 sends them byte for byte, and every call of the sync and async
clients, with a simple key or an OAuth session, through the OAuth token endpoint and
the drift tool's fetch, is held to the invariants:

- typed errors only: a result, or an ApiError subclass (DocumentError for drift);
- no hang: done within its attempts' deadlines (or the bulk read's deadline);
- memory within the cap: the peak while the call runs stays near max_response_bytes;
- no secret in any output: messages, reprs and every log line (DEBUG included);
- no slot leaked: the rate limiter is back to nothing in flight, nothing queued.

`make test` runs a bounded, derandomized number of cases; `make fuzz` many more from a
fresh seed (tests/fuzz_settings.py), with hypothesis's statistics (cases, outcomes).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzz_server import Plan, PlannedServer, plans, wire_forms
from tests.fuzz_settings import fuzz_settings
from ultracart_conversations import (
    ApiError,
    AsyncConversationApi,
    ConversationApi,
    ConversationStartRequest,
    OAuthClient,
    OAuthSession,
    OAuthTokens,
    RateLimiter,
    RetryPolicy,
)

pytestmark = pytest.mark.fuzz

SIMPLE_KEY = "fuzz-simple-key+with/odd=chars-0123456789"
CLIENT_SECRET = "fuzz client+secret/&=%value"
ACCESS_TOKEN = "fuzz-access-token-0123456789"
REFRESH_TOKEN = "fuzz-refresh+token/with=odd&chars"
SECRETS = [SIMPLE_KEY, CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN]

CAP = 256 * 1024  # max_response_bytes
ATTEMPT = 0.4  # attempt_timeout, seconds
STALL = 0.6  # the longest a plan stalls (past the attempt deadline)
DEADLINE = 2.0  # for bulk reads
SLACK = 1.5  # a loaded 2-core machine
# Within the cap: the body, a layer's pieces, httpx's and h11's buffers, the parsed model
# and a debug log's copy. The stacked gzip bomb took gigabytes before _body.
MEMORY_BOUND = 6 * CAP + 3 * 1024 * 1024
POLICY = RetryPolicy(
    max_retries=1,
    initial_backoff=0.001,
    max_backoff=0.002,
    max_retry_after=0.05,
    jitter=0.0,
    max_rate_limit_wait=0.0,
)
# How long a call may take: every attempt running to its deadline, plus slack.
CALL_BUDGET = (POLICY.max_retries + 1) * (ATTEMPT + 0.2) + SLACK

SYNC_CALLS: dict[str, Callable[[ConversationApi], object]] = {
    "get": lambda api: api.get_conversation("c1"),
    "list": lambda api: api.get_conversations(limit=10),
    "start": lambda api: api.start_conversation(ConversationStartRequest(conversation_arn="a:c")),
    "join": lambda api: api.join_conversation("c1"),
    "iterate": lambda api: list(
        islice(api.iter_conversations(page_size=5, max_items=7, deadline=DEADLINE), 7)
    ),
}


async def _async_iterate(api: AsyncConversationApi) -> list[Any]:
    pages = api.iter_conversations(page_size=5, max_items=7, deadline=DEADLINE)
    return [summary async for summary in pages]


ASYNC_CALLS: dict[str, Callable[[AsyncConversationApi], Awaitable[object]]] = {
    "get": lambda api: api.get_conversation("c1"),
    "list": lambda api: api.get_conversations(limit=10),
    "start": lambda api: api.start_conversation(ConversationStartRequest(conversation_arn="a:c")),
    "join": lambda api: api.join_conversation("c1"),
    "iterate": _async_iterate,
}


@pytest.fixture(scope="module")
def server() -> Iterator[PlannedServer]:
    with PlannedServer() as planned:
        yield planned


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def _all_logs() -> Iterator[list[str]]:
    """Every record of the client's, httpx's and httpcore's loggers, DEBUG included."""
    handler = _Collect()
    names = ["ultracart_conversations", "httpx", "httpcore", "hpack"]
    loggers = [logging.getLogger(name) for name in names]
    levels = [log.level for log in loggers]
    for log in loggers:
        log.setLevel(logging.DEBUG)
        log.addHandler(handler)
    try:
        yield handler.lines
    finally:
        for log, level in zip(loggers, levels, strict=True):
            log.removeHandler(handler)
            log.setLevel(level)


def _known(credential: str) -> list[str]:
    """The secrets the client was given (a server may echo others; those it cannot know)."""
    if credential == "simple_key":
        return [SIMPLE_KEY]
    return [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN]


def _leaks(texts: list[str], secrets: list[str]) -> list[str]:
    forms = [form.decode() for secret in secrets for form in wire_forms(secret)]
    return [form for form in forms for text in texts if form in text]


def _oauth(server: PlannedServer, expired: bool) -> OAuthSession:
    client = OAuthClient(
        "fuzz-client",
        CLIENT_SECRET,
        "https://app.example/cb",
        base_url=server.base_url,
        timeout=0.2,
    )
    expires_at = time.time() - 1 if expired else time.time() + 3600
    return OAuthSession(client, OAuthTokens(ACCESS_TOKEN, REFRESH_TOKEN, expires_at=expires_at))


def _options(server: PlannedServer, credential: str, debugging: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "base_url": server.base_url,
        "retry_policy": POLICY,
        "attempt_timeout": ATTEMPT,
        "timeout": 5.0,
        "max_response_bytes": CAP,
        "rate_limiter": RateLimiter(concurrency=2),
        "debugging": debugging,
    }
    if credential == "simple_key":
        options["simple_key"] = SIMPLE_KEY
    else:
        options["oauth"] = _oauth(server, expired=credential == "oauth-expired")
    return options


def _check(
    plan: Plan,
    outcome: object,
    elapsed: float,
    peak: int,
    texts: list[str],
    limiter: RateLimiter,
    secrets: list[str],
) -> None:
    where = plan.describe()
    if isinstance(outcome, BaseException):
        event(f"raised {type(outcome).__name__}")
        assert isinstance(outcome, ApiError), f"untyped {outcome!r} for {where}"
        texts = [*texts, str(outcome), repr(outcome), outcome.message]
    else:
        event("returned a result")
    assert elapsed < CALL_BUDGET + DEADLINE, f"took {elapsed:.1f} s for {where}"
    assert peak < MEMORY_BOUND, f"peak {peak} bytes for {where}"
    assert _leaks(texts, secrets) == [], f"secret shown for {where}"
    stats = limiter.stats()
    assert (stats.in_flight, stats.queued) == (0, 0), f"slot leaked for {where}"


def _refresh_threads_end() -> None:
    for thread in threading.enumerate():
        if thread.name == "ultracart-oauth-refresh":
            thread.join(timeout=5)
            assert not thread.is_alive(), "an OAuth refresh outlived its deadline"


CREDENTIALS = st.sampled_from(["simple_key", "simple_key", "oauth", "oauth-expired"])


@fuzz_settings(max_examples=60)
@given(
    plan=plans(STALL),
    call=st.sampled_from(sorted(SYNC_CALLS)),
    credential=CREDENTIALS,
    debugging=st.booleans(),
)
def test_sync_client_holds_the_invariants_against_any_answer(
    server: PlannedServer, plan: Plan, call: str, credential: str, debugging: bool
) -> None:
    server.use(plan, SECRETS)
    options = _options(server, credential, debugging)
    limiter = options["rate_limiter"]
    with _all_logs() as logs, ConversationApi(**options) as api:
        tracemalloc.start()
        started = time.monotonic()
        try:
            outcome: object = SYNC_CALLS[call](api)
        except BaseException as exc:  # the invariant is about exactly this
            outcome = exc
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        texts = [*logs, repr(api), repr(limiter), repr(api.oauth)]
    _refresh_threads_end()
    _check(plan, outcome, elapsed, peak, texts, limiter, _known(credential))


@fuzz_settings(max_examples=40)
@given(
    plan=plans(STALL),
    call=st.sampled_from(sorted(ASYNC_CALLS)),
    credential=CREDENTIALS,
    debugging=st.booleans(),
)
def test_async_client_holds_the_invariants_against_any_answer(
    server: PlannedServer, plan: Plan, call: str, credential: str, debugging: bool
) -> None:
    server.use(plan, SECRETS)
    options = _options(server, credential, debugging)
    limiter = options["rate_limiter"]

    async def run() -> tuple[object, float, list[str]]:
        async with AsyncConversationApi(**options) as api:
            started = time.monotonic()
            try:
                outcome: object = await ASYNC_CALLS[call](api)
            except BaseException as exc:
                outcome = exc
            return outcome, time.monotonic() - started, [repr(api), repr(api.oauth)]

    with _all_logs() as logs:
        tracemalloc.start()
        outcome, elapsed, reprs = asyncio.run(run())
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        texts = [*logs, *reprs, repr(limiter)]
    _refresh_threads_end()
    _check(plan, outcome, elapsed, peak, texts, limiter, _known(credential))


@fuzz_settings(max_examples=30)
@given(plan=plans(STALL))
def test_oauth_token_endpoint_holds_the_invariants_against_any_answer(
    server: PlannedServer, plan: Plan
) -> None:
    server.use(plan, SECRETS)
    client = OAuthClient(
        "fuzz-client",
        CLIENT_SECRET,
        "https://app.example/cb",
        base_url=server.base_url,
        timeout=0.2,
    )
    with _all_logs() as logs:
        tracemalloc.start()
        started = time.monotonic()
        try:
            outcome: object = client.refresh(REFRESH_TOKEN)
        except BaseException as exc:
            outcome = exc
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    client.close()
    texts = [*logs, repr(client), repr(outcome)]
    # The client knows its secret and the refresh token it sent (no access token yet).
    _check(plan, outcome, elapsed, peak, texts, RateLimiter(), [CLIENT_SECRET, REFRESH_TOKEN])


@fuzz_settings(max_examples=20)
@given(plan=plans(STALL))
def test_drift_fetch_holds_the_invariants_against_any_answer(
    server: PlannedServer, plan: Plan
) -> None:
    from codegen.drift.errors import DocumentError
    from codegen.drift.load import Limits, load_document

    server.use(plan, [])
    tracemalloc.start()
    started = time.monotonic()
    try:
        load_document(server.origin + "/openapi.json", Limits(max_bytes=CAP, fetch_seconds=ATTEMPT))
    except DocumentError as exc:
        event(f"DocumentError: {str(exc).split(':')[-1][:30]}")
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < ATTEMPT + SLACK, plan.describe()
    assert peak < MEMORY_BOUND + len(plan.body) * 4, plan.describe()  # + the parsed text
