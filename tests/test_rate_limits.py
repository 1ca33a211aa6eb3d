"""The rate limiter: one gate per client that paces, adapts to 429s and lets bulk reads
finish; and the fake's leaky bucket it is measured against.

Where time is the behaviour (pacing, Retry-After) the limiter runs on a FakeClock and the
assertions read that clock; the end-to-end reads run in real time with no time asserted.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.conftest import FAST_RETRIES
from tests.fake_clock import FakeClock
from tests.raw_http import HTTP
from ultracart_conversations import (
    AsyncConversationApi,
    ConversationApi,
    DeadlineExceededError,
    InvalidRequestError,
    OAuthClient,
    OAuthSession,
    OAuthTokens,
    RateLimiter,
    RateLimitError,
)
from ultracart_conversations.testing import FakeUltraCart, Fault

LIST = "/conversation/conversations"


def uuids_of(fake: FakeUltraCart) -> list[str]:
    return [c["conversation_uuid"] for c in fake.conversations]


class SendTimes:
    """When (on the limiter's clock) each request left, from an httpx event hook."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.times: list[float] = []

    def hook(self, request: httpx.Request) -> None:
        self.times.append(self.clock.now())

    async def async_hook(self, request: httpx.Request) -> None:
        self.hook(request)


# --- the gate alone, on a fake clock ------------------------------------------------------


def test_a_ceiling_paces_requests_in_ultracart_units() -> None:
    clock = FakeClock()
    limiter = RateLimiter(requests_per_hour=1000, clock=clock)
    sent = []
    for _ in range(5):
        permit = limiter.acquire()
        sent.append(permit.sent_at)
        limiter.release(permit, 200)
    gaps = [b - a for a, b in itertools.pairwise(sent)]
    assert gaps == pytest.approx([3.6] * 4)


def test_a_burst_goes_back_to_back_then_the_ceiling_paces() -> None:
    clock = FakeClock()
    limiter = RateLimiter(requests_per_hour=3600, burst=3, clock=clock)
    sent = []
    for _ in range(5):
        permit = limiter.acquire()
        sent.append(permit.sent_at - 1_000)
        limiter.release(permit, 200)
    assert sent == pytest.approx([0, 0, 0, 1, 2])


def test_one_burst_of_429s_announcing_the_rate_sets_the_pace_once_then_one_probe_goes() -> None:
    clock = FakeClock()
    limiter = RateLimiter(concurrency=8, clock=clock)
    permits = [limiter.acquire() for _ in range(8)]  # all in flight together
    for permit in permits:
        limiter.release(permit, 429, 1.0, "rate of 20 per 1 second(s) exceeded")
    stats = limiter.stats()
    assert (stats.throttled, stats.cuts) == (8, 1)
    # The server said its rate: the pace goes just under it, not 0.7x below.
    assert stats.rate == stats.ceiling == pytest.approx(20 * 0.97)
    # A whole-second Retry-After is rounded up by up to a second: the gate does not stop
    # for the whole second (20 requests at this rate), but lets one request go alone
    # after one interval of the pace.
    paused_at = clock.now()
    probe = limiter.acquire()
    assert paused_at + 1 / 19.4 - 1e-9 <= probe.sent_at < paused_at + 1.0
    assert limiter.stats().in_flight == 1
    limiter.release(probe, 200)
    clock.advance(60)  # a minute of quiet: the pace stays, never above the ceiling
    assert limiter.stats().rate == pytest.approx(20 * 0.97)


def test_a_429_without_an_announced_rate_cuts_the_pace_from_what_was_sent() -> None:
    clock = FakeClock()
    limiter = RateLimiter(concurrency=4, clock=clock)
    permits = [limiter.acquire() for _ in range(4)]
    clock.advance(0.5)
    for permit in permits:
        limiter.release(permit, 429, None, None)
    stats = limiter.stats()
    assert (stats.throttled, stats.cuts, stats.ceiling) == (4, 1, None)
    # 4 sent within the first quarter second (the shortest span measured): 16/s, cut 0.7x.
    assert stats.rate == pytest.approx(16 * 0.7)


def test_a_spent_daily_ceiling_raises_rather_than_waiting_hours() -> None:
    clock = FakeClock()
    limiter = RateLimiter(requests_per_day=2, burst=2, max_wait=600, clock=clock)
    for _ in range(2):
        limiter.release(limiter.acquire(), 200)
    clock.advance(1)  # one of the two back 12 hours later; this one would wait
    with pytest.raises(RateLimitError) as raised:
        limiter.acquire()
    assert raised.value.retry_after == pytest.approx(43_199, abs=1)
    assert raised.value.status is None
    assert limiter.stats().queued == 0  # it left the queue


@pytest.mark.parametrize(
    "kwargs",
    [{"concurrency": 0}, {"burst": 0}, {"requests_per_hour": 0}, {"requests_per_day": -5}],
)
def test_bad_limiter_settings_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        RateLimiter(**kwargs)  # type: ignore[arg-type]


def test_a_client_refuses_anything_but_a_rate_limiter(fake: FakeUltraCart) -> None:
    with pytest.raises(TypeError):
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url, rate_limiter=5)  # type: ignore[arg-type]


