"""Import time, each sample in a fresh interpreter.

Definitions (the same for every contender):
  warm: a fresh interpreter with bytecode already cached in __pycache__ (what a user
        sees on every run after the first);
  cold: a fresh interpreter that finds no bytecode at all: PYTHONDONTWRITEBYTECODE=1 and
        an empty PYTHONPYCACHEPREFIX per sample, so every module is compiled from source
        (the first run after install). The OS file cache cannot be dropped here, so
        "cold" does not include disk reads.
Only the import statement is timed, inside the child, so interpreter start-up is
excluded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

# What a user imports to make a call, for each contender; httpx alone is the floor.
TARGETS = {
    "import httpx": "import httpx",
    "ours ConversationApi": "from ultracart_conversations import ConversationApi",
    "official SDK ConversationApi": "from ultracart.api.conversation_api import ConversationApi",
}

PROBE = "import time\nt = time.perf_counter()\n{stmt}\nprint(time.perf_counter() - t)\n"


def import_seconds(stmt: str, cold: bool) -> float:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as empty:
        if cold:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            env["PYTHONPYCACHEPREFIX"] = empty
        out = subprocess.run(
            [sys.executable, "-c", PROBE.format(stmt=stmt)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return float(out.strip().splitlines()[-1])


def measure(warm_rounds: int, cold_rounds: int) -> dict[str, dict[str, list[float]]]:
    """{"warm"|"cold": {target: [seconds, ...]}}, rounds interleaved and rotated."""
    names = list(TARGETS)
    for name in names:  # populate __pycache__ so that "warm" is warm
        import_seconds(TARGETS[name], cold=False)
    result: dict[str, dict[str, list[float]]] = {}
    for kind, rounds in (("warm", warm_rounds), ("cold", cold_rounds)):
        samples: dict[str, list[float]] = {name: [] for name in names}
        for round_no in range(rounds):
            shift = round_no % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(import_seconds(TARGETS[name], cold=kind == "cold"))
        result[kind] = samples
    return result
