"""A response is never lost to one odd field (docs/lenient-reading.md), over real HTTP.

A null in an optional field reads as None; a value of another type reads as UNSET, is kept
in `additional_properties` and reported (`problems_of`, `ApiResponse.problems`, a warning
once per field); a list item of the wrong type is left out and reported; `strict=True`
raises ResponseValidationError instead, as every call did before.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

import pytest

from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations import (
    UNSET,
    AsyncConversationApi,
    ConversationApi,
    ConversationStartRequest,
    InvalidRequestError,
    ReadProblem,
    ResponseValidationError,
    UnsuccessfulResponseError,
    _response,
    problems_of,
)
from ultracart_conversations.testing import _data


@pytest.fixture
def once(scripted_api: ConversationApi) -> ConversationApi:
    return scripted_api.with_options(max_retries=0)


@pytest.fixture(autouse=True)
def nothing_logged_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each field is logged once per process: start each test as a fresh process would."""
    monkeypatch.setattr(_response, "_LOGGED_FIELDS", set())


def full_page(count: int = 200) -> dict[str, Any]:
    """A getConversations page as the fake serves it: every field, participants, sentiment."""
    conversations = _data.seeded_conversations(count, seed=3, messages=2)
    return {
        "conversations": [_data.summary(c) for c in conversations],
        "metadata": {"result_set": {"count": count, "more": False, "total_records": count}},
        "success": True,
    }


def conversation(**fields: Any) -> dict[str, Any]:
    served = _data.served(_data.seeded_conversations(1, seed=5, messages=2)[0])
    return {"conversation": {**served, **fields}, "success": True}


