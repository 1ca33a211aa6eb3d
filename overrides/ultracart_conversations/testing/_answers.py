"""The answers of operations the fake has no written behaviour for: built from the
operation's documented 2xx schema, stateless and deterministic (the same request gets
the same answer), like an OpenAPI mock server. A newly adopted operation works against
the fake on the day it is generated.

UltraCart's conventions the built answers keep:
- the envelope of a call that worked: `success` is true, and there is no `error` or
  `warning` (a client reports a warning it is sent);
- a paginated operation (x-pagination) serves a small list that holds still: the same
  items whatever the page size, sliced by the limit and offset asked for, with a
  result set that says so (count, limit, offset, more, next_offset, total_records).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Mapping
from functools import cache
from typing import Any

from ultracart_conversations._operation import Operation

from ._http import Reply, json_reply
from ._schema import Schemas

# How many items the list of a paginated operation holds.
LIST_LENGTH = 3
# Properties of a top-level answer that a call that worked leaves out.
_LEFT_OUT = frozenset({"error", "warning"})


@cache
def schemas() -> tuple[Schemas, Mapping[str, Any]]:
    """The generated schemas (imported on first use: the client never needs them)."""
    from ultracart_conversations_api.schemas import OPERATION_SCHEMAS, SCHEMAS

    return Schemas(SCHEMAS), OPERATION_SCHEMAS


def _seed(*parts: object) -> random.Random:
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    return random.Random(seed)  # noqa: S311 (sample data, not secrets)


def built_answer(operation: Operation[Any], params: Mapping[str, Any], body: Any) -> Reply:
    """The answer to a checked request (`params` by spec name, `body` decoded)."""
    compiled, per_operation = schemas()
    responses: dict[int, str | None] = per_operation[operation.operation_id]["responses"]
    with_body = [s for s, name in responses.items() if name is not None]
    if not with_body:
        status = 204 if 204 in responses else min(responses)
        return Reply(status)
    status = min(with_body)
    schema_name = responses[status]
    paging = operation.pagination
    moving = {paging.limit, paging.offset} if paging else set()
    steady = {k: v for k, v in params.items() if k not in moving}
    rng = _seed(operation.operation_id, steady, body)
    answer = compiled.build({"$ref": schema_name}, rng)
    if isinstance(answer, dict):
        for name in _LEFT_OUT:
            answer.pop(name, None)
        if isinstance(answer.get("success"), bool):
            answer["success"] = True
        if paging is not None:
            _page(compiled, operation, schema_name, answer, params, rng)
    return json_reply(status, answer)


def _page(
    compiled: Schemas,
    operation: Operation[Any],
    schema_name: str | None,
    answer: dict[str, Any],
    params: Mapping[str, Any],
    rng: random.Random,
) -> None:
    """Make `answer` the page at the requested offset of a list that holds still."""
    paging = operation.pagination
    assert paging is not None
    schema = compiled.resolve({"$ref": schema_name})
    items_schema = compiled.resolve((schema.get("properties") or {}).get(paging.items, {}))
    item_schema = items_schema.get("items", {})
    listed = []
    for index in range(LIST_LENGTH):
        item = compiled.build(item_schema, rng, paging.items, 1)
        if isinstance(item, dict):  # distinct ids (codegen makes sure the id is a string)
            item[paging.item_id] = f"{operation.operation_id}-{index + 1}"
        listed.append(item)
    limit, offset = params.get(paging.limit), params.get(paging.offset)
    limit = limit if isinstance(limit, int) else paging.max_page_size
    offset = offset if isinstance(offset, int) else 0
    page = listed[offset : offset + limit]
    answer[paging.items] = page
    holder = answer
    for part in paging.result_set[:-1]:
        holder = holder.setdefault(part, {})
        if not isinstance(holder, dict):
            return
    result_set = holder.get(paging.result_set[-1])
    if not isinstance(result_set, dict):
        result_set = holder[paging.result_set[-1]] = {}
    node: Any = schema
    for part in paging.result_set:
        node = compiled.resolve((node.get("properties") or {}).get(part, {}))
    declared = node.get("properties") or {}
    known = {
        "count": len(page),
        "limit": limit,
        "offset": offset,
        "more": offset + len(page) < len(listed),
        "next_offset": offset + len(page),
        "total_records": len(listed),
    }
    for key, value in known.items():
        if key in declared:
            result_set[key] = value
