"""A raw TCP server on 127.0.0.1 whose every connection runs a script: for tests of what
no HTTP server library would do (drip a response one byte at a time, announce a body and
never end it, redirect with a trap).

    def drip(conn: Connection) -> None:
        conn.read_request()
        conn.send(b"HTTP/1.1 200 OK\\r\\n")
        conn.drip(b"X-Slow: " + b"a" * 1000, interval=0.1)

    with HostileServer(drip) as server:
        ...  # point a client at server.base_url

A script ends when it returns or when the client goes away (a send fails); stop()
closes every connection, so no test leaves a thread writing forever.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Self


class ClientGone(Exception):
    """The client closed the connection (or the server is stopping)."""


class Connection:
    def __init__(self, sock: socket.socket, stopping: threading.Event) -> None:
        self.sock = sock
        self._stopping = stopping
        self._buffer = b""
        self.requests: list[bytes] = []

    def read_request(self) -> bytes:
        """The next request's head and body (by Content-Length)."""
        while b"\r\n\r\n" not in self._buffer:
            self._receive()
        head, _, rest = self._buffer.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(rest) < length:
            self._buffer = head + b"\r\n\r\n" + rest
            self._receive()
            head, _, rest = self._buffer.partition(b"\r\n\r\n")
        request = head + b"\r\n\r\n" + rest[:length]
        self._buffer = rest[length:]
        self.requests.append(request)
        return request

    def _receive(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ClientGone
        self._buffer += data

    def send(self, data: bytes) -> None:
        if self._stopping.is_set():
            raise ClientGone
        try:
            self.sock.sendall(data)
        except OSError:
            raise ClientGone from None

    def drip(self, data: bytes, interval: float) -> None:
        """`data` one byte every `interval` seconds (until the client leaves)."""
        for index in range(len(data)):
            self.send(data[index : index + 1])
            if self._stopping.wait(interval):
                raise ClientGone

    def respond(self, status: int, body: bytes = b"{}", headers: str = "") -> None:
        self.send(
            f"HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n{headers}\r\n".encode()
            + body
        )


Script = Callable[[Connection], None]


class HostileServer:
    def __init__(self, script: Script) -> None:
        self.script = script
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
        self.connections: list[Connection] = []
        self._lock = threading.Lock()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin + "/rest/v2"

    def start(self) -> Self:
        accepter = threading.Thread(target=self._accept, daemon=True)
        accepter.start()
        self._threads.append(accepter)
        return self

    def _accept(self) -> None:
        # Polling: closing a listening socket does not wake a thread blocked in accept().
        self._listener.settimeout(0.05)
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.settimeout(None)
            connection = Connection(sock, self._stopping)
            with self._lock:
                self._sockets.append(sock)
                self.connections.append(connection)
            thread = threading.Thread(target=self._run, args=(connection,), daemon=True)
            thread.start()
            with self._lock:
                self._threads.append(thread)

    def _run(self, connection: Connection) -> None:
        try:
            self.script(connection)
        except (ClientGone, OSError):
            pass
        finally:
            connection.sock.close()

    def stop(self) -> None:
        self._stopping.set()
        self._listener.close()
        with self._lock:
            sockets, threads = list(self._sockets), list(self._threads)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
