"""The gate's and the refresh's exit paths (issue 17's hangs and stalls): every permit and
every refresh future is released whatever is raised, wherever; one odd answer never stops
the gate for good. Each test is named after the defect it holds."""

from __future__ import annotations

import asyncio
import dis
import functools
import gc
import sys
import threading
from collections.abc import Callable
from types import CodeType, FrameType
from typing import Any

import pytest

import ultracart_conversations._base as base
from tests.fake_clock import FakeClock
from tests.rotating_token_server import RotatingTokenServer
from ultracart_conversations import (
    ConversationApi,
    OAuthClient,
    OAuthError,
    OAuthSession,
    OAuthTokens,
    RateLimiter,
    RateLimitError,
)
from ultracart_conversations.testing import FakeUltraCart, Fault

GATE_FILES = {
    module.__file__
    for module in (
        sys.modules["ultracart_conversations._ratelimit"],
        sys.modules["ultracart_conversations._gate_store"],
        sys.modules["ultracart_conversations._gate_wait"],
        sys.modules["ultracart_conversations._gate_math"],
        sys.modules["ultracart_conversations._sync_client"],
        base,
    )
}


def _within(seconds: float, call: Callable[[], Any]) -> Any:
    """`call()` on a thread; fails (rather than hangs) if it takes longer."""
    box: list[Any] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as exc:  # handed to the caller below
            failed.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s: the gate leaked a slot"
    if failed:
        raise failed[0]
    return box[0]


@functools.cache
def _with_exits(code: CodeType) -> frozenset[int]:
    """Where `code` calls a with-statement's __exit__ on the normal path (three None
    arguments, then the call), and its NOPs. A tracer sees a line event there, but a real
    signal cannot arrive there: CPython looks for signals at calls and backward jumps, and
    the lock's __exit__ has already run by then. Raising there would test an interrupt that cannot
    happen (and leave a `with lock:` held)."""
    steps = [i for i in dis.get_instructions(code) if i.opname not in ("CACHE", "PRECALL")]
    # A NOP (a `try:` line) runs no check for signals either.
    exits = {step.offset for step in steps if step.opname == "NOP"}
    for n, step in enumerate(steps[:-3]):
        nones = steps[n : n + 3]
        if all(i.opname == "LOAD_CONST" and i.argval is None for i in nones) and (
            steps[n + 3].opname == "CALL" and steps[n + 3].arg == 2
        ):
            exits.add(step.offset)
            if n and steps[n - 1].opname == "SWAP":  # `return` inside the block
                exits.add(steps[n - 1].offset)
    return frozenset(exits)


def _interrupt_at(line_number: int) -> tuple[Callable[..., Any], list[int]]:
    """A tracer raising KeyboardInterrupt at the n-th line run in the gate's files, as
    a Ctrl-C arriving there would."""
    seen = [0]

    def local(frame: FrameType, event: str, arg: object) -> Any:
        if event == "line" and frame.f_lasti not in _with_exits(frame.f_code):
            seen[0] += 1
            if seen[0] == line_number:
                raise KeyboardInterrupt
        return local

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        # (Not in a finalizer: the collector runs those anywhere, outside the window.)
        code = frame.f_code
        return local if code.co_filename in GATE_FILES and code.co_name != "__del__" else None

    return tracer, seen


def test_an_interrupt_at_every_line_of_the_acquire_release_window_leaks_no_slot(
    fake: FakeUltraCart,
) -> None:
    limiter = RateLimiter(concurrency=1)
    with ConversationApi(
        simple_key=fake.simple_key, base_url=fake.base_url, rate_limiter=limiter, max_retries=0
    ) as api:
        api.get_conversations(limit=1)  # (the first call takes a few lines more)
        # The n-th line of the call is interrupted, for n = 1, 2, ... until a call runs to
        # its end before the n-th line (the path may vary: a debug line when it waited).
        n = 0
        finished = False
        while not finished:
            n += 1
            tracer, _ = _interrupt_at(n)
            sys.settrace(tracer)
            try:
                api.get_conversations(limit=1)
                finished = True
            except KeyboardInterrupt:
                pass
            finally:
                sys.settrace(None)
            gc.collect()  # a Slot dropped while holding its permit hands it back
            stats = limiter.stats()
            assert (stats.in_flight, stats.queued) == (0, 0), f"leaked at line {n}"
            assert n < 5000
        assert n > 50  # the window was covered, line by line
        _within(10, lambda: api.get_conversations(limit=1))


def test_a_retry_after_the_parser_cannot_read_never_leaks_the_slot(
    fake: FakeUltraCart, monkeypatch: pytest.MonkeyPatch
) -> None:
    def overflow(value: str | None, now: float | None = None) -> float | None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(base, "parse_retry_after", overflow)
    fake.inject("getConversations", Fault.status(503, retry_after="Mon, 01 Jan 99999 00:00:00 GMT"))
    limiter = RateLimiter(concurrency=1)
    with ConversationApi(
        simple_key=fake.simple_key, base_url=fake.base_url, rate_limiter=limiter
    ) as api:
        for _ in range(3):
            _within(10, lambda: api.get_conversations(limit=1))
    assert limiter.stats().in_flight == 0


