"""The docs: every page's examples run as is (in order, one session per page) under
`-W error`; every page is in the site's nav; the README fits a package page."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from codegen.paths import ROOT

DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = sorted(DOCS.rglob("*.md"))
REPOSITORY = "https://github.com/ultracart-conversations/ultracart-conversations"


def python_blocks(text: str) -> list[str]:
    """The ```python blocks, in order: what runs (```py blocks are shown, not run)."""
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


# Runs a page's examples in order in one namespace, as a reader pasting them would, with
# the environment `from_env()` reads pointing at a fake UltraCart.
RUN_THE_PAGE = r"""
import os, pathlib, re, sys
from ultracart_conversations.testing import FakeUltraCart
fake = FakeUltraCart(conversations=25, seed=0).start()
os.environ.update(ULTRACART_SIMPLE_KEY=fake.simple_key, ULTRACART_BASE_URL=fake.base_url)
text = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
blocks = re.findall(r"^```python\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)
session = {"__name__": "__main__"}
for number, block in enumerate(blocks, 1):
    exec(compile(block, f"{sys.argv[1]}, example {number}", "exec"), session)
fake.stop()
"""


def run_examples(page: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ULTRACART_", "PYTHON"))}
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", RUN_THE_PAGE, str(page)],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Pages whose examples need a service the generic runner does not start (a Redis server
# on a URL the example names) are run by a test of their own, which says so.
RUN_ELSEWHERE = {DOCS / "shared-limits.md": ROOT / "tests" / "test_docs_shared_limits.py"}
RUNNABLE = [
    page
    for page in [README, *PAGES]
    if python_blocks(page.read_text(encoding="utf-8")) and page not in RUN_ELSEWHERE
]


def test_pages_run_elsewhere_are_run_there() -> None:
    for page, test in RUN_ELSEWHERE.items():
        source = test.read_text(encoding="utf-8")
        assert f'"{page.name}"' in source and "exec(" in source, test


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_examples_run_cleanly_under_w_error(page: Path, tmp_path: Path) -> None:
    result = run_examples(page, tmp_path)
    assert result.returncode == 0, result.stderr[-4000:]
    # No warning, no "Exception ignored" from an unclosed client (log lines may be there:
    # an example may turn on debug logging).
    for word in ("Warning", "Exception ignored", "Traceback"):
        assert word not in result.stderr, result.stderr[-4000:]


def nav_pages(entries: object) -> list[str]:
    if isinstance(entries, str):
        return [] if entries.startswith("http") else [entries]
    if isinstance(entries, list):
        return [page for entry in entries for page in nav_pages(entry)]
    if isinstance(entries, dict):
        return [page for value in entries.values() for page in nav_pages(value)]
    return []


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = nav_pages(config["nav"])
    assert sorted(listed) == sorted(str(p.relative_to(DOCS)) for p in PAGES)


def test_the_readme_fits_a_package_page() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 350
    # PyPI shows the README away from the repository: in-page anchors and relative links
    # break there, so every link is absolute.
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert links
    assert [link for link in links if not link.startswith("https://")] == []
    for link in links:
        if link.startswith(REPOSITORY + "/blob/main/"):
            assert (ROOT / link.removeprefix(REPOSITORY + "/blob/main/")).exists(), link
    # The newcomer's two commands come first.
    first = text.splitlines()[:6]
    assert any(line.startswith("make demo") for line in first)
    assert any(line.startswith("make test") for line in first)


@pytest.mark.parametrize("page", [README, *PAGES], ids=lambda p: str(p.relative_to(ROOT)))
def test_no_words_only_the_team_would_understand(page: Path) -> None:
    text = page.read_text(encoding="utf-8").lower()
    for word in ("the seed", "issue 1", "issue 2", "this 2-core machine", "this machine"):
        assert word not in text, word
