"""The `ultracart-conversations` command (also `python -m ultracart_conversations`).

Credentials come from ULTRACART_SIMPLE_KEY or ULTRACART_ACCESS_TOKEN, or from a file
(`--simple-key-file`, `--access-token-file`, `-` for stdin): never from a flag's value,
which would land in shell history. Human output by default, `--json` for scripts.
Every failure is one line on stderr and a non-zero exit status:
1 the API or the network failed, 2 bad usage or configuration, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import FrameType
from typing import IO, Any, NoReturn, TextIO

from ultracart_conversations._defaults import ENV_ACCESS_TOKEN, ENV_BASE_URL, ENV_SIMPLE_KEY
from ultracart_conversations.errors import (
    APIConnectionError,
    ApiError,
    AuthenticationError,
    InvalidRequestError,
    RateLimitError,
)

EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
PROG = "ultracart-conversations"


class UsageError(Exception):
    """Bad arguments or configuration: reported as one line, exit status 2."""


# --- argument parsing ----------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (pointing at --help), not a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _connection_options() -> _Parser:
    # Accepted before or after the command; SUPPRESS keeps a sub-command's parser from
    # overwriting a value given before the command with its default.
    common = _Parser(add_help=False)
    group = common.add_argument_group("connection")
    group.add_argument(
        "--base-url",
        default=argparse.SUPPRESS,
        help=f"API base URL (default: ${ENV_BASE_URL} or UltraCart's production URL)",
    )
    group.add_argument(
        "--simple-key-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=f"read the simple key from FILE ('-': stdin) instead of ${ENV_SIMPLE_KEY}",
    )
    group.add_argument(
        "--access-token-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=f"read an OAuth access token from FILE ('-': stdin) instead of ${ENV_ACCESS_TOKEN}",
    )
    group.add_argument(
        "--timeout", type=float, default=argparse.SUPPRESS, help="seconds per request"
    )
    group.add_argument(
        "--max-retries",
        type=int,
        default=argparse.SUPPRESS,
        help="retries of a rate-limited or failed call (default 2)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _connection_options()
    output = _Parser(add_help=False)
    output.add_argument("--json", action="store_true", help="machine-readable JSON output")
    parser = _Parser(
        prog=PROG,
        description="UltraCart Conversation API from the command line.",
        parents=[common],
        epilog=(
            f"Credentials: ${ENV_SIMPLE_KEY} or ${ENV_ACCESS_TOKEN} (or the *-file options). "
            "Try it without an UltraCart account: run `fake-server` in one terminal and "
            "use the base_url and simple_key it prints."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    listing = commands.add_parser(
        "list", parents=[common, output], help="list conversations, newest first (all pages)"
    )
    listing.add_argument("--limit", type=int, help="stop after N conversations")
    listing.add_argument(
        "--page-size", type=int, default=200, help="conversations per request (1..200)"
    )
    listing.add_argument(
        "--json-lines",
        action="store_true",
        help="one JSON object a line instead of a JSON array (implies --json)",
    )
    for name, about in (
        ("get", "show a conversation: participants and messages"),
        ("join", "join a conversation as the API's agent"),
        ("leave", "leave a conversation"),
    ):
        command = commands.add_parser(name, parents=[common, output], help=about)
        command.add_argument("uuid", metavar="UUID", help="the conversation's uuid")
    start = commands.add_parser("start", parents=[common, output], help="start a conversation")
    start.add_argument("--conversation-arn", required=True, metavar="ARN")
    start.add_argument(
        "--participant-arn",
        action="append",
        default=[],
        metavar="ARN",
        help="add a participant (repeatable)",
    )
    commands.add_parser(
        "agent-auth",
        parents=[common, output],
        help="get a JWT for an agent's websocket (shown in full only with --json)",
    )
    upload = commands.add_parser(
        "upload-url", parents=[common, output], help="ask for a presigned media upload URL"
    )
    upload.add_argument("extension", metavar="EXT", help="file extension, e.g. jpg")
    fake = commands.add_parser(
        "fake-server",
        help="run a fake UltraCart on 127.0.0.1 for trying things out (Ctrl-C stops it)",
    )
    fake.add_argument("--port", type=int, default=0, help="port (default: any free one)")
    fake.add_argument("--seed", type=int, default=0, help="seed of the sample data")
    fake.add_argument("--conversations", type=int, default=25, help="how many sample conversations")
    return parser


# --- credentials and the client ----------------------------------------------------------


def _read_secret(path: str, what: str, stdin: TextIO) -> str:
    try:
        if path == "-":
            text = stdin.read()
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as e:
        raise UsageError(f"cannot read the {what} file {path}: {e.strerror}") from None
    value = text.strip()
    if not value:
        raise UsageError(f"the {what} file {path} is empty")
    return value


def client_settings(
    args: argparse.Namespace, environ: Mapping[str, str], stdin: TextIO
) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    key_file = getattr(args, "simple_key_file", None)
    token_file = getattr(args, "access_token_file", None)
    if key_file and token_file:
        raise UsageError("give only one of --simple-key-file and --access-token-file")
    if key_file:
        settings["simple_key"] = _read_secret(key_file, "simple key", stdin)
    elif token_file:
        settings["access_token"] = _read_secret(token_file, "access token", stdin)
    else:
        key = environ.get(ENV_SIMPLE_KEY, "").strip()
        token = environ.get(ENV_ACCESS_TOKEN, "").strip()
        if key and token:
            raise UsageError(f"both ${ENV_SIMPLE_KEY} and ${ENV_ACCESS_TOKEN} are set; unset one")
        if key:
            settings["simple_key"] = key
        elif token:
            settings["access_token"] = token
        else:
            raise UsageError(
                f"no credentials: set ${ENV_SIMPLE_KEY} (or ${ENV_ACCESS_TOKEN}), "
                "or use --simple-key-file / --access-token-file"
            )
    base_url = getattr(args, "base_url", None) or environ.get(ENV_BASE_URL, "").strip()
    if base_url:
        settings["base_url"] = base_url
    if hasattr(args, "timeout"):
        if args.timeout <= 0:
            raise UsageError("--timeout must be a positive number of seconds")
        settings["timeout"] = args.timeout
    if hasattr(args, "max_retries"):
        if args.max_retries < 0:
            raise UsageError("--max-retries cannot be negative")
        settings["max_retries"] = args.max_retries
    return settings


# --- output ----------------------------------------------------------------------------------


def _cell(value: object, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    # ASCII, so that any terminal encoding can print it.
    return text if len(text) <= width else text[: width - 3] + "..."


LIST_COLUMNS = (
    ("UUID", "conversation_uuid", 36),
    ("LAST MESSAGE AT", "last_message_dts", 25),
    ("MSGS", "message_count", 4),
    ("UNREAD", "unread_messages", 6),
    ("LAST AUTHOR", "last_conversation_participant_name", 18),
    ("LAST MESSAGE", "last_conversation_message_body", 40),
)


def _row(values: Sequence[object], widths: Sequence[int]) -> str:
    return "  ".join(_cell(v, w).ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()


def _summary_values(summary: dict[str, Any]) -> list[object]:
    values: list[object] = []
    for _, key, _ in LIST_COLUMNS:
        value = summary.get(key)
        if key == "unread_messages":
            value = "yes" if value else ""
        values.append(value)
    return values


class Progress:
    """A transient "fetching..." line on stderr while the next page is on its way.

    Only when both stdout and stderr are terminals: piped output stays clean.
    """

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.shown: bool = False

    def show(self, fetched: int) -> None:
        if self.enabled:
            self.stream.write(f"\r\x1b[Kfetching conversations... {fetched} so far")
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


# --- the commands ----------------------------------------------------------------------------


class Command:
    """What every command gets: the parsed arguments, the API client and the streams."""

    def __init__(self, args: argparse.Namespace, api: Any, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.api = api
        self.out = out
        self.err = err

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def print_json(self, value: object) -> None:
        self.print(json.dumps(value, indent=2, ensure_ascii=False))


def cmd_list(c: Command) -> None:
    args = c.args
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be 1 or more")
    if not 1 <= args.page_size <= 200:
        raise UsageError("--page-size must be from 1 to 200")
    progress = Progress(c.err, c.out.isatty() and c.err.isatty())
    summaries = _with_progress(
        iter(c.api.iter_conversations(page_size=args.page_size, max_items=args.limit)),
        progress,
        args.page_size,
    )
    count = 0
    if args.json_lines:
        for summary in summaries:
            c.print(json.dumps(summary.to_dict(), ensure_ascii=False))
            c.out.flush()
        return
    if args.json:
        # A JSON array, written as it arrives rather than built in memory first.
        c.out.write("[")
        for summary in summaries:
            c.out.write(("," if count else "") + "\n  " + json.dumps(summary.to_dict()))
            count += 1
        c.print("\n]" if count else "]")
        return
    widths = [w for _, _, w in LIST_COLUMNS]
    for summary in summaries:
        if not count:  # not before the first page: a failed call prints no orphan header
            c.print(_row([title for title, _, _ in LIST_COLUMNS], widths))
        c.print(_row(_summary_values(summary.to_dict()), widths))
        count += 1
        if count % 50 == 0:
            c.out.flush()
    c.print(f"{chr(10) if count else ''}{count} conversation{'s' if count != 1 else ''}")


def cmd_get(c: Command) -> None:
    conversation = c.api.get_conversation(c.args.uuid).to_dict()
    if c.args.json:
        c.print_json(conversation)
        return
    c.print(f"Conversation {conversation.get('conversation_uuid', c.args.uuid)}")
    c.print(f"  arn:      {conversation.get('conversation_arn', '')}")
    c.print(f"  merchant: {conversation.get('merchant_id', '')}")
    people = conversation.get("participants", [])
    c.print(f"\nParticipants ({len(people)})")
    widths = (24, 8, 25, 25)
    c.print("  " + _row(["NAME", "STATUS", "JOINED", "LEFT"], widths))
    for p in people:
        values = [
            p.get("conversation_participant_name") or p.get("conversation_participant_arn"),
            p.get("status"),
            p.get("joined_dts"),
            p.get("left_dts"),
        ]
        c.print("  " + _row(values, widths))
    messages = conversation.get("messages", [])
    c.print(f"\nMessages ({len(messages)})")
    for m in messages:
        author = m.get("author_conversation_participant_name") or "?"
        c.print(f"  {m.get('message_dts', '')}  {author}: {m.get('body', '')}")


def _report_membership(c: Command, outcome: str) -> None:
    """What join and leave print: `outcome` is "joined" or "left"."""
    if c.args.json:
        c.print_json({"conversation_uuid": c.args.uuid, outcome: True})
    else:
        c.print(f"{outcome.capitalize()} conversation {c.args.uuid}.")


def cmd_join(c: Command) -> None:
    c.api.join_conversation(c.args.uuid)
    _report_membership(c, "joined")


def cmd_leave(c: Command) -> None:
    c.api.leave_conversation(c.args.uuid)
    _report_membership(c, "left")


def cmd_start(c: Command) -> None:
    from ultracart_conversations import ConversationStartRequest

    request = ConversationStartRequest(
        conversation_arn=c.args.conversation_arn,
        add_conversation_participant_arns=list(c.args.participant_arn),
    )
    started = c.api.start_conversation(request).to_dict()
    if c.args.json:
        c.print_json(started)
    else:
        c.print(
            f"Started conversation {started.get('conversation_uuid')} "
            f"({started.get('conversation_arn')})."
        )


def cmd_agent_auth(c: Command) -> None:
    auth = c.api.get_agent_websocket_authorization().to_dict()
    if c.args.json:
        c.print_json(auth)  # asked for explicitly, for a script that opens the websocket
        return
    jwt = str(auth.get("jwt", ""))
    c.print(f"participant:  {auth.get('conversation_participant_arn', '')}")
    c.print(f"merchant:     {auth.get('merchant_id', '')}")
    c.print(f"websocket:    {auth.get('websocket_url', '')}")
    c.print(f"phone numbers: {', '.join(auth.get('twilio_phone_numbers', []))}")
    c.print(f"jwt:          {jwt[:12]}... ({len(jwt)} characters; --json prints it in full)")


def cmd_upload_url(c: Command) -> None:
    extension = c.args.extension.lstrip(".")
    answer = c.api.get_conversation_multimedia_upload_url_with_http_info(extension)
    body: object = None
    if answer.content:
        try:
            body = json.loads(answer.content)
        except ValueError:
            body = answer.content.decode("utf-8", "replace")
    if c.args.json:
        c.print_json({"extension": extension, "status": answer.status_code, "body": body})
    elif body is None:
        c.print(
            f"UltraCart accepted the upload request for .{extension} "
            f"(HTTP {answer.status_code}; this API revision documents no response body)."
        )
    else:
        c.print(json.dumps(body, indent=2) if not isinstance(body, str) else body)


COMMANDS: dict[str, Callable[[Command], None]] = {
    "list": cmd_list,
    "get": cmd_get,
    "join": cmd_join,
    "leave": cmd_leave,
    "start": cmd_start,
    "agent-auth": cmd_agent_auth,
    "upload-url": cmd_upload_url,
}


def run_fake_server(args: argparse.Namespace, out: TextIO) -> int:
    from ultracart_conversations.testing import FakeUltraCart

    if args.conversations < 0:
        raise UsageError("--conversations cannot be negative")
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be from 0 to 65535")
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Explicit handlers: a shell starts background jobs with SIGINT ignored.
    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        fake = FakeUltraCart(conversations=args.conversations, seed=args.seed, port=args.port)
        try:
            fake.start()
        except OSError as e:
            raise UsageError(f"cannot listen on 127.0.0.1:{args.port}: {e.strerror}") from None
        with fake:
            # The fake's own test credentials, printed on purpose so a script can use them.
            line = {
                "base_url": fake.base_url,
                "simple_key": fake.simple_key,
                "access_token": fake.access_token,
            }
            out.write(json.dumps(line) + "\n")
            out.flush()
            while not stop.wait(0.5):
                pass  # Ctrl-C or SIGTERM sets `stop`: the normal way to end it
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


# --- entry point -------------------------------------------------------------------------------


def describe(error: BaseException, base_url: str) -> str:
    """One line for stderr. Messages of the client's errors hold no credentials."""
    if isinstance(error, AuthenticationError):
        return (
            f"credentials refused: {error.message} (check ${ENV_SIMPLE_KEY} or ${ENV_ACCESS_TOKEN})"
        )
    if isinstance(error, RateLimitError):
        return f"rate limited, still after the retries: {error.message}"
    if isinstance(error, APIConnectionError):
        return f"cannot reach {base_url}: {error.message}"
    return error.message if isinstance(error, ApiError) else str(error)


