"""`python -m codegen COMMAND`: the maintainer's entry point (see the Makefile)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("generate", help="regenerate generated/ from openapi.yaml")
    sub.add_parser("check-generated", help="fail with a diff if generated/ is stale")
    sub.add_parser("validate", help="validate openapi.yaml")
    from codegen.drift import cli as drift

    drift.configure(sub.add_parser("drift", help="compare openapi.yaml with UltraCart's spec"))
    from codegen.adopt import cli as adopt

    adopt.configure(sub.add_parser("adopt", help="take upstream operations (or changes) into openapi.yaml"))
    snapshot = sub.add_parser("snapshot", help="refresh codegen/upstream/ from UltraCart's spec (path or URL)")
    snapshot.add_argument("upstream", metavar="UPSTREAM")
    args = parser.parse_args(argv)
    if args.command == "drift":
        return drift.run(args)
    if args.command == "adopt":
        return adopt.run(args)
    if args.command == "snapshot":
        from codegen.drift.errors import DocumentError
        from codegen.snapshot import write_snapshot

        try:
            written = write_snapshot(args.upstream)
        except DocumentError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"wrote {written.relative_to(written.parents[2])}")
        return 0

    from codegen import generate, validate

    try:
        if args.command == "generate":
            generate.generate()
            return 0
        if args.command == "check-generated":
            return generate.check_generated()
        return validate.validate_spec()
    except generate.GenerationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
