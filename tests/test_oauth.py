"""OAuth 2 authorization code flow against the fake's token endpoint: the authorize URL,
the code exchange, refresh before expiry and once on a 401, and the refresh hook."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.scripted_server import RecordedRequest, Reply, ScriptedServer
from ultracart_conversations import (
    AsyncConversationApi,
    AuthenticationError,
    ConversationApi,
    OAuthClient,
    OAuthError,
    OAuthSession,
    OAuthTokens,
)
from ultracart_conversations.testing import FakeUltraCart

REDIRECT_URI = "https://app.example/callback"


@pytest.fixture
def oauth(fake: FakeUltraCart) -> Iterator[OAuthClient]:
    client = OAuthClient(
        fake.oauth_client_id, fake.oauth_client_secret, REDIRECT_URI, base_url=fake.base_url
    )
    yield client
    client.close()


def authorize(oauth: OAuthClient, fake: FakeUltraCart) -> OAuthTokens:
    """What a web app does: send the user to the authorize URL, get the code back."""
    url, state = oauth.authorization_url()
    redirect = httpx.get(url).headers["location"]
    returned = parse_qs(urlsplit(redirect).query)
    assert returned["state"] == [state]
    return oauth.exchange_code(returned["code"][0])


def test_the_authorization_url_carries_what_rfc_6749_asks() -> None:
    oauth = OAuthClient("my-client", "my-client-secret", REDIRECT_URI)
    url, state = oauth.authorization_url(state="xyz", scopes=["conversation_read"])
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "secure.ultracart.com",
        "/rest/v2/oauth/authorize",
    )
    assert parse_qs(parts.query) == {
        "response_type": ["code"],
        "client_id": ["my-client"],
        "redirect_uri": [REDIRECT_URI],
        "scope": ["conversation_read"],
        "state": ["xyz"],
    }
    assert state == "xyz"
    assert "my-client-secret" not in url
    _, random_state = oauth.authorization_url()
    _, another_state = oauth.authorization_url()
    assert len(random_state) >= 24
    assert random_state != another_state
    default_scopes = parse_qs(urlsplit(oauth.authorization_url()[0]).query)["scope"]
    assert default_scopes == ["conversation_read conversation_write"]


def test_exchanging_a_code_gives_tokens_that_work(oauth: OAuthClient, fake: FakeUltraCart) -> None:
    tokens = authorize(oauth, fake)
    assert tokens.refresh_token
    assert tokens.expires_at is not None
    assert tokens.expires_at > time.time()
    assert tokens.scope == "conversation_read conversation_write"
    form = parse_qs(fake.requests[-1].body.decode())
    assert form["grant_type"] == ["authorization_code"]
    assert form["redirect_uri"] == [REDIRECT_URI]
    assert form["client_id"] == [fake.oauth_client_id]

    with ConversationApi(oauth=OAuthSession(oauth, tokens), base_url=fake.base_url) as api:
        api.get_conversations(limit=1)
    assert fake.requests[-1].headers["authorization"] == f"Bearer {tokens.access_token}"


def test_a_bad_code_raises_oauth_error(oauth: OAuthClient, fake: FakeUltraCart) -> None:
    with pytest.raises(OAuthError) as raised:
        oauth.exchange_code("not-a-real-code")
    assert raised.value.error == "invalid_grant"
    assert raised.value.status == 400
    assert "invalid_grant" in str(raised.value)
    assert "not-a-real-code" not in str(raised.value)


def test_a_401_refreshes_once_resends_and_calls_the_hook(
    oauth: OAuthClient, fake: FakeUltraCart
) -> None:
    tokens = authorize(oauth, fake)
    stored: list[OAuthTokens] = []
    session = OAuthSession(oauth, tokens, on_token_refresh=stored.append)
    with ConversationApi(oauth=session, base_url=fake.base_url) as api:
        api.get_conversations(limit=1)
        fake.expire_access_tokens()
        api.get_conversations(limit=1)  # 401, refresh, resend
        api.get_conversations(limit=1)  # the new token at once

    assert len(stored) == 1
    assert stored[0] is session.tokens
    new_token = session.tokens.access_token
    assert new_token != tokens.access_token
    assert session.tokens.refresh_token  # kept for the next refresh
    sent = [
        r.headers["authorization"] for r in fake.requests if r.operation_id == "getConversations"
    ]
    assert sent == [f"Bearer {tokens.access_token}"] * 2 + [f"Bearer {new_token}"] * 2
    assert fake.count("oauthToken") == 2  # the code exchange and one refresh


def test_a_token_about_to_expire_is_refreshed_before_the_call(
    oauth: OAuthClient, fake: FakeUltraCart
) -> None:
    issued = authorize(oauth, fake)
    expiring = OAuthTokens(issued.access_token, issued.refresh_token, expires_at=time.time() + 10)
    stored: list[OAuthTokens] = []
    session = OAuthSession(oauth, expiring, on_token_refresh=stored.append, refresh_margin=60)
    with ConversationApi(oauth=session, base_url=fake.base_url) as api:
        api.get_conversations(limit=1)
    assert len(stored) == 1
    calls = [r.operation_id for r in fake.requests]
    assert calls[-2:] == ["oauthToken", "getConversations"]  # no 401 on the way
    assert fake.requests[-1].headers["authorization"] == f"Bearer {stored[0].access_token}"


def test_a_second_401_after_the_refresh_is_raised(scripted: ScriptedServer) -> None:
    def answer(request: RecordedRequest) -> Reply:
        if request.path.endswith("/oauth/token"):
            return Reply.json(200, {"access_token": "fresh-token-1234", "expires_in": 3600})
        return Reply.error(401, "Invalid access token.")

    scripted.set_fallback(answer)
    oauth = OAuthClient("client", "client-secret", REDIRECT_URI, base_url=scripted.base_url)
    session = OAuthSession(oauth, OAuthTokens("stale-token-1234", "refresh-token-1234"))
    with (
        ConversationApi(oauth=session, base_url=scripted.base_url) as api,
        pytest.raises(AuthenticationError),
    ):
        api.get_conversation("c-1")
    paths = [r.path.removeprefix("/rest/v2") for r in scripted.requests]
    assert paths == [
        "/conversation/conversations/c-1",
        "/oauth/token",
        "/conversation/conversations/c-1",
    ]
    # The endpoint sent no new refresh token: the old one is kept.
    assert session.tokens.refresh_token == "refresh-token-1234"


def test_without_a_refresh_token_a_401_is_raised_as_is(fake: FakeUltraCart) -> None:
    oauth = OAuthClient(fake.oauth_client_id, fake.oauth_client_secret, REDIRECT_URI)
    session = OAuthSession(oauth, OAuthTokens(fake.access_token))
    fake.expire_access_tokens()
    with (
        ConversationApi(oauth=session, base_url=fake.base_url) as api,
        pytest.raises(AuthenticationError, match="expired"),
    ):
        api.get_conversations()
    assert fake.count("oauthToken") == 0


def test_a_refused_refresh_raises_oauth_error(oauth: OAuthClient, fake: FakeUltraCart) -> None:
    session = OAuthSession(oauth, OAuthTokens(fake.access_token, "revoked-refresh-token"))
    fake.expire_access_tokens()
    with (
        ConversationApi(oauth=session, base_url=fake.base_url) as api,
        pytest.raises(OAuthError, match="invalid_grant"),
    ):
        api.get_conversations()


async def test_async_calls_share_one_refresh(oauth: OAuthClient, fake: FakeUltraCart) -> None:
    tokens = await oauth.async_exchange_code(
        fake.issue_authorization_code(REDIRECT_URI, ["conversation_read"])
    )
    stored: list[OAuthTokens] = []
    session = OAuthSession(oauth, tokens, on_token_refresh=stored.append)
    async with AsyncConversationApi(oauth=session, base_url=fake.base_url) as api:
        fake.expire_access_tokens()
        pages = await asyncio.gather(*(api.get_conversations(limit=1) for _ in range(5)))
    await oauth.aclose()
    assert all(len(p.conversations or []) == 1 for p in pages)
    assert len(stored) == 1
    assert fake.count("oauthToken") == 2  # the exchange and a single refresh


def test_tokens_round_trip_for_storage() -> None:
    tokens = OAuthTokens("access-1234", "refresh-1234", 1_700_000_000.0, "bearer", "a b")
    assert OAuthTokens.from_dict(tokens.to_dict()) == tokens
    assert tokens.expires_within(60, now=1_700_000_000.0 - 30)
    assert not tokens.expires_within(60, now=1_700_000_000.0 - 90)
    with pytest.raises(AttributeError):
        tokens.access_token = "changed"


def test_threads_share_one_refresh(oauth: OAuthClient, fake: FakeUltraCart) -> None:
    tokens = authorize(oauth, fake)
    stored: list[OAuthTokens] = []
    session = OAuthSession(oauth, tokens, on_token_refresh=stored.append)
    with ConversationApi(oauth=session, base_url=fake.base_url) as api:
        fake.expire_access_tokens()
        with ThreadPoolExecutor(max_workers=6) as pool:
            pages = list(pool.map(lambda _: api.get_conversations(limit=1), range(6)))
    assert all(len(p.conversations or []) == 1 for p in pages)
    assert len(stored) == 1
    assert fake.count("oauthToken") == 2  # the exchange and a single refresh
