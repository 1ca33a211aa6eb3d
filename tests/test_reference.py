"""docs/reference.md matches openapi.yaml, and describes the methods that exist."""

from __future__ import annotations

import inspect
import re

from codegen import reference
from codegen.paths import SPEC
from codegen.surface import read_operations
from ultracart_conversations import AsyncConversationApi, ConversationApi


def test_the_committed_reference_is_what_make_generate_writes() -> None:
    committed = reference.REFERENCE.read_text(encoding="utf-8")
    assert committed == reference.render(), "docs/reference.md is stale: run `make generate`"


def test_every_operation_is_described_with_the_methods_the_clients_have() -> None:
    text = reference.REFERENCE.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## `(\w+)`.*?\n(.*?)(?=^## |\Z)", text, re.M | re.S))
    operations = read_operations(SPEC)
    assert sorted(sections) == sorted(op.name for op in operations)
    for op in operations:
        section = sections[op.name]
        for client in (ConversationApi, AsyncConversationApi):
            method = getattr(client, op.name)
            assert callable(getattr(client, f"{op.name}_with_http_info"))
            # Every parameter of the real method is in the reference, by name.
            for name in inspect.signature(method).parameters:
                if name != "self":
                    assert f"`{name}`" in section or f"{name}:" in section, (op.name, name)
        assert f"ultracart-conversations {op.cli['command']}" in section
        if op.pagination is not None:
            assert f"`{op.iter_name}(" in section
            assert hasattr(ConversationApi, op.iter_name)
