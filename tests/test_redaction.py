"""Issue #20: scrub, then truncate, in one function (Secrets.scrub) that every message,
log line and repr passes through, for every form a secret takes on the wire; hpack's
debug log silenced; the fake's reprs free of OAuth secrets; a session's secret set
bounded however often it refreshes."""

from __future__ import annotations

import base64
import json
import logging
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz_settings import fuzz_settings
from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import (
    BadRequestError,
    ConversationApi,
    OAuthClient,
    OAuthError,
    OAuthSession,
)
from ultracart_conversations._redaction import REDACTED, Secrets, _written_forms
from ultracart_conversations.testing import FakeUltraCart

KEY = "k" * 8 + "0123456789abcdef" * 3 + "z" * 8  # 64 characters, like a simple key
SECRET = "s3cr3t+/=&?value with space"  # what percent-encoding changes


def _pieces(secret: str, size: int = 8) -> list[str]:
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


def test_key_echoed_near_the_message_cut_is_scrubbed_whole() -> None:
    # The message is cut at 500 characters; the echo straddles the cut. Cut first, then
    # scrubbed, 39 of the key's 64 characters stayed in the message.
    echo = "x" * 461 + KEY + " trailing"
    with (
        ScriptedServer(Reply.error(400, "refused", uc_rest_error=echo)) as server,
        ConversationApi(simple_key=KEY, base_url=server.base_url, max_retries=0) as api,
        pytest.raises(BadRequestError) as caught,
    ):
        api.get_conversation("c1")
    message = str(caught.value) + repr(caught.value)
    assert not [piece for piece in _pieces(KEY) if piece in message]


