"""A fake UltraCart for your tests: a real HTTP server on 127.0.0.1, in memory.

    from ultracart_conversations.testing import FakeUltraCart, Fault

    with FakeUltraCart(conversations=25, seed=0) as fake:
        ...  # point any client at fake.base_url with fake.simple_key or fake.access_token

With pytest, the `ultracart_fake` fixture gives each test a fresh, running fake.
Importing `ultracart_conversations` does not import this module.
"""

from ._faults import Fault, FaultKind
from ._server import API_VERSION, FakeUltraCart, RecordedRequest

__all__ = ["API_VERSION", "FakeUltraCart", "Fault", "FaultKind", "RecordedRequest"]
