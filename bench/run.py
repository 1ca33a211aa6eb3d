"""`make bench`: one run, one local server, every measurement interleaved.

    python -m bench.run [--quick]

Starts bench.server in a child process, measures per-call cost, import time, paging
with latency and memory while streaming, checks each goal as a ratio within this run,
prints a table and writes bench/results/{latest.json,latest.md,bench.png}.
Exit status is 0 even when a goal is missed: this is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import imports, paging, percall
from bench.report import write_reports
from bench.stats import paired_ratio, summarize

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parents[1]  # the children run `-m bench.<module>` from here
# Not a real credential: the local server ignores it.
SIMPLE_KEY = "bench-simple-key"
TOTAL = 10_000


@contextmanager
def local_server() -> Iterator[str]:
    """bench.server in a child process; yields the base URL (…/rest/v2)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.server"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline().split()[1])
        yield f"http://127.0.0.1:{port}/rest/v2"
    finally:
        assert child.stdin is not None
        child.stdin.close()  # the server exits when its stdin closes
        child.wait(timeout=10)


def configure(base_url: str, latency: float, total: int) -> None:
    origin = base_url.removesuffix("/rest/v2")
    url = f"{origin}/_bench/config?latency={latency}&total={total}"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our loopback server)
        response.read()


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import httpx

    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "httpx": httpx.__version__,
        "official_sdk": _official_version(),
        # Other work on the machine widens the spreads (ratios hold better than times).
        "load_average_at_start": round(os.getloadavg()[0], 2),
    }


def _official_version() -> str:
    from importlib.metadata import version

    return version("ultracart-rest-sdk")


def memory(base_url: str, mode: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.memory", base_url, SIMPLE_KEY, mode],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    args = parser.parse_args()
    scale = 0.25 if args.quick else 1.0

    def rounds(n: int) -> int:
        return max(2, int(n * scale))

    results: dict[str, Any] = {"machine": machine(), "quick": args.quick}
    with local_server() as base_url:
        configure(base_url, latency=0.0, total=TOTAL)
        print("per call: get_conversations(limit=200), parsed ...", flush=True)
        per_call = percall.measure(base_url, SIMPLE_KEY, rounds=rounds(50), calls_per_round=20)
        results["null_total_records"] = percall.null_total_behaviour(base_url, SIMPLE_KEY)

        print("import time, fresh interpreters ...", flush=True)
        import_samples = imports.measure(warm_rounds=rounds(15), cold_rounds=rounds(6))

        print("iter_conversations against a plain get_conversations loop ...", flush=True)
        overhead = paging.measure_overhead(base_url, SIMPLE_KEY, total=TOTAL, rounds=rounds(60))

        print("memory while streaming 10,000 summaries ...", flush=True)
        mem = {mode: memory(base_url, mode) for mode in ("stream", "stream-async8", "list")}

        print("paging 10,000 summaries with 20 ms latency ...", flush=True)
        configure(base_url, latency=0.02, total=TOTAL)
        pages = paging.measure(base_url, SIMPLE_KEY, total=TOTAL, rounds=rounds(6))

    results["per_call"] = {name: summarize(s) for name, s in per_call.items()}
    results["imports"] = {
        kind: {name: summarize(s) for name, s in by_name.items()}
        for kind, by_name in import_samples.items()
    }
    results["paging"] = {name: summarize(s) for name, s in pages.items()}
    results["paging_overhead"] = {name: summarize(s) for name, s in overhead.items()}
    results["memory"] = mem
    results["goals"] = goals(per_call, import_samples, pages, overhead, mem)
    results["machine"]["load_average_at_end"] = round(os.getloadavg()[0], 2)
    results["samples"] = {
        "per_call": per_call,
        "imports": import_samples,
        "paging": pages,
        "paging_overhead": overhead,
    }
    write_reports(results, RESULTS)


def goals(
    per_call: dict[str, list[float]],
    import_samples: dict[str, dict[str, list[float]]],
    pages: dict[str, list[float]],
    overhead: dict[str, list[float]],
    mem: dict[str, dict[str, float]],
) -> list[dict[str, Any]]:
    """Each goal (issue 12's bounds) as a ratio of samples from this same run."""

    def ratio_goal(name: str, num: list[float], den: list[float], op: str, bound: float) -> Any:
        ratio = paired_ratio(num, den)
        met = ratio["median"] <= bound if op == "<=" else ratio["median"] >= bound
        return {
            "goal": name,
            "op": op,
            "bound": bound,
            "value": ratio["median"],
            "p25": ratio["p25"],
            "p75": ratio["p75"],
            "met": met,
        }

    ours_import = import_samples["warm"]["ours ConversationApi"]
    httpx_import = import_samples["warm"]["import httpx"]
    ours_cold = import_samples["cold"]["ours ConversationApi"]
    httpx_cold = import_samples["cold"]["import httpx"]
    growth = mem["stream"]["rss_growth_mib"]
    return [
        ratio_goal(
            "per call: ours (sync) / raw httpx + json",
            per_call["ours (sync)"],
            per_call["raw httpx + json"],
            "<=",
            1.0,
        ),
        ratio_goal(
            "per call: ours (asyncio) / raw httpx async + json",
            per_call["ours (asyncio)"],
            per_call["raw httpx async + json"],
            "<=",
            1.0,
        ),
        ratio_goal(
            "per call: official SDK / ours (sync)",
            per_call["official SDK"],
            per_call["ours (sync)"],
            ">=",
            9.0,
        ),
        ratio_goal("import, warm: ours / import httpx", ours_import, httpx_import, "<=", 1.15),
        ratio_goal("import, cold: ours / import httpx", ours_cold, httpx_cold, "<=", 1.15),
        ratio_goal(
            "paging at 20 ms: concurrency=1 / concurrency=8",
            pages["asyncio, concurrency=1"],
            pages["asyncio, concurrency=8"],
            ">=",
            3.0,
        ),
        ratio_goal(
            "paging, no latency: iter_conversations / get_conversations loop",
            overhead["iter_conversations"],
            overhead["get_conversations loop"],
            "<=",
            1.05,
        ),
        {
            "goal": "memory growth streaming 10,000 summaries (MiB, sync)",
            "op": "<",
            "bound": 10.0,
            "value": growth,
            "p25": growth,
            "p75": growth,
            "met": growth < 10.0,
        },
    ]


if __name__ == "__main__":
    main()
