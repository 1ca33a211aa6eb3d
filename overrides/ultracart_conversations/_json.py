"""Decoding JSON bodies: msgspec's decoder, with json.loads for what it refuses.

Both give the same result for every input msgspec accepts: it reads integers of any size
exactly and floats correctly rounded, as json.loads does, about twice as fast. It refuses
some inputs that json.loads accepts (NaN and Infinity, numbers out of float range, lone
surrogates, a byte order mark, UTF-16/32); a refusal falls back to json.loads, which then
gives its own result or raises its own error, so callers see json.loads's behaviour.
One difference is left: json.loads gives up on nesting about 1,000 levels deep, less the
caller's own stack depth, while msgspec's limit does not move with the caller; a document
nested a few levels short of 1,000 may decode here where json.loads would raise
RecursionError (no response of this API nests more than six).

This is the untyped reader: for error bodies, for the generic (lenient) path and for
anything the typed fast path (_fast.py) refuses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["loads"]

# msgspec.json.Decoder().decode, made on first use: importing the client does not load
# msgspec until a body has to be read.
_decode: Callable[[bytes], Any] | None = None
# What msgspec raises when it refuses a body (its DecodeError is a ValueError only from
# 0.20 on), and the recursion limit.
REFUSED: tuple[type[BaseException], ...] = (ValueError, RecursionError)


def loads(content: bytes) -> Any:
    """The JSON document in `content`, exactly as json.loads(content) returns it."""
    global _decode, REFUSED
    if _decode is None:
        import msgspec

        REFUSED = (msgspec.MsgspecError, ValueError, RecursionError)
        _decode = msgspec.json.Decoder().decode
    try:
        return _decode(content)
    except REFUSED:
        return json.loads(content)
