"""The shared Chromium's command line, read back from the running browser."""

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
