"""The `linklens` command: token, status, paths, --version, serve's refusals, scan/demo wiring."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import stat
import sys
import textwrap
import types
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.typing import Origin

from agent import __version__
from agent.cli.commands import build_parser, main
from agent.config import Config, paths
from agent.server.pairing import read_token
from protocol import PROTOCOL_VERSION, Error, Hello, decode_agent_message, encode
from tests.harness.agent_harness import ALLOWED_ORIGIN, running_agent

WRONG_TOKEN = "WRONG-token-0123456789abcdef"


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run `python -m agent ARGS` in a subprocess; return (exit code, stdout, stderr)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "agent", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 20)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version."""
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"linklens {__version__}"


def test_token_prints_only_the_token_and_rotate_replaces_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`token` prints the token alone (created 0600 if missing); `--rotate` prints a new one."""
    assert main(["token"]) == 0
    first = capsys.readouterr().out
    token_file = paths().token_file
    assert first == read_token(token_file) + "\n"  # type: ignore[operator]
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert main(["token"]) == 0
    assert capsys.readouterr().out == first
    assert main(["token", "--rotate"]) == 0
    rotated = capsys.readouterr().out
    assert rotated != first
    assert rotated.strip() == read_token(token_file)


def test_paths_lists_every_place(capsys: pytest.CaptureFixture[str], linklens_home: Path) -> None:
    """`paths` prints the config, cache and data dirs, the token file and the store."""
    assert main(["paths"]) == 0
    out = capsys.readouterr().out
    for name in ("config dir", "config file", "token file", "cache dir", "data dir", "store file"):
        assert name in out
    assert str(linklens_home / "config" / "token") in out
    assert str(linklens_home / "data" / "history.sqlite3") in out


async def test_status_says_not_running() -> None:
    """`status` with no agent listening → the not-running sentence, exit 1."""
    code, out, err = await run_cli("status", env={"LINKLENS_PORT": str(free_port())})
    assert code == 1
    assert out.strip() == "not running — start it with `linklens serve`"
    assert "Traceback" not in err


async def test_the_executable_flushes_everything_and_keeps_the_exit_status(
    linklens_home: Path,
) -> None:
    """`linklens` ends with os._exit (no interpreter teardown): every line is still written,
    stdout and stderr alike, and the command's exit status is the process's."""
    code, out, _err = await run_cli("paths", env={"LINKLENS_HOME": str(linklens_home)})
    assert code == 0
    assert [" ".join(line.split()[:2]) for line in out.splitlines()] == [
        "config dir", "config file", "token file", "cache dir", "data dir", "store file"
    ]
    code, out, _err = await run_cli("status", env={"LINKLENS_PORT": str(free_port())})
    assert code == 1
    assert out.strip() == "not running — start it with `linklens serve`"


async def test_status_reports_a_running_agent() -> None:
    """`status` pairs with the token and prints the running agent's version, exit 0."""
    async with running_agent() as agent:
        code, out, err = await run_cli("status", env={"LINKLENS_PORT": str(agent.port)})
    assert code == 0, err
    assert f"LinkLens agent {__version__} is running on ws://127.0.0.1:{agent.port}" in out


async def test_status_with_a_refused_token_says_so() -> None:
    """`status` whose token the agent refuses → one line on stderr, exit 1."""
    async with running_agent() as agent:
        other_home = paths().config_dir.parent / "elsewhere"
        env = {"LINKLENS_PORT": str(agent.port), "LINKLENS_HOME": str(other_home)}
        code, _out, err = await run_cli("status", env=env)
    assert code == 1
    assert "refused the token" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.2", "example.com", "::"])
