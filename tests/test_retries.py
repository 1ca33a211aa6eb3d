"""Retries: which failures are retried for which operations, how long the client waits
(backoff, Retry-After), and how many requests reach the server."""

from __future__ import annotations

import copy
import logging
import pickle
import time
from email.utils import formatdate

import pytest

from tests.conftest import FAST_RETRIES
from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import (
    APIConnectionError,
    APITimeoutError,
    AsyncConversationApi,
    ConversationApi,
    ConversationStartRequest,
    RateLimiter,
    RateLimitError,
    RetryPolicy,
    ServerError,
)
from ultracart_conversations._retry import parse_retry_after, retry_wait
from ultracart_conversations.errors import ApiError, BadRequestError
from ultracart_conversations.testing import FakeUltraCart, Fault

START = ConversationStartRequest(conversation_arn="arn:retry")


def test_429_is_retried_and_the_call_succeeds(
    api: ConversationApi, fake: FakeUltraCart, waits: list[float]
) -> None:
    fake.inject("getConversations", Fault.status(429))
    page = api.get_conversations(limit=2)
    assert len(page.conversations or []) == 2
    assert fake.count("getConversations") == 2
    assert waits == [0.001]  # the backoff: no Retry-After was given


def test_retry_after_in_seconds_is_honoured(
    api: ConversationApi, fake: FakeUltraCart, waits: list[float]
) -> None:
    fake.inject("getConversation", Fault.status(429, retry_after="3"))
    api.get_conversation(fake.conversations[0]["conversation_uuid"])
    assert waits == [3.0]


def test_retry_after_is_capped(
    api: ConversationApi, fake: FakeUltraCart, waits: list[float]
) -> None:
    fake.inject("getConversation", Fault.status(503, retry_after="86400"))
    api.get_conversation(fake.conversations[0]["conversation_uuid"])
    assert waits == [60.0]


def test_retry_after_as_an_http_date_is_honoured(
    scripted_api: ConversationApi, scripted: ScriptedServer, waits: list[float]
) -> None:
    in_half_a_minute = formatdate(time.time() + 30, usegmt=True)
    scripted.enqueue(
        Reply.status(429, headers={"Retry-After": in_half_a_minute}), Reply.json(200, {})
    )
    scripted_api.get_conversation("c-1")
    assert len(waits) == 1
    # The date has one-second resolution and a little time passes before it is read.
    assert 28 <= waits[0] <= 30


def test_parse_retry_after() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(" 1.5 ", now) == 1.5
    assert parse_retry_after("0", now) == 0.0  # "now", said outright
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now) == 30.0
    # Negative and past values count as none (tests/test_parse_total.py has the rest).
    assert parse_retry_after("-5", now) is None
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now) is None
    for unreadable in (None, "", "soon", "nan", "inf"):
        assert parse_retry_after(unreadable, now) is None


def test_5xx_on_an_idempotent_operation_is_retried_until_max_retries(
    api: ConversationApi, fake: FakeUltraCart, waits: list[float]
) -> None:
    fake.inject("getConversations", Fault.status(500), Fault.status(502), Fault.status(503))
    with pytest.raises(ServerError) as raised:
        api.get_conversations()
    assert raised.value.status == 503
    assert fake.count("getConversations") == 3  # the call and 2 retries
    assert waits == [0.001, 0.002]  # exponential backoff


def test_start_conversation_is_not_retried_after_a_5xx(
    api: ConversationApi, fake: FakeUltraCart, waits: list[float]
) -> None:
    fake.inject("startConversation", Fault.status(500))
    with pytest.raises(ServerError):
        api.start_conversation(START)
    assert fake.count("startConversation") == 1
    assert waits == []


def test_start_conversation_is_retried_after_429(api: ConversationApi, fake: FakeUltraCart) -> None:
    fake.inject("startConversation", Fault.status(429, retry_after="0"))
    before = len(fake.conversations)
    started = api.start_conversation(START)
    assert fake.count("startConversation") == 2
    assert len(fake.conversations) == before + 1  # exactly one conversation started
    assert started.conversation
    assert fake.conversations[0]["conversation_uuid"] == started.conversation.conversation_uuid


def test_start_conversation_is_not_retried_after_a_read_timeout(fake: FakeUltraCart) -> None:
    fake.inject("startConversation", Fault.delay(2))
    with (
        ConversationApi(
            simple_key=fake.simple_key,
            base_url=fake.base_url,
            timeout=0.2,
            retry_policy=FAST_RETRIES,
        ) as api,
        pytest.raises(APITimeoutError),
    ):
        api.start_conversation(START)
    assert fake.count("startConversation") == 1