def test_debug_log_of_a_body_echoing_the_key_at_the_cut_is_scrubbed_whole(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = json.dumps({"note": "y" * 1980 + KEY}).encode()
    with (
        caplog.at_level(logging.DEBUG, logger="ultracart_conversations"),
        ScriptedServer(Reply.status(200, body, {"Content-Type": "application/json"})) as server,
        ConversationApi(simple_key=KEY, base_url=server.base_url, debugging=True) as api,
    ):
        api.join_conversation("c1")
    logs = "\n".join(record.getMessage() for record in caplog.records)
    assert "response body" in logs
    assert not [piece for piece in _pieces(KEY) if piece in logs]


@pytest.mark.parametrize(
    "form",
    [
        quote_plus(SECRET),  # a form body, as a token request sends it
        quote(SECRET, safe=""),
        quote(SECRET),  # in a URL path
        quote_plus(SECRET).lower(),  # lower-case hex, as some servers echo it
        json.dumps(SECRET)[1:-1],
        repr(SECRET.encode())[2:-1],
    ],
    ids=["form", "percent", "url", "lower-hex", "json", "bytes-repr"],
)
def test_every_wire_form_of_a_client_secret_is_scrubbed(form: str) -> None:
    secrets = Secrets(SECRET)
    assert form not in secrets.scrub(f"the server said: {form}; bye")


def test_form_encoded_secret_and_refresh_token_echoed_by_a_token_endpoint_are_scrubbed() -> None:
    refresh = "refresh/token+with=odd&chars"
    # An endpoint echoing the whole form body it was sent in its error description.
    with ScriptedServer() as server:
        server.set_fallback(
            lambda request: Reply.json(
                400, {"error": "invalid_grant", "error_description": request.body.decode()}
            )
        )
        client = OAuthClient(
            "client-id", SECRET, "https://app.example/cb", base_url=server.base_url
        )
        with pytest.raises(OAuthError) as caught:
            client.refresh(refresh)
        client.close()
    message = str(caught.value)
    assert "refresh_token=" in message  # it was echoed...
    for secret in (SECRET, refresh):
        for form in _written_forms(secret):
            assert form not in message  # ...with both secrets scrubbed


def test_basic_auth_form_of_client_credentials_is_scrubbed() -> None:
    client = OAuthClient("client-id", SECRET, "https://app.example/cb")
    basic = base64.b64encode(f"client-id:{SECRET}".encode()).decode()
    form_basic = base64.b64encode(f"client-id:{quote_plus(SECRET)}".encode()).decode()
    for shown in (basic, form_basic):
        assert shown not in client.secrets.scrub(f"Authorization: Basic {shown}")


def test_hpack_debug_log_never_shows_the_simple_key(caplog: pytest.LogCaptureFixture) -> None:
    # With an HTTP/2 http_client, hpack logs each header it encodes at DEBUG, and then
    # the Huffman-coded block no scrubbing could recognise: dropped while a client lives.
    with caplog.at_level(logging.DEBUG), ConversationApi(simple_key=KEY) as api:
        logging.getLogger("hpack.hpack").debug("Encoding %s", [("x-ultracart-simple-key", KEY)])
        logging.getLogger("hpack.hpack").debug("Encoded header block to %s", b"\x8f\x12\x34")
        logging.getLogger("hpack.table").debug("Adding %s to the header table", KEY)
        assert api is not None
    logs = "\n".join(record.getMessage() for record in caplog.records)
    assert KEY not in logs
    assert "Encoded header block" not in logs


def test_repr_of_the_fakes_requests_shows_no_oauth_secret() -> None:
    with FakeUltraCart() as fake:
        client = OAuthClient(
            fake.oauth_client_id,
            fake.oauth_client_secret,
            "https://app.example/cb",
            base_url=fake.base_url,
        )
        code = fake.issue_authorization_code("https://app.example/cb")
        tokens = client.exchange_code(code)
        assert tokens.refresh_token is not None
        client.refresh(tokens.refresh_token)
        client.close()
        shown = repr(fake.requests)
    assert "client_secret=[REDACTED]" in shown
    for secret in (fake.oauth_client_secret, code, tokens.refresh_token):
        assert secret not in shown
        assert quote_plus(secret) not in shown


def test_the_secret_set_of_a_session_stays_bounded_however_often_it_refreshes() -> None:
    with FakeUltraCart() as fake:
        client = OAuthClient(
            fake.oauth_client_id,
            fake.oauth_client_secret,
            "https://app.example/cb",
            base_url=fake.base_url,
        )
        tokens = client.exchange_code(fake.issue_authorization_code("https://app.example/cb"))
        session = OAuthSession(client, tokens)
        sizes = []
        for _ in range(40):
            session.refresh()
            sizes.append(len(session.secrets))
        latest = session.tokens
        client.close()
    assert max(sizes) == sizes[-1] <= 3 + Secrets._RECENT_TOKENS  # grew by 2 a refresh before
    # The current tokens are still scrubbed; old ones are retired.
    assert latest.access_token not in session.secrets.scrub(latest.access_token)
    assert latest.refresh_token is not None
    assert latest.refresh_token not in session.secrets.scrub(latest.refresh_token)


# --- scrub-then-truncate, fuzzed ------------------------------------------------------------

# Secrets from one alphabet, filler from another that shares no character with any form
# of them, so that any 4 characters of a form seen in the output leaked from the secret.
SECRET_TEXT = st.text(alphabet="abcdefghijklmnop0123456789+/=&? ~", min_size=6, max_size=80)
FILLER = st.text(alphabet="GHIJKLMNOPQRSTUVWXYZ<>!", max_size=700)
ENCODINGS = st.sampled_from(
    [
        lambda s: s,
        lambda s: repr(s)[1:-1],
        lambda s: json.dumps(s)[1:-1],
        quote_plus,
        lambda s: quote(s, safe=""),
        lambda s: quote_plus(s).lower(),
        lambda s: repr(s.encode())[2:-1],
    ]
)


@pytest.mark.fuzz
@fuzz_settings(max_examples=300)
@given(SECRET_TEXT, FILLER, FILLER, ENCODINGS, st.one_of(st.none(), st.integers(0, 900)))
def test_scrub_then_truncate_leaves_no_part_of_any_form_of_a_secret(
    secret: str, before: str, after: str, encode: object, limit: int | None
) -> None:
    assert callable(encode)
    shown = Secrets(secret).scrub(before + encode(secret) + after, limit)
    assert limit is None or len(shown) <= limit
    for form in _written_forms(secret):
        for start in range(len(form) - 3):
            window = form[start : start + 4]
            assert window not in shown.replace(REDACTED, "\0"), (form, shown)
