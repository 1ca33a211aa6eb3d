"""Issue 14: inputs that used to leak a secret or fail untyped are refused up front with a
typed error that does not echo them (D14, D16, D17, D23, D26, D28, D33), and debug logs
keep x-sensitive response fields out (D15)."""

from __future__ import annotations

import json
import logging
import math

import httpx
import pytest

from ultracart_conversations import (
    AsyncConversationApi,
    ConversationApi,
    InvalidDateError,
    InvalidRequestError,
    OAuthClient,
    RetryPolicy,
    parse_dts,
)
from ultracart_conversations._redaction import Secrets
from ultracart_conversations.testing import FakeUltraCart

SECRET = "s3cr3t-key-value-0123"


# --- D14: credentials a header cannot carry -------------------------------------------------


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\r", "\n", "\x7f", " ", "é", "\t"])
@pytest.mark.parametrize("kind", ["simple_key", "access_token"])
def test_d14_credential_with_a_control_character_is_refused_without_echo(
    kind: str, bad: str
) -> None:
    value = SECRET[:8] + bad + SECRET[8:]
    with FakeUltraCart() as fake:
        with pytest.raises(InvalidRequestError) as caught:
            ConversationApi(**{kind: value}, base_url=fake.base_url)  # type: ignore[arg-type]
        assert fake.requests == []
    message = str(caught.value)
    assert kind in message
    assert SECRET[:8] not in message and SECRET[8:] not in message


def test_d14_scrubber_matches_the_bytes_and_escaped_forms_of_a_secret() -> None:
    value = "abc\x00defghijk\x0bxyz"
    secrets = Secrets(value)
    shown_as = (
        repr(value.encode()),
        repr(value),
        f"Illegal header value {value.encode()!r}",
        json.dumps({"echo": value}),
    )
    for shown in shown_as:
        scrubbed = secrets.scrub(shown)
        assert "defghijk" not in scrubbed, shown


# --- D15: x-sensitive fields out of debug logs -----------------------------------------------


def test_d15_debug_log_never_shows_the_agent_websocket_jwt(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with (
        FakeUltraCart() as fake,
        caplog.at_level(logging.DEBUG),
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url, debugging=True) as api,
    ):
        auth = api.get_agent_websocket_authorization().agent_auth
        jwt = auth.jwt if auth else None
    assert isinstance(jwt, str) and len(jwt) > 20
    logs = "\n".join(record.getMessage() for record in caplog.records)
    assert "response body:" in logs
    assert '"jwt": "[REDACTED]"' in logs
    for part in jwt.split("."):
        assert part not in logs


async def test_d15_async_debug_log_never_shows_the_jwt(caplog: pytest.LogCaptureFixture) -> None:
    with FakeUltraCart() as fake, caplog.at_level(logging.DEBUG):
        async with AsyncConversationApi(
            simple_key=fake.simple_key, base_url=fake.base_url, debugging=True
        ) as api:
            auth = (await api.get_agent_websocket_authorization()).agent_auth
            jwt = auth.jwt if auth else None
    assert isinstance(jwt, str)
    assert jwt.split(".")[-1] not in "\n".join(r.getMessage() for r in caplog.records)


# --- D16 / D23: base URLs --------------------------------------------------------------------


@pytest.mark.parametrize(
    "base_url",
    [
        "https://user:hunter2-password@api.example.com/rest/v2",
        "https://hunter2-password@api.example.com/rest/v2",
    ],
)
def test_d16_base_url_with_userinfo_is_refused_without_echo(base_url: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        ConversationApi(simple_key=SECRET, base_url=base_url)
    assert "hunter2" not in str(caught.value)
    with pytest.raises(InvalidRequestError) as caught:
        OAuthClient(
            "client-id", "client-secret-value", "https://app.example.com/cb", base_url=base_url
        )
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("suffix", ["?merchant=x", "?", "#frag", "#", "/rest/v2?a=1#b"], ids=repr)
def test_d23_base_url_with_a_query_or_fragment_is_refused(suffix: str) -> None:
    with FakeUltraCart() as fake, pytest.raises(InvalidRequestError, match=r"query|fragment"):
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url + suffix)


@pytest.mark.parametrize("bad", ["\r", "\n", "\x00", " ", "\t"], ids=repr)
def test_d17_base_url_with_a_control_character_is_invalid_request(bad: str) -> None:
    with pytest.raises(InvalidRequestError):
        ConversationApi(simple_key=SECRET, base_url=f"https://api.example.com/re{bad}st/v2")


def test_d17_base_url_with_a_bad_port_is_invalid_request() -> None:
    with pytest.raises(InvalidRequestError):
        ConversationApi(simple_key=SECRET, base_url="https://api.example.com:99999999x/rest")


# --- D17: timeouts, verify_ssl, ids and bodies -------------------------------------------------


@pytest.mark.parametrize("timeout", [math.nan, math.inf, 1e300, -1.0, 0, "5"], ids=repr)
def test_d17_unusable_timeout_is_refused_at_construction(timeout: object) -> None:
    with pytest.raises(InvalidRequestError, match="timeout"):
        ConversationApi(simple_key=SECRET, timeout=timeout)  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError, match="timeout"):
        ConversationApi(simple_key=SECRET, timeout=httpx.Timeout(5.0, read=timeout))  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError, match="attempt_timeout"):
        ConversationApi(simple_key=SECRET, attempt_timeout=timeout)  # type: ignore[arg-type]


