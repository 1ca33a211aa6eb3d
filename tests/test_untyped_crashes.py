"""Issue #20: inputs and states that crashed with an untyped exception, a traceback or a
wrong exit code now end in the typed error (or the exit status) the rules call for."""

from __future__ import annotations

import asyncio
import io
import json
import math

import httpx
import pytest

from ultracart_conversations import (
    AsyncConversationApi,
    ClientClosedError,
    ConversationApi,
    InvalidRequestError,
    OAuthClient,
    OAuthError,
)
from ultracart_conversations._operation import Operation, Parameter
from ultracart_conversations.cli import main
from ultracart_conversations.testing import FakeUltraCart, Fault

# --- the async client in a second event loop ----------------------------------------------


def test_second_event_loop_is_a_typed_error_not_runtime_error() -> None:
    with FakeUltraCart(conversations=3) as fake:
        api = AsyncConversationApi(simple_key=fake.simple_key, base_url=fake.base_url)

        async def one_call() -> object:
            return await api.get_conversations(limit=1)

        asyncio.run(one_call())  # the first loop opens (and pools) a connection
        requests_before = len(fake.requests)
        with pytest.raises(ClientClosedError, match="event loop"):
            asyncio.run(one_call())  # was: RuntimeError("Event loop is closed")
        assert len(fake.requests) == requests_before  # refused before sending


def test_one_async_client_per_loop_works_in_each() -> None:
    with FakeUltraCart(conversations=3) as fake:

        async def fresh_client_call() -> int:
            async with AsyncConversationApi(
                simple_key=fake.simple_key, base_url=fake.base_url
            ) as api:
                return len((await api.get_conversations(limit=2)).conversations or [])

        assert asyncio.run(fresh_client_call()) == asyncio.run(fresh_client_call()) == 2


# --- a header parameter that is not ASCII ----------------------------------------------------

TRACED = Operation[None](
    operation_id="getTraced",
    python_name="get_traced",
    method="GET",
    path="/conversation/conversations",
    parameters=(
        Parameter(name="X-Trace", python_name="x_trace", location="header", kind="string"),
        Parameter(
            name="X-UltraCart-Api-Version",
            python_name="x_ultra_cart_api_version",
            location="header",
            kind="string",
            default="2017-03-01",
            constant=True,
        ),
    ),
    body=None,
    responses={200: None},
    models="ultracart_conversations_api.models",
    idempotent=True,
)


@pytest.mark.parametrize("value", ["café", "\u2028", "a\x7fb", "ok\nX-Evil: 1"], ids=repr)
def test_non_ascii_header_parameter_is_invalid_request_before_sending(value: str) -> None:
    with (
        FakeUltraCart() as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
    ):
        with pytest.raises(InvalidRequestError, match="x_trace"):
            api._call(TRACED, {"X-Trace": value})  # was: UnicodeEncodeError from httpx
        assert fake.requests == []
        api._call(TRACED, {"X-Trace": "plain-ascii value"})
        assert fake.requests[-1].headers["x-trace"] == "plain-ascii value"


# --- the command line ---------------------------------------------------------------------------


def _cli(*argv: str, environ: dict[str, str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), environ=environ, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("shape", ["list", "object"])
def test_cli_body_nested_20000_deep_is_a_usage_error_not_recursion_error(shape: str) -> None:
    deep = "[" * 20_000 + "]" * 20_000 if shape == "list" else '{"a":' * 20_000 + "1" + "}" * 20_000
    with FakeUltraCart() as fake:
        code, out, err = _cli(
            "start",
            "--body",
            deep,
            environ={"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url},
        )
        assert fake.requests == []
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "--body" in err


CONTROLS = "bell\x07 del\x7f csi\x9b31m osc\x9d0;title\x9c esc\x1b[2J"


def test_cli_get_json_escapes_del_and_c1_controls_from_the_server() -> None:
    with FakeUltraCart([{"conversation_uuid": "c1", "merchant_id": CONTROLS}]) as fake:
        code, out, err = _cli(
            "get",
            "c1",
            "--json",
            environ={"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url},
        )
    assert code == 0, err
    assert not [c for c in out if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    assert json.loads(out)["conversation"]["merchant_id"] == CONTROLS  # escaped, not lost


def test_cli_list_json_lines_escape_c1_controls_too() -> None:
    with FakeUltraCart([{"merchant_id": CONTROLS}, {}]) as fake:
        code, out, err = _cli(
            "list",
            "--json-lines",
            environ={"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url},
        )
    assert code == 0, err
    assert not [c for c in out if 0x7F <= ord(c) <= 0x9F or c == "\x1b"]


@pytest.mark.parametrize("latency", ["inf", "nan", "-1", "1e300"])
def test_cli_fake_server_refuses_an_unusable_latency(latency: str) -> None:
    code, out, err = _cli("fake-server", "--latency", latency, environ={})
    assert (code, out) == (2, "")
    assert "latency" in err


# --- the fake ----------------------------------------------------------------------------------


@pytest.mark.parametrize("latency", [math.inf, math.nan, -0.5, 1e300])
def test_fake_refuses_non_finite_or_negative_latency_at_construction(latency: float) -> None:
    with pytest.raises(ValueError, match="latency"):
        FakeUltraCart(latency=latency)
    with FakeUltraCart() as fake, pytest.raises(ValueError, match="latency"):
        fake.latency = latency
    with pytest.raises(ValueError, match="delay"):
        Fault.delay(latency)


def test_fake_with_a_latency_still_answers() -> None:
    with (
        FakeUltraCart(conversations=1, latency=0.01) as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
    ):
        assert len(api.get_conversations().conversations or []) == 1


@pytest.mark.parametrize(
    ("client_id", "secret"),
    [("clïent", "secret-value"), (None, "sécret-value"), (None, "\u2603" * 8)],
)
def test_fake_token_endpoint_answers_401_to_non_ascii_client_credentials(
    client_id: str | None, secret: str
) -> None:
    with FakeUltraCart() as fake:
        client = OAuthClient(
            client_id or fake.oauth_client_id,
            secret,
            "https://a.example/cb",
            base_url=fake.base_url,
        )
        with pytest.raises(OAuthError) as caught:
            client.refresh("some-refresh-token")  # was: 500, the fake's TypeError
        client.close()
    assert caught.value.status == 401
    assert caught.value.error == "invalid_client"


def test_fake_token_endpoint_with_non_ascii_basic_credentials_is_401() -> None:
    import base64

    with FakeUltraCart() as fake:
        basic = base64.b64encode("clïent:sécret".encode()).decode()
        answer = httpx.post(
            fake.base_url + "/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": "x"},
            headers={"Authorization": f"Basic {basic}"},
        )
    assert answer.status_code == 401
