"""The reviewed allow-list of deliberate deviations (codegen/deviations.yaml).

An entry names operations, a location pattern, finding kinds and (optionally) a pattern
over the change itself, so that it covers the reviewed difference and not whatever else
upstream may later do at the same place; findings it matches are not drift. An entry (or one of its named operations) that matches nothing is reported:
upstream caught up, or moved, and the entry needs another review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from codegen.drift.errors import DocumentError
from codegen.drift.findings import KINDS, Finding
from codegen.drift.load import Limits, check_expansion, check_text, read_text
from codegen.drift.model import OperationRef

ALL_OPERATIONS = "*"
REQUIRED = {"id", "operations", "location", "kinds", "reason"}
OPTIONAL = {"change"}


@dataclass(frozen=True)
class Deviation:
    id: str
    operations: tuple[str, ...]  # operationIds, or "*"
    location: str  # a glob over finding locations
    kinds: frozenset[str]
    reason: str
    change: str = "*"  # a glob over the finding's change text

    def matches(self, finding: Finding) -> bool:
        return (
            finding.kind in self.kinds
            and (ALL_OPERATIONS in self.operations or finding.operation in self.operations)
            and fnmatchcase(finding.location, self.location)
            and fnmatchcase(finding.change, self.change)
        )


def load_deviations(path: Path, limits: Limits = Limits()) -> list[Deviation]:
    text = read_text(path, limits)  # bounded and decoded like any input, errors naming it
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DocumentError(f"{path}: is not valid YAML ({str(exc).splitlines()[0]})") from None
    check_expansion(raw, str(path), limits)
    check_text(raw, str(path))
    entries = raw.get("deviations") if isinstance(raw, Mapping) else None
    if not isinstance(entries, list):
        raise DocumentError(f"{path}: expected a mapping with a 'deviations' list")
    deviations = [_entry(path, i, entry) for i, entry in enumerate(entries)]
    ids = [d.id for d in deviations]
    if len(set(ids)) != len(ids):
        raise DocumentError(f"{path}: entry ids must be unique")
    return deviations


def _entry(path: Path, index: int, entry: object) -> Deviation:
    where = f"{path}: deviations[{index}]"
    if not isinstance(entry, Mapping) or not REQUIRED <= set(entry) <= REQUIRED | OPTIONAL:
        fields = ", ".join(sorted(REQUIRED))
        raise DocumentError(f"{where}: needs the fields {fields} (and may have change)")
    ops, kinds = entry["operations"], entry["kinds"]
    if not isinstance(ops, list) or not ops or not all(isinstance(o, str) for o in ops):
        raise DocumentError(f"{where}: 'operations' must be a list of operationIds or '*'")
    if not isinstance(kinds, list) or not kinds or not set(kinds) <= set(KINDS):
        raise DocumentError(f"{where}: 'kinds' must list kinds from codegen/drift/findings.py")
    if not isinstance(entry["reason"], str) or len(entry["reason"].strip()) < 10:
        raise DocumentError(f"{where}: every entry needs a real 'reason'")
    return Deviation(
        id=str(entry["id"]),
        operations=tuple(ops),
        location=str(entry["location"]),
        kinds=frozenset(kinds),
        reason=entry["reason"].strip(),
        change=str(entry.get("change", "*")),
    )


def apply_deviations(
    findings: Iterable[Finding],
    deviations: list[Deviation],
    our_operations: Iterable[OperationRef],
    label: str,
) -> list[Finding]:
    """The findings no entry explains, plus one finding per stale entry (or operation)."""
    kept: list[Finding] = []
    used: set[tuple[str, str]] = set()
    for finding in findings:
        hits = [d for d in deviations if d.matches(finding)]
        used.update((d.id, finding.operation) for d in hits)
        if not hits:
            kept.append(finding)
    ours = {ref.operation_id: ref for ref in our_operations}
    for deviation in deviations:
        if ALL_OPERATIONS in deviation.operations:
            stale = [] if any(entry == deviation.id for entry, _ in used) else [ALL_OPERATIONS]
        else:
            stale = [op for op in deviation.operations if (deviation.id, op) not in used]
        for op in stale:
            ref = ours.get(op)
            change = (
                f"allow-list entry {deviation.id!r} no longer matches anything"
                f" ({', '.join(sorted(deviation.kinds))} at {deviation.location}):"
                " review it, then update or remove it"
            )
            kept.append(
                Finding(
                    operation=op,
                    method=ref.method if ref else "",
                    path=ref.path if ref else "",
                    location=f"{label}#{deviation.id}",
                    change=change,
                    breaking=False,
                    kind="allow-list-stale",
                )
            )
    return kept
