from typing import Literal

GetConversationsMedium = Literal["sms", "websocket"]

GET_CONVERSATIONS_MEDIUM_VALUES: set[GetConversationsMedium] = {
    "sms",
    "websocket",
}


def check_get_conversations_medium(value: str) -> GetConversationsMedium:
    if value in GET_CONVERSATIONS_MEDIUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_CONVERSATIONS_MEDIUM_VALUES!r}")
