"""Decoding response bodies: orjson when it is installed, json.loads otherwise.

Both give the same result for every input. orjson (the `fast` extra) parses a page of
200 summaries about twice as fast, but it refuses some inputs that json.loads accepts
(NaN and Infinity, numbers out of float range, lone surrogates, a BOM, UTF-16/32) and
reads integers beyond 64 bits as floats. A refusal falls back to json.loads, which then
gives its own result or its own error; a body with a run of 19 or more digits, where
such an integer could be, goes to json.loads directly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["fast", "loads"]

# Every byte becomes b"0" if it is an ASCII digit and b"." otherwise, so that a long
# run of digits is a plain substring search away.
_DIGITS = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x2E for byte in range(256))
# The shortest integers orjson cannot hold exactly: below -2**63 (19 digits after the
# sign) or above 2**64 - 1 (20 digits). Longer runs inside strings cost only speed.
_LONG_NUMBER = b"0" * 19


_NOT_LOOKED_FOR: Any = object()
# orjson.loads, None without orjson; looked for on first use, so that importing the
# client does not load a compiled library it may not need yet.
_fast_loads: Callable[[bytes], Any] | None = _NOT_LOOKED_FOR


def fast() -> bool:
    """True when orjson is in use."""
    global _fast_loads
    if _fast_loads is _NOT_LOOKED_FOR:
        try:
            import orjson
        except ImportError:  # the `fast` extra is not installed
            _fast_loads = None
        else:
            _fast_loads = orjson.loads
    return _fast_loads is not None


def loads(content: bytes) -> Any:
    """The JSON document in `content`, exactly as json.loads(content) returns it."""
    if _fast_loads is _NOT_LOOKED_FOR:
        fast()
    if _fast_loads is None or _LONG_NUMBER in content.translate(_DIGITS):
        return json.loads(content)
    try:
        return _fast_loads(content)
    except ValueError:  # orjson.JSONDecodeError: json.loads decides, and says why
        return json.loads(content)
