"""FakeUltraCart behaves like UltraCart as openapi.yaml documents it, over real HTTP."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import pytest

from tests.raw_http import HTTP
from ultracart_conversations.testing import API_VERSION, FakeUltraCart
from ultracart_conversations.testing._http import Reply

LIST = "/conversation/conversations"


@pytest.fixture
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=12, seed=7) as running:
        yield running


@pytest.fixture
def client(fake: FakeUltraCart) -> Iterator[httpx.Client]:
    headers = {"x-ultracart-simple-key": fake.simple_key, "X-UltraCart-Api-Version": API_VERSION}
    with httpx.Client(base_url=fake.base_url, headers=headers) as http:
        yield http


def all_pages(client: httpx.Client, limit: int) -> list[dict[str, object]]:
    pages, offset = [], 0
    while True:
        answer = client.get(LIST, params={"_limit": limit, "_offset": offset})
        assert answer.status_code == 200
        pages.append(answer.json())
        result_set = answer.json()["metadata"]["result_set"]
        if not result_set["more"]:
            return pages
        offset = result_set["next_offset"]


def test_pages_cover_every_conversation_newest_first_with_metadata(
    fake: FakeUltraCart, client: httpx.Client
) -> None:
    pages = all_pages(client, limit=5)
    assert [p["metadata"]["result_set"] for p in pages] == [  # type: ignore[index]
        {"count": 5, "limit": 5, "more": True, "next_offset": 5, "offset": 0, "total_records": 12},
        {"count": 5, "limit": 5, "more": True, "next_offset": 10, "offset": 5, "total_records": 12},
        {
            "count": 2,
            "limit": 5,
            "more": False,
            "next_offset": 12,
            "offset": 10,
            "total_records": 12,
        },
    ]
    listed = [c for p in pages for c in p["conversations"]]  # type: ignore[attr-defined]
    assert listed == fake.conversations
    stamps = [c["last_message_dts"] for c in listed]
    assert stamps == sorted(stamps, reverse=True)
    assert len({c["conversation_uuid"] for c in listed}) == 12


def test_seed_decides_the_content() -> None:
    with (
        FakeUltraCart(conversations=4, seed=1) as one,
        FakeUltraCart(conversations=4, seed=1) as two,
    ):
        assert one.conversations == two.conversations
    with FakeUltraCart(conversations=4, seed=2) as other:
        assert other.conversations != one.conversations


def test_caller_supplied_conversations_are_served() -> None:
    given = {
        "conversation_uuid": "c-1",
        "messages": [{"body": "hi", "message_dts": "2024-01-01T00:00:00+00:00"}],
    }
    with FakeUltraCart(conversations=[given]) as fake:
        assert fake.conversations[0]["last_conversation_message_body"] == "hi"
        assert fake.conversation("c-1")["messages"] == given["messages"]


def test_caller_supplied_conversations_are_checked() -> None:
    with pytest.raises(ValueError, match="messages must be a list"):
        FakeUltraCart(conversations=[{"messages": "hi"}])


def test_a_bug_in_the_fake_is_a_500_that_says_so(
    fake: FakeUltraCart, client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> Reply:
        raise KeyError("oops")

    written = fake._behaviours["getConversations"]
    monkeypatch.setitem(fake._behaviours, "getConversations", replace(written, answer=broken))
    answer = client.get(LIST)
    assert answer.status_code == 500
    assert answer.headers["UC-REST-ERROR"] == "FakeUltraCart internal error: KeyError: 'oops'"
    assert client.get(f"{LIST}/{fake.conversations[0]['conversation_uuid']}").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{}, {"x-ultracart-simple-key": "wrong"}, {"Authorization": "Bearer wrong"}],
    ids=["none", "wrong-key", "wrong-token"],
)
def test_bad_credentials_answer_401_with_uc_rest_error(
    fake: FakeUltraCart, headers: dict[str, str]
) -> None:
    answer = HTTP.get(
        fake.base_url + LIST, headers={**headers, "X-UltraCart-Api-Version": API_VERSION}
    )
    assert answer.status_code == 401
    assert answer.headers["UC-REST-ERROR"]
    assert answer.json()["success"] is False
    assert answer.json()["error"]["error_code"] == "401"
    assert fake.simple_key not in answer.text


def test_bearer_token_is_accepted(fake: FakeUltraCart) -> None:
    headers = {
        "Authorization": f"Bearer {fake.access_token}",
        "X-UltraCart-Api-Version": API_VERSION,
    }
    assert HTTP.get(fake.base_url + LIST, headers=headers).status_code == 200


@pytest.mark.parametrize("version", [None, "2099-01-01"])
def test_api_version_header_is_required(fake: FakeUltraCart, version: str | None) -> None:
    headers = {"x-ultracart-simple-key": fake.simple_key}
    if version:
        headers["X-UltraCart-Api-Version"] = version
    answer = HTTP.get(fake.base_url + LIST, headers=headers)
    assert answer.status_code == 400
    assert "X-UltraCart-Api-Version" in answer.headers["UC-REST-ERROR"]


@pytest.mark.parametrize(
    "params",
    [{"_limit": "0"}, {"_limit": "201"}, {"_limit": "ten"}, {"_offset": "-1"}, {"_offset": ""}],
)
def test_out_of_range_paging_is_400(client: httpx.Client, params: dict[str, str]) -> None:
    answer = client.get(LIST, params=params)
    assert answer.status_code == 400
    assert answer.json()["error"]["error_code"] == "400"


def test_limit_bounds_are_inclusive(client: httpx.Client) -> None:
    assert client.get(LIST, params={"_limit": 1}).json()["metadata"]["result_set"]["count"] == 1
    assert client.get(LIST, params={"_limit": 200}).json()["metadata"]["result_set"]["count"] == 12


def test_start_join_get_leave_change_state(fake: FakeUltraCart, client: httpx.Client) -> None:
    request = {"conversation_arn": "arn:test:sms", "add_conversation_participant_arns": ["arn:c:1"]}
    started = client.put(LIST, json=request)
    assert started.status_code == 200
    uuid = started.json()["conversation"]["conversation_uuid"]
    assert started.json()["conversation"]["conversation_arn"] == "arn:test:sms"
    head = client.get(LIST, params={"_limit": 1}).json()
    assert head["conversations"][0]["conversation_uuid"] == uuid
    assert head["metadata"]["result_set"]["total_records"] == 13

    assert client.put(f"{LIST}/{uuid}/join").status_code == 204
    people = client.get(f"{LIST}/{uuid}").json()["conversation"]["participants"]
    assert [(p["conversation_participant_arn"], p["status"]) for p in people] == [
        ("arn:c:1", "active"),
        ("arn:ultracart:conversation:DEMO:participant:agent-api", "active"),
    ]
    assert client.delete(f"{LIST}/{uuid}/leave").status_code == 204
    agent = client.get(f"{LIST}/{uuid}").json()["conversation"]["participants"][1]
    assert agent["status"] == "left"
    assert "left_dts" in agent


def test_get_returns_messages_and_marks_read(fake: FakeUltraCart, client: httpx.Client) -> None:
    unread = next(c for c in fake.conversations if c["unread_messages"])
    envelope = client.get(f"{LIST}/{unread['conversation_uuid']}").json()
    assert envelope["success"] is True
    got = envelope["conversation"]
    assert len(got["messages"]) == unread["message_count"] == 3
    assert got["messages"][-1]["body"] == unread["last_conversation_message_body"]
    assert got["participants"]
    assert fake.conversation(unread["conversation_uuid"]) == got
    now = next(
        c for c in fake.conversations if c["conversation_uuid"] == unread["conversation_uuid"]
    )
    assert now["unread_messages"] is False


@pytest.mark.parametrize(
    ("method", "suffix"), [("GET", ""), ("PUT", "/join"), ("DELETE", "/leave")]
)
def test_unknown_conversation_is_404(client: httpx.Client, method: str, suffix: str) -> None:
    answer = client.request(method, f"{LIST}/no-such-uuid{suffix}")
    assert answer.status_code == 404
    assert "no-such-uuid" in answer.headers["UC-REST-ERROR"]


def test_an_echoed_uuid_cannot_break_the_header_block(client: httpx.Client) -> None:
    answer = client.get(f"{LIST}/a%0D%0AX-Evil:%201%0B%1Cb")
    assert answer.status_code == 404
    assert "x-evil" not in answer.headers
    assert answer.headers["UC-REST-ERROR"] == "No conversation with uuid a??X-Evil: 1??b."


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"conversation_arn": 5}', b""])
def test_bad_start_request_is_400(client: httpx.Client, body: bytes) -> None:
    answer = client.put(LIST, content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400


def test_agent_auth_returns_a_jwt(client: httpx.Client) -> None:
    answer = client.put("/conversation/agent/auth").json()["agent_auth"]
    header, payload, signature = answer["jwt"].split(".")
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    assert claims["sub"] == answer["conversation_participant_arn"]
    assert len(base64.urlsafe_b64decode(signature + "=")) == 32
    assert answer["websocket_url"].startswith("wss://")


def test_upload_url_answers_as_documented(client: httpx.Client) -> None:
    ok = client.get("/conversation/upload_url/jpg")
    upload = ok.json()["conversation_multimedia_upload_url"]
    assert ok.status_code == 200
    assert upload["key"].endswith(".jpg")
    assert upload["url"].startswith("https://")


def test_wrong_method_is_405_and_unknown_path_404(client: httpx.Client) -> None:
    wrong = client.post(LIST)
    assert wrong.status_code == 405
    assert set(wrong.headers["Allow"].split(", ")) == {"GET", "PUT"}
    assert client.get("/conversation/nothing").status_code == 404


def test_requests_are_recorded(fake: FakeUltraCart, client: httpx.Client) -> None:
    client.get(LIST, params={"_limit": 3})
    client.put(LIST, json={"conversation_arn": "arn:x"})
    assert fake.count("getConversations") == 1
    assert fake.count("startConversation") == 1
    listed, started = fake.requests
    assert (listed.method, listed.path, listed.query) == (
        "GET",
        "/rest/v2/conversation/conversations",
        {"_limit": "3"},
    )
    assert listed.headers["x-ultracart-api-version"] == API_VERSION
    assert json.loads(started.body) == {"conversation_arn": "arn:x"}
    assert fake.simple_key not in repr(listed)


def test_insert_during_paging_shifts_later_pages(fake: FakeUltraCart, client: httpx.Client) -> None:
    fake.insert_during_paging(count=2)
    first = client.get(LIST, params={"_limit": 5}).json()["conversations"]
    second = client.get(LIST, params={"_limit": 5, "_offset": 5}).json()
    assert second["metadata"]["result_set"]["total_records"] == 14
    # The two newcomers pushed the last two of page one onto page two.
    assert second["conversations"][:2] == first[3:]
    assert len(fake.conversations) == 14


def test_insert_conversations_puts_them_at_the_head(fake: FakeUltraCart) -> None:
    new = fake.insert_conversations(3)
    assert [c["conversation_uuid"] for c in fake.conversations[:3]] == new
    assert all(c["unread_messages"] for c in fake.conversations[:3])


def test_total_records_can_be_unknown(fake: FakeUltraCart, client: httpx.Client) -> None:
    fake.total_records_known = False
    result_set = client.get(LIST).json()["metadata"]["result_set"]
    assert result_set["total_records"] is None
    assert result_set["count"] == 12


def test_latency_delays_every_answer(fake: FakeUltraCart, client: httpx.Client) -> None:
    fake.latency = 0.1
    began = time.monotonic()
    client.get(LIST)
    assert time.monotonic() - began >= 0.1


def test_concurrent_clients_are_served(fake: FakeUltraCart) -> None:
    # Six requests of 0.25 s each: one after another they need 1.5 s; served in parallel,
    # a fraction of that, with room for a busy machine.
    fake.latency = 0.25
    headers = {"x-ultracart-simple-key": fake.simple_key, "X-UltraCart-Api-Version": API_VERSION}
    with httpx.Client(base_url=fake.base_url, headers=headers) as http:

        def page(offset: int) -> list[str]:
            answer = http.get(LIST, params={"_limit": 2, "_offset": offset})
            return [c["conversation_uuid"] for c in answer.json()["conversations"]]

        began = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            pages = list(pool.map(page, range(0, 12, 2)))
    assert [u for p in pages for u in p] == [c["conversation_uuid"] for c in fake.conversations]
    assert time.monotonic() - began < 0.25 * 6


def test_stop_is_quick_and_leaves_no_thread_with_idle_keepalive_connections() -> None:
    fake = FakeUltraCart(conversations=1).start()
    headers = {"x-ultracart-simple-key": fake.simple_key, "X-UltraCart-Api-Version": API_VERSION}
    with httpx.Client(base_url=fake.base_url, headers=headers) as http:
        for _ in range(3):
            assert http.get(LIST).status_code == 200
        began = time.monotonic()
        fake.stop()
        assert time.monotonic() - began < 1.0
    assert not [t for t in threading.enumerate() if t.name.startswith("FakeUltraCart")]
    assert not [t for t in threading.enumerate() if "process_request_thread" in t.name]


def test_soak_of_many_calls_on_keepalive(fake: FakeUltraCart, client: httpx.Client) -> None:
    for _ in range(1000):
        assert client.get(LIST, params={"_limit": 1}).status_code == 200
    assert fake.count("getConversations") == 1000


def test_pytest_fixture_gives_a_running_seeded_fake(ultracart_fake: FakeUltraCart) -> None:
    headers = {"x-ultracart-simple-key": ultracart_fake.simple_key}
    answer = HTTP.get(
        ultracart_fake.base_url + LIST, headers={**headers, "X-UltraCart-Api-Version": API_VERSION}
    )
    assert answer.json()["metadata"]["result_set"]["total_records"] == 25
    assert answer.json()["conversations"] == ultracart_fake.conversations[:25]


@pytest.mark.ultracart_fake(conversations=3, seed=9, latency=0.05)
def test_the_fixture_takes_its_options_from_a_marker(ultracart_fake: FakeUltraCart) -> None:
    with FakeUltraCart(conversations=3, seed=9) as same:
        assert ultracart_fake.conversations == same.conversations
    assert ultracart_fake.latency == 0.05


def test_importing_the_package_does_not_import_the_fake_or_pytest() -> None:
    code = (
        "import sys, ultracart_conversations; "
        "print(sorted(m for m in sys.modules if m.startswith(('pytest', '_pytest')) "
        "or m == 'ultracart_conversations.testing'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
