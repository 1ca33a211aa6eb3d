"""The live files: openapi.yaml against the reviewed snapshot of UltraCart's document,
and the snapshot command that refreshes it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from codegen.__main__ import main
from codegen.paths import SPEC
from codegen.snapshot import TARGET, extract

PROSE = {"description", "summary", "example", "examples", "title"}


def test_openapi_yaml_has_no_unreviewed_drift_from_the_snapshot(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["drift", str(TARGET)]) == 0
    out = capsys.readouterr().out
    assert "No drift in our operations." in out
    # UltraCart's other conversation operations are information, not drift: as many as
    # the snapshot has beyond ours (134 while we carry seven; none once all are adopted).
    snapshot = json.loads(TARGET.read_text(encoding="utf-8"))
    ours = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    missing = sum(len(item) for item in snapshot["paths"].values()) - sum(
        len(item) for item in ours["paths"].values()
    )
    if missing:
        assert f"Upstream operations we do not have (information, {missing})" in out
    else:
        assert "Upstream operations we do not have" not in out


def test_the_snapshot_is_structure_only(tmp_path: Path) -> None:
    snapshot = json.loads(TARGET.read_text(encoding="utf-8"))

    def keys(node: object, path: str = "") -> list[str]:
        if isinstance(node, dict):
            found = [f"{path}/{k}" for k in node if k in PROSE and node[k] not in ("", None)]
            # A schema property may be *named* like prose ("title"): not prose itself.
            return (
                found
                + [
                    hit
                    for k, v in node.items()
                    if k != "properties"
                    for hit in keys(v, f"{path}/{k}")
                ]
                + [
                    hit
                    for name, prop in (node.get("properties") or {}).items()
                    if isinstance(node.get("properties"), dict)
                    for hit in keys(prop, f"{path}/properties/{name}")
                ]
            )
        if isinstance(node, list):
            return [hit for i, item in enumerate(node) for hit in keys(item, f"{path}/{i}")]
        return []

    assert keys(snapshot["paths"]) + keys(snapshot["components"]) == []
    ours = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    for path, item in ours["paths"].items():
        for method in item:
            assert snapshot["paths"][path][method]["responses"], (method, path)


def test_a_refresh_is_deterministic_and_reproduces_the_committed_snapshot(tmp_path: Path) -> None:
    committed = TARGET.read_text(encoding="utf-8")
    ours = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    again = extract(json.loads(committed), ours)
    assert json.dumps(again, indent=1, sort_keys=True) + "\n" == committed


def test_snapshot_of_an_unusable_document_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("paths: [unclosed\n")
    assert main(["snapshot", str(broken)]) == 2
    assert "error:" in capsys.readouterr().err
