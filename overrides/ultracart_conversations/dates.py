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
    try:
        # Fast path: what the API normally sends.
        parsed = datetime.fromisoformat(text)
    except ValueError:
        # dateutil costs ~30 ms to import; only odd dates pay for it.
        from dateutil import parser as dateutil_parser

        try:
            parsed = dateutil_parser.parse(text)
        except (ValueError, OverflowError) as exc:
            raise InvalidDateError(f"not a date/time: {text[:64]!r}") from exc
    if parsed.tzinfo is None and assume_utc:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
