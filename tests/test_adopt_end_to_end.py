"""Issue #18's "done when", as a test: in a temporary copy of the repository, UltraCart's
operations are adopted with one command, `make generate` follows, and the client, the
CLI, the fake, drift and the tests keep working (tests/adopt_end_to_end.py runs each step
as its make target does, in the copy).

- The normal suite: a handful of real upstream operations chosen for their odd cases are
  adopted and reach users; then UltraCart renames one and removes another (a moved copy
  of its document), and the maintainer's loop (drift, an edit of openapi.yaml,
  `adopt --changes`, generate) leaves nothing broken and no drift.
- The `adopt_all` marker (slow: `make test-slow`, CI's slow slot; `make adopt-all-check`):
  all 134 operations we do not carry, then the copy's own suite as `make test` runs it
  (less its property tests, for time),
  one call of each of the 141 operations, drift against UltraCart's document.

Every-operation generation and --help (test_codegen_every_upstream_operation.py), and
renaming or removing one of our seven by hand (test_spec_lifecycle.py), are tested there.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.adopt import yamlfile
from codegen.drift.load import load_document
from tests.adopt_end_to_end import INNER, SUITE, Loop, run
from tests.test_adopt import ODD_CASES
from tests.upstream_document import upstream_document

pytestmark = pytest.mark.skipif(
    bool(os.environ.get(INNER)), reason="inside the copy this loop made: not again"
)

# Upstream's rename (a POST search with paging deviations) and removal (no 2xx and no 400
# documented: deviations of two house rules).
RENAMED = ("searchPbxCalls", "searchConversationPbxCalls")
REMOVED = (
    "deleteAgentStatusConfig",
    "/conversation/agent/status/config/{conversation_status_uuid}",
)
HANDFUL = [*ODD_CASES, REMOVED[0]]


def _counts(users: str) -> tuple[int, int]:
    """(operations checked, bad requests sent), as tests/adopt_user_checks.py prints them."""
    found = re.search(r"(\d+) operations checked, (\d+) bad requests sent", users)
    assert found is not None, users
    return int(found[1]), int(found[2])


def _upstream_moves(upstream: Path, target: Path) -> Path:
    """UltraCart's document with RENAMED renamed and REMOVED removed."""
    document: dict[str, Any] = load_document(str(upstream))
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == RENAMED[0]:
                operation["operationId"] = RENAMED[1]
    del document["paths"][REMOVED[1]]["delete"]
    target.write_text(json.dumps(document), encoding="utf-8")
    return target


def _follow_in_the_spec(copy: Path) -> None:
    """What the maintainer edits in openapi.yaml (kept as written: a round trip)."""
    spec_path = copy / "openapi.yaml"
    text = spec_path.read_text(encoding="utf-8")
    renamed = text.replace(f"operationId: {RENAMED[0]}\n", f"operationId: {RENAMED[1]}\n")
    assert renamed != text
    spec_path.write_text(renamed, encoding="utf-8")
    spec = yamlfile.load(spec_path)
    del spec["paths"][REMOVED[1]]  # the only method we carried there
    yamlfile.write(spec_path, spec)


def _generated_entries(copy: Path) -> dict[str, list[str]]:
    entries = yaml.safe_load((copy / "codegen/deviations.yaml").read_text(encoding="utf-8"))
    return {
        e["id"]: e["operations"] for e in entries["deviations"] if e["id"].startswith("adopted-")
    }


def test_adopted_operations_reach_users_and_follow_upstreams_rename_and_removal(
    tmp_path: Path,
) -> None:
    loop: Loop = run(HANDFUL, tmp_path, upstream_document())
    # Not vacuous: every operation called, and bad requests of each kind refused (the two
    # integer *_oid path parameters, the required query parameters, integer body fields).
    assert _counts(loop.outputs["users"])[0] == len(HANDFUL)
    assert _counts(loop.outputs["users"])[1] >= 5, loop.outputs["users"]
    for drift in ("drift", "drift-snapshot"):
        assert "No drift in our operations." in loop.outputs[drift], loop.outputs[drift]
    assert _generated_entries(loop.copy)["adopted-standard-error-400"] == [
        REMOVED[0],
        "getAgentStatusTimeline",
    ]

    # UltraCart renames one and removes another: drift says so.
    loop.upstream = _upstream_moves(loop.upstream, tmp_path / "moved.json")
    said = loop.step("drift-moved", "-m", "codegen", "drift", str(loop.upstream), exit_status=1)
    assert f"operationId is {RENAMED[1]} upstream" in said, said
    assert "operation not found upstream" in said and REMOVED[0] in said, said

    # The maintainer follows in openapi.yaml; adopt --changes moves the deviation entries
    # and refreshes the snapshot; generation does the rest.
    _follow_in_the_spec(loop.copy)
    changes = loop.step("changes", "-m", "codegen", "adopt", "--changes", str(loop.upstream))
    assert f"{REMOVED[0]} is no longer ours (renamed or removed): dropped" in changes, changes
    assert f"now covers {RENAMED[1]}" in changes and "snapshot refreshed" in changes, changes
    entries = _generated_entries(loop.copy)
    assert entries["adopted-standard-error-400"] == ["getAgentStatusTimeline"]
    assert entries["adopted-no-2xx-documented"] == ["deleteDepartment"]
    assert entries["adopted-limit-maximum-200"] == [RENAMED[1]]

    now = [RENAMED[1] if name == RENAMED[0] else name for name in HANDFUL if name != REMOVED[0]]
    loop.check(now, label="-moved")
    assert _counts(loop.outputs["users-moved"])[0] == len(HANDFUL) - 1
    for drift in ("drift-moved", "drift-snapshot-moved"):
        assert "No drift in our operations." in loop.outputs[drift], loop.outputs[drift]
    gone = loop.step("gone", "-m", "tests.adopt_user_checks", RENAMED[0], REMOVED[0], exit_status=1)
    assert f"not in the generated operations: {sorted([REMOVED[0], RENAMED[0]])}" in gone


@pytest.mark.adopt_all
def test_all_134_operations_go_from_upstream_to_users_with_the_whole_suite_green(
    tmp_path: Path,
) -> None:
    loop = run(None, tmp_path, upstream_document(), suite=SUITE)
    assert "adopted 134 operations" in loop.outputs["adopt"], loop.outputs["adopt"][-3000:]
    passed = re.search(r"(\d+) passed", loop.outputs["test"])
    assert passed is not None and int(passed[1]) > 1000, loop.outputs["test"][-3000:]
    assert _counts(loop.outputs["users"])[0] == 141
    for drift in ("drift", "drift-snapshot"):
        assert "No drift in our operations." in loop.outputs[drift], loop.outputs[drift]
        assert "Upstream operations we do not have" not in loop.outputs[drift]
    for step, seconds in loop.timings.items():  # shown with -rP; the 10-minute budget
        print(f"{step:<15} {seconds:7.1f} s")
