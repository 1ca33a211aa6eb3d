"""`python -m codegen adopt UPSTREAM OPERATION_ID...`: take upstream operations into openapi.yaml.

One run: find the operations in UltraCart's document (read with the drift tool's
tolerant, bounded loader), turn each into ours (house.py), copy every component they
reach that we do not have, write them into openapi.yaml in our layout (yamlfile.py),
refresh the snapshot for them (codegen/upstream/), and record each difference the house
rules made, as drift sees it, in codegen/deviations.yaml (rules.py, deviations.py).
Finally the adopted operations are compared with upstream: a finding no rule explains is
reported (exit 1), never hidden.

Deterministic: the same inputs write the same bytes, and adopting A then B writes what
adopting B then A writes (new keys land by rank among the existing ones, see
yamlfile.insert_sorted; generated deviation entries are sorted, their operations too).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from codegen.adopt import yamlfile
from codegen.adopt.deviations import Explained, explain, merge_entries
from codegen.adopt.house import OperationAdopter, house_schema
from codegen.drift.errors import DocumentError, reading
from codegen.drift.normalize import HTTP_METHODS, path_key
from codegen.paths import ROOT
from codegen.prose import strip_prose
from codegen.refs import refs_in, walk_components

METHOD_RANK = {m: i for i, m in enumerate(("get", "put", "post", "delete", "patch", "options", "head", "trace"))}
COMPONENT_SECTIONS = ("schemas", "parameters", "responses", "headers", "requestBodies")


@dataclass(frozen=True)
class Files:
    """The files adopt reads and writes (a repository's, by default this one's)."""

    spec: Path = ROOT / "openapi.yaml"
    deviations: Path = ROOT / "codegen" / "deviations.yaml"
    snapshot: Path = ROOT / "codegen" / "upstream" / "conversation.oas3.json"

    @classmethod
    def under(cls, root: Path) -> Files:
        return cls(
            root / "openapi.yaml",
            root / "codegen" / "deviations.yaml",
            root / "codegen" / "upstream" / "conversation.oas3.json",
        )


@dataclass(frozen=True)
class Target:
    operation_id: str
    path: str
    method: str


@dataclass
class Outcome:
    adopted: list[Target] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already carried
    components: list[str] = field(default_factory=list)  # "schemas/Name" copied
    notes: list[str] = field(default_factory=list)
    explained: list[Explained] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)  # drift nobody decided


def upstream_operations(upstream: dict[str, Any]) -> dict[str, Target]:
    """operationId -> where it is, for every operation of the upstream document."""
    found: dict[str, Target] = {}
    paths = upstream.get("paths")
    if not isinstance(paths, dict):
        raise DocumentError("the upstream document has no paths")
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict) and isinstance(op.get("operationId"), str):
                found.setdefault(op["operationId"], Target(op["operationId"], str(path), method))
    return found


def carried(ours: dict[str, Any]) -> tuple[set[str], set[tuple[str, str]]]:
    """Our operationIds, and our operations by (METHOD, path key)."""
    ids: set[str] = set()
    keys: set[tuple[str, str]] = set()
    for path, item in (ours.get("paths") or {}).items():
        for method, op in (item or {}).items():
            if method in HTTP_METHODS and isinstance(op, dict):
                ids.add(str(op.get("operationId")))
                keys.add((method.upper(), path_key(str(path))))
    return ids, keys


def choose(
    upstream: dict[str, Any], ours: dict[str, Any], wanted: Iterable[str] | None
) -> tuple[list[Target], list[str]]:
    """The operations to adopt (sorted by path and method) and those we already carry.

    `wanted` None: every upstream operation we do not carry.
    """
    available = upstream_operations(upstream)
    ids, keys = carried(ours)
    names = sorted(available) if wanted is None else list(dict.fromkeys(wanted))
    unknown = [n for n in names if n not in available]
    if unknown:
        hints = []
        for name in unknown:
            close = difflib.get_close_matches(name, list(available), n=1)
            hints.append(f"{name} (did you mean {close[0]}?)" if close else name)
        raise DocumentError("not an operationId of the upstream document: " + ", ".join(hints))
    targets, skipped = [], []
    for name in names:
        target = available[name]
        if not upstream["paths"][target.path][target.method].get("responses"):
            raise DocumentError(
                f"{name}: upstream's document holds only a stub of it (no responses): adopt from"
                " UltraCart's full document, not from the snapshot"
            )
        if name in ids or (target.method.upper(), path_key(target.path)) in keys:
            skipped.append(name)
        else:
            targets.append(target)
    targets.sort(key=lambda t: (t.path, METHOD_RANK.get(t.method, 99)))
    return targets, skipped


def flow_style(path: list[str], node: Any) -> bool:
    """Which new mappings are written `{ like: this }`, as in the hand-written parts."""
    if not yamlfile.is_leaf(node):
        return False
    if len(path) >= 2 and path[-2] == "properties":
        return True
    if path and path[-1] in ("items", "additionalProperties"):
        return True
    # An error response that is our component: "400": { $ref: ... }
    return len(path) >= 2 and path[-2] == "responses" and set(node) == {"$ref"}


class Adoption:
    """One adopt run over a spec document (ruamel round-trip nodes) and upstream (plain)."""

    def __init__(self, upstream: dict[str, Any], spec: Any) -> None:
        self.upstream = upstream
        self.spec = spec
        self.outcome = Outcome()
        components = spec.setdefault("components", {})
        self.adopter = OperationAdopter(plain(components.get("parameters") or {}))

    def run(self, targets: list[Target]) -> list[tuple[Target, list[Any]]]:
        applied: list[tuple[Target, list[Any]]] = []
        pending: list[str] = []
        for target in targets:
            item = self.upstream["paths"][target.path]
            adopted = self.adopter.adopt(target.path, target.method, item[target.method], item)
            self._insert_operation(target, adopted.operation)
            self.outcome.adopted.append(target)
            self.outcome.notes += [f"{target.operation_id}: {note}" for note in adopted.notes]
            applied.append((target, adopted.rules))
            pending += refs_in(adopted.operation)
            self._scopes(adopted.operation)
        self.copy_components(pending)
        return applied

    def _insert_operation(self, target: Target, operation: dict[str, Any]) -> None:
        paths = self.spec.setdefault("paths", {})
        if target.path not in paths:
            yamlfile.insert_sorted(paths, target.path, yamlfile.styled({}, flow_style))
            paths[target.path].fa.set_block_style()
        node = yamlfile.styled(operation, flow_style, ["paths", target.path, target.method])
        yamlfile.insert_sorted(paths[target.path], target.method, node, lambda m: METHOD_RANK.get(m, 99))

    def copy_components(self, pending: list[str]) -> None:
        """The components `pending` refs reach that we lack, copied from upstream."""
        source = self.upstream.get("components") or {}
        components = self.spec["components"]

        def copy(ref: str, section: str, name: str) -> Any:
            have = components.get(section)
            if section not in COMPONENT_SECTIONS or (have is not None and name in have):
                return None  # ours (reviewed) wins over upstream's
            node = (source.get(section) or {}).get(name)
            if node is None:
                raise DocumentError(f"upstream's {ref} does not resolve")
            copied = house_schema(strip_prose(node))
            if section == "responses" and isinstance(copied, dict):
                copied = {"description": "Response", **copied}
            if have is None:
                yamlfile.insert_sorted(components, section, yamlfile.styled({}, flow_style))
                components[section].fa.set_block_style()
            node = yamlfile.styled(copied, flow_style, ["components", section, name])
            yamlfile.insert_sorted(components[section], name, node)
            self.outcome.components.append(f"{section}/{name}")
            return copied

        walk_components(pending, copy)
        self.outcome.components.sort()

    def _scopes(self, operation: dict[str, Any]) -> None:
        """A scope an adopted operation needs and our OAuth scheme lacks is added to it."""
        schemes = self.spec["components"].get("securitySchemes") or {}
        for requirement in operation.get("security") or []:
            for scheme_name, scopes in (requirement or {}).items():
                scheme = schemes.get(scheme_name)
                if scheme is None:
                    continue  # drift reports an undefined scheme
                for flow in (scheme.get("flows") or {}).values():
                    known = flow.get("scopes")
                    for scope in scopes or []:
                        if known is not None and scope not in known:
                            yamlfile.insert_sorted(known, scope, f"The {scope} scope.")
                            self.outcome.notes.append(f"scope {scope} added to {scheme_name}")


def plain(node: Any) -> Any:
    """ruamel's nodes as plain dicts and lists (what the drift model and rules read)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def write_all(texts: dict[Path, str]) -> None:
    """Each file written whole (a temporary file renamed over it), unchanged ones left."""
    for path, text in texts.items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        temporary = path.with_name(path.name + ".adopt-tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)


def adopt(upstream: dict[str, Any], source: str, wanted: Iterable[str] | None, files: Files = Files()) -> Outcome:
    """Adopt `wanted` (None: all we lack) from `upstream` into `files`; the Outcome says what."""
    from codegen.snapshot import refresh_operations

    spec = yamlfile.load(files.spec)
    before = yaml.safe_load(files.spec.read_text(encoding="utf-8"))
    targets, skipped = choose(upstream, before, wanted)
    adoption = Adoption(upstream, spec)
    adoption.outcome.skipped = skipped
    if not targets:
        return adoption.outcome
    # Everything is worked out before anything is written: a document that breaks half
    # way leaves the three files as they were.
    applied = reading(source, lambda: adoption.run(targets))
    text = yamlfile.dumps(spec)
    ours = yaml.safe_load(text)  # what every other tool will read
    keys = {(t.path, t.method) for t in targets}
    snapshot = refresh_operations(upstream, source, ours, keys, files.snapshot)
    explained, unexplained = explain(ours, upstream, source, files.deviations, applied)
    deviations = merge_entries(files.deviations, explained)
    write_all({files.spec: text, files.snapshot: snapshot, files.deviations: deviations})
    adoption.outcome.explained = explained
    adoption.outcome.unexplained = unexplained
    return adoption.outcome
