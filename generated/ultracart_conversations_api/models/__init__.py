"""Contains all the data models used in inputs/outputs (each loaded on first use)"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# class name -> the module that defines it, relative to this package
_MODULES = {
    "Conversation": ".conversation",
    "ConversationAgentAuthResponse": ".conversation_agent_auth_response",
    "ConversationMessage": ".conversation_message",
    "ConversationParticipant": ".conversation_participant",
    "ConversationStartRequest": ".conversation_start_request",
    "ConversationStartResponse": ".conversation_start_response",
    "ConversationSummary": ".conversation_summary",
    "ConversationsResponse": ".conversations_response",
    "Error": ".error",
    "ErrorResponse": ".error_response",
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
