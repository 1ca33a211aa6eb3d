"""What generation refuses, collected: every problem of a run is reported at once, each
with the operation it concerns, a JSON pointer into openapi.yaml and, where there is
one, the fix."""

from __future__ import annotations

from typing import NamedTuple


def pointer(*parts: object) -> str:
    """A JSON pointer (RFC 6901) as a URI fragment: `#/paths/~1conversation/get`."""
    escaped = (str(part).replace("~", "~0").replace("/", "~1") for part in parts)
    return "#/" + "/".join(escaped)


class Problem(NamedTuple):
    where: str  # the operationId, or "spec" for what concerns no one operation
    pointer: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.where} ({self.pointer}): {self.message}"
        return f"{text}; fix: {self.fix}" if self.fix else text


class Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, where: str, at: str, message: str, fix: str = "") -> None:
        problem = Problem(where, at, message, fix)
        if problem not in self.found:
            self.found.append(problem)

    def __bool__(self) -> bool:
        return bool(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def report(self, source: str) -> str:
        count = len(self.found)
        lines = [f"{source}: {count} problem{'s' if count != 1 else ''}:"]
        lines += [f"  - {problem}" for problem in self.found]
        return "\n".join(lines)
