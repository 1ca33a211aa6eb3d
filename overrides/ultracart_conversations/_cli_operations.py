"""The command line's operation commands, derived from the generated descriptors: every
operation of openapi.yaml is a subcommand (named by its `x-cli` command), its path
parameters are positional arguments, its other parameters and its body's properties are
flags, and its result is printed as JSON (`--json`) or as readable text. A paginated
operation walks every page (`--limit` items at most, `--page-size` a request) and prints
a table of its items. A new operation or parameter in openapi.yaml shows here after
`make generate`, with no edit.
"""

from __future__ import annotations

import argparse
import json
import re
import warnings
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from ultracart_conversations._operation import MISSING, ApiResponse, Operation, Parameter
from ultracart_conversations._parse import UnreadableJSON, parse_json
from ultracart_conversations._reading import from_dict_strictly
from ultracart_conversations_api.operations import OPERATIONS, SENSITIVE_FIELDS

# Server text goes to a terminal: no escape sequences or other control characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class UsageError(Exception):
    """Bad arguments or configuration: reported as one line, exit status 2."""


def printable(value: object) -> str:
    return _CONTROL.sub("?", str(value))


# JSON escapes C0 controls itself, but not DEL and C1 (CSI, OSC...), which terminals obey.
_UNESCAPED_CONTROL = re.compile(r"[\x7f-\x9f]")


def json_text(value: object, indent: int | None = None) -> str:
    """`value` as JSON for the terminal: non-ASCII text kept readable, every control
    character escaped (JSON's own syntax is ASCII, so they can only be in strings)."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _UNESCAPED_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _help(text: str, deprecated: bool = False) -> str | None:
    """Help text for argparse, which %-formats it: a `%` in the spec's prose must not
    break --help."""
    text = ("(deprecated) " + text).strip() if deprecated else text
    return text.replace("%", "%%") or None


def _boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


_CONVERTERS: dict[str, Any] = {"integer": int, "number": float, "boolean": _boolean}
# What a value looks like, in the words of someone typing it.
_METAVARS = {"integer": "N", "number": "NUMBER", "boolean": "true|false", "string": "TEXT"}


def _converter(kind: str) -> Any:
    return _CONVERTERS.get(kind, str)


def _metavar(kind: str, value_format: str | None = None) -> str:
    if value_format in ("date-time", "dateTime"):
        return "DATETIME"
    return _METAVARS.get(kind, "TEXT")


def _listed_parameters(operation: Operation[Any]) -> list[Parameter]:
    """The parameters that are flags (a paginated command sets limit/offset itself)."""
    return [p for p in operation.arguments if p.flag]


def add_operation_commands(
    commands: Any, parents: Sequence[argparse.ArgumentParser], parser_class: type[Any]
) -> None:
    """One subcommand per operation, under `commands` (argparse subparsers). A command
    that cannot be built (argparse refuses a flag) is still listed, and says why when
    run: one odd operation never takes the others' --help down with it."""
    for operation in OPERATIONS:
        command = operation.cli.command if operation.cli else _kebab(operation.python_name)
        summary = operation.summary or operation.operation_id
        sub = commands.add_parser(
            command,
            parents=list(parents),
            help=_help(summary, operation.deprecated),
            description=_help(summary, operation.deprecated),
            allow_abbrev=False,  # a flag added to the spec later must not change a short one
        )
        sub.set_defaults(operation=operation, broken=None)
        try:
            _add_arguments(sub, operation)
        except (argparse.ArgumentError, ValueError, TypeError) as exc:
            sub.set_defaults(broken=f"the {command} command cannot be built: {exc}")


def _add_arguments(sub: argparse.ArgumentParser, operation: Operation[Any]) -> None:
    for parameter in operation.path_parameters:
        sub.add_argument(
            "path_" + parameter.python_name,
            metavar=parameter.python_name.upper(),
            type=_converter(parameter.kind),
            choices=parameter.enum,
            help=_help(parameter.description, parameter.deprecated),
        )
    if operation.pagination is not None:
        sub.add_argument(
            "--limit", type=int, dest="max_items", metavar="N", help="stop after N items"
        )
        sub.add_argument(
            "--page-size",
            type=int,
            metavar="N",
            default=operation.pagination.max_page_size,
            help=f"items a request (1..{operation.pagination.max_page_size})",
        )
        sub.add_argument(
            "--json-lines",
            action="store_true",
            help="one JSON object a line instead of a JSON array (implies --json)",
        )
    for parameter in _listed_parameters(operation):
        sub.add_argument(
            parameter.flag,
            dest="param_" + parameter.python_name,
            type=_converter(parameter.kind),
            choices=parameter.enum,
            metavar=None if parameter.enum else _metavar(parameter.kind, parameter.format),
            required=parameter.required and parameter.default is MISSING,
            help=_help(parameter.description, parameter.deprecated),
        )
    if operation.body is not None:
        _add_body_flags(sub, operation)


