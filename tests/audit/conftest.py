"""Fixtures for the audit tests: named local "public" sites, a small config, CLI runs.

Each site is an aiohttp server on its own 127.0.0.N (2-9 count as public through
Config.simulated_public; 127.0.0.1 stays private) reached by a name of its own through
Config.host_map (`spam.test` -> 127.0.0.3), so referring domains and disavow lines read like
real ones. Nothing resolves a real name and nothing leaves the machine.
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

PUBLIC_RANGE = ("127.0.0.2/31", "127.0.0.4/30", "127.0.0.8/31")

#: name -> address of every site the tests may start.
HOSTS = {
    "mysite.test": "127.0.0.2",
    "goodblog.test": "127.0.0.3",
    "spam.test": "127.0.0.4",
    "links.test": "127.0.0.5",
    "broken.test": "127.0.0.6",
    "offtopic.test": "127.0.0.7",
    "resources.test": "127.0.0.8",
    "dead.test": "127.0.0.9",
}


@dataclass
class Page:
    """What one path answers."""

    body: str
    status: int = 200
    delay_s: float = 0.0
    content_type: str = "text/html"
    googlebot_body: str | None = None  # served instead when the User-Agent says Googlebot (cloaking)


@dataclass
class Site:
    """A local web server whose pages a test writes."""

    name: str
    port: int = 0
    pages: dict[str, Page] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    in_flight: int = 0  # requests being answered now
    peak: int = 0  # the most answered at once

    def url(self, path: str = "/") -> str:
        return f"http://{self.name}:{self.port}{path}"


def article(body: str, title: str = "post", head: str = "") -> str:
    """A small article page around `body`, with a nav menu (readability leaves it out)."""
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/about">About</a></nav>'
        f"<main><article><h1>{title}</h1>{body}</article></main></body></html>"
    )


SiteFactory = Callable[[str], Awaitable[Site]]


@pytest.fixture
async def sites() -> AsyncIterator[SiteFactory]:
    """`await sites("spam.test")` starts that name's site; unknown paths answer 404."""
    runners: list[web.AppRunner] = []

    async def start(name: str) -> Site:
        site = Site(name)

        async def handler(request: web.Request) -> web.StreamResponse:
            site.hits.append(request.path_qs if request.query_string else request.path)
            page = site.pages.get(request.path)
            if page is None:
                return web.Response(text="<h1>Not found</h1>", status=404, content_type="text/html")
            if page.delay_s:
                site.in_flight += 1
                site.peak = max(site.peak, site.in_flight)
                try:
                    await asyncio.sleep(page.delay_s)
                finally:
                    site.in_flight -= 1
            body = page.body
            if page.googlebot_body is not None and "Googlebot" in request.headers.get("User-Agent", ""):
                body = page.googlebot_body
            return web.Response(text=body, status=page.status, content_type=page.content_type)

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app, shutdown_timeout=0.5, handler_cancellation=True)
        await runner.setup()
        await web.TCPSite(runner, HOSTS[name], 0).start()
        runners.append(runner)
        site.port = int(runner.addresses[-1][1])
        return site

    yield start
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
def config(chromium_executable: str) -> Config:
    """Small limits so every page is quick; the test hosts mapped to their addresses."""
    return Config(
        chromium=chromium_executable,
        render_deadline_s=20.0,
        network_idle_s=0.3,
        scroll_rounds=1,
        check_timeout_s=2.0,
        check_budget_s=10.0,
        simulated_public=PUBLIC_RANGE,
        host_map=dict(HOSTS),
        port=47999,
        use_cache=False,
    )


@pytest.fixture
async def pool(config: Config) -> AsyncIterator[BrowserPool]:
    """A browser pool for one test, closed after it."""
    browser_pool = BrowserPool(config)
    yield browser_pool
    await browser_pool.close()


@dataclass
class Result:
    """What one `linklens ...` run printed and returned."""

    code: int
    out: str
    err: str


async def run_cli(config: Config, *argv: str) -> Result:
    """Run `linklens audit|disavow|prospects ...` in a worker thread (it runs its own event
    loop) while the test's loop keeps serving the local sites."""
    from agent.cli.audit import run

    args = build_parser().parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    code = await asyncio.to_thread(run, args, config, out=out, err=err)
    return Result(code, out.getvalue(), err.getvalue())


def run_cli_sync(config: Config, *argv: str) -> Result:
    """`run_cli` for tests with no sites to serve."""
    from agent.cli.audit import run

    args = build_parser().parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    code = run(args, config, out=out, err=err)
    return Result(code, out.getvalue(), err.getvalue())
