"""What the client knows about an operation, as data: the types of the descriptors that
codegen emits from openapi.yaml into `ultracart_conversations_api.operations`, the
`ApiResponse` every call returns, and the bases the generated methods stand on.

Nothing here names an operation: the generated surface
(`ultracart_conversations_api.resources`) fills these in, one descriptor per operation,
and the clients send whatever a descriptor says.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncGenerator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar

from ultracart_conversations._reading import problems_of

if TYPE_CHECKING:
    from ultracart_conversations._reading import ReadProblem

T = TypeVar("T")

Location = Literal["path", "query", "header"]
# JSON Schema types a parameter may have.
Kind = Literal["string", "integer", "number", "boolean"]


class _Missing:
    """No default in the spec (distinct from a default of None)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

# The descriptors are NamedTuples (immutable, compared by value) rather than dataclasses:
# a frozen dataclass compiles several methods when its module is imported, and the
# client's import time is part of every program that uses it.


class Parameter(NamedTuple):
    """One parameter of an operation, with the constraints the spec gives it."""

    name: str  # as the spec (and the wire) names it, leading underscore and all
    python_name: str  # the method's keyword: snake_case, no leading underscore
    location: Location
    kind: Kind
    required: bool = False
    default: Any = MISSING
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    enum: tuple[Any, ...] | None = None
    format: str | None = None  # "int32", "int64", "date-time"...
    # x-client-constant: always sent with its default, never a method argument.
    constant: bool = False
    description: str = ""
    deprecated: bool = False
    flag: str = ""  # the command line's flag for it ("" for none: path, paging, constant)


class BodyField(NamedTuple):
    """A property of a request body model, for tools that build bodies from flags."""

    name: str
    kind: str  # "string", "integer", "number", "boolean", "array" or "object"
    items: str | None = None  # the item kind of an array
    description: str = ""
    flag: str | None = None  # the command line's flag for it (None: through --body only)


def model_class(models: str, name: str) -> type[Any]:
    """A generated model class by name, imported on first use: importing the client loads
    no model (each one builds an attrs class at import)."""
    cls: type[Any] = getattr(importlib.import_module(models), name)
    return cls


class RequestBody(NamedTuple):
    python_name: str  # x-codegen-request-body-name, else "body"
    model_name: str  # the generated model class; instances are sent as JSON
    models: str  # the module that exports it
    required: bool
    fields: tuple[BodyField, ...] = ()
    description: str = ""

    @property
    def model(self) -> type[Any]:
        return model_class(self.models, self.model_name)


class Pagination(NamedTuple):
    """x-pagination: how the pages of a list operation are walked."""

    iterator: str  # the clients' method: "iter_" + the items' name
    items: str  # the response property holding the page's items
    item_id: str  # the item property that identifies an item
    limit: str  # the query parameter for the page size
    offset: str  # the query parameter for the zero-based offset
    result_set: tuple[str, ...]  # the path to the page's ResultSet in the response
    max_page_size: int


class CliHints(NamedTuple):
    """x-cli: what the command line calls the operation and shows of its items."""

    command: str
    columns: tuple[str, ...] = ()


# Builds the result from a decoded JSON object; None: the body is not read.
Parser = Callable[[Mapping[str, Any]], T] | None