def test_a_read_timeout_on_an_idempotent_operation_is_retried(fake: FakeUltraCart) -> None:
    fake.inject("getConversations", Fault.delay(2))
    with ConversationApi(
        simple_key=fake.simple_key, base_url=fake.base_url, timeout=0.2, retry_policy=FAST_RETRIES
    ) as api:
        api.get_conversations(limit=1)
    assert fake.count("getConversations") == 2


def test_a_dropped_connection_is_retried_only_for_idempotent_operations(
    api: ConversationApi, fake: FakeUltraCart
) -> None:
    fake.inject("leaveConversation", Fault.drop())
    api.leave_conversation(fake.conversations[0]["conversation_uuid"])
    assert fake.count("leaveConversation") == 2

    fake.inject("startConversation", Fault.drop())
    with pytest.raises(APIConnectionError) as raised:
        api.start_conversation(START)
    assert raised.value.request_sent is True
    assert fake.count("startConversation") == 1


def test_a_connection_that_never_opened_is_retried_even_for_start_conversation(
    waits: list[float],
) -> None:
    with ScriptedServer() as server:
        nobody_listens = server.base_url
    with ConversationApi(
        simple_key="a-simple-key", base_url=nobody_listens, retry_policy=FAST_RETRIES
    ) as api:
        api._sleep = waits.append
        with pytest.raises(APIConnectionError) as raised:
            api.start_conversation(START)
    assert raised.value.request_sent is False
    assert waits == [0.001, 0.002]


def test_client_errors_are_not_retried(api: ConversationApi, fake: FakeUltraCart) -> None:
    fake.inject("getConversations", Fault.status(400))
    with pytest.raises(BadRequestError):
        api.get_conversations()
    assert fake.count("getConversations") == 1


def test_max_retries_is_configurable_per_client_and_per_call(
    fake: FakeUltraCart, waits: list[float]
) -> None:
    with ConversationApi(
        simple_key=fake.simple_key, base_url=fake.base_url, max_retries=4, retry_policy=FAST_RETRIES
    ) as api:
        api._sleep = waits.append
        fake.inject("getConversations", *[Fault.status(503)] * 4)
        api.get_conversations(limit=1)
        assert fake.count("getConversations") == 5

        fake.clear_requests()
        fake.inject("getConversations", Fault.status(503))
        with pytest.raises(ServerError):
            api.with_options(max_retries=0).get_conversations(limit=1)
        assert fake.count("getConversations") == 1


def test_429s_are_retried_apart_from_max_retries(
    api: ConversationApi, fake: FakeUltraCart, waits: list[float]
) -> None:
    fake.inject("getConversations", *[Fault.status(429, retry_after="2")] * 3)
    api.get_conversations()  # max_retries is 2, yet three 429s do not end the call
    assert fake.count("getConversations") == 4
    assert waits == [2.0, 2.0, 2.0]


def test_rate_limit_error_once_max_rate_limit_wait_is_spent(
    fake: FakeUltraCart, waits: list[float], limiter: RateLimiter
) -> None:
    policy = FAST_RETRIES.replace(max_rate_limit_wait=5)
    fake.inject("getConversations", *[Fault.status(429, retry_after="2")] * 5)
    with ConversationApi(
        simple_key=fake.simple_key,
        base_url=fake.base_url,
        retry_policy=policy,
        rate_limiter=limiter,
    ) as api:
        api._sleep = waits.append
        with pytest.raises(RateLimitError) as raised:
            api.get_conversations()
    assert raised.value.retry_after == 2.0
    assert waits == [2.0, 2.0]  # a third wait would pass 5 s


def test_without_a_rate_limiter_429s_count_as_retries(
    fake: FakeUltraCart, waits: list[float]
) -> None:
    fake.inject("getConversations", *[Fault.status(429, retry_after="2")] * 3)
    with ConversationApi(
        simple_key=fake.simple_key,
        base_url=fake.base_url,
        retry_policy=FAST_RETRIES,
        rate_limiter=False,
    ) as api:
        api._sleep = waits.append
        with pytest.raises(RateLimitError):
            api.get_conversations()
    assert waits == [2.0, 2.0]


