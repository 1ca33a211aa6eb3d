"""Issue #20: every untrusted value is read by one total parser (_parse), which returns a
value within its documented bounds, None, or its one typed error, whatever the input.
Property tests over arbitrary text, bytes and ints; then a regression test for each
defect found, over real HTTP where a server sent the value."""

from __future__ import annotations

import contextlib
import math
import time
import warnings
from datetime import datetime
from email.utils import formatdate

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz_settings import fuzz_settings
from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import ConversationApi, InvalidDateError, RateLimiter, ServerError
from ultracart_conversations._parse import (
    MAX_RETRY_AFTER,
    MAX_TOKEN_LIFETIME,
    UnreadableJSON,
    parse_dts,
    parse_json,
    parse_retry_after,
    token_lifetime,
)
from ultracart_conversations._ratelimit import announced_rate

NOW = 1_700_000_000.0
fuzz = pytest.mark.fuzz

# Text shaped like the values these parsers meet, and text that is anything at all.
HTTP_DATES = st.builds(
    lambda day, month, year, hms, zone: f"Mon, {day:02d} {month} {year} {hms} {zone}",
    st.integers(0, 40),
    st.sampled_from(["Jan", "Feb", "Dec", "Foo"]),
    st.integers(0, 10**12),
    st.sampled_from(["00:00:00", "23:59:60", "99:99:99", "1:2:3"]),
    st.sampled_from(["GMT", "UTC", "+0000", "-2359", "+9999", "+" + "9" * 20, "-" + "9" * 30]),
)
NUMBERS = st.one_of(
    st.integers().map(str),
    st.floats().map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "1_000", "٣", "0x10", " 5 ", "5.", ".5"]),
)
ANY_TEXT = st.one_of(st.text(max_size=80), HTTP_DATES, NUMBERS)


def _in_bounds(seconds: float | None, maximum: float) -> bool:
    return seconds is None or (math.isfinite(seconds) and 0 <= seconds <= maximum)


@fuzz
@fuzz_settings(max_examples=300)
@given(ANY_TEXT, st.floats(0, 4e9))
def test_retry_after_is_total_and_bounded(value: str, now: float) -> None:
    assert _in_bounds(parse_retry_after(value, now), MAX_RETRY_AFTER)


@fuzz
@fuzz_settings(max_examples=300)
@given(
    st.one_of(st.integers(), st.floats(), st.text(max_size=40), NUMBERS, st.booleans(), st.none())
)
def test_token_lifetime_is_total_and_bounded(value: object) -> None:
    assert _in_bounds(token_lifetime(value), MAX_TOKEN_LIFETIME)


DATE_LIKE = st.one_of(
    st.text(max_size=70),
    st.from_regex(r"[0-9:.\- +TZ]{1,40}", fullmatch=True),
    st.builds(lambda a, b: f"{a}:{b}", st.integers(0, 10**40), st.integers(0, 10**40)),
    HTTP_DATES,
)


@fuzz
@fuzz_settings(max_examples=400)
@given(DATE_LIKE)
def test_parse_dts_raises_only_invalid_date_error(value: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # nor a warning (dateutil's unknown zone)
            parsed = parse_dts(value)
    except InvalidDateError:
        return
    assert parsed is None or (isinstance(parsed, datetime) and parsed.year >= 1900)


@fuzz
@fuzz_settings(max_examples=300)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def test_parse_json_raises_only_unreadable_json(content: bytes | str) -> None:
    with contextlib.suppress(UnreadableJSON):
        parse_json(content)


@fuzz
@fuzz_settings(max_examples=200)
@given(
    st.one_of(
        st.text(max_size=120), st.builds("rate of {} per {} second(s)".format, NUMBERS, NUMBERS)
    )
)
def test_announced_rate_is_total(text: str) -> None:
    # The limiter's reading of UC-REST-ERROR (i19's parser): positive numbers or None.
    rate = announced_rate(text)
    assert rate is None or (rate[0] > 0 and rate[1] > 0)


# --- the defects, one test each ---------------------------------------------------------------


def test_retry_after_date_out_of_range_is_none_not_overflow_error() -> None:
    # It raised a bare OverflowError on any response that carried it.
    assert parse_retry_after("Mon, 01 Jan 2020 00:00:00 +99999999999999999999", NOW) is None
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", NOW) == MAX_RETRY_AFTER


def test_retry_after_date_out_of_range_on_a_response_is_a_typed_error_and_frees_the_slot() -> None:
    overflowing = {"Retry-After": "Mon, 01 Jan 2020 00:00:00 +99999999999999999999"}
    limiter = RateLimiter()
    with (
        ScriptedServer(Reply.status(503, headers=overflowing), Reply.json(200, {})) as server,
        ConversationApi(
            simple_key="simple-key-1234",
            base_url=server.base_url,
            max_retries=0,
            rate_limiter=limiter,
        ) as api,
    ):
        with pytest.raises(ServerError):
            api.get_conversation("c1")
        assert limiter.stats().in_flight == 0
        api.get_conversation("c1")  # the gate still lets calls through


@pytest.mark.parametrize(
    "value", ["-5", "-0.5", formatdate(NOW - 30, usegmt=True), formatdate(NOW, usegmt=True)]
)
def test_negative_or_past_retry_after_means_none_not_retry_now(value: str) -> None:
    assert parse_retry_after(value, NOW) is None


def test_retry_after_counts_from_now_and_is_capped_at_a_day() -> None:
    assert parse_retry_after(formatdate(NOW + 30, usegmt=True), NOW) == 30.0
    assert parse_retry_after("1000000", NOW) == MAX_RETRY_AFTER
    assert parse_retry_after("0", NOW) == 0.0


@pytest.mark.parametrize("expires_in", [10**400, 2**1024, 1e308, float("inf")])
def test_huge_expires_in_is_clamped_not_overflow_error(expires_in: object) -> None:
    assert token_lifetime(expires_in) == MAX_TOKEN_LIFETIME


@pytest.mark.parametrize("expires_in", [-1, float("nan"), True, "soon", [3600], None])
def test_unreadable_expires_in_means_unknown(expires_in: object) -> None:
    assert token_lifetime(expires_in) is None


def test_huge_expires_in_from_a_token_endpoint_gives_tokens_not_overflow_error() -> None:
    from ultracart_conversations import OAuthClient

    answer = b'{"access_token": "new-access-1234", "expires_in": 1' + b"0" * 400 + b"}"
    with ScriptedServer(Reply.status(200, answer, {"Content-Type": "application/json"})) as server:
        client = OAuthClient(
            "id", "client-secret-1", "https://a.example/cb", base_url=server.base_url
        )
        tokens = client.refresh("refresh-token-1234")
        client.close()
    assert tokens.expires_at is not None
    assert tokens.expires_at - time.time() == pytest.approx(MAX_TOKEN_LIFETIME, abs=60)


@pytest.mark.parametrize(
    "text", ["1:" + "9" * 30, "9" * 20 + ":1", "1:1:" + "9" * 25, "1." + "9" * 40]
)
def test_parse_dts_huge_time_is_invalid_date_not_decimal_error(text: str) -> None:
    with pytest.raises(InvalidDateError):
        parse_dts(text)


@pytest.mark.parametrize("text", ["2024-01-01 10:00 T", "2024-01-01 10:00 CET", "5 Mar 2024 EST"])
def test_parse_dts_refuses_an_unknown_zone_name_instead_of_warning(text: str) -> None:
    # Found by make fuzz: dateutil warned (UnknownTimezoneWarning) and dropped the zone,
    # or took the machine's local zone when its name matched.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InvalidDateError):
            parse_dts(text)
