"""`python -m codegen adopt`: upstream operations into openapi.yaml, with our house rules.

Each test works on a copy of the three files adopt writes (openapi.yaml, the deviations
and the snapshot) and UltraCart's published document. The handful adopted here covers
the odd cases of the 134 operations we do not carry: no 2xx documented, a POST search
with paging parameters, a query parameter listed twice, a `charset` media type, integer
`*_oid` path parameters, a literal path beside a templated one, and a schema with a
property named `description`.
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.__main__ import main
from codegen.adopt import yamlfile
from codegen.adopt.house import summary_from
from codegen.drift.load import load_document
from tests.upstream_document import ROOT, upstream_document

ODD_CASES = [
    "deleteDepartment",  # no 2xx documented; integer path parameter (conversation_department_oid)
    "searchPbxCalls",  # a POST search with _limit ("Maximum 200") and _offset
    "getAgentStatusTimeline",  # date and channel listed twice
    "insertPbxClassOfService",  # application/json; charset=UTF-8; a property named description
    "searchPbxAvailablePhoneNumbers",  # /pbx/phone_number/search ...
    "getPbxPhoneNumber",  # ... beside /pbx/phone_number/{conversationPbxPhoneNumberUuid}
    "updateConversationEngagement",  # integer conversation_engagement_oid, a request body
]
FILES = ("openapi.yaml", "codegen/deviations.yaml", "codegen/upstream/conversation.oas3.json")
# The files as they were with our seven operations: adopt's tests start from them, so
# that they mean the same whatever openapi.yaml carries later (or in the copy where the
# end-to-end job has adopted everything).
BASELINE = Path(__file__).parent / "fixtures" / "adopt"
_BASELINE_FILES = dict(
    zip(FILES, ("openapi.yaml", "deviations.yaml", "conversation.oas3.json"), strict=True)
)


@pytest.fixture(scope="module")
def upstream() -> Path:
    return upstream_document()


@pytest.fixture(scope="module")
def upstream_doc(upstream: Path) -> dict[str, Any]:
    return load_document(str(upstream))


def copy_of_repository(target: Path) -> Path:
    """adopt's files, as they were with our seven operations, under `target`."""
    for name in FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BASELINE / _BASELINE_FILES[name], target / name)
    return target


def baseline(name: str) -> Path:
    return BASELINE / _BASELINE_FILES[name]


def adopt(root: Path, upstream: Path, *operations: str) -> int:
    return main(["adopt", str(upstream), *operations, "--root", str(root)])


def drift(root: Path, upstream: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(
        [
            "drift",
            str(upstream),
            "--spec",
            str(root / "openapi.yaml"),
            "--deviations",
            str(root / "codegen/deviations.yaml"),
        ]
    )
    return code, capsys.readouterr().out


def spec_of(root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((root / "openapi.yaml").read_text(encoding="utf-8"))
    return loaded


def operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for item in spec["paths"].values():
        for op in item.values():
            if op.get("operationId") == operation_id:
                found: dict[str, Any] = op
                return found
    raise AssertionError(f"{operation_id} not in the spec")


def odd_case_operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [operation(spec, name) for name in ODD_CASES]


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory, upstream: Path) -> Path:
    root = copy_of_repository(tmp_path_factory.mktemp("adopted"))
    assert adopt(root, upstream, *ODD_CASES) == 0
    return root


# -- the round trip --------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [ROOT / "openapi.yaml", ROOT / "codegen/deviations.yaml", *BASELINE.glob("*.yaml")]
)
def test_reading_and_writing_a_hand_written_file_changes_no_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamlfile.dumps(yamlfile.load(path)) == text


def test_adopting_only_adds_to_what_a_person_wrote(adopted: Path) -> None:
    """Comments, order, quoting and folded text of openapi.yaml all survive: the diff
    against the original has additions only."""
    before = baseline("openapi.yaml").read_text(encoding="utf-8").splitlines()
    after = (adopted / "openapi.yaml").read_text(encoding="utf-8").splitlines()
    removed = [line for line in difflib.ndiff(before, after) if line.startswith("- ")]
    assert removed == []
    assert (
        "    # A plain string with a default, not an enum: an inline enum on a shared header"
        in after
    )


