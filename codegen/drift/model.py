"""The normalised model both documents are mapped onto before they are compared.

Swagger 2.0 and OpenAPI 3.0/3.1 say the same things in different words; comparing this
model instead of raw documents is what keeps the comparison free of format noise.
Component names are kept for messages only, never compared: a renamed model with the
same shape is not drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Constraints compared as bounds; exclusive bounds are normalised to the 3.1 form
# (a number), so Swagger 2.0 / OAS 3.0 `exclusiveMinimum: true` lands here too.
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
OTHER_BOUNDS = ("pattern", "multipleOf", "uniqueItems")
BOUNDS = LOWER_BOUNDS + UPPER_BOUNDS + OTHER_BOUNDS


class _NoDefault:
    def __repr__(self) -> str:
        return "(none)"


NO_DEFAULT = _NoDefault()


@dataclass(eq=False)
class Schema:
    """One schema; object identity matters (recursive models form cycles of these)."""

    name: str | None = None
    type: str | None = None
    format: str | None = None
    nullable: bool = False
    enum: tuple[object, ...] | None = None
    default: object = NO_DEFAULT
    bounds: dict[str, object] = field(default_factory=dict)
    properties: dict[str, Schema] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Schema | None = None
    additional: Schema | bool | None = None
    variants: tuple[Schema, ...] = ()
    deprecated: bool = False
    # False while a referenced schema is still being filled in (see normalize).
    complete: bool = False


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # query, path, header, cookie
    required: bool
    schema: Schema
    deprecated: bool = False


@dataclass(frozen=True)
class Body:
    """A request or response body: schema per media type (None when the type has none)."""

    required: bool
    media: dict[str, Schema | None]


@dataclass(frozen=True)
class Header:
    required: bool
    schema: Schema


@dataclass(frozen=True)
class Response:
    headers: dict[str, Header]  # names compare case-insensitively
    body: Body | None


@dataclass(frozen=True)
class Flow:
    authorization_url: str | None
    token_url: str | None
    scopes: frozenset[str]


@dataclass(frozen=True)
class SecurityScheme:
    type: str  # apiKey, http, oauth2, openIdConnect, mutualTLS
    location: str | None = None  # apiKey: header, query, cookie
    name: str | None = None  # apiKey: the header/query/cookie name
    scheme: str | None = None  # http: basic, bearer
    flows: tuple[tuple[str, Flow], ...] = ()


# One way to authenticate: each scheme it needs, with the scopes it needs.
Requirement = frozenset[tuple[str, frozenset[str]]]


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str
    parameters: tuple[Parameter, ...]
    body: Body | None
    responses: dict[str, Response]
    # None: no security at all; otherwise the alternatives (any one of them suffices).
    security: frozenset[Requirement] | None
    deprecated: bool = False


@dataclass(frozen=True)
class OperationRef:
    """What the index knows about an operation before it is normalised in full."""

    operation_id: str
    method: str
    path: str
