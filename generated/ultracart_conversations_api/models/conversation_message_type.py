from typing import Literal

ConversationMessageType = Literal["engagement prompt", "message", "notice", "tool call"]

CONVERSATION_MESSAGE_TYPE_VALUES: set[ConversationMessageType] = {
    "engagement prompt",
    "message",
    "notice",
    "tool call",
}


def check_conversation_message_type(value: str) -> ConversationMessageType:
    if value in CONVERSATION_MESSAGE_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONVERSATION_MESSAGE_TYPE_VALUES!r}")
