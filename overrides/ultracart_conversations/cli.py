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
from collections.abc import Mapping, Sequence
from types import FrameType
from typing import IO, Any, NoReturn, TextIO

from ultracart_conversations._cli_operations import (
    Output,
    UsageError,
    add_operation_commands,
    printable,
    run_operation,
)
from ultracart_conversations._defaults import (
    ENV_ACCESS_TOKEN,
    ENV_BASE_URL,
    ENV_SIMPLE_KEY,
    MAX_TIMEOUT_SECONDS,
)
from ultracart_conversations._shared_url import ENV_SHARED_STATE
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
        metavar="URL",
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
        "--timeout",
        type=float,
        metavar="SECONDS",
        default=argparse.SUPPRESS,
        help="seconds per request",
    )
    group.add_argument(
        "--max-retries",
        type=int,
        metavar="N",
        default=argparse.SUPPRESS,
        help="retries of a failed call (default 2; 429s are waited out apart, 0 turns both off)",
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
    from ultracart_conversations._version import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_operation_commands(commands, [common, output], _Parser)
    fake = commands.add_parser(
        "fake-server",
        help="run a fake UltraCart on 127.0.0.1 for trying things out (Ctrl-C stops it)",
    )
    fake.add_argument(
        "--port", type=int, metavar="N", default=0, help="port (default: any free one)"
    )
    fake.add_argument("--seed", type=int, metavar="N", default=0, help="seed of the sample data")
    fake.add_argument(
        "--conversations", type=int, metavar="N", default=25, help="how many sample conversations"
    )
    fake.add_argument(
        "--latency",
        type=float,
        metavar="SECONDS",
        default=0.0,
        help="seconds added to every answer",
    )
    fake.add_argument(
        "--rate-limit",
        metavar="RATE",
        help="requests allowed per credential: N a second, or N/SECONDS (1000/3600)",
    )
    fake.add_argument(
        "--burst", type=int, metavar="N", help="requests a full bucket lets through at once"
    )
    fake.add_argument(
        "--concurrent-limit", type=int, metavar="N", help="requests in flight per credential"
    )
    return parser


# --- credentials and the client ----------------------------------------------------------


# A credential is at most a few KB (a simple key is 64 characters): a file past this is
# not one (`--simple-key-file /dev/zero` would otherwise be read until memory runs out).
MAX_SECRET_FILE_BYTES = 64 * 1024


def _read_secret(path: str, what: str, stdin: TextIO) -> str:
    too_large = UsageError(
        f"the {what} file {path} is larger than {MAX_SECRET_FILE_BYTES} bytes: not a {what}"
    )
    try:
        if path == "-":
            text = stdin.read(MAX_SECRET_FILE_BYTES + 1)
            if len(text) > MAX_SECRET_FILE_BYTES:
                raise too_large
        else:
            with open(path, "rb") as handle:
                data = handle.read(MAX_SECRET_FILE_BYTES + 1)
            if len(data) > MAX_SECRET_FILE_BYTES:
                raise too_large
            # utf-8-sig: a byte order mark left by an editor is not part of the key.
            text = data.decode("utf-8-sig")
    except OSError as e:
        raise UsageError(f"cannot read the {what} file {path}: {e.strerror}") from None
    except UnicodeDecodeError:
        # UTF-16 (Windows' "Unicode") or binary: say so, without quoting any of it.
        raise UsageError(f"the {what} file {path} is not UTF-8 text") from None
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
    shared = environ.get(ENV_SHARED_STATE, "").strip()
    if shared:  # every process with this setting shares one rate gate
        from ultracart_conversations._ratelimit import RateLimiter

        settings["rate_limiter"] = RateLimiter(shared=shared)
    if hasattr(args, "timeout"):
        if not 0 < args.timeout <= MAX_TIMEOUT_SECONDS:  # also refuses nan
            raise UsageError(
                f"--timeout must be a positive number of seconds, at most {MAX_TIMEOUT_SECONDS:.0f}"
            )
        settings["timeout"] = args.timeout
    if hasattr(args, "max_retries"):
        if args.max_retries < 0:
            raise UsageError("--max-retries cannot be negative")
        settings["max_retries"] = args.max_retries
    return settings


# --- the fake server ----------------------------------------------------------------------


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
        if args.latency < 0:
            raise UsageError("--latency cannot be negative")
        try:
            fake = FakeUltraCart(
                conversations=args.conversations,
                seed=args.seed,
                port=args.port,
                latency=args.latency,
                rate_limit=args.rate_limit,
                burst=args.burst,
                concurrent_limit=args.concurrent_limit,
            )
        except ValueError as e:
            raise UsageError(str(e)) from None
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
        return f"rate limited: {error.message}"
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
        err.write(f"warning: {printable(message)}\n")

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
    for stream in (out, err):
        _never_fail_to_encode(stream)
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
            run_operation(
                args, api, Output(out, err, args.json or bool(getattr(args, "json_lines", False)))
            )
        out.flush()
        return 0
    except (UsageError, InvalidRequestError) as e:
        err.write(f"{PROG}: error: {printable(e)}\n")
        return EXIT_USAGE
    except ApiError as e:
        err.write(f"{PROG}: error: {printable(describe(e, base_url))}\n")
        return EXIT_API_ERROR
    except BrokenPipeError:
        # `ultracart-conversations list | head`: the reader left; so do we, quietly.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        err.write("\ninterrupted\n")
        return EXIT_INTERRUPTED


def _never_fail_to_encode(stream: TextIO) -> None:
    """On a terminal or pipe that cannot show some character (PYTHONIOENCODING=ascii, a
    C locale), print an escape for it instead of failing with UnicodeEncodeError."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
            reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def console_script() -> None:
    """The `ultracart-conversations` console script."""
    sys.exit(main())
