"""`python -m codegen adopt --changes UPSTREAM`: upstream's non-breaking changes to what we carry.

The drift check says what differs; this applies the differences our users can take
without a change to their code, each through our house rules, and lists them:

- an optional property added to a schema (with any schema it needs, adopted whole);
- enum values added (at the end of ours, in upstream's order);
- an optional parameter added to an operation;
- what upstream newly deprecates (operation, parameter, field): marked `deprecated: true`.

Everything else (a removal, a retype, a new required input, a wrapped response...) stays
for a person: after applying, the remaining drift is printed as the drift check prints
it, and the exit status is 1. The snapshot is refreshed from UPSTREAM only when nothing
remains, so that `make drift` keeps saying what is left to decide.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from codegen.adopt import yamlfile
from codegen.adopt.core import Adoption, Files, flow_style, plain, write_all
from codegen.adopt.deviations import drift_of, explain, merge_entries, prune
from codegen.adopt.house import house_schema
from codegen.drift.allowlist import load_deviations
from codegen.drift.errors import reading
from codegen.drift.findings import Finding
from codegen.drift.normalize import HTTP_METHODS, Document, path_key
from codegen.drift.report import as_text
from codegen.prose import strip_prose
from codegen.refs import refs_in

_SUFFIXES = re.compile(r"^(.*?)((?:\[\]|\{\})*)$")


@dataclass(frozen=True)
class Applied:
    finding: Finding

    def __str__(self) -> str:
        f = self.finding
        return f"{f.operation} {f.location}: {f.change}"


class _Locator:
    """Finds, in one document, the node a finding's location names for an operation."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document

    def deref(self, node: Any) -> Any:
        seen: set[str] = set()
        while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
            ref = node["$ref"]
            seen.add(ref)
            target: Any = self.document
            for part in ref.removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def operation(self, path: str, method: str) -> Any:
        return self.document["paths"][path][method]

    def parameter(self, op: Any, location: str, name: str) -> Any:
        for param in op.get("parameters") or []:
            param = self.deref(param)
            same = param.get("name") == name or (location == "header" and str(param.get("name")).lower() == name)
            if param.get("in") == location and same:
                return param
        raise KeyError(name)

    def start(self, op: Any, parts: list[str]) -> tuple[Any, list[str]]:
        """(the node the location starts from, the rest): a schema, or a parameter."""
        head = parts[0]
        if head == "parameters":
            param = self.parameter(op, parts[1], parts[2])
            if len(parts) == 3 or parts[3] == "deprecated":
                return param, parts[3:]
            return param, parts[3:]
        if head == "requestBody":
            return self._content(self.deref(op["requestBody"])), parts[1:]
        if head == "responses":
            response = self.deref(op["responses"][parts[1]])
            if len(parts) > 2 and parts[2] == "headers":
                return self.deref(response["headers"][parts[3]]), parts[4:]
            return self._content(response), parts[2:]
        return op, parts

    def _content(self, node: Any) -> Any:
        content = node["content"]
        media = "application/json" if "application/json" in content else next(m for m in content if "json" in m)
        return content[media]

    def walk(self, node: Any, segments: list[str]) -> Any:
        """Follow schema segments (`schema`, `name[]`, `name{}`, `oneOf/0`) from `node`."""
        i = 0
        while i < len(segments):
            name, suffixes = _SUFFIXES.match(segments[i]).groups()  # type: ignore[union-attr]
            node = self.deref(node)
            if name in ("oneOf", "anyOf") and i + 1 < len(segments) and segments[i + 1].isdigit():
                key = "oneOf" if "oneOf" in node else "anyOf"
                node = node[key][int(segments[i + 1])]
                i += 2
                continue
            if name == "schema" and "schema" in node:
                node = node["schema"]
            elif name:
                node = self._property(node, name)
            for suffix in re.findall(r"\[\]|\{\}", suffixes):
                node = self.deref(node)
                node = node["items"] if suffix == "[]" else node["additionalProperties"]
            i += 1
        return self.deref(node)

    def _property(self, node: Any, name: str) -> Any:
        properties = node.get("properties") or {}
        if name in properties:
            return properties[name]
        for member in node.get("allOf") or []:
            member = self.deref(member)
            if name in (member.get("properties") or {}):
                return member["properties"][name]
        raise KeyError(name)


def _split(location: str) -> list[str]:
    return location.strip("/").split("/")


