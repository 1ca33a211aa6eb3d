"""The design rule, proven end to end: a change in openapi.yaml reaches users through
`make generate` alone.

A copy of the repository gets a new optional query parameter (with bounds), a new model
property, and a new operation with a path parameter and a new response schema. Code
generation runs there, and a fresh interpreter that imports the copy shows, over real
HTTP on 127.0.0.1: the parameter is sent and checked before sending, the property is
parsed, the operation works sync / async / `_with_http_info` with the client's
credentials, retries and typed errors, the CLI lists and runs it, and the fake answers
it from its schema (and refuses a bad request naming the parameter). Nothing outside
openapi.yaml and generated/ changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git") or "git"
_IGNORED = shutil.ignore_patterns(
    ".git", ".venv*", "dist", "__pycache__", ".*_cache", "*.egg-info", "build"
)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        [GIT, "-c", "user.name=proof", "-c", "user.email=proof@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _change_the_spec(spec: dict[str, Any]) -> None:
    listing = spec["paths"]["/conversation/conversations"]["get"]
    listing["parameters"].append(
        {
            "name": "_min_messages",
            "in": "query",
            "required": False,
            "description": "Only conversations with at least this many messages.",
            "schema": {"type": "integer", "minimum": 0, "maximum": 1000},
        }
    )
    summary = spec["components"]["schemas"]["ConversationSummary"]
    summary["properties"]["priority"] = {"type": "integer", "description": "Queue priority"}
    spec["components"]["schemas"]["ConversationTagsResponse"] = {
        "type": "object",
        "properties": {
            "tags": {"type": "array", "items": {"type": "string"}},
            "success": {"type": "boolean"},
        },
    }
    version = {"$ref": "#/components/parameters/ApiVersion"}
    spec["paths"]["/conversation/conversations/{conversation_uuid}/tags"] = {
        "get": {
            "tags": ["conversation"],
            "operationId": "getConversationTags",
            "summary": "Retrieve the tags of a conversation",
            "parameters": [
                version,
                {"$ref": "#/components/parameters/ConversationUuid"},
                {
                    "name": "_limit",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer", "default": 10, "minimum": 1, "maximum": 50},
                },
            ],
            "security": [{"ultraCartOauth": ["conversation_read"]}, {"ultraCartSimpleApiKey": []}],
            "responses": {
                "200": {
                    "description": "The tags",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ConversationTagsResponse"}
                        }
                    },
                },
                "404": {"$ref": "#/components/responses/NotFound"},
                "429": {"$ref": "#/components/responses/RateLimited"},
            },
        }
    }


# Runs in a fresh interpreter that imports the regenerated copy.
_USER_SCRIPT = textwrap.dedent(
    """
    import asyncio, io, json, sys, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qs, urlsplit

    import ultracart_conversations
    assert ultracart_conversations.__file__.startswith(sys.argv[1])
    from ultracart_conversations import (
        AsyncConversationApi, ConversationApi, InvalidRequestError, NotFoundError,
        RetryPolicy, ServerError,
    )
    from ultracart_conversations.cli import main as cli
    import httpx
    HTTP = httpx.Client()
    from ultracart_conversations.testing import FakeUltraCart
    from ultracart_conversations_api.models import ConversationTagsResponse

    seen = []
    failures = {"tags": 1}  # the first tags request gets a 503

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def do_GET(self):
            url = urlsplit(self.path)
            seen.append((url.path, parse_qs(url.query), dict(self.headers)))
            if url.path.endswith("/tags") and failures["tags"]:
                failures["tags"] -= 1
                return self.reply(503, {"success": False})
            if url.path.endswith("/missing/tags"):
                return self.reply(404, {"error": {"developer_message": "no such"}})
            if url.path.endswith("/tags"):
                return self.reply(200, {"tags": ["vip", "refund"], "success": True})
            page = {"conversations": [{"conversation_uuid": "c1", "priority": 7}],
                    "metadata": {"result_set": {"count": 1, "more": False}}}
            return self.reply(200, page)
        def reply(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/rest/v2"
    policy = RetryPolicy(initial_backoff=0.001, max_backoff=0.002, jitter=0)
    api = ConversationApi(simple_key="proof-simple-key", base_url=base, retry_policy=policy)

    # The new query parameter is sent, and the new property parsed.
    page = api.get_conversations(min_messages=3)
    assert seen[-1][1]["_min_messages"] == ["3"], seen[-1]
    assert page.conversations[0].priority == 7
    # ... and its bounds are checked before anything is sent.
    before = len(seen)
    for bad in (-1, 1001, "3"):
        try:
            api.get_conversations(min_messages=bad)
        except InvalidRequestError as e:
            assert "min_messages" in str(e)
        else:
            raise AssertionError(f"min_messages={bad!r} was accepted")
    assert len(seen) == before

    # The new operation: sync, with the credential, a retried 503 and a typed result.
    tags = api.get_conversation_tags("c1", limit=5)
    assert isinstance(tags, ConversationTagsResponse) and tags.tags == ["vip", "refund"]
    path, query, headers = seen[-1]
    assert path == "/rest/v2/conversation/conversations/c1/tags" and query["_limit"] == ["5"]
    sent = {k.lower(): v for k, v in headers.items()}
    assert sent["x-ultracart-simple-key"] == "proof-simple-key"
    assert [p for p, _, _ in seen].count(path) == 2  # the 503, then the retry
    info = api.get_conversation_tags_with_http_info("c1")
    assert info.status_code == 200 and info.data.tags == ["vip", "refund"]
    assert seen[-1][1]["_limit"] == ["10"]  # the spec's default
    try:
        api.get_conversation_tags("missing")
    except NotFoundError as e:
        assert e.status == 404
    else:
        raise AssertionError("404 was not a NotFoundError")
    before = len(seen)
    for bad in ({"limit": 51}, {"limit": 0}):
        try:
            api.get_conversation_tags("c1", **bad)
        except InvalidRequestError:
            pass
        else:
            raise AssertionError(f"{bad} was accepted")
    try:
        api.get_conversation_tags("..")
    except InvalidRequestError:
        pass
    assert len(seen) == before

    async def async_calls():
        async with AsyncConversationApi(simple_key="proof-simple-key", base_url=base) as aapi:
            page = await aapi.get_conversations(min_messages=4)
            assert page.conversations[0].priority == 7
            assert seen[-1][1]["_min_messages"] == ["4"]
            tags = await aapi.get_conversation_tags("c1")
            info = await aapi.get_conversation_tags_with_http_info("c1", limit=2)
            assert tags.tags == info.data.tags == ["vip", "refund"]
            assert info.status_code == 200
            items = [s.priority async for s in aapi.iter_conversations(min_messages=1)]
            assert items == [7]
    asyncio.run(async_calls())
    assert [s.priority for s in api.iter_conversations(min_messages=2)] == [7]

    # The command line lists the operation and runs it, flags from the spec.
    env = {"ULTRACART_SIMPLE_KEY": "proof-simple-key", "ULTRACART_BASE_URL": base}
    out = io.StringIO()
    assert cli(["--help"], environ=env, stdout=out, stderr=io.StringIO()) == 0
    assert "get-conversation-tags" in out.getvalue()
    out = io.StringIO()
    code = cli(["get-conversation-tags", "c1", "--limit", "3", "--json"], environ=env,
               stdout=out, stderr=io.StringIO())
    assert code == 0 and json.loads(out.getvalue())["tags"] == ["vip", "refund"]
    assert seen[-1][1]["_limit"] == ["3"]
    out = io.StringIO()
    assert cli(["list", "--min-messages", "5", "--json"], environ=env, stdout=out) == 0
    assert json.loads(out.getvalue())[0]["priority"] == 7
    assert seen[-1][1]["_min_messages"] == ["5"]
    err = io.StringIO()
    assert cli(["get-conversation-tags", "c1", "--limit", "99"], environ=env,
               stdout=io.StringIO(), stderr=err) == 2
    assert "limit" in err.getvalue()

    # The fake routes and checks it from the spec, and answers it from its schema.
    with FakeUltraCart(conversations=2) as fake:
        strict = ConversationApi(simple_key=fake.simple_key, base_url=fake.base_url, max_retries=0)
        uuid = fake.conversations[0]["conversation_uuid"]
        first = strict.get_conversation_tags(uuid)
        assert isinstance(first, ConversationTagsResponse) and first.success is True
        assert all(isinstance(tag, str) for tag in first.tags)
        assert strict.get_conversation_tags(uuid).to_dict() == first.to_dict()  # deterministic
        assert fake.count("getConversationTags") == 2
        refused = HTTP.get(f"{fake.base_url}/conversation/conversations/{uuid}/tags?_limit=99",
                           headers={"x-ultracart-simple-key": fake.simple_key,
                                    "X-UltraCart-Api-Version": "2017-03-01"})
        assert refused.status_code == 400 and "_limit" in refused.headers["UC-REST-ERROR"]
    print("PROOF OK")
    """
)


def regenerate_in_a_copy(
    folder: Path, change: Callable[[dict[str, Any]], None], label: str = "before"
) -> Path:
    """A git copy of the repository in `folder`, its openapi.yaml changed by `change`,
    then `python -m codegen generate` run there (which must succeed)."""
    copy = folder / "repo"
    shutil.copytree(ROOT, copy, ignore=_IGNORED)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-qm", label)
    spec_path = copy / "openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    change(spec)
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    generated = subprocess.run(
        [sys.executable, "-m", "codegen", "generate"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    return copy


@pytest.fixture(scope="module")
def regenerated_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return regenerate_in_a_copy(tmp_path_factory.mktemp("spec-change"), _change_the_spec)


def test_a_spec_change_reaches_users_through_generation_alone(regenerated_copy: Path) -> None:
    copy = regenerated_copy
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(copy / "overrides"), str(copy / "generated")]),
    }
    run = subprocess.run(
        [sys.executable, "-c", _USER_SCRIPT, str(copy)],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("PROOF OK")


def test_only_the_spec_and_generated_code_changed(regenerated_copy: Path) -> None:
    changed = [line[3:] for line in _git(regenerated_copy, "status", "--porcelain").splitlines()]
    assert changed, "generation changed nothing"
    assert "openapi.yaml" in changed
    generated = ("openapi.yaml", "docs/reference.md")  # the reference is generated too
    outside = [
        path for path in changed if path not in generated and not path.startswith("generated/")
    ]
    assert outside == []
    assert "docs/reference.md" in changed
