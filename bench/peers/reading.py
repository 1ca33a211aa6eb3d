"""Reading every field of a parsed page: what a program that uses the page does after
the call. The same fields for every contender: each documented field of the response,
of every summary, of its participants and of its sentiment. Dicts by key (`.get`, since
a field may be absent), everything else by attribute."""

from __future__ import annotations

from typing import Any

SUMMARY = (
    "closed",
    "conversation_arn",
    "conversation_uuid",
    "customer_first_message_unresponded_to_dts",
    "last_conversation_message_body",
    "last_conversation_participant_arn",
    "last_conversation_participant_name",
    "last_interactive_message_dts",
    "last_message_dts",
    "medium",
    "merchant_id",
    "message_count",
    "start_dts",
    "unread_messages",
    "visible",
)
PARTICIPANT = (
    "conversation_participant_arn",
    "conversation_participant_name",
    "conversation_participant_uuid",
    "email",
    "joined_dts",
    "language_iso_code",
    "last_message_dts",
    "left_dts",
    "profile_image_url",
    "sms_phone_number",
    "status",
    "timezone",
    "unread_messages",
)
SENTIMENT = ("last_detect_sentiment", "mixed", "negative", "neutral", "positive", "sentiment")
RESULT_SET = ("count", "limit", "more", "next_offset", "offset", "total_records")


def every_key(page: dict[str, Any]) -> int:
    """Read every documented key of a page of dicts; the number of values read."""
    read = 0
    result_set = (page.get("metadata") or {}).get("result_set") or {}
    for name in RESULT_SET:
        result_set.get(name)
        read += 1
    for summary in page.get("conversations") or ():
        for name in SUMMARY:
            summary.get(name)
        read += len(SUMMARY)
        for participant in summary.get("participants") or ():
            for name in PARTICIPANT:
                participant.get(name)
            read += len(PARTICIPANT)
        sentiment = summary.get("sentiment")
        if sentiment:
            for name in SENTIMENT:
                sentiment.get(name)
            read += len(SENTIMENT)
    return read


def every_field(page: Any) -> int:
    """Read every documented field of a page of objects; the number of values read."""
    read = 0
    result_set = page.metadata.result_set
    for name in RESULT_SET:
        getattr(result_set, name)
        read += 1
    for summary in page.conversations or ():
        for name in SUMMARY:
            getattr(summary, name)
        read += len(SUMMARY)
        for participant in summary.participants or ():
            for name in PARTICIPANT:
                getattr(participant, name)
            read += len(PARTICIPANT)
        sentiment = summary.sentiment
        if sentiment:
            for name in SENTIMENT:
                getattr(sentiment, name)
            read += len(SENTIMENT)
    return read
