"""One plain httpx client for the tests that speak to the fake directly, not through our
client: building an httpx client (its TLS context) costs about 0.1 s, so they share one.
conftest.py closes it when the session ends."""

import httpx

HTTP = httpx.Client()
