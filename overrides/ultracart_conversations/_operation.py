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
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

Location = Literal["path", "query", "header"]
# JSON Schema types a parameter may have.
Kind = Literal["string", "integer", "number", "boolean"]


class _Missing:
    """No default in the spec (distinct from a default of None)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class Parameter:
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


@dataclass(frozen=True, slots=True)
class BodyField:
    """A property of a request body model, for tools that build bodies from flags."""

    name: str
    kind: str  # "string", "integer", "number", "boolean", "array" or "object"
    items: str | None = None  # the item kind of an array
    description: str = ""


def model_class(models: str, name: str) -> type[Any]:
    """A generated model class by name, imported on first use: importing the client loads
    no model (each one builds an attrs class at import)."""
    cls: type[Any] = getattr(importlib.import_module(models), name)
    return cls


@dataclass(frozen=True, slots=True)
class RequestBody:
    python_name: str  # x-codegen-request-body-name, else "body"
    model_name: str  # the generated model class; instances are sent as JSON
    models: str  # the module that exports it
    required: bool
    fields: tuple[BodyField, ...] = ()
    description: str = ""

    @property
    def model(self) -> type[Any]:
        return model_class(self.models, self.model_name)


@dataclass(frozen=True, slots=True)
class Pagination:
    """x-pagination: how the pages of a list operation are walked."""

    iterator: str  # the clients' method: "iter_" + the items' name
    items: str  # the response property holding the page's items
    item_id: str  # the item property that identifies an item
    limit: str  # the query parameter for the page size
    offset: str  # the query parameter for the zero-based offset
    result_set: tuple[str, ...]  # the path to the page's ResultSet in the response
    max_page_size: int


@dataclass(frozen=True, slots=True)
class CliHints:
    """x-cli: what the command line calls the operation and shows of its items."""

    command: str
    columns: tuple[str, ...] = ()


# Builds the result from a decoded JSON object; None: the body is not read.
Parser = Callable[[Mapping[str, Any]], T] | None


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One operation of the API, as openapi.yaml declares it."""

    operation_id: str
    python_name: str  # the clients' method
    method: str
    path: str  # relative to the base URL, with {name} placeholders
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    # Documented 2xx statuses and the model that reads each (None: no body to read).
    responses: Mapping[int, str | None]
    models: str  # the module that exports the models
    # Safe to send twice (x-idempotent, else by HTTP method): a retry after a 5xx or a
    # lost response cannot do harm.
    idempotent: bool
    summary: str = ""
    oauth_scopes: tuple[str, ...] = ()
    pagination: Pagination | None = None
    cli: CliHints | None = None
    # Derived once, for the hot path.
    path_parameters: tuple[Parameter, ...] = field(init=False, repr=False)
    arguments: tuple[Parameter, ...] = field(init=False, repr=False)
    constant_headers: Mapping[str, str] = field(init=False, repr=False)
    # status -> parser, filled on first use of each status.
    _parsers: dict[int, Parser[T]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "path_parameters", tuple(p for p in self.parameters if p.location == "path"))
        set_(
            self,
            "arguments",
            tuple(p for p in self.parameters if p.location != "path" and not p.constant),
        )
        set_(
            self,
            "constant_headers",
            {p.name: str(p.default) for p in self.parameters if p.constant},
        )
        set_(self, "_parsers", {})

    def parser_for(self, status: int) -> Parser[T]:
        """How to read a 2xx answer; a 2xx the spec does not list is read like the first
        one it does."""
        try:
            return self._parsers[status]
        except KeyError:
            pass
        name = self.responses.get(status, self.responses[min(self.responses)])
        parser: Parser[T] = None if name is None else model_class(self.models, name).from_dict
        self._parsers[status] = parser
        return parser


@dataclass(frozen=True, slots=True)
class ApiResponse(Generic[T]):
    """A call's result with its HTTP details (what the seed's `*_with_http_info` returns).

    `data` is the parsed model, or None for an answer without a documented body;
    `headers` has lower-cased names; `content` is the raw body.
    """

    data: T
    status_code: int
    headers: Mapping[str, str]
    content: bytes


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
    ) -> AsyncGenerator[Any, None]:
        raise NotImplementedError