# -- house rules -----------------------------------------------------------------------


def test_every_adopted_operation_sends_the_api_version_and_has_upstreams_security(
    adopted: Path, upstream_doc: dict[str, Any]
) -> None:
    spec = spec_of(adopted)
    for name in ODD_CASES:
        op = operation(spec, name)
        assert op["parameters"][0] == {"$ref": "#/components/parameters/ApiVersion"}, name
        assert op["security"] == operation(upstream_doc, name)["security"], name
        assert op["security"][1] == {"ultraCartSimpleApiKey": []}
        assert "x-cli" not in op  # the generator's default: the operationId in kebab-case
        assert not {"x-accepts", "x-content-type"} & set(op)


def test_an_operation_without_a_documented_2xx_gets_200_and_204_without_a_body(
    adopted: Path,
) -> None:
    op = operation(spec_of(adopted), "deleteDepartment")
    assert op["responses"]["200"] == {"description": "Done"}
    assert op["responses"]["204"] == {"description": "Done"}
    assert op["responses"]["400"] == {"$ref": "#/components/responses/BadRequest"}
    oid = op["parameters"][1]
    assert oid["name"] == "conversation_department_oid"
    assert oid["schema"] == {"type": "integer", "format": "int32"}


def test_a_post_search_is_idempotent_and_its_paging_parameters_bounded(adopted: Path) -> None:
    op = operation(spec_of(adopted), "searchPbxCalls")
    assert op["x-idempotent"] is True
    params = {p.get("name"): p for p in op["parameters"]}
    # "(Maximum 200)" is what upstream's description says: the one source of the maximum.
    assert params["_limit"]["schema"] == {
        "type": "integer",
        "format": "int32",
        "default": 100,
        "minimum": 1,
        "maximum": 200,
    }
    assert params["_offset"]["schema"] == {
        "type": "integer",
        "format": "int32",
        "default": 0,
        "minimum": 0,
    }
    assert "x-pagination" not in op  # a POST search: not provably our offset pattern
    # Not a search by name: a plain POST stays not idempotent (no x-idempotent written).
    assert "x-idempotent" not in operation(spec_of(adopted), "insertPbxClassOfService")


def test_a_parameter_listed_twice_upstream_is_declared_once(adopted: Path) -> None:
    op = operation(spec_of(adopted), "getAgentStatusTimeline")
    query = [p for p in op["parameters"] if p.get("in") == "query"]
    assert [(p["name"], p["required"]) for p in query] == [("date", True), ("channel", False)]


def test_a_media_type_with_a_charset_is_written_plain(adopted: Path) -> None:
    op = operation(spec_of(adopted), "insertPbxClassOfService")
    assert list(op["requestBody"]["content"]) == ["application/json"]


def test_a_property_named_description_is_kept_and_upstream_prose_is_not(
    adopted: Path, upstream_doc: dict[str, Any]
) -> None:
    spec = spec_of(adopted)
    cos = spec["components"]["schemas"]["ConversationPbxClassOfService"]
    assert cos["properties"]["description"] == {"type": "string", "maxLength": 500}
    assert "description" not in cos
    # No text of upstream's (descriptions, summaries) in anything adopt wrote.
    prose: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("description", "summary", "title") and isinstance(value, str):
                    prose.add(" ".join(value.split()))
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(upstream_doc["paths"])
    collect(upstream_doc["components"])
    before = baseline("openapi.yaml").read_text(encoding="utf-8").splitlines()
    after = (adopted / "openapi.yaml").read_text(encoding="utf-8").splitlines()
    added = "\n".join(line[2:] for line in difflib.ndiff(before, after) if line.startswith("+ "))
    # A sentence (three words or more) of theirs; our summaries are derived from the
    # operationId, which upstream's sometimes are too: those are not copies.
    summaries = {summary_from(op["operationId"]) for op in odd_case_operations(spec)}
    added = " ".join(added.split())
    copied = [
        text for text in prose if len(text.split()) >= 3 and text in added and text not in summaries
    ]
    assert copied == [], copied
    assert (
        operation(spec, "searchPbxAvailablePhoneNumbers")["summary"]
        == "Search pbx available phone numbers"
    )


