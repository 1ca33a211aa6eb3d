"""The README's "Using the client" examples run, in order, as one session."""

from __future__ import annotations

import logging
import re

import pytest

from codegen.paths import ROOT


def using_the_client_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Using the client\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_section_has_an_example_per_feature() -> None:
    examples = "\n".join(using_the_client_examples())
    for feature in (
        "new_using_api_key",
        "from_env",
        "AsyncConversationApi",
        "_with_http_info",
        "iter_conversations",
        "concurrency=",
        "except NotFoundError",
        "RetryPolicy",
        "with_options",
        "exchange_code",
        "on_token_refresh",
        "parse_dts",
        "debugging=True",
        "generated_client",
    ):
        assert feature in examples, feature


def test_the_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # The examples set these; monkeypatch puts the environment back afterwards.
    monkeypatch.setenv("ULTRACART_SIMPLE_KEY", "")
    monkeypatch.setenv("ULTRACART_BASE_URL", "")
    package_logger = logging.getLogger("ultracart_conversations")
    level = package_logger.level
    namespace: dict[str, object] = {"__name__": "readme"}
    try:
        for example in using_the_client_examples():
            exec(compile(example, "README.md", "exec"), namespace)  # noqa: S102
    finally:
        package_logger.setLevel(level)
        fake = namespace.get("fake")
        stop = getattr(fake, "stop", None)
        if callable(stop):
            stop()
