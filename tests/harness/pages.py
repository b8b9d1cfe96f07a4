"""Fixtures for the extraction tests: one Chromium per module and a local page server.

Browser tests share one browser (and one event loop) per module so each test stays quick; every
test gets a fresh context. Pages are served by aiohttp on 127.0.0.1 (127.0.0.2 stands for another
origin); nothing leaves the machine.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest_asyncio
from aiohttp import web
from playwright.async_api import Browser, BrowserContext, Page, async_playwright


@dataclass
class PageServer:
    """Serves bytes by path on one loopback address: `server.add("/x.html", html)`."""

    host: str
    port: int = 0
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve body at path and return its absolute URL."""
        self.pages[path] = (body.encode() if isinstance(body, str) else body, content_type)
        return self.url(path)

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return f"http://{self.host}:{self.port}{path}"


async def _start(host: str) -> tuple[PageServer, web.AppRunner]:
    server = PageServer(host)

    async def handle(request: web.Request) -> web.Response:
        found = server.pages.get(request.path)
        if found is None:
            return web.Response(status=404, text="not found")
        body, content_type = found
        return web.Response(body=body, headers={"Content-Type": content_type})

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    runner = web.AppRunner(app, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, host, 0)
    await site.start()
    server.port = int(runner.addresses[-1][1])
    return server, runner


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def servers() -> AsyncIterator[tuple[PageServer, PageServer]]:
    """Two page servers: 127.0.0.1 (the page's origin) and 127.0.0.2 (another origin)."""
    first, first_runner = await _start("127.0.0.1")
    second, second_runner = await _start("127.0.0.2")
    yield first, second
    await first_runner.cleanup()
    await second_runner.cleanup()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def browser(chromium_executable: str) -> AsyncIterator[Browser]:
    """One headless Chromium for the module."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium_executable)
        yield launched
        await launched.close()


@pytest_asyncio.fixture(loop_scope="module")
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A fresh context and page, closed after the test."""
    context: BrowserContext = await browser.new_context()
    opened = await context.new_page()
    yield opened
    await context.close()
