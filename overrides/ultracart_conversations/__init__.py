"""UltraCart Conversation API client: the public face of this package.

The models come from the generated package `ultracart_conversations_api`; import them
from here so that your code does not depend on where the generator puts them.
"""

from ultracart_conversations_api.models import (
    Conversation,
    ConversationAgentAuthResponse,
    ConversationMessage,
    ConversationParticipant,
    ConversationsResponse,
    ConversationStartRequest,
    ConversationStartResponse,
    ConversationSummary,
    Error,
    ErrorResponse,
    ResponseMetadata,
    ResponseWarning,
    ResultSet,
)

__all__ = [
    "Conversation",
    "ConversationAgentAuthResponse",
    "ConversationMessage",
    "ConversationParticipant",
    "ConversationStartRequest",
    "ConversationStartResponse",
    "ConversationSummary",
    "ConversationsResponse",
    "Error",
    "ErrorResponse",
    "ResponseMetadata",
    "ResponseWarning",
    "ResultSet",
]
