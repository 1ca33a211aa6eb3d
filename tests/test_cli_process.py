"""The command as a user runs it: a separate process, signals, pipes, exit statuses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from ultracart_conversations.testing import API_VERSION, FakeUltraCart

COMMAND = [sys.executable, "-m", "ultracart_conversations"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ULTRACART_")}
    return {**env, **extra}


def test_console_script_is_installed_beside_the_interpreter() -> None:
    script = Path(sys.executable).parent / "ultracart-conversations"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "fake-server" in result.stdout


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_fake_server_prints_its_credentials_and_stops_cleanly(stop_signal: int) -> None:
    process = subprocess.Popen(
        [*COMMAND, "fake-server", "--seed", "3", "--conversations", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )
    try:
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        assert set(info) == {"base_url", "simple_key", "access_token"}
        assert info["base_url"].startswith("http://127.0.0.1:")
        headers = {
            "x-ultracart-simple-key": info["simple_key"],
            "X-UltraCart-Api-Version": API_VERSION,
        }
        page = httpx.get(info["base_url"] + "/conversation/conversations", headers=headers)
        assert page.json()["metadata"]["result_set"]["total_records"] == 4
        with FakeUltraCart(conversations=4, seed=3) as same_seed:
            assert page.json()["conversations"] == same_seed.conversations
        process.send_signal(stop_signal)
        _, err = process.communicate(timeout=10)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0
    assert err == ""


def test_fake_server_on_a_busy_port_is_one_line() -> None:
    with FakeUltraCart(conversations=0) as taken:
        result = subprocess.run(
            [*COMMAND, "fake-server", "--port", str(taken.port)],
            capture_output=True, text=True, env=clean_env(), timeout=20, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("ultracart-conversations: error: cannot listen on 127.0.0.1:")
    assert result.stderr.count("\n") == 1


def test_missing_credentials_in_a_real_process() -> None:
    result = subprocess.run(
        [*COMMAND, "list"], capture_output=True, text=True, env=clean_env(), check=False
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no credentials" in result.stderr


def test_output_piped_into_a_reader_that_leaves_early() -> None:
    with FakeUltraCart(conversations=600) as fake:
        env = clean_env(ULTRACART_SIMPLE_KEY=fake.simple_key, ULTRACART_BASE_URL=fake.base_url)
        process = subprocess.Popen(
            [*COMMAND, "list", "--page-size", "50"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()  # like `| head -1`
        process.stdout.close()
        err = process.stderr.read()
        process.wait(timeout=20)
    assert process.returncode == 0
    assert b"Traceback" not in err
    assert b"BrokenPipe" not in err


def test_fake_server_rate_limit_flags() -> None:
    process = subprocess.Popen(
        [*COMMAND, "fake-server", "--rate-limit", "1/60", "--burst", "1", "--latency", "0.01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(),
    )
    try:
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        headers = {
            "x-ultracart-simple-key": info["simple_key"],
            "X-UltraCart-Api-Version": API_VERSION,
        }
        url = info["base_url"] + "/conversation/conversations"
        first, second = (httpx.get(url, headers=headers) for _ in range(2))
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
    finally:
        process.kill()
        process.wait()
    assert (first.status_code, second.status_code) == (200, 429)
    assert second.headers["uc-rest-error"] == "rate of 1 per 60 second(s) exceeded"
    assert 1 <= int(second.headers["retry-after"]) <= 60
    assert first.headers["x-ultracart-request-id"] != second.headers["x-ultracart-request-id"]


@pytest.mark.parametrize("flags", [["--rate-limit", "fast"], ["--burst", "0"], ["--latency", "-1"]])
def test_fake_server_refuses_bad_limits_in_one_line(flags: list[str]) -> None:
    result = subprocess.run(
        [*COMMAND, "fake-server", *flags],
        capture_output=True, text=True, env=clean_env(), timeout=20, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("ultracart-conversations: error: ")
    assert result.stderr.count("\n") == 1
