"""Every operation UltraCart publishes generates, and its command's flags build (issue 18,
"CLI": a body field named `timeout` once broke every command).

All 141 of UltraCart's operations are adopted into a copy of openapi.yaml (`codegen
adopt --all`), the package is generated from it, and a fresh interpreter builds the CLI
and prints every command's --help. (The whole loop, with the copy's test suite and a call
of every operation, is `make adopt-all-check`.) About 15 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from codegen import generate
from tests.upstream_document import ROOT, upstream_document

_HELP_OF_EVERY_COMMAND = """
import io
from ultracart_conversations.cli import main
from ultracart_conversations_api.operations import OPERATIONS
failed = []
for operation in OPERATIONS:
    out, err = io.StringIO(), io.StringIO()
    if main([operation.cli.command, "--help"], environ={}, stdout=out, stderr=err) != 0:
        failed.append((operation.operation_id, err.getvalue()))
assert not failed, failed
print(len(OPERATIONS), "commands")
"""


def test_every_upstream_operation_generates_and_its_commands_help_builds(tmp_path: Path) -> None:
    upstream = upstream_document()
    shutil.copy(ROOT / "openapi.yaml", tmp_path / "openapi.yaml")
    shutil.copytree(ROOT / "codegen", tmp_path / "codegen")
    adopted = subprocess.run(
        [sys.executable, "-m", "codegen", "adopt", str(upstream), "--all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert adopted.returncode in (0, 1), adopted.stdout + adopted.stderr  # 1: drift to review
    package = generate.render(tmp_path / "out", spec=tmp_path / "openapi.yaml")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(package.parent), str(ROOT / "overrides")]),
    }
    run = subprocess.run(
        [sys.executable, "-c", _HELP_OF_EVERY_COMMAND],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "141 commands"
