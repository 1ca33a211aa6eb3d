"""Refuse spec values that have no literal form in generated Python.

Defaults, enums and descriptions end up as `repr` literals in the generated code. YAML
can say more than JSON: an unquoted `2024-01-01` is a date, `.inf` and `.nan` are
floats with no literal, and a string may hold a NUL or a lone surrogate, which cannot be
written into a source file. Such values would generate a package that cannot be
imported; they are refused here, all of them at once, each with its place.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from codegen.problems import Problems, pointer

# Deeper nesting than this is no spec anyone writes; it is refused rather than walked.
MAX_DEPTH = 64


def check_literals(document: Any, problems: Problems) -> Any:
    """Add a problem for every value of `document` that JSON cannot represent; returns
    the document with each such value replaced by a plain one (so that the other checks
    can go on and report their problems in the same run), or `document` itself."""
    count = len(problems)
    _Walk(problems).visit(document, ())
    return document if len(problems) == count else _plain(document, set())


def _plain(value: Any, active: set[int]) -> Any:
    if isinstance(value, dict | list):
        if id(value) in active or len(active) > MAX_DEPTH:
            return None
        active.add(id(value))
        if isinstance(value, dict):
            plain: Any = {str(k): _plain(v, active) for k, v in value.items()}
        else:
            plain = [_plain(v, active) for v in value]
        active.discard(id(value))
        return plain
    if isinstance(value, str):
        return value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, float) and not math.isfinite(value):
        return 0.0
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool | int | float) or value is None:
        return value
    return str(value)


class _Walk:
    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        # Containers already checked (YAML aliases share them: walk each once) and the
        # ones being walked (an alias back to one of them is a cycle).
        self.done: set[int] = set()
        self.active: set[int] = set()

    def visit(self, value: Any, path: tuple[object, ...]) -> None:
        at = pointer(*path)
        add = self.problems.add
        if isinstance(value, dict | list):
            if id(value) in self.active:
                add("spec", at, "refers to itself (a YAML alias cycle)")
                return
            if id(value) in self.done:
                return
            if len(path) > MAX_DEPTH:
                add("spec", at, f"nested more than {MAX_DEPTH} levels deep")
                return
            self.active.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(value, dict) and not isinstance(key, str):
                    add("spec", at, f"the key {key!r} is a {type(key).__name__}, not a string",
                        "quote it")  # fmt: skip
                elif isinstance(key, str):
                    _check_text(key, pointer(*path, key) + " (the key)", self.problems)
                self.visit(item, (*path, str(key) if isinstance(value, dict) else key))
            self.active.discard(id(value))
            self.done.add(id(value))
        elif isinstance(value, str):
            _check_text(value, at, self.problems)
        elif isinstance(value, bool) or value is None or isinstance(value, int):
            return
        elif isinstance(value, float):
            if not math.isfinite(value):
                add("spec", at, f"{value} has no literal form (JSON has no infinity or NaN)")
        elif isinstance(value, datetime.date):
            text = value.isoformat()
            add("spec", at, f"YAML reads {text} as a {type(value).__name__}, not a string",
                f'quote it ("{text}")')  # fmt: skip
        else:
            add("spec", at, f"a {type(value).__name__} is not a JSON value")


def _check_text(text: str, at: str, problems: Problems) -> None:
    if "\x00" in text:
        problems.add("spec", at, "a NUL character cannot be written into a source file")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        problems.add("spec", at, "a lone surrogate is not text (it cannot be encoded)")
