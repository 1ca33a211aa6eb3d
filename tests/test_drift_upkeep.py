"""Regressions of issue #18's drift upkeep: the snapshot keeps properties named like
prose, malformed documents and lone surrogates are refused with exit 2 (never a
traceback), and drift reports upstream deprecations as warnings."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.__main__ import main
from codegen.paths import SPEC
from codegen.snapshot import TARGET, extract, write_snapshot

ROOT = Path(__file__).resolve().parent.parent
PROSE_NAMED = ("description", "summary", "title", "example")


def _snapshot() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(TARGET.read_text(encoding="utf-8"))
    return loaded


def _ours() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return loaded


def _drift(
    capsys: pytest.CaptureFixture[str], spec: Path, upstream: Path, *args: str
) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["drift", str(upstream), "--spec", str(spec), *args])
    out, err = capsys.readouterr()
    return code, out, err


# -- the snapshot strips prose only where it is prose ---------------------------------


def test_properties_named_like_prose_survive_the_snapshot_and_their_prose_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upstream = _snapshot()
    upstream["components"]["schemas"]["Conversation"]["properties"].update(
        {
            name: {"type": "string", "description": f"upstream's words on {name}"}
            for name in PROSE_NAMED
        }
    )
    upstream["components"]["schemas"]["Conversation"]["description"] = "upstream's words"
    ours = _ours()
    ours["components"]["schemas"]["Conversation"]["properties"].update(
        {n: {"type": "string"} for n in PROSE_NAMED}
    )
    snapshot = extract(upstream, ours)
    conversation = snapshot["components"]["schemas"]["Conversation"]
    for name in PROSE_NAMED:
        assert conversation["properties"][name] == {"type": "string"}, name
    assert "description" not in conversation
    # Ours with the same properties against that snapshot: nothing reported removed.
    (tmp_path / "ours.yaml").write_text(yaml.safe_dump(ours), encoding="utf-8")
    (tmp_path / "snapshot.json").write_text(json.dumps(snapshot), encoding="utf-8")
    code, out, _ = _drift(capsys, tmp_path / "ours.yaml", tmp_path / "snapshot.json")
    assert "property-removed" not in out
    assert code == 0, out


def test_the_snapshot_keeps_scope_names_not_their_texts() -> None:
    flows = _snapshot()["components"]["securitySchemes"]["ultraCartOauth"]["flows"]
    scopes = flows["authorizationCode"]["scopes"]
    assert "conversation_read" in scopes
    assert set(scopes.values()) == {""}


def test_write_snapshot_reproduces_the_committed_one_from_itself(tmp_path: Path) -> None:
    target = tmp_path / "snapshot.json"
    write_snapshot(str(TARGET), target)
    assert target.read_text(encoding="utf-8") == TARGET.read_text(encoding="utf-8")


# -- malformed documents: exit 2, one line ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "openapi: 3.0.0\npaths: 5\n",
        "openapi: 3.0.0\npaths:\n  /conversation/conversations:\n    get:\n      responses: [1]\n",
        "openapi: 3.0.0\npaths:\n  /conversation/x:\n    get: {operationId: x, responses: {}}\n"
        "components: []\n",
        "[1, 2]\n",
        '{"openapi": "3.0.0", "paths": {"/conversation/a\\ud800": {}}}',
    ],
    ids=[
        "paths-not-a-mapping",
        "responses-a-list",
        "components-a-list",
        "top-level-list",
        "lone-surrogate",
    ],
)
def test_snapshot_of_a_malformed_document_exits_2_without_writing(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "upstream.json"
    source.write_text(text, encoding="utf-8")
    before = TARGET.read_bytes()
    assert main(["snapshot", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert TARGET.read_bytes() == before


def test_drift_with_a_lone_surrogate_exits_2_not_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upstream = _snapshot()
    upstream["paths"]["/conversation/agent/keepalive"]["get"]["operationId"] = "keep\udc00alive"
    source = tmp_path / "upstream.json"
    source.write_text(json.dumps(upstream), encoding="utf-8")  # "\udc00" escaped: valid JSON text
    code, out, err = _drift(capsys, SPEC, source)
    assert code == 2
    assert out == ""
    assert err.startswith("drift: error: ") and err.count("\n") == 1
    assert "lone surrogate" in err and "keepalive" in err


def test_drift_with_a_lone_surrogate_in_the_deviations_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deviations = tmp_path / "deviations.yaml"
    text = (ROOT / "codegen/deviations.yaml").read_text(encoding="utf-8")
    deviations.write_text(
        text.replace("location: /responses/404", 'location: "/responses/404\\ud800"')
    )
    code, out, err = _drift(capsys, SPEC, TARGET, "--deviations", str(deviations))
    assert (code, out) == (2, "")
    assert "lone surrogate" in err and err.count("\n") == 1


# -- deprecation ----------------------------------------------------------------------


def _deprecated_upstream(tmp_path: Path) -> Path:
    upstream = _snapshot()
    listing = upstream["paths"]["/conversation/conversations"]["get"]
    listing["deprecated"] = True
    for param in listing["parameters"]:
        if param["name"] == "medium":
            param["deprecated"] = True
    upstream["components"]["schemas"]["ConversationSummary"]["properties"]["visible"][
        "deprecated"
    ] = True
    source = tmp_path / "upstream.json"
    source.write_text(json.dumps(upstream), encoding="utf-8")
    return source


def test_drift_reports_what_upstream_newly_deprecates_as_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _deprecated_upstream(tmp_path)
    code, out, _ = _drift(capsys, SPEC, source, "--json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert sorted((f["kind"], f["location"], f["class"], f["breaking"]) for f in findings) == [
        (
            "field-deprecated",
            "/responses/200/schema/conversations[]/visible/deprecated",
            "warning",
            False,
        ),
        ("operation-deprecated", "/deprecated", "warning", False),
        ("parameter-deprecated", "/parameters/query/medium/deprecated", "warning", False),
    ]
    code, out, _ = _drift(capsys, SPEC, source)
    assert "WARNING   /deprecated: operation deprecated upstream  [operation-deprecated]" in out
    # Warnings break nothing yet: a CI gate on breaking drift lets them through.
    assert _drift(capsys, SPEC, source, "--fail-on", "breaking")[0] == 0


def test_drift_reports_a_deprecation_of_ours_that_upstream_does_not_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = copy.deepcopy(_ours())
    ours["paths"]["/conversation/conversations"]["get"]["deprecated"] = True
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(ours), encoding="utf-8")
    code, out, _ = _drift(
        capsys, spec, TARGET, "--deviations", str(ROOT / "codegen/deviations.yaml"), "--json"
    )
    assert code == 1
    [finding] = json.loads(out)["findings"]
    assert (finding["kind"], finding["class"]) == ("deprecation-differs", "drift")
