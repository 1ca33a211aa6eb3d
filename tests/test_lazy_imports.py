"""Importing the package is cheap: httpx, attrs and the models load only when used.

Each check runs in a fresh interpreter, since this test process has imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import ultracart_conversations
import ultracart_conversations_api
import ultracart_conversations_api.models


def loaded_after(statement: str) -> set[str]:
    """The modules of interest that `statement` imports, in a fresh interpreter."""
    code = f"import sys\n{statement}\nprint(__import__('json').dumps(sorted(sys.modules)))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    modules: list[str] = json.loads(proc.stdout)
    return {
        name
        for name in modules
        if name.split(".")[0] in {"httpx", "attrs", "attr", "msgspec"}
        or name.startswith("ultracart_conversations_api.")
    }


def test_importing_the_package_loads_neither_httpx_nor_the_models() -> None:
    assert loaded_after("import ultracart_conversations") == set()


def test_the_errors_are_there_without_loading_anything() -> None:
    assert loaded_after("from ultracart_conversations import ApiError, NotFoundError") == set()


def test_a_model_loads_its_own_module_only() -> None:
    loaded = loaded_after("from ultracart_conversations import ConversationSummary")
    assert "httpx" not in loaded
    models = {m.rsplit(".", 1)[1] for m in loaded if ".models." in m}
    # The summary and what its fields are typed with; no other model.
    assert "conversation_summary" in models
    assert not models & {"conversation", "conversation_agent_auth", "conversation_message"}


def test_the_clients_load_httpx_only_until_their_first_call() -> None:
    # The generated models and endpoint modules (and attrs), and msgspec, wait for a call;
    # the generated surface (methods and descriptors, plain data) is what the clients are.
    clients = "from ultracart_conversations import AsyncConversationApi, ConversationApi"
    surface = {"ultracart_conversations_api.operations", "ultracart_conversations_api.resources"}
    httpx_only = {m for m in loaded_after("import httpx") if "httpx" in m}
    assert loaded_after(clients) == httpx_only | surface


def test_the_generated_package_loads_its_client_on_first_use() -> None:
    assert "httpx" not in loaded_after("import ultracart_conversations_api.models")
    assert "httpx" in loaded_after("from ultracart_conversations_api import Client")


def test_every_exported_name_resolves_and_dir_lists_it() -> None:
    models = ultracart_conversations_api.models
    for name in models.__all__:
        assert getattr(models, name) is getattr(ultracart_conversations, name), name
    assert set(models.__all__) <= set(dir(models))
    assert set(models.__all__) <= set(dir(ultracart_conversations))
    for name in ("ConversationApi", "ApiError", "UNSET", "parse_dts", "ClientOptions"):
        assert getattr(ultracart_conversations, name) is not None
        assert name in dir(ultracart_conversations)
    assert ultracart_conversations_api.AuthenticatedClient.__name__ == "AuthenticatedClient"
    assert ultracart_conversations.ConversationSummary is (
        ultracart_conversations_api.models.ConversationSummary
    )


def test_an_unknown_name_is_an_attribute_error() -> None:
    for module in (ultracart_conversations, ultracart_conversations_api.models):
        with pytest.raises(AttributeError, match="NoSuchThing"):
            module.NoSuchThing  # noqa: B018
