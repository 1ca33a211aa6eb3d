"""The table (stdout and latest.md), the JSON of the run and the chart (bench.png)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: render straight to PNG
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from bench import breakdown


def _ms(summary: dict[str, Any]) -> str:
    return (
        f"{summary['median'] * 1e3:8.2f} ms  "
        f"(IQR {summary['p25'] * 1e3:.2f}-{summary['p75'] * 1e3:.2f}, n={summary['n']})"
    )


def _ratio(summary: dict[str, Any] | None) -> str:
    if summary is None:
        return "—"
    return f"{summary['median']:.2f} ({summary['p25']:.2f}-{summary['p75']:.2f})"


def _goal_value(goal: dict[str, Any] | None) -> str:
    if goal is None:
        return "—"
    return f"{goal['value']:.2f} ({goal['p25']:.2f}-{goal['p75']:.2f})"


def peer_table(results: dict[str, Any]) -> list[str]:
    """Contenders by measure and page: ratios to raw (per call), to raw + read every key,
    to json.loads (parse only)."""
    ratios = results["ratios"]
    names: list[str] = []
    for page in ratios.values():
        for by_name in page.values():
            names += [name for name in by_name if name not in names]
    lines = [
        "| contender | per call, bench page | per call, full page "
        "| + read every field, bench | + read every field, full "
        "| parse only, bench | parse only, full |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in names:
        cells = [
            _ratio(ratios[page][measure].get(name))
            for measure in ("per call", "read every field", "parse only")
            for page in ("bench", "full")
        ]
        label = f"**{name}**" if name.startswith("ours") else name
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def table(results: dict[str, Any], previous: dict[str, Any] | None = None) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark: ultracart-conversations vs raw httpx and the typed peers",
        "",
        f"{m['date']} · {m['cpu']} · {m['cores']} cores · Python {m['python']} · {m['os']}"
        f" · httpx {m['httpx']} · msgspec {m.get('msgspec', '?')}"
        f" · pydantic {m.get('pydantic', '?')} · openapi-python-client {m.get('oapc', '?')}"
        f" · ultracart-rest-sdk {m['official_sdk']} · commit {m.get('commit', '?')}"
        + f" · load average {m['load_average_at_start']} at start"
        + f", {m['load_average_at_end']} at end"
        + (" · QUICK RUN" if results["quick"] else ""),
        "",
        "## Goals (ratios within a run; median of per-round ratios, IQR)",
        "",
    ]
    earlier = {g["goal"]: g for g in (previous or {}).get("goals", [])}
    if previous:
        pm = previous["machine"]
        lines += [
            f"Two runs: this one, and the one before it ({pm['date']}, commit "
            f"{pm.get('commit', '?')}, load average {pm['load_average_at_start']} at start).",
            "",
            "| goal | target | this run | run before | met (this run) |",
            "|---|---|---|---|---|",
        ]
    else:
        lines += ["| goal | target | measured | met |", "|---|---|---|---|"]
    for goal in results["goals"]:
        row = f"| {goal['goal']} | {goal['op']} {goal['bound']:g} | {_goal_value(goal)} "
        if previous:
            row += f"| {_goal_value(earlier.get(goal['goal']))} "
        lines.append(row + f"| {'yes' if goal['met'] else '**no**'} |")
    lines += [
        "",
        "## Ours and the peers: get_conversations(limit=200), ratios (median, IQR)",
        "",
        "Per call and + read every field: to raw httpx + json.loads (+ reading every key of "
        "the dicts); asyncio to raw httpx async. Parse only: the body's bytes to objects, to "
        "json.loads. Bench page: 200 summaries, 9 of 17 fields; full page: every field, "
        "with participant and sentiment, as the fake sends it.",
        "",
        *peer_table(results),
    ]
    lines += [
        "",
        "## Where a call's time goes (sync, median per step; raw httpx + json.loads = 100 %)",
        "",
        *breakdown.table(results["breakdown"]),
    ]
    for page, measures in results["per_call"].items():
        lines += ["", f"## Per call and parse only, {page} page (ms)", "", "```"]
        for measure, by_name in measures.items():
            lines += [f"{measure:18s} {name:44s} {_ms(s)}" for name, s in by_name.items()]
        lines += ["```"]
    lines += [
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
    plain = results["plain_install"]
    lines += [
        "```",
        "",
        "## A plain `pip install`",
        "",
        f"After a call, optional JSON packages loaded by the client: {plain['optional_loaded']};"
        f" msgspec (a dependency) loaded: {plain['msgspec_loaded']}. The numbers above are"
        " a plain install's: there is no extra that makes the client faster.",
        "",
        "## total_records: null (documented by UltraCart)",
        "",
    ]
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


def _grouped(ax: Axes, title: str, ratios: dict[str, dict[str, Any]], measure: str) -> None:
    """Ratios of one measure, a bar per page for each contender, with IQRs."""
    names: list[str] = []
    for by_measure in ratios.values():
        names += [n for n in by_measure[measure] if n not in names]
    height = 0.38
    for offset, (page, colour) in enumerate((("bench", "#2a7ab9"), ("full", "#9bc3e6"))):
        entries = ratios[page][measure]
        ys = [i + offset * height for i in range(len(names))]
        medians = [entries[n]["median"] if n in entries else 0.0 for n in names]
        low = [entries[n]["median"] - entries[n]["p25"] if n in entries else 0 for n in names]
        high = [entries[n]["p75"] - entries[n]["median"] if n in entries else 0 for n in names]
        ax.barh(ys, medians, height, xerr=[low, high], color=colour, capsize=2, label=page)
        for y, value in zip(ys, medians, strict=True):
            if value:
                ax.annotate(f"{value:.2f}", (value, y), xytext=(3, -3), textcoords="offset points",
                            fontsize=7)  # fmt: skip
    ax.set_yticks([i + height / 2 for i in range(len(names))], names, fontsize=8)
    ax.invert_yaxis()
    ax.axvline(1.0, color="#555555", linewidth=0.8, linestyle="--")
    ax.set_xscale("log")
    ax.set_title(title, fontsize=8)
    ax.set_xlabel("ratio (log scale; 1 = the baseline)")
    ax.legend(fontsize=7, title="page", title_fontsize=7)


def chart(results: dict[str, Any], path: Path) -> None:
    fig, axes = plt.subplots(2, 3, figsize=(21, 9))
    ratios = results["ratios"]
    _grouped(
        axes[0][0],
        "per call, get_conversations(limit=200): / raw httpx + json.loads\n"
        + _goal_notes(
            results, "per call, bench page: ours (sync)", "per call, full page: ours (sync)"
        ),
        ratios,
        "per call",
    )
    _grouped(axes[0][1], "parse only (bytes to objects): / json.loads", ratios, "parse only")
    _grouped(
        axes[0][2],
        "per call + read every field: / raw + read every key\nours: "
        + ", ".join(
            f"{g['goal'].split(',')[1].strip()} {g['value']:.2f}"
            for g in results["goals"]
            if g["goal"].startswith("per call + read every field")
        )
        + " (goal <= 1.15)",
        ratios,
        "read every field",
    )
    imports = {
        f"{name} ({kind})": s for kind, by in results["imports"].items() for name, s in by.items()
    }
    _bars(
        axes[1][0],
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
        axes[1][1],
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
        axes[1][2],
        "peak RSS growth, 10,000 summaries (goal < 10 MiB)",
        mem,
        1.0,
        "MiB",
        all_ours=True,
    )
    m = results["machine"]
    fig.suptitle(
        f"ultracart-conversations vs raw httpx and typed peers — {m['date']}, {m['cpu']}, "
        f"{m['cores']} cores, Python {m['python']}, load average {m['load_average_at_start']}",
        fontsize=10,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)


def write_reports(results: dict[str, Any], folder: Path) -> None:
    """latest.{md,json} and bench.png; the run they held becomes previous.{md,json}."""
    folder.mkdir(parents=True, exist_ok=True)
    previous = None
    if (folder / "latest.json").exists():
        previous = json.loads((folder / "latest.json").read_text())
        if "ratios" in previous:  # a run of this bench, not of the one before it
            (folder / "latest.json").replace(folder / "previous.json")
            (folder / "latest.md").replace(folder / "previous.md")
        else:
            previous = None
    text = table(results, previous)
    print(text)
    (folder / "latest.md").write_text(text)
    (folder / "latest.json").write_text(json.dumps(results, indent=1) + "\n")
    chart(results, folder / "bench.png")
    print(f"wrote {folder}/latest.md, latest.json and bench.png")
