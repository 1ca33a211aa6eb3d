"""docs/shared-limits.md's examples run as written (the Redis one against a real server
on the URL it names, swapped for the test's)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.redis_server import RedisServer

DOC = Path(__file__).resolve().parent.parent / "docs" / "shared-limits.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_page_shows_an_example_for_each_choice_and_the_grant() -> None:
    assert len(EXAMPLES) == 4
    assert "shared=" not in EXAMPLES[0]
    assert 'shared=f"sqlite://' in EXAMPLES[1]
    assert "redis://" in EXAMPLES[2]
    assert "OAuthSession(" in EXAMPLES[3]


@pytest.mark.parametrize("number", range(4), ids=["in-process", "sqlite", "redis", "grant"])
def test_each_example_runs(
    number: int, redis_server: RedisServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = EXAMPLES[number].replace("redis://127.0.0.1:6379/0", redis_server.url)
    exec(compile(code, f"{DOC.name} example {number + 1}", "exec"), {})  # noqa: S102
