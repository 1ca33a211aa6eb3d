"""Export every conversation summary to a JSON Lines file, newest first, within a deadline.

    python examples/nightly_export.py export.jsonl [--deadline SECONDS] [--resume OFFSET]

A nightly job must end: `deadline=` bounds the whole read, waits on the rate limit
included. When it is reached, the summaries read so far are kept and the job says where
to resume (exit status 3), so tomorrow's run, or a retry, can go on from there.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ultracart_conversations import ConversationApi, DeadlineExceededError


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--deadline", type=float, default=3600.0, help="seconds (default 1 h)")
    args = parser.parse_args(argv)

    written = 0
    with ConversationApi.from_env() as api, args.output.open("w", encoding="utf-8") as out:
        try:
            for summary in api.iter_conversations(page_size=200, deadline=args.deadline):
                out.write(json.dumps(summary.to_dict(), sort_keys=True) + "\n")
                written += 1
        except DeadlineExceededError as stopped:
            print(
                f"deadline reached after {stopped.items} conversations; "
                f"the next page starts at offset {stopped.next_offset}",
                file=sys.stderr,
            )
            return 3
    print(f"exported {written} conversations to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
