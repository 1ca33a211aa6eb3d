"""Checking a client's configuration: credentials, timeout, environment (the base URL
and TLS checks are in _urls, which OAuthClient shares)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import NamedTuple

import httpx

from ultracart_conversations._auth import BearerTokenAuth, OAuthSessionAuth, SimpleKeyAuth
from ultracart_conversations._defaults import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_TIMEOUT,
    ENV_ACCESS_TOKEN,
    ENV_BASE_URL,
    ENV_SIMPLE_KEY,
    MAX_TIMEOUT_SECONDS,
)
from ultracart_conversations._redaction import Secrets, logger
from ultracart_conversations.errors import InvalidRequestError
from ultracart_conversations.oauth import OAuthSession


def check_seconds(name: str, value: object) -> float:
    """A positive, finite number of seconds (at most a week), or InvalidRequestError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = type(value).__name__
        raise InvalidRequestError(f"{name} must be a number of seconds, got {kind}")
    if not (0 < value <= MAX_TIMEOUT_SECONDS):  # also false for NaN
        raise InvalidRequestError(
            f"{name} must be a positive number of seconds, "
            f"at most {MAX_TIMEOUT_SECONDS:.0f}, got {value}"
        )
    return float(value)


def resolve_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        for part in ("connect", "read", "write", "pool"):
            value = getattr(timeout, part)
            if value is not None:
                check_seconds(f"timeout.{part}", value)
        return timeout
    if timeout is None:
        return httpx.Timeout(None)
    seconds = check_seconds("timeout", timeout)
    return httpx.Timeout(seconds, connect=min(seconds, DEFAULT_CONNECT_TIMEOUT))


def resolve_attempt_timeout(value: object) -> float | None:
    """An explicit `attempt_timeout=`: seconds, or None for no deadline."""
    return None if value is None else check_seconds("attempt_timeout", value)


def resolve_max_response_bytes(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidRequestError("max_response_bytes must be a positive int")
    return value


DEFAULT_HTTPX_TIMEOUT = resolve_timeout(DEFAULT_TIMEOUT)


class Credentials(NamedTuple):
    """How a client authenticates: the httpx.Auth, a label for reprs, what to scrub."""

    auth: httpx.Auth
    kind: str
    secrets: Secrets


def resolve_credentials(
    simple_key: str | None, access_token: str | None, oauth: OAuthSession | None
) -> Credentials:
    given = [
        name
        for name, value in (
            ("simple_key", simple_key),
            ("access_token", access_token),
            ("oauth", oauth),
        )
        if value is not None
    ]
    if not given:
        raise InvalidRequestError(
            "no credentials: pass simple_key=, access_token= or oauth=, "
            f"or set {ENV_SIMPLE_KEY} or {ENV_ACCESS_TOKEN} and use from_env()"
        )
    if len(given) > 1:
        raise InvalidRequestError(f"pass only one credential, got {' and '.join(given)}")
    if oauth is not None:
        if not isinstance(oauth, OAuthSession):
            raise InvalidRequestError("oauth must be an OAuthSession")
        return Credentials(OAuthSessionAuth(oauth), "oauth", oauth.secrets)
    name, value = (
        ("simple_key", simple_key) if simple_key is not None else ("access_token", access_token)
    )
    if not isinstance(value, str) or not value.strip():
        # Not the value itself: it may be a mistyped secret.
        raise InvalidRequestError(f"{name} must be a non-empty str")
    if value != value.strip() or any(ch in value for ch in "\r\n"):
        raise InvalidRequestError(f"{name} has leading/trailing whitespace or a line break")
    if not all("!" <= ch <= "~" for ch in value):
        # A header value with a control character (NUL, \x0b...), a space or a non-ASCII
        # character cannot be sent: refuse it here, typed, and never quote it.
        raise InvalidRequestError(
            f"{name} contains a character a credential cannot have "
            "(only printable ASCII without spaces); check where it was read from"
        )
    auth: httpx.Auth = SimpleKeyAuth(value) if name == "simple_key" else BearerTokenAuth(value)
    return Credentials(auth, name, Secrets(value))


def settings_from_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Constructor keywords from ULTRACART_SIMPLE_KEY / _ACCESS_TOKEN / _BASE_URL."""
    env = os.environ if environ is None else environ
    settings: dict[str, str] = {}
    for variable, keyword in (
        (ENV_SIMPLE_KEY, "simple_key"),
        (ENV_ACCESS_TOKEN, "access_token"),
        (ENV_BASE_URL, "base_url"),
    ):
        value = env.get(variable, "").strip()
        if value:
            settings[keyword] = value
    if "simple_key" in settings and "access_token" in settings:
        raise InvalidRequestError(
            f"both {ENV_SIMPLE_KEY} and {ENV_ACCESS_TOKEN} are set; unset one of them"
        )
    return settings


def enable_debugging() -> None:
    """debugging=True: make the package logger emit DEBUG records (wire logs included,
    credentials redacted), to stderr unless logging is already configured."""
    logger.setLevel(logging.DEBUG)
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
