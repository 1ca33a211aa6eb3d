"""Reading JSON into the generated models leniently, and saying what did not fit.

A response is never lost to one odd field. The generated `from_dict` of every model reads:
- a field sent as null as None (every optional field is typed `X | None | Unset`);
- a field of another JSON type as UNSET, its value kept as received in the model's
  `additional_properties` (so `to_dict()` still gives back the document), and a
  `ReadProblem` recorded;
- a list item of another type (a string among the participants) is left out of the list,
  and a `ReadProblem` recorded.
The problems of a model and of everything read inside it are `problems_of(model)`, with
paths from that model down ("conversations[150].message_count"). The client logs them
(once per field) and, with `strict=True`, raises ResponseValidationError instead.

What the generated code calls is here, so that the templates stay short: `off_type`,
`dropped`, `nested` and `finish`; a generated type check raises a plain TypeError
("count: expected an integer, got str"), read back by `_expected`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple, TypeVar

__all__ = [
    "ModelBase",
    "Problems",
    "ReadProblem",
    "WrongType",
    "dropped",
    "finish",
    "from_dict_strictly",
    "nested",
    "off_type",
    "problems_of",
]


class ReadProblem(NamedTuple):
    """A value of a response that is not of its documented type.

    `path` leads from the model read to the value: `message_count`,
    `conversations[150].participants[0].joined_dts`; a path ending in `]` is a list item
    that was left out. `expected` is the documented type ("an integer"), `got` the Python
    type of the value received ("str"), `value` the value itself, as decoded from JSON.
    """

    path: str
    expected: str
    got: str
    value: object

    def __str__(self) -> str:
        return f"{self.path}: expected {self.expected}, got {self.got}"

    def __repr__(self) -> str:
        # The value is left out: a credential the spec marks x-sensitive could be one.
        return f"ReadProblem(path={self.path!r}, expected={self.expected!r}, got={self.got!r})"


class WrongType(TypeError):
    """A value of another type than documented (`"message_count: expected an integer, got
    str"`), raised by `from_dict_strictly`."""

    def __init__(self, name: str, expected: str, value: object) -> None:
        super().__init__(f"{name}: expected {expected}, got {type(value).__name__}")
        self.expected = expected


class ModelBase:
    """The base of every generated model: one slot, set only on a model read with
    problems (a model read cleanly, or built by hand, has none and does not pay for it).
    Not copied by copy(), pickle or attrs.evolve: it says how this instance was read."""

    __slots__ = ("_read_problems",)
    _read_problems: tuple[ReadProblem, ...]


# A generated model class (no Protocol for it: importing the client would build one).
M = TypeVar("M")


def problems_of(model: object) -> tuple[ReadProblem, ...]:
    """What did not fit the documented types when `model` was read, with the paths from
    `model` down; () when everything fit."""
    problems: tuple[ReadProblem, ...] = getattr(model, "_read_problems", ())
    return problems


def from_dict_strictly(model: type[M], document: Mapping[str, Any]) -> M:
    """`model.from_dict(document)`, or WrongType for the first value of another type:
    for what a user gives (a request body), where a clear error beats a lenient guess."""
    read: M = model.from_dict(document)  # type: ignore[attr-defined]
    problems = problems_of(read)
    if problems:
        first = problems[0]
        raise WrongType(first.path, first.expected, first.value)
    null = _first_null(read, "")
    if null is not None:
        raise TypeError(
            f"{null}: null is not allowed here (openapi.yaml does not make it nullable)"
        )
    return read


def _first_null(model: Any, path: str) -> str | None:
    """The first field (by attribute path) that is None where the spec allows no null."""
    import attrs  # loaded with the models, not when the client is imported

    allowed: frozenset[str] = getattr(model, "_null_allowed", frozenset())
    for field in attrs.fields(type(model)):
        name: str = field.name
        value: object = getattr(model, name)
        if value is None and name not in allowed:
            return path + name
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, ModelBase):
                where = f"{name}[{index}]" if isinstance(value, list) else name
                found = _first_null(item, f"{path}{where}.")
                if found is not None:
                    return found
    return None


class Problems:
    """What one from_dict found so far: the problems, and the fields whose values it kept
    as received (they go to additional_properties)."""

    __slots__ = ("found", "kept")

    def __init__(self) -> None:
        self.found: list[ReadProblem] = []
        self.kept: set[str] = set()


def _expected(expected: str | TypeError) -> str:
    """The expected type, from a generated type check's TypeError ("count: expected an
    integer, got str") if that is what is given."""
    if isinstance(expected, str):
        return expected
    if isinstance(expected, WrongType):
        return expected.expected
    said = str(expected)
    start, end = said.find(": expected "), said.rfind(", got ")
    return said[start + len(": expected ") : end] if 0 <= start < end else "another type"


def off_type(
    problems: Problems | None, key: str, value: object, expected: str | TypeError
) -> Problems:
    """The field `key` holds `value`, not `expected` (or what `expected`, the error of a
    type check, says): it reads as UNSET and the value is kept in additional_properties."""
    if problems is None:
        problems = Problems()
    problems.found.append(ReadProblem(key, _expected(expected), type(value).__name__, value))
    problems.kept.add(key)
    return problems


def dropped(
    problems: Problems | None, key: str, index: int, value: object, expected: str | TypeError
) -> Problems:
    """Item `index` of the list `key` is not what the list holds: it is left out."""
    if problems is None:
        problems = Problems()
    path = f"{key}[{index}]"
    problems.found.append(ReadProblem(path, _expected(expected), type(value).__name__, value))
    return problems


def nested(
    problems: Problems | None, key: str, model: object, index: int | None = None
) -> Problems | None:
    """The problems of `model`, read as the field `key` of this one (or as item `index`
    of that list), under that path."""
    inner: tuple[ReadProblem, ...] | None = getattr(model, "_read_problems", None)
    if not inner:
        return problems
    if problems is None:
        problems = Problems()
    where = key if index is None else f"{key}[{index}]"
    problems.found.extend(
        ReadProblem(f"{where}.{p.path}", p.expected, p.got, p.value) for p in inner
    )
    return problems


def finish(
    model: Any,
    problems: Problems,
    src_dict: Mapping[str, Any],
    known_keys: frozenset[str] | None,
) -> None:
    """Record the problems on the model read, and keep the values that did not fit with
    its additional properties (in the document's order), when it has any."""
    model._read_problems = tuple(problems.found)
    if known_keys is None or not problems.kept:
        return
    kept = problems.kept
    model.additional_properties = {
        key: value for key, value in src_dict.items() if key not in known_keys or key in kept
    }
