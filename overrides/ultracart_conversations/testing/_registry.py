"""How the fake's written behaviours are keyed to the operations of openapi.yaml.

A behaviour declares the operationId it answers, the parameters and body fields it
reads (with their JSON types) and the statuses it answers with. `mismatches()` compares
the declarations with the generated descriptors: a behaviour whose operation was renamed
or removed, or whose parameter changed type or disappeared, is named there (a test keeps
the list empty) instead of silently turning into a 501 or a 500. The fake itself drops
such a behaviour at start-up, with a warning naming it, and answers that operation from
its schema like any other.

A behaviour is handed only what it declared: reading anything else is a KeyError (a 500
that names the fake), so the declarations stay true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ultracart_conversations._operation import Operation

from ._http import Reply

if TYPE_CHECKING:
    from ._server import FakeUltraCart


@dataclass
class Call:
    """An API request that passed the spec's checks: the parameters the behaviour
    declared, by spec name (converted to their types, spec defaults filled in), and the
    body fields it declared (None without a body)."""

    params: dict[str, Any]
    body: dict[str, Any] | None


@dataclass(frozen=True)
class Behaviour:
    operation_id: str
    answer: Callable[[FakeUltraCart, Call], Reply]
    params: Mapping[str, str] = field(default_factory=dict)  # spec name -> JSON type
    body: Mapping[str, str] | None = None  # body field -> JSON type; None: reads no body
    statuses: tuple[int, ...] = (200,)  # the 2xx statuses it answers with

    def call(self, params: Mapping[str, Any], body: Mapping[str, Any] | None) -> Call:
        chosen = {name: params[name] for name in self.params if name in params}
        if body is None or self.body is None:
            return Call(chosen, None)
        return Call(chosen, {name: body[name] for name in self.body if name in body})


# operationId -> its written behaviour.
BEHAVIOURS: dict[str, Behaviour] = {}


def behaviour(
    operation_id: str,
    *,
    params: Mapping[str, str] | None = None,
    body: Mapping[str, str] | None = None,
    statuses: tuple[int, ...] = (200,),
) -> Callable[[Callable[[FakeUltraCart, Call], Reply]], Callable[[FakeUltraCart, Call], Reply]]:
    """Register the decorated function as the behaviour of `operation_id`."""

    def register(
        answer: Callable[[FakeUltraCart, Call], Reply],
    ) -> Callable[[FakeUltraCart, Call], Reply]:
        BEHAVIOURS[operation_id] = Behaviour(operation_id, answer, params or {}, body, statuses)
        return answer

    return register


def mismatches(
    behaviours: Iterable[Behaviour], operations: Iterable[Operation[Any]]
) -> dict[str, list[str]]:
    """operationId -> what no longer holds of its behaviour's declaration (only those
    with something)."""
    by_id = {operation.operation_id: operation for operation in operations}
    found: dict[str, list[str]] = {}
    for behaviour in behaviours:
        problems = _problems(behaviour, by_id.get(behaviour.operation_id))
        if problems:
            found[behaviour.operation_id] = problems
    return found


def _problems(behaviour: Behaviour, operation: Operation[Any] | None) -> list[str]:
    name = behaviour.operation_id
    if operation is None:
        return [f"openapi.yaml has no operation {name} (renamed or removed?)"]
    problems = []
    kinds = {p.name: p.kind for p in operation.parameters}
    for param, kind in behaviour.params.items():
        if param not in kinds:
            problems.append(f"{name} has no parameter {param} any more")
        elif kinds[param] != kind:
            problems.append(f"{name}'s parameter {param} is now of type {kinds[param]}, not {kind}")
    if behaviour.body is not None:
        if operation.body is None:
            problems.append(f"{name} takes no request body any more")
        else:
            fields = {f.name: f.kind for f in operation.body.fields}
            for body_field, kind in behaviour.body.items():
                if body_field not in fields:
                    problems.append(f"{name}'s body has no field {body_field} any more")
                elif fields[body_field] != kind:
                    problems.append(
                        f"{name}'s body field {body_field} is now of type "
                        f"{fields[body_field]}, not {kind}"
                    )
    for status in behaviour.statuses:
        if status not in operation.responses:
            problems.append(f"{name} does not document the {status} it answers")
    return problems
