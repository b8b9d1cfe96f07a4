"""run_analysis end to end in real Chromium: messages, report fields, live links, deadlines."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from agent.config import Config
from agent.errors import TargetRefused
from agent.job import render_deadline
from agent.pipeline import run_analysis
from agent.render.browser_pool import BrowserPool
from protocol import (
    Analyze,
    AnalyzeOptions,
    CollectedLink,
    ErrorCode,
    Message,
    Progress,
    ReportMessage,
)
from tests.harness.scan_sites import SiteFactory, html

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html><head><title>Flow</title></head><body>
<nav><a href="/home">Home</a></nav>
<main><a href="http://127.0.0.3:{port}/out" rel="nofollow ugc">out</a>
<a href="/js-rel" id="r">changes</a></main>
<script>
document.getElementById('r').rel = 'sponsored';
setTimeout(() => { const a = document.createElement('a'); a.href = '/late';
  a.textContent = 'late'; document.querySelector('main').appendChild(a); }, 100);
</script></body></html>"""


class Recorder:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def __call__(self, message: Message) -> None:
        self.messages.append(message)


async def test_analyze_streams_progress_then_one_report(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """Progress render → extract, then one report with classified links, views and timings."""
    other = await serve({"/out": html("ok")}, host="127.0.0.3")
    site = await serve({"/": html(PAGE.replace("{port}", str(other.port)))})
    emit = Recorder()
    request = Analyze(id="j1", url=site.url("/"), options=AnalyzeOptions(check=False))
    summary = await run_analysis(request, config=config, browser=pool, emit=emit)
    progress = [(m.stage, m.done) for m in emit.messages if isinstance(m, Progress)]
    assert progress[:4] == [("render", 0), ("render", 1), ("extract", 0), ("extract", 1)]
    reports = [m for m in emit.messages if isinstance(m, ReportMessage)]
    assert len(reports) == 1
    report = reports[0].report
    by_href = {link.href: link for link in report.links}
    out = by_href[other.url("/out")]
    assert out.follow == "nofollow"
    assert set(out.qualifiers) == {"nofollow", "ugc"}
    assert out.internal is False
    late = by_href[site.url("/late")]
    assert late.js_generated is True
    assert by_href[site.url("/home")].js_generated is False
    assert by_href[site.url("/home")].context == "nav"
    changed = by_href[site.url("/js-rel")]
    assert changed.rel == ["sponsored"]
    assert any(flag.code == "rel_changed_by_js" for flag in changed.flags)
    assert report.page.title == "Flow"
    assert report.final_url == site.url("/")
    for stage in ("render", "collect", "extract", "classify"):
        assert stage in report.timings
    assert summary.total == len(report.links)


async def test_the_browser_is_released_once_the_render_is_done(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """browser_done comes once, after the render and before the report (`linklens scan` closes
    Chromium then, while the links are classified)."""
    site = await serve({"/": html("<a href='/a'>A</a>")})
    emit = Recorder()
    released: list[list[Message]] = []
    request = Analyze(id="j", url=site.url("/"), options=AnalyzeOptions(check=False))
    await run_analysis(
        request, config=config, browser=pool, emit=emit,
        browser_done=lambda: released.append(list(emit.messages)),
    )
    assert len(released) == 1
    before = released[0]
    assert [(m.stage, m.done) for m in before if isinstance(m, Progress)] == [("render", 0)]
    assert not any(isinstance(m, ReportMessage) for m in before)
    assert any(isinstance(m, ReportMessage) for m in emit.messages)


async def test_live_links_are_matched_with_live_ids(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """Links the extension sent get their live_id and the `live` view; the rest are agent-only."""
    site = await serve({"/": html("<a href='/a'>A</a><a href='/b'>B</a>")})
    live = [
        CollectedLink(id="L1", href=site.url("/a"), attr_href="/a", text="A"),
        CollectedLink(id="L9", href=site.url("/only-live"), attr_href="/only-live", text="mine"),
    ]
    emit = Recorder()
    request = Analyze(id="j2", url=site.url("/"), links=live, options=AnalyzeOptions(check=False))
    await run_analysis(request, config=config, browser=pool, emit=emit)
    report = next(m.report for m in emit.messages if isinstance(m, ReportMessage))
    by_href = {link.href: link for link in report.links}
    assert by_href[site.url("/a")].live_id == "L1"
    assert "live" in by_href[site.url("/a")].views
    assert "rendered" in by_href[site.url("/a")].views
    assert by_href[site.url("/b")].live_id is None


async def test_metadata_address_is_refused_before_rendering(pool: BrowserPool, config: Config) -> None:
    """169.254.169.254 is refused by the URL check; no browser is even started."""
    emit = Recorder()
    request = Analyze(id="j3", url="http://169.254.169.254/latest/meta-data/")
    with pytest.raises(TargetRefused) as caught:
        await run_analysis(request, config=config, browser=pool, emit=emit)
    assert caught.value.code == ErrorCode.TARGET_NOT_ALLOWED
    assert pool.launches == 0


def test_deadline_is_the_requests_timeout_capped_by_config(config: Config) -> None:
    """options.timeout_s shortens the render deadline but never extends it past the config's."""
    assert render_deadline(Analyze(id="a", url="http://x.test/").options, config) == config.render_deadline_s
    short = Analyze(id="a", url="http://x.test/", options=AnalyzeOptions(timeout_s=1.5))
    assert render_deadline(short.options, config) == 1.5
    long = Analyze(id="a", url="http://x.test/", options=AnalyzeOptions(timeout_s=999))
    assert render_deadline(long.options, config) == config.render_deadline_s


async def test_partial_page_gives_a_partial_report(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """A page still loading at the deadline yields a report marked partial, not an error."""
    async def hang(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.Response(text="")

    page = "<a href='/first'>first</a><script src='/hang.js'></script><a href='/x'>x</a>"
    site = await serve({"/": html(page), "/hang.js": hang})
    emit = Recorder()
    request = Analyze(
        id="j4", url=site.url("/"), options=AnalyzeOptions(check=False, timeout_s=4.0)
    )
    await run_analysis(request, config=config, browser=pool, emit=emit)
    report = next(m.report for m in emit.messages if isinstance(m, ReportMessage))
    assert report.partial is True
    assert site.url("/first") in {link.href for link in report.links}


async def test_link_cap_marks_the_report_truncated(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """100,000 JS-made links over max_links: the report stops at the cap, truncated."""
    static = "".join(f"<a href='/s/{i}'>s{i}</a>" for i in range(600))
    script = """<script>const f = document.createDocumentFragment();
      for (let i = 0; i < 100000; i++) { const p = document.createElement('p');
        const a = document.createElement('a'); a.href = '/j/' + i; a.textContent = 'j' + i;
        p.appendChild(a); f.appendChild(p); }
      document.body.appendChild(f);</script>"""
    site = await serve({"/": html(f"<body>{static}{script}</body>")})
    emit = Recorder()
    capped = config.with_overrides(max_links=500, render_deadline_s=25.0)
    request = Analyze(id="j5", url=site.url("/"), options=AnalyzeOptions(check=False))
    await run_analysis(request, config=capped, browser=pool, emit=emit)
    report = next(m.report for m in emit.messages if isinstance(m, ReportMessage))
    assert report.truncated is True
    assert len(report.links) <= 500 * 2  # raw and rendered views are each capped
    assert report.partial is False


# (head, X-Robots-Tag lines, rel of the link) -> follow, nofollow_source, qualifiers,
# page.robots_source, page.robots_nofollow, page.noindex, page flag codes.
ROBOTS_CASES = {
    "meta robots nofollow": (
        '<meta name="robots" content="nofollow">', [], None,
        "nofollow", "meta", [], "meta", True, False, {"meta_nofollow"},
    ),
    "meta robots none": (
        '<meta name="robots" content="none">', [], None,
        "nofollow", "meta", [], "meta", True, True, {"meta_nofollow"},
    ),
    "meta googlebot nofollow": (
        '<meta name="googlebot" content="nofollow">', [], None,
        "nofollow", "meta", [], "meta", True, False, {"meta_nofollow"},
    ),
    "header nofollow": (
        "", ["nofollow"], None,
        "nofollow", "header", [], "header", True, False, {"header_nofollow"},
    ),
    "header googlebot: nofollow": (
        "", ["googlebot: nofollow"], None,
        "nofollow", "header", [], "header", True, False, {"header_nofollow"},
    ),
    "header otherbot: nofollow does not apply": (
        "", ["otherbot: nofollow"], None,
        "dofollow", None, [], None, False, False, set(),
    ),
    "rel NoFollow, UGC": (
        "", [], "NoFollow, UGC",
        "nofollow", "rel", ["nofollow", "ugc"], None, False, False, set(),
    ),
    "rel sponsored,nofollow": (
        "", [], "sponsored,nofollow",
        "nofollow", "rel", ["nofollow", "sponsored"], None, False, False, set(),
    ),
    "nothing: dofollow": (
        '<meta name="robots" content="index, follow">', [], "noopener",
        "dofollow", None, [], None, False, False, set(),
    ),
}


@pytest.mark.parametrize("case", list(ROBOTS_CASES), ids=list(ROBOTS_CASES))
async def test_each_robots_and_rel_form_in_real_chromium(
    serve: SiteFactory, pool: BrowserPool, config: Config, case: str
) -> None:
    """Robots metas (robots/googlebot, nofollow/none), X-Robots-Tag (plain, googlebot:, another
    crawler's), and rel in comma/mixed-case forms, through the whole engine."""
    (head, header_lines, rel, follow, source, qualifiers, robots_source, robots_nofollow,
     noindex, page_flags) = ROBOTS_CASES[case]
    rel_attr = f' rel="{rel}"' if rel is not None else ""
    body = f"<!doctype html><html><head>{head}</head><body><a href='/x'{rel_attr}>x</a></body></html>"

    async def page(request: web.Request) -> web.Response:
        response = web.Response(text=body, content_type="text/html")
        for line in header_lines:
            response.headers.add("X-Robots-Tag", line)
        return response

    site = await serve({"/": page})
    emit = Recorder()
    request = Analyze(id="robots", url=site.url("/"), options=AnalyzeOptions(check=False))
    await run_analysis(request, config=config, browser=pool, emit=emit)
    report = next(m.report for m in emit.messages if isinstance(m, ReportMessage))
    [link] = report.links
    assert link.href == site.url("/x")
    assert link.follow == follow
    assert link.nofollow_source == source
    assert link.qualifiers == qualifiers
    assert report.page.robots_source == robots_source
    assert report.page.robots_nofollow is robots_nofollow
    assert report.page.noindex is noindex
    codes = {flag.code for flag in report.flags}
    assert codes & {"meta_nofollow", "header_nofollow"} == page_flags
