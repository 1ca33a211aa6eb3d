"""getConversations' response as pydantic v2 models, the way Stainless-style SDKs write
them: every field optional (None when absent), unknown keys kept (`extra="allow"`, as our
models keep them), enums as plain strings (a value UltraCart adds must not fail a call).
Read with `ConversationsResponse.model_validate_json(body)` (pydantic-core's own JSON
parser, validating as it goes)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class ConversationParticipant(_Model):
    conversation_participant_arn: str | None = None
    conversation_participant_name: str | None = None
    conversation_participant_uuid: str | None = None
    email: str | None = None
    joined_dts: str | None = None
    language_iso_code: str | None = None
    last_message_dts: str | None = None
    left_dts: str | None = None
    profile_image_url: str | None = None
    sms_phone_number: str | None = None
    status: str | None = None
    timezone: str | None = None
    unread_messages: int | None = None


class ConversationSentiment(_Model):
    last_detect_sentiment: str | None = None
    mixed: float | None = None
    negative: float | None = None
    neutral: float | None = None
    positive: float | None = None
    sentiment: str | None = None


class ConversationSummary(_Model):
    closed: bool | None = None
    conversation_arn: str | None = None
    conversation_uuid: str | None = None
    customer_first_message_unresponded_to_dts: str | None = None
    last_conversation_message_body: str | None = None
    last_conversation_participant_arn: str | None = None
    last_conversation_participant_name: str | None = None
    last_interactive_message_dts: str | None = None
    last_message_dts: str | None = None
    medium: str | None = None
    merchant_id: str | None = None
    message_count: int | None = None
    participants: list[ConversationParticipant] | None = None
    sentiment: ConversationSentiment | None = None
    start_dts: str | None = None
    unread_messages: bool | None = None
    visible: bool | None = None


class ResultSet(_Model):
    count: int | None = None
    limit: int | None = None
    more: bool | None = None
    next_offset: int | None = None
    offset: int | None = None
    total_records: int | None = None


class ResponseMetadata(_Model):
    payload_name: str | None = None
    result_set: ResultSet | None = None


class Error(_Model):
    developer_message: str | None = None
    error_code: str | None = None
    more_info: str | None = None
    object_id: str | None = None
    user_message: str | None = None


class ResponseWarning(_Model):
    more_info: str | None = None
    warning_code: str | None = None
    warning_message: str | None = None


class ConversationsResponse(_Model):
    conversations: list[ConversationSummary] | None = None
    error: Error | None = None
    metadata: ResponseMetadata | None = None
    success: bool | None = None
    warning: ResponseWarning | None = None