# --- 429 handling over HTTP ---------------------------------------------------------------


@pytest.mark.parametrize("retry_after", ["3", "2.5", "http-date", "garbage", "-4"])
def test_a_retry_is_never_sent_before_its_retry_after(
    fake: FakeUltraCart, retry_after: str
) -> None:
    clock = FakeClock()
    if retry_after == "http-date":
        retry_after = formatdate(__import__("time").time() + 30, usegmt=True)
    fake.inject("getConversations", Fault.status(429, retry_after=retry_after))
    sends = SendTimes(clock)
    with (
        httpx.Client(event_hooks={"request": [sends.hook]}) as http,
        ConversationApi(
            simple_key=fake.simple_key,
            base_url=fake.base_url,
            http_client=http,
            retry_policy=FAST_RETRIES,
            rate_limiter=RateLimiter(clock=clock),
        ) as api,
    ):
        api._sleep = clock.sleep
        api.get_conversations(limit=1)
    first, retry = sends.times
    # An HTTP date has whole seconds and is read against the wall clock a moment later.
    expected = {"3": 3.0, "2.5": 2.5, "garbage": 0.001, "-4": 0.001}.get(retry_after, 25.0)
    assert retry - first >= expected - 1e-9  # (float rounding on the fake clock)


@pytest.mark.parametrize(("retry_after", "pause"), [("5", 4.0), ("2.5", 2.5)])
def test_the_whole_gate_waits_for_a_retry_after_less_its_rounding_not_just_the_rejected_call(
    fake: FakeUltraCart, retry_after: str, pause: float
) -> None:
    # Whole seconds are rounded up by the server (RFC 9110 has only integers): the gate
    # pauses a second less; a fractional Retry-After is exact.
    clock = FakeClock()
    fake.inject("getConversations", Fault.status(429, retry_after=retry_after))
    sends = SendTimes(clock)

    async def run() -> None:
        async with (
            httpx.AsyncClient(event_hooks={"request": [sends.async_hook]}) as http,
            AsyncConversationApi(
                simple_key=fake.simple_key,
                base_url=fake.base_url,
                http_client=http,
                retry_policy=FAST_RETRIES,
                rate_limiter=RateLimiter(clock=clock),
            ) as api,
        ):

            async def no_sleep(seconds: float) -> None:  # the gate alone must hold them
                await asyncio.sleep(0)

            api._sleep = no_sleep
            await asyncio.gather(*(api.get_conversations(limit=1) for _ in range(4)))

    asyncio.run(run())
    assert len(sends.times) == 5
    assert all(t >= sends.times[0] + pause for t in sends.times[1:])
    assert any(t < sends.times[0] + 5 for t in sends.times[1:])  # not the full 5 s


def test_a_retry_after_above_the_cap_raises_at_once_with_the_request_id(
    fake: FakeUltraCart,
) -> None:
    fake.inject("getConversations", Fault.status(429, retry_after="7200"))
    with (
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
        pytest.raises(RateLimitError) as raised,
    ):
        api.get_conversations(limit=1)
    error = raised.value
    assert fake.count("getConversations") == 1
    assert error.retry_after == 7200
    assert error.request_id is not None and len(error.request_id) >= 16
    assert error.uc_rest_error is not None and "rate limit" in error.uc_rest_error
    assert api.rate_limiter is not None and api.rate_limiter.stats().throttled == 1


def test_the_daily_quota_raises_at_once(fake: FakeUltraCart) -> None:
    daily = "rate of 10000 per 86400 second(s) exceeded"
    fake.inject("getConversations", Fault.status(429, retry_after="30", message=daily))
    with (
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
        pytest.raises(RateLimitError) as raised,
    ):
        api.get_conversations(limit=1)
    assert fake.count("getConversations") == 1
    assert raised.value.uc_rest_error == daily
    assert daily in str(raised.value)


