"""The shared Chromium's command line, read back from the running browser, and what a fresh
context costs it."""

from __future__ import annotations

import re

import pytest

from agent.render.browser_pool import DISABLED_FEATURES, BrowserPool

pytestmark = pytest.mark.browser


async def test_no_disabled_feature_is_dropped_by_a_later_switch(pool: BrowserPool) -> None:
    """Chromium keeps only the last `--disable-features`: it names every feature that any
    earlier one (Playwright's own) names, and LinkLens's, so none is silently re-enabled."""
    async with pool.context() as context:
        page = await context.new_page()
        await page.goto("chrome://version")
        command_line = await page.inner_text("#command_line")
    switches = re.findall(r"--disable-features=(\S+)", command_line)
    assert switches, command_line
    effective = set(switches[-1].strip('"').split(","))
    for earlier in switches[:-1]:
        assert set(earlier.strip('"').split(",")) <= effective
    assert set(DISABLED_FEATURES) <= effective


async def test_a_render_context_opens_no_browser_ui_page(pool: BrowserPool) -> None:
    """A context is a window of headless Chrome; its address bar's WebUI popup (a renderer of its
    own, about half of Chromium's CPU for a small page) is switched off, and no other browser UI
    page takes its place: the only target of a fresh context is the page itself."""
    launched = await pool.browser()
    session = await launched.new_browser_cdp_session()
    try:
        async with pool.context() as context:
            page = await context.new_page()
            await page.goto("about:blank")
            # The popup was created with the window, before the page's first paint.
            await page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(null)))")
            found = await session.send("Target.getTargets")
    finally:
        await session.detach()
    mine = [info for info in found["targetInfos"] if info.get("browserContextId") and info["type"] != "browser"]
    assert mine, found
    assert [(info["type"], info["url"]) for info in mine] == [("page", "about:blank")]
