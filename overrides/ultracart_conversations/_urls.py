"""Checking a base URL and its transport security, for the API clients and OAuthClient."""

from __future__ import annotations

import warnings
from urllib.parse import urlsplit

from ultracart_conversations.errors import InsecureTransportWarning, InvalidRequestError

_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def check_transport_security(base_url: str, verify_ssl: object) -> None:
    """Refuse a base URL that is not http(s); warn about anything that is not safe."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRequestError("base_url must be an http:// or https:// URL with a host")
    if verify_ssl is False:
        warnings.warn(
            "verify_ssl=False: TLS certificates are not checked, so anyone on the network "
            "path can read and change this client's traffic, credentials included",
            InsecureTransportWarning,
            stacklevel=3,  # the line that built the client
        )
    if parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
        warnings.warn(
            f"base_url uses plain HTTP to {parts.hostname}: credentials travel unencrypted",
            InsecureTransportWarning,
            stacklevel=3,  # the line that built the client
        )
