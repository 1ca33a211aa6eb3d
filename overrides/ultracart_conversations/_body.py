"""The one reader of response bodies: every byte the client takes from the network (API
calls, the OAuth token endpoint, the drift tool's fetch) comes through here, bounded.

httpx's own decoding undoes every Content-Encoding layer of a chunk at once, with no
limit on what one chunk may expand to: `Content-Encoding: gzip, gzip` turns 1.8 KB on
the wire into gigabytes before any caller can count a byte. Here the raw bytes are
decoded layer by layer, each layer handing on at most _PIECE bytes at a time, and the
output of EVERY layer is counted against the limit as it streams: memory stays within
the limit (plus a few pieces), whatever the server stacks. Only the codings this client
asks for (ACCEPT_ENCODING) are decoded; any other is refused (httpx.DecodingError, as a
corrupt gzip stream is), since its size could not be bounded.

The callers turn BodyTooLarge into their own typed error, and bound the time with their
attempt deadline (`expired`, checked between chunks; the sync client's timer also shuts
the socket down, the async one cancels).
"""

from __future__ import annotations

import zlib
from collections.abc import Awaitable, Callable, Iterator

import httpx

from ultracart_conversations._deadline import Attempt

__all__ = [
    "ACCEPT_ENCODING",
    "AttemptExpired",
    "BodyTooLarge",
    "Decoder",
    "adrain",
    "aread",
    "areceive",
    "drain",
    "read",
    "receive",
]

# What every request of the client sends as Accept-Encoding: only codings decoded here.
ACCEPT_ENCODING = "gzip, deflate"
# The most a layer hands on at once; also what one layer may hold undelivered.
_PIECE = 64 * 1024
# More layers than this is no real server's doing.
_MAX_LAYERS = 4
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


class BodyTooLarge(Exception):
    """The body (some layer of it) passed the reader's limit; reading stopped."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"larger than {limit} bytes")
        self.limit = limit
        self.response: httpx.Response | None = None  # whose body it was (set by read)


class AttemptExpired(Exception):
    """The attempt's deadline passed before the whole response was in."""


class _Layer:
    """One Content-Encoding to undo, and how many bytes it has put out so far."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.produced = 0
        self._zlib = zlib.decompressobj(_WBITS[coding])
        self._started = False

    def decompress(self, data: bytes) -> Iterator[bytes]:
        """What `data` decodes to, at most _PIECE bytes at a time."""
        while data:
            if self._zlib.eof:
                return  # anything after the end of the stream is ignored (as httpx does)
            try:
                piece = self._zlib.decompress(data, _PIECE)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._started:
                    # "deflate" is sent raw by some servers (no zlib header): try that.
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise httpx.DecodingError(f"the {self.coding} body is corrupt: {exc}") from None
            self._started = True
            data = self._zlib.unconsumed_tail
            if piece:
                yield piece
            elif data:  # no progress on what is left: cannot happen with max_length > 0
                raise httpx.DecodingError(f"the {self.coding} body does not decode")

    def flush(self) -> bytes:
        if self._zlib.eof:
            return b""
        try:
            return self._zlib.flush(_PIECE)
        except zlib.error as exc:
            raise httpx.DecodingError(f"the {self.coding} body is corrupt: {exc}") from None


def _codings(headers: httpx.Headers) -> list[str]:
    """The response's Content-Encoding layers, in the order they were applied."""
    codings = [
        value.strip().lower()
        for value in headers.get_list("content-encoding", split_commas=True)
        if value.strip().lower() not in ("", "identity")
    ]
    if len(codings) > _MAX_LAYERS:
        raise httpx.DecodingError(f"{len(codings)} content codings stacked (at most {_MAX_LAYERS})")
    for coding in codings:
        if coding not in _WBITS:
            raise httpx.DecodingError(
                f"the body is in a content coding this client does not read: {coding[:40]!r}"
            )
    return codings


class Decoder:
    """Raw body bytes in, decoded bytes out, every layer counted against `limit`."""

    def __init__(self, headers: httpx.Headers, limit: int) -> None:
        self.limit = limit
        self.received = 0  # raw bytes
        # Undone in reverse: the last coding listed was applied last.
        self._layers = [_Layer(coding) for coding in reversed(_codings(headers))]
        self._chunks: list[bytes] = []

    def feed(self, raw: bytes) -> None:
        self.received += len(raw)
        if self.received > self.limit:
            raise BodyTooLarge(self.limit)
        self._pass(raw, 0)

    def _pass(self, data: bytes, index: int) -> None:
        if index == len(self._layers):
            self._chunks.append(data)
            return
        layer = self._layers[index]
        for piece in layer.decompress(data):
            self._count(layer, piece)
            self._pass(piece, index + 1)

    def _count(self, layer: _Layer, piece: bytes) -> None:
        layer.produced += len(piece)
        if layer.produced > self.limit:
            raise BodyTooLarge(self.limit)

    def finish(self) -> bytes:
        """The whole decoded body, once every raw byte was fed."""
        for index, layer in enumerate(self._layers):
            while piece := layer.flush():
                self._count(layer, piece)
                self._pass(piece, index + 1)
        body = b"".join(self._chunks)
        self._chunks = []
        return body


