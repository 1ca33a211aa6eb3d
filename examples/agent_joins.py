"""An agent joins the newest conversation with unread messages, reads it, and leaves.

python examples/agent_joins.py [--language en]
"""

from __future__ import annotations

import argparse
import sys

from ultracart_conversations import ConversationApi, ConversationJoinRequest, NotFoundError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="en", help="the agent's language (ISO code)")
    args = parser.parse_args(argv)

    with ConversationApi.from_env() as api:
        unread = next((s for s in api.iter_conversations() if s.unread_messages), None)
        if unread is None or not unread.conversation_uuid:
            print("no conversation is waiting")
            return 0
        uuid = unread.conversation_uuid
        request = ConversationJoinRequest(participant_language_iso_code=args.language)
        try:
            api.join_conversation(uuid, join_request=request)
        except NotFoundError:  # closed or deleted between the list and the join
            print(f"conversation {uuid} is gone")
            return 0
        try:
            conversation = api.get_conversation(uuid, limit=10).conversation
            messages = (conversation.messages if conversation else None) or []
            print(f"joined {uuid}: {len(messages)} latest messages")
            for message in messages:
                print(f"  {message.author_conversation_participant_name}: {message.body}")
            # The credentials an agent's websocket connection needs (keep them secret).
            auth = api.get_agent_websocket_authorization().agent_auth
            print("websocket authorization:", "issued" if auth and auth.jwt else "missing")
        finally:
            api.leave_conversation(uuid)
        print(f"left {uuid}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
