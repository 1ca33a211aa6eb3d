"""One worker process of the multi-process tests (and the bench): `python -m
tests.shared_worker MODE JSON-ARGUMENTS`. Prints one JSON line with what it saw; modes
that hold something print "READY" first and wait to be killed.

fetch    threads calling the API through one gate (shared or per process) until a deadline
hold     take a slot of a shared gate and keep it
refresh  a session on a shared grant, waiting for a start time, then one call (a 401 and
         a refresh); `die`: "after-store" (killed by its own token hook, after the store
         has the new tokens), "before-store" (killed as UltraCart's answer arrives, before
         anything is written), "holding-lock" (takes the lock and dies)
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from typing import Any

from ultracart_conversations import (
    ApiError,
    ConversationApi,
    OAuthClient,
    OAuthSession,
    OAuthTokens,
    RateLimiter,
)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def fetch(args: dict[str, Any]) -> dict[str, Any]:
    """Reports the calls answered and failed, and when it started and ended (wall clock)."""
    shared = args.get("shared")
    limiter = RateLimiter(concurrency=args["concurrency"], shared=shared)
    tally = {"ok": 0, "failed": 0}
    lock = threading.Lock()
    start_at = args.get("start_at", time.time())
    time.sleep(max(0.0, start_at - time.time()))
    started = time.time()
    end = time.monotonic() + args["seconds"]
    with ConversationApi(
        simple_key=args["key"], base_url=args["base_url"], rate_limiter=limiter
    ) as api:

        def work() -> None:
            while time.monotonic() < end:
                try:
                    api.get_conversations(limit=1)
                    outcome = "ok"
                except ApiError:
                    outcome = "failed"
                with lock:
                    tally[outcome] += 1

        threads = [threading.Thread(target=work) for _ in range(args["threads"])]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return {**tally, "started": started, "ended": time.time()}


def hold(args: dict[str, Any]) -> dict[str, Any]:
    limiter = RateLimiter(concurrency=args.get("concurrency", 1), shared=args["shared"])
    limiter.acquire()
    print("READY", flush=True)
    time.sleep(600)
    return {}


def refresh(args: dict[str, Any]) -> dict[str, Any]:
    import ultracart_conversations._shared_grant as shared_grant

    shared_grant.LOCK_SECONDS = args.get("lock_seconds", shared_grant.LOCK_SECONDS)
    die = args.get("die")
    oauth = OAuthClient(
        args["client_id"],
        args["client_secret"],
        "https://app.example/cb",
        base_url=args["base_url"],
    )
    if die == "before-store":
        real = oauth.refresh

        def refresh_then_die(refresh_token: str) -> OAuthTokens:
            real(refresh_token)  # UltraCart rotated; this process dies with the answer
            _die()
            raise AssertionError("unreachable")

        oauth.refresh = refresh_then_die  # type: ignore[method-assign]
    hook = (lambda tokens: _die()) if die == "after-store" else None
    session = OAuthSession(
        oauth, OAuthTokens.from_dict(args["tokens"]), shared=args["shared"], on_token_refresh=hook
    )
    if die == "holding-lock":
        assert session._shared is not None
        assert session._shared.store.lock("a-process-about-to-die", shared_grant.LOCK_SECONDS)
        print("READY", flush=True)
        time.sleep(600)
    time.sleep(max(0.0, args.get("start_at", 0) - time.time()))
    with ConversationApi(oauth=session, base_url=args["base_url"]) as api:
        api.get_conversations(limit=1)
    tokens = session.tokens
    return {"access_token": tokens.access_token, "refresh_token": tokens.refresh_token}


if __name__ == "__main__":
    mode, arguments = sys.argv[1], json.loads(sys.argv[2])
    result = {"fetch": fetch, "hold": hold, "refresh": refresh}[mode](arguments)
    print(json.dumps(result), flush=True)
