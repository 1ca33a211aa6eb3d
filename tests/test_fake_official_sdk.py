"""UltraCart's own Python SDK (ultracart-rest-sdk, openapi-generator, strictly typed
models) works against the fake end to end, with typed access: the fake speaks the API
revision the SDK was built from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from ultracart.api.conversation_api import ConversationApi
from ultracart.api_client import ApiClient
from ultracart.configuration import Configuration
from ultracart.exceptions import (
    NotFoundException,
    UnauthorizedException,
)
from ultracart.model.conversation_join_request import ConversationJoinRequest
from ultracart.model.conversation_start_request import ConversationStartRequest

from ultracart_conversations.testing import API_VERSION, FakeUltraCart

AGENT = "arn:ultracart:conversation:DEMO:participant:agent-api"


@pytest.fixture
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=7, seed=11) as running:
        yield running


def sdk_with_simple_key(fake: FakeUltraCart, key: str | None = None) -> Any:
    # What the SDK's ConversationApi.fromApiKey does (it raises NameError in 4.1.208),
    # pointed at the fake.
    config = Configuration(host=fake.base_url)
    config.api_key["x-ultracart-simple-key"] = key or fake.simple_key
    client = ApiClient(config, header_name="X-UltraCart-Api-Version", header_value=API_VERSION)
    return ConversationApi(client)


def test_official_sdk_lists_every_page(fake: FakeUltraCart) -> None:
    api = sdk_with_simple_key(fake)
    seen, offset = [], 0
    while True:
        page = api.get_conversations(limit=3, offset=offset)
        seen += [c.conversation_uuid for c in page.conversations]
        if not page.metadata.result_set.more:
            break
        offset = page.metadata.result_set.next_offset
    assert seen == [c["conversation_uuid"] for c in fake.conversations]
    assert page.metadata.result_set.total_records == 7
    assert fake.count("getConversations") == 3
    assert all(r.headers["x-ultracart-api-version"] == API_VERSION for r in fake.requests)


def test_official_sdk_starts_joins_gets_and_leaves(fake: FakeUltraCart) -> None:
    api = sdk_with_simple_key(fake)
    request = ConversationStartRequest(
        conversation_arn="arn:sdk",
        add_conversation_participant_arns=["arn:customer"],
        conversation_webchat_queue_uuid="queue-1",
    )
    started = api.start_conversation(request).conversation
    assert started.conversation_arn == "arn:sdk"
    uuid = started.conversation_uuid
    assert fake.conversations[0]["conversation_uuid"] == uuid

    api.join_conversation(
        uuid, join_request=ConversationJoinRequest(participant_language_iso_code="es")
    )
    conversation = api.get_conversation(uuid, limit=5).conversation
    assert conversation.conversation_uuid == uuid
    assert [p.conversation_participant_arn for p in conversation.participants] == [
        "arn:customer",
        AGENT,
    ]
    assert conversation.participants[1].language_iso_code == "es"
    api.leave_conversation(uuid)
    assert fake.conversation(uuid)["participants"][1]["status"] == "left"


def test_official_sdk_reads_a_conversation_with_every_new_field(fake: FakeUltraCart) -> None:
    api = sdk_with_simple_key(fake)
    for summary in fake.conversations:
        answer = api.get_conversation(summary["conversation_uuid"], limit=2)
        conversation = answer.conversation
        assert answer.success is True
        assert conversation.medium in ("sms", "websocket")
        assert len(conversation.messages) == 2
        assert conversation.sentiment.sentiment in ("POSITIVE", "NEUTRAL", "NEGATIVE", "MIXED")
        assert isinstance(conversation.closed, bool) and isinstance(conversation.visible, bool)


def test_official_sdk_agent_auth_upload_url_and_medium_filter(fake: FakeUltraCart) -> None:
    api = sdk_with_simple_key(fake)
    jwt = api.get_agent_websocket_authorization().agent_auth.jwt
    assert jwt.count(".") == 2
    upload = api.get_conversation_multimedia_upload_url("jpg").conversation_multimedia_upload_url
    assert upload.url.startswith("https://") and upload.key.endswith(".jpg")
    sms = api.get_conversations(medium="sms", limit=50).conversations
    assert sms and all(c.medium == "sms" for c in sms)
    assert [c.conversation_uuid for c in sms] == [
        c["conversation_uuid"] for c in fake.conversations if c["medium"] == "sms"
    ]


def test_official_sdk_with_an_oauth_token(fake: FakeUltraCart) -> None:
    config = Configuration(host=fake.base_url, access_token=fake.access_token)
    client = ApiClient(config, header_name="X-UltraCart-Api-Version", header_value=API_VERSION)
    page = ConversationApi(client).get_conversations(limit=1)
    assert [c.conversation_uuid for c in page.conversations] == [
        fake.conversations[0]["conversation_uuid"]
    ]
    assert fake.requests[0].headers["authorization"] == f"Bearer {fake.access_token}"


def test_official_sdk_sees_401_and_404(fake: FakeUltraCart) -> None:
    with pytest.raises(UnauthorizedException) as refused:
        sdk_with_simple_key(fake, key="not-the-key").get_conversations()
    assert refused.value.headers["UC-REST-ERROR"] == "Invalid simple key."
    with pytest.raises(NotFoundException):
        sdk_with_simple_key(fake).get_conversation("no-such-conversation")
