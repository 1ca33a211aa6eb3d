"""The deviation entries adopt writes: one per house rule (and location, for a rule on
schema fields), naming the adopted operations it applies to, in deviations.yaml's format.

The entries come from the drift check itself: after adopting, the adopted operations
are compared with upstream; a finding an existing entry covers is left alone, one that a
rule applied to that operation explains becomes (or joins) a generated entry, and any
other is returned as unexplained, for a person.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

from codegen.adopt import yamlfile
from codegen.adopt.rules import GENERATED_PREFIX, SCHEMA_RULES, Rule, recognised
from codegen.drift.allowlist import load_deviations
from codegen.drift.compare import compare_documents
from codegen.drift.errors import reading
from codegen.drift.findings import Finding
from codegen.drift.normalize import Document

REASON_WIDTH = 86


@dataclass(frozen=True)
class Explained:
    entry_id: str
    operation: str
    location: str
    kind: str
    change: str
    reason: str


def drift_of(ours: dict[str, Any], upstream: dict[str, Any], source: str) -> list[Finding]:
    def compare() -> list[Finding]:
        return compare_documents(Document(ours, "openapi.yaml"), Document(upstream, source))[0]

    return reading(source, compare)


def explain(
    ours: dict[str, Any],
    upstream: dict[str, Any],
    source: str,
    deviations: Path,
    applied: list[tuple[Any, list[Rule]]] | None,
) -> tuple[list[Explained], list[str]]:
    """(what the applied rules explain, what nothing explains) for the adopted operations.

    `applied` None: every operation we carry, with any house rule its findings show.
    """
    rules_of = {target.operation_id: found for target, found in applied or []}
    existing = load_deviations(deviations)
    explained: list[Explained] = []
    unexplained: list[str] = []
    for finding in drift_of(ours, upstream, source):
        if (applied is not None and finding.operation not in rules_of) or any(d.matches(finding) for d in existing):
            continue
        if applied is None:
            rule = recognised(finding)
        else:
            candidates = [*rules_of[finding.operation], *SCHEMA_RULES]
            rule = next((r for r in candidates if r.explains(finding)), None)
        if rule is None:
            unexplained.append(f"{finding.operation} {finding.location}: {finding.change} [{finding.kind}]")
            continue
        explained.append(
            Explained(
                rule.entry_id(finding),
                finding.operation,
                rule.entry_location(finding),
                finding.kind,
                rule.change,
                rule.reason,
            )
        )
    return explained, unexplained


def merge_entries(path: Path, explained: list[Explained]) -> str:
    """The text of `path` with the explained findings' operations added to generated
    entries (made when new)."""
    if not explained:
        return path.read_text(encoding="utf-8")
    document = yamlfile.load(path)
    entries: CommentedSeq = document["deviations"]
    by_id = {str(e.get("id")): e for e in entries if isinstance(e, dict)}
    for item in sorted(explained, key=lambda e: (e.entry_id, e.operation)):
        entry = by_id.get(item.entry_id)
        if entry is None:
            entry = by_id[item.entry_id] = _entry(item)
            _insert(entries, entry)
        operations = sorted({*map(str, entry["operations"]), item.operation})
        kinds = sorted({*map(str, entry["kinds"]), item.kind})
        entry["operations"] = _flow_list(operations)
        entry["kinds"] = _flow_list(kinds)
    return yamlfile.dumps(document)


def prune(path: Path, operations: set[str]) -> list[str]:
    """Drop operations we no longer carry (renamed, removed) from the generated entries,
    and an entry left with none; what was dropped, as `entry: operation` lines."""
    document = yamlfile.load(path)
    entries: CommentedSeq = document["deviations"]
    dropped: list[str] = []
    for entry in list(entries):
        entry_id = str(entry.get("id", "")) if isinstance(entry, dict) else ""
        if not entry_id.startswith(GENERATED_PREFIX):
            continue
        gone = [str(op) for op in entry["operations"] if str(op) not in operations]
        if not gone:
            continue
        dropped += [f"{entry_id}: {op}" for op in gone]
        kept = [str(op) for op in entry["operations"] if str(op) in operations]
        if kept:
            entry["operations"] = _flow_list(kept)
        else:
            entries.remove(entry)
    if dropped:
        yamlfile.write(path, document)
    return dropped


def _entry(item: Explained) -> CommentedMap:
    entry = CommentedMap()
    entry["id"] = item.entry_id
    entry["operations"] = _flow_list([])
    entry["location"] = yamlfile.plain_safe(item.location)
    entry["kinds"] = _flow_list([])
    if item.change != "*":
        entry["change"] = DoubleQuotedScalarString(item.change)
    entry["reason"] = _folded(item.reason)
    return entry


def _insert(entries: CommentedSeq, entry: CommentedMap) -> None:
    """Generated entries sit after the hand-written ones, sorted by id."""
    position = len(entries)
    for i, existing in enumerate(entries):
        existing_id = str(existing.get("id", "")) if isinstance(existing, dict) else ""
        if existing_id.startswith(GENERATED_PREFIX) and existing_id > str(entry["id"]):
            position = i
            break
    entries.insert(position, entry)


def _flow_list(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _folded(text: str) -> FoldedScalarString:
    """`reason: >-` wrapped like the hand-written entries."""
    lines = textwrap.wrap(text, REASON_WIDTH)
    folded: FoldedScalarString = FoldedScalarString(" ".join(lines))
    positions, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        positions.append(at)
        at += 1
    folded.fold_pos = positions  # type: ignore[attr-defined]
    return folded
