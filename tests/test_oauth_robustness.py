"""OAuthSession never loses a rotated refresh token (issue 14: D1, D5, D6, D11, D18, D22).

Against a token endpoint that rotates refresh tokens (each works once), over real HTTP:
a refresh that reaches the server must end in the session (and its store) whatever the
caller does meanwhile — use another event loop, get cancelled, race a thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.rotating_token_server import RotatingTokenServer
from ultracart_conversations import (
    AsyncConversationApi,
    ConversationApi,
    InvalidRequestError,
    OAuthClient,
    OAuthError,
    OAuthSession,
    OAuthTokens,
)
from ultracart_conversations.errors import APITimeoutError

REDIRECT_URI = "https://app.example/callback"


@pytest.fixture
def rotating() -> Iterator[RotatingTokenServer]:
    with RotatingTokenServer() as server:
        yield server


@pytest.fixture
def oauth(rotating: RotatingTokenServer) -> Iterator[OAuthClient]:
    client = OAuthClient("client", "client-secret", REDIRECT_URI, base_url=rotating.base_url)
    yield client
    client.close()


def test_d1_a_session_used_from_a_second_event_loop_keeps_the_rotated_token(
    rotating: RotatingTokenServer, oauth: OAuthClient
) -> None:
    stored: list[OAuthTokens] = []
    session = OAuthSession(oauth, rotating.initial_tokens(), on_token_refresh=stored.append)

    async def call() -> None:
        async with AsyncConversationApi(oauth=session, base_url=rotating.base_url) as api:
            await api.get_conversations(limit=1)  # 401, refresh, resend

    asyncio.run(call())
    rotating.revoke_access_token()
    asyncio.run(call())  # a new event loop: the refresh must work here too

    assert rotating.grants == ["rt-0", "rt-1"]
    assert session.tokens.refresh_token == rotating.refresh_token == "rt-2"
    assert stored[-1] == session.tokens
    # The client's own asyncio methods are not bound to the first loop either.
    assert asyncio.run(oauth.async_refresh("rt-2")).refresh_token == "rt-3"
    assert asyncio.run(oauth.async_refresh("rt-3")).refresh_token == "rt-4"


async def test_d5_a_caller_cancelled_during_a_refresh_does_not_lose_the_rotated_token(
    rotating: RotatingTokenServer, oauth: OAuthClient
) -> None:
    stored: list[OAuthTokens] = []
    session = OAuthSession(oauth, rotating.initial_tokens(), on_token_refresh=stored.append)
    rotating.gate.clear()  # hold the token request until the caller is gone
    caller = asyncio.create_task(session.async_refresh("at-expired"))
    await asyncio.to_thread(rotating.wait_for_grants, 1)
    caller.cancel()  # what asyncio.wait_for does on its timeout
    with pytest.raises(asyncio.CancelledError):
        await caller
    rotating.gate.set()  # the server rotates and answers

    # The next caller gets the rotated tokens: no second grant with the revoked token.
    assert await session.async_refresh("at-expired") == "at-1"
    assert rotating.grants == ["rt-0"]
    assert session.tokens.refresh_token == "rt-1"
    assert stored == [session.tokens]  # stored even though its caller was cancelled


def test_d6_a_failing_token_hook_is_surfaced_and_retried_until_it_stores_the_tokens(
    rotating: RotatingTokenServer, oauth: OAuthClient
) -> None:
    store: dict[str, object] = {}
    failures = [OSError("disk full"), OSError("disk still full")]

    def save(tokens: OAuthTokens) -> None:
        if failures:
            raise failures.pop(0)
        store.update(tokens.to_dict())

    session = OAuthSession(oauth, rotating.initial_tokens(), on_token_refresh=save)
    with ConversationApi(oauth=session, base_url=rotating.base_url) as api:
        for _ in range(2):  # the refresh, then the retry on the next call: both fail loudly
            with pytest.raises(OAuthError, match="on_token_refresh") as raised:
                api.get_conversations(limit=1)
            assert isinstance(raised.value.__cause__, OSError)
            assert "rt-1" not in str(raised.value)
        assert store == {}
        assert session.tokens.refresh_token == "rt-1"  # the session kept them meanwhile
        api.get_conversations(limit=1)  # the hook is retried first, and now succeeds
        api.get_conversations(limit=1)
    assert store == session.tokens.to_dict()
    assert store["refresh_token"] == "rt-1"
    assert rotating.grants == ["rt-0"]  # one refresh: the retries only call the hook


async def test_d22_a_thread_and_a_task_share_one_refresh(
    rotating: RotatingTokenServer, oauth: OAuthClient
) -> None:
    session = OAuthSession(oauth, rotating.initial_tokens())
    rotating.gate.clear()
    from_thread: list[str] = []
    thread = threading.Thread(target=lambda: from_thread.append(session.refresh("at-expired")))
    thread.start()
    await asyncio.to_thread(rotating.wait_for_grants, 1)  # the thread's refresh is in flight
    task = asyncio.create_task(session.async_refresh("at-expired"))
    await asyncio.sleep(0)  # the task runs up to where it waits
    rotating.gate.set()
    from_task = await task
    await asyncio.to_thread(thread.join)

    assert from_thread == [from_task] == ["at-1"]
    assert rotating.grants == ["rt-0"]
    assert session.tokens.refresh_token == "rt-1"


def test_d11_a_failed_refresh_wakes_every_waiting_thread_with_its_error(
    rotating: RotatingTokenServer,
) -> None:
    rotating.hang = True  # the token endpoint never answers
    # The read timeout is the failure; 2 s leaves the 10 threads ample time to line up.
    oauth = OAuthClient(
        "client", "client-secret", REDIRECT_URI, base_url=rotating.base_url, timeout=2.0
    )
    session = OAuthSession(oauth, rotating.initial_tokens())
    start = threading.Barrier(10)

    def call(_: int) -> BaseException | None:
        start.wait()
        try:
            session.refresh("at-expired")
        except APITimeoutError as exc:
            return exc
        return None

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(call, range(10)))
    oauth.close()
    assert all(isinstance(outcome, APITimeoutError) for outcome in outcomes)
    assert rotating.grants == ["rt-0"]  # one attempt, its error shared; not one each in turn


@pytest.mark.parametrize("token", ["tökén-1234", "abc\x00def-1234", "at\r\nX-Injected: 1"])
def test_d18_a_malformed_access_token_from_the_endpoint_is_a_typed_error_that_hides_it(
    rotating: RotatingTokenServer, oauth: OAuthClient, token: str
) -> None:
    rotating.serve_access_token = token
    session = OAuthSession(oauth, rotating.initial_tokens())
    with (
        ConversationApi(oauth=session, base_url=rotating.base_url) as api,
        pytest.raises(OAuthError, match="access_token") as raised,
    ):
        api.get_conversations(limit=1)
    for shown in (str(raised.value), repr(raised.value)):
        assert token not in shown
        assert repr(token)[1:-1] not in shown
        assert "1234" not in shown and "Injected" not in shown
    assert session.tokens.access_token == "at-expired"  # nothing unusable was committed
    # Tokens built by hand (from a store) are checked the same way.
    with pytest.raises(InvalidRequestError) as refused:
        OAuthTokens(token, "rt-1")
    assert token not in str(refused.value)
