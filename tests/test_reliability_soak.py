"""Soak: a few thousand calls against the fake UltraCart with injected faults, from
threads and from asyncio tasks at the same time.

Every request to an operation consumes the next fault queued for it (a zero delay is a
"no fault" slot), and the fake records requests in that same order, so the fault each
attempt met is known exactly. Each call is tagged with an id header by an httpx event
hook on the client's own http_client, so attempts group into calls. Then, per call:

- it ended in a result of the right type or an ApiError subclass, never anything else,
  and within its time budget (no hang);
- the attempts the server counted match the retry rules (here without the rate
  limiter: retry 429 always; 5xx, a dropped or truncated response and a timeout only for
  idempotent operations; never a response that is not JSON; at most max_retries
  retries), and the error raised is the one the last fault calls for;
- a start_conversation is sent again only after a 429 (nothing was done), and no
  conversation is ever created twice.
"""

from __future__ import annotations

import asyncio
import contextvars
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

import httpx
import pytest

from ultracart_conversations import (
    APIConnectionError,
    ApiError,
    APITimeoutError,
    AsyncConversationApi,
    ConversationAgentAuthResponse,
    ConversationApi,
    ConversationMultimediaUploadUrlResponse,
    ConversationResponse,
    ConversationsResponse,
    ConversationStartRequest,
    ConversationStartResponse,
    RateLimitError,
    ResponseValidationError,
    RetryPolicy,
    ServerError,
)
from ultracart_conversations.testing import FakeUltraCart, Fault, FaultKind
from ultracart_conversations_api.operations import OperationId

SEED = 20261124
THREADS, CALLS_PER_THREAD = 6, 220
TASKS, CALLS_PER_TASK = 12, 110
TIMEOUT = 1.0  # per attempt; generous so that only a scripted delay can trip it
SLOW = TIMEOUT + 0.5  # a scripted delay that must time out
POLICY = RetryPolicy(
    max_retries=3, initial_backoff=0.001, max_backoff=0.004, max_retry_after=0.01, jitter=0.5
)
# Longest a call may take: every attempt timing out, every wait at its cap, and slack
# for a loaded 2-core machine. A call over it has hung.
CALL_BUDGET = (POLICY.max_retries + 1) * (TIMEOUT + 0.5) + 2.0
# The per-attempt deadline (attempt_timeout) is not this test's subject: derived from
# TIMEOUT it would be 3 s, which a starved event loop on a loaded machine can outlast
# before the request is even written, leaving an attempt the server never saw.
ATTEMPT_DEADLINE = CALL_BUDGET
CALL_HEADER = "x-soak-call"

NO_FAULT = Fault.delay(0)
# (fault, weight). Weights favour the faults a client meets in production.
FAULTS: list[tuple[Fault, int]] = [
    (NO_FAULT, 130),
    (Fault.status(429, retry_after="0"), 8),
    (Fault.status(429, retry_after="1"), 4),  # longer than max_retry_after: capped
    (Fault.status(429), 4),
    (Fault.status(503), 8),
    (Fault.status(500), 4),
    (Fault.drop(), 8),
    (Fault.truncate(), 6),
    (Fault.not_json(), 4),
    (Fault.delay(0.02), 4),
    (Fault.delay(SLOW), 1),
]
# Operations whose success has no body: a truncated or non-JSON body changes nothing.
BODILESS = {"joinConversation", "leaveConversation", "getConversationMultimediaUploadUrl"}
IDEMPOTENT = {
    "getConversations",
    "getConversation",
    "joinConversation",
    "leaveConversation",
    "getAgentWebsocketAuthorization",
    "getConversationMultimediaUploadUrl",
}
RESULT_TYPES: dict[str, type | None] = {
    "getConversations": ConversationsResponse,
    "getConversation": ConversationResponse,
    "startConversation": ConversationStartResponse,
    "joinConversation": None,
    "leaveConversation": None,
    "getAgentWebsocketAuthorization": ConversationAgentAuthResponse,
    "getConversationMultimediaUploadUrl": ConversationMultimediaUploadUrlResponse,
}


