"""`make bench`: one run, one local server, every measurement interleaved.

    python -m bench.run [--quick] [--out DIR]

Generates stock openapi-python-client from openapi.yaml into a temporary folder, starts
bench.server in a child process, measures per-call cost on two pages against raw httpx
and the typed peers, import time, paging with latency and memory while streaming, checks
each goal as a ratio within this run, prints a table and writes
bench/results/{latest.json,latest.md,bench.png} (the run before becomes previous.*, so
that two runs stand side by side). A --quick run is a smoke run: it writes into a
temporary folder unless --out says where, so that it never replaces the committed
results. Exit status is 0 even when a goal is missed: this is
a measurement, not a test.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import breakdown, imports, paging, percall
from bench.peers import stock
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
        "msgspec": _version("msgspec"),
        "pydantic": _version("pydantic"),
        "oapc": _version("openapi-python-client"),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 (whichever git is on PATH)
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip(),
        # Other work on the machine widens the spreads (ratios hold better than times).
        "load_average_at_start": round(os.getloadavg()[0], 2),
    }


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def _official_version() -> str:
    return _version("ultracart-rest-sdk")


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


PLAIN_INSTALL_PROBE = """
import sys
from ultracart_conversations import ConversationApi
with ConversationApi(simple_key="k", base_url=sys.argv[1]) as api:
    api.get_conversations(limit=200)
