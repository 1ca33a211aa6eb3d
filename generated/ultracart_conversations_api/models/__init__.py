"""Contains all the data models used in inputs/outputs (each loaded on first use)"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .conversation import Conversation
    from .conversation_agent_auth import ConversationAgentAuth
    from .conversation_agent_auth_merchant import ConversationAgentAuthMerchant
    from .conversation_agent_auth_response import ConversationAgentAuthResponse
    from .conversation_join_request import ConversationJoinRequest
    from .conversation_medium import ConversationMedium
    from .conversation_message import ConversationMessage
    from .conversation_message_translation import ConversationMessageTranslation
    from .conversation_message_transport_status import ConversationMessageTransportStatus
    from .conversation_message_transport_status_status import ConversationMessageTransportStatusStatus
    from .conversation_message_type import ConversationMessageType
    from .conversation_multimedia_upload_url import ConversationMultimediaUploadUrl
    from .conversation_multimedia_upload_url_response import ConversationMultimediaUploadUrlResponse
    from .conversation_participant import ConversationParticipant
    from .conversation_response import ConversationResponse
    from .conversation_sentiment import ConversationSentiment
    from .conversation_sentiment_sentiment import ConversationSentimentSentiment
    from .conversation_start_request import ConversationStartRequest
    from .conversation_start_response import ConversationStartResponse
    from .conversation_summary import ConversationSummary
    from .conversation_summary_medium import ConversationSummaryMedium
    from .conversation_twilio_account import ConversationTwilioAccount
    from .conversations_response import ConversationsResponse
    from .error import Error
    from .error_response import ErrorResponse
    from .get_conversations_medium import GetConversationsMedium
    from .response_metadata import ResponseMetadata
    from .response_warning import ResponseWarning
    from .result_set import ResultSet

# class name -> the module that defines it, relative to this package
_MODULES = {
    "Conversation": ".conversation",
    "ConversationAgentAuth": ".conversation_agent_auth",
    "ConversationAgentAuthMerchant": ".conversation_agent_auth_merchant",
    "ConversationAgentAuthResponse": ".conversation_agent_auth_response",
    "ConversationJoinRequest": ".conversation_join_request",
    "ConversationMedium": ".conversation_medium",
    "ConversationMessage": ".conversation_message",
    "ConversationMessageTranslation": ".conversation_message_translation",
    "ConversationMessageTransportStatus": ".conversation_message_transport_status",
    "ConversationMessageTransportStatusStatus": ".conversation_message_transport_status_status",
    "ConversationMessageType": ".conversation_message_type",
    "ConversationMultimediaUploadUrl": ".conversation_multimedia_upload_url",
    "ConversationMultimediaUploadUrlResponse": ".conversation_multimedia_upload_url_response",
    "ConversationParticipant": ".conversation_participant",
    "ConversationResponse": ".conversation_response",
    "ConversationSentiment": ".conversation_sentiment",
    "ConversationSentimentSentiment": ".conversation_sentiment_sentiment",
    "ConversationStartRequest": ".conversation_start_request",
    "ConversationStartResponse": ".conversation_start_response",
    "ConversationSummary": ".conversation_summary",
    "ConversationSummaryMedium": ".conversation_summary_medium",
    "ConversationTwilioAccount": ".conversation_twilio_account",
    "ConversationsResponse": ".conversations_response",
    "Error": ".error",
    "ErrorResponse": ".error_response",
    "GetConversationsMedium": ".get_conversations_medium",
    "ResponseMetadata": ".response_metadata",
    "ResponseWarning": ".response_warning",
    "ResultSet": ".result_set",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Conversation",
    "ConversationAgentAuth",
    "ConversationAgentAuthMerchant",
    "ConversationAgentAuthResponse",
    "ConversationJoinRequest",
    "ConversationMedium",
    "ConversationMessage",
    "ConversationMessageTranslation",
    "ConversationMessageTransportStatus",
    "ConversationMessageTransportStatusStatus",
    "ConversationMessageType",
    "ConversationMultimediaUploadUrl",
    "ConversationMultimediaUploadUrlResponse",
    "ConversationParticipant",
    "ConversationResponse",
    "ConversationSentiment",
    "ConversationSentimentSentiment",
    "ConversationsResponse",
    "ConversationStartRequest",
    "ConversationStartResponse",
    "ConversationSummary",
    "ConversationSummaryMedium",
    "ConversationTwilioAccount",
    "Error",
    "ErrorResponse",
    "GetConversationsMedium",
    "ResponseMetadata",
    "ResponseWarning",
    "ResultSet",
]