# --- bulk reads finish ----------------------------------------------------------------------


def test_an_async_read_at_5_per_second_with_concurrency_8_yields_everything_once() -> None:
    with FakeUltraCart(conversations=40, seed=3, rate_limit=5, burst=1) as fake:

        async def read() -> list[object]:
            async with AsyncConversationApi(
                simple_key=fake.simple_key,
                base_url=fake.base_url,
                rate_limiter=RateLimiter(concurrency=8),
            ) as api:
                return [
                    s.conversation_uuid
                    async for s in api.iter_conversations(page_size=4, concurrency=8)
                ]

        got = asyncio.run(read())
        assert got == uuids_of(fake)
        assert fake.rate_limited > 0  # it was throttled, and finished anyway


def test_sync_threads_sharing_a_client_all_finish_under_a_rate_limit() -> None:
    with FakeUltraCart(conversations=30, rate_limit=5, burst=1) as fake:
        limiter = RateLimiter(concurrency=8)
        with (
            ConversationApi(
                simple_key=fake.simple_key, base_url=fake.base_url, rate_limiter=limiter
            ) as api,
            ThreadPoolExecutor(8) as pool,
        ):
            pages = list(
                pool.map(lambda o: api.get_conversations(limit=3, offset=o), range(0, 30, 3))
            )
        got = [s.conversation_uuid for page in pages for s in page.conversations or []]
        assert got == uuids_of(fake)
        assert limiter.stats().sent == fake.count("getConversations")


def test_a_deadline_bounds_the_whole_read_and_says_how_far_it_got() -> None:
    with (
        FakeUltraCart(conversations=50, rate_limit=2, burst=1) as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
        pytest.raises(DeadlineExceededError) as raised,
    ):
        for _ in api.iter_conversations(page_size=1, deadline=1.0):
            pass
    error = raised.value
    assert error.items is not None and 0 < error.items < 50
    # Pages overlap by one item (see README, "Pagination"): the next page would start on
    # the last item yielded.
    assert error.next_offset == error.items - 1
    assert f"after yielding {error.items} items" in str(error)


def test_the_async_read_raises_the_same_deadline_error() -> None:
    with FakeUltraCart(conversations=50, rate_limit=2, burst=1) as fake:

        async def read() -> None:
            async with AsyncConversationApi(
                simple_key=fake.simple_key,
                base_url=fake.base_url,
                rate_limiter=RateLimiter(concurrency=4),
            ) as api:
                async for _ in api.iter_conversations(page_size=1, concurrency=4, deadline=1.0):
                    pass

        with pytest.raises(DeadlineExceededError) as raised:
            asyncio.run(read())
    assert raised.value.items is not None and raised.value.items < 50


def test_a_bad_deadline_is_refused(api: ConversationApi) -> None:
    with pytest.raises(InvalidRequestError):
        api.iter_conversations(deadline=0)


# --- one gate, shared --------------------------------------------------------------------


def test_the_gate_is_shared_by_the_threads_of_a_client_and_by_clients(
    fake: FakeUltraCart,
) -> None:
    # The fake answers 429 to a second concurrent request; the gate must never send one.
    fake.latency = 0.01
    fake._limits.concurrent_limit = 1
    limiter = RateLimiter(concurrency=1)
    clients = [
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url, rate_limiter=limiter)
        for _ in range(2)
    ]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: clients[i % 2].get_conversations(limit=1), range(24)))
    for client in clients:
        client.close()
    assert fake.rate_limited == 0
    assert limiter.stats().sent == 24


def test_the_gate_is_shared_by_the_tasks_of_an_async_client(fake: FakeUltraCart) -> None:
    fake.latency = 0.01
    fake._limits.concurrent_limit = 2

    async def run() -> RateLimiter:
        async with AsyncConversationApi(
            simple_key=fake.simple_key,
            base_url=fake.base_url,
            rate_limiter=RateLimiter(concurrency=2),
        ) as api:
            await asyncio.gather(*(api.get_conversations(limit=1) for _ in range(20)))
            assert api.rate_limiter is not None
            return api.rate_limiter

    limiter = asyncio.run(run())
    assert fake.rate_limited == 0
    assert limiter.stats().sent == 20
    assert limiter.stats().in_flight == 0


