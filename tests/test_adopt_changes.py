"""`python -m codegen adopt --changes`: upstream's non-breaking changes applied to the
seven operations we carry, the breaking ones left for a person with the drift report."""

from __future__ import annotations

import copy
import difflib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.__main__ import main
from codegen.drift.load import load_document
from tests.test_adopt import FILES, baseline, copy_of_repository
from tests.upstream_document import ROOT, upstream_document


@pytest.fixture(scope="module")
def upstream() -> dict[str, Any]:
    return load_document(str(upstream_document()))


def moved(upstream: dict[str, Any]) -> dict[str, Any]:
    """UltraCart's document as it might be next month: additions, deprecations, and two
    changes no tool should take on its own (a property removed, a required parameter)."""
    doc = copy.deepcopy(upstream)
    schemas = doc["components"]["schemas"]
    summary = schemas["ConversationSummary"]["properties"]
    summary["priority"] = {"type": "integer", "format": "int32", "description": "their words"}
    summary["tags"] = {"type": "array", "items": {"$ref": "#/components/schemas/ConversationTag"}}
    schemas["ConversationTag"] = {
        "type": "object",
        "description": "their words",
        "properties": {
            "name": {"type": "string"},
            "created_dts": {"type": "string", "format": "dateTime"},
        },
    }
    schemas["ConversationMessage"]["properties"]["type"]["enum"].append("reaction")
    del summary["visible"]
    listing = doc["paths"]["/conversation/conversations"]["get"]
    listing["parameters"].append({"name": "status", "in": "query", "schema": {"type": "string"}})
    listing["parameters"].append(
        {"name": "region", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    one = doc["paths"]["/conversation/conversations/{conversation_uuid}"]["get"]
    for param in one["parameters"]:
        if param["name"] == "limit":
            param["deprecated"] = True
    one["parameters"].append(
        {"name": "_offset", "in": "query", "schema": {"type": "integer", "default": 0}}
    )
    doc["paths"]["/conversation/upload_url/{extension}"]["get"]["deprecated"] = True
    return doc


def changes(root: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["adopt", "--changes", str(source), "--root", str(root)])
    return code, capsys.readouterr().out


def test_upstream_has_not_moved_for_our_seven(
    tmp_path: Path, upstream: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """openapi.yaml as committed, against UltraCart's document: nothing to apply, nothing
    left, and the refreshed snapshot is the committed one."""
    root = tmp_path
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes((ROOT / name).read_bytes())
    code, out = changes(root, upstream_document(), capsys)
    assert code == 0, out
    assert "applied 0 non-breaking changes" in out
    for name in FILES:
        assert (root / name).read_bytes() == (ROOT / name).read_bytes(), name


@pytest.fixture
def applied(
    tmp_path: Path, upstream: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path, int, str]:
    source = tmp_path / "moved.json"
    source.write_text(json.dumps(moved(upstream)), encoding="utf-8")
    root = copy_of_repository(tmp_path / "repo")
    code, out = changes(root, source, capsys)
    return root, source, code, out


def test_non_breaking_changes_are_applied_and_listed(applied: tuple[Path, Path, int, str]) -> None:
    root, _, _, out = applied
    spec = yaml.safe_load((root / "openapi.yaml").read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    assert schemas["ConversationSummary"]["properties"]["priority"] == {
        "type": "integer",
        "format": "int32",
    }
    assert schemas["ConversationSummary"]["properties"]["tags"]["items"] == {
        "$ref": "#/components/schemas/ConversationTag"
    }
    # The schema the new property needs, adopted with the house rules (no prose, plain dates).
    assert schemas["ConversationTag"] == {
        "type": "object",
        "properties": {"name": {"type": "string"}, "created_dts": {"type": "string"}},
    }
    assert schemas["ConversationMessage"]["properties"]["type"]["enum"][-1] == "reaction"
    listing = spec["paths"]["/conversation/conversations"]["get"]
    assert {
        "name": "status",
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
    } in listing["parameters"]
    one = spec["paths"]["/conversation/conversations/{conversation_uuid}"]["get"]
    limit = next(p for p in one["parameters"] if p.get("name") == "limit")
    assert limit["deprecated"] is True
    offset = next(p for p in one["parameters"] if p.get("name") == "_offset")
    assert offset["schema"] == {"type": "integer", "format": "int32", "default": 0, "minimum": 0}
    assert spec["paths"]["/conversation/upload_url/{extension}"]["get"]["deprecated"] is True
    assert (
        "getConversations /parameters/query/status: optional query parameter status added upstream"
        in out
    )
    assert "with 1 new components: schemas/ConversationTag" in out
    # Only additions to what a person wrote.
    before = baseline("openapi.yaml").read_text(encoding="utf-8").splitlines()
    after = (root / "openapi.yaml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.ndiff(before, after) if line.startswith("- ")]
    assert changed == [
        "-         type: { type: string, enum: [message, notice, engagement prompt, tool call] }"
    ]


def test_breaking_changes_stay_for_a_person_with_the_drift_report(
    applied: tuple[Path, Path, int, str],
) -> None:
    root, _, code, out = applied
    assert code == 1
    person = out.split("For a person to decide", 1)[1]
    assert (
        "BREAKING  /parameters/query/region: required query parameter region added upstream"
        in person
    )
    assert (
        "BREAKING  /responses/200/schema/conversations[]/visible: property visible removed upstream"
        in person
    )
    assert person.count("BREAKING") == 2 and "drift   " not in person
    # The snapshot is left as reviewed until a person has decided.
    snapshot = root / "codegen/upstream/conversation.oas3.json"
    assert snapshot.read_bytes() == baseline("codegen/upstream/conversation.oas3.json").read_bytes()


def test_house_rules_on_an_added_parameter_are_recorded_as_deviations(
    applied: tuple[Path, Path, int, str],
) -> None:
    root = applied[0]
    entries = yaml.safe_load((root / "codegen/deviations.yaml").read_text(encoding="utf-8"))[
        "deviations"
    ]
    generated = {e["id"]: e["operations"] for e in entries if e["id"].startswith("adopted-")}
    assert generated == {
        "adopted-offset-minimum": ["getConversation"],
        "adopted-paging-integer-format": ["getConversation"],
    }


def test_applying_again_applies_nothing_more(
    applied: tuple[Path, Path, int, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, source, _, _ = applied
    before = {name: (root / name).read_bytes() for name in FILES}
    code, out = changes(root, source, capsys)
    assert code == 1
    assert "applied 0 non-breaking changes" in out
    assert {name: (root / name).read_bytes() for name in FILES} == before


def test_after_a_rename_and_a_removal_the_generated_entries_follow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A person renames searchPbxCalls and removes deleteDepartment in openapi.yaml;
    `--changes` moves the rename into the entries, drops the removed one, and leaves
    the renaming for a person to confirm (upstream still says searchPbxCalls)."""
    from tests.test_adopt import ODD_CASES, adopt

    root = copy_of_repository(tmp_path)
    assert adopt(root, upstream_document(), *ODD_CASES) == 0
    spec_path = root / "openapi.yaml"
    text = spec_path.read_text(encoding="utf-8").replace(
        "operationId: searchPbxCalls", "operationId: findPbxCalls"
    )
    spec = yaml.safe_load(text)
    del spec["paths"]["/conversation/departments/{conversation_department_oid}"]
    del spec["paths"]["/conversation/pbx/class_of_service"]
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    code, out = changes(root, upstream_document(), capsys)
    assert code == 1
    assert "/operationId: operationId is searchPbxCalls upstream" in out
    assert "deviation entry adopted-no-2xx-documented: deleteDepartment is no longer ours" in out
    entries = yaml.safe_load((root / "codegen/deviations.yaml").read_text(encoding="utf-8"))[
        "deviations"
    ]
    generated = {e["id"]: e["operations"] for e in entries if e["id"].startswith("adopted-")}
    assert generated == {
        "adopted-limit-maximum-200": ["findPbxCalls"],
        "adopted-limit-minimum": ["findPbxCalls"],
        "adopted-offset-minimum": ["findPbxCalls"],
        "adopted-paging-integer-format": ["findPbxCalls"],
    }
