"""A local stand-in for UltraCart that answers from precomputed bytes.

The benchmark measures client cost, so the server must cost as little as possible and
the same for every contender: every response is built once and then written from a
cache. It runs in its own process (started by `bench.run`) so that it does not share a
GIL with the clients being measured. Run alone: `python -m bench.server`; it prints
`PORT <n>` and serves until its stdin closes.

Two pages are measured: the bench's own (9 of the summary's 17 fields, about 107 KB for
200) and a full one (every field, with a participant and a sentiment, as the fake and the
live API send them, about 250 KB).

Paths:
  GET /rest/v2/conversation/conversations?_limit=&_offset=   pages of `total` summaries
  GET /full/rest/v2/conversation/conversations?...           the same, full summaries
  GET /nulltotal/rest/v2/conversation/conversations?...      the bench's, total_records null
  GET /_bench/config?latency=&total=                 set latency (s) and dataset size
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any
from urllib.parse import parse_qs, urlsplit

DEFAULT_TOTAL = 10_000


def summary(i: int) -> dict[str, Any]:
    """The i-th conversation summary, newest first; realistic field sizes."""
    uuid = f"{i:08x}-4c1e-4b7a-9d2e-{i * 7919 % 16**12:012x}"
    return {
        "conversation_arn": f"arn:aws:connect:us-east-1:000000000000:conversation/{uuid}",
        "conversation_uuid": uuid,
        "last_conversation_message_body": f"Hello, I have a question about order DEMO-{i:07d}. "
        "Can you tell me when it ships?",
        "last_conversation_participant_arn": f"arn:aws:connect:participant/{i % 97:04d}",
        "last_conversation_participant_name": f"Customer {i % 97}",
        "last_message_dts": f"2026-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}T12:{i % 60:02d}:00Z",
        "merchant_id": "DEMO",
        "message_count": i % 50 + 1,
        "unread_messages": i % 3 == 0,
    }


def full_summaries(count: int) -> list[dict[str, Any]]:
    """`count` summaries with every field, as the fake (and the live API) sends them."""
    from ultracart_conversations.testing import _data

    return [_data.summary(c) for c in _data.seeded_conversations(count, seed=21, messages=4)]


class Pages:
    """Response bytes per (limit, offset, total known), built on first use."""

    def __init__(self, total: int, full: bool = False) -> None:
        self.total = total
        documents = full_summaries(total) if full else [summary(i) for i in range(total)]
        # The full page as the fake writes JSON (no spaces); the bench's as it always was.
        self.separators = (",", ":") if full else (", ", ": ")
        self._fragments = [json.dumps(d, separators=self.separators).encode() for d in documents]
        self._cache: dict[tuple[int, int, bool], bytes] = {}

    def response(self, limit: int, offset: int, total_known: bool) -> bytes:
        """The whole HTTP response, status line to last byte."""
        key = (limit, offset, total_known)
        cached = self._cache.get(key)
        if cached is None:
            body = self._build(limit, offset, total_known)
            cached = self._cache[key] = _response("200 OK", body)
        return cached

    def _build(self, limit: int, offset: int, total_known: bool) -> bytes:
        chunk = self._fragments[offset : offset + limit]
        more = offset + len(chunk) < self.total
        metadata = {
            "result_set": {
                "count": len(chunk),
                "limit": limit,
                "more": more,
                "next_offset": offset + len(chunk),
                "offset": offset,
                "total_records": self.total if total_known else None,
            }
        }
        return (
            b'{"conversations":['
            + b",".join(chunk)
            + b'],"metadata":'
            + json.dumps(metadata).encode()
            + b',"success":true}'
        )


def _response(status: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
    return f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body


NOT_FOUND = _response("404 Not Found", b'{"success":false}')
BAD_REQUEST = _response("400 Bad Request", b'{"success":false}')
OK_EMPTY = _response("200 OK", b"{}")


# The full pages serve per-call measurements only: a few pages' worth is enough.
FULL_TOTAL = 1_000


class State:
    def __init__(self) -> None:
        self.latency = 0.0
        self.pages = Pages(DEFAULT_TOTAL)
        self._full: Pages | None = None

    @property
    def full(self) -> Pages:
        if self._full is None:
            self._full = Pages(FULL_TOTAL, full=True)
        return self._full


class HttpProtocol(asyncio.Protocol):
    """Just enough HTTP/1.1 for keep-alive GETs: request line, headers, Content-Length."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        # Responses go out in request order even when latency delays them.
        self.queue: asyncio.Queue[asyncio.Future[bytes]] = asyncio.Queue()
        self.writer_task = asyncio.get_running_loop().create_task(self._write_in_order())

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.writer_task.cancel()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length :]
            method, target, _ = head.split("\r\n", 1)[0].split(" ", 2)
            self.queue.put_nowait(asyncio.ensure_future(self._answer(method, target)))

    async def _write_in_order(self) -> None:
        while True:
            pending = await self.queue.get()
            payload = await pending
            if self.transport is not None and not self.transport.is_closing():
                self.transport.write(payload)

    async def _answer(self, method: str, target: str) -> bytes:
        url = urlsplit(target)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        state = self.state
        if url.path == "/_bench/config":
            state.latency = float(query.get("latency", state.latency))
            if "total" in query and int(query["total"]) != state.pages.total:
                state.pages = Pages(int(query["total"]))
            return OK_EMPTY
        total_known = True
        path = url.path
        pages = state.pages
        if path.startswith("/nulltotal/"):
            total_known, path = False, path[len("/nulltotal") :]
        elif path.startswith("/full/"):
            pages, path = state.full, path[len("/full") :]
        path = path.removeprefix("/rest/v2")  # clients are given the production layout
        if method != "GET" or path != "/conversation/conversations":
            return NOT_FOUND
        try:
            limit = int(query.get("_limit", "100"))
            offset = int(query.get("_offset", "0"))
        except ValueError:
            return BAD_REQUEST
        if state.latency:
            await asyncio.sleep(state.latency)
        return pages.response(limit, offset, total_known)


async def serve() -> None:
    state = State()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: HttpProtocol(state), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    # Serve until the parent closes our stdin (or dies): no stray server outlives a run.
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(serve())
