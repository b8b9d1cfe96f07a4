"""Fixtures for the scan engine's tests: local "public" sites on 127.0.0.N and a browser pool.

127.0.0.2-127.0.0.9 are declared public (Config.simulated_public) so pages served there behave
like sites on the internet; 127.0.0.1 stays private (it is where the agent lives).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from agent.config import Config
from agent.render.browser_pool import BrowserPool
from tests.harness.scan_sites import PUBLIC_RANGE, Handler, Site, SiteFactory


@pytest.fixture
async def serve() -> AsyncIterator[SiteFactory]:
    """Start aiohttp servers: `await serve({"/": handler}, host="127.0.0.2")` -> Site."""
    runners: list[web.AppRunner] = []

    async def start(routes: dict[str, Handler], host: str = "127.0.0.2", port: int = 0) -> Site:
        site = Site(host, 0)

        @web.middleware
        async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
            site.hits.append(request.path_qs)
            return await handler(request)

        app = web.Application(middlewares=[record])
        for path, handler in routes.items():
            app.router.add_route("*", path, handler)
        runner = web.AppRunner(app, shutdown_timeout=0.5, handler_cancellation=True)
        await runner.setup()
        tcp = web.TCPSite(runner, host, port)
        await tcp.start()
        runners.append(runner)
        site.port = int(runner.addresses[-1][1])
        return site

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
def config(chromium_executable: str) -> Config:
    """Small limits so every test is quick; 127.0.0.2-9 count as public."""
    return Config(
        chromium=chromium_executable,
        render_deadline_s=6.0,
        network_idle_s=0.5,
        scroll_rounds=4,
        check_timeout_s=2.0,
        check_budget_s=5.0,
        simulated_public=PUBLIC_RANGE,
        # The agent's port in tests: nothing listens there unless a test puts a stand-in on it.
        port=47999,
    )


@pytest.fixture
async def pool(config: Config) -> AsyncIterator[BrowserPool]:
    """A browser pool for one test, closed after it."""
    browser_pool = BrowserPool(config)
    yield browser_pool
    await browser_pool.close()
