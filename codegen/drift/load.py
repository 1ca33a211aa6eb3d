"""Read a document from a path or an http(s) URL, as JSON or YAML, with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from codegen.drift.errors import DocumentError

# libyaml's loader when available: UltraCart's whole-API document is several megabytes.
_YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FETCH_TIMEOUT_SECONDS = 30.0


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def load_document(source: str) -> dict[str, Any]:
    """The parsed top-level mapping of the document at `source` (a path or a URL)."""
    text = _fetch(source) if is_url(source) else _read(source)
    return parse(text, source)


def _read(source: str) -> str:
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{source}: is a directory, not a file") from None
    except OSError as exc:
        raise DocumentError(f"{source}: cannot be read ({exc.strerror})") from None
    return _decode(data, source)


def _fetch(url: str) -> str:
    import httpx  # only the URL path needs it

    try:
        response = httpx.get(url, timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=True)
    except httpx.HTTPError as exc:
        raise DocumentError(f"{url}: cannot be fetched ({type(exc).__name__}: {exc})") from None
    if response.status_code != 200:
        raise DocumentError(f"{url}: the server answered HTTP {response.status_code}")
    return _decode(response.content, url)


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(f"{source}: is not UTF-8 text") from None


def parse(text: str, source: str) -> dict[str, Any]:
    if not text.strip():
        raise DocumentError(f"{source}: is empty")
    document: object = None
    # JSON first: it is how UltraCart publishes, and json is far faster than YAML on it.
    if text.lstrip().startswith(("{", "[")):
        try:
            document = json.loads(text)
        except json.JSONDecodeError:
            document = None  # may still be YAML flow style; YAML will tell
    if document is None:
        try:
            document = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 (a safe loader)
        except yaml.YAMLError as exc:
            raise DocumentError(f"{source}: is neither JSON nor YAML ({_one_line(exc)})") from None
    if document is None:
        raise DocumentError(f"{source}: is empty")
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise DocumentError(f"{source}: is not an OpenAPI document (the top level is a {kind})")
    return document


def _one_line(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"{problem}{where}"
