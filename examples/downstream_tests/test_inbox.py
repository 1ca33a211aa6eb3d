"""A downstream suite: the `ultracart_fake` fixture comes with the package (nothing to
import or configure), and every client is closed, so `filterwarnings = error` passes."""

from __future__ import annotations

import pytest
from inbox import unread_uuids

from ultracart_conversations import ConversationApi, RateLimitError
from ultracart_conversations.testing import FakeUltraCart, Fault


def client(fake: FakeUltraCart) -> ConversationApi:
    return ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url)


def test_unread_conversations_are_found(ultracart_fake: FakeUltraCart) -> None:
    expected = [
        c["conversation_uuid"] for c in ultracart_fake.conversations if c["unread_messages"]
    ]
    with client(ultracart_fake) as api:
        assert unread_uuids(api) == expected


@pytest.mark.ultracart_fake(conversations=3, seed=7)
def test_a_rate_limit_is_waited_out(ultracart_fake: FakeUltraCart) -> None:
    ultracart_fake.inject("getConversations", Fault.status(429, retry_after="1"))
    with client(ultracart_fake) as api:
        unread_uuids(api)
    assert ultracart_fake.count("getConversations") == 2  # refused once, then sent again


def test_a_long_rate_limit_raises(ultracart_fake: FakeUltraCart) -> None:
    ultracart_fake.inject("getConversations", Fault.status(429, retry_after="7200"))
    with client(ultracart_fake) as api, pytest.raises(RateLimitError) as raised:
        unread_uuids(api)
    assert raised.value.retry_after == 7200