def _already_read(response: httpx.Response, limit: int) -> bytes | None:
    # A transport that builds its responses whole (httpx.MockTransport, WSGI) hands over
    # a body already read and decoded: only its size is left to check.
    content: bytes | None = getattr(response, "_content", None)
    if content is not None and len(content) > limit:
        raise BodyTooLarge(limit)
    return content


def read(response: httpx.Response, limit: int, expired: Callable[[], bool] | None = None) -> bytes:
    """The decoded body of a streamed response (sync), at most `limit` bytes in any
    layer; checks `expired` after every chunk (the caller raises its deadline error).
    Sets the response's content, so that `response.content` is the body."""
    try:
        content = _already_read(response, limit)
        if content is not None:
            return content
        decoder = Decoder(response.headers, limit)
        for raw in response.iter_raw():
            decoder.feed(raw)
            if expired is not None and expired():
                raise TimeoutError
        response._content = body = decoder.finish()
    except BodyTooLarge as exc:
        exc.response = response
        raise
    return body


async def aread(
    response: httpx.Response, limit: int, expired: Callable[[], bool] | None = None
) -> bytes:
    """read() for an async response."""
    try:
        content = _already_read(response, limit)
        if content is not None:
            return content
        decoder = Decoder(response.headers, limit)
        # Closed here, not left to the garbage collector: a generator suspended by a
        # cancellation would hold the connection's slot in httpcore's pool.
        async for raw in response.aiter_raw():
            decoder.feed(raw)
            if expired is not None and expired():
                raise AttemptExpired
        response._content = body = decoder.finish()
    except BodyTooLarge as exc:
        exc.response = response
        raise
    return body


def drain(response: httpx.Response, limit: int) -> None:
    """Read and drop at most `limit` raw bytes of a body nobody will look at (so that the
    connection closes cleanly), then close it; its content reads as empty."""
    if getattr(response, "_content", None) is None:
        received = 0
        for raw in response.iter_raw():
            received += len(raw)
            if received > limit:
                break
    response.close()
    response._content = b""


async def adrain(response: httpx.Response, limit: int) -> None:
    if getattr(response, "_content", None) is None:
        received = 0
        async for raw in response.aiter_raw():
            received += len(raw)
            if received > limit:
                break
    await response.aclose()
    response._content = b""


def receive(
    send: Callable[[httpx.Request], httpx.Response],
    request: httpx.Request,
    limit: int,
    seconds: float | None,
) -> httpx.Response:
    """One sync attempt: `send` the request (streamed: stream=True) and read its whole
    body within `seconds` (None: no deadline) and `limit`. Raises AttemptExpired,
    BodyTooLarge or the httpx error; the response comes back read and closed."""
    attempt = Attempt(seconds)
    request.extensions["trace"] = attempt.trace
    try:
        with attempt.current():
            response = send(request)
        try:
            attempt.watch(response.extensions.get("network_stream"))
            read(response, limit, attempt.is_expired)
        finally:
            response.close()
    except TimeoutError:  # the deadline, seen by read() or by a wait inside send
        raise AttemptExpired from None
    except httpx.HTTPError:
        if attempt.expired:  # the timer shut the socket down
            raise AttemptExpired from None
        raise
    finally:
        attempt.finish()
    return response


async def areceive(
    send: Callable[[httpx.Request], Awaitable[httpx.Response]],
    request: httpx.Request,
    limit: int,
    seconds: float | None,
) -> httpx.Response:
    """receive() for asyncio. The exchange is never cancelled: httpcore's pool keeps the
    slot of a request cancelled at the wrong moment (encode/httpcore#1093, open in
    httpcore 1.0.9), and once they fill the pool every later call fails with
    PoolTimeout (the churn fuzzing found it: each page a window dropped cost a slot).
    So the exchange runs as a task of its own; at the deadline, or when the caller is
    cancelled, its sockets are shut down (as the sync client's are), which ends it at
    once with an error that releases its slot, and the caller gets AttemptExpired (or
    its own cancellation) without waiting for it."""
    import asyncio  # here: the sync client never needs it (it costs import time)

    attempt = Attempt(seconds, always_watch=True)
    request.extensions["trace"] = attempt.atrace
    exchange = asyncio.ensure_future(_exchange(send, request, limit, attempt))
    exchange.add_done_callback(attempt.finish_exchange)
    try:
        async with asyncio.timeout(seconds):
            return await asyncio.shield(exchange)
    except TimeoutError:
        attempt.abandon()
        raise AttemptExpired from None
    except asyncio.CancelledError:
        attempt.abandon()
        raise


async def _exchange(
    send: Callable[[httpx.Request], Awaitable[httpx.Response]],
    request: httpx.Request,
    limit: int,
    attempt: Attempt,
) -> httpx.Response:
    try:
        response = await send(request)
        try:
            attempt.watch(response.extensions.get("network_stream"))
            await aread(response, limit, attempt.is_expired)
        finally:
            await response.aclose()
    except httpx.HTTPError:
        if attempt.expired:  # the deadline (or the caller leaving) shut the socket down
            raise AttemptExpired from None
        raise
    return response
