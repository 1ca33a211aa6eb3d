"""The client against answers shaped as UltraCart serves them today (the envelopes of the
current revision), with fields this client does not know yet mixed in: every documented
field arrives typed, unknown ones are kept, `success: false` raises, a warning is logged."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import (
    AsyncConversationApi,
    ConversationAgentAuthResponse,
    ConversationApi,
    ConversationJoinRequest,
    ConversationMultimediaUploadUrlResponse,
    ConversationResponse,
    ConversationsResponse,
    ConversationStartRequest,
    ConversationStartResponse,
    UnsuccessfulResponseError,
)

# Recorded-style payloads of the current revision, plus fields UltraCart may add later.
MESSAGE = {
    "author_conversation_participant_arn": "arn:p:1",
    "author_conversation_participant_name": "Ada",
    "body": "¿Dónde está mi pedido?",
    "conversation_message_uuid": "m-1",
    "language_iso_code": "es",
    "media_urls": [],
    "message_dts": "2026-11-30T10:00:00+00:00",
    "message_epoch": 1764496800000,
    "translations": [{"language_iso_code": "en", "body": "Where is my order?"}],
    "transport_statuses": [{"conversation_participant_arn": "arn:p:1", "status": "read"}],
    "type": "message",
    "upload_keys": [],
    "reactions": ["thumbs-up"],  # unknown today
}
CONVERSATION = {
    "base_language_iso_code": "es",
    "closed": False,
    "conversation_arn": "arn:c:1",
    "conversation_uuid": "c-1",
    "medium": "sms",
    "merchant_id": "DEMO",
    "message_count": 1,
    "messages": [MESSAGE],
    "participants": [
        {"conversation_participant_arn": "arn:p:1", "status": "active", "unread_messages": 2}
    ],
    "sentiment": {
        "sentiment": "POSITIVE",
        "positive": 0.9,
        "negative": 0.02,
        "mixed": 0,
        "neutral": 0.08,
    },
    "start_dts": "2026-11-30T09:58:00+00:00",
    "unread_messages": True,
    "virtual_agent": True,
    "virtual_agent_cost": 0.0125,
    "visible": True,
    "escalated": False,  # unknown today
}
SUMMARY = {k: v for k, v in CONVERSATION.items() if k not in ("messages", "base_language_iso_code")}
PAGE = {
    "conversations": [SUMMARY],
    "metadata": {"result_set": {"count": 1, "more": False, "offset": 0, "total_records": 1}},
    "success": True,
}
AGENT = {
    "agent_auth": {
        "jwt": "aaa.bbb.ccc",
        "chat_admin": True,
        "group_ids": [3, 4],
        "merchants": [{"company": "Demo", "is_parent": True, "merchant_id": "DEMO"}],
        "twilio_accounts": [{"merchant_id": "DEMO", "twilio_phone_numbers": ["+15550100"]}],
        "user_id": 42,
    },
    "success": True,
}
UPLOAD = {
    "conversation_multimedia_upload_url": {"key": "k/1.jpg", "url": "https://s3.example/k/1.jpg"},
    "success": True,
}


def api_for(server: ScriptedServer) -> ConversationApi:
    return ConversationApi(simple_key="current-api-key", base_url=server.base_url, max_retries=0)


def test_every_operation_reads_the_current_shapes(scripted: ScriptedServer) -> None:
    scripted.enqueue(
        Reply.json(200, PAGE),
        Reply.json(200, {"conversation": CONVERSATION, "success": True, "metadata": {}}),
        Reply.json(200, {"conversation": CONVERSATION}),
        Reply.json(200, AGENT),
        Reply.json(200, UPLOAD),
    )
    with api_for(scripted) as api:
        page = api.get_conversations(medium="sms", before="2026-12-01T00:00:00Z", limit=10)
        got = api.get_conversation("c-1", limit=5)
        started = api.start_conversation(
            ConversationStartRequest(
                conversation_arn="arn:c:1",
                conversation_webchat_queue_uuid="q-1",
                resolve_only=False,
            )
        )
        auth = api.get_agent_websocket_authorization()
        upload = api.get_conversation_multimedia_upload_url("jpg")
    assert isinstance(page, ConversationsResponse)
    assert page.to_dict() == PAGE  # unknown fields included, nothing lost
    assert page.conversations and page.conversations[0].medium == "sms"
    assert isinstance(got, ConversationResponse) and got.conversation
    message = got.conversation.messages[0] if got.conversation.messages else None
    assert message and message.type_ == "message"
    assert message.translations and message.translations[0].body == "Where is my order?"
    assert message.additional_properties == {"reactions": ["thumbs-up"]}
    assert got.conversation.sentiment and got.conversation.sentiment.positive == 0.9
    assert isinstance(started, ConversationStartResponse) and started.conversation
    assert started.conversation.conversation_uuid == "c-1"
    assert isinstance(auth, ConversationAgentAuthResponse) and auth.agent_auth
    assert auth.agent_auth.jwt == "aaa.bbb.ccc" and auth.agent_auth.group_ids == [3, 4]
    assert isinstance(upload, ConversationMultimediaUploadUrlResponse)
    assert upload.conversation_multimedia_upload_url
    assert upload.conversation_multimedia_upload_url.url == "https://s3.example/k/1.jpg"
    sent = [(r.method, r.path, r.query) for r in scripted.requests]
    assert sent[0][2] == {
        "medium": "sms",
        "before": "2026-12-01T00:00:00Z",
        "_limit": "10",
        "_offset": "0",
    }
    assert sent[1][2] == {"limit": "5"}
    assert scripted.requests[2].json() == {
        "conversation_arn": "arn:c:1",
        "conversation_webchat_queue_uuid": "q-1",
        "resolve_only": False,
    }


async def test_join_sends_its_optional_body_async(scripted: ScriptedServer) -> None:
    scripted.enqueue(Reply.status(204), Reply.status(204))
    async with AsyncConversationApi(simple_key="k-async-1", base_url=scripted.base_url) as api:
        await api.join_conversation("c-1")
        await api.join_conversation(
            "c-1", join_request=ConversationJoinRequest(participant_language_iso_code="fr")
        )
    first, second = scripted.requests
    assert first.body == b""
    assert second.json() == {"participant_language_iso_code": "fr"}


def test_a_value_ultracart_adds_to_an_enum_is_kept_not_refused(scripted: ScriptedServer) -> None:
    changed: dict[str, Any] = {**SUMMARY, "medium": "whatsapp"}
    scripted.enqueue(Reply.json(200, {**PAGE, "conversations": [changed]}))
    with api_for(scripted) as api:
        page = api.get_conversations()
    assert page.conversations
    assert page.conversations[0].to_dict()["medium"] == "whatsapp"


def test_success_false_in_a_2xx_raises_with_the_error(scripted: ScriptedServer) -> None:
    failed = {
        "success": False,
        "error": {"developer_message": "Conversation is archived", "error_code": "409"},
        "metadata": {},
    }
    scripted.enqueue(Reply.json(200, failed))
    with api_for(scripted) as api, pytest.raises(UnsuccessfulResponseError) as raised:
        api.get_conversation("c-1")
    assert raised.value.status == 200
    assert "Conversation is archived" in str(raised.value)
    assert raised.value.error_response and raised.value.error_response.error
    assert raised.value.error_response.error.error_code == "409"
    assert len(scripted.requests) == 1  # not retried: the server answered


def test_a_warning_is_logged_and_kept(
    scripted: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    warned = {
        "conversation": CONVERSATION,
        "success": True,
        "warning": {"warning_code": "W42", "warning_message": "Messages truncated to 5"},
    }
    scripted.enqueue(Reply.json(200, warned))
    with caplog.at_level(logging.WARNING, "ultracart_conversations"), api_for(scripted) as api:
        got = api.get_conversation("c-1", limit=5)
    assert got.warning and got.warning.warning_code == "W42"
    assert "Messages truncated to 5 (W42)" in caplog.text
