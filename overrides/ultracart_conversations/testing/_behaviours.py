"""The fake's written behaviours: the stateful answers of the operations it models
(conversations listed, started, read, joined and left; agent authorization; upload URLs).
Every other operation of openapi.yaml is answered from its schema (`_answers.py`).

Each behaviour is registered under the operationId it answers, with the parameters and
body fields it reads (see `_registry.py`: a test keeps these true to openapi.yaml).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from . import _data
from ._http import Reply, error_reply, json_reply
from ._registry import Call, behaviour

if TYPE_CHECKING:
    from ._server import FakeUltraCart


@behaviour(
    "getConversations",
    params={"_limit": "integer", "_offset": "integer", "medium": "string", "before": "string"},
)
def _get_conversations(fake: FakeUltraCart, call: Call) -> Reply:
    limit, offset = call.params["_limit"], call.params["_offset"]
    medium, before = call.params["medium"], call.params["before"]
    try:
        bound = _instant(before) if before else None
    except ValueError:
        bound = None  # the spec types it as any string: what is not a date bounds nothing
    with fake._lock:
        if offset > 0 and fake._paging_inserts:
            fake.insert_conversations(fake._paging_inserts)
        listed = [
            c
            for c in fake._conversations
            if (medium is None or c.get("medium") == medium)
            and (bound is None or _earlier(_data.last_message_dts(c), bound))
        ]
        total = len(listed)
        page = [_data.summary(c) for c in listed[offset : offset + limit]]
        known = fake.total_records_known
    result_set = {
        "count": len(page),
        "limit": limit,
        "more": offset + len(page) < total,
        "next_offset": offset + len(page),
        "offset": offset,
        "total_records": total if known else None,
    }
    return _envelope({"conversations": page}, {"result_set": result_set})


@behaviour(
    "startConversation",
    body={
        "add_conversation_participant_arns": "array",
        "conversation_arn": "string",
        "conversation_webchat_queue_uuid": "string",
        "resolve_only": "boolean",
    },
)
def _start_conversation(fake: FakeUltraCart, call: Call) -> Reply:
    start = call.body or {}
    arn = start.get("conversation_arn")
    with fake._lock:
        if start.get("resolve_only"):
            # Resolve only: answer with the conversation this ARN already has.
            found = next(
                (c for c in fake._conversations if arn and c["conversation_arn"] == arn), None
            )
            # Nothing to resolve: nothing started either, and no conversation to show.
            return json_reply(200, {"conversation": _data.served(found)} if found else {})
        conversation = _data.new_conversation(
            str(uuid.uuid4()),
            arn or None,
            start.get("add_conversation_participant_arns", []),
            webchat_queue_uuid=start.get("conversation_webchat_queue_uuid"),
        )
        fake._conversations.insert(0, conversation)
        # ConversationStartResponse is the one answer without the envelope.
        return json_reply(200, {"conversation": _data.served(conversation)})


@behaviour("getConversation", params={"conversation_uuid": "string", "limit": "integer"})
def _get_conversation(fake: FakeUltraCart, call: Call) -> Reply:
    uuid_ = call.params["conversation_uuid"]
    with fake._lock:
        try:
            conversation = fake._find(uuid_)
        except KeyError:
            return _not_found(uuid_)
        conversation["unread_messages"] = False  # an agent has now seen it
        served = _data.served(conversation, message_limit=call.params["limit"])
        return _envelope({"conversation": served})


@behaviour(
    "joinConversation",
    params={"conversation_uuid": "string"},
    body={"participant_language_iso_code": "string"},
    statuses=(204,),
)
def _join_conversation(fake: FakeUltraCart, call: Call) -> Reply:
    uuid_ = call.params["conversation_uuid"]
    language = (call.body or {}).get("participant_language_iso_code")
    with fake._lock:
        try:
            conversation = fake._find(uuid_)
        except KeyError:
            return _not_found(uuid_)
        me = _agent_in(conversation)
        if me is None:
            me = _data.participant(
                _data.AGENT_ARN, _data.AGENT_NAME, str(uuid.uuid4()), _data.now_dts()
            )
            conversation["participants"].append(me)
        elif me["status"] != "active":
            me.update(status="active", joined_dts=_data.now_dts())
            me.pop("left_dts", None)
        if language:
            me["language_iso_code"] = language
    return Reply(204)


@behaviour("leaveConversation", params={"conversation_uuid": "string"}, statuses=(204,))
def _leave_conversation(fake: FakeUltraCart, call: Call) -> Reply:
    uuid_ = call.params["conversation_uuid"]
    with fake._lock:
        try:
            conversation = fake._find(uuid_)
        except KeyError:
            return _not_found(uuid_)
        me = _agent_in(conversation)
        if me is not None and me["status"] == "active":
            me.update(status="left", left_dts=_data.now_dts())
    return Reply(204)


@behaviour("getAgentWebsocketAuthorization")
def _get_agent_websocket_authorization(fake: FakeUltraCart, _: Call) -> Reply:
    with fake._lock:
        jwt = fake._credentials.jwt(
            {"iss": "fake-ultracart", "sub": _data.AGENT_ARN, "merchant_id": _data.MERCHANT_ID}
        )
    agent_auth = {
        "chat_admin": True,
        "chat_user": True,
        "conversation_participant_arn": _data.AGENT_ARN,
        "conversation_participant_name": _data.AGENT_NAME,
        "default_phone_number": "+15555550100",
        "group_ids": [],
        "jwt": jwt,
        "merchant_id": _data.MERCHANT_ID,
        "merchants": [
            {"company": "Demo Store", "is_parent": True, "merchant_id": _data.MERCHANT_ID}
        ],
        "twilio_accounts": [
            {"merchant_id": _data.MERCHANT_ID, "twilio_phone_numbers": ["+15555550100"]}
        ],
        "websocket_url": "wss://fake-ultracart.invalid/conversation/websocket",
    }
    return _envelope({"agent_auth": agent_auth})


@behaviour("getConversationMultimediaUploadUrl", params={"extension": "string"})
def _get_conversation_multimedia_upload_url(fake: FakeUltraCart, call: Call) -> Reply:
    # openapi.yaml allows any extension, so the fake does too.
    key = f"conversation/{_data.MERCHANT_ID}/{uuid.uuid4()}.{call.params['extension']}"
    upload = {
        "key": key,
        "url": f"https://fake-ultracart-uploads.invalid/{quote(key)}?signature=fake",
    }
    return _envelope({"conversation_multimedia_upload_url": upload})


def _envelope(payload: Mapping[str, Any], metadata: Mapping[str, Any] | None = None) -> Reply:
    """UltraCart's success shape: the payload beside `success` and `metadata`."""
    return json_reply(200, {**payload, "metadata": dict(metadata or {}), "success": True})


def _earlier(when: str, bound: datetime) -> bool:
    """Whether the date/time `when` is before `bound` (an unreadable one is not)."""
    try:
        return _instant(when) < bound
    except ValueError:
        return False


def _instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text.strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _not_found(conversation_uuid: str) -> Reply:
    shown = conversation_uuid if len(conversation_uuid) <= 64 else conversation_uuid[:64] + "..."
    return error_reply(404, f"No conversation with uuid {shown}.")


def _agent_in(conversation: Mapping[str, Any]) -> dict[str, Any] | None:
    for person in conversation["participants"]:
        if person.get("conversation_participant_arn") == _data.AGENT_ARN:
            found: dict[str, Any] = person
            return found
    return None