def test_d17_unusable_timeout_in_with_options_is_refused() -> None:
    api = ConversationApi(simple_key=SECRET)
    with pytest.raises(InvalidRequestError):
        api.with_options(timeout=math.nan)
    api.close()


@pytest.mark.parametrize("verify", [0, 1, "no", None], ids=repr)
def test_d17_verify_ssl_that_is_not_a_bool_is_invalid_request(verify: object) -> None:
    with pytest.raises(InvalidRequestError, match="verify_ssl"):
        ConversationApi(simple_key=SECRET, verify_ssl=verify)  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError, match="verify_ssl"):
        OAuthClient("id", "secret-value", "https://app.example/cb", verify_ssl=verify)  # type: ignore[arg-type]


@pytest.mark.parametrize("max_bytes", [0, -1, 1.5, True], ids=repr)
def test_d8_unusable_max_response_bytes_is_refused(max_bytes: object) -> None:
    with pytest.raises(InvalidRequestError, match="max_response_bytes"):
        ConversationApi(simple_key=SECRET, max_response_bytes=max_bytes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "conversation_uuid", ["\ud800", "abc\udfffdef", "x" * 70_000], ids=["lone", "inner", "70k"]
)
def test_d17_unsendable_id_is_invalid_request_before_sending(conversation_uuid: str) -> None:
    with (
        FakeUltraCart() as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
    ):
        with pytest.raises(InvalidRequestError):
            api.get_conversation(conversation_uuid)
        assert fake.requests == []


def test_d17_body_with_a_lone_surrogate_is_invalid_request_before_sending() -> None:
    from ultracart_conversations import ConversationStartRequest

    with (
        FakeUltraCart() as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
    ):
        request = ConversationStartRequest()
        request.additional_properties["note"] = "bad \ud800 text"
        with pytest.raises(InvalidRequestError):
            api.start_conversation(request)
        assert fake.requests == []


# --- D26: retry policy ------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["max_retry_after", "max_backoff", "initial_backoff"])
@pytest.mark.parametrize("value", [math.nan, math.inf, -1.0, 1e300], ids=repr)
def test_d26_retry_policy_refuses_waits_that_disable_the_cap(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        RetryPolicy(**{field: value})  # type: ignore[arg-type]


def test_d26_retry_policy_refuses_a_nan_jitter() -> None:
    with pytest.raises(ValueError, match="jitter"):
        RetryPolicy(jitter=math.nan)


# --- D28: parse_dts is strict ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["-1", "1", "12", "2024", "Jan 5", "10:30", "1" * 8, "1" * 20, "1" * 500, "9" * 65],
    ids=lambda t: repr(t[:12]),
)
def test_d28_parse_dts_refuses_what_is_not_a_whole_date(text: str) -> None:
    with pytest.raises(InvalidDateError):
        parse_dts(text)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-01-05T10:00:00.000+0000", "2024-01-05T10:00:00+00:00"),
        ("2024-01-05 10:30", "2024-01-05T10:30:00+00:00"),
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00+00:00"),
        ("03/04/2024", "2024-03-04T00:00:00+00:00"),
        ("20240105", "2024-01-05T00:00:00+00:00"),
        # UTC by name and numeric offsets (other zone names are refused: test_parse_total).
        ("5 Mar 2024 10:00 GMT", "2024-03-05T10:00:00+00:00"),
        ("5 Mar 2024 10:00 +0530", "2024-03-05T10:00:00+05:30"),
    ],
)
def test_d28_parse_dts_still_reads_whole_dates(text: str, iso: str) -> None:
    parsed = parse_dts(text)
    assert parsed is not None and parsed.isoformat() == iso


# --- D33: integers bounded by their format ------------------------------------------------------


@pytest.mark.parametrize("offset", [2**31, 2**63, 10**5000], ids=["int32+1", "int64", "huge"])
def test_d33_offset_beyond_int32_is_invalid_request_before_sending(offset: int) -> None:
    with (
        FakeUltraCart() as fake,
        ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api,
    ):
        with pytest.raises(InvalidRequestError, match="offset"):
            api.get_conversations(offset=offset)
        assert fake.requests == []
        api.get_conversations(offset=2**31 - 1)  # the largest int32 is still sent


def test_d33_integer_without_format_or_maximum_is_bounded_as_int64() -> None:
    from ultracart_conversations._operation import Parameter
    from ultracart_conversations._request import check_value

    count = Parameter(name="count", python_name="count", location="query", kind="integer")
    assert check_value(count, 2**63 - 1) == str(2**63 - 1)
    with pytest.raises(InvalidRequestError):
        check_value(count, 2**63)
    small = Parameter(
        name="n", python_name="n", location="query", kind="integer", format="int32", maximum=10
    )
    with pytest.raises(InvalidRequestError, match=r"between|<="):
        check_value(small, 11)