def test_the_literal_and_templated_paths_are_both_written(adopted: Path) -> None:
    paths = list(spec_of(adopted)["paths"])
    literal = "/conversation/pbx/phone_number/search"
    templated = "/conversation/pbx/phone_number/{conversationPbxPhoneNumberUuid}"
    assert literal in paths and templated in paths
    assert paths == sorted(paths)  # our paths are sorted; new ones land in order


# -- drift, deviations, snapshot -------------------------------------------------------


def test_after_adopting_drift_is_quiet_against_upstream_and_the_snapshot(
    adopted: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = drift(adopted, upstream, capsys)
    assert (code, "No drift in our operations.") == (0, out.splitlines()[1])
    assert "(information, 127)" in out
    # The snapshot holds the adopted operations in full (a stub gave 54 false findings).
    code, out = drift(adopted, adopted / "codegen/upstream/conversation.oas3.json", capsys)
    assert (code, "No drift in our operations.") == (0, out.splitlines()[1])
    snapshot = json.loads(
        (adopted / "codegen/upstream/conversation.oas3.json").read_text(encoding="utf-8")
    )
    cos = snapshot["components"]["schemas"]["ConversationPbxClassOfService"]
    assert "description" in cos["properties"]


def test_before_the_snapshot_refresh_the_stubs_give_false_findings(
    tmp_path: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the refresh is for: the adopted spec against the old snapshot's stubs."""
    root = copy_of_repository(tmp_path)
    old_snapshot = tmp_path / "old.json"
    shutil.copyfile(root / "codegen/upstream/conversation.oas3.json", old_snapshot)
    assert adopt(root, upstream, "getConversationDepartments") == 0
    code, out = drift(root, old_snapshot, capsys)
    assert code == 1
    assert "response 200 removed upstream" in out


def test_each_house_rule_is_a_narrow_generated_deviation(adopted: Path) -> None:
    entries = yaml.safe_load((adopted / "codegen/deviations.yaml").read_text(encoding="utf-8"))[
        "deviations"
    ]
    generated = {e["id"]: e for e in entries if e["id"].startswith("adopted-")}
    assert sorted(generated) == [
        "adopted-limit-maximum-200",
        "adopted-limit-minimum",
        "adopted-media-type-charset",
        "adopted-no-2xx-documented",
        "adopted-offset-minimum",
        "adopted-paging-integer-format",
    ]
    assert generated["adopted-no-2xx-documented"]["operations"] == ["deleteDepartment"]
    assert (
        generated["adopted-limit-maximum-200"]["change"]
        == "maximum changed: ours 200, upstream none *"
    )
    assert "description only" in generated["adopted-limit-maximum-200"]["reason"]
    assert all(e["operations"] != ["*"] for e in generated.values())
    # The hand-written entries are untouched, in their order, before the generated ones.
    original = yaml.safe_load(baseline("codegen/deviations.yaml").read_text(encoding="utf-8"))[
        "deviations"
    ]
    assert entries[: len(original)] == original


# -- determinism -----------------------------------------------------------------------


def _files(root: Path) -> dict[str, bytes]:
    return {name: (root / name).read_bytes() for name in FILES}


def test_adopting_is_deterministic_and_the_order_of_adoptions_does_not_matter(
    tmp_path: Path, upstream: Path, adopted: Path
) -> None:
    a, b = ODD_CASES[:3], ODD_CASES[3:]
    forward = copy_of_repository(tmp_path / "forward")
    assert adopt(forward, upstream, *a) == 0
    assert adopt(forward, upstream, *b) == 0
    backward = copy_of_repository(tmp_path / "backward")
    assert adopt(backward, upstream, *reversed(b)) == 0
    assert adopt(backward, upstream, *reversed(a)) == 0
    assert _files(forward) == _files(backward) == _files(adopted)


def test_adopting_again_changes_nothing(
    tmp_path: Path, upstream: Path, adopted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_of_repository(tmp_path)
    for name in FILES:
        shutil.copyfile(adopted / name, root / name)
    capsys.readouterr()
    assert adopt(root, upstream, *ODD_CASES) == 0
    assert "already carried: deleteDepartment" in capsys.readouterr().out
    assert _files(root) == _files(adopted)


# -- refusals --------------------------------------------------------------------------


def test_an_unknown_operation_is_refused_with_the_closest_name(
    tmp_path: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_of_repository(tmp_path)
    before = _files(root)
    assert adopt(root, upstream, "getConversationDepartment") == 2
    err = capsys.readouterr().err
    assert "not an operationId of the upstream document: getConversationDepartment" in err
    assert "did you mean getConversationDepartments?" in err
    assert _files(root) == before


def test_adopting_from_the_snapshot_is_refused_its_operations_are_stubs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_of_repository(tmp_path)
    before = _files(root)
    assert (
        adopt(root, root / "codegen/upstream/conversation.oas3.json", "getConversationDepartments")
        == 2
    )
    assert "only a stub" in capsys.readouterr().err
    assert _files(root) == before


def test_operations_or_all_must_be_said(
    tmp_path: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["adopt", str(upstream), "--root", str(tmp_path)]) == 2
    assert main(["adopt", str(upstream), "getAgentProfile", "--all", "--root", str(tmp_path)]) == 2
    assert "adopt: error:" in capsys.readouterr().err


# -- all of them -----------------------------------------------------------------------


def test_adopting_all_134_validates_and_leaves_no_drift(
    tmp_path: Path, upstream: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openapi_spec_validator import validate

    root = copy_of_repository(tmp_path)
    capsys.readouterr()
    assert adopt(root, upstream, "--all") == 0
    assert "adopted 134 operations" in capsys.readouterr().out
    spec = spec_of(root)
    validate(spec)
    assert sum(len(item) for item in spec["paths"].values()) == 141
    code, out = drift(root, upstream, capsys)
    assert code == 0, out
    assert "Upstream operations we do not have" not in out
    searches = sorted(
        op["operationId"]
        for item in spec["paths"].values()
        for op in item.values()
        if op.get("x-idempotent") is True
    )
    assert searches == [
        "getConversationsSearch",
        "searchAgentStatusHistory",
        "searchAgentStatusRollups",
        "searchConversationCannedMessages",
        "searchPbxCalls",
    ]
    no_success = [
        op["operationId"]
        for item in spec["paths"].values()
        for op in item.values()
        if op["responses"].get("204") == {"description": "Done"}
    ]
    assert len(no_success) == 15  # the 17 upstream documents no 2xx for, less join and leave (ours)


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ({"parameters": 7}, "not a well-formed OpenAPI document"),
        (
            {
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Nope"}}
                        }
                    }
                }
            },
            "#/components/schemas/Nope does not resolve",
        ),
    ],
    ids=["parameters-not-a-list", "dangling-ref"],
)
def test_a_malformed_upstream_operation_is_refused_and_nothing_written(
    tmp_path: Path,
    upstream_doc: dict[str, Any],
    breakage: dict[str, Any],
    expected: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = json.loads(json.dumps(upstream_doc))
    document["paths"]["/conversation/departments"]["get"].update(breakage)
    source = tmp_path / "upstream.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    root = copy_of_repository(tmp_path / "repo")
    before = _files(root)
    assert adopt(root, source, "getConversationDepartments") == 2
    err = capsys.readouterr().err
    assert err.startswith("adopt: error: ") and expected in err and "Traceback" not in err
    assert _files(root) == before


def test_a_method_joins_its_path_item_in_our_method_order(tmp_path: Path, upstream: Path) -> None:
    root = copy_of_repository(tmp_path)
    assert adopt(root, upstream, "purchasePbxPhoneNumber") == 0
    assert adopt(root, upstream, "getPbxPhoneNumbers") == 0
    item = spec_of(root)["paths"]["/conversation/pbx/phone_number"]
    assert list(item) == ["get", "post"]
