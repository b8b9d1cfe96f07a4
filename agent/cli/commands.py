"""The `linklens` command: serve, scan, demo, watch, audit, disavow, prospects, token, status,
paths, --version.

Every error a person can cause (a bad config file, a port in use, no agent running...) ends in
one line on stderr and a non-zero exit, never a traceback. `scan` and `demo` live in their own
modules and are imported only when asked for, so the other commands start fast and work even
when the browser stack is missing.
"""

from __future__ import annotations

__all__ = ["build_parser", "main", "run"]

import argparse
import contextlib
import importlib
import logging
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, cast

from agent.cli.output import TABLE_ROWS
from agent.config import Config, ConfigError, load_config, paths
from agent.errors import LinkLensError
from protocol import (
    CHROME_EXTENSION_ID,
    PROTOCOL_VERSION,
    Error,
    Hello,
    Welcome,
    decode_agent_message,
    encode,
)

_PAIRING_HINT = "run `linklens token` and paste it into the extension's options"
_NOT_RUNNING = "not running — start it with `linklens serve`"


class _CommandError(Exception):
    """A failure to report as one line on stderr."""


def _fail(message: str) -> None:
    print(f"linklens: {message}", file=sys.stderr)


# -- serve ---------------------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    from agent import __version__
    from agent.app import ServeError, serve

    config = load_config()
    if args.port is not None:
        config = config.with_overrides(port=args.port)
    if args.host is not None:
        config = config.with_overrides(host=args.host)

    def announce(url: str, token_file: Path) -> None:
        print(f"LinkLens agent {__version__} listening on {url}", flush=True)
        print(f"Token file: {token_file}", flush=True)
        print(f"To pair the extension: {_PAIRING_HINT}.", flush=True)
        print("Stop with Ctrl+C.", flush=True)

    _setup_logging()
    try:
        serve(config, announce=announce)
    except ServeError as exc:
        raise _CommandError(str(exc)) from None
    return 0


def _setup_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # websockets logs every refused handshake at INFO; keep the log for what matters.
    logging.getLogger("websockets").setLevel(logging.WARNING)


# -- token, status, paths ------------------------------------------------------------------------


def _token(args: argparse.Namespace) -> int:
    from agent.server.pairing import ensure_token, rotate_token

    token_path = paths().token_file
    token = rotate_token(token_path) if args.rotate else ensure_token(token_path)
    print(token)
    return 0


async def _ask_status(config: Config, token: str) -> tuple[str, str]:
    """(outcome, detail): outcome is `running`, `not_running`, `refused` or `unauthorized`."""
    import asyncio

    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus, WebSocketException

    host = "127.0.0.1" if config.host.lower() == "localhost" else config.host
    host = f"[{host}]" if ":" in host else host
    url = f"ws://{host}:{config.port}"
    origin = config.allowed_origins[0] if config.allowed_origins else None
    origin = origin or f"chrome-extension://{CHROME_EXTENSION_ID}"
    try:
        async with connect(
            url,
            origin=origin,  # type: ignore[arg-type]
            compression=None,
            open_timeout=config.open_timeout_s,
            max_size=config.max_message_bytes,
        ) as ws:
            await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=token, client="cli")))
            async with asyncio.timeout(config.hello_timeout_s + config.auth_failure_delay_s * 10):
                reply = decode_agent_message(await ws.recv())
    except InvalidStatus as exc:
        return "refused", f"{url} answered HTTP {exc.response.status_code} to the handshake"
    except (OSError, TimeoutError, WebSocketException):
        return "not_running", url
    if isinstance(reply, Welcome):
        return (
            "running",
            f"LinkLens agent {reply.agent_version} is running on {url} (protocol {reply.protocol})",
        )
    if isinstance(reply, Error):
        return "unauthorized", f"the agent on {url} refused the token: {reply.message}"
    return "refused", f"{url} answered {type(reply).__name__}, not welcome"


def _status(args: argparse.Namespace) -> int:
    from agent.server.pairing import read_token

    config = load_config()
    import asyncio

    token = read_token(paths().token_file) or ""
    outcome, detail = asyncio.run(_ask_status(config, token))
    if outcome == "running":
        print(detail)
        return 0
    if outcome == "not_running":
        print(_NOT_RUNNING)
        return 1
    _fail(detail)
    return 1


def _paths(args: argparse.Namespace) -> int:
    where = paths()
    rows = (
        ("config dir", where.config_dir),
        ("config file", where.config_file),
        ("token file", where.token_file),
        ("cache dir", where.cache_dir),
        ("data dir", where.data_dir),
        ("store file", where.history_db),
    )
    for name, path in rows:
        print(f"{name:<12} {path}")
    return 0


# -- scan and demo (other modules) ---------------------------------------------------------------


_Command = Callable[[argparse.Namespace, Config], int]


def _dispatch(module: str, args: argparse.Namespace) -> int:
    config = load_config()
    # Imported by name, only when asked for: the scan stack (Playwright, aiohttp) is heavy.
    command = cast(_Command, importlib.import_module(module).main)
    return command(args, config)


def _scan(args: argparse.Namespace) -> int:
    return _dispatch("agent.cli.scan", args)