def test_a_null_sentiment_reads_as_none_and_is_no_problem(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    document = conversation(sentiment=None, message_count=None, participants=None)
    scripted.enqueue(Reply.json(200, document))
    info = once.get_conversation_with_http_info("c-1")
    read = info.data.conversation
    assert read
    assert read.sentiment is None and read.message_count is None and read.participants is None
    assert read.conversation_uuid == document["conversation"]["conversation_uuid"]
    assert info.problems == () == problems_of(info.data)
    assert read.to_dict() == document["conversation"]  # null stays null on the way back


def test_a_string_for_an_integer_reads_as_unset_kept_and_reported(
    once: ConversationApi, scripted: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    document = conversation(message_count="3")
    scripted.enqueue(Reply.json(200, document), Reply.json(200, document))
    with caplog.at_level(logging.WARNING, logger="ultracart_conversations"):
        info = once.get_conversation_with_http_info("c-1")
        again = once.get_conversation("c-1")
    read = info.data.conversation
    assert read and again.conversation
    assert read.message_count is UNSET
    assert read.additional_properties == {"message_count": "3"}
    assert read["message_count"] == "3"
    assert read.to_dict() == document["conversation"]
    problem = ReadProblem("conversation.message_count", "an integer", "str", "3")
    assert info.problems == (problem,) == problems_of(info.data)
    data, status, headers, content = info  # still the four fields the README promises
    assert headers is info.headers
    assert data is info.data and status == 200 and content == info.content
    assert problems_of(read) == (problem._replace(path="message_count"),)
    assert str(problem) == "conversation.message_count: expected an integer, got str"
    # Every other field was read.
    assert read.conversation_uuid == document["conversation"]["conversation_uuid"]
    assert read.participants and read.sentiment
    # One warning for the field, not one per call.
    warnings = [r.getMessage() for r in caplog.records if "message_count" in r.getMessage()]
    assert len(warnings) == 1
    assert (
        "getConversation: conversation.message_count: expected an integer, got str" in (warnings[0])
    )
    assert "strict=True" in warnings[0]


def test_item_150_of_a_200_item_page_costs_only_its_odd_value(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    clean = full_page()
    odd = copy.deepcopy(clean)
    odd["conversations"][150]["participants"][0]["unread_messages"] = {"not": "a number"}
    scripted.enqueue(Reply.json(200, clean), Reply.json(200, odd))
    expected = once.get_conversations(limit=200).conversations
    info = once.get_conversations_with_http_info(limit=200)
    got = info.data.conversations
    assert expected and got and len(got) == len(expected) == 200
    assert [s for i, s in enumerate(got) if i != 150] == expected[:150] + expected[151:]
    participant = got[150].participants[0]  # type: ignore[index]
    assert participant.unread_messages is UNSET
    assert participant.additional_properties == {"unread_messages": {"not": "a number"}}
    assert got[150].conversation_uuid == expected[150].conversation_uuid
    assert got[150].sentiment == expected[150].sentiment
    path = "conversations[150].participants[0].unread_messages"
    assert [(p.path, p.expected, p.got) for p in info.problems] == [(path, "an integer", "dict")]
    assert problems_of(got[150]) == (
        ReadProblem("participants[0].unread_messages", "an integer", "dict", {"not": "a number"}),
    )
    assert problems_of(got[149]) == ()


def test_an_item_that_is_not_an_object_is_left_out_and_the_rest_kept(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    page = full_page(20)
    uuids = [c["conversation_uuid"] for c in page["conversations"]]
    page["conversations"][7] = None
    page["conversations"][12] = "junk"
    scripted.enqueue(Reply.json(200, page))
    info = once.get_conversations_with_http_info(limit=20)
    assert info.data.conversations
    got = [s.conversation_uuid for s in info.data.conversations]
    assert got == [u for i, u in enumerate(uuids) if i not in (7, 12)]
    assert [str(p) for p in info.problems] == [
        "conversations[7]: expected an object, got NoneType",
        "conversations[12]: expected an object, got str",
    ]


def test_strict_mode_raises_as_before(
    scripted_api: ConversationApi, scripted: ScriptedServer
) -> None:
    odd = full_page()
    odd["conversations"][150]["message_count"] = "many"
    scripted.enqueue(Reply.json(200, odd))
    with ConversationApi(
        simple_key="a-simple-key", base_url=scripted.base_url, max_retries=0, strict=True
    ) as strict:
        with pytest.raises(
            ResponseValidationError,
            match=r"does not match the getConversations model: "
            r"conversations\[150\]\.message_count: expected an integer, got str",
        ) as raised:
            strict.get_conversations(limit=200)
        assert raised.value.status == 200
        # A null is typed and documented: strict reads it as None.
        scripted.enqueue(Reply.json(200, conversation(sentiment=None)))
        read = strict.get_conversation("c-1").conversation
        assert read and read.sentiment is None
    with pytest.raises(TypeError, match="strict must be True or False"):
        scripted_api.with_options(strict="yes")  # type: ignore[arg-type]


def test_the_value_itself_is_never_logged(
    once: ConversationApi, scripted: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "eyJhbGciOiJIUzI1NiJ9.not-for-logs"
    scripted.enqueue(Reply.json(200, {"agent_auth": {"jwt": {"token": secret}}}))
    with caplog.at_level(logging.DEBUG, logger="ultracart_conversations"):
        info = once.get_agent_websocket_authorization_with_http_info()
    assert info.problems and info.problems[0].path == "agent_auth.jwt"
    assert secret not in caplog.text
    assert secret not in repr(info.problems)
    assert info.problems[0].value == {"token": secret}  # there for code that asks


async def test_the_async_client_reads_leniently_too(scripted: ScriptedServer) -> None:
    odd = full_page(10)
    odd["conversations"][3]["sentiment"] = "positive"
    scripted.enqueue(Reply.json(200, odd), Reply.json(200, odd))
    async with AsyncConversationApi(
        simple_key="a-simple-key", base_url=scripted.base_url, max_retries=0
    ) as api:
        info = await api.get_conversations_with_http_info(limit=10)
        assert info.data.conversations and info.data.conversations[3].sentiment is UNSET
        assert [str(p) for p in info.problems] == [
            "conversations[3].sentiment: expected an object, got str"
        ]
        with pytest.raises(ResponseValidationError, match=r"conversations\[3\]\.sentiment"):
            await api.with_options(strict=True).get_conversations(limit=10)


def test_a_request_body_is_checked_strictly_before_it_is_sent(
    once: ConversationApi, scripted: ScriptedServer
) -> None:
    # The models are shared with responses, so None type-checks; the spec allows no null
    # in a request, and a wrong type is refused as before. Nothing reaches the server.
    with pytest.raises(InvalidRequestError, match="resolve_only: null is not allowed"):
        once.start_conversation(ConversationStartRequest(resolve_only=None))
    bad = ConversationStartRequest(add_conversation_participant_arns=["a", 5])  # type: ignore[list-item]
    with pytest.raises(InvalidRequestError, match=r"add_conversation_participant_arns\[1\]"):
        once.start_conversation(bad)
    assert scripted.requests == []


@pytest.mark.parametrize("odd", [False, True], ids=["fast reader", "generic reader"])
def test_ultracart_s_warning_is_logged_and_success_false_raises(
    odd: bool, once: ConversationApi, scripted: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    page: dict[str, Any] = {
        "conversations": [],
        "success": True,
        "warning": {"warning_message": "slow down", "warning_code": "W1"},
    }
    if odd:  # an unknown key: the generic reader reads this one
        page["added_later"] = 1
    scripted.enqueue(Reply.json(200, page), Reply.json(200, {**page, "success": False}))
    with caplog.at_level(logging.WARNING, logger="ultracart_conversations"):
        once.get_conversations()
    assert "getConversations: UltraCart warns: slow down (W1)" in caplog.text
    with pytest.raises(UnsuccessfulResponseError):
        once.get_conversations()