def fault_queue(operation_id: str, rng: random.Random, length: int) -> list[Fault]:
    menu = [
        (fault, weight)
        for fault, weight in FAULTS
        if not (operation_id in BODILESS and fault.kind in (FaultKind.TRUNCATE, FaultKind.NOT_JSON))
    ]
    faults, weights = zip(*menu, strict=True)
    return rng.choices(faults, weights, k=length)


def is_benign(fault: Fault | None) -> bool:
    return fault is None or (fault.kind is FaultKind.DELAY and fault.seconds < TIMEOUT)


def retryable(fault: Fault, operation_id: str) -> bool:
    """The retry rules the client documents (ultracart_conversations._retry)."""
    if fault.kind is FaultKind.STATUS and fault.status_code == 429:
        return True
    if fault.kind is FaultKind.NOT_JSON:
        return False  # the server answered; a garbled answer is not a transient failure
    return operation_id in IDEMPOTENT  # 5xx, dropped, truncated, timed out


def expected_error(fault: Fault) -> type[ApiError]:
    if fault.kind is FaultKind.STATUS:
        return RateLimitError if fault.status_code == 429 else ServerError
    if fault.kind is FaultKind.NOT_JSON:
        return ResponseValidationError
    if fault.kind is FaultKind.DELAY:
        return APITimeoutError
    return APIConnectionError  # dropped or truncated


@dataclass
class CallRecord:
    call_id: str
    operation_id: str
    outcome: object  # the result, or the exception raised
    seconds: float
    client_attempts: int


CURRENT_CALL: contextvars.ContextVar[tuple[str, list[int]]] = contextvars.ContextVar("call")


def _tag(request: httpx.Request) -> None:
    call_id, attempts = CURRENT_CALL.get()
    request.headers[CALL_HEADER] = call_id
    attempts[0] += 1


async def _tag_async(request: httpx.Request) -> None:
    _tag(request)


class Plan:
    """Which operation each call makes, and with what argument (seeded)."""

    def __init__(self, uuids: list[str]) -> None:
        self.uuids = uuids

    def pick(self, rng: random.Random, call_id: str) -> tuple[str, Any]:
        operation_id = rng.choices(list(RESULT_TYPES), weights=[30, 20, 10, 10, 10, 10, 10], k=1)[0]
        if operation_id == "getConversations":
            return operation_id, {"limit": rng.randint(1, 50), "offset": rng.randint(0, 40)}
        if operation_id == "startConversation":
            return operation_id, ConversationStartRequest(conversation_arn=f"arn:soak:{call_id}")
        if operation_id == "getConversationMultimediaUploadUrl":
            return operation_id, "jpg"
        if operation_id == "getAgentWebsocketAuthorization":
            return operation_id, None
        return operation_id, rng.choice(self.uuids)


def sync_call(api: ConversationApi, operation_id: str, argument: Any) -> object:
    calls: dict[str, Callable[[], object]] = {
        "getConversations": lambda: api.get_conversations(**argument),
        "getConversation": lambda: api.get_conversation(argument),
        "startConversation": lambda: api.start_conversation(argument),
        "joinConversation": lambda: api.join_conversation(argument),
        "leaveConversation": lambda: api.leave_conversation(argument),
        "getAgentWebsocketAuthorization": api.get_agent_websocket_authorization,
        "getConversationMultimediaUploadUrl": lambda: api.get_conversation_multimedia_upload_url(
            argument
        ),
    }
    return calls[operation_id]()


def async_call(
    api: AsyncConversationApi, operation_id: str, argument: Any
) -> Coroutine[Any, Any, object]:
    calls: dict[str, Callable[[], Coroutine[Any, Any, object]]] = {
        "getConversations": lambda: api.get_conversations(**argument),
        "getConversation": lambda: api.get_conversation(argument),
        "startConversation": lambda: api.start_conversation(argument),
        "joinConversation": lambda: api.join_conversation(argument),
        "leaveConversation": lambda: api.leave_conversation(argument),
        "getAgentWebsocketAuthorization": api.get_agent_websocket_authorization,
        "getConversationMultimediaUploadUrl": lambda: api.get_conversation_multimedia_upload_url(
            argument
        ),
    }
    return calls[operation_id]()


