"""Local `$ref`s of an OpenAPI document: which a node holds, and which component each names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def refs_in(node: Any) -> list[str]:
    """Every `$ref` string under `node`."""
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str):
                found.append(ref)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def component(ref: str) -> tuple[str, str] | None:
    """("schemas", "Name") for `#/components/schemas/Name`; None for any other ref."""
    parts = ref.removeprefix("#/").split("/")
    if len(parts) == 3 and parts[0] == "components":
        return parts[1], parts[2].replace("~1", "/").replace("~0", "~")
    return None


def walk_components(pending: list[str], visit: Callable[[str, str, str], Any]) -> None:
    """Visit each component the refs in `pending` reach, once: `visit(ref, section, name)`
    returns the node it keeps (whose own refs are followed in turn), or None."""
    seen: set[str] = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        where = component(ref)
        if where is None:
            continue
        kept = visit(ref, *where)
        if kept is not None:
            pending.extend(sorted(set(refs_in(kept)) - seen))
