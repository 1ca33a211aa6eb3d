"""The fake's in-memory conversations: seeded deterministically, shaped as openapi.yaml says.

A conversation is stored in its full `Conversation` shape (minus what is derived: the
message count and the `last_*` fields) plus the fake's own bookkeeping (keys starting
with an underscore). The `ConversationSummary` served by getConversations and the
`Conversation` served by getConversation are derived from it on demand, so the two can
never disagree.
"""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

MERCHANT_ID = "DEMO"
AGENT_NAME = "API Agent"
AGENT_ARN = f"arn:ultracart:conversation:{MERCHANT_ID}:participant:agent-api"

# Seeded conversations are dated back from this instant, so a seed gives the same data on
# every run; conversations created later carry the wall clock, which is always newer.
SEED_EPOCH = datetime(2025, 1, 6, 15, 0, tzinfo=UTC)

_FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"]
_LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen"]
_QUESTIONS = [
    "Where is my order?",
    "Can I change the shipping address?",
    "Do you ship to Canada?",
    "The discount code does not apply.",
    "Is this item back in stock soon?",
    "I was charged twice.",
    "How do I return a gift?",
]
_ANSWERS = [
    "Let me check that for you.",
    "It shipped this morning; tracking is on its way.",
    "Done, the address is updated.",
    "I have refunded the duplicate charge.",
    "Yes, we ship worldwide.",
]
# What a Spanish-speaking customer's first question reads like, with its translation.
_SPANISH = {"Where is my order?": "¿Dónde está mi pedido?"}
_SENTIMENTS = ["POSITIVE", "NEUTRAL", "NEGATIVE", "MIXED"]

# The stored keys that getConversation serves (the rest is derived or bookkeeping).
_CONVERSATION_KEYS = (
    "base_language_iso_code",
    "closed",
    "conversation_arn",
    "conversation_uuid",
    "medium",
    "merchant_id",
    "messages",
    "participants",
    "sentiment",
    "start_dts",
    "unread_messages",
    "virtual_agent",
    "virtual_agent_cost",
    "visible",
)
_SUMMARY_KEYS = (
    "closed",
    "conversation_arn",
    "conversation_uuid",
    "medium",
    "merchant_id",
    "participants",
    "sentiment",
    "start_dts",
    "unread_messages",
    "visible",
)


