"""A client left open closes itself when collected, with a ResourceWarning; a closed
client, or one on an httpx client of yours, is collected in silence."""

from __future__ import annotations

import asyncio
import gc
import warnings

import httpx

from ultracart_conversations import AsyncConversationApi, ConversationApi
from ultracart_conversations.testing import FakeUltraCart


def collected_warnings(make: object) -> list[warnings.WarningMessage]:
    """Warnings raised while the only reference to `make()`'s client is dropped."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client = make()  # type: ignore[operator]
        del client
        gc.collect()
    return [w for w in caught if issubclass(w.category, ResourceWarning)]


def test_a_client_left_open_warns_and_closes_its_connections(fake: FakeUltraCart) -> None:
    kept: list[httpx.Client] = []

    def used_and_dropped() -> ConversationApi:
        api = ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url)
        api.get_conversations(limit=1)
        kept.append(api.http_client)
        return api

    (warning,) = collected_warnings(used_and_dropped)
    assert "ConversationApi was not closed" in str(warning.message)
    assert kept[0].is_closed


def test_closed_clients_and_clients_of_yours_are_collected_silently(
    fake: FakeUltraCart,
) -> None:
    def closed() -> ConversationApi:
        with ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api:
            api.get_conversations(limit=1)
        return api

    assert collected_warnings(closed) == []
    with httpx.Client() as yours:

        def on_yours() -> ConversationApi:
            api = ConversationApi(
                simple_key=fake.simple_key, base_url=fake.base_url, http_client=yours
            )
            api.get_conversations(limit=1)
            return api

        assert collected_warnings(on_yours) == []
        assert not yours.is_closed  # yours stays yours to close
    with ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api:
        assert collected_warnings(lambda: api.with_options(max_retries=0)) == []


def test_an_async_client_left_open_warns(fake: FakeUltraCart) -> None:
    def made() -> AsyncConversationApi:
        return AsyncConversationApi(simple_key=fake.simple_key, base_url=fake.base_url)

    (warning,) = collected_warnings(made)
    assert "AsyncConversationApi was not closed" in str(warning.message)

    async def closed() -> AsyncConversationApi:
        async with AsyncConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api:
            await api.get_conversations(limit=1)
        return api

    assert collected_warnings(lambda: asyncio.run(closed())) == []
