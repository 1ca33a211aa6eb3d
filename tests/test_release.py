"""Versions that mean something: a dev version between releases, and `make release`'s
check refuses a release the changelog does not describe."""

from __future__ import annotations

import datetime
import importlib.util
import tomllib
from types import ModuleType

from packaging.version import Version

from codegen.paths import ROOT
from ultracart_conversations._version import __version__

TODAY = datetime.date(2026, 12, 5)
LINKS = "\n[2.0.0]: https://example.invalid/compare/v1.0.0...v2.0.0\n"


def release_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release_check", ROOT / ".ci/release_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def changelog(entry: str) -> str:
    return f"# Changelog\n\n## [Unreleased]\n\n{entry}\n## [1.0.0] - 2026-12-02\n\n- x\n{LINKS}"


def test_main_carries_a_dev_version_of_the_next_release_and_the_changelog_says_so() -> None:
    version = Version(__version__)
    assert version.is_devrelease
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.split("\n## [", 2)[1].startswith("Unreleased]")
    released = Version(text.split("\n## [", 2)[2].split("]", 1)[0])
    unreleased = text.split("## [Unreleased]", 1)[1].split("\n## [", 1)[0]
    if "### Breaking changes" in unreleased:  # SemVer: the next release is a major one
        assert version.base_version == f"{released.major + 1}.0.0"
    assert "[Unreleased]: https://" in text
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    assert "Development Status :: 5 - Production/Stable" in classifiers  # >= 1.0


def test_a_dated_entry_with_a_link_passes() -> None:
    check = release_check()
    good = changelog("## [2.0.0] - 2026-12-04\n\n### Breaking changes\n\n- y\n")
    assert check.problems("2.0.0", good, TODAY) == []


def test_what_make_release_refuses() -> None:
    check = release_check()
    entry = "## [2.0.0] - 2026-12-04\n\n### Breaking changes\n\n- y\n"
    cases = {
        "not a final release": ("2.0.0.dev0", changelog(entry)),
        "not dated": ("2.0.0", changelog(entry.replace(" - 2026-12-04", ""))),
        "in the future": ("2.0.0", changelog(entry.replace("2026-12-04", "2026-12-31"))),
        "has no entry": ("2.1.0", changelog(entry)),
        "must be 2.0.0": ("1.1.0", changelog(entry.replace("2.0.0", "1.1.0"))),
        "no link": ("2.0.0", changelog(entry).replace(LINKS, "\n")),
    }
    for expected, (version, text) in cases.items():
        found = " / ".join(check.problems(version, text, TODAY))
        assert expected in found, (expected, found)
