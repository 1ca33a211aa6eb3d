"""Total parsers: every value the client reads from outside (a server's header, a token
endpoint's number, a date string, a JSON body or argument) is read by one function here.

Each one is total: whatever the input (any text, any bytes, any int), it returns a value
within its documented bounds, None for "not given / unreadable", or raises the one typed
error it documents, never an OverflowError, decimal.InvalidOperation or RecursionError
from the library underneath. tests/test_parse_total.py holds them to that with
hypothesis over arbitrary input.

Third-party parsers (email.utils, dateutil, json) are called inside `except Exception`:
what they raise on odd input is not part of their contract, and changes between releases.
"""

from __future__ import annotations

import math
import re
import time
from datetime import UTC, datetime
from typing import Any

from ultracart_conversations.errors import InvalidDateError

__all__ = [
    "MAX_RETRY_AFTER",
    "MAX_TOKEN_LIFETIME",
    "UnreadableJSON",
    "parse_dts",
    "parse_json",
    "parse_retry_after",
    "token_lifetime",
]

# The longest wait a Retry-After is read as (a day, RetryPolicy's own maximum): a larger
# one is taken as a day. Finite and small enough for every timer (threading refuses
# waits past ~292 years with OverflowError).
MAX_RETRY_AFTER = 86_400.0
# The longest lifetime an OAuth `expires_in` is read as (a year).
MAX_TOKEN_LIFETIME = 365 * 86_400.0
# delta-seconds (RFC 9110: digits; UltraCart's fake and some proxies send "1.5"). Not
# float(): that accepts "nan", "inf", "1e400", "1_000" and a sign.
_DELTA_SECONDS = r"[0-9]{1,16}(?:\.[0-9]{0,9})?"
# An HTTP date is 29 characters; anything much longer is not one.
_MAX_HEADER_VALUE = 64


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now, from 0 to MAX_RETRY_AFTER; None when absent,
    unreadable, negative, or a date that is not in the future (RFC 9110 10.2.3).

    Accepts delta-seconds ("120", also "1.5") and an HTTP date. Never raises.
    """
    if not isinstance(value, str) or not value or len(value) > _MAX_HEADER_VALUE:
        return None
    text = value.strip()
    if re.fullmatch(_DELTA_SECONDS, text):
        return min(float(text), MAX_RETRY_AFTER)
    seconds = _seconds_until(text, time.time() if now is None else now)
    if seconds is None or seconds <= 0:
        return None  # unreadable, or a moment already past: no wait asked for
    return min(seconds, MAX_RETRY_AFTER)


def _seconds_until(text: str, now: float) -> float | None:
    # Imported here: the email package costs ~10 ms, and dates are the rare form.
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
        if when.tzinfo is None:  # an HTTP date is always GMT
            return None
        seconds = when.timestamp() - now
    except Exception:  # ValueError, OverflowError (a +99999999999 offset), TypeError...
        return None
    return seconds if math.isfinite(seconds) else None


def token_lifetime(value: object) -> float | None:
    """An OAuth `expires_in` as seconds, from 0 to MAX_TOKEN_LIFETIME; None when absent or
    unreadable (not a number, negative, NaN). A number as a string ("3600") is read too;
    a huge one (10**400) is taken as the maximum."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(_DELTA_SECONDS, text):
            return None
        seconds = float(text)
    elif isinstance(value, int):
        if value < 0:
            return None
        return float(min(value, int(MAX_TOKEN_LIFETIME)))  # no float(10**400): overflow
    elif isinstance(value, float):
        seconds = value
    else:
        return None
    if not seconds >= 0:  # negative or NaN
        return None
    return min(seconds, MAX_TOKEN_LIFETIME)


class UnreadableJSON(ValueError):
    """Text or bytes that are not one JSON document (or nest too deeply to read)."""


def parse_json(content: bytes | str) -> Any:
    """The JSON document in `content`, or UnreadableJSON: malformed JSON, bytes that are
    no text, nesting past the interpreter's recursion limit."""
    try:
        if isinstance(content, str):
            import json

            return json.loads(content)
        from ultracart_conversations import _json

        return _json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError, TypeError) as exc:
        kind = "nested too deeply" if isinstance(exc, RecursionError) else "not JSON"
        raise UnreadableJSON(kind) from None


# --- date/time strings ---------------------------------------------------------------------

# The longest form dateutil reads ("Tuesday, 05 March 2024 10:00:00.000000 +01:00") is
# about 50 characters; anything much longer is not a date.
_MAX_DATE_LENGTH = 64
# UltraCart was not sending timestamps before this; "11111111" reads as 1111-11-11.
_MIN_YEAR = 1900
# Two defaults that differ in year, month and day: a part of the result that changes
# with the default was not in the text.
_DEFAULTS = (datetime(2001, 2, 3), datetime(2002, 4, 6))


_UTC_NAMES = frozenset({"UTC", "GMT", "UT", "Z"})


def _zone(name: str | None, offset: int | None) -> int | None:
    """dateutil's `tzinfos`: a numeric offset as given, UTC by its names, no zone as
    none. Any other zone name is refused: dateutil would take it as this machine's local
    zone when the names match, else drop it with an UnknownTimezoneWarning (the same
    text, another instant on another machine)."""
    if offset is not None:
        return offset
    if name is None:
        return None
    if name.upper() in _UTC_NAMES:
        return 0
    raise ValueError(f"unknown time zone name {name!r}")


def _parse_other(text: str) -> datetime:
    """dateutil's reading of `text`, only when the text gives a whole date: dateutil
    fills what is missing from today's date ("-1" is the 1st of this month)."""
    # dateutil costs ~30 ms to import; only odd dates pay for it.
    from dateutil import parser as dateutil_parser

    try:
        first, second = (dateutil_parser.parse(text, default=d, tzinfos=_zone) for d in _DEFAULTS)
    except Exception as exc:  # ValueError, OverflowError, decimal.InvalidOperation...
        raise InvalidDateError(f"not a date/time: {text!r}") from exc
    if first.date() != second.date():
        raise InvalidDateError(f"not a whole date (year, month and day): {text!r}")
    return first


def parse_dts(value: object, *, assume_utc: bool = True) -> datetime | None:
    """`value` as a datetime; None for a missing value (None, UNSET or blank).

    Accepts ISO 8601 and the other common forms python-dateutil reads. A result
    without a time zone is taken as UTC (UltraCart's servers speak UTC) unless
    `assume_utc=False`. Raises InvalidDateError (a ValueError) for anything else.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        # Imported here: the generated types load attrs, which the sync path never needs.
        from ultracart_conversations_api.types import Unset

        if isinstance(value, Unset):
            return None
        raise InvalidDateError(f"expected a date/time string, got {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    if len(text) > _MAX_DATE_LENGTH:
        raise InvalidDateError(f"not a date/time: {len(text)} characters long")
    try:
        # Fast path: what the API normally sends.
        parsed = datetime.fromisoformat(text)
    except Exception:
        parsed = _parse_other(text)
    if not parsed.year >= _MIN_YEAR:
        raise InvalidDateError(f"not a plausible date/time (year {parsed.year}): {text!r}")
    if parsed.tzinfo is None and assume_utc:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
