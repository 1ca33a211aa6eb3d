"""What codegen refuses (issues 18 and 20, "Codegen"): names that would collide once they
are Python or command-line names, values with no literal form, what the package cannot
express; every problem of a spec in one run, each with its operation, a JSON pointer and
the fix. These run the checks that come before rendering (no generator, no ruff): fast.
"""

from __future__ import annotations

import argparse
import copy
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen import generate
from codegen.names import client_attributes, header_name
from codegen.paths import CONFIG, SPEC
from codegen.problems import Problems

BASE: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
LIST = "/conversation/conversations"
UPLOAD = "/conversation/upload_url/{extension}"


def problems_of(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> list[str]:
    spec = copy.deepcopy(BASE)
    change(spec)
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    found = Problems()
    generate.check(path, found)
    return [str(problem) for problem in found.found]


def copied(spec: dict[str, Any], source: str, method: str, path: str, operation_id: str) -> Any:
    """A copy of an operation under a new path and operationId (CLI name dropped)."""
    operation = copy.deepcopy(spec["paths"][source][method])
    operation["operationId"] = operation_id
    operation.pop("x-cli", None)
    spec["paths"].setdefault(path, {})[method] = operation
    return operation


def test_the_spec_as_it_is_has_no_problem(tmp_path: Path) -> None:
    assert problems_of(tmp_path, lambda spec: None) == []


def test_two_paginated_operations_with_one_iter_name_are_refused(tmp_path: Path) -> None:
    found = problems_of(tmp_path, lambda s: copied(s, LIST, "get", "/other", "listOthers"))
    assert len(found) == 1
    assert "getConversations and listOthers (#/paths/~1other/get) would both generate " in found[0]
    assert "iter_conversations" in found[0] and "x-python-name" in found[0]


def test_an_iterator_of_its_own_name_resolves_the_clash(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        other = copied(spec, LIST, "get", "/other", "listOthers")
        other["x-pagination"]["iterator"] = "iter_others"

    assert problems_of(tmp_path, change) == []


def test_get_thing_and_getThing_are_refused(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        copied(spec, UPLOAD, "get", "/a/{extension}", "getThing")
        copied(spec, UPLOAD, "get", "/b/{extension}", "get_thing")

    found = problems_of(tmp_path, change)
    assert any(
        "getThing and get_thing" in p and "would both generate get_thing," in p for p in found
    )
    assert any("would both be the CLI command get-thing" in p for p in found)


@pytest.mark.parametrize("operation_id", ["close", "withOptions", "generatedClient", "aclose"])
def test_an_operation_named_like_a_client_method_is_refused(
    tmp_path: Path, operation_id: str
) -> None:
    found = problems_of(
        tmp_path, lambda s: copied(s, UPLOAD, "get", "/x/{extension}", operation_id)
    )
    assert any("would replace the clients' own" in p for p in found), found
    assert all("fix: " in p for p in found)


def test_the_client_attributes_are_read_from_the_client_classes() -> None:
    from ultracart_conversations import AsyncConversationApi, ConversationApi
    from ultracart_conversations_api.resources import AsyncOperations, SyncOperations

    for cls, generated in (
        (ConversationApi, SyncOperations),
        (AsyncConversationApi, AsyncOperations),
    ):
        public = {n for n in dir(cls) if not n.startswith("_")} - set(dir(generated))
        assert public <= client_attributes()


@pytest.mark.parametrize("operation_id", ["operations", "sensitiveFields", "typeChecking"])
def test_an_operation_named_like_a_module_constant_is_refused(
    tmp_path: Path, operation_id: str
) -> None:
    found = problems_of(
        tmp_path, lambda s: copied(s, UPLOAD, "get", "/x/{extension}", operation_id)
    )
    assert any("would replace operations.py's own" in p for p in found), found


def test_x_python_name_resolves_a_clash(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        copied(spec, UPLOAD, "get", "/x/{extension}", "close")["x-python-name"] = "close_thing"

    assert problems_of(tmp_path, change) == []


@pytest.mark.parametrize("name", ["deadline", "page_size", "max_items", "concurrency", "self"])
def test_a_parameter_named_like_a_keyword_of_the_generated_methods_is_refused(
    tmp_path: Path, name: str
) -> None:
    def change(spec: dict[str, Any]) -> None:
        spec["paths"][LIST]["get"]["parameters"].append(
            {"name": name, "in": "query", "schema": {"type": "integer"}}
        )

    found = problems_of(tmp_path, change)
    assert len(found) == 1
    assert f"the query parameter {name} would be the argument {name}" in found[0]
    assert "#/paths/~1conversation~1conversations/get" in found[0]


def test_a_body_named_like_a_parameter_is_refused(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        join = spec["paths"][LIST + "/{conversation_uuid}/join"]["put"]
        join["x-codegen-request-body-name"] = "conversation_uuid"

    found = problems_of(tmp_path, change)
    assert (
        len(found) == 1 and "the request body would be the argument conversation_uuid" in found[0]
    )
    assert "x-codegen-request-body-name" in found[0]


def test_two_parameters_with_one_python_name_are_refused(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        spec["paths"][LIST]["get"]["parameters"].append(
            {"name": "Medium", "in": "query", "schema": {"type": "string"}}
        )

    found = problems_of(tmp_path, change)
    assert any("would both be the argument medium" in p for p in found), found


def test_a_parameter_listed_twice_is_refused_with_the_fix(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        parameters = spec["paths"][LIST]["get"]["parameters"]
        parameters.append(copy.deepcopy(parameters[1]))

    found = problems_of(tmp_path, change)
    assert any("the query parameter medium is listed twice" in p and "merge" in p for p in found)


def test_cli_flags_that_would_shadow_an_option_are_namespaced(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        start = spec["components"]["schemas"]["ConversationStartRequest"]["properties"]
        start.update({"timeout": {"type": "integer"}, "json": {"type": "boolean"}})
        start["body"] = {"type": "string"}
        spec["paths"][LIST]["get"]["parameters"].append(
            {"name": "base_url", "in": "query", "schema": {"type": "string"}}
        )

    assert problems_of(tmp_path, change) == []


def test_cli_flags_that_still_clash_are_refused_with_the_fix(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        start = spec["components"]["schemas"]["ConversationStartRequest"]["properties"]
        start.update({"timeout": {"type": "integer"}, "body_timeout": {"type": "integer"}})

    found = problems_of(tmp_path, change)
    assert len(found) == 1 and "the CLI flag --body-timeout of body field" in found[0]
    assert "x-cli flags" in found[0]


def test_a_cli_command_named_like_the_command_lines_own_is_refused(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        copied(spec, UPLOAD, "get", "/x/{extension}", "fakeServer")

    found = problems_of(tmp_path, change)
    assert any("the CLI command fake-server is one of the command line's own" in p for p in found)


def test_the_reserved_cli_names_are_the_command_lines_own() -> None:
    from ultracart_conversations.cli import build_parser

    parser = build_parser()
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["cli"]
    from ultracart_conversations_api.operations import OPERATIONS

    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    commands: dict[str, argparse.ArgumentParser] = subparsers.choices

    own_commands = set(commands) - {o.cli.command for o in OPERATIONS if o.cli}
    assert own_commands == set(config["reserved_commands"])
    # A paginated command and one with a body: every option the command line has.
    chosen = [o for o in OPERATIONS if o.cli and o.cli.command in ("list", "start")]
    own = {
        flag
        for parsed in (parser, commands["list"], commands["start"])
        for action in parsed._actions
        for flag in action.option_strings
    }
    for operation in chosen:
        own -= {p.flag for p in operation.parameters}
        if operation.body is not None:
            own -= {f.flag for f in operation.body.fields if f.flag}
            own -= {"--no-" + f.flag[2:] for f in operation.body.fields if f.flag}
    assert own - {"-h"} == set(config["reserved_flags"]) | set(config["paging_flags"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2024, 1, 1), "YAML reads 2024-01-01 as a date, not a string; fix: quote it"),
        (float("inf"), "inf has no literal form"),
        (float("nan"), "nan has no literal form"),
        ("a\x00b", "a NUL character cannot be written into a source file"),
    ],
)
def test_a_value_with_no_literal_form_is_refused(
    tmp_path: Path, value: object, expected: str
) -> None:
    def change(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["Error"]["properties"]["odd"] = {"default": value}

    found = problems_of(tmp_path, change)
    assert len(found) == 1, found
    assert expected in found[0] and "#/components/schemas/Error/properties/odd/default" in found[0]


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["Error"]["properties"]["when"] = {
            "type": "string",
            "default": datetime.date(2024, 1, 1),
        }
        copied(spec, UPLOAD, "get", "/x/{extension}", "close")
        copied(spec, LIST, "get", "/other", "listOthers")
        del spec["paths"][LIST + "/{conversation_uuid}/leave"]["delete"]["responses"]["200"]
        del spec["paths"][LIST + "/{conversation_uuid}/leave"]["delete"]["responses"]["204"]
        spec["paths"][UPLOAD]["get"]["parameters"].append(
            {"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}}
        )

    found = problems_of(tmp_path, change)
    assert len(found) == 5, found
    for fragment in (
        "YAML reads 2024-01-01",
        "would replace the clients' own close",
        "would both generate",
        "leaveConversation (#/paths/~1conversation~1conversations~1{conversation_uuid}~1leave"
        "/delete/responses): no 2xx response documented",
        "parameter ids of type array is not supported",
    ):
        assert any(fragment in p for p in found), (fragment, found)


def test_a_spec_that_is_not_openapi_is_refused_without_a_traceback(tmp_path: Path) -> None:
    for text in ("openapi: 3.0.3\npaths: [\n", "- a list\n", "openapi: 2.0\npaths: {}\n"):
        path = tmp_path / "spec.yaml"
        path.write_text(text, encoding="utf-8")
        found = Problems()
        assert generate.check(path, found) is None
        assert len(found) >= 1


def test_header_names_are_spelt_as_users_would() -> None:
    prefixes = ("X-UltraCart-", "X-")
    assert header_name("X-UltraCart-Merchant-Id", prefixes) == "merchant_id"
    assert header_name("X-UltraCart-Api-Version", prefixes) == "api_version"
    assert header_name("X-Trace-Id", prefixes) == "trace_id"
    assert header_name("If-Match", prefixes) == "if_match"


def test_a_post_search_paginated_by_body_offset_is_refused(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        search = copied(spec, LIST, "put", "/search", "searchConversations")
        search["x-pagination"] = {
            "items": "conversations",
            "item-id": "conversation_uuid",
            "limit": "limit",
            "offset": "offset",
            "result-set": "metadata.result_set",
        }

    found = problems_of(tmp_path, change)
    assert any("x-pagination limit names no integer query parameter" in p for p in found)


def test_pagination_by_an_item_id_that_is_no_string_is_refused(tmp_path: Path) -> None:
    def change(spec: dict[str, Any]) -> None:
        spec["paths"][LIST]["get"]["x-pagination"]["item-id"] = "message_count"

    found = problems_of(tmp_path, change)
    assert len(found) == 1 and "item-id names no string property" in found[0]


def test_a_package_that_does_not_import_fails_generation(tmp_path: Path) -> None:
    # Whatever the checks miss, a package that cannot be imported is never written.
    package = tmp_path / "ultracart_conversations_api"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "operations.py").write_text("OPERATIONS = (\n")
    with pytest.raises(generate.GenerationError, match="does not import"):
        generate._check_imports(package)


def test_generate_reports_problems_with_exit_status_2_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from codegen.__main__ import main

    spec = copy.deepcopy(BASE)
    copied(spec, UPLOAD, "get", "/x/{extension}", "close")
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    target = tmp_path / "target"
    monkeypatch.setattr(generate.generate, "__defaults__", (path, target))
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert "spec.yaml: 1 problem:" in err and "close" in err and "Traceback" not in err
    assert not target.exists()
