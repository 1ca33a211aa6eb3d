"""Contains all the data models used in inputs/outputs"""

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
from .response_metadata import ResponseMetadata
from .response_warning import ResponseWarning
from .result_set import ResultSet

__all__ = (
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
    "ResponseMetadata",
    "ResponseWarning",
    "ResultSet",
)
