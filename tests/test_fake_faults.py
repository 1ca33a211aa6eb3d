"""Fault injection: scripted statuses, dropped connections, broken bodies, delays."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.raw_http import HTTP
from ultracart_conversations.testing import API_VERSION, FakeUltraCart, Fault

LIST = "/conversation/conversations"


@pytest.fixture
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=3) as running:
        yield running


@pytest.fixture
def client(fake: FakeUltraCart) -> Iterator[httpx.Client]:
    headers = {"x-ultracart-simple-key": fake.simple_key, "X-UltraCart-Api-Version": API_VERSION}
    with httpx.Client(base_url=fake.base_url, headers=headers, timeout=5) as http:
        yield http


def test_scripted_statuses_are_served_in_order_then_normal_handling(
    fake: FakeUltraCart, client: httpx.Client
) -> None:
    fake.inject("getConversations", Fault.status(429, retry_after="2"), Fault.status(503))
    limited = client.get(LIST)
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "2"
    assert limited.headers["UC-REST-ERROR"]
    assert limited.json()["error"]["error_code"] == "429"
    unavailable = client.get(LIST)
    assert unavailable.status_code == 503
    assert "Retry-After" not in unavailable.headers
    assert client.get(LIST).status_code == 200
    assert fake.count("getConversations") == 3
    assert fake.pending_faults("getConversations") == 0


def test_faults_are_per_operation(fake: FakeUltraCart, client: httpx.Client) -> None:
    fake.inject("startConversation", Fault.status(500, message="boom"))
    assert client.get(LIST).status_code == 200
    failed = client.put(LIST, json={"conversation_arn": "arn:x"})
    assert (failed.status_code, failed.headers["UC-REST-ERROR"]) == (500, "boom")
    assert len(fake.conversations) == 3  # the failed start created nothing


def test_a_faulted_request_still_needs_no_credentials_to_be_recorded(fake: FakeUltraCart) -> None:
    fake.inject("getConversations", Fault.status(429))
    assert HTTP.get(fake.base_url + LIST).status_code == 429
    assert fake.requests[0].operation_id == "getConversations"


def test_drop_closes_without_an_answer_and_the_next_call_works(
    fake: FakeUltraCart, client: httpx.Client
) -> None:
    fake.inject("getConversations", Fault.drop())
    with pytest.raises(httpx.RemoteProtocolError):
        client.get(LIST)
    assert client.get(LIST).status_code == 200


def test_truncate_sends_half_the_real_body(fake: FakeUltraCart, client: httpx.Client) -> None:
    fake.inject("getConversation", Fault.truncate())
    uuid = fake.conversations[0]["conversation_uuid"]
    with pytest.raises(httpx.RemoteProtocolError, match=r"complete message body"):
        client.get(f"{LIST}/{uuid}")
    assert client.get(f"{LIST}/{uuid}").status_code == 200


def test_not_json_body_under_a_json_content_type(client: httpx.Client, fake: FakeUltraCart) -> None:
    fake.inject("getConversations", Fault.not_json(), Fault.not_json(502))
    first = client.get(LIST)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "application/json"
    with pytest.raises(ValueError):
        first.json()
    assert client.get(LIST).status_code == 502


def test_delay_trips_a_client_timeout(fake: FakeUltraCart, client: httpx.Client) -> None:
    fake.inject("getConversations", Fault.delay(0.5))
    with pytest.raises(httpx.ReadTimeout):
        client.get(LIST, timeout=0.1)
    # The delay was used up by the request that timed out; the next one is not delayed.
    assert fake.pending_faults("getConversations") == 0
    assert client.get(LIST, timeout=5).status_code == 200


def test_stop_interrupts_a_pending_delay() -> None:
    fake = FakeUltraCart(conversations=1).start()
    fake.inject("getConversations", Fault.delay(30))
    headers = {"x-ultracart-simple-key": fake.simple_key, "X-UltraCart-Api-Version": API_VERSION}
    with httpx.Client(base_url=fake.base_url, headers=headers) as http:
        caller = threading.Thread(target=lambda: _ignore_errors(http, LIST))
        caller.start()
        while fake.count("getConversations") == 0:
            time.sleep(0.01)
        began = time.monotonic()
        fake.stop()
        assert time.monotonic() - began < 2
        caller.join(5)
        assert not caller.is_alive()


def _ignore_errors(http: httpx.Client, path: str) -> None:
    with contextlib.suppress(httpx.HTTPError):  # the fake stops under it
        http.get(path)


@pytest.mark.parametrize("code", [200, 302, 600])
def test_fault_status_must_be_an_error(code: int) -> None:
    with pytest.raises(ValueError):
        Fault.status(code)
