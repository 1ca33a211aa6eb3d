"""The pytest plugin costs a project nothing until one of its tests asks for `ultracart_fake`.

pytest imports every installed `pytest11` plugin in every run, so these run pytest in a
subprocess, in an empty folder, as a project that merely has this package installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Modules that must stay out of a run whose tests never use the fixture.
HEAVY = ("httpx", "httpcore", "attrs", "ultracart_conversations", "ultracart_conversations_api")

PROBE = f"""
import json, sys

def loaded():
    return sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
"""

WITHOUT_THE_FIXTURE = (
    PROBE
    + """
def test_plain():
    open("seen.json", "w").write(json.dumps(
        {"plugin": "ultracart_conversations_pytest" in sys.modules, "loaded": loaded()}))
"""
)

WITH_THE_FIXTURE = (
    PROBE
    + """
import urllib.request

def test_fake(ultracart_fake):
    request = urllib.request.Request(
        ultracart_fake.base_url + "/conversation/conversations?_limit=2",
        headers={"x-ultracart-simple-key": ultracart_fake.simple_key,
                 "X-UltraCart-Api-Version": "2017-03-01"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        count = len(json.load(answer)["conversations"])
    open("seen.json", "w").write(json.dumps({"count": count, "loaded": loaded()}))
"""
)


def run_pytest(project: Path, source: str) -> dict[str, object]:
    (project / "pytest.ini").write_text("[pytest]\n")  # keep this repository's config out
    (project / "test_probe.py").write_text(source)
    # Other installed plugins are switched off: what they import is not ours to judge.
    others = ["-p", "no:schemathesis", "-p", "no:hypothesispytest", "-p", "no:anyio"]
    others += ["-p", "no:asyncio", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *others, "test_probe.py"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    loaded: dict[str, object] = json.loads((project / "seen.json").read_text())
    return loaded


def test_a_run_that_does_not_use_the_fixture_imports_nothing_of_ours(tmp_path: Path) -> None:
    seen = run_pytest(tmp_path, WITHOUT_THE_FIXTURE)
    assert seen["plugin"] is True  # the entry point was loaded...
    assert seen["loaded"] == []  # ...and pulled in neither httpx nor the package


def test_the_fixture_imports_the_fake_when_a_test_asks_for_it(tmp_path: Path) -> None:
    seen = run_pytest(tmp_path, WITH_THE_FIXTURE)
    assert seen["count"] == 2
    assert "ultracart_conversations.testing._server" in seen["loaded"]  # type: ignore[operator]
