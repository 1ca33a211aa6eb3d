"""The rate gate's arithmetic: what may be sent when, and what a 429 changes.

Pure: no clock, no lock, no I/O; every step takes `now`. The in-process gate and the
SQLite store run this code on their state; the Redis store runs the same steps as Lua
(`_gate_redis.py`), and a differential test holds the two to the same answers.

- Ceilings (`requests_per_hour`, `requests_per_day`, a `burst`) are GCRA token buckets
  kept as theoretical arrival times (TATs).
- The pace is unset until the first 429, then CUBIC-like (TCP CUBIC, botocore's adaptive
  mode): a cut to 0.7x, a cubic regrowth, never above a ceiling. What the server said or
  showed beats the blind cut: a 429 whose UC-REST-ERROR announces the rate ("rate of 20
  per 1 second(s) exceeded") sets the pace a little under that rate, and so does the rate
  the server was seen to admit while the gate sent faster (a fixed window, a bucket).
- After a 429 the gate pauses, then lets one request go alone (the probe). A whole-second
  Retry-After is taken as rounded up (the pause is one second shorter); a fractional one
  as exact. If the probe is refused too, the pause is the probe's full Retry-After (or,
  with none, a doubling backoff) and another probe follows. Pauses are capped at
  MAX_PAUSE, learned ceilings at LEARNED_TTL: one odd answer cannot stop the gate for good.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import NamedTuple, Protocol

BETA = 0.7  # the multiplicative cut (CUBIC's and botocore's)
# The pace's curve after a cut, in requests rather than seconds so that it fits 1,000 an
# hour as well as 20 a second: back to the rate of the cut over RECOVERY_REQUESTS, then
# PROBE_GROWTH above it after PROBE_REQUESTS more (cubic on both sides, as CUBIC).
RECOVERY_REQUESTS = 20.0
PROBE_REQUESTS = 100.0
PROBE_GROWTH = 0.03
MIN_RATE = 1 / 60  # never slower than one request a minute
MEASURE_WINDOW = 2.0  # seconds of sends, up to the refused one, that measure the rate sent
MIN_MEASURE_SPAN = 0.25  # a gate younger than this measures over this much
SEND_LOG_SECONDS = 120.0  # how long send times are kept (a 429 may arrive late)
LEARNED_MARGIN = 0.97  # pace a little under an announced rate
LEARNED_TTL = 600.0  # an announced rate is forgotten this long after the last 429
MAX_PAUSE = 60.0  # the longest the gate pauses for one 429
CATCH_UP = 0.5
DAY = 86_400

# A pattern string, not a compiled one: re compiles it at the first 429 and caches it.
_ANNOUNCED = r"(?i)rate of\s+(\d+(?:\.\d+)?)\s+per\s+(\d+(?:\.\d+)?)\s+second"


def announced_rate(uc_rest_error: str | None) -> tuple[float, float] | None:
    """(requests, seconds) from UltraCart's "rate of N per P second(s) exceeded"."""
    match = re.search(_ANNOUNCED, uc_rest_error or "")
    if match is None:
        return None
    count, period = float(match[1]), float(match[2])
    if not (count > 0 and period > 0 and math.isfinite(count) and math.isfinite(period)):
        return None
    return count, period


def is_daily_quota(uc_rest_error: str | None) -> bool:
    """True for the daily quota (per 86400 s or longer): waiting it out takes hours."""
    rate = announced_rate(uc_rest_error)
    return rate is not None and rate[1] >= DAY


def learned_ceiling(uc_rest_error: str | None) -> float | None:
    """The pace an announced rate teaches (None: none announced, or the daily quota)."""
    rate = announced_rate(uc_rest_error)
    if rate is None or rate[1] >= DAY:
        return None
    return max(MIN_RATE, LEARNED_MARGIN * rate[0] / rate[1])


class Ceiling(NamedTuple):
    """A configured ceiling: `rate` requests per second, `burst` back to back."""

    name: str  # "hour" or "day": the key of its TAT in shared state
    rate: float
    burst: int

    @property
    def interval(self) -> float:
        return 1.0 / self.rate

    @property
    def tolerance(self) -> float:
        return (self.burst - 1) / self.rate


class Answer(NamedTuple):
    """What the server said about a request, as far as the gate cares."""

    status: int | None = None  # None: no answer (connection failed, cancelled)
    retry_after: float | None = None  # seconds, already parsed and never negative
    learned: float | None = None  # the ceiling an announced rate teaches (learned_ceiling)

    @property
    def whole_seconds(self) -> bool:
        """A Retry-After in whole seconds: rounded up by the server, by up to a second."""
        return self.retry_after is not None and float(self.retry_after).is_integer()


class SendLog(Protocol):
    """When recent requests were sent, and when answers that were not 429 came back (for
    measuring the rate sent and the rate the server admitted)."""

    def add(self, serial: int, at: float) -> None: ...

    def count(self, after: float, until: float) -> int: ...

    def add_admitted(self, serial: int, at: float) -> None: ...

    def count_admitted(self, after: float, until: float) -> int: ...


