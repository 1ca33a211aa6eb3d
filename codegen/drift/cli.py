"""`python -m codegen drift UPSTREAM`: exit 0 no drift, 1 drift, 2 unusable input."""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

from codegen.drift.allowlist import apply_deviations, load_deviations
from codegen.drift.compare import compare_documents
from codegen.drift.errors import DocumentError, reading
from codegen.drift.load import Limits, load_document
from codegen.drift.normalize import Document
from codegen.drift.report import as_json, as_markdown, as_text
from codegen.paths import ROOT, SPEC

DEVIATIONS = ROOT / "codegen" / "deviations.yaml"
EXIT_NO_DRIFT, EXIT_DRIFT, EXIT_BAD_INPUT = 0, 1, 2
FORMATS = ("text", "markdown", "json")
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}


def size(text: str) -> int:
    """A byte count: 5000000, 64K, 100M, 1G."""
    number, unit = text.strip().upper().removesuffix("B"), ""
    if number[-1:] in _UNITS:
        number, unit = number[:-1], number[-1]
    try:
        value = int(float(number) * _UNITS[unit])
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 5000000, 64K, 100M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds: {text!r}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    defaults = Limits()
    parser.add_argument("upstream", metavar="UPSTREAM", help="path or http(s) URL, JSON or YAML")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), markdown (for a changelog) or json",
    )
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument(
        "--fail-on",
        choices=("any", "breaking"),
        default="any",
        help="exit 1 on any drift (default) or only on breaking drift",
    )
    parser.add_argument("--spec", type=Path, default=SPEC, help="our spec (default: openapi.yaml)")
    parser.add_argument("--deviations", type=Path, default=DEVIATIONS, help="the allow-list of deviations")
    parser.add_argument(
        "--max-size",
        type=size,
        default=defaults.max_bytes,
        metavar="SIZE",
        help="refuse inputs larger than this, aliases expanded (default 100M)",
    )
    parser.add_argument(
        "--fetch-timeout",
        type=seconds,
        default=defaults.fetch_seconds,
        metavar="SECONDS",
        help=f"overall deadline to fetch a URL (default {defaults.fetch_seconds:g})",
    )


def run(args: argparse.Namespace) -> int:
    limits = Limits(max_bytes=args.max_size, fetch_seconds=args.fetch_timeout)
    spec, upstream, deviations_path = str(args.spec), args.upstream, args.deviations
    try:
        # Each input is read on its own, so that an error names the file at fault.
        ours = reading(spec, lambda: Document(load_document(spec, limits), _shown(args.spec)))
        theirs = reading(upstream, lambda: Document(load_document(upstream, limits), upstream))
        deviations = reading(str(deviations_path), lambda: load_deviations(deviations_path, limits), "allow-list")
        # Operations are normalised as they are compared: what breaks there is upstream's
        # (ours passes `make validate`).
        findings, information = reading(upstream, lambda: compare_documents(ours, theirs))
    except DocumentError as exc:
        return _bad_input(str(exc))
    findings = apply_deviations(findings, deviations, ours.index.values(), _shown(deviations_path))
    chosen = "json" if args.json else args.format
    if chosen == "json":
        report = as_json(findings, information)
    elif chosen == "markdown":
        report = as_markdown(findings, information, _shown(args.spec), upstream)
    else:
        report = as_text(findings, information, _shown(args.spec), upstream)
    try:
        print(report, flush=True)
    except BrokenPipeError:
        # The reader went away (`| head`): keep the exit code, skip the traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if not findings or (args.fail_on == "breaking" and not any(f.breaking for f in findings)):
        return EXIT_NO_DRIFT
    return EXIT_DRIFT


def _bad_input(message: str) -> int:
    print(f"drift: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _shown(path: Path) -> str:
    """Paths inside the repository are shown relative to it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
