"""One OAuth grant shared by every process: a refresh happens once, in one of them.

A process that needs a refresh reads the store first: if another has already replaced the
access token it holds, it takes the stored tokens and sends nothing. Otherwise it takes
the store's refresh lock (an expiry, renewed while it works, and a fence), refreshes with
the refresh token IN THE STORE (never its own copy, which may be spent), and writes the new
tokens to the store before anything uses them (compare-and-set on the version). The
others wait for the new version, then use it.

What cannot be recovered: a process that dies after UltraCart rotated the refresh token
and before the answer reached the store. The refresh token in the store is then spent;
the next refresh is answered invalid_grant and every process gets an OAuthError saying
the grant must be authorized again. The window is the time between UltraCart's answer and
one write to the store.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from ultracart_conversations._grant_store import GrantRecord, open_grant_store
from ultracart_conversations.errors import OAuthError

if TYPE_CHECKING:
    from ultracart_conversations.oauth import OAuthTokens

logger = logging.getLogger("ultracart_conversations")

LOCK_SECONDS = 10.0  # a refresher that died frees the lock after this long
_POLL = 0.05  # how often a waiting process looks for the new tokens


def _tokens(record: GrantRecord) -> OAuthTokens | None:
    from ultracart_conversations.oauth import OAuthTokens

    return None if record.tokens is None else OAuthTokens.from_dict(record.tokens)


class SharedGrant:
    def __init__(self, url: str, default_name: str, lock_seconds: float = LOCK_SECONDS) -> None:
        self.store = open_grant_store(url, default_name)
        self.description = self.store.description
        self.lock_seconds = lock_seconds
        self._owner = uuid.uuid4().hex

    def adopt(self, tokens: OAuthTokens, overwrite: bool) -> OAuthTokens:
        """The grant's tokens: the store's if it has some (they are newer than any copy a
        process was started with), else `tokens`, stored."""
        stored = _tokens(self.store.seed(tokens.to_dict(), overwrite))
        assert stored is not None
        return stored

    def current(self) -> OAuthTokens | None:
        return _tokens(self.store.read())

    def refresh(
        self, stale_access_token: str, send: Callable[[str], OAuthTokens], wait: float
    ) -> OAuthTokens:
        """New tokens for a grant whose access token `stale_access_token` no longer does:
        from another process's refresh, or from `send(refresh_token)` under the lock."""
        give_up = time.monotonic() + wait
        while True:
            record = self.store.read()
            stored = _tokens(record)
            if stored is not None and stored.access_token != stale_access_token:
                return stored  # another process refreshed
            if self.store.lock(self._owner, self.lock_seconds):
                return self._refresh_locked(stale_access_token, send)
            if time.monotonic() > give_up:
                raise OAuthError(
                    f"another process has held the refresh lock of {self.description} for "
                    f"{wait:.0f} s without storing new tokens"
                )
            time.sleep(_POLL)

    def _refresh_locked(
        self, stale_access_token: str, send: Callable[[str], OAuthTokens]
    ) -> OAuthTokens:
        record = self.store.read()  # under the lock: nobody else writes now
        stored = _tokens(record)
        if stored is not None and stored.access_token != stale_access_token:
            self.store.unlock(self._owner)
            return stored
        if stored is None or not stored.refresh_token:
            self.store.unlock(self._owner)
            raise OAuthError(f"the shared grant {self.description} has no refresh token")
        stop = threading.Event()
        beat = threading.Thread(target=self._keep_lock, args=(stop,), daemon=True)
        beat.start()
        try:
            tokens = send(stored.refresh_token)
        except OAuthError as exc:
            stop.set()
            self.store.unlock(self._owner)
            return self._after_refusal(record, stored, exc)
        except BaseException:
            stop.set()
            self.store.unlock(self._owner)
            raise
        # Stored before anything uses it: the rotated refresh token is the grant now.
        written = self.store.commit(self._owner, record.version, tokens.to_dict())
        stop.set()
        if not written:  # a process whose lock had expired wrote first: use the newest
            newer = _tokens(self.store.read())
            return newer if newer is not None else tokens
        return tokens

    def _after_refusal(
        self, record: GrantRecord, sent: OAuthTokens, error: OAuthError
    ) -> OAuthTokens:
        now = self.store.read()
        if now.version != record.version:
            newer = _tokens(now)
            if newer is not None and newer.refresh_token != sent.refresh_token:
                return newer  # another process refreshed meanwhile: its tokens stand
        if error.error == "invalid_grant":
            lost = OAuthError(
                "the refresh token in the shared store was refused (invalid_grant): the grant "
                "is lost (a process may have died between UltraCart's answer and the store); "
                "authorize the application again",
                status=error.status,
            )
            lost.error = error.error
            raise lost from error
        raise error

    def _keep_lock(self, stop: threading.Event) -> None:
        while not stop.wait(self.lock_seconds / 3):
            try:
                self.store.renew_lock(self._owner, self.lock_seconds)
            except Exception as exc:  # the refresh goes on; its commit will tell
                logger.warning("shared grant: could not renew the refresh lock: %s", exc)

    def close(self) -> None:
        self.store.close()
