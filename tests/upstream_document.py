"""Where UltraCart's published document is: `../shared/upstream/` beside the repository
(as on every developer's machine and in CI), or UPSTREAM_DOCUMENT.

It is third-party data, read by our tools and never copied into the repository; a test
that needs it fails in CI when it is missing, and says why elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "upstream" / "ultracart-conversation.oas3.yaml"


def upstream_document() -> Path:
    path = Path(os.environ.get("UPSTREAM_DOCUMENT") or DEFAULT)
    if not path.is_file():
        message = f"UltraCart's document is not at {path} (set UPSTREAM_DOCUMENT)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