def test_serve_refuses_non_loopback_hosts(host: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`serve --host` anything but loopback → one line on stderr, exit 1, nothing listens."""
    assert main(["serve", "--host", host, "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert "loopback" in err
    assert len(err.strip().splitlines()) == 1


def test_bad_config_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """A broken config.toml → one line on stderr and exit 2, never a traceback."""
    config_file = paths().config_file
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text("port = [")
    assert main(["status"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("linklens: configuration:")
    assert len(err.strip().splitlines()) == 1


def test_bad_environment_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LINKLENS_* variable of the wrong kind → one line and exit 2."""
    monkeypatch.setenv("LINKLENS_PORT", "lots")
    assert main(["serve"]) == 2
    assert "LINKLENS_PORT" in capsys.readouterr().err


def test_scan_flags_parse_as_issue_3_names_them() -> None:
    """scan URL [--json|--csv|--table] [--no-check] [--cloaking] [--mine D]... [--timeout S]."""
    args = build_parser().parse_args(
        ["scan", "https://a.test/", "--json", "--no-check", "--cloaking",
         "--mine", "a.test", "--mine", "b.test", "--timeout", "7.5"]
    )  # fmt: skip
    assert args.command == "scan"
    assert args.url == "https://a.test/"
    assert args.format == "json"
    assert args.check is False
    assert args.cloaking is True
    assert args.mine == ["a.test", "b.test"]
    assert args.timeout == 7.5
    defaults = build_parser().parse_args(["scan", "https://a.test/"])
    assert (defaults.format, defaults.check, defaults.cloaking) == ("table", True, False)
    assert (defaults.mine, defaults.timeout) == ([], None)
    assert build_parser().parse_args(["scan", "u", "--csv"]).format == "csv"


def test_scan_output_formats_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    """--json and --csv together are a usage error (exit 2)."""
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["scan", "u", "--json", "--csv"])
    assert done.value.code == 2


@pytest.mark.parametrize("value", ["inf", "1e308", "0", "-1", "nan", "abc", "601"])
def test_scan_timeout_must_be_a_usable_number(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--timeout takes seconds above 0 and at most 600; anything else is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["scan", "https://a.test/", "--timeout", value])
    assert info.value.code == 2
    assert "--timeout" in capsys.readouterr().err
    assert build_parser().parse_args(["scan", "u", "--timeout", "2.5"]).timeout == 2.5


def test_scan_max_rows_is_a_count_or_zero(capsys: pytest.CaptureFixture[str]) -> None:
    """--max-rows N: links listed in the table (default 1,000; 0 all); anything else exit 2."""
    assert build_parser().parse_args(["scan", "u"]).max_rows == 1000
    assert build_parser().parse_args(["scan", "u", "--max-rows", "0"]).max_rows == 0
    assert build_parser().parse_args(["scan", "u", "--max-rows", "25"]).max_rows == 25
    for value in ("-1", "x", "2.5"):
        with pytest.raises(SystemExit) as info:
            build_parser().parse_args(["scan", "u", "--max-rows", value])
        assert info.value.code == 2
        assert "--max-rows" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["99999", "-1", "http"])
