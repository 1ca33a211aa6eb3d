"""`make demo` (python -m ultracart_conversations.demo) shows every promised step, cleanly."""

from __future__ import annotations

import re
import subprocess
import sys


def test_demo_walks_through_every_step() -> None:
    # The timeout only guards against a hang; how long the demo takes is not asserted.
    result = subprocess.run(
        [sys.executable, "-m", "ultracart_conversations.demo"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no traceback, no warning
    text = result.stdout
    assert "iter_conversations(page_size=20): 45 conversations in 4 requests" in text
    assert "more=True, next_offset=20, total_records=45" in text
    assert "It is now at the head of the list: True" in text
    assert "participant API Agent: active" in text
    assert "API Agent is now left" in text
    assert re.search(r"Retry-After: 1; the client waited and tried again:\n  2 requests", text)
    assert "NotFoundError (status 404)" in text
    assert "AuthenticationError (status 401)" in text
    assert "ServerError after 3 tries (503 each time)" in text
    assert text.count("\n== ") == 6
    assert "\n3 conversations\n" in text
    assert text.rstrip().endswith('"Testing your code against a fake UltraCart".')
