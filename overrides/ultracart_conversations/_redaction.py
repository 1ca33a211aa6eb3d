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
from collections import deque
from collections.abc import Iterable, Mapping
from typing import TypeGuard
from urllib.parse import quote, quote_plus

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

    `scrub(text, limit)` is the one function every message, log line and repr that may
    hold server or credential text passes through: it replaces every known secret in
    every form it can take on the wire (see _written_forms), THEN cuts the text to
    `limit` characters (cutting first would leave part of a secret near the cut).

    Permanent values (a simple key, a client secret) are kept for the life of the
    object; tokens (`add_tokens`: access and refresh tokens, codes) are kept for the
    last _RECENT_TOKENS of them only: a session refreshing for months must not grow
    its secret set by one token an hour forever, and a retired token no longer works.
    Thread-safe: an OAuth refresh adds the new tokens while other threads log.
    """

    # Shorter values would scrub ordinary words; no real credential is this short.
    _MIN_LENGTH = 6
    # Tokens kept: the current access and refresh tokens and a few generations before.
    _RECENT_TOKENS = 12

    def __init__(self, *values: str | None) -> None:
        self._lock = threading.Lock()
        self._permanent: tuple[str, ...] = ()
        self._tokens: deque[str] = deque(maxlen=self._RECENT_TOKENS)
        self._pattern: re.Pattern[str] | None = None
        self.add(*values)

    def add(self, *values: str | None) -> None:
        """Values to scrub for as long as this object lives."""
        with self._lock:
            self._permanent += tuple(v for v in values if _usable(v) and v not in self._permanent)
            self._compile()

    def add_tokens(self, *values: str | None) -> None:
        """Tokens to scrub until _RECENT_TOKENS newer ones have been added."""
        with self._lock:
            for value in values:
                if _usable(value) and value not in self._tokens:
                    self._tokens.append(value)
            self._compile()

    def add_basic_credentials(self, user: str, password: str) -> None:
        """The base64 of HTTP Basic credentials (RFC 6749 2.3.1 sends a client's id and
        secret that way, form-encoded first), as an Authorization header shows them."""
        import base64

        forms = {f"{user}:{password}", f"{quote_plus(user)}:{quote_plus(password)}"}
        self.add(*(base64.b64encode(form.encode()).decode() for form in forms))

    def _compile(self) -> None:
        # Longest first, so that a secret containing another is removed whole.
        forms: set[str] = set()
        for value in (*self._permanent, *self._tokens):
            forms.update(_written_forms(value))
        ordered = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def scrub(self, text: str, limit: int | None = None) -> str:
        """`text` with every known secret replaced, then cut to `limit` characters."""
        pattern = self._pattern
        if pattern is not None:
            text = pattern.sub(REDACTED, text)
        return text if limit is None else text[:limit]

    def __len__(self) -> int:
        return len(self._permanent) + len(self._tokens)

    def __repr__(self) -> str:
        return f"Secrets(<{len(self)} redacted>)"


def _usable(value: str | None) -> TypeGuard[str]:
    return isinstance(value, str) and len(value) >= Secrets._MIN_LENGTH


def _written_forms(value: str) -> set[str]:
    """The ways a message may show a value: as is; escaped by repr() or JSON (a str
    with a control character); as a bytes repr (how h11 and httpx quote a header
    value); percent-encoded as in a form body or a URL (a client secret or refresh
    token in a token request), with upper- or lower-case hex digits."""
    forms = {value, repr(value)[1:-1], json.dumps(value)[1:-1]}
    for encoding in ("utf-8", "latin-1"):
        try:
            forms.add(repr(value.encode(encoding))[2:-1])
        except UnicodeEncodeError:
            continue
    for encoded in (quote_plus(value), quote(value, safe=""), quote(value)):
        forms.add(encoded)
        forms.add(re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), encoded))
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

# With HTTP/2 (an http_client of yours with http2=True), hpack logs every header it
# encodes at DEBUG, the simple key and the bearer token included, and then the encoded
# block, where a Huffman-coded key cannot be matched by any scrubbing: its records are
# dropped whole while a client is alive. They are of no use to this client's users.
_SILENCED_LOGGERS = ("hpack", "hpack.hpack", "hpack.table", "hpack.huffman")


class _DropFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not _LIVE_SECRETS


_DROP = _DropFilter()


def scrub_logs_of(secrets: Secrets) -> None:
    """Keep these credentials out of this package's, httpx's, httpcore's and hpack's
    logs."""
    _LIVE_SECRETS.add(secrets)
    for names, log_filter in ((_FILTERED_LOGGERS, _FILTER), (_SILENCED_LOGGERS, _DROP)):
        for name in names:
            log = logging.getLogger(name)
            if log_filter not in log.filters:
                log.addFilter(log_filter)


def redact_form(body: bytes, fields: frozenset[str] = SENSITIVE_FIELDS) -> bytes:
    """A form-encoded body (an OAuth token request) with the values of `fields`
    replaced; a body that is no form is returned as is."""
    from urllib.parse import parse_qsl, urlencode

    try:
        pairs = parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        return body
    if not any(name in fields for name, _ in pairs):
        return body
    shown = [(name, REDACTED if name in fields else value) for name, value in pairs]
    return urlencode(shown, safe="[]").encode()