def run_threads(fake: FakeUltraCart, plan: Plan, records: list[CallRecord]) -> None:
    http = httpx.Client(
        timeout=TIMEOUT, event_hooks={"request": [_tag]}, limits=httpx.Limits(max_connections=32)
    )
    lock = threading.Lock()

    def worker(number: int) -> None:
        rng = random.Random(SEED + number)  # noqa: S311 (a reproducible plan, no secret)
        for index in range(CALLS_PER_THREAD):
            call_id = f"t{number}-{index}"
            operation_id, argument = plan.pick(rng, call_id)
            attempts = [0]
            token = CURRENT_CALL.set((call_id, attempts))
            start = time.perf_counter()
            try:
                outcome: object = sync_call(api, operation_id, argument)
            except Exception as exc:  # recorded and judged below, whatever it is
                outcome = exc
            finally:
                CURRENT_CALL.reset(token)
            record = CallRecord(
                call_id, operation_id, outcome, time.perf_counter() - start, attempts[0]
            )
            with lock:
                records.append(record)

    with (
        http,
        ConversationApi(
            simple_key=fake.simple_key,
            base_url=fake.base_url,
            retry_policy=POLICY,
            # The retry rules per call, without the gate (a 429 in 25 would keep cutting
            # its pace); the gate's own behaviour is tested in test_rate_limits.py.
            rate_limiter=False,
            http_client=http,
            attempt_timeout=ATTEMPT_DEADLINE,
        ) as api,
        ThreadPoolExecutor(THREADS) as pool,
    ):
        for future in [pool.submit(worker, n) for n in range(THREADS)]:
            future.result()


async def run_tasks(fake: FakeUltraCart, plan: Plan, records: list[CallRecord]) -> None:
    async def worker(api: AsyncConversationApi, number: int) -> None:
        rng = random.Random(SEED + 1000 + number)  # noqa: S311 (reproducible)
        for index in range(CALLS_PER_TASK):
            call_id = f"a{number}-{index}"
            operation_id, argument = plan.pick(rng, call_id)
            attempts = [0]
            CURRENT_CALL.set((call_id, attempts))  # each task has its own context
            start = time.perf_counter()
            try:
                outcome: object = await async_call(api, operation_id, argument)
            except Exception as exc:
                outcome = exc
            records.append(
                CallRecord(call_id, operation_id, outcome, time.perf_counter() - start, attempts[0])
            )

    http = httpx.AsyncClient(
        timeout=TIMEOUT,
        event_hooks={"request": [_tag_async]},
        limits=httpx.Limits(max_connections=32),
    )
    async with (
        http,
        AsyncConversationApi(
            simple_key=fake.simple_key,
            base_url=fake.base_url,
            retry_policy=POLICY,
            # The retry rules per call, without the gate (a 429 in 25 would keep cutting
            # its pace); the gate's own behaviour is tested in test_rate_limits.py.
            rate_limiter=False,
            http_client=http,
            attempt_timeout=ATTEMPT_DEADLINE,
        ) as api,
    ):
        await asyncio.gather(*(worker(api, n) for n in range(TASKS)))


@dataclass
class Soak:
    records: list[CallRecord]
    # call id -> the fault each of its attempts met, in order, as the server saw them
    attempts: dict[str, list[Fault | None]]
    created_arns: Counter[str]
    requests: int


@pytest.fixture(scope="module")
def soak() -> Iterator[Soak]:
    rng = random.Random(SEED)  # noqa: S311 (reproducible)
    fake = FakeUltraCart(conversations=40, seed=SEED, latency=0.001)
    queued = {op: fault_queue(op, rng, 1500) for op in RESULT_TYPES}
    records: list[CallRecord] = []
    with fake:
        for operation_id, faults in queued.items():
            fake.inject(cast("OperationId", operation_id), *faults)
        plan = Plan([c["conversation_uuid"] for c in fake.conversations])
        threads = threading.Thread(target=run_threads, args=(fake, plan, records))
        threads.start()  # the threads and the asyncio tasks run at the same time
        asyncio.run(run_tasks(fake, plan, records))
        threads.join()
        requests = fake.requests
    # Stopped: every handler has finished, including any still sleeping on a delay.
    served: dict[str, int] = defaultdict(int)
    attempts: dict[str, list[Fault | None]] = defaultdict(list)
    for request in requests:
        assert request.operation_id is not None, request
        index = served[request.operation_id]
        served[request.operation_id] += 1
        queue = queued[request.operation_id]
        fault = queue[index] if index < len(queue) else None
        attempts[request.headers[CALL_HEADER]].append(fault)
    arns = Counter(
        str(c["conversation_arn"])
        for c in fake.conversations
        if str(c.get("conversation_arn", "")).startswith("arn:soak:")
    )
    yield Soak(records, attempts, arns, len(requests))


