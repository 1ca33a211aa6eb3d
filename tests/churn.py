"""Churn for the paging guarantee: changes a busy inbox makes to its list between two
requests, aimed where they hurt an iterator most.

A `Churn` is a ListServer `between` callback. Before each request (after the first) it
makes `per_request` changes (the fractional part is a probability), each a bump (a new
message: the conversation changes and moves to the head), a touch (a change in place),
a deletion or an arrival, aimed at:
- "head": the ten newest conversations, where a busy inbox changes;
- "marks": what an iterator can hold on to between requests: the conversations of the
  first page it read, and the first and last few of every page it read since, the
  shallowest ones first (the ones a sweep of the head would meet first);
- "anywhere": any conversation.

`run_churn` runs one iteration against it over real HTTP and returns what was lost
(existed from the first request to the last, never yielded) and repeated.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tests.list_server import ConversationList, ListServer
from tests.scripted_server import ScriptedServer

AIMS = ("head", "marks", "anywhere")
KINDS = ("bump", "touch", "delete", "insert")
# How many items of each page a "marks" churn aims at (from its start and its end).
EDGE = 8


class Churn:
    def __init__(
        self,
        seed: int,
        per_request: float,
        aims: Sequence[str] = AIMS,
        kinds: Sequence[str] = KINDS,
    ) -> None:
        self.seed = seed
        self.random = random.Random(seed)  # noqa: S311 (a test's churn, not a secret)
        self.per_request = per_request
        self.aims = tuple(aims)
        self.kinds = tuple(kinds)
        self.changes = 0

    def __call__(self, lst: ConversationList) -> None:
        whole = int(self.per_request)
        count = whole + (self.random.random() < self.per_request - whole)
        for _ in range(count):
            kind = self.random.choice(self.kinds)
            self.changes += 1
            if kind == "insert":
                lst.insert(1)
                continue
            index = self._index(lst, self.random.choice(self.aims))
            if index is not None:
                getattr(lst, kind)(index)

    def _index(self, lst: ConversationList, aim: str) -> int | None:
        uuids = lst.uuids()
        if not uuids:
            return None
        if aim == "head":
            return self.random.randrange(min(len(uuids), 10))
        if aim == "marks":
            held = set(lst.pages[0]) if lst.pages else set()
            for page in lst.pages[1:]:
                held.update(page[:EDGE] + page[-EDGE:])
            positions = sorted(i for i, uuid in enumerate(uuids) if uuid in held)
            if positions:
                # Half the time the shallowest mark, else any of them.
                if self.random.random() < 0.5:
                    return positions[0]
                return self.random.choice(positions)
        return self.random.randrange(len(uuids))


@dataclass
class Outcome:
    lost: list[str]
    repeated: int
    requests: int
    existed_throughout: int


def run_churn(
    server: ScriptedServer,
    iterate: Callable[[ScriptedServer, str, int], list[str]],
    *,
    size: int,
    page_size: int,
    mode: str,
    churn: Churn,
) -> Outcome:
    """One iteration (`iterate(server, mode, page_size)`) of a list of `size` under `churn`."""
    lister = ListServer(ConversationList(size), churn)
    server.set_fallback(lister.serve)
    got = iterate(server, mode, page_size)
    throughout = lister.existed_throughout()
    yielded = set(got)
    return Outcome(
        lost=[uuid for uuid in throughout if uuid not in yielded],
        repeated=len(got) - len(yielded),
        requests=len(lister.list.served),
        existed_throughout=len(throughout),
    )
