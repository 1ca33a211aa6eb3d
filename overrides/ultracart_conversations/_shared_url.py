"""`shared=` URLs: which store, where, under which name.

    sqlite:///var/lib/app/ultracart.db      a file every process on this machine opens
    redis://host:6379/0                     a Redis (or Valkey) server, for many machines
    rediss://user:password@host:6380/0      the same over TLS

A `#name` at the end names the gate (or grant) in the store, for several applications in
one store. The same URL in ULTRACART_SHARED_STATE is read by `from_env()` and the CLI.
"""

from __future__ import annotations

import os
from typing import NamedTuple
from urllib.parse import unquote, urlsplit, urlunsplit

from ultracart_conversations.errors import InvalidRequestError

ENV_SHARED_STATE = "ULTRACART_SHARED_STATE"
SCHEMES = ("sqlite", "redis", "rediss", "unix")  # unix: Redis on a local socket


class SharedUrl(NamedTuple):
    scheme: str  # "sqlite" or "redis"
    target: str  # the file's path, or the Redis URL without its #name
    name: str  # the gate's (or grant's) name in the store
    description: str  # for messages: the URL without its password


def parse_shared_url(url: object, default_name: str = "default") -> SharedUrl:
    if not isinstance(url, str) or not url.strip():
        raise InvalidRequestError("shared must be a URL: sqlite:///path/file.db or redis://host")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise InvalidRequestError(
            f"shared: unknown kind of store {parts.scheme!r}; use sqlite:///path/file.db "
            "(one machine) or redis://host:6379/0 (many machines)"
        )
    name = unquote(parts.fragment) or default_name
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(":" + parts.password + "@", ":***@")
    description = urlunsplit((scheme, netloc, parts.path, parts.query, ""))
    if scheme == "unix":
        description = "unix://" + parts.path
    if scheme == "sqlite":
        path = unquote(parts.path)
        if parts.netloc or not path or path == "/":
            raise InvalidRequestError(
                "shared: a SQLite URL names a file: sqlite:///absolute/path/file.db"
            )
        return SharedUrl("sqlite", os.path.expanduser(path), name, description)
    return SharedUrl("redis", url.strip().partition("#")[0], name, description)


def shared_url_from_env(environ: dict[str, str] | None = None) -> str | None:
    value = (os.environ if environ is None else environ).get(ENV_SHARED_STATE, "").strip()
    return value or None