def test_retries_are_logged_at_info(
    api: ConversationApi, fake: FakeUltraCart, caplog: pytest.LogCaptureFixture
) -> None:
    fake.inject("getConversations", Fault.status(503))
    with caplog.at_level(logging.INFO, logger="ultracart_conversations"):
        api.get_conversations(limit=1)
    messages = [r.getMessage() for r in caplog.records if r.name == "ultracart_conversations"]
    assert messages == ["getConversations failed (HTTP 503); retry 1 of 2 in 0.001 s"]


async def test_the_async_client_retries_by_the_same_rules(
    async_api: AsyncConversationApi, fake: FakeUltraCart, waits: list[float]
) -> None:
    fake.inject("getConversations", Fault.status(429, retry_after="1"), Fault.status(503))
    await async_api.get_conversations(limit=1)
    assert fake.count("getConversations") == 3
    assert waits == [1.0, 0.001]  # the 429 is not one of the max_retries

    fake.inject("startConversation", Fault.status(503))
    with pytest.raises(ServerError):
        await async_api.start_conversation(START)
    assert fake.count("startConversation") == 1


# --- the policy itself ---------------------------------------------------------------------


def test_backoff_doubles_up_to_the_maximum() -> None:
    policy = RetryPolicy(initial_backoff=0.5, max_backoff=8.0, jitter=0.0)
    assert [policy.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_jitter_only_shortens_the_wait() -> None:
    policy = RetryPolicy(initial_backoff=1.0, jitter=0.25)
    waits = {policy.backoff(0) for _ in range(200)}
    assert all(0.75 <= wait <= 1.0 for wait in waits)
    assert len(waits) > 1


def _error(cls: type[ApiError], **attributes: object) -> ApiError:
    error = cls("x")
    for name, value in attributes.items():
        setattr(error, name, value)
    return error


RULES = [
    # (error, idempotent, retried?)
    (_error(RateLimitError, status=429), False, True),
    (_error(ServerError, status=500), True, True),
    (_error(ServerError, status=500), False, False),
    (_error(APIConnectionError, request_sent=False), False, True),
    (_error(APIConnectionError, request_sent=True), False, False),
    (_error(APIConnectionError, request_sent=True), True, True),
    (_error(APITimeoutError, request_sent=True), False, False),
    (_error(BadRequestError, status=400), True, False),
]


@pytest.mark.parametrize(("error", "idempotent", "retried"), RULES)
def test_the_retry_rules(error: ApiError, idempotent: bool, retried: bool) -> None:
    policy = RetryPolicy(jitter=0.0)
    wait = retry_wait(policy, error, idempotent=idempotent, retries_done=0)
    assert (wait is not None) is retried
    assert retry_wait(policy, error, idempotent=idempotent, retries_done=2) is None


def test_the_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        RetryPolicy(max_retries=-1)
    with pytest.raises(ValueError, match="jitter"):
        RetryPolicy(jitter=2)


def test_a_policy_is_an_immutable_value_changed_by_replace() -> None:
    policy = RetryPolicy(max_retries=3, jitter=0.0)
    with pytest.raises(AttributeError, match="immutable"):
        policy.max_retries = 9
    changed = policy.replace(max_backoff=2.0)
    assert (changed.max_retries, changed.max_backoff, changed.jitter) == (3, 2.0, 0.0)
    assert policy.max_backoff == 8.0  # the original is untouched
    assert changed != policy and changed == RetryPolicy(max_retries=3, jitter=0.0, max_backoff=2)
    assert len({changed, RetryPolicy(max_retries=3, jitter=0.0, max_backoff=2.0)}) == 1
    assert "max_backoff=2.0" in repr(changed)
    # A copy is checked like a new policy, and a misspelt setting is named.
    with pytest.raises(ValueError, match="max_backoff"):
        policy.replace(max_backoff=float("nan"))
    with pytest.raises(TypeError, match="max_retires"):
        policy.replace(max_retires=3)


def test_a_policy_survives_copy_and_pickle() -> None:
    policy = RetryPolicy(max_retries=5, initial_backoff=0.1, jitter=0.0, max_rate_limit_wait=30)
    for twin in (
        copy.copy(policy),
        copy.deepcopy(policy),
        pickle.loads(pickle.dumps(policy)),  # noqa: S301 (our own bytes)
    ):
        assert twin == policy and twin.max_rate_limit_wait == 30 and twin.max_retries == 5
    replace = getattr(copy, "replace", None)  # Python 3.13's copy.replace (CI runs 3.13)
    if replace is not None:
        assert replace(policy, max_retries=1) == policy.replace(max_retries=1)
