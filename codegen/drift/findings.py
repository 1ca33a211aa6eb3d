"""What the check reports: one Finding per difference, with a stable kind code.

The kind is what the allow-list (codegen/deviations.yaml) matches on; the change is the
sentence a maintainer reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

KINDS = {
    "operation-missing": "one of our operations is not in the upstream document",
    "operation-id-changed": "upstream calls the operation by another operationId",
    "parameter-removed": "a parameter we send is gone upstream",
    "parameter-added": "upstream takes a parameter we do not send",
    "parameter-renamed": "a parameter is called differently upstream",
    "parameter-required": "an optional parameter is now required upstream",
    "parameter-optional": "a required parameter is now optional upstream",
    "body-added": "a request or response body appeared upstream",
    "body-removed": "a request or response body is gone upstream",
    "body-required": "the request body is now required upstream",
    "body-optional": "the request body is now optional upstream",
    "media-type-removed": "the media type we use is gone upstream",
    "response-added": "upstream documents a response status we do not",
    "response-removed": "upstream no longer documents a response status we do",
    "response-wrapped": "a response's fields moved into an envelope property upstream",
    "header-added": "a response header appeared upstream",
    "header-removed": "a response header is gone upstream",
    "type-changed": "a schema's type differs",
    "format-changed": "a schema's format differs",
    "nullable-changed": "a schema's nullability differs",
    "enum-changed": "a schema's enum values differ",
    "default-changed": "a schema's default differs",
    "bound-changed": "a bound (minimum, maximum, length, pattern...) differs",
    "property-added": "an object property appeared upstream",
    "property-removed": "an object property is gone upstream",
    "property-required": "an object property became required upstream",
    "property-optional": "an object property became optional upstream",
    "variants-changed": "a oneOf/anyOf has a different number of variants",
    "security-changed": "the ways to authenticate an operation differ",
    "security-scheme-changed": "a security scheme we use is defined differently upstream",
    "operation-deprecated": "upstream deprecated one of our operations (a warning)",
    "parameter-deprecated": "upstream deprecated a parameter we send (a warning)",
    "field-deprecated": "upstream deprecated a schema or property we use (a warning)",
    "deprecation-differs": "we mark deprecated what upstream does not",
    "allow-list-stale": "a reviewed deviation no longer matches any difference",
    "upstream-only": "an upstream operation we do not have (information)",
}

# Newly deprecated upstream: nothing breaks yet, but users should hear of it before it
# goes. Reported as warnings (non-breaking: `--fail-on breaking` passes them).
WARNING_KINDS = frozenset({"operation-deprecated", "parameter-deprecated", "field-deprecated"})


@dataclass(frozen=True)
class Finding:
    operation: str  # operationId
    method: str
    path: str
    location: str  # JSON-pointer-like, relative to the operation
    change: str
    breaking: bool
    kind: str

    @property
    def severity(self) -> str:
        """breaking, warning (a deprecation) or drift."""
        if self.breaking:
            return "breaking"
        return "warning" if self.kind in WARNING_KINDS else "drift"

    def as_json(self) -> dict[str, object]:
        return {
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "location": self.location,
            "change": self.change,
            "breaking": self.breaking,
            "class": self.severity,
            "kind": self.kind,
        }


# How comparisons report: emit(location, kind, change, breaking).
Emit = Callable[[str, str, str, bool], None]
