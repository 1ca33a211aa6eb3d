"""`python -m codegen adopt UPSTREAM OPERATION_ID...` (or `--all`), or `--changes`.

Exit 0: done (or nothing to do); 1: written, but drift remains that a person must
decide (listed); 2: unusable input (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen.adopt.core import Files, Outcome, adopt
from codegen.drift.errors import DocumentError
from codegen.drift.load import load_document

EXIT_DONE, EXIT_REVIEW, EXIT_BAD_INPUT = 0, 1, 2


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("upstream", metavar="UPSTREAM", help="UltraCart's document: a path or http(s) URL")
    parser.add_argument("operations", metavar="OPERATION_ID", nargs="*", help="upstream operationIds to adopt")
    parser.add_argument("--all", action="store_true", help="every upstream operation we do not carry")
    parser.add_argument(
        "--changes",
        action="store_true",
        help="apply upstream's non-breaking changes to the operations we carry; list the rest",
    )
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)  # tests: another repository


def run(args: argparse.Namespace) -> int:
    files = Files.under(args.root) if args.root else Files()
    if sum([bool(args.operations), args.all, args.changes]) != 1:
        return _bad_input("name the operations to adopt, or --all, or --changes (one of them)")
    try:
        upstream = load_document(args.upstream)
        if args.changes:
            from codegen.adopt.changes import apply_changes

            return apply_changes(upstream, args.upstream, files)
        outcome = adopt(upstream, args.upstream, None if args.all else args.operations, files)
    except DocumentError as exc:
        return _bad_input(str(exc))
    return report(outcome)


def report(outcome: Outcome) -> int:
    for name in outcome.skipped:
        print(f"already carried: {name}")
    if not outcome.adopted:
        print("nothing to adopt")
        return EXIT_DONE
    print(f"adopted {len(outcome.adopted)} operations:")
    for target in outcome.adopted:
        print(f"  {target.method.upper():<6} {target.path}  {target.operation_id}")
    if outcome.components:
        print(f"with {len(outcome.components)} components: {', '.join(outcome.components)}")
    for note in outcome.notes:
        print(f"  note: {note}")
    entries = sorted({e.entry_id for e in outcome.explained})
    if entries:
        print(f"deviations recorded in codegen/deviations.yaml: {', '.join(entries)}")
    if outcome.unexplained:
        print("drift that no house rule explains (review it, then fix openapi.yaml or add a deviation):")
        for line in outcome.unexplained:
            print(f"  {line}")
        return EXIT_REVIEW
    print("next: make generate && make test")
    return EXIT_DONE


def _bad_input(message: str) -> int:
    print(f"adopt: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
