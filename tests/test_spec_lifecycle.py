"""Rename, remove, deprecate (issue 18): each needs only an edit of openapi.yaml and
`make generate`, proven on a copy of the repository.

In the copy, getAgentWebsocketAuthorization is renamed getAgentAuthorization,
leaveConversation is removed, and getConversationMultimediaUploadUrl is marked
deprecated. Generation alone then gives: the renamed method (the fake answers it from its
schema, and the written behaviour of the old name is named by the test that keys them),
no trace of the removed one (client, CLI; the demo skips its step, saying so, and does
not crash), and the deprecation in the docstring, at call time and in the CLI's help.
Nothing but openapi.yaml and what generation writes changed.

Slow for the suite (a copy, a generation, a demo run: about 20 s); one module, one copy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.test_spec_change_reaches_users import _git, regenerate_in_a_copy

UPLOAD = "/conversation/upload_url/{extension}"


def _change_the_spec(spec: dict[str, Any]) -> None:
    spec["paths"]["/conversation/agent/auth"]["put"]["operationId"] = "getAgentAuthorization"
    del spec["paths"]["/conversation/conversations/{conversation_uuid}/leave"]
    spec["paths"][UPLOAD]["get"]["deprecated"] = True


@pytest.fixture(scope="module")
def changed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return regenerate_in_a_copy(tmp_path_factory.mktemp("lifecycle"), _change_the_spec)


def _run(copy: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(copy / "overrides"), str(copy / "generated")]),
    }
    return subprocess.run(
        [sys.executable, *argv], cwd=copy, env=env, capture_output=True, text=True, timeout=120
    )


_USER_SCRIPT = textwrap.dedent(
    """
    import io, sys, warnings
    import ultracart_conversations
    assert ultracart_conversations.__file__.startswith(sys.argv[1])
    from ultracart_conversations import ConversationApi
    from ultracart_conversations.cli import main as cli
    from ultracart_conversations.testing import FakeUltraCart
    from ultracart_conversations_api.resources import SyncOperations

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fake = FakeUltraCart(conversations=2)
    stale = [str(w.message) for w in caught if w.category is RuntimeWarning]
    assert any("getAgentWebsocketAuthorization" in m for m in stale), stale
    assert any("leaveConversation" in m for m in stale), stale
    with fake, ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url) as api:
        # Renamed: the new method, answered from the schema.
        auth = api.get_agent_authorization()
        assert auth.success is True and auth.agent_auth is not None
        assert fake.count("getAgentAuthorization") == 1
        assert not hasattr(api, "get_agent_websocket_authorization")
        # Removed: gone from the client and the command line.
        assert not hasattr(api, "leave_conversation")
        env = {"ULTRACART_SIMPLE_KEY": fake.simple_key, "ULTRACART_BASE_URL": fake.base_url}
        out, err = io.StringIO(), io.StringIO()
        assert cli(["--help"], environ=env, stdout=out, stderr=err) == 0
        assert " leave " not in out.getvalue() and "agent-auth" in out.getvalue()
        assert cli(["leave", "x"], environ=env, stdout=io.StringIO(), stderr=err) == 2
        # Deprecated: docstring, warning at the caller's line, CLI help.
        assert "Deprecated" in SyncOperations.get_conversation_multimedia_upload_url.__doc__
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            api.get_conversation_multimedia_upload_url("png")
        assert [w.category for w in caught] == [DeprecationWarning]
        assert caught[0].filename == "<string>"
        out = io.StringIO()
        assert cli(["--help"], environ=env, stdout=out, stderr=io.StringIO()) == 0
        assert "(deprecated) Get a presigned" in out.getvalue()
    print("LIFECYCLE OK")
    """
)


def test_a_renamed_removed_and_deprecated_operation_reach_users(changed_copy: Path) -> None:
    run = _run(changed_copy, "-c", _USER_SCRIPT, str(changed_copy))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("LIFECYCLE OK")


def test_the_demo_skips_what_is_gone_and_does_not_crash(changed_copy: Path) -> None:
    run = _run(changed_copy, "-W", "ignore::RuntimeWarning", "-m", "ultracart_conversations.demo")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == ""
    assert '(skipped "join": the client has no leave_conversation' in run.stdout
    assert "iter_conversations(page_size=20): 45 conversations" in run.stdout
    assert run.stdout.rstrip().endswith('"Testing your code against a fake UltraCart".')


def test_the_behaviours_keyed_to_the_old_names_are_named_by_a_test(changed_copy: Path) -> None:
    run = _run(
        changed_copy,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/test_fake_keyed.py::test_every_written_behaviour_fits_openapi_yaml",
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "getAgentWebsocketAuthorization (renamed or removed?)" in run.stdout
    assert "leaveConversation (renamed or removed?)" in run.stdout


def test_only_the_spec_and_what_generation_writes_changed(changed_copy: Path) -> None:
    changed = [line[3:] for line in _git(changed_copy, "status", "--porcelain").splitlines()]
    assert "openapi.yaml" in changed
    written = ("generated/", "docs/reference.md")
    assert [p for p in changed if p != "openapi.yaml" and not p.startswith(written)] == []
