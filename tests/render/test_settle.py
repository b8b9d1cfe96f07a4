"""Settling on the page's own clock (virtual time) in real Chromium: late timers, frames, idle
callbacks and slow fetches are waited for; clocks that never stop, long polls and late
navigations are not."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from agent.config import Config
from agent.render.browser_pool import BrowserPool
from tests.harness.scan_sites import Site, SiteFactory, html
from tests.render.test_page import hrefs, render

pytestmark = pytest.mark.browser

#: Links added after `load` by every kind of page clock: timers at 450 ms, 900 ms and 3 s, an
#: animation frame, an idle callback, and a fetch that a timer starts and the server answers
#: slowly (900 ms of real time).
TIMER_PAGE = """<!doctype html><html><body><a href="/static">static</a>
<script>
function add(href) { const a = document.createElement('a'); a.href = href; a.textContent = href;
                     document.body.appendChild(a); }
addEventListener('load', () => {
  setTimeout(() => add('/timer-450'), 450);
  setTimeout(() => requestAnimationFrame(() => add('/frame-900')), 900);
  setTimeout(() => requestIdleCallback(() => add('/idle-3000')), 3000);
  setTimeout(() => add('/timer-3000'), 3000);
  setTimeout(() => fetch('/slow').then(r => r.text()).then(add), 450);
});
</script></body></html>"""
TIMER_LINKS = ("/static", "/timer-450", "/frame-900", "/idle-3000", "/timer-3000", "/from-slow")


def waiting_config(config: Config) -> Config:
    """The agent's own real-time cap (2 s): the tests' 0.5 s is shorter than the slow fetch."""
    return config.with_overrides(network_idle_s=2.0)


async def timer_site(serve: SiteFactory) -> Site:
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(0.9)
        return web.Response(text="/from-slow")

    return await serve({"/": html(TIMER_PAGE), "/slow": slow})


async def test_links_added_by_late_timers_frames_idle_callbacks_and_slow_fetches_are_found(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """Every link added up to 3 s of page time after load is collected, on the page's clock.

    Rendered four times: before the render waited for the page's queued idle callbacks, the
    idle callback's link was missed about once in twelve renders (the budget ran out between
    the 3 s timer queuing it and the renderer's next idle period)."""
    site = await timer_site(serve)
    for _ in range(4):
        result = await render(pool, waiting_config(config), site.url("/"))
        assert {site.url(p) for p in TIMER_LINKS} <= hrefs(result)
        assert "virtual_time" in result.timings
        assert "network_idle" not in result.timings
        assert result.partial is False


async def test_real_time_waiting_alone_misses_the_late_links(
    serve: SiteFactory, config: Config
) -> None:
    """With the page's clock switched off (budget 0), the 3 s links are missed: what the budget
    is for."""
    real_time = waiting_config(config).with_overrides(virtual_time_budget_s=0.0)
    pool = BrowserPool(real_time)
    try:
        site = await timer_site(serve)
        result = await render(pool, real_time, site.url("/"))
    finally:
        await pool.close()
    assert site.url("/timer-3000") not in hrefs(result)
    assert "network_idle" in result.timings
    assert "virtual_time" not in result.timings


async def test_a_clock_that_never_stops_does_not_keep_the_render_busy(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """setInterval every 10 ms (and an animation loop): the budget is still spent on the
    page's clock, not waited out in real time, and the links are collected."""
    page = """<a href="/first">first</a><div id="n"></div><script>
    let n = 0; setInterval(() => { document.getElementById('n').textContent = ++n; }, 10);
    (function spin() { requestAnimationFrame(spin); })();
    setTimeout(() => { const a = document.createElement('a'); a.href = '/late';
                       document.body.appendChild(a); }, 2000);
    </script>"""
    site = await serve({"/": html(page)})
    result = await render(pool, config, site.url("/"))
    assert {site.url("/first"), site.url("/late")} <= hrefs(result)
    assert "virtual_time" in result.timings
    assert result.partial is False


async def test_a_long_poll_falls_back_to_real_time_waiting(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """A fetch that never ends stops the page's clock for good: the render waits as long as the
    real-time quiet wait would (`network_idle` in the timings) and collects the page."""
    page = """<a href="/here">here</a><script>fetch('/poll');</script>"""

    async def poll(request: web.Request) -> web.Response:
        await asyncio.sleep(60)
        return web.Response(text="")

    site = await serve({"/": html(page), "/poll": poll})
    result = await render(pool, config, site.url("/"))
    assert site.url("/here") in hrefs(result)
    assert "network_idle" in result.timings
    assert "virtual_time" not in result.timings
    assert result.partial is False


async def test_a_navigation_due_long_after_settling_is_not_made(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """A meta refresh after 300 s and a `location` change after 60 s would fire at once on the
    fast-forwarded clock: they are answered 204 and the settled page is collected."""
    page = """<head><meta http-equiv="refresh" content="300;url=/refreshed"></head>
    <a href="/kept">kept</a><div style="height: 4000px"></div>
    <script>setTimeout(() => { location.href = '/moved'; }, 60000);</script>"""
    site = await serve({"/": html(page), "/{tail:.*}": html("<a href='/elsewhere'>x</a>")})
    result = await render(pool, config, site.url("/"))
    assert site.url("/kept") in hrefs(result)
    assert result.final_url == site.url("/")
    assert site.hits == ["/"]


async def test_a_polling_page_is_neither_flooded_nor_held(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """setInterval(fetch, 200): a free-running clock once fired thousands of fetches a second
    and the render hit its deadline; now the page is collected and polled a few times only."""
    page = """<a href="/here">here</a><script>setInterval(() => fetch('/poll'), 200);</script>"""

    async def poll(request: web.Request) -> web.Response:
        await asyncio.sleep(0.05)
        return web.Response(text="")

    site = await serve({"/": html(page), "/poll": poll})
    result = await render(pool, config, site.url("/"))
    assert site.url("/here") in hrefs(result)
    assert result.partial is False
    assert site.hits.count("/poll") < 30
