"""The fake's in-memory conversations: seeded deterministically, shaped as openapi.yaml says.

A conversation is stored in its full `Conversation` shape plus an `unread_messages` flag;
the `ConversationSummary` served by getConversations is derived from it on demand, so the
two can never disagree.
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


def dts(moment: datetime) -> str:
    """UltraCart-style date/time string (ISO 8601 with offset)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def now_dts() -> str:
    return dts(datetime.now(UTC))


def conversation_arn(conversation_uuid: str) -> str:
    return f"arn:ultracart:conversation:{MERCHANT_ID}:conversation:{conversation_uuid}"


def participant(arn: str, name: str, participant_uuid: str, joined: str) -> dict[str, Any]:
    return {
        "conversation_participant_arn": arn,
        "conversation_participant_name": name,
        "conversation_participant_uuid": participant_uuid,
        "joined_dts": joined,
        "last_message_dts": joined,
        "status": "active",
    }


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
    started = last - timedelta(minutes=2 * max(messages - 1, 0))
    history = []
    for index in range(messages):
        from_customer = index % 2 == 0
        history.append(
            {
                "author_conversation_participant_arn": customer_arn if from_customer else AGENT_ARN,
                "author_conversation_participant_name": name if from_customer else AGENT_NAME,
                "body": rng.choice(_QUESTIONS if from_customer else _ANSWERS),
                "media_urls": [],
                "message_dts": dts(started + timedelta(minutes=2 * index)),
            }
        )
    people = [participant(customer_arn, name, customer_uuid, dts(started))]
    return {
        "conversation_arn": conversation_arn(conversation_uuid),
        "conversation_uuid": conversation_uuid,
        "merchant_id": MERCHANT_ID,
        "messages": history,
        "participants": people,
        "unread_messages": rng.random() < 0.4,
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
    conversation_uuid: str, arn: str | None, participant_arns: list[str]
) -> dict[str, Any]:
    """A conversation as startConversation creates it: no messages yet."""
    started = now_dts()
    people = [
        participant(p_arn, p_arn.rsplit(":", 1)[-1], str(uuid.uuid4()), started)
        for p_arn in participant_arns
    ]
    return {
        "conversation_arn": arn or conversation_arn(conversation_uuid),
        "conversation_uuid": conversation_uuid,
        "merchant_id": MERCHANT_ID,
        "messages": [],
        "participants": people,
        "unread_messages": False,
        "started_dts": started,
    }


def arriving_conversation() -> dict[str, Any]:
    """A conversation a customer has just opened (for inserts at the head of the list)."""
    conversation_uuid = str(uuid.uuid4())
    customer_arn = f"arn:ultracart:conversation:{MERCHANT_ID}:participant:customer-new"
    conversation = new_conversation(conversation_uuid, None, [customer_arn])
    conversation["participants"][0]["conversation_participant_name"] = "New Customer"
    conversation["messages"].append(
        {
            "author_conversation_participant_arn": customer_arn,
            "author_conversation_participant_name": "New Customer",
            "body": "Hello, is anyone there?",
            "media_urls": [],
            "message_dts": conversation["started_dts"],
        }
    )
    conversation["unread_messages"] = True
    return conversation


def summary(conversation: Mapping[str, Any]) -> dict[str, Any]:
    """The ConversationSummary of a stored conversation."""
    result: dict[str, Any] = {
        "conversation_arn": conversation["conversation_arn"],
        "conversation_uuid": conversation["conversation_uuid"],
        "merchant_id": conversation["merchant_id"],
        "message_count": len(conversation["messages"]),
        "unread_messages": bool(conversation["unread_messages"]),
    }
    if conversation["messages"]:
        last = conversation["messages"][-1]
        result["last_conversation_message_body"] = last.get("body", "")
        result["last_conversation_participant_arn"] = last.get(
            "author_conversation_participant_arn", ""
        )
        result["last_conversation_participant_name"] = last.get(
            "author_conversation_participant_name", ""
        )
        result["last_message_dts"] = last.get("message_dts", "")
    elif "started_dts" in conversation:
        result["last_message_dts"] = conversation["started_dts"]
    return result


def served(conversation: Mapping[str, Any]) -> dict[str, Any]:
    """The Conversation as getConversation serves it (without the fake's bookkeeping)."""
    keys = ("conversation_arn", "conversation_uuid", "merchant_id", "messages", "participants")
    return {key: copy.deepcopy(conversation[key]) for key in keys}