def test_serve_port_must_be_a_port(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--port takes 0 to 65535; anything else is a usage error, not a traceback."""
    with pytest.raises(SystemExit) as info:
        build_parser().parse_args(["serve", "--port", value])
    assert info.value.code == 2
    assert "--port" in capsys.readouterr().err


def test_demo_flags() -> None:
    """demo [--no-check]."""
    assert build_parser().parse_args(["demo"]).check is True
    assert build_parser().parse_args(["demo", "--no-check"]).check is False
    assert build_parser().parse_args(["demo"]).serve is False
    assert build_parser().parse_args(["demo", "--serve"]).serve is True
    assert build_parser().parse_args(["demo"]).format == "table"
    assert build_parser().parse_args(["demo", "--json"]).format == "json"


@pytest.mark.parametrize(
    ("command", "module"), [("scan", "agent.cli.scan"), ("demo", "agent.demo")]
)
def test_scan_and_demo_dispatch_to_their_modules(
    command: str, module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """scan and demo call MODULE.main(args, config) and return its exit status."""
    seen: list[tuple[argparse.Namespace, Config]] = []

    def fake_main(args: argparse.Namespace, config: Config) -> int:
        seen.append((args, config))
        return 7

    fake = types.ModuleType(module)
    fake.main = fake_main  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module, fake)
    argv = [command, "https://a.test/"] if command == "scan" else [command]
    assert main(argv) == 7
    assert seen[0][0].command == command
    assert isinstance(seen[0][1], Config)


async def test_graceful_shutdown_on_sigterm_and_sigint(tmp_path: Path) -> None:
    """SIGTERM and SIGINT stop the server gracefully: the browser hook runs and the exit is 0."""
    script = tmp_path / "agent_main.py"
    script.write_text(textwrap.dedent(f"""
        import asyncio, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from tests.harness.agent_harness import FakeRunner, small_config
        from agent.config import paths
        from agent.server.pairing import TokenFile, ensure_token
        from agent.server.websocket import AgentServer, serve_until_signalled

        async def close_browser():
            print("browser closed", flush=True)

        ensure_token(paths().token_file)
        server = AgentServer(small_config(), runner=FakeRunner(),
                             token_file=TokenFile(paths().token_file), close_browser=close_browser)
        asyncio.run(serve_until_signalled(server, started=lambda: print("up", server.port, flush=True)))
        print("exited cleanly", flush=True)
    """))  # fmt: skip
    for signum in (signal.SIGTERM, signal.SIGINT):
        process = await asyncio.create_subprocess_exec(
            sys.executable, str(script), stdout=asyncio.subprocess.PIPE
        )
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 10)
        assert line.startswith(b"up ")
        process.send_signal(signum)
        rest = await asyncio.wait_for(process.stdout.read(), 10)
        assert await process.wait() == 0
        assert b"browser closed" in rest
        assert b"exited cleanly" in rest


async def test_real_serve_announces_pairs_and_stops_on_sigterm() -> None:
    """`linklens serve` wires the real engine: prints address and token file, pairs, exits 0."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "agent", "serve", "--port", "0",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        first = (await asyncio.wait_for(process.stdout.readline(), 15)).decode()
        assert first.startswith(f"LinkLens agent {__version__} listening on ws://127.0.0.1:")
        port = int(first.rsplit(":", 1)[1])
        announced = ""
        for _ in range(3):
            announced += (await asyncio.wait_for(process.stdout.readline(), 5)).decode()
        assert f"Token file: {paths().token_file}" in announced
        assert "run `linklens token` and paste it into the extension's options" in announced
        assert stat.S_IMODE(paths().token_file.stat().st_mode) == 0o600
        code, out, err = await run_cli("status", env={"LINKLENS_PORT": str(port)})
        assert code == 0, err
        assert "is running" in out
        # A wrong token, also offered in the query string: refused, and in no log line.
        url = f"ws://127.0.0.1:{port}/?token={WRONG_TOKEN}"
        async with connect(url, origin=Origin(ALLOWED_ORIGIN), open_timeout=5) as ws:
            await ws.send(encode(Hello(protocol=PROTOCOL_VERSION, token=WRONG_TOKEN)))
            reply = decode_agent_message(await asyncio.wait_for(ws.recv(), 10))
            assert isinstance(reply, Error)
            assert reply.code == "unauthorized"
    finally:
        process.send_signal(signal.SIGTERM)
        _, err_bytes = await asyncio.wait_for(process.communicate(), 15)
    assert process.returncode == 0, err_bytes.decode()
    assert b"Traceback" not in err_bytes
    assert paths().token_file.read_text().strip().encode() not in err_bytes
    assert WRONG_TOKEN.encode() not in err_bytes


async def test_serve_on_a_port_in_use_is_one_line() -> None:
    """`serve` on a busy port → one line on stderr, exit 1, no traceback."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = await run_cli("serve", "--port", str(port))
    assert code == 1
    assert "already in use" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