def test_one_limiter_serves_a_sync_and_an_async_client_at_once(fake: FakeUltraCart) -> None:
    fake.latency = 0.01
    fake._limits.concurrent_limit = 1
    limiter = RateLimiter(concurrency=1)
    sync_api = ConversationApi(
        simple_key=fake.simple_key, base_url=fake.base_url, rate_limiter=limiter
    )
    thread = threading.Thread(
        target=lambda: [sync_api.get_conversations(limit=1) for _ in range(10)]
    )

    async def run() -> None:
        async with AsyncConversationApi(
            simple_key=fake.simple_key, base_url=fake.base_url, rate_limiter=limiter
        ) as api:
            await asyncio.gather(*(api.get_conversations(limit=1) for _ in range(10)))

    thread.start()
    asyncio.run(run())
    thread.join()
    sync_api.close()
    assert fake.rate_limited == 0
    assert limiter.stats().sent == 20


# --- OAuth refresh --------------------------------------------------------------------------


@pytest.fixture
def oauth_session(fake: FakeUltraCart) -> Iterator[OAuthSession]:
    oauth = OAuthClient(
        fake.oauth_client_id,
        fake.oauth_client_secret,
        "https://app.example/callback",
        base_url=fake.base_url,
    )
    url, _ = oauth.authorization_url()
    code = parse_qs(urlsplit(HTTP.get(url).headers["location"]).query)["code"][0]
    tokens: OAuthTokens = oauth.exchange_code(code)
    yield OAuthSession(oauth, tokens)
    oauth.close()


def test_a_token_refresh_finishes_behind_100_queued_calls_at_concurrency_1(
    fake: FakeUltraCart, oauth_session: OAuthSession
) -> None:
    fake.expire_access_tokens()  # the first call gets a 401 and refreshes

    async def run() -> int:
        async with AsyncConversationApi(oauth=oauth_session, base_url=fake.base_url) as api:
            pages = await asyncio.wait_for(
                asyncio.gather(*(api.get_conversations(limit=1) for _ in range(100))), 60
            )
            return len(pages)

    assert asyncio.run(run()) == 100
    assert fake.count("oauthToken") == 2  # the code exchange and one refresh


def test_a_token_refresh_finishes_behind_queued_threads(
    fake: FakeUltraCart, oauth_session: OAuthSession
) -> None:
    fake.expire_access_tokens()
    with (
        ConversationApi(oauth=oauth_session, base_url=fake.base_url) as api,
        ThreadPoolExecutor(16) as pool,
    ):
        futures = [pool.submit(api.get_conversations, limit=1) for _ in range(100)]
        assert all(f.result(timeout=60).conversations for f in futures)
    assert fake.count("oauthToken") == 2


# --- the fake's rate limit ------------------------------------------------------------------


def test_the_fake_answers_429_like_ultracart_per_credential() -> None:
    with FakeUltraCart(rate_limit="2/1", burst=2) as fake:
        key = {"x-ultracart-simple-key": fake.simple_key, "x-ultracart-api-version": "2017-03-01"}
        token = {
            "authorization": f"Bearer {fake.access_token}",
            "x-ultracart-api-version": "2017-03-01",
        }
        answers = [HTTP.get(fake.base_url + LIST, headers=key) for _ in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 429]
        limited = answers[2]
        assert limited.headers["uc-rest-error"] == "rate of 2 per 1 second(s) exceeded"
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.json()["error"]["developer_message"] == limited.headers["uc-rest-error"]
        assert HTTP.get(fake.base_url + LIST, headers=token).status_code == 200  # its own bucket
        ids = {a.headers["x-ultracart-request-id"] for a in answers}
        assert len(ids) == 3
        assert fake.rate_limited == 1
        assert fake.count("getConversations") == 4  # refused requests are recorded too


@pytest.mark.parametrize(
    "kwargs",
    [{"rate_limit": 0}, {"rate_limit": "fast"}, {"burst": 0}, {"concurrent_limit": -1}],
)
def test_the_fake_refuses_bad_limits(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        FakeUltraCart(**kwargs)  # type: ignore[arg-type]


def test_views_share_the_gate_unless_given_another(api: ConversationApi) -> None:
    assert api.rate_limiter is not None
    assert api.with_options(max_retries=0).rate_limiter is api.rate_limiter
    other = RateLimiter(concurrency=2)
    assert api.with_options(rate_limiter=other).rate_limiter is other
    assert api.with_options(rate_limiter=False).rate_limiter is None
    assert api.rate_limiter is not other
