"""UltraCart's own Python SDK (ultracart-rest-sdk, openapi-generator) works against the fake.

The SDK is built from UltraCart's current spec, a later revision than ours: there
getConversation answers a `ConversationResponse` envelope, while this API revision (and
so the fake) answers the bare `Conversation`. The SDK keeps the fields it does not know
as additional properties, so the test reads the conversation from `to_dict()`.
"""

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
from ultracart.model.conversation_start_request import (
    ConversationStartRequest,
)

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
        conversation_arn="arn:sdk", add_conversation_participant_arns=["arn:customer"]
    )
    started = api.start_conversation(request)
    assert started.conversation_arn == "arn:sdk"
    assert fake.conversations[0]["conversation_uuid"] == started.conversation_uuid

    api.join_conversation(started.conversation_uuid)
    conversation = api.get_conversation(started.conversation_uuid).to_dict()
    assert conversation["conversation_uuid"] == started.conversation_uuid
    assert [p["conversation_participant_arn"] for p in conversation["participants"]] == [
        "arn:customer",
        AGENT,
    ]
    api.leave_conversation(started.conversation_uuid)
    assert fake.conversation(started.conversation_uuid)["participants"][1]["status"] == "left"


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
