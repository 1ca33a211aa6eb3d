"""pytest plugin (registered through the `pytest11` entry point): the `ultracart_fake` fixture.

    def test_sync(ultracart_fake): ...              # 25 conversations, seed 0

    @pytest.mark.ultracart_fake(conversations=3, seed=7, latency=0.01)
    def test_small(ultracart_fake): ...             # FakeUltraCart(**those keywords)

pytest loads this module in every run of every project that has the package installed,
so it is a top-level module (importing it does not import `ultracart_conversations`)
and the fake server is imported only when a test asks for the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from ultracart_conversations.testing import FakeUltraCart

DEFAULTS: dict[str, Any] = {"conversations": 25, "seed": 0}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "ultracart_fake(**kwargs): keyword arguments for the FakeUltraCart of the "
        "ultracart_fake fixture",
    )


@pytest.fixture
def ultracart_fake(request: pytest.FixtureRequest) -> Iterator[FakeUltraCart]:
    """A running FakeUltraCart, fresh for each test, stopped after it."""
    from ultracart_conversations.testing import FakeUltraCart

    marker = request.node.get_closest_marker("ultracart_fake")
    options = {**DEFAULTS, **(marker.kwargs if marker else {})}
    with FakeUltraCart(**options) as fake:
        yield fake
