"""Which operation a request is for: the fake's router, built from the operation
descriptors generated from openapi.yaml (plus the OAuth endpoints, which are not API
operations). A path template's `{name}` matches one path segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ultracart_conversations._operation import Operation


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    operation_id: str
    # The spec's descriptor; None for the OAuth endpoints, which are not API operations.
    operation: Operation[Any] | None = None
    path_names: tuple[str, ...] = ()


def operation_route(operation: Operation[Any]) -> Route:
    """A route matching the operation's path template ({name} is one path segment)."""
    names = tuple(re.findall(r"{([^}]+)}", operation.path))
    pattern = "".join(
        "([^/]+)" if part.startswith("{") else re.escape(part)
        for part in re.split(r"({[^}]+})", operation.path)
        if part
    )
    return Route(operation.method, re.compile(pattern), operation.operation_id, operation, names)


@dataclass(frozen=True)
class Found:
    """What the router made of a request: its route (None: no route for this method) and
    path parameters, or the methods the path allows (for a 405)."""

    route: Route | None
    params: dict[str, str] = field(default_factory=dict)
    allowed: list[str] = field(default_factory=list)


def specificity(template: str) -> tuple[int, ...]:
    """Sorts a path template before the ones it is more specific than: segment by
    segment, a literal one before one with a {parameter} (`/phone_number/search`
    before `/phone_number/{id}`), as any HTTP router does."""
    return tuple(1 if "{" in segment else 0 for segment in template.split("/"))


class Router:
    """Finds the route of a request: among the path templates that match the path, the
    most specific decides; a method it does not have is a 405 listing those it has."""

    def __init__(self, base_path: str, routes: Iterable[Route]) -> None:
        self.base_path = base_path
        by_pattern: dict[str, dict[str, Route]] = {}
        templates: dict[str, str] = {}
        for route in routes:
            template = route.operation.path if route.operation else route.pattern.pattern
            by_pattern.setdefault(route.pattern.pattern, {})[route.method] = route
            templates[route.pattern.pattern] = template
        self._paths = sorted(
            ((re.compile(p), methods) for p, methods in by_pattern.items()),
            key=lambda entry: specificity(templates[entry[0].pattern]),
        )

    def find(self, method: str, path: str) -> Found:
        if not path.startswith(self.base_path + "/"):
            return Found(None)
        rest = path[len(self.base_path) :]
        for pattern, methods in self._paths:
            match = pattern.fullmatch(rest)
            if match is None:
                continue
            route = methods.get(method)
            if route is None:
                return Found(None, allowed=sorted(methods))
            values = [unquote(v) for v in match.groups()]
            return Found(route, dict(zip(route.path_names, values, strict=True)))
        return Found(None)
