"""The README and the guide show every feature in an example that runs (tests/test_docs.py
runs them all under -W error; `make lint` type-checks them)."""

from __future__ import annotations

from codegen.paths import ROOT
from tests.typing_for_users import examples_modules


def test_every_feature_has_a_running_example() -> None:
    examples = "\n".join(examples_modules().values())
    for feature in (
        "from_env",
        "new_using_api_key",
        "AsyncConversationApi",
        "_with_http_info",
        "iter_conversations",
        "concurrency=",
        "except NotFoundError",
        "RetryPolicy",
        "RateLimiter(",
        "with_options",
        "exchange_code",
        "on_token_refresh",
        "parse_dts",
        "debugging=True",
        "generated_client",
        "ultracart_fake",
        "Fault.status",
    ):
        assert feature in examples, feature


def test_the_readme_quick_start_uses_from_env_and_the_fake() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    assert "ConversationApi.from_env()" in quick_start
    assert "FakeUltraCart(" in quick_start
