"""`linklens demo`: the built-in site scanned by the real engine gives a report that makes sense."""

from __future__ import annotations

import argparse
import io
from urllib.parse import urlsplit

import msgspec
import pytest

from agent.config import Config
from agent.demo import run_demo
from protocol import Link, Report

pytestmark = pytest.mark.browser


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
    """Without the Googlebot render (cloaking off) no link can be judged cloaked (DESIGN 1.2)."""
    report = await demo_report(config, check=False)
    cloaked = [link.href for link in report.links if any(f.code == "cloaked" for f in link.flags)]
    assert cloaked == []
