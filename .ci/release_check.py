"""`make release`'s first step: the version and the changelog say the same release.

Fails, saying why, unless: the version (overrides/ultracart_conversations/_version.py) is
a final release (no .dev, rc, ...); CHANGELOG.md has its entry, `## [X.Y.Z] - YYYY-MM-DD`,
dated today or earlier, right under `## [Unreleased]`, and a compare link for it; a
release that follows one with breaking changes raises the major version.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def problems(version_text: str, changelog: str, today: datetime.date) -> list[str]:
    found = []
    version = Version(version_text)
    if version.is_prerelease or version.is_devrelease or version.local:
        found.append(f"version {version_text} is not a final release: set it in _version.py")
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\S+))?", changelog, flags=re.MULTILINE)
    if not headings or headings[0][0] != "Unreleased":
        found.append("CHANGELOG.md must start with `## [Unreleased]` (empty after a release)")
    entries = [(name, date) for name, date in headings if name != "Unreleased"]
    if not entries or entries[0][0] != version_text:
        found.append(f"CHANGELOG.md has no entry `## [{version_text}] - <date>` on top")
    else:
        date = entries[0][1]
        try:
            when = datetime.date.fromisoformat(date)
        except (TypeError, ValueError):
            found.append(f"the entry for {version_text} is not dated (YYYY-MM-DD): {date!r}")
        else:
            if when > today:
                found.append(f"the entry for {version_text} is dated in the future: {date}")
        section = changelog.split(f"## [{version_text}]", 1)[1].split("\n## [", 1)[0]
        if len(entries) > 1 and "### Breaking changes" in section:
            previous = Version(entries[1][0])
            if version.major <= previous.major:
                found.append(
                    f"{version_text} has breaking changes: it must be {previous.major + 1}.0.0"
                )
    if not re.search(rf"^\[{re.escape(version_text)}\]: \S+", changelog, flags=re.MULTILINE):
        found.append(f"CHANGELOG.md has no link `[{version_text}]: <compare URL>` at the end")
    return found


def main() -> int:
    namespace: dict[str, str] = {}
    exec((ROOT / "overrides/ultracart_conversations/_version.py").read_text(), namespace)  # noqa: S102
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    found = problems(namespace["__version__"], changelog, datetime.date.today())
    for problem in found:
        print(f"release: {problem}", file=sys.stderr)
    if not found:
        print(f"release: {namespace['__version__']} is ready to build and tag")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
