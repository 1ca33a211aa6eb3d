"""Read a document from a path or an http(s) URL, as JSON or YAML, with one-line errors.

Every input is bounded: at most `Limits.max_bytes` are read from a file or a URL (as
decompressed), a URL is fetched within `Limits.fetch_seconds` overall (not per read: a
server dripping a byte at a time cannot hold us), and YAML aliases may not expand a
document beyond the same size limit (an alias bomb is refused before anything walks it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from codegen.drift.errors import DocumentError

# libyaml's loader when available: UltraCart's whole-API document is several megabytes.
_YamlLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Per read (connect, each chunk): the overall deadline is Limits.fetch_seconds.
READ_TIMEOUT_SECONDS = 30.0
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    # UltraCart's whole-API document is a few megabytes: 100 MB leaves a wide margin.
    max_bytes: int = 100 * 1024 * 1024
    fetch_seconds: float = 120.0


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def load_document(source: str, limits: Limits = Limits()) -> dict[str, Any]:
    """The parsed top-level mapping of the document at `source` (a path or a URL)."""
    text = read_text(source, limits) if not is_url(source) else _fetch(source, limits)
    return parse(text, source, limits)


def read_text(source: str | Path, limits: Limits = Limits()) -> str:
    """A local file's text (UTF-8), at most `limits.max_bytes` of it, or DocumentError."""
    try:
        with Path(source).open("rb") as file:
            chunks: list[bytes] = []
            size = 0
            # In chunks, to the limit and one byte past it: /dev/zero has no end.
            while chunk := file.read(min(_CHUNK, limits.max_bytes + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limits.max_bytes:
                    raise _too_large(source, limits)
    except FileNotFoundError:
        raise DocumentError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{source}: is a directory, not a file") from None
    except OSError as exc:
        raise DocumentError(f"{source}: cannot be read ({exc.strerror})") from None
    return _decode(b"".join(chunks), source)


def _too_large(source: str | Path, limits: Limits) -> DocumentError:
    return DocumentError(f"{source}: larger than the size limit ({limits.max_bytes} bytes; see --max-size)")


def _fetch(url: str, limits: Limits) -> str:
    # asyncio for the deadline: cancelling a read is the one way to bound the whole
    # exchange, headers included, whatever pace the server keeps.
    import asyncio

    try:
        data = asyncio.run(asyncio.wait_for(_download(url, limits), limits.fetch_seconds))
    except TimeoutError:
        raise DocumentError(f"{url}: not fetched within {limits.fetch_seconds:g} s (see --fetch-timeout)") from None
    return _decode(data, url)


# Redirects followed (a published document moves); more is a loop.
MAX_REDIRECTS = 5


async def _download(url: str, limits: Limits) -> bytes:
    import httpx  # only the URL path needs it

    # The client's one bounded reader: each content coding's output counted against the
    # limit as it streams (stacked gzip cannot expand past it), only codings it can bound.
    # Redirects are followed here, not by httpx, which reads a redirect's whole body
    # (decoded, unbounded) before following it.
    from ultracart_conversations import _body
    from ultracart_conversations._urls import no_cookies

    headers = {"Accept-Encoding": _body.ACCEPT_ENCODING}
    try:
        async with httpx.AsyncClient(timeout=READ_TIMEOUT_SECONDS, headers=headers, cookies=no_cookies()) as client:
            for _ in range(MAX_REDIRECTS + 1):
                async with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        await _body.adrain(response, _REDIRECT_BODY)
                        url = str(response.url.join(response.headers["location"]))
                        continue
                    if response.status_code != 200:
                        raise DocumentError(f"{url}: the server answered HTTP {response.status_code}")
                    return await _body.aread(response, limits.max_bytes)
            raise DocumentError(f"{url}: more than {MAX_REDIRECTS} redirects")
    except _body.BodyTooLarge:
        raise _too_large(url, limits) from None
    except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise DocumentError(f"{url}: cannot be fetched ({type(exc).__name__}: {exc})") from None


# Enough of a redirect's body to close its connection cleanly; the rest is not read.
_REDIRECT_BODY = 64 * 1024


def _decode(data: bytes, source: str | Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError(f"{source}: is not UTF-8 text") from None


def parse(text: str, source: str, limits: Limits = Limits()) -> dict[str, Any]:
    if not text.strip():
        raise DocumentError(f"{source}: is empty")
    document: object = None
    # JSON first: it is how UltraCart publishes, and json is far faster than YAML on it.
    if text.lstrip().startswith(("{", "[")):
        try:
            document = json.loads(text)
        except json.JSONDecodeError:
            document = None  # may still be YAML flow style; YAML will tell
        except RecursionError:
            raise DocumentError(f"{source}: nested too deeply") from None
    if document is None:
        try:
            document = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 (a safe loader)
        except yaml.YAMLError as exc:
            raise DocumentError(f"{source}: is neither JSON nor YAML ({_one_line(exc)})") from None
        # Only YAML can share nodes (aliases); JSON's size is bounded by its text.
        check_expansion(document, source, limits)
    if document is None:
        raise DocumentError(f"{source}: is empty")
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise DocumentError(f"{source}: is not an OpenAPI document (the top level is a {kind})")
    check_text(document, source)
    return document


def check_text(document: object, source: str) -> None:
    """Refuse a string that is not Unicode text: a lone surrogate (JSON's `"\\ud800"`).

    Nothing could print, compare or write it; it is refused here, once, with where it is.
    """
    stack: list[tuple[object, str]] = [(document, "#")]
    seen: set[int] = set()
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            if not node.isascii():
                try:
                    node.encode("utf-8")
                except UnicodeEncodeError:
                    shown = where.encode("ascii", "backslashreplace").decode("ascii")
                    raise DocumentError(
                        f"{source}: {shown}: a string holds a lone surrogate (not Unicode text)"
                    ) from None
            continue
        if id(node) in seen:
            continue  # a YAML alias: its node is checked once
        if isinstance(node, Mapping):
            seen.add(id(node))
            for key, value in node.items():
                step = f"{where}/{str(key).replace('~', '~0').replace('/', '~1')}"
                stack.append((key, where))
                stack.append((value, step))
        elif isinstance(node, list):
            seen.add(id(node))
            stack.extend((item, f"{where}/{i}") for i, item in enumerate(node))


def check_expansion(document: object, source: str, limits: Limits) -> None:
    """Refuse a document whose aliases expand it beyond the size limit, or into itself.

    The expanded size (one unit per node, plus a string's length: about its size as JSON)
    is summed once per distinct node, so the check is linear in the text, not the bomb.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # entered, not finished: the ancestors of the current node
    stack: list[tuple[object, bool]] = [(document, False)]
    while stack:
        node, finished = stack.pop()
        children = _children(node)
        key = id(node)
        if finished:
            open_nodes.discard(key)
            total = 1 + sum(sizes[id(c)] if isinstance(c, Mapping | list) else _weight(c) for c in children or ())
            if total > limits.max_bytes:
                raise DocumentError(
                    f"{source}: YAML aliases expand it beyond the size limit ({limits.max_bytes} bytes; see --max-size)"
                )
            sizes[key] = total
            continue
        if children is None or key in sizes:
            continue
        if key in open_nodes:
            raise DocumentError(f"{source}: a YAML alias refers to a node that contains it")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children)


def _children(node: object) -> list[object] | None:
    if isinstance(node, Mapping):
        return [*node.keys(), *node.values()]
    if isinstance(node, list):
        return node
    return None


def _weight(scalar: object) -> int:
    return 1 + len(scalar) if isinstance(scalar, str) else 1


def _one_line(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    return f"{problem}{where}"
