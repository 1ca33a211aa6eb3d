"""The command line built from the descriptors (issue 18, "CLI"; issue 22, metavars): every
command's help builds, in users' words; an operation argparse cannot build, or prose
with a `%` in it, never takes the other commands down; required flags are required."""

from __future__ import annotations

import io
from typing import Any

import pytest

from ultracart_conversations import _cli_operations
from ultracart_conversations._operation import CliHints, Operation, Parameter
from ultracart_conversations.cli import main
from ultracart_conversations_api.operations import OPERATIONS

MODELS = "ultracart_conversations_api.models"
ENV = {"ULTRACART_SIMPLE_KEY": "cli-test-key", "ULTRACART_BASE_URL": "http://127.0.0.1:9/rest/v2"}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), environ=ENV, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def made_up(command: str, *params: Parameter, summary: str = "Made up") -> Operation[Any]:
    return Operation(
        operation_id=command.replace("-", "_"),
        python_name=command.replace("-", "_"),
        method="GET",
        path="/made/up",
        parameters=params,
        body=None,
        responses={204: None},
        models=MODELS,
        idempotent=True,
        summary=summary,
        cli=CliHints(command=command),
    )


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.operation_id)
def test_every_commands_help_builds(operation: Operation[Any]) -> None:
    assert operation.cli is not None
    code, out, err = run(operation.cli.command, "--help")
    assert code == 0 and err == ""
    assert out.startswith(f"usage: ultracart-conversations {operation.cli.command}")


def test_metavars_are_in_users_words() -> None:
    _, out, _ = run("list", "--help")
    for shown in ("--limit N", "--page-size N", "--medium {sms,websocket}", "--before DATETIME"):
        assert shown in out, shown
    for internal in ("MAX_ITEMS", "PARAM_", "PAGE_SIZE", "MAX_RETRIES"):
        assert internal not in out, internal
    _, out, _ = run("get", "--help")
    assert "CONVERSATION_UUID" in out and "--limit N" in out


def test_one_operation_argparse_refuses_does_not_break_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    twice = Parameter("a", "a", "query", "string", flag="--same")
    broken = made_up("broken-thing", twice, twice._replace(name="b", python_name="b"))
    percent = made_up("percent-thing", summary="Done 50% of the way (%s, %(x)d)")
    monkeypatch.setattr(_cli_operations, "OPERATIONS", (*OPERATIONS, broken, percent))
    code, out, _ = run("--help")
    assert code == 0 and "broken-thing" in out and "Done 50% of the way" in out
    assert run("list", "--help")[0] == 0
    assert run("percent-thing", "--help")[0] == 0
    code, _, err = run("broken-thing")
    assert code == 2 and "the broken-thing command cannot be built" in err
    assert "--same" in err


def test_a_required_query_or_header_parameter_is_a_required_flag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    needed = Parameter(
        "X-Thing-Id", "thing_id", "header", "integer", required=True, flag="--thing-id"
    )
    optional = Parameter("q", "q", "query", "string", required=True, default="x", flag="--q")
    monkeypatch.setattr(
        _cli_operations, "OPERATIONS", (*OPERATIONS, made_up("needs-thing", needed, optional))
    )
    code, _, err = run("needs-thing")
    assert code == 2 and "the following arguments are required: --thing-id" in err
    assert "--q" not in err  # it has a default
    code, _, err = run("needs-thing", "--thing-id", "x")
    assert code == 2 and "invalid int value" in err


def test_deprecated_commands_and_flags_say_so_in_help(monkeypatch: pytest.MonkeyPatch) -> None:
    old = Parameter(
        "old", "old", "query", "string", deprecated=True, flag="--old", description="Old"
    )
    operation = made_up("old-thing", old)
    operation.deprecated = True
    monkeypatch.setattr(_cli_operations, "OPERATIONS", (*OPERATIONS, operation))
    _, out, _ = run("--help")
    assert "(deprecated) Made up" in out
    _, out, _ = run("old-thing", "--help")
    assert "(deprecated) Old" in out
