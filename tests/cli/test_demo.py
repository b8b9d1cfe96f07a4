"""`linklens demo`: the built-in site scanned by the real engine gives a report that makes sense."""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import msgspec
import pytest

from agent.config import Config
from agent.demo import run_demo
from protocol import Link, Report

pytestmark = pytest.mark.browser

LINKLENS = Path(sys.executable).parent / "linklens"


async def demo_report(config: Config, *, check: bool) -> Report:
    out, err = io.StringIO(), io.StringIO()
    args = argparse.Namespace(check=check, format="json", serve=False)
    code = await run_demo(args, config, out=out, err=err)
    assert code == 0, err.getvalue()
    return msgspec.json.decode(out.getvalue(), type=Report)


def by_path(report: Report) -> dict[str, Link]:
    return {urlsplit(link.href).path: link for link in report.links if link.href}


async def test_demo_without_checks_finds_every_kind_of_link(config: Config) -> None:
    """Static, JS-added (timer, fetch, lazy), shadow, iframe, hidden, rel forms: all classified."""
    report = await demo_report(config, check=False)
    links = by_path(report)
    expect_js = ["/timer-story", "/fetched-basil", "/lazy-herbs"]
    for path in expect_js:
        assert links[path].js_generated is True, path
    assert links["/story"].js_generated is False
    assert links["/pots"].qualifiers == ["nofollow", "sponsored"]
    assert links["/soil"].follow == "nofollow"
    assert links["/discount"].qualifiers == ["ugc"]
    assert links["/casino-bonus"].visible is False
    assert links["/casino-bonus"].hidden_reason == "same_colour"
    assert links["/offer"].context == "shadow"
    assert links["/calendar"].context == "iframe"
    assert links["/themes"].context == "footer"
    assert links["/plan"].tag == "area"
    assert links["/story"].mine is True
    assert links["/about"].internal is True
    assert report.summary.hidden >= 2
    assert report.summary.sponsored >= 3


async def test_demo_with_checks_gives_the_known_outcomes(config: Config) -> None:
    """Link checks against the demo's own targets give ok, redirect, broken, blocked, soft 404..."""
    report = await demo_report(config.with_overrides(check_timeout_s=1.5), check=True)
    links = by_path(report)
    health = {path: link.health for path, link in links.items()}
    assert health["/story"] == "ok"
    assert health["/old-story"] == "redirect"
    assert health["/gone"] == "broken"
    assert health["/discontinued"] == "broken"
    assert health["/missing-guide"] == "soft_404"
    assert health["/tarpit"] == "timeout"
    loop_flags = [f.code for f in links["/loop-a"].flags]
    assert "redirect_loop" in loop_flags
    assert report.summary.broken >= 2


async def test_demo_without_cloaking_flags_nothing_as_cloaked(config: Config) -> None:
    """Without the Googlebot render (cloaking off) no link can be judged cloaked."""
    report = await demo_report(config, check=False)
    cloaked = [link.href for link in report.links if any(f.code == "cloaked" for f in link.flags)]
    assert cloaked == []


async def test_demo_command_as_a_person_runs_it(
    chromium_executable: str, linklens_home: Path
) -> None:
    """`linklens demo --no-check` in a shell: exit 0, the table and its summary on stdout,
    progress (and nothing else alarming) on stderr."""
    env = {**os.environ, "LINKLENS_HOME": str(linklens_home), "COLUMNS": "200"}
    # Chromium is found the way a person's machine finds it, unless the tests were given one.
    if os.environ.get("LINKLENS_CHROMIUM"):
        env["LINKLENS_CHROMIUM"] = chromium_executable
    process = await asyncio.create_subprocess_exec(
        str(LINKLENS), "demo", "--no-check", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    raw_out, raw_err = await asyncio.wait_for(process.communicate(), 90)
    out, err = raw_out.decode(), raw_err.decode()
    assert process.returncode == 0, err
    assert re.search(r"Links on http://www\.linklens-demo\.test:\d+/article", out), out[:500]
    summary = [line for line in out.splitlines() if line.startswith("Summary:")]
    assert len(summary) == 1, out[-1000:]
    assert re.match(r"Summary: \d+ links", summary[0])
    assert "Home" in out
    assert "shadow" in out
    # Progress goes to stderr only, never into the table.
    assert "demo site at http://www.linklens-demo.test" in err
    assert "rendering the page" in err
    assert "linklens:" not in out
    assert "Traceback" not in err
    assert "error" not in err.lower()
