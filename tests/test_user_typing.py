"""What a user's type checker sees (checked by mypy --strict in `make lint`; the
README.s examples by tests/typing_for_users.py there too)."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_type

import httpx
import pytest

from tests.typing_for_users import examples_modules
from ultracart_conversations import (
    UNSET,
    ClientOptions,
    ConversationApi,
    ConversationSummary,
    InvalidRequestError,
    ResultSet,
    Unset,
)
from ultracart_conversations.testing import FakeUltraCart
from ultracart_conversations_api.documents import ConversationParticipantDict


def test_an_absent_field_is_unset_and_narrows_by_truthiness() -> None:
    summary = ConversationSummary.from_dict({"message_count": 0, "merchant_id": None})
    # A field UltraCart may send as null (docs/lenient-reading.md) is typed so.
    assert_type(summary.conversation_uuid, str | None | Unset)
    assert summary.conversation_uuid is UNSET and not summary.conversation_uuid
    assert summary.merchant_id is None
    uuid = summary.conversation_uuid or "none"
    assert_type(uuid, str)
    if isinstance(summary.message_count, int):  # 0 is falsy: isinstance keeps it
        assert_type(summary.message_count, int)
    # null and absent differ: UltraCart sends total_records null when it is unknown.
    assert ResultSet.from_dict({"total_records": None}).total_records is None
    assert ResultSet.from_dict({}).total_records is UNSET


def test_from_env_takes_the_constructor_keywords(
    fake: FakeUltraCart, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ULTRACART_SIMPLE_KEY", fake.simple_key)
    monkeypatch.delenv("ULTRACART_ACCESS_TOKEN", raising=False)
    with ConversationApi.from_env(base_url=fake.base_url, max_retries=0, timeout=5) as api:
        assert api.retry_policy.max_retries == 0
        api.get_conversations(limit=1)
    # The keywords as a typed dict of their own, e.g. read from a config file.
    options: ClientOptions[httpx.Client] = {"base_url": fake.base_url, "max_retries": 1}
    with ConversationApi.from_env(**options) as api:
        assert api.retry_policy.max_retries == 1
    # A misspelt keyword is a type error (mypy flags this ignore if it ever is not) ...
    with pytest.raises(TypeError, match="max_retires"):
        ConversationApi.from_env(base_url=fake.base_url, max_retires=3)  # type: ignore[call-arg]
    if TYPE_CHECKING:  # checked by mypy, never run: a wrongly typed value is an error too
        ConversationApi.from_env(verify_ssl="no")  # type: ignore[arg-type]


def test_the_readme_and_docs_examples_make_one_module_per_page() -> None:
    modules = examples_modules()
    assert "examples_readme.py" in modules
    for name, page_source in modules.items():
        compile(page_source, name, "exec")
    source = "\n".join(modules.values())
    for used in (
        "ConversationApi(",
        "AsyncConversationApi(",
        "iter_conversations",
        "OAuthSession(",
    ):
        assert used in source, used


def test_the_fakes_accessors_are_typed(fake: FakeUltraCart) -> None:
    assert fake.count("getConversations") == 0
    first = fake.conversations[0]
    # The id of a paginated list's items is always there; every other key may be absent.
    assert_type(first["conversation_uuid"], str)
    assert_type(first.get("message_count"), int | None)
    uuid = first["conversation_uuid"]
    assert_type(
        fake.conversation(uuid).get("participants"), list[ConversationParticipantDict] | None
    )
    if TYPE_CHECKING:  # checked by mypy, never run: an operationId with a typo is an error
        fake.count("getConversation5")  # type: ignore[arg-type]
        fake.inject("getConversatons")  # type: ignore[arg-type]


def test_enum_parameters_are_literals_and_date_times_take_a_datetime(
    fake: FakeUltraCart,
) -> None:
    from datetime import UTC, datetime

    with ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api:
        newest = api.get_conversations(limit=1).conversations
        assert newest and isinstance(newest[0].last_message_dts, str)
        cutoff = datetime.fromisoformat(newest[0].last_message_dts)
        older = api.get_conversations(medium="sms", before=cutoff.astimezone(UTC))
        sent = fake.requests[-1].query
        assert sent["medium"] == "sms" and sent["before"] == cutoff.astimezone(UTC).isoformat()
        assert all(
            c.conversation_uuid != newest[0].conversation_uuid for c in older.conversations or []
        )
        with pytest.raises(InvalidRequestError, match="timezone-aware"):
            api.get_conversations(before=datetime(2025, 1, 1))
        with pytest.raises(InvalidRequestError, match="medium must be one of"):
            api.get_conversations(medium="carrier-pigeon")  # type: ignore[arg-type]