def _add_body_flags(sub: argparse.ArgumentParser, operation: Operation[Any]) -> None:
    assert operation.body is not None
    group = sub.add_argument_group(f"request body ({operation.body.model_name})")
    group.add_argument(
        "--body",
        dest="body_json",
        metavar="JSON",
        help="the whole body as a JSON object; the flags below set or override its fields",
    )
    for field in operation.body.fields:
        if not field.flag:
            continue  # objects and arrays of objects: through --body only
        dest = "field_" + field.name
        about = _help(field.description)
        if field.kind == "boolean":
            group.add_argument(
                field.flag, dest=dest, action=argparse.BooleanOptionalAction, help=about
            )
        elif field.kind == "array":
            group.add_argument(
                field.flag,
                dest=dest,
                action="append",
                type=_converter(field.items or "string"),
                metavar=_metavar(field.items or "string"),
                help=(about or "") + " (repeatable)",
            )
        else:
            group.add_argument(
                field.flag,
                dest=dest,
                type=_converter(field.kind),
                metavar=_metavar(field.kind),
                help=about,
            )


def _body(args: argparse.Namespace, operation: Operation[Any]) -> Any:
    spec = operation.body
    assert spec is not None
    document: dict[str, Any] = {}
    if args.body_json is not None:
        try:
            given = parse_json(args.body_json)
        except UnreadableJSON as exc:
            raise UsageError(f"--body is {exc}") from None
        if not isinstance(given, dict):
            raise UsageError("--body must be a JSON object")
        document.update(given)
    for field in spec.fields:
        value = getattr(args, "field_" + field.name, None)
        if value is not None:
            document[field.name] = value
    if not document and not spec.required:
        return None
    try:
        return from_dict_strictly(spec.model, document)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        raise UsageError(f"--body: {str(exc)[:200] or type(exc).__name__}") from None


def call_arguments(
    args: argparse.Namespace, operation: Operation[Any]
) -> tuple[list[Any], dict[str, Any]]:
    """The positional and keyword arguments of the client method for these flags."""
    positional: list[Any] = [
        getattr(args, "path_" + p.python_name) for p in operation.path_parameters
    ]
    keywords: dict[str, Any] = {}
    for parameter in _listed_parameters(operation):
        value = getattr(args, "param_" + parameter.python_name)
        if value is not None:
            keywords[parameter.python_name] = value
    if operation.body is not None:
        body = _body(args, operation)
        if operation.body.required:
            positional.append(body)
        else:
            keywords[operation.body.python_name] = body
    return positional, keywords


# --- output ------------------------------------------------------------------------------


def _cell(value: object, width: int) -> str:
    text = "" if value is None else " ".join(printable(value).split())
    # ASCII, so that any terminal encoding can print it.
    text = text.encode("ascii", "replace").decode("ascii")
    return text if len(text) <= width else text[: width - 3] + "..."


