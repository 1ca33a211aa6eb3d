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

httpx imports its command-line tool when rich, click and pygments are installed (httpx's
optional `cli` extra). Our dev tools bring them into .venv, but `pip install
ultracart-conversations` does not, and that CLI import doubles the cost of `import
httpx`, which would flatter every ratio against it. So the goals use "as installed": the
child marks those three as absent (sys.modules[name] = None makes importing them raise
ImportError, exactly as if they were not installed). "dev venv" (warm) is shown too.
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
# httpx's optional CLI dependencies: absent in a user's install of this package.
AS_INSTALLED = "import sys\nsys.modules.update(dict.fromkeys(['rich', 'click', 'pygments']))\n"


def import_seconds(stmt: str, cold: bool, as_installed: bool = True) -> float:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as empty:
        if cold:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            env["PYTHONPYCACHEPREFIX"] = empty
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                (AS_INSTALLED if as_installed else "") + PROBE.format(stmt=stmt),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return float(out.strip().splitlines()[-1])


def measure(warm_rounds: int, cold_rounds: int) -> dict[str, dict[str, list[float]]]:
    """{"warm"|"cold"|"warm, dev venv": {target: [seconds, ...]}}, rounds interleaved
    and rotated."""
    names = list(TARGETS)
    for name in names:  # populate __pycache__ so that "warm" is warm
        import_seconds(TARGETS[name], cold=False, as_installed=False)
    result: dict[str, dict[str, list[float]]] = {}
    kinds = (("warm", warm_rounds), ("cold", cold_rounds), ("warm, dev venv", warm_rounds))
    for kind, rounds in kinds:
        samples: dict[str, list[float]] = {name: [] for name in names}
        for round_no in range(rounds):
            shift = round_no % len(names)
            for name in names[shift:] + names[:shift]:
                seconds = import_seconds(
                    TARGETS[name], cold=kind == "cold", as_installed=kind != "warm, dev venv"
                )
                samples[name].append(seconds)
        result[kind] = samples
    return result