def _demo(args: argparse.Namespace) -> int:
    return _dispatch("agent.demo", args)


def _watch(args: argparse.Namespace) -> int:
    return _dispatch("agent.cli.watch", args)


def _audit(args: argparse.Namespace) -> int:
    return _dispatch("agent.cli.audit", args)


# -- the parser ----------------------------------------------------------------------------------

#: The longest render deadline a person can ask for on the command line.
MAX_TIMEOUT_S = 600.0


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {port}")
    return port


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_TIMEOUT_S:
        raise argparse.ArgumentTypeError(
            f"give a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}, not {text!r}"
        )
    return seconds


def _rows(text: str) -> int:
    try:
        rows = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of rows: {text!r}") from None
    if rows < 0:
        raise argparse.ArgumentTypeError(f"give 0 (all) or a number of rows, not {text!r}")
    return rows


class _ShowVersion(argparse.Action):
    """`--version`, like argparse's own action, except that the version is looked up only when
    asked for: the lookup (importlib.metadata) would cost every other command tens of ms."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0,
            help="show program's version number and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from agent import __version__

        print(f"linklens {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, every subcommand and flag."""
    parser = argparse.ArgumentParser(
        prog="linklens",
        description="See which links on a page pass authority: dofollow, nofollow, suspicious, broken.",
    )
    parser.add_argument("--version", action=_ShowVersion)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the agent the browser extension talks to")
    serve.add_argument("--port", type=_port, help="TCP port (default 47113)")
    serve.add_argument("--host", help="loopback address to bind (default 127.0.0.1)")
    serve.set_defaults(handler=_serve)

    scan = commands.add_parser("scan", help="analyse the links of one page from the terminal")
    scan.add_argument("url", metavar="URL")
    output = scan.add_mutually_exclusive_group()
    output.add_argument("--json", dest="format", action="store_const", const="json",
                        help="print the Report as JSON")  # fmt: skip
    output.add_argument("--csv", dest="format", action="store_const", const="csv",
                        help="print one CSV row per link")  # fmt: skip
    output.add_argument("--table", dest="format", action="store_const", const="table",
                        help="print a table (the default)")  # fmt: skip
    scan.set_defaults(format="table")
    scan.add_argument("--no-check", dest="check", action="store_false",
                      help="do not check where links lead")  # fmt: skip
    scan.add_argument("--cloaking", action="store_true",
                      help="also render as Googlebot and compare")  # fmt: skip
    scan.add_argument("--mine", action="append", default=[], metavar="DOMAIN",
                      help="a domain of yours (repeatable)")  # fmt: skip
    scan.add_argument(
        "--max-rows", type=_rows, default=TABLE_ROWS, metavar="N",
        help=f"links listed in the table (default {TABLE_ROWS:,}; 0: all)",
    )
    scan.add_argument(
        "--timeout", type=_seconds, metavar="S",
        help=f"render deadline in seconds (above 0, at most {MAX_TIMEOUT_S:g})",
    )
    scan.set_defaults(handler=_scan)

    demo = commands.add_parser("demo", help="serve the built-in demo site and scan it")
    demo.add_argument("--no-check", dest="check", action="store_false",
                      help="do not check where links lead")  # fmt: skip
    demo.add_argument("--serve", action="store_true",
                      help="keep the demo site running after the scan, to try the extension on it")  # fmt: skip
    demo_output = demo.add_mutually_exclusive_group()
    for flag in ("json", "csv", "table"):
        demo_output.add_argument(f"--{flag}", dest="format", action="store_const", const=flag,
                                 help=f"print the report as {flag.upper() if flag != 'table' else 'a table'}")  # fmt: skip
    demo.set_defaults(handler=_demo, format="table")

    token = commands.add_parser("token", help="print the pairing token")
    token.add_argument("--rotate", action="store_true", help="replace it with a new one first")
    token.set_defaults(handler=_token)

    status = commands.add_parser("status", help="say whether the agent is running")
    status.set_defaults(handler=_status)

    # Its module defines the subcommands and imports nothing heavy until one runs.
    from agent.cli.watch import add_watch_parser

    add_watch_parser(commands, _watch)

    # audit, disavow, prospects: the same lazy pattern (agent/cli/audit.py).
    from agent.cli.audit import add_audit_parsers

    add_audit_parsers(commands, _audit)

    where = commands.add_parser("paths", help="print where LinkLens keeps its files")
    where.set_defaults(handler=_paths)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except ConfigError as exc:
        _fail(f"configuration: {exc}")
        return 2
    except _CommandError as exc:
        _fail(str(exc))
        return 1
    except LinkLensError as exc:
        _fail(exc.message)
        return 1
    except OSError as exc:
        _fail(f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
        return 1
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The `linklens` executable: `main()`, then exit at once.

    By then the command has written and flushed its output and closed the browser and the
    driver; what is left is the interpreter's own teardown, freeing every object and module,
    measured at 0.1-0.3 s after a scan (more with more links) for nothing a person can see.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # A reader that went away, or a stream already closed: nothing is left to say.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    logging.shutdown()
    os._exit(code)
