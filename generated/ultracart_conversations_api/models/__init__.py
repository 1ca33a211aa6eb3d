"""Contains all the data models used in inputs/outputs"""

from .conversation import Conversation
from .conversation_agent_auth_response import ConversationAgentAuthResponse
from .conversation_message import ConversationMessage
from .conversation_participant import ConversationParticipant
from .conversation_start_request import ConversationStartRequest
from .conversation_start_response import ConversationStartResponse
from .conversation_summary import ConversationSummary
from .conversations_response import ConversationsResponse
from .error import Error
from .error_response import ErrorResponse
from .response_metadata import ResponseMetadata
from .response_warning import ResponseWarning
from .result_set import ResultSet

__all__ = (
    "Conversation",
    "ConversationAgentAuthResponse",
    "ConversationMessage",
    "ConversationParticipant",
    "ConversationsResponse",
    "ConversationStartRequest",
    "ConversationStartResponse",
    "ConversationSummary",
    "Error",
    "ErrorResponse",
    "ResponseMetadata",
    "ResponseWarning",
    "ResultSet",
)