def pause_for(answer: Answer, trust_retry_after: bool, fallback: float) -> float:
    """How long the gate pauses for a 429 (before its probe)."""
    retry_after = answer.retry_after
    if retry_after is None:
        pause = fallback
    elif answer.whole_seconds and not trust_retry_after:
        pause = max(retry_after - 1.0, fallback)
    else:
        pause = retry_after
    return min(max(pause, 0.0), MAX_PAUSE)


class GateState:
    """Everything the gate remembers, shared or not. Times are on one clock (the
    process's for the in-process gate, the store's for a shared one)."""

    __slots__ = (
        "blocked_until",
        "cut_at",
        "cuts",
        "first_sent",
        "k",
        "learned",
        "learned_until",
        "pace_tat",
        "probe_failures",
        "probe_next",
        "probe_serial",
        "resumed_at",
        "sent_before_cut",
        "serial",
        "tats",
        "throttled",
        "w_max",
        "w_min",
        "waited",
    )

    def __init__(self) -> None:
        self.tats: dict[str, float] = {}
        self.learned: float | None = None  # a ceiling a 429 announced
        self.learned_until = -math.inf
        self.cut_at: float | None = None  # the pace: None until the first 429
        self.w_max = 0.0  # the plateau the pace regrows to
        self.w_min = 0.0  # the pace right after the cut
        self.k = 0.0  # seconds from the cut back to the plateau
        self.pace_tat = -math.inf
        self.blocked_until = -math.inf
        self.resumed_at = -math.inf
        self.sent_before_cut = 0  # serial of the last request sent before the last cut
        self.probe_next = False  # the next request goes alone
        self.probe_serial = 0  # the probe in flight (0: none)
        self.probe_failures = 0
        self.serial = 0  # requests let through so far
        self.first_sent: float | None = None
        self.throttled = 0
        self.cuts = 0
        self.waited = 0.0

    # --- reading --------------------------------------------------------------------
    def ceiling(self, ceilings: Iterable[Ceiling], now: float) -> float | None:
        rates = [c.rate for c in ceilings]
        if self.learned is not None and now < self.learned_until:
            rates.append(self.learned)
        return min(rates) if rates else None

    def rate(self, ceilings: Iterable[Ceiling], now: float) -> float | None:
        """The pace now (None: not pacing, the ceilings alone apply)."""
        if self.cut_at is None:
            return None
        since, k, w_max = now - self.cut_at, self.k, self.w_max
        if since < k:
            grown = w_max - (w_max - self.w_min) * ((k - since) / k) ** 3
        else:
            grown = w_max * (1 + PROBE_GROWTH * ((since - k) * w_max / PROBE_REQUESTS) ** 3)
        grown = max(MIN_RATE, grown)
        ceiling = self.ceiling(ceilings, now)
        return grown if ceiling is None else min(grown, ceiling)

    # --- letting a request through --------------------------------------------------
    def next_send(self, ceilings: list[Ceiling], now: float) -> tuple[float, bool]:
        """(the earliest time the next request may go, whether the pace applies)."""
        at = max(
            [
                now,
                self.blocked_until,
                *(self.tats.get(c.name, -math.inf) - c.tolerance for c in ceilings),
            ]
        )
        rate = self.rate(ceilings, now)
        # Below the configured ceilings the adaptive pace applies (evenly spaced); at them,
        # their buckets alone do, bursts included.
        pacing = rate is not None and all(rate < c.rate for c in ceilings)
        if pacing:
            at = max(at, self.pace_tat)
        return at, pacing

    def take(self, ceilings: list[Ceiling], now: float, pacing: bool, log: SendLog) -> int:
        """Let one request go at `now` (next_send said it may); returns its serial."""
        for ceiling in ceilings:
            self.tats[ceiling.name] = max(self.tats.get(ceiling.name, -math.inf), now) + (
                ceiling.interval
            )
        rate = self.rate(ceilings, now)
        if pacing and rate is not None:
            # A send that went a little late (a slow wake-up) is half made up by the next
            # one; after a pause, the pace starts afresh.
            interval = 1.0 / rate
            late = now - self.pace_tat
            start = now if late >= interval else max(self.pace_tat, now - CATCH_UP * interval)
            self.pace_tat = start + interval
        self.serial += 1
        if self.first_sent is None:
            self.first_sent = now
        if self.probe_next:
            self.probe_next = False
            self.probe_serial = self.serial
        log.add(self.serial, now)
        return self.serial

    # --- what the server answered ---------------------------------------------------
    def answered(
        self,
        ceilings: list[Ceiling],
        serial: int,
        sent_at: float,
        answer: Answer,
        now: float,
        log: SendLog,
    ) -> str | None:
        """Take in an answer; returns a line for the log when the gate changed pace."""
        was_probe = serial == self.probe_serial
        if was_probe:
            self.probe_serial = 0
        if answer.status != 429:
            if was_probe:
                self.probe_failures = 0
            if answer.status is not None:
                log.add_admitted(serial, now)
            return None
        self.throttled += 1
        newly_learned = False
        if answer.learned is not None:
            newly_learned = self.learned is None or now >= self.learned_until
            newly_learned = newly_learned or not math.isclose(answer.learned, self.learned or 0)
            self.learned = answer.learned
            self.learned_until = now + LEARNED_TTL
        if was_probe:
            # Refused again: the Retry-After meant what it said (or, with none, back off).
            self.probe_failures += 1
            rate = self.rate(ceilings, now) or MIN_RATE
            backoff = min(MAX_PAUSE, 2.0**self.probe_failures / rate)
            self._pause(now, pause_for(answer, True, backoff))
            return None
        if serial <= self.sent_before_cut:
            return None  # sent before the last cut: that cut already answered this burst
        return self._cut(ceilings, sent_at, answer, now, log, newly_learned)

    def _cut(
        self,
        ceilings: list[Ceiling],
        sent_at: float,
        answer: Answer,
        now: float,
        log: SendLog,
        newly_learned: bool,
    ) -> str:
        current = self.rate(ceilings, now)
        ceiling = self.ceiling(ceilings, now)
        if newly_learned and ceiling is not None and (current is None or current >= ceiling):
            # The server said its rate: go at it rather than below it.
            base = new = plateau = ceiling
        else:
            # The rate really sent (a gate may pace faster than its callers send).
            measured = self.measured(sent_at, log)
            if current is None:
                # The first 429: cut from the known ceiling, else from what was sent.
                base = measured if ceiling is None else ceiling
            else:
                base = min(current, max(measured, MIN_RATE))
            if ceiling is not None:
                base = min(base, ceiling)
            base = max(base, MIN_RATE)
            # Sending faster than the server admitted: what it admitted is its rate (a
            # fixed window, a bucket refilling), and the pace goes just under it.
            admitted = self.admitted(base, now, log)
            if 0 < admitted < base:
                new = plateau = max(MIN_RATE, admitted * LEARNED_MARGIN)
            else:
                # Back to the pace kept before the cut (as CUBIC's window at the loss),
                # even when fewer were sent: slots held by slow answers are no verdict.
                new, plateau = max(MIN_RATE, base * BETA), max(base, current or base)
        self.w_max, self.w_min = plateau, new
        self.k = 0.0 if new >= plateau else min(600.0, max(0.5, RECOVERY_REQUESTS / plateau))
        self.cut_at = now
        self.sent_before_cut = self.serial
        self.cuts += 1
        self.probe_failures = 0
        pause = pause_for(answer, False, 1.0 / new)
        self._pause(now, pause)
        # Requests reserved at the old pace start again from the new one.
        self.pace_tat = max(now, self.blocked_until)
        return f"429 from the server: pace {new:.3g} requests/s (was {base:.3g}), " + (
            f"paused {pause:.3g} s" if pause else "no pause"
        )

    def _pause(self, now: float, seconds: float) -> None:
        self.blocked_until = max(self.blocked_until, now + seconds)
        self.resumed_at = self.blocked_until  # rates are measured from here on
        self.probe_next = True

    def measured(self, sent_at: float, log: SendLog) -> float:
        """Requests sent per second over the window ending when the refused one went (not
        when its 429 arrived: a late answer must not read as an idle gate)."""
        first = max(self.resumed_at, self.first_sent if self.first_sent is not None else sent_at)
        span = min(MEASURE_WINDOW, max(MIN_MEASURE_SPAN, sent_at - first))
        return log.count(sent_at - span, sent_at) / span

    def admitted(self, base: float, now: float, log: SendLog) -> float:
        """Answers (not 429) per second over the last ten requests' worth of time;
        0 until the gate is that old (a first burst would inflate it)."""
        window = min(SEND_LOG_SECONDS / 2, max(MEASURE_WINDOW, 10.0 / base))
        if self.first_sent is None or now - self.first_sent < window:
            return 0.0
        return log.count_admitted(now - window, now) / window

    def sanitize(self, ceilings: list[Ceiling], now: float) -> None:
        """Clamp times a clock jump (or a reboot under a state file) left too far ahead."""
        for ceiling in ceilings:
            limit = now + ceiling.tolerance + ceiling.interval
            if self.tats.get(ceiling.name, -math.inf) > limit:
                self.tats[ceiling.name] = limit
        self.blocked_until = min(self.blocked_until, now + MAX_PAUSE)
        self.pace_tat = min(self.pace_tat, now + 1.0 / MIN_RATE)
        if self.cut_at is not None and self.cut_at > now:
            self.cut_at = now
        if self.learned_until > now + LEARNED_TTL:
            self.learned_until = now + LEARNED_TTL

    def reset_after_loss(self, ceilings: list[Ceiling], now: float, rate: float | None) -> None:
        """A store that lost its state (restarted, file removed): no burst until the
        ceilings' buckets have refilled, and the pace this process last knew."""
        for ceiling in ceilings:
            self.tats[ceiling.name] = now + ceiling.tolerance
        if rate is not None:
            self.cut_at, self.w_max, self.w_min, self.k = now, rate, rate, 0.0
