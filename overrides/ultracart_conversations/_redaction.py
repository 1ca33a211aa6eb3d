"""Keeping credentials out of logs, reprs and exception messages.

Two tools, used everywhere the client logs or builds a message: `redact_headers` blanks
the values of headers that carry credentials, and `Secrets.scrub` removes every
credential value the client knows from free text (a server may echo a key back in an
error message; a debug log of a body must not show a token).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import weakref
from collections.abc import Iterable, Mapping

logger = logging.getLogger("ultracart_conversations")

REDACTED = "[REDACTED]"

# Lower-case names of headers whose values are credentials or session material.
SENSITIVE_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "x-ultracart-simple-key",
        "x-ultracart-browser-key",
        "cookie",
        "set-cookie",
    }
)

# Form fields of OAuth token requests that hold secrets.
SENSITIVE_FIELDS = frozenset({"client_secret", "code", "refresh_token", "access_token"})


def redact_headers(headers: Iterable[tuple[str, str]] | Mapping[str, str]) -> dict[str, str]:
    """A copy of `headers` with the value of every credential header replaced."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    return {
        name: (REDACTED if name.lower() in SENSITIVE_HEADERS else value) for name, value in items
    }


class Secrets:
    """The credential values one client knows, to scrub them out of any text.

    Thread-safe: an OAuth refresh adds the new tokens while other threads log.
    """

    # Shorter values would scrub ordinary words; no real credential is this short.
    _MIN_LENGTH = 6

    def __init__(self, *values: str | None) -> None:
        self._lock = threading.Lock()
        self._values: tuple[str, ...] = ()
        self.add(*values)

    def add(self, *values: str | None) -> None:
        with self._lock:
            known = set(self._values)
            for value in values:
                if value and len(value) >= self._MIN_LENGTH:
                    known.update(_written_forms(value))
            # Longest first, so that a secret containing another is removed whole.
            self._values = tuple(sorted(known, key=len, reverse=True))

    def scrub(self, text: str) -> str:
        for value in self._values:
            if value in text:
                text = text.replace(value, REDACTED)
        return text

    def __repr__(self) -> str:
        return f"Secrets(<{len(self._values)} redacted>)"


def _written_forms(value: str) -> set[str]:
    """The ways a message may show a value: as is, escaped by repr() or JSON (a str
    with a control character), and as a bytes repr (how h11 and httpx quote a header
    value)."""
    forms = {value, repr(value)[1:-1], json.dumps(value)[1:-1]}
    for encoding in ("utf-8", "latin-1"):
        try:
            forms.add(repr(value.encode(encoding))[2:-1])
        except UnicodeEncodeError:
            continue
    return forms


def redact_fields(text: str, fields: frozenset[str]) -> str:
    """A JSON document with the values of the members named in `fields` (at any depth)
    replaced; text that is not JSON gets the same done to `"name": "value"` pairs."""
    if not fields:
        return text
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        pattern = _field_pattern(fields)
        return pattern.sub(lambda m: m.group(1) + json.dumps(REDACTED), text)
    if not _redact_document(document, fields):
        return text  # as the server wrote it
    return json.dumps(document, ensure_ascii=False)


def _field_pattern(fields: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(re.escape(name) for name in sorted(fields))
    return re.compile(r'("(?:' + names + r')"\s*:\s*)"(?:[^"\\]|\\.)*"?')


def _redact_document(node: object, fields: frozenset[str]) -> bool:
    """Blank the named members in place; whether there was any. Iterative, so a deeply
    nested body cannot exhaust the stack."""
    found = False
    stack: list[object] = [node]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for name, member in value.items():
                if name in fields and member is not None:
                    value[name] = REDACTED
                    found = True
                else:
                    stack.append(member)
        elif isinstance(value, list):
            stack.extend(value)
    return found


# Every Secrets of a live client, for the log filter below.
_LIVE_SECRETS: weakref.WeakSet[Secrets] = weakref.WeakSet()

# httpcore logs response headers at DEBUG (a server may echo a key back); httpx logs
# URLs at INFO. Logger filters do not apply to child loggers, hence each name.
_FILTERED_LOGGERS = (
    "ultracart_conversations",
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)


class _ScrubbingFilter(logging.Filter):
    """Removes known credential values from every record of the loggers above. Runs only
    for records that are emitted, so it costs nothing while those loggers are quiet."""

    def filter(self, record: logging.LogRecord) -> bool:
        live = list(_LIVE_SECRETS)
        if live:
            message = record.getMessage()
            scrubbed = message
            for secrets in live:
                scrubbed = secrets.scrub(scrubbed)
            if scrubbed != message:
                record.msg, record.args = scrubbed, None
        return True


_FILTER = _ScrubbingFilter()


def scrub_logs_of(secrets: Secrets) -> None:
    """Keep these credentials out of this package's, httpx's and httpcore's logs."""
    _LIVE_SECRETS.add(secrets)
    for name in _FILTERED_LOGGERS:
        log = logging.getLogger(name)
        if _FILTER not in log.filters:
            log.addFilter(_FILTER)