optional = ("orjson", "ujson", "rapidjson", "simplejson")
print([name for name in optional if name in sys.modules], "msgspec" in sys.modules)
"""


def plain_install_check(base_url: str) -> dict[str, Any]:
    """What a call loads: the measured client must be what a plain `pip install` gives
    (msgspec, a dependency; no optional JSON library), not something an extra brings."""
    out = subprocess.run(
        [sys.executable, "-c", PLAIN_INSTALL_PROBE, base_url],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    optional, msgspec = out.rsplit(" ", 1)
    return {"optional_loaded": optional, "msgspec_loaded": msgspec == "True"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    parser.add_argument(
        "--out",
        type=Path,
        help=f"where the results go (default {RESULTS}; a --quick run: a temporary folder)",
    )
    args = parser.parse_args()
    out: Path = args.out or (
        Path(tempfile.mkdtemp(prefix="bench-quick-")) if args.quick else RESULTS
    )
    scale = 0.2 if args.quick else 1.0

    def rounds(n: int) -> int:
        return max(2, int(n * scale))

    results: dict[str, Any] = {"machine": machine(), "quick": args.quick}
    with tempfile.TemporaryDirectory(prefix="bench-stock-oapc-") as stock_dir:
        print("generating stock openapi-python-client from openapi.yaml ...", flush=True)
        stock_client = stock.generate(Path(stock_dir))
        with local_server() as base_url:
            configure(base_url, latency=0.0, total=TOTAL)
            origin = base_url.removesuffix("/rest/v2")
            print("per call, both pages, ours and the peers ...", flush=True)
            per_call = percall.measure(
                origin, SIMPLE_KEY, stock_client, rounds=rounds(40), calls_per_round=15
            )
            print("where a call's time goes, step by step ...", flush=True)
            results["breakdown"] = breakdown.measure(
                origin, SIMPLE_KEY, rounds=rounds(20), calls=10
            )
            results["null_total_records"] = percall.null_total_behaviour(base_url, SIMPLE_KEY)
            results["plain_install"] = plain_install_check(base_url)

            print("import time, fresh interpreters ...", flush=True)
            import_samples = imports.measure(warm_rounds=rounds(15), cold_rounds=rounds(6))

            print("iter_conversations against a plain get_conversations loop ...", flush=True)
            overhead = paging.measure_overhead(base_url, SIMPLE_KEY, total=TOTAL, rounds=rounds(60))

            print("memory while streaming 10,000 summaries ...", flush=True)
            mem = {mode: memory(base_url, mode) for mode in ("stream", "stream-async8", "list")}

            print("paging 10,000 summaries with 20 ms latency ...", flush=True)
            configure(base_url, latency=0.02, total=TOTAL)
            pages = paging.measure(base_url, SIMPLE_KEY, total=TOTAL, rounds=rounds(6))

    results["per_call"] = {
        page: {
            measure: {name: summarize(s) for name, s in by_name.items()}
            for measure, by_name in measures.items()
        }
        for page, measures in per_call.items()
    }
    results["ratios"] = ratios(per_call)
    results["imports"] = {
        kind: {name: summarize(s) for name, s in by_name.items()}
        for kind, by_name in import_samples.items()
    }
    results["paging"] = {name: summarize(s) for name, s in pages.items()}
    results["paging_overhead"] = {name: summarize(s) for name, s in overhead.items()}
    results["memory"] = mem
    results["goals"] = goals(per_call, import_samples, pages, overhead, mem)
    results["goals"].append(
        {
            "goal": "plain pip install: a call loads no optional package (msgspec, a "
            "dependency, does the decoding)",
            "op": "==",
            "bound": 0,
            "value": 0.0 if results["plain_install"]["optional_loaded"] == "[]" else 1.0,
            "p25": 0.0,
            "p75": 0.0,
            "met": results["plain_install"]["optional_loaded"] == "[]"
            and results["plain_install"]["msgspec_loaded"],
        }
    )
    results["machine"]["load_average_at_end"] = round(os.getloadavg()[0], 2)
    results["samples"] = {
        "per_call": per_call,
        "imports": import_samples,
        "paging": pages,
        "paging_overhead": overhead,
    }
    write_reports(results, out)


# What each measure's ratios are taken against, per page.
BASELINES = {
    "per call": percall.RAW,
    "read every field": percall.RAW,
    "parse only": "json.loads",
}


def ratios(
    per_call: dict[str, dict[str, dict[str, list[float]]]],
) -> dict[str, dict[str, dict[str, Any]]]:
    """{page: {measure: {contender: ratio summary to that measure's baseline}}}."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for page, measures in per_call.items():
        out[page] = {}
        for measure, by_name in measures.items():
            base = by_name[BASELINES[measure]]
            out[page][measure] = {
                name: paired_ratio(samples, base)
                for name, samples in by_name.items()
                if not (measure == "per call" and "async" in name)
            }
        # The async ones against raw async.
        calls = measures["per call"]
        out[page]["per call"][percall.OURS_ASYNC] = paired_ratio(
            calls[percall.OURS_ASYNC], calls[percall.RAW_ASYNC]
        )
    return out


def goals(
    per_call: dict[str, dict[str, dict[str, list[float]]]],
    import_samples: dict[str, dict[str, list[float]]],
    pages: dict[str, list[float]],
    overhead: dict[str, list[float]],
    mem: dict[str, dict[str, float]],
) -> list[dict[str, Any]]:
    """Each goal (issue 21's bounds) as a ratio of samples from this same run."""

    def ratio_goal(name: str, num: list[float], den: list[float], op: str, bound: float) -> Any:
        ratio = paired_ratio(num, den)
        met = ratio["median"] <= bound if op == "<=" else ratio["median"] >= bound
        if op == "<":
            met = ratio["median"] < bound
        return {
            "goal": name,
            "op": op,
            "bound": bound,
            "value": ratio["median"],
            "p25": ratio["p25"],
            "p75": ratio["p75"],
            "met": met,
        }

    found: list[dict[str, Any]] = []
    for page in ("bench", "full"):
        calls = per_call[page]["per call"]
        fields = per_call[page]["read every field"]
        ours = calls[percall.OURS]
        found.append(
            ratio_goal(
                f"per call, {page} page: ours (sync) / raw httpx + json.loads",
                ours,
                calls[percall.RAW],
                "<=",
                1.10,
            )
        )
        for peer in (
            "pydantic v2 (model_validate_json)",
            "stock openapi-python-client",
            percall.OFFICIAL,
        ):
            found.append(
                ratio_goal(f"per call, {page} page: ours / {peer}", ours, calls[peer], "<", 1.0)
            )
        found.append(
            ratio_goal(
                f"per call + read every field, {page} page: ours / raw + read every key",
                fields[percall.OURS],
                fields[percall.RAW],
                "<=",
                1.15,
            )
        )
    found.append(
        ratio_goal(
            "per call, full page: official SDK / ours (sync)",
            per_call["full"]["per call"][percall.OFFICIAL],
            per_call["full"]["per call"][percall.OURS],
            ">=",
            12.0,
        )
    )
    found.append(
        ratio_goal(
            "per call, bench page: ours (asyncio) / raw httpx async + json.loads",
            per_call["bench"]["per call"][percall.OURS_ASYNC],
            per_call["bench"]["per call"][percall.RAW_ASYNC],
            "<=",
            1.10,
        )
    )
    ours_import = import_samples["warm"]["ours ConversationApi"]
    httpx_import = import_samples["warm"]["import httpx"]
    ours_cold = import_samples["cold"]["ours ConversationApi"]
    httpx_cold = import_samples["cold"]["import httpx"]
    growth = mem["stream"]["rss_growth_mib"]
    found += [
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
    return found


if __name__ == "__main__":
    main()
