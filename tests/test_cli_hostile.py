"""Issue 14, the command line: bad input is one line and exit 2, never a traceback (D19);
server text never reaches the terminal as control sequences, and a terminal that cannot
show a character does not crash the command (D29); `upload-url .` says what is wrong
(D34)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.scripted_server import Reply, ScriptedServer
from ultracart_conversations.cli import main
from ultracart_conversations.testing import FakeUltraCart

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m"
KEY = "scripted-simple-key"


def run(argv: list[str], env: dict[str, str], encoding: str = "utf-8") -> tuple[int, str, str]:
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding=encoding)
    err = io.TextIOWrapper(err_bytes, encoding=encoding)
    code = main(argv, environ=env, stdin=io.StringIO(""), stdout=out, stderr=err)
    out.flush()
    err.flush()
    return code, out_bytes.getvalue().decode(encoding), err_bytes.getvalue().decode(encoding)


def assert_usage_error(code: int, out: str, err: str) -> None:
    assert code == 2
    assert err.count("\n") == 1, err
    assert err.startswith("ultracart-conversations: error: ")
    assert "Traceback" not in err
    assert out == ""


@pytest.fixture
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=2) as running:
        yield running


def _env(fake: FakeUltraCart) -> dict[str, str]:
    return {"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url}


@pytest.mark.parametrize(
    "argv",
    [
        ["--timeout", "nan", "list"],
        ["--timeout", "inf", "list"],
        ["--timeout", "1e300", "list"],
        ["get", "ab\udcff\udcfe"],  # what Python makes of non-UTF-8 bytes in argv
        ["get", "x" * 70_000],
        ["get", "\ud800"],
    ],
    ids=["nan", "inf", "1e300", "non-utf8", "70k", "surrogate"],
)
def test_d19_bad_arguments_are_one_line_and_exit_2(fake: FakeUltraCart, argv: list[str]) -> None:
    assert_usage_error(*run(argv, _env(fake)))
    assert fake.requests == []


@pytest.mark.parametrize("bad", ["\r", "\n", "\x00", "?q=1", "#f"], ids=repr)
def test_d19_bad_base_url_is_one_line_and_exit_2(fake: FakeUltraCart, bad: str) -> None:
    assert_usage_error(*run(["list", "--base-url", fake.base_url + bad], _env(fake)))
    assert fake.requests == []


def test_d16_cli_never_prints_a_password_from_the_base_url(fake: FakeUltraCart) -> None:
    url = fake.base_url.replace("http://", "http://user:hunter2-pw@")
    code, out, err = run(["list", "--base-url", url], _env(fake))
    assert_usage_error(code, out, err)
    assert "hunter2" not in err


@pytest.mark.parametrize(
    "content",
    [
        "0123456789abcdef".encode("utf-16"),
        b"\xff\xfe\x00garbage",
        b"0123456789\x0babcdef",
        b"0123456789\x00abcdef",
    ],
    ids=["utf-16", "binary", "vertical-tab", "nul"],
)
def test_d19_unusable_key_file_is_one_line_and_exit_2(
    fake: FakeUltraCart, tmp_path: Path, content: bytes
) -> None:
    key_file = tmp_path / "key"
    key_file.write_bytes(content)
    env = {"ULTRACART_BASE_URL": fake.base_url}
    code, out, err = run(["list", "--simple-key-file", str(key_file)], env)
    assert_usage_error(code, out, err)
    assert "abcdef" not in err
    assert fake.requests == []


def test_d19_key_file_with_a_byte_order_mark_works(fake: FakeUltraCart, tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_bytes(b"\xef\xbb\xbf" + fake.simple_key.encode() + b"\n")
    code, _, err = run(
        ["list", "--simple-key-file", str(key_file)], {"ULTRACART_BASE_URL": fake.base_url}
    )
    assert (code, err) == (0, "")


def test_d34_upload_url_dot_says_it_is_a_dot_segment(fake: FakeUltraCart) -> None:
    code, out, err = run(["upload-url", "."], _env(fake))
    assert_usage_error(code, out, err)
    assert "must not be empty" not in err
    assert "dot segment" in err


# --- D29: server text on a terminal ---------------------------------------------------------


def _hostile_server() -> ScriptedServer:
    conversation = {
        "conversation_uuid": "c1",
        "merchant_id": f"m{ESCAPES}ünïcode ☃",
        "messages": [{"body": f"hello {ESCAPES} wörld"}],
    }
    return ScriptedServer(
        Reply.json(200, conversation),
        Reply.error(400, f"bad {ESCAPES} ☃ input", uc_rest_error=f"bad {ESCAPES} é"),
    )


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_d29_server_escapes_never_reach_stdout_or_stderr(encoding: str) -> None:
    with _hostile_server() as server:
        env = {"ULTRACART_SIMPLE_KEY": KEY, "ULTRACART_BASE_URL": server.base_url}
        code, out, err = run(["get", "c1"], env, encoding)
        assert (code, err) == (0, "")
        assert "m" in out and "\x1b" not in out and "\x07" not in out and "\x9b" not in out
        code, out, err = run(["--max-retries", "0", "get", "c1"], env, encoding)
        assert code == 1
        assert err.count("\n") == 1 and "bad" in err
        assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err


def test_d29_ascii_stdout_does_not_crash_the_command() -> None:
    with _hostile_server() as server:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("ULTRACART_")},
            "ULTRACART_SIMPLE_KEY": KEY,
            "ULTRACART_BASE_URL": server.base_url,
            "PYTHONIOENCODING": "ascii",
        }
        result = subprocess.run(
            [sys.executable, "-m", "ultracart_conversations", "get", "c1"],
            capture_output=True,
            env=env,
            check=False,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"\x1b" not in result.stdout
    assert result.stdout.isascii()