def _one_line_warnings(err: IO[str]) -> None:
    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: IO[str] | None = None,
        line: str | None = None,
    ) -> None:
        err.write(f"warning: {message}\n")

    warnings.showwarning = show


def main(
    argv: Sequence[str] | None = None,
    *,
    environ: dict[str, str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    env: Mapping[str, str] = os.environ if environ is None else environ
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed usage and a one-line error (or --help)
        return EXIT_USAGE if e.code else 0
    _one_line_warnings(err)
    base_url = getattr(args, "base_url", None) or env.get(ENV_BASE_URL) or "UltraCart"
    try:
        if args.command == "fake-server":
            return run_fake_server(args, out)
        from ultracart_conversations import ConversationApi

        settings = client_settings(args, env, stdin or sys.stdin)
        with ConversationApi(**settings) as api:
            COMMANDS[args.command](Command(args, api, out, err))
        out.flush()
        return 0
    except (UsageError, InvalidRequestError) as e:
        err.write(f"{PROG}: error: {e}\n")
        return EXIT_USAGE
    except ApiError as e:
        err.write(f"{PROG}: error: {describe(e, base_url)}\n")
        return EXIT_API_ERROR
    except BrokenPipeError:
        # `ultracart-conversations list | head`: the reader left; so do we, quietly.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        err.write("\ninterrupted\n")
        return EXIT_INTERRUPTED


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def console_script() -> None:
    """The `ultracart-conversations` console script."""
    sys.exit(main())
