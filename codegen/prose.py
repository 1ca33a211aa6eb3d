"""Leave UltraCart's prose out of what we copy: its descriptions, summaries, titles and
examples are not structure, and not ours to copy (the snapshot and `adopt` both use this).

A key is prose only where the document's grammar says so. Under `properties` (and the
other mappings keyed by names: schemas, responses, headers, media types...) the keys are
names, and a property *named* `description` or `title` is structure: 31 of UltraCart's
schemas have one. Values that are data (`default`, `enum`, `const`) are copied as they are.
"""

from __future__ import annotations

from typing import Any

PROSE = frozenset({"description", "summary", "example", "examples", "title", "externalDocs"})

# Mappings whose keys are names chosen by the document's author, not OpenAPI keywords.
NAME_MAPS = frozenset(
    {
        "properties",
        "patternProperties",
        "definitions",
        "schemas",
        "parameters",  # under components (a list under an operation: items are objects)
        "responses",
        "headers",
        "content",
        "encoding",
        "securitySchemes",
        "requestBodies",
        "links",
        "callbacks",
        "paths",
        "flows",
        "variables",
        "mapping",
    }
)
# Values that are data, copied whole.
DATA = frozenset({"default", "enum", "const"})


def strip_prose(node: Any, names: bool = False) -> Any:
    """A copy of `node` without prose; `names`: node is a mapping keyed by names."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if names:
                out[key] = strip_prose(value)  # the key is a name, the value the named thing
            elif key in PROSE:
                continue
            elif key in DATA:
                out[key] = value
            elif key == "scopes" and isinstance(value, dict):
                out[key] = dict.fromkeys(value, "")  # the names are structure, the texts prose
            else:
                out[key] = strip_prose(value, key in NAME_MAPS and isinstance(value, dict))
        return out
    if isinstance(node, list):
        return [strip_prose(item) for item in node]
    return node
