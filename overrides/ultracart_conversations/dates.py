"""Reading the API's date/time strings (`*_dts` fields).

The models keep them as plain strings, as UltraCart documents them: the API does not
promise one format, and a strict parser in the generated code would fail a whole call
over one odd date. Parse them when you need them, tolerantly:

    from ultracart_conversations import parse_dts
    when = parse_dts(summary.last_message_dts)   # datetime, or None when absent
"""

from __future__ import annotations

from datetime import UTC, datetime

from ultracart_conversations.errors import InvalidDateError
from ultracart_conversations_api.types import Unset

__all__ = ["parse_dts"]


# The longest form dateutil reads ("Tuesday, 05 March 2024 10:00:00.000000 +01:00") is
# about 50 characters; anything much longer is not a date.
_MAX_LENGTH = 64
# UltraCart was not sending timestamps before this; "11111111" reads as 1111-11-11.
_MIN_YEAR = 1900
# Two defaults that differ in year, month and day: a part of the result that changes
# with the default was not in the text.
_DEFAULTS = (datetime(2001, 2, 3), datetime(2002, 4, 6))


def _parse_other(text: str) -> datetime:
    """dateutil's reading of `text`, only when the text gives a whole date: dateutil
    fills what is missing from today's date ("-1" is the 1st of this month)."""
    # dateutil costs ~30 ms to import; only odd dates pay for it.
    from dateutil import parser as dateutil_parser

    try:
        first, second = (dateutil_parser.parse(text, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError) as exc:
        raise InvalidDateError(f"not a date/time: {text!r}") from exc
    if first.date() != second.date():
        raise InvalidDateError(f"not a whole date (year, month and day): {text!r}")
    return first


def parse_dts(value: str | Unset | None, *, assume_utc: bool = True) -> datetime | None:
    """`value` as a datetime; None for a missing value (None, UNSET or blank).

    Accepts ISO 8601 and the other common forms python-dateutil reads. A result
    without a time zone is taken as UTC (UltraCart's servers speak UTC) unless
    `assume_utc=False`. Raises InvalidDateError (a ValueError) for anything else.
    """
    if value is None or isinstance(value, Unset):
        return None
    if not isinstance(value, str):
        raise InvalidDateError(f"expected a date/time string, got {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    if len(text) > _MAX_LENGTH:
        raise InvalidDateError(f"not a date/time: {len(text)} characters long")
    try:
        # Fast path: what the API normally sends.
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = _parse_other(text)
    if not parsed.year >= _MIN_YEAR:
        raise InvalidDateError(f"not a plausible date/time (year {parsed.year}): {text!r}")
    if parsed.tzinfo is None and assume_utc:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