class Operation(Generic[T]):
    """One operation of the API, as openapi.yaml declares it (built once per operation
    by the generated module, and not changed after)."""

    __slots__ = (
        "_models",
        "arguments",
        "body",
        "cli",
        "constant_headers",
        "deprecated",
        "errors",
        "idempotent",
        "method",
        "models",
        "oauth_scopes",
        "operation_id",
        "pagination",
        "parameters",
        "path",
        "path_parameters",
        "python_name",
        "responses",
        "summary",
    )

    def __init__(
        self,
        *,
        operation_id: str,
        python_name: str,
        method: str,
        path: str,
        parameters: tuple[Parameter, ...],
        body: RequestBody | None,
        responses: Mapping[int, str | None],
        models: str,
        idempotent: bool,
        summary: str = "",
        oauth_scopes: tuple[str, ...] = (),
        pagination: Pagination | None = None,
        cli: CliHints | None = None,
        errors: Mapping[str, str] | None = None,
        deprecated: bool = False,
    ) -> None:
        self.operation_id = operation_id
        self.python_name = python_name  # the clients' method
        self.method = method
        self.path = path  # relative to the base URL, with {name} placeholders
        self.parameters = parameters
        self.body = body
        # Documented 2xx statuses and the model that reads each (None: no body to read).
        self.responses = responses
        self.models = models  # the module that exports the models
        # Safe to send twice (x-idempotent, else by HTTP method): a retry after a 5xx or
        # a lost response cannot do harm.
        self.idempotent = idempotent
        self.summary = summary
        self.oauth_scopes = oauth_scopes
        self.pagination = pagination
        self.cli = cli
        # Documented error statuses ("409", "4XX", "default") and the model of the body
        # each carries: an error's `body_model`.
        self.errors: Mapping[str, str] = errors or {}
        self.deprecated = deprecated  # `deprecated: true` in openapi.yaml
        # Derived once, for the hot path.
        self.path_parameters = tuple(p for p in parameters if p.location == "path")
        self.arguments = tuple(p for p in parameters if p.location != "path" and not p.constant)
        self.constant_headers: Mapping[str, str] = {
            p.name: str(p.default) for p in parameters if p.constant
        }
        # status -> model, filled on first use of each status.
        self._models: dict[int, type[T] | None] = {}

    def __repr__(self) -> str:
        return f"Operation({self.operation_id!r}, {self.method} {self.path})"

    def error_model(self, status: int) -> str | None:
        """The model of the body a documented error status carries (its own, "4XX" or
        "default"), or None."""
        errors = self.errors
        return errors.get(str(status)) or errors.get(f"{status // 100}XX") or errors.get("default")

    def model_for(self, status: int) -> type[T] | None:
        """The model that reads a 2xx answer (None: its body is not read); a 2xx the spec
        does not list is read like the first one it does."""
        try:
            return self._models[status]
        except KeyError:
            pass
        name = self.responses.get(status, self.responses[min(self.responses)])
        model = None if name is None else model_class(self.models, name)
        self._models[status] = model
        return model

    def parser_for(self, status: int) -> Parser[T]:
        """How to read a 2xx answer from its decoded JSON (the model's from_dict)."""
        model = self.model_for(status)
        return None if model is None else model.from_dict  # type: ignore[attr-defined]


class ApiResponse(NamedTuple, Generic[T]):
    """A call's result with its HTTP details (what the seed's `*_with_http_info` returns).

    `data` is the parsed model, or None for an answer without a documented body;
    `headers` has lower-cased names; `content` is the raw body. Four fields, so that
    `data, status, headers, content = ...` works.
    """

    data: T
    status_code: int
    headers: Mapping[str, str]
    content: bytes

    @property
    def problems(self) -> tuple[ReadProblem, ...]:
        """The values of the body that did not fit their documented types, read leniently
        (`problems_of(data)`; always empty with `strict=True`, which raises instead)."""
        return problems_of(self.data)


class SyncCaller:
    """What the generated sync methods call; ConversationApi implements it."""

    def _call(
        self, operation: Operation[T], arguments: Mapping[str, Any], body: Any = None
    ) -> ApiResponse[T]:
        raise NotImplementedError

    def _paginate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        page_size: int,
        max_items: int | None,
        deadline: float | None = None,
        body: Any = None,
    ) -> Iterator[Any]:
        raise NotImplementedError


class AsyncCaller:
    """What the generated async methods call; AsyncConversationApi implements it."""

    async def _call(
        self, operation: Operation[T], arguments: Mapping[str, Any], body: Any = None
    ) -> ApiResponse[T]:
        raise NotImplementedError

    def _paginate(
        self,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        page_size: int,
        max_items: int | None,
        concurrency: int,
        deadline: float | None = None,
        body: Any = None,
    ) -> AsyncGenerator[Any, None]:
        raise NotImplementedError