def dts(moment: datetime) -> str:
    """UltraCart-style date/time string (ISO 8601 with offset)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def now_dts() -> str:
    return dts(datetime.now(UTC))


def conversation_arn(conversation_uuid: str) -> str:
    return f"arn:ultracart:conversation:{MERCHANT_ID}:conversation:{conversation_uuid}"


def participant(
    arn: str, name: str, participant_uuid: str, joined: str, language: str = "en"
) -> dict[str, Any]:
    return {
        "conversation_participant_arn": arn,
        "conversation_participant_name": name,
        "conversation_participant_uuid": participant_uuid,
        "joined_dts": joined,
        "language_iso_code": language,
        "last_message_dts": joined,
        "status": "active",
        "unread_messages": 0,
    }


def message(
    author_arn: str,
    author_name: str,
    body: str,
    when: datetime,
    *,
    message_uuid: str,
    medium: str,
    language: str = "en",
    translated: str | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "author_conversation_participant_arn": author_arn,
        "author_conversation_participant_name": author_name,
        "body": body,
        "conversation_message_uuid": message_uuid,
        "language_iso_code": language,
        "media_urls": [],
        "merchant_id": MERCHANT_ID,
        "message_dts": dts(when),
        "message_epoch": int(when.timestamp() * 1000),
        "translations": [],
        "transport_statuses": [],
        "type": "message",
        "upload_keys": [],
    }
    if translated is not None:
        result["translations"] = [{"language_iso_code": "en", "body": translated}]
    if medium == "sms":
        result["transport_statuses"] = [
            {"conversation_participant_arn": author_arn, "status": "sent"}
        ]
    return result


def seeded_conversations(count: int, seed: int, messages: int) -> list[dict[str, Any]]:
    """`count` conversations, newest first, the same for the same arguments."""
    rng = random.Random(seed)  # noqa: S311 (sample data, not secrets)
    return [
        _seeded_conversation(rng, SEED_EPOCH - timedelta(minutes=17 * index), messages)
        for index in range(count)
    ]


def _seeded_conversation(rng: random.Random, last: datetime, messages: int) -> dict[str, Any]:
    conversation_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
    customer_arn = (
        f"arn:ultracart:conversation:{MERCHANT_ID}:participant:customer-{rng.randrange(10**6):06d}"
    )
    customer_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    medium = rng.choice(["sms", "websocket"])
    spanish = rng.random() < 0.2
    language = "es" if spanish else "en"
    started = last - timedelta(minutes=2 * max(messages - 1, 0))
    history = []
    for index in range(messages):
        from_customer = index % 2 == 0
        body = rng.choice(_QUESTIONS if from_customer else _ANSWERS)
        translated = None
        if from_customer and spanish:
            translated, body = body, _SPANISH.get(body, body)
        history.append(
            message(
                customer_arn if from_customer else AGENT_ARN,
                name if from_customer else AGENT_NAME,
                body,
                started + timedelta(minutes=2 * index),
                message_uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                medium=medium,
                language=language if from_customer else "en",
                translated=translated,
            )
        )
    customer = participant(customer_arn, name, customer_uuid, dts(started), language)
    if medium == "sms":
        customer["sms_phone_number"] = f"+1555555{rng.randrange(10**4):04d}"
    else:
        customer["email"] = f"{name.split()[0].lower()}@example.com"
    scores = [rng.random() for _ in range(4)]
    total = sum(scores)
    mood = rng.randrange(4)
    closed = rng.random() < 0.25
    return {
        "base_language_iso_code": language,
        "closed": closed,
        "conversation_arn": conversation_arn(conversation_uuid),
        "conversation_uuid": conversation_uuid,
        "medium": medium,
        "merchant_id": MERCHANT_ID,
        "messages": history,
        "participants": [customer],
        "sentiment": {
            "last_detect_sentiment": dts(last),
            "mixed": round(scores[3] / total, 4),
            "negative": round(scores[2] / total, 4),
            "neutral": round(scores[1] / total, 4),
            "positive": round(scores[0] / total, 4),
            "sentiment": _SENTIMENTS[mood],
        },
        "start_dts": dts(started),
        "unread_messages": rng.random() < 0.4,
        "virtual_agent": rng.random() < 0.3,
        "virtual_agent_cost": round(rng.random() * 0.5, 4),
        "visible": not closed or rng.random() < 0.5,
    }


def from_caller(given: Mapping[str, Any]) -> dict[str, Any]:
    """A caller-supplied conversation, completed with whatever it left out."""
    conversation = copy.deepcopy(dict(given))
    for key in ("messages", "participants"):
        if not isinstance(conversation.get(key, []), list):
            raise ValueError(f"a conversation's {key} must be a list")
    conversation_uuid = str(conversation.setdefault("conversation_uuid", str(uuid.uuid4())))
    conversation.setdefault("conversation_arn", conversation_arn(conversation_uuid))
    conversation.setdefault("merchant_id", MERCHANT_ID)
    conversation.setdefault("messages", [])
    conversation.setdefault("participants", [])
    conversation.setdefault("unread_messages", False)
    return conversation


def new_conversation(
    conversation_uuid: str,
    arn: str | None,
    participant_arns: list[str],
    *,
    medium: str = "websocket",
    webchat_queue_uuid: str | None = None,
) -> dict[str, Any]:
    """A conversation as startConversation creates it: no messages yet."""
    started = now_dts()
    people = [
        participant(p_arn, p_arn.rsplit(":", 1)[-1], str(uuid.uuid4()), started)
        for p_arn in participant_arns
    ]
    conversation: dict[str, Any] = {
        "base_language_iso_code": "en",
        "closed": False,
        "conversation_arn": arn or conversation_arn(conversation_uuid),
        "conversation_uuid": conversation_uuid,
        "medium": medium,
        "merchant_id": MERCHANT_ID,
        "messages": [],
        "participants": people,
        "start_dts": started,
        "unread_messages": False,
        "visible": True,
    }
    if webchat_queue_uuid is not None:
        conversation["_webchat_queue_uuid"] = webchat_queue_uuid
    return conversation


def arriving_conversation() -> dict[str, Any]:
    """A conversation a customer has just opened (for inserts at the head of the list)."""
    conversation_uuid = str(uuid.uuid4())
    customer_arn = f"arn:ultracart:conversation:{MERCHANT_ID}:participant:customer-new"
    conversation = new_conversation(conversation_uuid, None, [customer_arn])
    conversation["participants"][0]["conversation_participant_name"] = "New Customer"
    conversation["messages"].append(
        message(
            customer_arn,
            "New Customer",
            "Hello, is anyone there?",
            datetime.now(UTC),
            message_uuid=str(uuid.uuid4()),
            medium="websocket",
        )
    )
    conversation["unread_messages"] = True
    return conversation


def _derived(conversation: Mapping[str, Any]) -> dict[str, Any]:
    """The fields computed from the messages: count, last message, waiting customer."""
    messages = conversation.get("messages") or []
    result: dict[str, Any] = {"message_count": len(messages)}
    if messages:
        last = messages[-1]
        result["last_conversation_message_body"] = last.get("body", "")
        result["last_conversation_participant_arn"] = last.get(
            "author_conversation_participant_arn", ""
        )
        result["last_conversation_participant_name"] = last.get(
            "author_conversation_participant_name", ""
        )
        result["last_message_dts"] = last.get("message_dts", "")
        result["last_interactive_message_dts"] = last.get("message_dts", "")
        if last.get("author_conversation_participant_arn") != AGENT_ARN:
            result["customer_first_message_unresponded_to_dts"] = last.get("message_dts", "")
    elif "start_dts" in conversation:
        result["last_message_dts"] = conversation["start_dts"]
    return result


def last_message_dts(conversation: Mapping[str, Any]) -> str:
    return str(_derived(conversation).get("last_message_dts", ""))


def summary(conversation: Mapping[str, Any]) -> dict[str, Any]:
    """The ConversationSummary of a stored conversation."""
    result = {key: copy.deepcopy(conversation[key]) for key in _SUMMARY_KEYS if key in conversation}
    result["unread_messages"] = bool(conversation.get("unread_messages"))
    result.update(_derived(conversation))
    return dict(sorted(result.items()))


def served(conversation: Mapping[str, Any], message_limit: int | None = None) -> dict[str, Any]:
    """The Conversation as getConversation serves it (without the fake's bookkeeping);
    `message_limit` keeps only the latest messages."""
    result = {
        key: copy.deepcopy(conversation[key]) for key in _CONVERSATION_KEYS if key in conversation
    }
    result.update(_derived(conversation))
    if message_limit is not None:
        result["messages"] = result["messages"][-message_limit:] if message_limit > 0 else []
    return dict(sorted(result.items()))
