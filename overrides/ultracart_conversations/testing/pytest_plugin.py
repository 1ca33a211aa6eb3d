"""pytest plugin (registered through the `pytest11` entry point): the `ultracart_fake` fixture."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._server import FakeUltraCart


@pytest.fixture
def ultracart_fake() -> Iterator[FakeUltraCart]:
    """A running FakeUltraCart with 25 seeded conversations (seed 0), fresh for each test."""
    with FakeUltraCart(conversations=25, seed=0) as fake:
        yield fake
