"""codegen/deviations.yaml: it explains exactly the reviewed deviations, no more.

The snapshot of upstream must come out clean (that is what `make ci` checks); an entry
that stops matching, or that would hide a different change at the same place, is drift.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.__main__ import main
from codegen.drift.allowlist import apply_deviations, load_deviations
from codegen.drift.compare import compare_documents
from codegen.drift.errors import DocumentError
from codegen.drift.load import load_document
from codegen.drift.normalize import Document

FIXTURES = Path(__file__).parent / "fixtures" / "drift"
# The drift tool's tests run against a frozen pair: our spec and UltraCart's as they were
# in 2022 (and the deviations of then), so that their fixtures keep meaning the same
# changes whatever openapi.yaml becomes. test_drift_repository checks the live files.
SNAPSHOT = FIXTURES / "upstream_2022.swagger.json"
OURS_2022 = FIXTURES / "ours_2022.yaml"
DEVIATIONS_2022 = FIXTURES / "deviations_2022.yaml"


def drift(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(
        ["drift", "--spec", str(OURS_2022), "--deviations", str(DEVIATIONS_2022), *args, "--json"]
    )
    return code, json.loads(capsys.readouterr().out)


def entries() -> list[dict[str, Any]]:
    loaded: dict[str, list[dict[str, Any]]] = yaml.safe_load(DEVIATIONS_2022.read_text())
    return loaded["deviations"]


def test_snapshot_of_upstream_has_no_drift(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = drift(capsys, str(SNAPSHOT))
    assert (code, report["findings"]) == (0, [])


def test_every_entry_explains_something_in_the_snapshot() -> None:
    """Without the allow-list the snapshot differs; each entry covers part of that."""
    ours = Document(load_document(str(OURS_2022)), "ours")
    findings, _ = compare_documents(ours, Document(load_document(str(SNAPSHOT)), "upstream"))
    deviations = load_deviations(DEVIATIONS_2022)
    for deviation in deviations:
        assert any(deviation.matches(f) for f in findings), deviation.id
    assert apply_deviations(findings, deviations, ours.index.values(), "x") == []


def test_the_deviations_named_in_openapi_yaml_are_covered() -> None:
    header = OURS_2022.read_text().split("\nopenapi:", 1)[0]
    covered = {str(entry["location"]) for entry in entries()}
    # The header's bullets, and where the check finds each of them.
    named = {
        "`_limit` gets minimum 1 / maximum 200": {
            "/parameters/query/_limit/schema/minimum",
            "/parameters/query/_limit/schema/maximum",
        },
        "`_offset` minimum 0": {"/parameters/query/_offset/schema/minimum"},
        "ResultSet.total_records is nullable": {
            "/responses/*/schema/metadata/result_set/total_records/nullable"
        },
        "404 is documented": {"/responses/404"},
        "optional Retry-After header": {"/responses/429/headers/Retry-After"},
    }
    for phrase, locations in named.items():
        assert phrase in re.sub(r"\s+#\s+", " ", header), phrase
        assert locations <= covered, phrase


def test_every_entry_has_a_reason() -> None:
    for entry in entries():
        assert len(str(entry["reason"]).split()) >= 8, entry["id"]


def test_an_entry_covers_the_reviewed_value_only(capsys: pytest.CaptureFixture[str]) -> None:
    """Upstream's `maximum: 100` is new drift even though `maximum: none` is allowed."""
    code, report = drift(capsys, str(FIXTURES / "drifted.swagger.json"))
    assert code == 1
    by_location = {(f["operation"], f["location"]): f for f in report["findings"]}
    tighter = by_location[("getConversations", "/parameters/query/_limit/schema/maximum")]
    assert tighter["breaking"] is True
    assert "upstream 100" in str(tighter["change"])
    # ...while the reviewed ones are gone: the missing minimum, the undeclared header.
    assert ("getConversations", "/parameters/query/_limit/schema/minimum") not in by_location
    assert not [loc for _, loc in by_location if "X-UltraCart-Api-Version" in loc]


def write_deviations(tmp_path: Path, extra: list[dict[str, Any]]) -> Path:
    path = tmp_path / "deviations.yaml"
    path.write_text(yaml.safe_dump({"deviations": entries() + extra}))
    return path


def test_a_stale_entry_is_reported_as_non_breaking_drift(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    stale = {
        "id": "old-page-size",
        "operations": ["getConversations"],
        "location": "/parameters/query/page_size",
        "kinds": ["parameter-removed"],
        "reason": "we used to send page_size, which upstream dropped long ago",
    }
    deviations = str(write_deviations(tmp_path, [stale]))
    code, report = drift(capsys, str(SNAPSHOT), "--deviations", deviations)
    assert code == 1
    (finding,) = report["findings"]
    assert finding["operation"] == "getConversations"
    assert (finding["method"], finding["path"]) == ("GET", "/conversation/conversations")
    assert finding["location"].endswith("deviations.yaml#old-page-size")
    assert "no longer matches anything" in str(finding["change"])
    assert finding["breaking"] is False
    assert drift(capsys, str(SNAPSHOT), "--deviations", deviations, "--fail-on", "breaking")[0] == 0


def test_staleness_is_per_named_operation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An entry naming an operation it does not apply to says which one."""
    current = entries()
    for entry in current:
        if entry["id"] == "not-found-404":
            entry["operations"] = [*entry["operations"], "getConversations"]
    path = tmp_path / "deviations.yaml"
    path.write_text(yaml.safe_dump({"deviations": current}))
    code, report = drift(capsys, str(SNAPSHOT), "--deviations", str(path))
    assert code == 1
    assert [(f["operation"], f["location"]) for f in report["findings"]] == [
        ("getConversations", f"{path}#not-found-404")
    ]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            {"id": "x", "operations": ["*"], "location": "/", "kinds": ["parameter-removed"]},
            "needs the fields",
        ),
        (
            {
                "id": "x",
                "operations": ["*"],
                "location": "/",
                "kinds": ["no-such-kind"],
                "reason": "a reason that is long",
            },
            "'kinds' must list kinds",
        ),
        (
            {
                "id": "x",
                "operations": ["*"],
                "location": "/",
                "kinds": ["parameter-removed"],
                "reason": "tbd",
            },
            "every entry needs a real 'reason'",
        ),
    ],
)
def test_a_malformed_entry_is_refused(
    tmp_path: Path, entry: dict[str, object], problem: str
) -> None:
    with pytest.raises(DocumentError, match=re.escape(problem)):
        load_deviations(write_deviations(tmp_path, [entry]))
