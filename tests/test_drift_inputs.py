"""Reading the upstream document: paths and URLs, JSON and YAML, and every bad input
ending in exit 2 with one clear line (never a traceback)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.__main__ import main

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


def assert_bad_input(result: tuple[int, str, str], expected: str) -> None:
    code, out, err = result
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("drift: error: ")
    assert expected in err


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("empty.yaml", "empty.yaml: is empty"),
        ("not_yaml.yaml", "is neither JSON nor YAML (did not find expected ',' or ']' at line 4"),
        (
            "not_openapi.yaml",
            "is not an OpenAPI document (no 'openapi' or 'swagger' version field)",
        ),
        (
            "ref_cycle.json",
            "$ref cycle: #/definitions/ConversationAgentAuthResponse -> #/definitions/AgentAuth"
            " -> #/definitions/ConversationAgentAuthResponse",
        ),
        (
            "missing_ref.yaml",
            "$ref '#/components/schemas/ConversationAgentAuthResponse' does not resolve",
        ),
    ],
)
def test_bad_fixture_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], fixture: str, expected: str
) -> None:
    assert_bad_input(drift(capsys, str(FIXTURES / fixture)), expected)


AUTH = "/conversation/agent/auth"


def auth_document(schema: object, definitions: dict[str, Any]) -> dict[str, Any]:
    """A Swagger 2.0 document whose one operation (ours) answers with `schema`."""
    response = {"description": "ok", "schema": schema}
    return {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {AUTH: {"put": {"operationId": "x", "responses": {"200": response}}}},
        "definitions": definitions,
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("- just\n- a list\n", "is not an OpenAPI document (the top level is a list)"),
        ("# only a comment\n", "is empty"),
        ("swagger: '1.2'\npaths: {}\n", "Swagger 1.2 is not supported (only 2.0)"),
        ("openapi: 4.0.0\npaths: {}\n", "OpenAPI 4.0.0 is not supported"),
        ("openapi: 3.0.3\npaths: [a, b]\n", "#/paths: expected a mapping"),
        (
            json.dumps(
                auth_document(
                    {"$ref": "#/definitions/A"}, {"A": {"allOf": [{"$ref": "#/definitions/A"}]}}
                )
            ),
            "$ref cycle: allOf includes a schema that includes it",
        ),
        (
            json.dumps(auth_document({"$ref": "models.json#/A"}, {})),
            "external $ref 'models.json#/A' is not supported",
        ),
        (
            json.dumps(auth_document({"type": "object", "properties": ["a"]}, {})),
            "/properties: expected a mapping, found list",
        ),
        (
            json.dumps(auth_document("not a schema", {})),
            "a schema must be a mapping, found str",
        ),
    ],
)
def test_bad_document_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, expected: str
) -> None:
    upstream = tmp_path / "upstream.yaml"
    upstream.write_text(content)
    assert_bad_input(drift(capsys, str(upstream)), expected)


def test_missing_file_and_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert_bad_input(drift(capsys, str(tmp_path / "nope.json")), "nope.json: no such file")
    assert_bad_input(drift(capsys, str(tmp_path)), "is a directory, not a file")


def test_yaml_and_json_of_the_same_document_agree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    as_yaml = tmp_path / "snapshot.yaml"
    as_yaml.write_text(yaml.safe_dump(json.loads(SNAPSHOT.read_text())))
    code, out, _ = drift(capsys, str(as_yaml), "--json")
    assert code == 0
    assert json.loads(out)["findings"] == []


# -- over HTTP --------------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (ephemeral port) serving the fixture files."""
    handler = partial(QuietHandler, directory=str(FIXTURES))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.mark.parametrize("fixture", ["drifted.swagger.json", "drifted.oas31.yaml"])
def test_url_gives_the_same_findings_as_the_file(
    capsys: pytest.CaptureFixture[str], server: str, fixture: str
) -> None:
    by_file = drift(capsys, str(FIXTURES / fixture), "--json")
    by_url = drift(capsys, f"{server}/{fixture}", "--json")
    assert by_url[0] == by_file[0] == 1
    assert json.loads(by_url[1]) == json.loads(by_file[1])


def test_url_errors_exit_2(capsys: pytest.CaptureFixture[str], server: str) -> None:
    assert_bad_input(drift(capsys, f"{server}/missing.json"), "the server answered HTTP 404")
    assert_bad_input(drift(capsys, f"{server}/empty.yaml"), "empty.yaml: is empty")
    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert_bad_input(
        drift(capsys, f"http://127.0.0.1:{port}/x.json"), "cannot be fetched (ConnectError"
    )
