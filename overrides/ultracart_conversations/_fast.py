"""The fast reader: a response body straight into the generated models, when it fits.

msgspec decodes the body into Structs made once per model from the model's generated
`_fast_fields()`: every field typed as openapi.yaml documents it, null allowed, an absent
field UNSET, an unknown key refused. The model's generated `_from_fast()` then fills the
model's slots from the Struct, nested models and lists included. That is about twice as
fast as decoding to dicts and running from_dict (docs/performance.md).

It takes only what the generic reader would read without a problem. Anything else (a
value of another type, a key the spec does not know, NaN, a lone surrogate, a byte order
mark, a body that is not an object...) makes `read_fast` return None, and the caller
reads the body the generic way (_json.loads and the lenient from_dict), which then gives
its result, its problems or its error. So the two give the same models
(tests/test_fast_reader.py holds them to it).

ULTRACART_FAST_READ=0 in the environment turns it off (the suite runs both ways in CI).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

__all__ = ["ENVIRONMENT_VARIABLE", "read_fast"]

ENVIRONMENT_VARIABLE = "ULTRACART_FAST_READ"
_OFF = {"0", "off", "false", "no"}

Reader = Callable[[bytes], Any]
# Set to (msgspec.MsgspecError, RecursionError) once a reader is made.
_REFUSED: tuple[type[BaseException], ...] = (RecursionError,)
# model class -> its reader (None: the model has no fast path, or it is turned off).
_READERS: dict[type, Reader | None] = {}
# model class -> its Struct (None: a kind the fast reader cannot express, or a cycle).
_STRUCTS: dict[type, Any] = {}


def read_fast(model: type, content: bytes) -> Any:
    """The body read into `model`, or None when the generic reader has to read it."""
    try:
        reader = _READERS[model]
    except KeyError:
        reader = _READERS[model] = _reader(model)
    if reader is None:
        return None
    try:
        return reader(content)
    except _REFUSED:  # msgspec's DecodeError and ValidationError, the recursion limit
        return None


def _reader(model: type) -> Reader | None:
    if os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower() in _OFF:
        return None
    struct = _struct(model, set())
    if struct is None:
        return None
    import msgspec

    global _REFUSED
    _REFUSED = (msgspec.MsgspecError, RecursionError)
    decode = msgspec.json.Decoder(struct).decode
    convert: Callable[[Any], Any] = getattr(model, "_from_fast")  # noqa: B009

    def read(content: bytes) -> Any:
        return convert(decode(content))

    return read


def _struct(model: type, building: set[type]) -> Any:
    """The msgspec Struct `model`'s JSON decodes into (made once), or None."""
    if model in _STRUCTS:
        return _STRUCTS[model]
    fields: Callable[[], tuple[tuple[str, str, Any, bool], ...]] | None = getattr(
        model, "_fast_fields", None
    )
    if fields is None or model in building:  # no table, or a model that holds itself
        return None
    import msgspec

    from ultracart_conversations_api.types import UNSET

    building.add(model)
    spec: list[tuple[str, Any, Any]] = []
    for attribute, key, kind, required in fields():
        decoded = _decoded_type(kind, building)
        if decoded is None:
            _STRUCTS[model] = None
            return None
        if required:
            spec.append((attribute, decoded, msgspec.field(name=key)))
        else:
            spec.append((attribute, decoded | None, msgspec.field(default=UNSET, name=key)))
    building.discard(model)
    # gc=False: a Struct of decoded JSON holds no cycles, and lives for one conversion.
    struct = msgspec.defstruct(
        f"{model.__name__}Fast", spec, kw_only=True, forbid_unknown_fields=True, gc=False
    )
    _STRUCTS[model] = struct
    return struct


def _decoded_type(kind: Any, building: set[type]) -> Any:
    """What msgspec decodes a value of `kind` (see codegen/templates/fast_read.jinja) as."""
    if kind in (str, int, bool):
        return kind
    if kind is float:  # a JSON number: an integer stays an int, as json.loads reads it
        return int | float
    if kind is object:
        return Any
    if isinstance(kind, list):
        item = _decoded_type(kind[0], building)
        return None if item is None else list[item]  # type: ignore[valid-type]
    if isinstance(kind, type):
        return _struct(kind, building)
    return None
