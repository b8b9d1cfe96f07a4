"""`linklens scan`: output formats on stdout, progress on stderr, exit codes, one-line errors."""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import signal
import sys
from pathlib import Path

import msgspec
import pytest
from aiohttp import web

import agent.render.browser_locator
from agent import cli
from agent.cli.scan import (
    EXIT_BROWSER,
    EXIT_FAILED,
    EXIT_REFUSED,
    scan_and_print,
)
from agent.config import Config
from protocol import Report
from tests.harness.scan_sites import PUBLIC_RANGE, SiteFactory, html

pytestmark = pytest.mark.browser

LINKLENS = Path(sys.executable).parent / "linklens"


def scan_args(url: str, fmt: str = "table", **extra: object) -> argparse.Namespace:
    values: dict[str, object] = {
        "url": url, "format": fmt, "check": False, "cloaking": False, "mine": [], "timeout": None,
    }
    values.update(extra)
    return argparse.Namespace(**values)


async def run_cli(*argv: str, env: dict[str, str]) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        str(LINKLENS), *argv, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode or 0, out.decode(), err.decode()


def descendants(pid: int) -> list[int]:
    """Every process under `pid` (the Playwright driver, Chromium and its helpers)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


@pytest.fixture
def cli_env(chromium_executable: str, linklens_home: Path) -> dict[str, str]:
    return {
        "LINKLENS_CHROMIUM": chromium_executable,
        "LINKLENS_SIMULATED_PUBLIC": ",".join(PUBLIC_RANGE),
        "LINKLENS_RENDER_DEADLINE_S": "8",
        "LINKLENS_NETWORK_IDLE_S": "0.5",
        "LINKLENS_HOME": str(linklens_home),
    }


async def test_scan_json_subprocess_prints_the_report_and_progress_on_stderr(
    serve: SiteFactory, cli_env: dict[str, str]
) -> None:
    """`linklens scan --json --no-check` exits 0, stdout is the Report alone, progress on stderr."""
    site = await serve({"/": html("<title>T</title><a href='/a' rel='ugc'>a</a>")})
    code, out, err = await run_cli(
        "scan", "--json", "--no-check", "--mine", "127.0.0.2", site.url("/"), env=cli_env
    )
    assert code == 0, err
    report = msgspec.json.decode(out, type=Report)
    assert [link.href for link in report.links] == [site.url("/a")]
    assert report.links[0].follow == "nofollow"
    assert report.links[0].mine is True
    assert "rendering the page" in err
    assert "Traceback" not in err


async def test_a_reader_that_stops_reading_is_not_an_error(
    serve: SiteFactory, config: Config
) -> None:
    """`linklens scan --json URL | head -c 100`: stdout's reader is gone (EPIPE), which ends the
    command quietly with exit 0 — no "unexpected error" — and later writes go nowhere."""
    site = await serve({"/": html("<title>T</title><a href='/a'>a</a>")})
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has left before anything is written
    err = io.StringIO()
    with open(write_end, "w", encoding="utf-8") as out:
        code = await scan_and_print(scan_args(site.url("/"), "json"), config, out=out, err=err)
        out.write("more")
        out.flush()  # what the interpreter does at exit: must not fail either
    assert code == 0, err.getvalue()
    assert "unexpected error" not in err.getvalue()


async def test_scan_errors_are_one_line_and_non_zero(
    serve: SiteFactory, cli_env: dict[str, str]
) -> None:
    """Not HTML, a refused target and no browser: non-zero exit, one line on stderr, no traceback."""

    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.4\n%%EOF", content_type="application/pdf")

    site = await serve({"/doc.pdf": pdf})
    cases = [
        (["scan", "--no-check", site.url("/doc.pdf")], cli_env, EXIT_FAILED, "not an HTML page"),
        (["scan", "--no-check", "http://169.254.169.254/"], cli_env, EXIT_REFUSED, "not allowed"),
        (["scan", "--no-check", site.url("/")], {**cli_env, "LINKLENS_CHROMIUM": "/nonexistent/chrome"},
         EXIT_BROWSER, "not an executable"),
    ]
    for argv, env, expected, words in cases:
        code, out, err = await run_cli(*argv, env=env)
        lines = [line for line in err.splitlines() if not line.startswith("linklens: ")]
        assert code == expected, err
        assert len(lines) == 1, err
        assert words in lines[0]
        assert "Traceback" not in err
        assert out == ""


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
async def test_each_format_in_process(
    serve: SiteFactory, config: Config, fmt: str
) -> None:
    """Table, CSV and JSON each print the page's links on stdout and exit 0."""
    site = await serve({"/": html("<a href='/one'>one</a><a href='/two' rel='sponsored'>two</a>")})
    out, err = io.StringIO(), io.StringIO()
    code = await scan_and_print(scan_args(site.url("/"), fmt), config, out=out, err=err)
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert site.url("/two") in text
    if fmt == "csv":
        assert text.startswith("id,href,")
    if fmt == "json":
        assert msgspec.json.decode(text, type=Report).links[1].qualifiers == ["sponsored"]
    if fmt == "table":
        assert "Summary: 2 links" in text