def test_the_soak_made_thousands_of_calls_and_met_every_kind_of_fault(soak: Soak) -> None:
    assert len(soak.records) == THREADS * CALLS_PER_THREAD + TASKS * CALLS_PER_TASK
    outcomes = Counter(
        type(r.outcome).__name__ if isinstance(r.outcome, BaseException) else "ok"
        for r in soak.records
    )
    slowest = max(r.seconds for r in soak.records)
    print(f"\nsoak: {len(soak.records)} calls, {soak.requests} requests, outcomes {dict(outcomes)}")
    print(f"soak: slowest call {slowest:.2f} s (budget {CALL_BUDGET:.1f} s)")
    met = Counter((f.kind, f.status_code) for faults in soak.attempts.values() for f in faults if f)
    for fault, _ in FAULTS:
        assert met[(fault.kind, fault.status_code)] > 0, fault
    retried = sum(1 for faults in soak.attempts.values() if len(faults) > 1)
    assert retried > 100
    faulted = sum(1 for faults in soak.attempts.values() for f in faults if not is_benign(f))
    print(f"soak: {faulted} requests met a fault; {retried} calls were retried")


def test_every_call_ends_in_a_result_or_a_typed_error_within_its_budget(soak: Soak) -> None:
    for record in soak.records:
        result_type = RESULT_TYPES[record.operation_id] or type(None)
        assert isinstance(record.outcome, ApiError | result_type), record
        assert record.seconds < CALL_BUDGET, record


def test_the_server_saw_every_attempt_the_client_sent(soak: Soak) -> None:
    assert soak.requests == sum(r.client_attempts for r in soak.records)
    for record in soak.records:
        assert len(soak.attempts[record.call_id]) == record.client_attempts, record


def test_attempts_and_outcomes_follow_the_retry_rules(soak: Soak) -> None:
    for record in soak.records:
        faults = soak.attempts[record.call_id]
        operation_id = record.operation_id
        assert 1 <= len(faults) <= POLICY.max_retries + 1, (record, faults)
        for fault in faults[:-1]:  # every attempt but the last failed, retryably
            assert fault is not None and not is_benign(fault), (record, faults)
            assert retryable(fault, operation_id), (record, faults)
        last = faults[-1]
        if last is None or is_benign(last):
            assert not isinstance(record.outcome, BaseException), (record, faults)
            continue
        error = expected_error(last)
        assert type(record.outcome) is error, (record, faults)
        # It stopped because the fault is not retryable here or the retries ran out.
        assert not retryable(last, operation_id) or len(faults) == POLICY.max_retries + 1, (
            record,
            faults,
        )


def test_no_start_conversation_is_sent_twice_or_done_twice(soak: Soak) -> None:
    starts = [r for r in soak.records if r.operation_id == "startConversation"]
    assert len(starts) > 100
    for record in starts:
        faults = soak.attempts[record.call_id]
        # Only a 429 (refused, nothing done) may be followed by a second send.
        for fault in faults[:-1]:
            assert fault is not None and fault.kind is FaultKind.STATUS
            assert fault.status_code == 429, (record, faults)
    assert max(soak.created_arns.values()) == 1
    # Every start that succeeded created its conversation, exactly once.
    succeeded = {
        f"arn:soak:{r.call_id}" for r in starts if isinstance(r.outcome, ConversationStartResponse)
    }
    assert succeeded <= set(soak.created_arns)
