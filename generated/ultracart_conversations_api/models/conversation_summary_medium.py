from typing import Literal

ConversationSummaryMedium = Literal["sms", "websocket"]

CONVERSATION_SUMMARY_MEDIUM_VALUES: set[ConversationSummaryMedium] = {
    "sms",
    "websocket",
}


def check_conversation_summary_medium(value: str) -> ConversationSummaryMedium:
    if value in CONVERSATION_SUMMARY_MEDIUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONVERSATION_SUMMARY_MEDIUM_VALUES!r}")