def test_an_asyncio_waiter_on_a_dead_loop_at_the_head_does_not_block_sync_callers(
    fake: FakeUltraCart,
) -> None:
    limiter = RateLimiter(concurrency=1)
    held = limiter.acquire()  # the async caller below has to queue
    loop = asyncio.new_event_loop()

    async def queue_up() -> asyncio.Task[Any]:
        task = asyncio.create_task(limiter.async_acquire())
        await asyncio.sleep(0.05)
        assert limiter.stats().queued == 1  # at the head of the queue
        return task

    waiting = loop.run_until_complete(queue_up())  # then the loop stops, the task pending
    limiter.release(held, 200)
    with ConversationApi(
        simple_key=fake.simple_key, base_url=fake.base_url, rate_limiter=limiter
    ) as api:
        _within(10, lambda: api.get_conversations(limit=1))
    waiting.cancel()
    loop.run_until_complete(asyncio.gather(waiting, return_exceptions=True))
    loop.close()
    assert limiter.stats().in_flight == 0


def test_a_huge_retry_after_pauses_the_gate_at_most_a_minute_and_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    with caplog.at_level("WARNING", logger="ultracart_conversations"):
        limiter.release(limiter.acquire(), 429, 1e6, None)
    assert "pauses at most 60 s" in caplog.text
    before = clock.now()
    probe = limiter.acquire()  # waits, on the fake clock, for the capped pause
    assert probe.sent_at - before <= 60.0 + 1e-6
    limiter.release(probe, 200)


def test_an_absurd_announced_rate_is_clamped_and_forgotten_after_ten_minutes() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    limiter.release(limiter.acquire(), 429, None, "rate of 1 per 80000 second(s) exceeded")
    stats = limiter.stats()
    assert stats.ceiling == pytest.approx(1 / 60)  # never slower than one a minute
    clock.advance(601)
    assert limiter.stats().ceiling is None  # and not for ever


def test_a_429_that_took_over_2_s_does_not_cut_the_pace_to_one_a_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    for _ in range(10):  # 10 a second for a second
        limiter.release(limiter.acquire(), 200)
        clock.advance(0.1)
    slow = limiter.acquire()
    clock.advance(3.0)  # its 429 took 3 s
    limiter.release(slow, 429, None, None)
    rate = limiter.stats().rate
    assert rate is not None and rate >= 0.7 * 5  # measured up to its sending, not after


def test_a_configured_ceiling_used_up_says_so_and_a_server_pause_does_not(
    fake: FakeUltraCart,
) -> None:
    clock = FakeClock()
    spent = RateLimiter(requests_per_day=1, max_wait=60, clock=clock)
    spent.release(spent.acquire(), 200)
    with pytest.raises(RateLimitError, match="configured ceiling is used up"):
        spent.acquire()


@pytest.mark.parametrize("raised", [asyncio.CancelledError, SystemExit, KeyboardInterrupt])
def test_a_refresh_hook_raising_a_base_exception_resolves_the_refresh(
    raised: type[BaseException],
) -> None:
    with RotatingTokenServer() as rotating:
        oauth = OAuthClient(
            "client", "client-secret", "https://a.example/cb", base_url=rotating.base_url
        )
        calls = []

        def hook(tokens: OAuthTokens) -> None:
            calls.append(tokens)
            if len(calls) == 1:
                raise raised

        session = OAuthSession(oauth, rotating.initial_tokens(), on_token_refresh=hook)
        with pytest.raises(OAuthError, match="on_token_refresh"):
            _within(10, lambda: session.refresh("at-expired"))
        # Not hung: the next call retries the hook, and goes on.
        with ConversationApi(oauth=session, base_url=rotating.base_url) as api:
            _within(10, lambda: api.get_conversations(limit=1))
        assert rotating.grants == ["rt-0"]
        oauth.close()


def test_tokens_living_no_longer_than_the_margin_refresh_at_half_life_not_every_call() -> None:
    with RotatingTokenServer() as rotating:
        rotating.expires_in = 30  # shorter than the 60 s refresh_margin
        oauth = OAuthClient(
            "client", "client-secret", "https://a.example/cb", base_url=rotating.base_url
        )
        session = OAuthSession(oauth, rotating.initial_tokens())
        with ConversationApi(oauth=session, base_url=rotating.base_url) as api:
            for _ in range(5):
                api.get_conversations(limit=1)
        assert rotating.grants == ["rt-0"]  # the 401's refresh only
        assert not session.needs_refresh()
        oauth.close()
