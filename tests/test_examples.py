"""examples/: every program runs against a fake UltraCart under `python -W error`, and
the downstream suite passes under `filterwarnings = error`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from codegen.paths import ROOT
from ultracart_conversations import OAuthClient
from ultracart_conversations.testing import FakeUltraCart

EXAMPLES = ROOT / "examples"


@pytest.fixture
def fake() -> Iterator[FakeUltraCart]:
    with FakeUltraCart(conversations=30, seed=4) as running:
        yield running


def run(
    fake: FakeUltraCart, *args: str, cwd: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ULTRACART_", "PYTHON"))}
    env.update(ULTRACART_SIMPLE_KEY=fake.simple_key, ULTRACART_BASE_URL=fake.base_url, **extra)
    result = subprocess.run(
        [sys.executable, "-W", "error", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Warning" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    return result


def test_every_example_is_tested() -> None:
    tested = {"nightly_export.py", "agent_joins.py", "oauth_token_file.py", "shared_rate_limit.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested
    assert (EXAMPLES / "downstream_tests" / "test_inbox.py").exists()


def test_the_nightly_export_writes_every_conversation(fake: FakeUltraCart, tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    result = run(fake, str(EXAMPLES / "nightly_export.py"), str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    exported = [json.loads(line)["conversation_uuid"] for line in out.read_text().splitlines()]
    assert exported == [c["conversation_uuid"] for c in fake.conversations]


def test_the_nightly_export_stops_at_its_deadline_and_says_where(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    args = [str(EXAMPLES / "nightly_export.py"), str(out), "--deadline", "0.5"]
    with FakeUltraCart(conversations=1000, seed=4, latency=0.2) as slow:  # 0.2 s a page
        result = run(slow, *args, cwd=tmp_path)
    assert result.returncode == 3
    kept = len(out.read_text().splitlines())
    assert 0 < kept < 1000  # what was read is kept
    assert f"deadline reached after {kept} conversations" in result.stderr


def test_an_agent_joins_reads_and_leaves(fake: FakeUltraCart, tmp_path: Path) -> None:
    result = run(fake, str(EXAMPLES / "agent_joins.py"), "--language", "es", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("joined ") and "left " in result.stdout
    assert fake.count("joinConversation") == fake.count("leaveConversation") == 1


def test_oauth_tokens_are_read_from_and_rewritten_to_a_file(
    fake: FakeUltraCart, tmp_path: Path
) -> None:
    redirect = "https://app.example/callback"
    oauth = OAuthClient(
        fake.oauth_client_id, fake.oauth_client_secret, redirect, base_url=fake.base_url
    )
    try:
        tokens = oauth.exchange_code(fake.issue_authorization_code(redirect))
    finally:
        oauth.close()
    token_file = tmp_path / "tokens.json"
    token_file.write_text(json.dumps(tokens.to_dict()))
    fake.expire_access_tokens()  # the example's first call must refresh, and store
    result = run(
        fake,
        str(EXAMPLES / "oauth_token_file.py"),
        str(token_file),
        cwd=tmp_path,
        ULTRACART_OAUTH_CLIENT_ID=fake.oauth_client_id,
        ULTRACART_OAUTH_CLIENT_SECRET=fake.oauth_client_secret,
    )
    assert result.returncode == 0, result.stderr
    assert "5 conversations read with OAuth" in result.stdout
    stored = json.loads(token_file.read_text())
    assert stored["access_token"] != tokens.access_token  # refreshed, and kept
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.json"]  # no temporary left


def test_clients_share_one_rate_limit(fake: FakeUltraCart, tmp_path: Path) -> None:
    result = run(fake, str(EXAMPLES / "shared_rate_limit.py"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "export read 30, dashboard showed 15" in result.stdout
    sent = int(result.stdout.rsplit(":", 1)[1].split()[0])
    assert sent == fake.count("getConversations")  # every request through one gate


def test_the_downstream_suite_passes_with_warnings_as_errors(
    fake: FakeUltraCart, tmp_path: Path
) -> None:
    suite = EXAMPLES / "downstream_tests"
    # -p no:asyncio: this environment's pytest-asyncio is ours, not the downstream's (it
    # warns about its own settings, which the downstream project does not have).
    args = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:asyncio"]
    args += ["-c", str(suite / "pytest.ini")]
    result = run(fake, *args, str(suite), cwd=suite)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "3 passed" in result.stdout
