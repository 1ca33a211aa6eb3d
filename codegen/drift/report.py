"""Render findings: for people (grouped by operation, breaking first) or as JSON."""

from __future__ import annotations

import json

from codegen.drift.findings import Finding


def as_json(findings: list[Finding], information: list[Finding]) -> str:
    document = {
        "findings": [f.as_json() for f in findings],
        "information": [f.as_json() for f in information],
    }
    return json.dumps(document, indent=2)


def as_text(findings: list[Finding], information: list[Finding], ours: str, upstream: str) -> str:
    lines = [f"Spec drift: {ours} against {upstream}"]
    if not findings:
        lines.append("No drift in our operations.")
    else:
        breaking = sum(f.breaking for f in findings)
        lines.append(f"{breaking} breaking, {len(findings) - breaking} non-breaking findings.")
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.operation, finding.method, finding.path), []).append(finding)
    # Operations with a breaking finding first; otherwise in the order they were found.
    ordered = sorted(groups.items(), key=lambda group: not any(f.breaking for f in group[1]))
    for (operation, method, path), group in ordered:
        lines.append("")
        lines.append(f"{operation}  {method} {path}".rstrip())
        for f in sorted(group, key=lambda f: not f.breaking):
            label = "BREAKING" if f.breaking else "drift   "
            lines.append(f"  {label}  {f.location}: {f.change}  [{f.kind}]")
    if information:
        lines.append("")
        lines.append(f"Upstream operations we do not have (information, {len(information)}):")
        lines.extend(f"  {f.method:<6} {f.path}  {f.operation}" for f in information)
    return "\n".join(lines)
