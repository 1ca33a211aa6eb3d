"""openapi.yaml and deviations.yaml read and written round-trip, in our house layout.

ruamel.yaml keeps what a person wrote (comments, key order, quoting, folded text, flow
mappings); `dump(load(text)) == text` for both files, which a test holds. New material
is shaped like the hand-written parts: `{ type: string }` for a schema whose values are
all scalars, `$ref`s and status codes in double quotes, one blank line between path
items and between schemas.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.events import MappingEndEvent
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

# A flow mapping whose line would be longer than this is written as a block.
FLOW_WIDTH = 110
_STR = "tag:yaml.org,2002:str"
_INDICATORS = frozenset("#*&!|>'\"%@`[]{},")


class _SpacedEmitter(Emitter):
    """Flow mappings as we write them: `{ type: string }`, and `{}` when empty."""

    flow_map_end = " }"

    def expect_first_flow_mapping_key(self) -> None:
        if isinstance(self.event, MappingEndEvent):
            self.flow_map_end = "}"
            try:
                super().expect_first_flow_mapping_key()
            finally:
                del self.flow_map_end
            return
        self.whitespace = False  # a space after "{"
        super().expect_first_flow_mapping_key()


def _yaml() -> YAML:
    y = YAML()
    y.Emitter = _SpacedEmitter
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a line a person wrote
    y.indent(mapping=2, sequence=4, offset=2)
    y.brace_single_entry_mapping_in_flow_sequence = True
    return y


def load(path: Path) -> Any:
    return _yaml().load(path.read_text(encoding="utf-8"))


def dumps(document: Any) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return _blank_lines(out.getvalue())


def write(path: Path, document: Any) -> None:
    path.write_text(dumps(document), encoding="utf-8")


def _blank_lines(text: str) -> str:
    """One blank line before each path item, schema and deviation entry; none doubled."""
    out: list[str] = []
    section = ""
    for line in text.split("\n"):
        if re.match(r"^\S", line):
            section = line.split(":")[0]
            if section in ("paths", "components") and out and out[-1].strip():
                out.append("")
        elif re.match(r"^  \S", line) and section.startswith("components"):
            section = "components/" + line.strip().split(":")[0]
        starts_item = (
            (section == "paths" and line.startswith("  /"))
            or (section == "components/schemas" and re.match(r"^    [A-Za-z0-9_.-]+:", line) is not None)
            or (section == "deviations" and line.startswith("  - "))
        )
        previous = out[-1] if out else ""
        if starts_item and previous.strip() and not previous.lstrip().startswith("#"):
            if not re.match(r"^\s*(paths|schemas|deviations):\s*$", previous):
                out.append("")
        if not line.strip() and not previous.strip() and out:
            continue  # a doubled blank line
        out.append(line)
    return "\n".join(out)


# -- new material in our layout ---------------------------------------------------------


def plain_safe(text: str) -> str | DoubleQuotedScalarString:
    """A string as we write it: double-quoted where it could not stand plain.

    That includes what PyYAML (YAML 1.1: `on`, `no`, dates...) would read as something
    else: the other tools read openapi.yaml with PyYAML.
    """
    resolver: Any = pyyaml.resolver.Resolver()
    resolved = resolver.resolve(pyyaml.ScalarNode, text, (True, False))
    if (
        resolved != _STR
        or not text
        or text != text.strip()
        or text[0] in _INDICATORS
        or text[:2] in ("- ", "? ", ": ")
        or ": " in text
        or " #" in text
    ):
        quoted: DoubleQuotedScalarString = DoubleQuotedScalarString(text)
        return quoted
    return text


def _scalar(value: Any) -> Any:
    return plain_safe(value) if isinstance(value, str) else value


def is_leaf(node: Any) -> bool:
    """A mapping whose values are scalars or lists of scalars: written in flow style."""
    return isinstance(node, dict) and all(
        not isinstance(v, dict | list) or (isinstance(v, list) and all(not isinstance(i, dict | list) for i in v))
        for v in node.values()
    )


def styled(node: Any, flow: Callable[[list[str], Any], bool], path: list[str] | None = None) -> Any:
    """`node` (plain data) as ruamel nodes; `flow(path, mapping)` says which mappings are flow."""
    path = path or []
    if isinstance(node, dict):
        out = CommentedMap()
        for key, value in node.items():
            name: Any = DoubleQuotedScalarString(key) if re.fullmatch(r"\d{3}|\dXX", str(key)) else _scalar(key)
            if key == "$ref" and isinstance(value, str):
                out[name] = DoubleQuotedScalarString(value)
            else:
                out[name] = styled(value, flow, [*path, str(key)])
        if flow(path, node):
            out.fa.set_flow_style()
            # The line it makes: indentation, key, value.
            if 2 * len(path) + len(path[-1] if path else "") + 2 + len(_flow_text(node)) > FLOW_WIDTH:
                out.fa.set_block_style()
        for key, value in out.items():
            if isinstance(value, CommentedSeq) and out.fa.flow_style():
                value.fa.set_flow_style()
        return out
    if isinstance(node, list):
        seq = CommentedSeq(styled(item, flow, [*path, "[]"]) for item in node)
        if all(not isinstance(i, dict | list) for i in node) and len(_flow_text(node)) <= FLOW_WIDTH // 2:
            seq.fa.set_flow_style()
        return seq
    return _scalar(node)


def _flow_text(node: Any) -> str:
    if isinstance(node, dict):
        return "{ " + ", ".join(f"{k}: {_flow_text(v)}" for k, v in node.items()) + " }"
    if isinstance(node, list):
        return "[" + ", ".join(_flow_text(v) for v in node) + "]"
    return str(node)


def insert_sorted(mapping: CommentedMap, key: str, value: Any, rank: Callable[[str], Any] = str) -> None:
    """Put a new key before the first key that ranks after it (else at the end).

    Hand-written parts keep their order; new keys land among them by rank, and their
    order does not depend on the order they were added in (adopting A then B writes the
    same file as B then A): a new key always sits just before the first original key
    ranking after it, in rank order with the other new keys there.
    """
    if key in mapping:
        mapping[key] = value
        return
    for position, existing in enumerate(mapping):
        if rank(existing) > rank(key):
            mapping.insert(position, key, value)
            return
    mapping[key] = value


def keys_of(mapping: Iterable[Any]) -> list[str]:
    return [str(k) for k in mapping]
