"""The `ultracart-conversations` command against a FakeUltraCart, run in-process."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ultracart_conversations.cli import main
from ultracart_conversations.testing import FakeUltraCart, Fault


@dataclass
class Run:
    code: int
    out: str
    err: str


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=9, seed=4) as running:
        yield running


def run(
    fake: FakeUltraCart | None,
    *argv: str,
    env: dict[str, str] | None = None,
    stdin: str = "",
    tty: bool = False,
) -> Run:
    if env is None:
        assert fake is not None
        env = {"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url}
    out, err = (Terminal(), Terminal()) if tty else (io.StringIO(), io.StringIO())
    code = main(list(argv), environ=env, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


def assert_one_line_error(result: Run, expected_code: int, *fragments: str) -> None:
    assert result.code == expected_code
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("ultracart-conversations: error: ")
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err


def test_list_prints_a_table_of_every_page(fake: FakeUltraCart) -> None:
    result = run(fake, "list", "--page-size", "4")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["CONVERSATION", "UUID", "MEDIUM"]
    rows = lines[1:-2]
    assert [row.split()[0] for row in rows] == [c["conversation_uuid"] for c in fake.conversations]
    assert lines[-1] == "9 conversations"
    assert fake.count("getConversations") == 4  # 3 overlapping pages, 1 sweep of the head
    assert result.err == ""  # no progress line when stdout is not a terminal


def test_list_json_is_one_array(fake: FakeUltraCart) -> None:
    result = run(fake, "list", "--json", "--page-size", "5")
    assert json.loads(result.out) == fake.conversations


def test_list_json_lines_and_limit(fake: FakeUltraCart) -> None:
    result = run(fake, "list", "--json-lines", "--limit", "3")
    assert [json.loads(line) for line in result.out.splitlines()] == fake.conversations[:3]


def test_list_of_nothing() -> None:
    with FakeUltraCart(conversations=0) as empty:
        assert run(empty, "list").out == "0 conversations\n"
        assert json.loads(run(empty, "list", "--json").out) == []


def test_progress_shows_on_a_terminal_and_is_erased(fake: FakeUltraCart) -> None:
    result = run(fake, "list", "--page-size", "3", tty=True)
    assert result.err.count("fetching conversations...") == 4  # before each of 4 requests
    assert result.err.endswith("\r\x1b[K")
    assert "\x1b" not in result.out


def test_get_join_leave(fake: FakeUltraCart) -> None:
    uuid = fake.conversations[2]["conversation_uuid"]
    joined = run(fake, "join", uuid)
    assert (joined.code, joined.out) == (0, "Join a conversation: done (HTTP 204).\n")
    shown = run(fake, "get", uuid)
    assert f"conversation_uuid: {uuid}" in shown.out
    assert "participants (2):" in shown.out
    assert "API Agent" in shown.out
    assert "messages (3):" in shown.out
    for message in fake.conversation(uuid)["messages"]:
        assert message["body"] in shown.out
    assert json.loads(run(fake, "leave", uuid, "--json").out) == {
        "operation": "leaveConversation",
        "status": 204,
    }
    as_json = json.loads(run(fake, "get", uuid, "--json").out)
    assert as_json["conversation"] == fake.conversation(uuid)
    assert as_json["conversation"]["participants"][1]["status"] == "left"
    latest = json.loads(run(fake, "get", uuid, "--limit", "1", "--json").out)["conversation"]
    assert latest["messages"] == fake.conversation(uuid)["messages"][-1:]


def test_start_with_participants(fake: FakeUltraCart) -> None:
    result = run(
        fake, "start", "--conversation-arn", "arn:sms",
        "--add-conversation-participant-arns", "arn:a",
        "--add-conversation-participant-arns", "arn:b", "--json",
    )  # fmt: skip
    started = json.loads(result.out)["conversation"]
    assert started["conversation_arn"] == "arn:sms"
    assert fake.conversations[0]["conversation_uuid"] == started["conversation_uuid"]
    people = fake.conversation(started["conversation_uuid"])["participants"]
    assert [p["conversation_participant_arn"] for p in people] == ["arn:a", "arn:b"]
    human = run(fake, "start", "--body", '{"conversation_arn": "arn:web"}')
    assert "  conversation_arn: arn:web" in human.out.splitlines()
    flags_win = run(fake, "start", "--body", '{"conversation_arn": "a"}', "--conversation-arn", "b")
    assert "  conversation_arn: b" in flags_win.out.splitlines()
    queued = run(fake, "start", "--conversation-webchat-queue-uuid", "q-7", "--json")
    assert json.loads(queued.out)["conversation"]["medium"] == "websocket"


def test_agent_auth_hides_the_jwt_unless_json(fake: FakeUltraCart) -> None:
    human = run(fake, "agent-auth")
    full = json.loads(run(fake, "agent-auth", "--json").out)["agent_auth"]["jwt"]
    assert full.count(".") == 2
    assert full not in human.out
    assert full[:12] in human.out
    assert "wss://" in human.out


def test_upload_url(fake: FakeUltraCart) -> None:
    human = run(fake, "upload-url", "jpg").out.splitlines()
    assert human[0] == "conversation_multimedia_upload_url:"
    assert human[1].startswith("  key: conversation/DEMO/") and human[1].endswith(".jpg")
    answer = json.loads(run(fake, "upload-url", "png", "--json").out)
    assert answer["conversation_multimedia_upload_url"]["url"].startswith("https://")
    assert fake.requests[-1].path.endswith("/upload_url/png")


def test_a_rate_limited_call_is_retried(fake: FakeUltraCart) -> None:
    fake.inject("getConversations", Fault.status(429, retry_after="0"))
    result = run(fake, "list", "--limit", "1", "--json-lines")
    assert result.code == 0
    assert len(result.out.splitlines()) == 1
    assert fake.count("getConversations") == 2


def test_rate_limit_too_long_to_wait_out(fake: FakeUltraCart) -> None:
    fake.inject("getConversations", Fault.status(429, retry_after="86400"))
    result = run(fake, "list")
    assert_one_line_error(result, 1, "rate limited")
    assert result.out == ""
    assert fake.count("getConversations") == 1


def test_credentials_from_a_file_or_stdin(fake: FakeUltraCart, tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(fake.simple_key + "\n")
    env = {"ULTRACART_BASE_URL": fake.base_url}
    assert run(None, "list", "--simple-key-file", str(key_file), env=env).code == 0
    piped = run(None, "--access-token-file", "-", "list", "--limit", "1", env=env,
                stdin=fake.access_token)  # fmt: skip
    assert piped.code == 0
    assert fake.requests[-1].headers["authorization"] == f"Bearer {fake.access_token}"


def test_base_url_flag_wins_and_works_after_the_command(fake: FakeUltraCart) -> None:
    env = {"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": "http://127.0.0.1:9"}
    assert run(None, "list", "--base-url", fake.base_url, env=env).code == 0
    assert run(None, "--base-url", fake.base_url, "list", env=env).code == 0


def test_no_credentials(fake: FakeUltraCart) -> None:
    result = run(None, "list", env={"ULTRACART_BASE_URL": fake.base_url})
    assert_one_line_error(result, 2, "no credentials", "ULTRACART_SIMPLE_KEY")
    assert fake.requests == []


def test_both_credentials_is_ambiguous(fake: FakeUltraCart) -> None:
    env = {"ULTRACART_SIMPLE_KEY": "a", "ULTRACART_ACCESS_TOKEN": "b"}
    assert_one_line_error(run(None, "list", env=env), 2, "unset one")


def test_refused_credentials_never_echo_the_key(fake: FakeUltraCart) -> None:
    wrong = "0123456789abcdef-not-the-key"
    result = run(
        None, "list", env={"ULTRACART_SIMPLE_KEY": wrong, "ULTRACART_BASE_URL": fake.base_url}
    )
    assert_one_line_error(result, 1, "credentials refused", "Invalid simple key")
    assert wrong not in result.err + result.out
    assert result.out == ""


def test_unreachable_server() -> None:
    env = {"ULTRACART_SIMPLE_KEY": "k", "ULTRACART_BASE_URL": "http://127.0.0.1:9/rest/v2"}
    result = run(None, "--max-retries", "0", "get", "x", env=env)
    assert_one_line_error(result, 1, "cannot reach http://127.0.0.1:9/rest/v2")


def test_unknown_conversation(fake: FakeUltraCart) -> None:
    assert_one_line_error(run(fake, "get", "nope"), 1, "404", "nope")


@pytest.mark.parametrize(
    "argv",
    [
        ["lst"],
        ["get"],
        ["list", "--limit", "zero"],
        ["start", "--body", "[1]"],
        ["start", "--body", "{"],
        ["start", "--body", '{"conversation_arn": 5}'],
        ["list", "--page-size", "500"],
        ["list", "--limit", "0"],
        ["--timeout", "0", "list"],
    ],
)
def test_bad_arguments_exit_2(fake: FakeUltraCart, argv: list[str]) -> None:
    result = run(fake, *argv)
    assert result.code == 2
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("ultracart-conversations")
    assert ": error: " in result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    assert fake.requests == []


def test_help_exits_0(fake: FakeUltraCart) -> None:
    result = run(fake, "--help")
    assert result.code == 0
    assert "fake-server" in result.out
