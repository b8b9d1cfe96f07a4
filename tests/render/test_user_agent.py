"""User-Agent strings derived from the launched browser's version."""

from __future__ import annotations

import pytest
from aiohttp import web

from agent.config import Config
from agent.links.cloaking import GOOGLEBOT_SMARTPHONE_UA, PHONE_BROWSER_UA
from agent.render.browser_pool import BrowserPool
from agent.render.user_agent import (
    GOOGLEBOT_PART,
    chrome_version,
    default_user_agent,
    desktop_user_agent,
    fill_version,
    googlebot_smartphone_user_agent,
)
from tests.harness.scan_sites import SiteFactory
from tests.render.test_page import hrefs, render
from tests.render.test_settle import TIMER_LINKS, TIMER_PAGE, waiting_config


def test_chrome_version_is_written_as_chrome_sends_it() -> None:
    """156.0.8078.114 -> 156.0.0.0 (Chrome's reduced User-Agent)."""
    assert chrome_version("156.0.8078.114") == "156.0.0.0"
    with pytest.raises(ValueError, match="not a Chrome version"):
        chrome_version("HeadlessChrome")


def test_googlebot_keeps_the_form_google_documents() -> None:
    """The Googlebot Smartphone string ends with Google's token, after the phone's Chrome."""
    ua = googlebot_smartphone_user_agent("156.0.8078.114")
    assert ua == (
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36 "
        "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    )
    assert ua.endswith(GOOGLEBOT_PART)
    assert fill_version(GOOGLEBOT_SMARTPHONE_UA, "156.1.2.3") == ua
    assert fill_version(PHONE_BROWSER_UA, "156.1.2.3") + " " + GOOGLEBOT_PART == ua


def test_link_checks_claim_the_desktop_chrome_of_our_version_unless_configured() -> None:
    """No setting: a desktop Chrome of the browser's version; a setting wins."""
    assert "Chrome/" in desktop_user_agent("156.0.8078.114")
    assert default_user_agent(Config(user_agent="probe/1")) == "probe/1"


@pytest.mark.browser
async def test_googlebot_render_sends_the_launched_version_and_settles_the_same_way(
    serve: SiteFactory, pool: BrowserPool, config: Config
) -> None:
    """The cloaking render's User-Agent carries the running Chromium's major version, and it
    waits for the page's late timers as the main render does."""
    seen: list[str] = []

    async def page(request: web.Request) -> web.Response:
        seen.append(request.headers["User-Agent"])
        return web.Response(text=TIMER_PAGE, content_type="text/html")

    async def slow(request: web.Request) -> web.Response:
        return web.Response(text="/from-slow")

    site = await serve({"/": page, "/slow": slow})
    result = await render(
        pool, waiting_config(config), site.url("/"), user_agent=GOOGLEBOT_SMARTPHONE_UA,
        mobile=True,
    )
    version = (await pool.browser()).version
    assert seen == [googlebot_smartphone_user_agent(version)]
    assert {site.url(p) for p in TIMER_LINKS} <= hrefs(result)
    assert default_user_agent(config) == desktop_user_agent(version)
