"""The fake's OAuth 2 authorization-code flow (RFC 6749 shapes) and token expiry."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.raw_http import HTTP
from ultracart_conversations.testing import API_VERSION, FakeUltraCart

LIST = "/conversation/conversations"
REDIRECT = "https://app.example/callback"


@pytest.fixture
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=2) as running:
        yield running


def token_request(fake: FakeUltraCart, **form: str) -> httpx.Response:
    credentials = {"client_id": fake.oauth_client_id, "client_secret": fake.oauth_client_secret}
    return HTTP.post(f"{fake.base_url}/oauth/token", data={**credentials, **form})


def call_with(fake: FakeUltraCart, token: str, method: str = "GET") -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}", "X-UltraCart-Api-Version": API_VERSION}
    if method == "GET":
        return HTTP.get(fake.base_url + LIST, headers=headers)
    return HTTP.put(fake.base_url + LIST, headers=headers, json={"conversation_arn": "arn:x"})


def test_authorize_redirects_with_code_and_state(fake: FakeUltraCart) -> None:
    answer = HTTP.get(
        f"{fake.base_url}/oauth/authorize",
        params={
            "response_type": "code",
            "client_id": fake.oauth_client_id,
            "redirect_uri": REDIRECT + "?keep=1",
            "scope": "conversation_read conversation_write",
            "state": "xyz",
        },
    )
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert location._replace(query="").geturl() == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["xyz"]
    assert query["keep"] == ["1"]
    exchanged = token_request(
        fake,
        grant_type="authorization_code",
        code=query["code"][0],
        redirect_uri=REDIRECT + "?keep=1",
    )
    assert exchanged.status_code == 200


def test_authorize_refuses_an_unknown_client(fake: FakeUltraCart) -> None:
    answer = HTTP.get(
        f"{fake.base_url}/oauth/authorize",
        params={"response_type": "code", "client_id": "other", "redirect_uri": REDIRECT},
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"


def test_code_exchange_refresh_and_expiry(fake: FakeUltraCart) -> None:
    code = fake.issue_authorization_code(REDIRECT, ["conversation_read", "conversation_write"])
    issued = token_request(fake, grant_type="authorization_code", code=code, redirect_uri=REDIRECT)
    assert issued.status_code == 200
    assert issued.headers["Cache-Control"] == "no-store"
    body = issued.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in", "scope"}
    assert body["token_type"] == "bearer"
    assert body["scope"] == "conversation_read conversation_write"
    assert call_with(fake, body["access_token"]).status_code == 200

    fake.expire_access_tokens()
    expired = call_with(fake, body["access_token"])
    assert expired.status_code == 401
    assert "expired" in expired.headers["UC-REST-ERROR"]
    assert call_with(fake, fake.access_token).status_code == 401

    refreshed = token_request(fake, grant_type="refresh_token", refresh_token=body["refresh_token"])
    assert refreshed.status_code == 200
    assert call_with(fake, refreshed.json()["access_token"]).status_code == 200


def test_a_code_is_good_once_and_only_for_its_redirect_uri(fake: FakeUltraCart) -> None:
    code = fake.issue_authorization_code(REDIRECT, ["conversation_read"])
    wrong_uri = token_request(
        fake, grant_type="authorization_code", code=code, redirect_uri="https://evil.example/"
    )
    assert (wrong_uri.status_code, wrong_uri.json()["error"]) == (400, "invalid_grant")
    code = fake.issue_authorization_code(REDIRECT, ["conversation_read"])
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    assert token_request(fake, **form).status_code == 200
    assert token_request(fake, **form).json()["error"] == "invalid_grant"


def test_client_may_authenticate_with_http_basic(fake: FakeUltraCart) -> None:
    code = fake.issue_authorization_code(REDIRECT, ["conversation_read"])
    answer = HTTP.post(
        f"{fake.base_url}/oauth/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT},
        auth=(fake.oauth_client_id, fake.oauth_client_secret),
    )
    assert answer.status_code == 200


def test_wrong_client_secret_is_invalid_client(fake: FakeUltraCart) -> None:
    answer = HTTP.post(
        f"{fake.base_url}/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": "x",
            "client_id": fake.oauth_client_id,
            "client_secret": "nope",
        },
    )
    assert (answer.status_code, answer.json()["error"]) == (401, "invalid_client")
    assert fake.oauth_client_secret not in answer.text


def test_unknown_grant_type(fake: FakeUltraCart) -> None:
    assert token_request(fake, grant_type="password").json()["error"] == "unsupported_grant_type"


def test_a_read_only_token_cannot_write(fake: FakeUltraCart) -> None:
    code = fake.issue_authorization_code(REDIRECT, ["conversation_read"])
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    token = token_request(fake, **form).json()["access_token"]
    assert call_with(fake, token).status_code == 200
    refused = call_with(fake, token, method="PUT")
    assert refused.status_code == 401
    assert "conversation_write" in refused.headers["UC-REST-ERROR"]


def test_unknown_scope_is_refused(fake: FakeUltraCart) -> None:
    with pytest.raises(ValueError, match="unknown scope"):
        fake.issue_authorization_code(REDIRECT, ["order_read"])
