"""`python -m codegen drift`: output formats, grouping and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.__main__ import main
from codegen.paths import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "drift"
# The drift tool's tests run against a frozen pair: our spec and UltraCart's as they were
# in 2022 (and the deviations of then), so that their fixtures keep meaning the same
# changes whatever openapi.yaml becomes. test_drift_repository checks the live files.
SNAPSHOT = FIXTURES / "upstream_2022.swagger.json"
OURS_2022 = FIXTURES / "ours_2022.yaml"
DEVIATIONS_2022 = FIXTURES / "deviations_2022.yaml"


def drift(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["drift", "--spec", str(OURS_2022), "--deviations", str(DEVIATIONS_2022), *args])
    out, err = capsys.readouterr()
    return code, out, err


def non_breaking_upstream(tmp_path: Path) -> Path:
    """The snapshot plus only compatible changes: an optional field and an optional parameter."""
    document = json.loads(SNAPSHOT.read_text())
    summary = document["definitions"]["ConversationSummary"]["properties"]
    summary["visible"] = {"type": "boolean"}
    listing = document["paths"]["/conversation/conversations"]["get"]
    listing["parameters"].append({"name": "_sort", "in": "query", "type": "string"})
    path = tmp_path / "upstream.json"
    path.write_text(json.dumps(document))
    return path


def test_no_drift_exits_0_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = drift(capsys, str(SNAPSHOT))
    assert (code, err) == (0, "")
    assert "No drift in our operations." in out
    assert "GET    /conversation/departments  getConversationDepartments" in out


def test_json_output_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drift(capsys, str(FIXTURES / "drifted.swagger.json"), "--json")
    assert code == 1
    document = json.loads(out)
    assert document["findings"]
    for finding in document["findings"]:
        assert set(finding) == {
            "operation",
            "method",
            "path",
            "location",
            "change",
            "breaking",
            "class",
            "kind",
        }
        assert isinstance(finding["breaking"], bool)
    assert {
        "operation": "startConversation",
        "method": "PUT",
        "path": "/conversation/conversations",
        "location": "/responses/200/schema",
        "change": "now wrapped upstream: the fields moved into property 'conversation'"
        " beside error, success",
        "breaking": True,
        "class": "breaking",
        "kind": "response-wrapped",
    } in document["findings"]
    assert {f["operation"] for f in document["information"]} == {
        "leaveConversation",
        "getConversationMessages",
    }


def test_human_output_groups_by_operation_breaking_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads(SNAPSHOT.read_text())
    definitions, paths = document["definitions"], document["paths"]
    # getAgentWebsocketAuthorization, first in our spec: non-breaking drift only.
    definitions["ConversationAgentAuthResponse"]["properties"]["team"] = {"type": "string"}
    # getConversations: a non-breaking parameter (found first), then a breaking removal.
    paths["/conversation/conversations"]["get"]["parameters"].append(
        {"name": "_sort", "in": "query", "type": "string"}
    )
    del definitions["ConversationsResponse"]["properties"]["warning"]
    # getConversationMultimediaUploadUrl, last in our spec: breaking.
    paths["/conversation/upload_url/{extension}"]["get"]["parameters"].append(
        {"name": "content_type", "in": "query", "required": True, "type": "string"}
    )
    upstream = tmp_path / "upstream.json"
    upstream.write_text(json.dumps(document))

    code, out, _ = drift(capsys, str(upstream))

    assert code == 1
    assert "2 breaking, 2 non-breaking findings." in out
    groups = [block.splitlines() for block in out.split("\n\n")[1:-1]]
    assert [group[0] for group in groups] == [
        "getConversations  GET /conversation/conversations",
        "getConversationMultimediaUploadUrl  GET /conversation/upload_url/{extension}",
        "getAgentWebsocketAuthorization  PUT /conversation/agent/auth",
    ]
    assert groups[0][1:] == [
        "  BREAKING  /responses/200/schema/warning: property warning removed upstream"
        "  [property-removed]",
        "  drift     /parameters/query/_sort: optional query parameter _sort added upstream"
        "  [parameter-added]",
    ]
    assert groups[2][1].startswith("  drift     /responses/200/schema/team: optional property")


def test_fail_on_breaking_lets_compatible_drift_pass(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    upstream = str(non_breaking_upstream(tmp_path))
    assert drift(capsys, upstream)[0] == 1
    code, out, _ = drift(capsys, upstream, "--fail-on", "breaking")
    assert code == 0
    assert "optional query parameter _sort added upstream" in out


def test_fail_on_breaking_still_fails_on_breaking_drift(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = drift(capsys, str(FIXTURES / "drifted.swagger.json"), "--fail-on", "breaking")
    assert code == 1


def test_bad_input_from_the_command_line_is_one_line_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "codegen", "drift", str(FIXTURES / "ref_cycle.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("drift: error: ")
    assert "$ref cycle" in result.stderr


def test_markdown_output_is_changelog_ready_breaking_first_grouped_by_operation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads(SNAPSHOT.read_text())
    definitions, paths = document["definitions"], document["paths"]
    definitions["ConversationAgentAuthResponse"]["properties"]["team"] = {"type": "string"}
    paths["/conversation/conversations"]["get"]["parameters"].append(
        {"name": "_sort", "in": "query", "type": "string"}
    )
    del definitions["ConversationsResponse"]["properties"]["warning"]
    # Upstream text that Markdown would otherwise read as a link and emphasis.
    definitions["ConversationsResponse"]["properties"]["[x](http://evil)*"] = {"type": "string"}
    upstream = tmp_path / "upstream.json"
    upstream.write_text(json.dumps(document))

    code, out, err = drift(capsys, str(upstream), "--format", "markdown")

    assert (code, err) == (1, "")
    sections = out.split("\n### ")
    assert sections[0].splitlines() == [
        f"## API changes: {OURS_2022.relative_to(ROOT)} against {upstream}".replace("_", "\\_"),
        "",
        "1 breaking, 3 non-breaking changes.",
    ]
    assert sections[1].splitlines() == [
        "Breaking changes",
        "",
        "#### `getConversations` (`GET /conversation/conversations`)",
        "",
        "- `/responses/200/schema/warning`: property warning removed upstream (`property-removed`)",
    ]
    assert sections[2].splitlines() == [
        "Other changes",
        "",
        "#### `getAgentWebsocketAuthorization` (`PUT /conversation/agent/auth`)",
        "",
        "- `/responses/200/schema/team`: optional property team added upstream (`property-added`)",
        "",
        "#### `getConversations` (`GET /conversation/conversations`)",
        "",
        "- `/parameters/query/_sort`: optional query parameter \\_sort added upstream"
        " (`parameter-added`)",
        "- `/responses/200/schema/[x](http://evil)*`: optional property"
        " \\[x\\]\\(http://evil\\)\\* added upstream (`property-added`)",
    ]
    assert sections[3].splitlines() == [
        "Upstream operations not in our spec (4)",
        "",
        "- `GET /conversation/canned_messages` getConversationCannedMessages",
        "- `PUT /conversation/conversations/{conversation_uuid}/markread` markReadConversation",
        "- `GET /conversation/conversations/{conversation_uuid}/messages/{since}`"
        " getConversationMessages",
        "- `GET /conversation/departments` getConversationDepartments",
    ]


def test_markdown_output_without_drift_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = drift(capsys, str(SNAPSHOT), "--format", "markdown")
    assert code == 0
    assert "No drift in our operations." in out
    assert "### Breaking changes" not in out


def test_format_json_is_the_same_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    by_flag = drift(capsys, str(FIXTURES / "drifted.swagger.json"), "--json")
    by_format = drift(capsys, str(FIXTURES / "drifted.swagger.json"), "--format", "json")
    assert by_flag == by_format
    assert json.loads(by_flag[1])["findings"]
