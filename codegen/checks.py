"""Names that would collide once the operations are Python methods, constants and
command-line flags: refused at generate time, each with the fix, instead of a method
silently replacing another or a CLI that cannot build its parser.

Also gives every CLI parameter and body field its flag: `--<name>`, or, where that
would shadow one of the command line's own options (config.yaml's `cli`), a namespaced
one (`--param-timeout`, `--body-timeout`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from codegen.model import Op, Param
from codegen.names import METHOD_KEYWORDS, client_attributes, kebab
from codegen.problems import Problems

# Names operations.py defines besides one constant per operation.
MODULE_CONSTANTS = frozenset({"OPERATIONS", "SENSITIVE_FIELDS", "TYPE_CHECKING"})
_FLAG = re.compile(r"--[a-z0-9][a-z0-9-]*")
_FIX_OPERATION = "give one of them x-python-name (or rename its operationId)"


def check_names(ops: list[Op], config: dict[str, Any], problems: Problems) -> None:
    _check_operation_ids(ops, problems)
    _check_methods(ops, problems)
    for op in ops:
        _check_arguments(op, problems)
    cli = config.get("cli") or {}
    _check_commands(ops, cli, problems)
    for op in ops:
        assign_flags(op, cli, problems)


def _check_operation_ids(ops: list[Op], problems: Problems) -> None:
    first: dict[str, Op] = {}
    for op in ops:
        other = first.setdefault(op.operation_id, op)
        if other is not op:
            problems.add(
                op.operation_id,
                op.pointer,
                f"operationId {op.operation_id} is also the operationId of {other.pointer}",
                "operationIds must be unique",
            )


def _check_methods(ops: list[Op], problems: Problems) -> None:
    """One namespace: the clients' methods (plain, _with_http_info, iter_*) and
    attributes, and operations.py's constants."""
    owners: dict[str, list[str]] = defaultdict(list)
    for op in ops:
        names = [op.name, op.name + "_with_http_info"]
        if op.pagination is not None:
            names.append(op.iter_name)
        for name in names:
            owners[name].append(op.operation_id)
        owners["constant " + op.constant].append(op.operation_id)
    taken = client_attributes()
    by_id = {op.operation_id: op for op in ops}
    clashes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, operation_ids in owners.items():
        op = by_id[operation_ids[0]]
        for other in operation_ids[1:]:
            clashes[(operation_ids[0], other)].append(name)
        if name in taken:
            problems.add(
                op.operation_id,
                op.pointer,
                f"the method {name} would replace the clients' own {name}",
                "give the operation x-python-name (or x-pagination iterator) of another name",
            )
        elif name.startswith("constant ") and name.split(" ", 1)[1] in MODULE_CONSTANTS:
            problems.add(
                op.operation_id,
                op.pointer,
                f"the descriptor {name.split(' ', 1)[1]} would replace operations.py's own",
                "give the operation x-python-name",
            )
    for (first, other), names in clashes.items():
        op = by_id[first]
        problems.add(
            op.operation_id,
            op.pointer,
            f"{first} and {other} ({by_id[other].pointer}) would both generate {', '.join(names)}",
            _FIX_OPERATION,
        )


def _check_arguments(op: Op, problems: Problems) -> None:
    """A method's arguments: distinct, and none named like the keywords the generated
    methods take themselves (`deadline`, `page_size`...)."""
    arguments: dict[str, str] = {}
    for param in op.path_params + op.keyword_params:
        what = f"the {param.location} parameter {param.name}"
        if param.python_name in METHOD_KEYWORDS:
            problems.add(
                op.operation_id,
                op.pointer,
                f"{what} would be the argument {param.python_name}, which the generated methods take themselves",
                "give the parameter x-python-name",
            )
        elif param.python_name in arguments:
            problems.add(
                op.operation_id,
                op.pointer,
                f"{what} and {arguments[param.python_name]} would both be the argument {param.python_name}",
                "give one of them x-python-name",
            )
        arguments.setdefault(param.python_name, what)
    if op.body is not None:
        name = op.body.python_name
        if name in arguments or name in METHOD_KEYWORDS:
            problems.add(
                op.operation_id,
                op.pointer + "/requestBody",
                f"the request body would be the argument {name}, like "
                f"{arguments.get(name, 'a keyword of the generated methods')}",
                "set x-codegen-request-body-name to another name",
            )


def _check_commands(ops: list[Op], cli: dict[str, Any], problems: Problems) -> None:
    reserved = set(cli.get("reserved_commands") or ())
    first: dict[str, Op] = {}
    for op in ops:
        command = op.cli["command"]
        if command in reserved:
            problems.add(
                op.operation_id,
                op.pointer,
                f"the CLI command {command} is one of the command line's own",
                "set x-cli command to another name",
            )
        other = first.setdefault(command, op)
        if other is not op:
            problems.add(
                op.operation_id,
                op.pointer,
                f"{other.operation_id} and {op.operation_id} would both be the CLI command {command}",
                "set x-cli command on one of them",
            )


def _word(name: str) -> str:
    """A flag's word for a spec name: `conversationArn` -> `conversation-arn`."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", name)
    text = re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-").lower()
    return text or "value"


def listed_parameters(op: Op) -> list[Param]:
    """The parameters that are flags (a paginated command sets limit/offset itself)."""
    if op.pagination is None:
        return op.keyword_params
    return op.filters


def assign_flags(op: Op, cli: dict[str, Any], problems: Problems) -> None:
    """Give each flag-able parameter and body field its flag (see the module docstring)."""
    custom: dict[str, str] = op.cli.get("flags", {})
    taken = set(cli.get("reserved_flags") or ()) | {"--help"}
    if op.pagination is not None:
        taken |= set(cli.get("paging_flags") or ())
    owner = {flag: "the command line's own option" for flag in taken}

    def claim(name: str, plain: str, namespace: str, what: str) -> str | None:
        flag = custom.get(name) or plain
        if flag in taken and name not in custom:
            flag = f"--{namespace}-{plain[2:]}"
        names = [flag, "--no-" + flag[2:]] if what.startswith("boolean") else [flag]
        if not _FLAG.fullmatch(flag):
            problems.add(op.operation_id, op.pointer + "/x-cli", f"{flag!r} is not a flag")
            return None
        clash = next((n for n in names if n in taken), None)
        if clash is not None:
            problems.add(
                op.operation_id,
                op.pointer,
                f"the CLI flag {clash} of {what} {name} is also {owner[clash]}",
                f"set x-cli flags: {{{name}: --another-name}}",
            )
            return None
        taken.update(names)
        owner.update(dict.fromkeys(names, f"the flag of {what} {name}"))
        return flag

    for param in listed_parameters(op):
        param.flag = claim(param.name, "--" + kebab(param.python_name.rstrip("_")), "param",
                           "parameter") or ""  # fmt: skip
    if op.body is None:
        return
    for field in op.body.fields:
        if field.kind in ("string", "integer", "number") or (
            field.kind == "array" and field.items in ("string", "integer", "number")
        ):
            field.flag = claim(field.name, "--" + _word(field.name), "body", "body field")
        elif field.kind == "boolean":
            field.flag = claim(field.name, "--" + _word(field.name), "body", "boolean body field")