async def test_unreachable_and_timeout_say_why(serve: SiteFactory, config: Config) -> None:
    """Unreachable and a page that never answers: exit 1 and the reason in one line."""

    async def hang(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.Response(text="")

    site = await serve({"/": hang})
    out, err = io.StringIO(), io.StringIO()
    code = await scan_and_print(scan_args("http://127.0.0.3:47998/"), config, out=out, err=err)
    assert code == EXIT_FAILED
    assert err.getvalue().strip().splitlines()[-1] == (
        "linklens scan: 127.0.0.3 refused the connection."
    )
    out, err = io.StringIO(), io.StringIO()
    code = await scan_and_print(scan_args(site.url("/"), timeout=1.0), config, out=out, err=err)
    assert code == EXIT_FAILED
    assert "in time" in err.getvalue().strip().splitlines()[-1]
    assert out.getvalue() == ""


async def test_ctrl_c_while_the_page_never_answers_exits_130_in_one_line(
    serve: SiteFactory, cli_env: dict[str, str]
) -> None:
    """Ctrl+C during the render is an interruption (exit 130, one line), not the page's timeout."""

    async def hang(request: web.Request) -> web.Response:
        await asyncio.sleep(60)
        return web.Response(text="")

    site = await serve({"/": hang})
    process = await asyncio.create_subprocess_exec(
        str(LINKLENS), "scan", "--no-check", site.url("/"),
        env={**os.environ, **cli_env, "LINKLENS_RENDER_DEADLINE_S": "30"},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        # Its own process group, as a command in a terminal: Ctrl+C signals the whole group
        # (the scan, the Playwright driver and Chromium), not only the scan.
        start_new_session=True,
    )
    # The request has reached the server (the render is waiting for the answer).
    for _ in range(150):
        if site.hits:
            break
        await asyncio.sleep(0.1)
    assert site.hits, "the page was never requested"
    await asyncio.sleep(1.5)
    browser = descendants(process.pid)
    assert browser, "no driver or Chromium under the scan"
    os.killpg(process.pid, signal.SIGINT)
    out, err = await asyncio.wait_for(process.communicate(), 15)
    text = err.decode()
    lines = [line for line in text.splitlines() if not line.startswith("linklens: ")]
    assert process.returncode == 130, text
    assert lines == ["linklens scan: interrupted"], text
    assert "Traceback" not in text
    assert "in time" not in text
    assert out == b""
    await asyncio.sleep(0.5)
    assert [pid for pid in browser if Path(f"/proc/{pid}").exists() and not zombie(pid)] == []


def test_no_chromium_anywhere_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No LINKLENS_CHROMIUM and no browser in any known place: `linklens scan` exits non-zero
    with one line naming what to install, never a traceback."""
    monkeypatch.delenv("LINKLENS_CHROMIUM", raising=False)
    monkeypatch.setattr(agent.render.browser_locator, "candidates", lambda: iter(()))
    code = cli.main(["scan", "--no-check", "http://127.0.0.2:47997/"])
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if not line.startswith("linklens: ")]
    assert code == EXIT_BROWSER, captured.err
    assert lines == [f"linklens scan: {agent.render.browser_locator.INSTALL_HINT}"], captured.err
    assert "sudo apt-get install chromium" in lines[0]
    assert "playwright install chromium" in lines[0]
    assert "Traceback" not in captured.err
    assert captured.out == ""
