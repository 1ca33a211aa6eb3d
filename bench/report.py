"""The table (stdout and latest.md), the JSON of the run and the chart (bench.png)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: render straight to PNG
import matplotlib.pyplot as plt
from matplotlib.axes import Axes


def _ms(summary: dict[str, Any]) -> str:
    return (
        f"{summary['median'] * 1e3:8.2f} ms  "
        f"(IQR {summary['p25'] * 1e3:.2f}-{summary['p75'] * 1e3:.2f}, n={summary['n']})"
    )


def table(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark: ultracart-conversations vs raw httpx vs the official SDK",
        "",
        f"{m['date']} · {m['cpu']} · {m['cores']} cores · Python {m['python']} · {m['os']}"
        f" · httpx {m['httpx']} · ultracart-rest-sdk {m['official_sdk']}"
        + f" · load average {m['load_average_at_start']} at start"
        + f", {m['load_average_at_end']} at end"
        + (" · QUICK RUN" if results["quick"] else ""),
        "",
        "## Goals (ratios within this run; median of per-round ratios, IQR)",
        "",
        "| goal | target | measured | met |",
        "|---|---|---|---|",
    ]
    for goal in results["goals"]:
        lines.append(
            f"| {goal['goal']} | {goal['op']} {goal['bound']:g} | {goal['value']:.2f} "
            f"({goal['p25']:.2f}-{goal['p75']:.2f}) | {'yes' if goal['met'] else '**no**'} |"
        )
    lines += ["", "## Per call: get_conversations(limit=200), parsed", "", "```"]
    lines += [f"{name:26s} {_ms(s)}" for name, s in results["per_call"].items()]
    lines += [
        "```",
        "",
        "## Import time (fresh interpreter, only the import timed; as installed unless 'dev venv')",
        "",
        "```",
    ]
    for kind, by_name in results["imports"].items():
        lines += [f"{kind:14s} {name:28s} {_ms(s)}" for name, s in by_name.items()]
    lines += ["```", "", "## Paging 10,000 summaries, 200 a page, 20 ms server latency", "", "```"]
    lines += [f"{name:26s} {_ms(s)}" for name, s in results["paging"].items()]
    lines += ["```", "", "## Paging 10,000 summaries, no latency: the iterator's cost", "", "```"]
    lines += [f"{name:26s} {_ms(s)}" for name, s in results["paging_overhead"].items()]
    lines += ["```", "", "## Memory while iterating 10,000 summaries (fresh process)", "", "```"]
    for mode, mem in results["memory"].items():
        lines.append(
            f"{mode:14s} peak RSS growth {mem['rss_growth_mib']:6.1f} MiB · "
            f"tracemalloc peak {mem['traced_peak_mib']:6.1f} MiB"
        )
    lines += ["```", "", "## total_records: null (documented by UltraCart)", ""]
    lines += [f"- {who}: {what}" for who, what in results["null_total_records"].items()]
    return "\n".join(lines) + "\n"


def _bars(
    ax: Axes,
    title: str,
    entries: dict[str, dict[str, Any]],
    scale: float,
    unit: str,
    all_ours: bool = False,
) -> None:
    names = list(entries)
    medians = [entries[n]["median"] * scale for n in names]
    low = [(entries[n]["median"] - entries[n]["p25"]) * scale for n in names]
    high = [(entries[n]["p75"] - entries[n]["median"]) * scale for n in names]
    colours = ["#2a7ab9" if all_ours or n.startswith("ours") else "#9a9a9a" for n in names]
    colours = ["#c0504d" if "official" in n else c for n, c in zip(names, colours, strict=True)]
    ax.barh(names, medians, xerr=[low, high], color=colours, capsize=3)
    ax.invert_yaxis()
    ax.set_title(title, fontsize=9)
    ax.set_xlabel(unit)
    for y, value in enumerate(medians):
        ax.annotate(
            f"{value:.3g}" if value < 100 else f"{value:.0f}",
            (value, y),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=8,
        )


def _goal_notes(results: dict[str, Any], *prefixes: str) -> str:
    """The goals whose names start with a prefix, one line each, for a panel's title."""
    return "\n".join(
        f"{g['goal']} = {g['value']:.2f} (goal {g['op']} {g['bound']:g})"
        for g in results["goals"]
        if g["goal"].startswith(prefixes)
    )


MEMORY_LABELS = {
    "stream": "stream (sync)",
    "stream-async8": "stream (asyncio, concurrency=8)",
    "list": "list() of all, for reference",
}


def chart(results: dict[str, Any], path: Path) -> None:
    fig, axes = plt.subplots(2, 2, figsize=(13, 8.5))
    _bars(
        axes[0][0],
        "get_conversations(limit=200), parsed: time per call\n" + _goal_notes(results, "per call"),
        results["per_call"],
        1e3,
        "ms (median, IQR)",
    )
    imports = {
        f"{name} ({kind})": s for kind, by in results["imports"].items() for name, s in by.items()
    }
    _bars(
        axes[0][1],
        "import time, fresh interpreter\n" + _goal_notes(results, "import"),
        imports,
        1e3,
        "ms (median, IQR)",
    )
    paging = {
        **results["paging"],
        **{f"{name}, no latency": s for name, s in results["paging_overhead"].items()},
    }
    _bars(
        axes[1][0],
        "paging 10,000 summaries (20 ms latency per page unless noted)\n"
        + _goal_notes(results, "paging"),
        paging,
        1.0,
        "s (median, IQR)",
        all_ours=True,
    )
    mem = {
        MEMORY_LABELS.get(mode, mode): {
            "median": m["rss_growth_mib"],
            "p25": m["rss_growth_mib"],
            "p75": m["rss_growth_mib"],
        }
        for mode, m in results["memory"].items()
    }
    _bars(
        axes[1][1],
        "peak RSS growth, 10,000 summaries (goal < 10 MiB)",
        mem,
        1.0,
        "MiB",
        all_ours=True,
    )
    m = results["machine"]
    fig.suptitle(
        f"ultracart-conversations vs raw httpx vs ultracart-rest-sdk {m['official_sdk']} — "
        f"{m['date']}, {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
        f"load average {m['load_average_at_start']}",
        fontsize=10,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def write_reports(results: dict[str, Any], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = table(results)
    print(text)
    (folder / "latest.md").write_text(text)
    (folder / "latest.json").write_text(json.dumps(results, indent=1) + "\n")
    chart(results, folder / "bench.png")
    print(f"wrote {folder}/latest.md, latest.json and bench.png")