def _row(values: Sequence[object], widths: Sequence[int]) -> str:
    return "  ".join(_cell(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()


def _masked(name: str, value: object) -> object:
    if name in SENSITIVE_FIELDS and isinstance(value, str) and value:
        return f"{value[:12]}... ({len(value)} characters; --json shows it in full)"
    return value


def render(value: object, indent: str = "") -> Iterator[str]:
    """A JSON-shaped value as readable lines: `key: value`, nested blocks indented,
    credentials (x-sensitive) shortened."""
    if isinstance(value, dict):
        for key, item in value.items():
            item = _masked(key, item)
            if item == {} or item == []:
                continue  # an empty envelope part says nothing
            if isinstance(item, dict) and item:
                yield f"{indent}{printable(key)}:"
                yield from render(item, indent + "  ")
            elif isinstance(item, list) and any(isinstance(i, dict | list) for i in item):
                yield f"{indent}{printable(key)} ({len(item)}):"
                for element in item:
                    lines = list(render(element, indent + "    "))
                    if lines:
                        yield indent + "  - " + lines[0].lstrip()
                        yield from lines[1:]
            elif isinstance(item, list):
                yield f"{indent}{printable(key)}: {', '.join(printable(i) for i in item)}"
            else:
                yield f"{indent}{printable(key)}: {_scalar(item)}"
    elif isinstance(value, list):
        for element in value:
            yield f"{indent}- {_scalar(element)}"
    else:
        yield indent + _scalar(value)


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return printable(value)


class Progress:
    """A transient "fetching..." line on stderr while the next page is on its way.

    Only when both stdout and stderr are terminals: piped output stays clean.
    """

    def __init__(self, stream: TextIO, enabled: bool, noun: str) -> None:
        self.stream = stream
        self.enabled = enabled
        self.noun = noun
        self.shown = False

    def show(self, fetched: int) -> None:
        if self.enabled:
            self.stream.write(f"\r\x1b[Kfetching {self.noun}... {fetched} so far")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _with_progress(items: Iterator[Any], progress: Progress, page_size: int) -> Iterator[Any]:
    fetched = 0
    while True:
        if fetched % page_size == 0:  # the next item may need a request
            progress.show(fetched)
        try:
            item = next(items)
        except StopIteration:
            progress.clear()
            return
        progress.clear()
        fetched += 1
        yield item


class Output:
    def __init__(self, out: TextIO, err: TextIO, as_json: bool) -> None:
        self.out = out
        self.err = err
        self.as_json = as_json

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def print_json(self, value: object) -> None:
        self.print(json_text(value, indent=2))


def run_operation(args: argparse.Namespace, api: Any, output: Output) -> None:
    operation: Operation[Any] = args.operation
    if args.broken:
        raise UsageError(args.broken)
    positional, keywords = call_arguments(args, operation)
    with warnings.catch_warnings():
        # A deprecated operation or flag says so (one line on stderr, see cli.py).
        warnings.simplefilter("default", DeprecationWarning)
        if operation.pagination is not None:
            _run_listing(args, api, output, operation, positional, keywords)
        else:
            _run_call(api, output, operation, positional, keywords)


def _run_call(
    api: Any,
    output: Output,
    operation: Operation[Any],
    positional: list[Any],
    keywords: dict[str, Any],
) -> None:
    answer: ApiResponse[Any] = getattr(api, operation.python_name + "_with_http_info")(
        *positional, **keywords
    )
    data = answer.data
    if data is None:
        outcome = {"operation": operation.operation_id, "status": answer.status_code}
        if output.as_json:
            output.print_json(outcome)
        else:
            what = operation.summary or operation.operation_id
            output.print(f"{printable(what)}: done (HTTP {answer.status_code}).")
        return
    document = data.to_dict()
    if output.as_json:
        output.print_json(document)  # asked for explicitly: credentials in full
    else:
        for line in render(document):
            output.print(line)


def _run_listing(
    args: argparse.Namespace,
    api: Any,
    output: Output,
    operation: Operation[Any],
    positional: list[Any],
    keywords: dict[str, Any],
) -> None:
    paging = operation.pagination
    assert paging is not None
    if args.max_items is not None and args.max_items < 1:
        raise UsageError("--limit must be 1 or more")
    if not 1 <= args.page_size <= paging.max_page_size:
        raise UsageError(f"--page-size must be from 1 to {paging.max_page_size}")
    noun = paging.items.replace("_", " ")
    progress = Progress(output.err, output.out.isatty() and output.err.isatty(), noun)
    iterate = getattr(api, paging.iterator)
    items = _with_progress(
        iter(iterate(*positional, page_size=args.page_size, max_items=args.max_items, **keywords)),
        progress,
        args.page_size,
    )
    out = output.out
    count = 0
    if args.json_lines:
        for item in items:
            output.print(json_text(item.to_dict()))
            out.flush()
        return
    if output.as_json:
        # A JSON array, written as it arrives rather than built in memory first.
        out.write("[")
        for item in items:
            out.write(("," if count else "") + "\n  " + json_text(item.to_dict()))
            count += 1
        output.print("\n]" if count else "]")
        return
    columns: Sequence[str] = operation.cli.columns if operation.cli else ()
    widths: list[int] = []
    for item in items:
        document = item.to_dict()
        if not count:  # not before the first page: a failed call prints no orphan header
            if not columns:
                columns = [k for k, v in document.items() if not isinstance(v, dict | list)]
            titles = [name.upper().replace("_", " ") for name in columns]
            # A short title is shown whole; a long one is cut like any cell.
            widths = [
                max(_width(name), len(title) if len(title) <= 16 else 0)
                for name, title in zip(columns, titles, strict=True)
            ]
            output.print(_row(titles, widths))
        output.print(_row([_scalar(_masked(name, document.get(name))) for name in columns], widths))
        count += 1
        if count % 50 == 0:
            out.flush()
    singular = noun[:-1] if noun.endswith("s") else noun
    output.print(f"{chr(10) if count else ''}{count} {singular if count == 1 else noun}")


def _width(column: str) -> int:
    """A column's width: enough for a uuid or a date, short for counts, flags and codes."""
    if column.endswith("_uuid"):
        return 36
    if column.endswith("_dts"):
        return 25
    if column.endswith(("_count", "_messages")) or column.startswith(("is_", "has_")):
        return 6
    if column.endswith("_body"):
        return 40
    return 24 if "name" in column else 10
