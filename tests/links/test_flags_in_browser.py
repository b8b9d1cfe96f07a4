"""The whole flow in real Chromium: a clean realistic page has zero suspicious verdicts, and a
server that shows Googlebot extra links is caught as cloaking."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web

from agent.config import Config
from agent.pipeline import run_analysis
from agent.render.browser_pool import BrowserPool
from protocol import (
    Analyze,
    AnalyzeOptions,
    LinkUpdates,
    Message,
    Progress,
    ReportMessage,
    decode_agent_message,
    encode,
)
from tests.harness.check_sites import PUBLIC, Server

ServeFn = Callable[..., Awaitable[Server]]

pytestmark = pytest.mark.browser


class Recorder:
    """Keeps each message as it was when sent."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def __call__(self, message: Message) -> None:
        self.messages.append(decode_agent_message(encode(message)))


@pytest.fixture
def flow_config(chromium_executable: str) -> Config:
    """Names of the test web mapped to 127.0.0.N for Chromium and the checker alike."""
    return Config(
        chromium=chromium_executable,
        host_map={
            "news.example.org": "127.0.0.2",
            "example.com": "127.0.0.3",
            "*.example.com": "127.0.0.3",
            "themeco.example.net": "127.0.0.3",
            "casino.example.net": "127.0.0.3",
            "www.aspca.org": "127.0.0.3",
            "shelters.example.net": "127.0.0.3",
            "vets.example.net": "127.0.0.3",
            "app.example.net": "127.0.0.3",
        },
        simulated_public=PUBLIC,
        render_deadline_s=8.0,
        network_idle_s=0.5,
        scroll_rounds=2,
        check_timeout_s=2.0,
        check_budget_s=8.0,
        use_cache=False,
        port=47998,
    )


@pytest.fixture
async def pool(flow_config: Config) -> AsyncIterator[BrowserPool]:
    """A browser pool for one test."""
    browser_pool = BrowserPool(flow_config)
    yield browser_pool
    await browser_pool.close()


