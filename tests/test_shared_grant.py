"""One OAuth grant for many processes, against the fake's single-use refresh tokens: one
refresh reaches UltraCart however many processes need it, every process ends with the
same valid tokens, and no process ever sends a spent refresh token. Real processes, a
real Redis server and a real SQLite file.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from tests.test_shared_gate import result, worker
from ultracart_conversations import (
    ConversationApi,
    OAuthClient,
    OAuthError,
    OAuthSession,
    OAuthTokens,
)
from ultracart_conversations.testing import FakeUltraCart

REDIRECT = "https://app.example/cb"


def authorized(fake: FakeUltraCart) -> tuple[OAuthClient, OAuthTokens]:
    oauth = OAuthClient(
        fake.oauth_client_id, fake.oauth_client_secret, REDIRECT, base_url=fake.base_url
    )
    return oauth, oauth.exchange_code(fake.issue_authorization_code(REDIRECT))


def refresher(fake: FakeUltraCart, tokens: OAuthTokens, store_url: str, **more: object) -> object:
    return worker(
        "refresh",
        base_url=fake.base_url,
        client_id=fake.oauth_client_id,
        client_secret=fake.oauth_client_secret,
        shared=store_url,
        tokens=tokens.to_dict(),
        **more,
    )


def test_the_fake_spends_a_refresh_token_once_used() -> None:
    with FakeUltraCart() as fake:
        oauth, tokens = authorized(fake)
        assert tokens.refresh_token is not None
        rotated = oauth.refresh(tokens.refresh_token)
        assert rotated.refresh_token != tokens.refresh_token
        with pytest.raises(OAuthError) as raised:
            oauth.refresh(tokens.refresh_token)
        assert raised.value.error == "invalid_grant"
        assert fake.reused_refresh_tokens == 1
        oauth.close()


def test_eight_processes_needing_a_refresh_at_once_send_exactly_one(store_url: str) -> None:
    with FakeUltraCart() as fake:
        _, tokens = authorized(fake)
        fake.expire_access_tokens()  # every process's first call gets a 401
        start_at = time.time() + 3.0  # together, once all eight are up
        processes = [refresher(fake, tokens, store_url, start_at=start_at) for _ in range(8)]
        outcomes = [result(p) for p in processes]  # type: ignore[arg-type]
        assert fake.count("oauthToken") == 2  # the code exchange, and one refresh
        assert fake.reused_refresh_tokens == 0
        assert len({o["access_token"] for o in outcomes}) == 1
        assert len({o["refresh_token"] for o in outcomes}) == 1
        final = OAuthTokens(str(outcomes[0]["access_token"]))
        with ConversationApi(access_token=final.access_token, base_url=fake.base_url) as api:
            api.get_conversations(limit=1)  # the token every process holds works


def test_a_process_killed_holding_the_refresh_lock_delays_the_others_only_until_it_expires(
    store_url: str,
) -> None:
    with FakeUltraCart() as fake:
        oauth, tokens = authorized(fake)
        dying = refresher(fake, tokens, store_url, die="holding-lock", lock_seconds=2.0)
        assert dying.stdout is not None  # type: ignore[attr-defined]
        assert dying.stdout.readline().strip() == "READY"  # type: ignore[attr-defined]
        os.kill(dying.pid, signal.SIGKILL)  # type: ignore[attr-defined]
        fake.expire_access_tokens()
        session = OAuthSession(oauth, tokens, shared=store_url)
        started = time.monotonic()
        with ConversationApi(oauth=session, base_url=fake.base_url) as api:
            api.get_conversations(limit=1)
        assert time.monotonic() - started < 2.0 + 5
        assert fake.count("oauthToken") == 2
        assert fake.reused_refresh_tokens == 0
        session.close()


def test_a_process_killed_right_after_the_refresh_answered_leaves_the_new_tokens_stored(
    store_url: str,
) -> None:
    with FakeUltraCart() as fake:
        oauth, tokens = authorized(fake)
        fake.expire_access_tokens()
        dying = refresher(fake, tokens, store_url, die="after-store")
        dying.wait(60)  # type: ignore[attr-defined]
        assert dying.returncode == -signal.SIGKILL  # type: ignore[attr-defined]
        session = OAuthSession(oauth, tokens, shared=store_url)
        assert session.tokens.access_token != tokens.access_token  # the store's, rotated
        with ConversationApi(oauth=session, base_url=fake.base_url) as api:
            api.get_conversations(limit=1)  # no 401: no second refresh
        assert fake.count("oauthToken") == 2
        assert fake.reused_refresh_tokens == 0
        session.close()


def test_a_process_killed_between_ultracarts_answer_and_the_store_loses_the_grant_loudly(
    store_url: str,
) -> None:
    # The one case that cannot be recovered (docs/shared-limits.md): UltraCart rotated,
    # nothing was written. The others must say so, typed, rather than hang or loop.
    with FakeUltraCart() as fake:
        oauth, tokens = authorized(fake)
        fake.expire_access_tokens()
        dying = refresher(fake, tokens, store_url, die="before-store")
        dying.wait(60)  # type: ignore[attr-defined]
        assert dying.returncode == -signal.SIGKILL  # type: ignore[attr-defined]
        session = OAuthSession(oauth, tokens, shared=store_url)
        with (
            ConversationApi(oauth=session, base_url=fake.base_url) as api,
            pytest.raises(OAuthError, match="grant is lost") as raised,
        ):
            api.get_conversations(limit=1)
        assert raised.value.error == "invalid_grant"
        assert tokens.refresh_token is not None
        assert tokens.refresh_token not in str(raised.value)
        session.close()


def test_the_stores_tokens_win_over_a_stale_copy_unless_told_to_overwrite(
    store_url: str,
) -> None:
    with FakeUltraCart() as fake:
        oauth, first = authorized(fake)
        session = OAuthSession(oauth, first, shared=store_url)
        _, second = authorized(fake)  # authorized again
        assert OAuthSession(oauth, second, shared=store_url).tokens == first
        replaced = OAuthSession(oauth, second, shared=store_url, overwrite_shared=True)
        assert replaced.tokens == second
        assert "shared=" in repr(replaced) and second.access_token not in repr(replaced)
        session.close()
        replaced.close()


def test_from_env_shares_the_grant_named_in_the_environment(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ULTRACART_SHARED_STATE", store_url)
    with FakeUltraCart() as fake:
        oauth, tokens = authorized(fake)
        one = OAuthSession.from_env(oauth, tokens)
        _, other = authorized(fake)
        assert OAuthSession.from_env(oauth, other).tokens == tokens
        one.close()
