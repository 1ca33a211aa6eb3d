"""`python -m codegen drift UPSTREAM`: exit 0 no drift, 1 drift, 2 unusable input."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from codegen.drift.allowlist import apply_deviations, load_deviations
from codegen.drift.compare import compare_documents
from codegen.drift.errors import DocumentError
from codegen.drift.load import load_document
from codegen.drift.normalize import Document
from codegen.drift.report import as_json, as_text
from codegen.paths import ROOT, SPEC

DEVIATIONS = ROOT / "codegen" / "deviations.yaml"
EXIT_NO_DRIFT, EXIT_DRIFT, EXIT_BAD_INPUT = 0, 1, 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("upstream", metavar="UPSTREAM", help="path or http(s) URL, JSON or YAML")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument(
        "--fail-on",
        choices=("any", "breaking"),
        default="any",
        help="exit 1 on any drift (default) or only on breaking drift",
    )
    parser.add_argument("--spec", type=Path, default=SPEC, help="our spec (default: openapi.yaml)")
    parser.add_argument("--deviations", type=Path, default=DEVIATIONS, help="the allow-list of deviations")


def run(args: argparse.Namespace) -> int:
    try:
        ours = Document(load_document(str(args.spec)), _shown(args.spec))
        theirs = Document(load_document(args.upstream), args.upstream)
        deviations = load_deviations(args.deviations)
        findings, information = compare_documents(ours, theirs)
    except DocumentError as exc:
        return _bad_input(str(exc))
    except RecursionError:
        return _bad_input(f"{args.upstream}: nested too deeply to compare")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        # Malformed input in a shape normalize does not check for: still one line.
        return _bad_input(f"{args.upstream}: not a well-formed OpenAPI document ({exc!r})")
    findings = apply_deviations(findings, deviations, ours.index.values(), _shown(args.deviations))
    report = (
        as_json(findings, information)
        if args.json
        else as_text(findings, information, _shown(args.spec), args.upstream)
    )
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
