"""Fixtures for the backlink monitor's tests: local "public" sites whose pages change between
checks, a small config, and a way to run `linklens watch ...` and read what it printed.

127.0.0.2-127.0.0.9 count as public (Config.simulated_public), as in the scan tests; 127.0.0.1
stays private. Nothing here resolves a real name: link targets (`mysite.test`) are never
requested unless a test maps them with Config.host_map.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from agent.cli.commands import build_parser
from agent.config import Config
from agent.render.browser_pool import BrowserPool

#: 127.0.0.2-127.0.0.9: stand-ins for public sites.
PUBLIC_RANGE = ("127.0.0.2/31", "127.0.0.4/30", "127.0.0.8/31")


@dataclass
class Page:
    """What one path answers right now (tests change it between checks)."""

    body: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass
class ChangingSite:
    """A local web server whose pages a test rewrites between checks."""

    host: str
    port: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"


def page_html(body: str, head: str = "") -> str:
    """A small article page around `body`."""
    return (
        f"<!doctype html><html><head><title>post</title>{head}</head>"
        f"<body><main><article><p>Intro text.</p>{body}</article></main></body></html>"
    )


SiteFactory = Callable[..., Awaitable[ChangingSite]]


@pytest.fixture
async def changing_site() -> AsyncIterator[SiteFactory]:
    """Start a ChangingSite: `await changing_site(host="127.0.0.2")`; unknown paths are 404."""
    runners: list[web.AppRunner] = []

    async def start(host: str = "127.0.0.2") -> ChangingSite:
        site = ChangingSite(host)

        async def handler(request: web.Request) -> web.StreamResponse:
            site.hits.append(request.path)
            page = site.pages.get(request.path)
            if page is None:
                return web.Response(text="<h1>Not found</h1>", status=404, content_type="text/html")
            if page.delay_s:
                await asyncio.sleep(page.delay_s)
            return web.Response(
                text=page.body, status=page.status, content_type="text/html", headers=page.headers
            )

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app, shutdown_timeout=0.5, handler_cancellation=True)
        await runner.setup()
        await web.TCPSite(runner, host, 0).start()
        runners.append(runner)
        site.port = int(runner.addresses[-1][1])
        return site

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
def config(chromium_executable: str) -> Config:
    """Small limits so every check is quick; 127.0.0.2-9 count as public."""
    return Config(
        chromium=chromium_executable,
        render_deadline_s=60.0,  # a shared, loaded two-core machine renders four pages at once
        network_idle_s=0.3,
        scroll_rounds=2,
        check_timeout_s=2.0,
        check_budget_s=5.0,
        simulated_public=PUBLIC_RANGE,
        port=47999,
        watch_idle_poll_s=0.2,
    )


@pytest.fixture
async def pool(config: Config) -> AsyncIterator[BrowserPool]:
    """A browser pool for one test, closed after it."""
    browser_pool = BrowserPool(config)
    yield browser_pool
    await browser_pool.close()


@dataclass
class Result:
    """What one `linklens watch ...` run printed and returned."""

    code: int
    out: str
    err: str


async def run_watch(config: Config, *argv: str) -> Result:
    """Run `linklens watch ARGV...` in a worker thread (it runs its own event loop) while the
    test's loop keeps serving the local sites."""
    from agent.cli.watch import run

    args = build_parser().parse_args(["watch", *argv])
    out, err = io.StringIO(), io.StringIO()
    code = await asyncio.to_thread(run, args, config, out=out, err=err)
    return Result(code, out.getvalue(), err.getvalue())