CLEAN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>City council approves new park</title>
<style>
  body { font-family: sans-serif; background: #fff; color: #222; }
  .skip { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
  .skip:focus { left: 0; width: auto; height: auto; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
             overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
  nav ul ul { display: none; }
  nav li:hover > ul { display: block; }
  .cookie { position: fixed; bottom: 0; left: 0; right: 0; background: #333; color: #fff; padding: 8px; }
  .cookie a { color: #9cf; }
  footer a.social { display: inline-block; width: 24px; height: 24px; background: #ccc; }
  .carousel { width: 100%; overflow: hidden; }
  .carousel-track { display: flex; transform: translateX(0); transition: transform .3s; }
  .carousel-slide { flex: 0 0 100%; }
  .offcanvas { position: fixed; top: 0; left: 0; width: 280px; height: 100%; background: #fff;
               transform: translateX(-100%); }
  .offcanvas.open { transform: none; }
</style></head>
<body>
<a class="skip" href="#main">Skip to content</a>
<button class="menu-toggle" aria-expanded="false" aria-controls="mobile-menu">Menu</button>
<div id="mobile-menu" class="offcanvas">
  <a href="/local">Local</a> <a href="http://app.example.net:{port}/download">Get our app</a>
</div>
<header>
  <a href="/"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Example News" width="120" height="30"></a>
  <nav><ul>
    <li><a href="/local">Local</a>
      <ul><li><a href="/local/city">City</a></li><li><a href="/local/schools">Schools</a></li>
          <li><a href="http://shop.example.com:{port}/subscribe">Subscribe</a></li></ul></li>
    <li><a href="/sport">Sport</a>
      <ul><li><a href="/sport/football">Football</a></li></ul></li>
    <li><a href="/opinion">Opinion</a></li>
  </ul></nav>
</header>
<main id="main">
  <article>
    <h1>City council approves new park</h1>
    <p>The council voted 7-2 on Tuesday, according to the
      <a href="http://www.example.com:{port}/minutes">published minutes</a>.
      The plan was first reported by <a href="http://example.com:{port}/old-report">example.com</a>.
      Read the <a href="http://www.example.com:{port}/docs">full proposal</a> (it moved last week).
      <a href="/local/parks" class="sr-only">More about parks in the city</a></p>
    <p>Sponsored: <a href="http://shop.example.com:{port}/garden" rel="sponsored">garden furniture sale</a>.
      Contact the newsroom at <a href="mailto:news@example.org">news@example.org</a>.</p>
    <a href="http://www.example.com:{port}/photo"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Park map" width="200" height="100"></a>
    <section class="faq"><h2>Questions</h2>
      <details><summary>Will dogs be allowed?</summary>
        <p>On a lead. For adoption advice see the <a href="http://www.aspca.org:{port}/adopt">ASPCA</a>.</p></details>
    </section>
    <div class="carousel" aria-roledescription="carousel" aria-label="Park plans">
      <div class="carousel-track">
        <div class="carousel-slide" role="group" aria-roledescription="slide" aria-label="1 of 2">
          <a href="http://www.example.com:{port}/plan-north">North entrance</a></div>
        <div class="carousel-slide" role="group" aria-roledescription="slide" aria-label="2 of 2">
          <a href="http://shelters.example.net:{port}/dog-park">Dog park by Shelters</a></div>
      </div></div>
    <div role="tablist"><button role="tab" aria-selected="true" aria-controls="tab-facts">Facts</button>
      <button role="tab" aria-selected="false" aria-controls="tab-vets">Vets nearby</button></div>
    <div role="tabpanel" id="tab-facts"><p>12 hectares.</p></div>
    <div role="tabpanel" id="tab-vets" hidden><p><a href="http://vets.example.net:{port}/city">City vets</a></p></div>
  </article>
</main>
<footer>
  <p>&copy; 2026 Example News. <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
  <p>Theme by <a href="http://themeco.example.net:{port}/">ThemeCo</a>.</p>
  <a class="social" href="http://www.example.com:{port}/social" aria-label="Follow us"></a>
</footer>
<div class="cookie">We use cookies. <a href="/privacy#cookies">Learn more</a>
  <a href="#" role="button" onclick="this.parentNode.remove(); return false;">Accept</a></div>
</body></html>
"""


def _page_handler(body: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text=body, content_type="text/html")
    return handler


async def _fine(request: web.Request) -> web.Response:
    return web.Response(text="<title>Fine</title><h1>Fine</h1>", content_type="text/html")


async def _moved(request: web.Request) -> web.Response:
    return web.Response(status=301, headers={"Location": "/docs/"})


async def test_clean_realistic_page_has_no_suspicious_verdict(
    serve: ServeFn, pool: BrowserPool, flow_config: Config
) -> None:
    """Nav dropdowns, skip link, sr-only link, cookie banner, footer credits, a legitimate
    redirect, a closed FAQ answer, a carousel, a hidden tab panel and an off-canvas menu: zero
    suspicious verdicts in the report and after the checks."""
    external = await serve("127.0.0.3", {"/docs": _moved}, any_path=_fine)
    site = await serve("127.0.0.2", {}, any_path=_page_handler(
        CLEAN_PAGE.replace("{port}", str(external.port))))
    emit = Recorder()
    request = Analyze(id="clean", url=f"http://news.example.org:{site.port}/",
                      options=AnalyzeOptions(check=True))
    summary = await run_analysis(request, config=flow_config, browser=pool, emit=emit)

    report = next(m for m in emit.messages if isinstance(m, ReportMessage)).report
    assert len(report.links) >= 20
    suspicious = [(link.href, [f.message for f in link.flags])
                  for link in report.links if link.verdict == "suspicious"]
    assert suspicious == []
    updates = [u for m in emit.messages if isinstance(m, LinkUpdates) for u in m.updates]
    assert updates
    assert [u for u in updates if u.verdict == "suspicious"] == []
    assert summary.suspicious == 0
    assert summary.broken == 0
    # The legitimate redirect is a redirect, not a soft 404; hidden links are only info.
    by_href = {link.href: link for link in report.links}
    docs = f"http://www.example.com:{external.port}/docs"
    assert {u.health for u in updates if u.link_id == by_href[docs].id} == {"redirect"}
    hidden = [f for link in report.links for f in link.flags if f.code == "hidden"]
    assert hidden
    assert {f.severity for f in hidden} == {"info"}
    assert by_href[f"http://example.com:{external.port}/old-report"].flags == []
    # Closed FAQ answer, the carousel's second slide, the hidden tab, the off-canvas menu.
    for href in (f"http://www.aspca.org:{external.port}/adopt",
                 f"http://shelters.example.net:{external.port}/dog-park",
                 f"http://vets.example.net:{external.port}/city",
                 f"http://app.example.net:{external.port}/download"):
        assert (by_href[href].visible, by_href[href].hidden_reason) == (False, "collapsed"), href
        assert [(f.code, f.severity) for f in by_href[href].flags] == [("hidden", "info")], href
    north = by_href[f"http://www.example.com:{external.port}/plan-north"]
    assert (north.visible, north.flags) == (True, [])
    assert report.risk == 0


CLOAKING_PAGE = """<!doctype html><html><head><title>Garden tips</title></head><body>
<main><p>Our <a href="http://www.example.com:{port}/guide">planting guide</a>.</p>
{extra}</main></body></html>"""


async def test_cloaking_links_shown_only_to_googlebot_are_caught(
    serve: ServeFn, pool: BrowserPool, flow_config: Config
) -> None:
    """A server showing Googlebot an extra link (and browsers one Googlebot never sees):
    the Googlebot-only link is added with views ["googlebot"] and a danger `cloaked` flag; the
    browser-only link gets a warning; links both saw are not cloaked."""
    external = await serve("127.0.0.3", {}, any_path=_fine)
    seen_uas: list[str] = []

    async def cloaking(request: web.Request) -> web.Response:
        ua = request.headers.get("User-Agent", "")
        seen_uas.append(ua)
        if "Googlebot" in ua:
            extra = f'<p><a href="http://casino.example.net:{external.port}/">best online casino</a></p>'
        else:
            extra = f'<p><a href="http://www.example.com:{external.port}/members">members area</a></p>'
        body = CLOAKING_PAGE.replace("{extra}", extra).replace("{port}", str(external.port))
        return web.Response(text=body, content_type="text/html")

    site = await serve("127.0.0.2", {"/": cloaking})
    emit = Recorder()
    request = Analyze(id="cloak", url=f"http://news.example.org:{site.port}/",
                      options=AnalyzeOptions(check=False, cloaking=True))
    released: list[int] = []
    await run_analysis(request, config=flow_config, browser=pool, emit=emit,
                       browser_done=lambda: released.append(len(emit.messages)))

    # The Googlebot render comes after the first: the browser is still needed then.
    assert released == []
    assert any("Googlebot" in ua for ua in seen_uas)
    stages = [m.stage for m in emit.messages if isinstance(m, Progress)]
    assert "cloaking" in stages
    report = next(m for m in emit.messages if isinstance(m, ReportMessage)).report
    by_href = {link.href: link for link in report.links}

    casino = by_href[f"http://casino.example.net:{external.port}/"]
    assert casino.views == ["googlebot"]
    cloaked = [f for f in casino.flags if f.code == "cloaked"]
    assert [f.severity for f in cloaked] == ["danger"]
    assert "Googlebot" in cloaked[0].message
    assert casino.verdict == "suspicious"

    members = by_href[f"http://www.example.com:{external.port}/members"]
    assert "googlebot" not in members.views
    assert [f.severity for f in members.flags if f.code == "cloaked"] == ["warning"]

    guide = by_href[f"http://www.example.com:{external.port}/guide"]
    assert "googlebot" in guide.views
    assert "rendered" in guide.views
    assert not any(f.code == "cloaked" for f in guide.flags)
    assert guide.verdict == "dofollow"


async def test_a_site_serving_phones_another_page_is_not_cloaking(
    serve: ServeFn, pool: BrowserPool, flow_config: Config
) -> None:
    """Near-miss: a server that gives every phone UA (Googlebot's or a person's) other links
    than desktops is responsive, not cloaking: Googlebot is compared with the same phone minus
    "Googlebot", so no link is cloaked and none is suspicious."""
    external = await serve("127.0.0.3", {}, any_path=_fine)
    seen_uas: list[str] = []

    async def mobile_site(request: web.Request) -> web.Response:
        ua = request.headers.get("User-Agent", "")
        seen_uas.append(ua)
        if "Mobile" in ua:
            extra = f'<p><a href="http://app.example.net:{external.port}/get">Get the app</a></p>'
        else:
            extra = f'<p><a href="http://www.example.com:{external.port}/print">Print edition</a></p>'
        body = CLOAKING_PAGE.replace("{extra}", extra).replace("{port}", str(external.port))
        return web.Response(text=body, content_type="text/html")

    site = await serve("127.0.0.2", {"/": mobile_site})
    emit = Recorder()
    request = Analyze(id="mobile", url=f"http://news.example.org:{site.port}/",
                      options=AnalyzeOptions(check=False, cloaking=True))
    summary = await run_analysis(request, config=flow_config, browser=pool, emit=emit)

    # A desktop render, Googlebot's phone render and the same phone without "Googlebot".
    phone_uas = [ua for ua in seen_uas if "Mobile" in ua]
    assert any("Googlebot" in ua for ua in phone_uas)
    assert any("Googlebot" not in ua for ua in phone_uas)
    assert any("Mobile" not in ua for ua in seen_uas)
    report = next(m for m in emit.messages if isinstance(m, ReportMessage)).report
    assert [(link.href, f.message) for link in report.links for f in link.flags
            if f.code == "cloaked"] == []
    assert [link.href for link in report.links if link.verdict == "suspicious"] == []
    assert summary.suspicious == 0
    by_href = {link.href: link for link in report.links}
    # Googlebot's phone page has the app link: it is listed as seen by Googlebot, not cloaked.
    assert by_href[f"http://app.example.net:{external.port}/get"].views == ["googlebot"]
    assert "googlebot" not in by_href[f"http://www.example.com:{external.port}/print"].views
