from typing import Literal

ConversationMessageTransportStatusStatus = Literal[
    "accepted",
    "PINPOINT_ERROR",
    "queued",
    "read",
    "scheduled",
    "sending",
    "sent",
    "SENT_TO_PINPOINT",
    "SENT_TO_TWILIO",
    "TWILIO_CREDENTIALS_MISSING",
    "TWILIO_ERROR",
]

CONVERSATION_MESSAGE_TRANSPORT_STATUS_STATUS_VALUES: set[ConversationMessageTransportStatusStatus] = {
    "accepted",
    "PINPOINT_ERROR",
    "queued",
    "read",
    "scheduled",
    "sending",
    "sent",
    "SENT_TO_PINPOINT",
    "SENT_TO_TWILIO",
    "TWILIO_CREDENTIALS_MISSING",
    "TWILIO_ERROR",
}


def check_conversation_message_transport_status_status(value: str) -> ConversationMessageTransportStatusStatus:
    if value in CONVERSATION_MESSAGE_TRANSPORT_STATUS_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CONVERSATION_MESSAGE_TRANSPORT_STATUS_STATUS_VALUES!r}"
    )
