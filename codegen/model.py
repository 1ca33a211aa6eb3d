"""The operations of openapi.yaml as codegen sees them: what `reading.py` makes of the
spec and the templates in `templates/surface/` render."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

PY_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
# Formats whose values a caller may also give as a Python object (sent as ISO 8601).
DATETIME_FORMATS = {"date-time", "dateTime"}


@dataclass
class Param:
    name: str
    python_name: str
    location: str
    kind: str
    required: bool
    default: Any
    has_default: bool
    constant: bool
    description: str
    constraints: dict[str, Any]
    deprecated: bool = False
    flag: str = ""  # the CLI flag (query and header parameters)

    @property
    def annotation(self) -> str:
        enum = self.constraints.get("enum")
        if enum:
            base = "Literal[" + ", ".join(repr(v) for v in enum) + "]"
        elif self.constraints.get("format") in DATETIME_FORMATS:
            base = "str | datetime"
        else:
            base = PY_TYPES[self.kind]
        return base if self.required or self.has_default else f"{base} | None"

    @property
    def signature(self) -> str:
        if self.required and not self.has_default:
            return f"{self.python_name}: {self.annotation}"
        default = repr(self.default) if self.has_default else "None"
        return f"{self.python_name}: {self.annotation} = {default}"


@dataclass
class BodyField:
    name: str
    kind: str
    items: str | None
    description: str
    flag: str | None = None  # None: set through --body only


@dataclass
class Body:
    python_name: str
    model: str
    required: bool
    description: str
    fields: list[BodyField]

    @property
    def signature(self) -> str:
        if self.required:
            return f"{self.python_name}: {self.model}"
        return f"{self.python_name}: {self.model} | None = None"


@dataclass
class Op:
    operation_id: str
    name: str
    method: str
    path: str
    pointer: str
    summary: str
    description: str
    params: list[Param]
    body: Body | None
    responses: dict[int, str | None]
    errors: dict[str, str]
    idempotent: bool
    scopes: list[str]
    deprecated: bool = False
    pagination: dict[str, Any] | None = None
    cli: dict[str, Any] = field(default_factory=dict)
    item_model: str | None = None

    @property
    def constant(self) -> str:
        return self.name.upper()

    @property
    def path_params(self) -> list[Param]:
        return [p for p in self.params if p.location == "path"]

    @property
    def keyword_params(self) -> list[Param]:
        return [p for p in self.params if p.location != "path" and not p.constant]

    @property
    def deprecated_params(self) -> list[Param]:
        return [p for p in self.path_params + self.keyword_params if p.deprecated]

    @property
    def result(self) -> str:
        models = sorted({m for m in self.responses.values() if m is not None})
        if not models:
            return "None"
        return models[0] + (" | None" if None in self.responses.values() else "")

    @property
    def signature(self) -> str:
        """The parameters of the plain and _with_http_info methods, after `self`."""
        positional = [p.signature for p in self.path_params]
        keywords = [p.signature for p in self.keyword_params]
        if self.body is not None:
            (positional if self.body.required else keywords).append(self.body.signature)
        parts = positional + (["*", *keywords] if keywords else [])
        return "".join(", " + part for part in parts)

    @property
    def call(self) -> str:
        """The arguments of `self._call(...)` after the descriptor."""
        pairs = [f"{p.name!r}: {p.python_name}" for p in self.path_params + self.keyword_params]
        text = "{" + ", ".join(pairs) + "}"
        if self.body is not None:
            text += ", " + self.body.python_name
        return text

    @property
    def iter_name(self) -> str:
        assert self.pagination is not None
        return str(self.pagination["iterator"])

    @property
    def iter_signature(self) -> str:
        """The iterator's parameters after `self`: path parameters and a required body
        first, then the paging keywords and the filters."""
        assert self.pagination is not None
        positional = [p.signature for p in self.path_params]
        keywords = [p.signature for p in self.filters]
        if self.body is not None:
            (positional if self.body.required else keywords).append(self.body.signature)
        size = self.pagination["max_page_size"]
        paging = [f"page_size: int = {size}", "max_items: int | None = None"]
        return "".join(", " + part for part in [*positional, "*", *paging, *keywords])

    @property
    def iter_call(self) -> str:
        """The arguments of `self._paginate(...)` after the descriptor: every parameter
        but limit/offset (the pager sets those)."""
        names = self.path_params + self.filters
        return "{" + ", ".join(f"{p.name!r}: {p.python_name}" for p in names) + "}"

    @property
    def iter_body(self) -> str:
        return self.body.python_name if self.body is not None else "None"

    @property
    def filters(self) -> list[Param]:
        """The keyword parameters an iter_* method passes on (all but limit/offset)."""
        assert self.pagination is not None
        paging = {self.pagination["limit"], self.pagination["offset"]}
        return [p for p in self.keyword_params if p.name not in paging]

    @property
    def deprecation(self) -> str:
        return f"{self.operation_id} is deprecated in openapi.yaml (UltraCart may remove it)"

    def docstring(self) -> str:
        lines = [self.summary or self.operation_id]
        if self.deprecated:
            lines += ["", "Deprecated: UltraCart marks this operation deprecated; calling it warns."]
        if self.description and self.description != self.summary:
            lines += ["", *textwrap.wrap(self.description, 84)]
        documented = [
            (p.python_name, _deprecated(p.description, p.deprecated))
            for p in self.path_params + self.keyword_params
            if p.description or p.deprecated
        ]
        if self.body is not None and self.body.description:
            documented.append((self.body.python_name, self.body.description))
        if documented:
            lines += ["", "Args:"]
            for name, text in documented:
                lines += textwrap.wrap(f"{name}: {text}", 84, initial_indent="    ", subsequent_indent="        ")
        typed = sorted({m for s, m in self.errors.items() if m != "ErrorResponse"})
        if typed:
            lines += ["", "Errors documented with a body of their own (on `error.body_model`):"]
            lines += [f"    {status}: {model}" for status, model in self.errors.items() if model in typed]
        if not self.idempotent:
            lines += [
                "",
                "Not idempotent: not retried after a 5xx or a lost response, since the first",
                "attempt may have taken effect; the error is raised instead.",
            ]
        return "\n".join(lines)


def _deprecated(text: str, deprecated: bool) -> str:
    return f"(deprecated) {text}".strip() if deprecated else text
