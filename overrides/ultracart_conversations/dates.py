"""Reading the API's date/time strings (`*_dts` fields).

The models keep them as plain strings, as UltraCart documents them: the API does not
promise one format, and a strict parser in the generated code would fail a whole call
over one odd date. Parse them when you need them, tolerantly:

    from ultracart_conversations import parse_dts
    when = parse_dts(summary.last_message_dts)   # datetime, or None when absent

parse_dts never raises anything but InvalidDateError (a ValueError), whatever the text;
it lives with the client's other parsers of untrusted values (_parse).
"""

from __future__ import annotations

from datetime import datetime

from ultracart_conversations import _parse
from ultracart_conversations_api.types import Unset

__all__ = ["parse_dts"]


def parse_dts(value: str | Unset | None, *, assume_utc: bool = True) -> datetime | None:
    """`value` as a datetime; None for a missing value (None, UNSET or blank).

    Accepts ISO 8601 and the other common forms python-dateutil reads. A result
    without a time zone is taken as UTC (UltraCart's servers speak UTC) unless
    `assume_utc=False`. Raises InvalidDateError (a ValueError) for anything else.
    """
    return _parse.parse_dts(value, assume_utc=assume_utc)