class ChangeApplier:
    def __init__(self, upstream: dict[str, Any], spec: Any) -> None:
        self.ours = _Locator(spec)
        self.theirs = _Locator(upstream)
        self.adoption = Adoption(upstream, spec)
        self.pending_refs: list[str] = []

    def apply(self, finding: Finding, their_path: str) -> bool:
        """Apply one finding if it is of a kind we take; whether it was applied."""
        method = finding.method.lower()
        mine_op = self.ours.operation(finding.path, method)
        their_op = self.theirs.operation(their_path, method)
        parts = _split(finding.location)
        kind, change = finding.kind, finding.change
        if kind == "property-added" and change.startswith("optional property"):
            return self._property(mine_op, their_op, parts)
        if kind == "enum-changed" and change.startswith("enum values added upstream"):
            return self._enum(mine_op, their_op, parts[:-1])
        if kind == "parameter-added" and change.startswith("optional"):
            return self._parameter(mine_op, their_op, parts)
        if kind in ("operation-deprecated", "parameter-deprecated", "field-deprecated"):
            return self._deprecate(mine_op, parts[:-1])
        return False

    def _node(self, locator: _Locator, op: Any, parts: list[str]) -> Any:
        node, rest = locator.start(op, parts)
        return locator.walk(node, rest) if rest else locator.deref(node)

    def _property(self, mine_op: Any, their_op: Any, parts: list[str]) -> bool:
        name = parts[-1]
        mine = self._node(self.ours, mine_op, parts[:-1])
        theirs = self._node(self.theirs, their_op, parts[:-1])
        value = house_schema(strip_prose(self.theirs._property(theirs, name)))
        properties = mine.setdefault("properties", {})
        if name in properties:
            return True  # a schema several operations share: added once
        styled = yamlfile.styled(value, flow_style, ["properties", name])
        yamlfile.insert_sorted(properties, name, styled)
        self.pending_refs += refs_in(value)
        return True

    def _enum(self, mine_op: Any, their_op: Any, parts: list[str]) -> bool:
        mine = self._node(self.ours, mine_op, parts)
        theirs = self._node(self.theirs, their_op, parts)
        for value in theirs.get("enum") or []:
            if value is not None and value not in mine["enum"]:
                mine["enum"].append(value)
        return True

    def _parameter(self, mine_op: Any, their_op: Any, parts: list[str]) -> bool:
        raw = self.theirs.parameter(their_op, parts[1], parts[2])
        adopted = self.adoption.adopter.adopted_parameter(dict(raw))
        params = mine_op.setdefault("parameters", [])
        params.append(yamlfile.styled(adopted.operation, flow_style, ["parameters", "[]"]))
        self.pending_refs += refs_in(adopted.operation)
        return True

    def _deprecate(self, mine_op: Any, parts: list[str]) -> bool:
        node = self._node(self.ours, mine_op, parts) if parts else mine_op
        if "deprecated" not in node and hasattr(node, "insert"):
            # Where we write it: after the operationId, or a parameter's `required`.
            keys = list(node)
            after = next((k for k in ("operationId", "required", "type") if k in keys), None)
            node.insert(keys.index(after) + 1 if after else len(keys), "deprecated", True)
        node["deprecated"] = True
        return True


def apply_changes(upstream: dict[str, Any], source: str, files: Files = Files()) -> int:
    from codegen.snapshot import write_snapshot

    spec = yamlfile.load(files.spec)
    ours = plain(spec)
    carried_ids = {
        str(op.get("operationId"))
        for item in ours["paths"].values()
        for method, op in item.items()
        if method in HTTP_METHODS
    }
    pruned = prune(files.deviations, carried_ids)
    deviations = load_deviations(files.deviations)
    findings = [f for f in drift_of(ours, upstream, source) if not any(d.matches(f) for d in deviations)]
    their_index = Document(upstream, source).index
    applier = ChangeApplier(upstream, spec)
    applied: list[Applied] = []

    def work() -> None:
        for finding in findings:
            their_path = their_index[(finding.method, path_key(finding.path))].path
            if applier.apply(finding, their_path):
                applied.append(Applied(finding))
        applier.adoption.copy_components(applier.pending_refs)

    reading(source, work)
    text = yamlfile.dumps(spec)
    ours = yaml.safe_load(text)
    explained, _ = explain(ours, upstream, source, files.deviations, None)
    write_all({files.spec: text, files.deviations: merge_entries(files.deviations, explained)})
    for line in pruned:
        print(
            f"deviation entry {line.split(':')[0]}: {line.split(': ')[1]} is no longer ours (renamed or removed): dropped"
        )
    for entry_id, operation in sorted({(e.entry_id, e.operation) for e in explained}):
        print(f"deviation entry {entry_id}: now covers {operation}")
    print(f"applied {len(applied)} non-breaking changes from {source}" + (":" if applied else ""))
    for item in applied:
        print(f"  {item}")
    if applier.adoption.outcome.components:
        print(f"with {len(applier.adoption.outcome.components)} new components: ", end="")
        print(", ".join(applier.adoption.outcome.components))
    deviations = load_deviations(files.deviations)
    remaining = [f for f in drift_of(ours, upstream, source) if not any(d.matches(f) for d in deviations)]
    if remaining:
        print("\nFor a person to decide (the snapshot is refreshed once nothing is left):")
        print(as_text(remaining, [], str(files.spec.name), source))
        return 1
    write_snapshot(source, files.snapshot, files.spec)
    print(f"no drift left; snapshot refreshed: {files.snapshot.name}")
    return 0
