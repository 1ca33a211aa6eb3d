"""A downstream project's code: what its tests below exercise against the fake."""

from __future__ import annotations

from ultracart_conversations import ConversationApi


def unread_uuids(api: ConversationApi) -> list[str]:
    """The conversations with unread messages, newest first."""
    return [
        s.conversation_uuid
        for s in api.iter_conversations()
        if s.unread_messages and s.conversation_uuid
    ]
