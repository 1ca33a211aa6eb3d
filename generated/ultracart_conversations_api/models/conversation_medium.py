from typing import Literal

ConversationMedium = Literal["sms", "websocket"]

CONVERSATION_MEDIUM_VALUES: set[ConversationMedium] = {
    "sms",
    "websocket",
}


def check_conversation_medium(value: str) -> ConversationMedium:
    if value in CONVERSATION_MEDIUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONVERSATION_MEDIUM_VALUES!r}")
