"""Checking a base URL and its transport security, for the API clients and OAuthClient;
and what the httpx clients they make keep of a server (no cookies)."""

from __future__ import annotations

import ssl
import warnings
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import SplitResult, urlsplit

from ultracart_conversations.errors import InsecureTransportWarning, InvalidRequestError

_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def _check_base_url(base_url: str) -> SplitResult:
    """The parts of a usable base URL, or InvalidRequestError. Messages never quote the
    URL: it may carry a password."""
    if any(ch <= " " or ch == "\x7f" for ch in base_url):
        raise InvalidRequestError("base_url must not contain spaces or control characters")
    try:
        parts = urlsplit(base_url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        raise InvalidRequestError("base_url is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRequestError("base_url must be an http:// or https:// URL with a host")
    if "@" in parts.netloc:
        # A password there would show in reprs, error messages and logs.
        raise InvalidRequestError(
            "base_url must not contain a user name or password (user:password@host)"
        )
    if "?" in base_url or "#" in base_url:
        # Every call's path and query are appended to the base URL: after a query or a
        # fragment they would be lost, and every call would go to the base path.
        raise InvalidRequestError("base_url must not contain a query (?) or fragment (#)")
    return parts


def check_transport_security(base_url: str, verify_ssl: object) -> None:
    """Refuse a base URL that is not a plain http(s) URL and a verify_ssl httpx would
    not take; warn about anything that is not safe."""
    check_verify_ssl(verify_ssl)
    parts = _check_base_url(base_url)
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


def check_verify_ssl(verify_ssl: object) -> None:
    """What httpx's `verify` accepts from us: a bool or an ssl.SSLContext (0 or "no"
    would otherwise fail later, untyped, inside httpx)."""
    if not isinstance(verify_ssl, bool | ssl.SSLContext):
        raise InvalidRequestError(
            f"verify_ssl must be True, False or an ssl.SSLContext, got {type(verify_ssl).__name__}"
        )


def no_cookies() -> CookieJar:
    """A cookie jar that keeps none: for the httpx clients this package makes. The API
    uses no cookies, and a kept one would go out with every later request: a tracking
    handle for whoever set it, and a request that cannot even be built when its value
    is not ASCII (httpx raised UnicodeEncodeError; the fuzz harness found it)."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
