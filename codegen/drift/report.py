"""Render findings: for people (grouped by operation, breaking first), as Markdown for a
changelog (breaking changes first, then grouped by operation) or as JSON."""

from __future__ import annotations

import json
import re

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
            label = {"breaking": "BREAKING", "warning": "WARNING "}.get(f.severity, "drift   ")
            lines.append(f"  {label}  {f.location}: {f.change}  [{f.kind}]")
    if information:
        lines.append("")
        lines.append(f"Upstream operations we do not have (information, {len(information)}):")
        lines.extend(f"  {f.method:<6} {f.path}  {f.operation}" for f in information)
    return "\n".join(lines)


def as_markdown(findings: list[Finding], information: list[Finding], ours: str, upstream: str) -> str:
    """A changelog-ready report: breaking changes first, each section grouped by operation."""
    lines = [f"## API changes: {_text(ours)} against {_text(upstream)}", ""]
    if not findings:
        lines += ["No drift in our operations.", ""]
    else:
        breaking = [f for f in findings if f.breaking]
        lines += [f"{len(breaking)} breaking, {len(findings) - len(breaking)} non-breaking changes.", ""]
        for title, chosen in (
            ("Breaking changes", breaking),
            ("Other changes", [f for f in findings if not f.breaking]),
        ):
            if not chosen:
                continue
            lines += [f"### {title}", ""]
            groups: dict[tuple[str, str, str], list[Finding]] = {}
            for finding in chosen:
                groups.setdefault((finding.operation, finding.method, finding.path), []).append(finding)
            for (operation, method, path), group in groups.items():
                heading = f"#### {_code(operation or '(no operationId)')}"
                if method or path:
                    heading += f" ({_code(f'{method} {path}'.strip())})"
                lines += [heading, ""]
                lines += [
                    f"- {'**deprecated:** ' if f.severity == 'warning' else ''}{_code(f.location)}:"
                    f" {_text(f.change)} ({_code(f.kind)})"
                    for f in group
                ]
                lines.append("")
    if information:
        lines += [f"### Upstream operations not in our spec ({len(information)})", ""]
        lines += [f"- {_code(f'{f.method} {f.path}')} {_text(f.operation)}".rstrip() for f in information]
        lines.append("")
    return "\n".join(lines).rstrip("\n")


# Markdown that upstream text could otherwise turn into emphasis, links, HTML or tables.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _text(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _code(value: str) -> str:
    """An inline code span that no backtick in `value` can end early."""
    value = " ".join(value.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    padded = f" {value} " if value.startswith("`") or value.endswith("`") else value
    return f"{fence}{padded}{fence}"
