"""The demo's web: an article on a "public" site and the sites its links lead to, all on loopback.

Every host is served by one aiohttp application bound to 127.0.0.2-127.0.0.6 on one port; the
names (`www.linklens-demo.test`, `news.example-news.test`, ...) reach those addresses through
`Config.host_map` (Chromium's `--host-resolver-rules`, the link checker's resolver and the address
policy alike) and `Config.simulated_public` makes them count as public sites. Nothing leaves the
machine, yet every outcome is real: the link targets answer ok, 301, 404, 410, 500, 429 with
Retry-After, a 403 bot check, a soft 404, a redirect loop and a tarpit.
"""

from __future__ import annotations

__all__ = ["ARTICLE_HOST", "HOSTS", "SIMULATED_PUBLIC", "DemoSite"]

import asyncio
import json
from collections.abc import Awaitable, Callable
from importlib import resources

from aiohttp import web

from agent.config import Config

ARTICLE_HOST = "www.linklens-demo.test"

#: name -> loopback address standing in for a public site
HOSTS: dict[str, str] = {
    ARTICLE_HOST: "127.0.0.2",
    "news.example-news.test": "127.0.0.3",
    "blog.example-news.test": "127.0.0.3",
    "shop.example-shop.test": "127.0.0.4",
    "cdn.widgets-demo.test": "127.0.0.5",
    "slow.example-slow.test": "127.0.0.6",
}
SIMULATED_PUBLIC: tuple[str, ...] = ("127.0.0.2/31", "127.0.0.4/31", "127.0.0.6/32")
_ADDRESSES = sorted(set(HOSTS.values()))

_BOT_CHECK = """<!doctype html><html><head><title>Just a moment...</title></head>
<body><h1>Checking your browser before accessing the site.</h1>
<p>This process is automatic. Please enable JavaScript and cookies.</p></body></html>"""

_SOFT_404 = """<!doctype html><html><head><title>Page not found</title></head>
<body><h1>Sorry, this page could not be found</h1><p>It may have moved.
<a href="/">Go to the home page</a>.</p></body></html>"""

_Handler = Callable[[web.Request, "DemoSite"], Awaitable[web.StreamResponse]]


def _page(title: str, body: str = "") -> web.Response:
    text = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><h1>{title}</h1><p>A page of the LinkLens demo.</p>{body}</body></html>"
    )
    return web.Response(text=text, content_type="text/html")


def _site_file(name: str, port: int) -> str:
    text = resources.files("agent.demo").joinpath("pages", name).read_text(encoding="utf-8")
    return text.replace("{port}", str(port))


class DemoSite:
    """The demo's servers: `await start()`, `article_url`, `configure(config)`, `await stop()`."""

    def __init__(self, *, tarpit_s: float = 60.0) -> None:
        self.port = 0
        self.tarpit_s = tarpit_s
        self._runner: web.AppRunner | None = None

    @property
    def article_url(self) -> str:
        return self.url(ARTICLE_HOST, "/article")

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    def configure(self, config: Config) -> Config:
        """The config to scan the demo with: its names mapped, its addresses public, short checks."""
        return config.with_overrides(
            host_map={**config.host_map, **HOSTS},
            simulated_public=tuple(dict.fromkeys((*config.simulated_public, *SIMULATED_PUBLIC))),
            # The tarpit must cost seconds, not the default 10 s per link.
            check_timeout_s=min(config.check_timeout_s, 2.0),
            check_budget_s=min(config.check_budget_s, 20.0),
            render_deadline_s=min(config.render_deadline_s, 20.0),
            # Ports change from run to run; cached results would only clutter the person's cache.
            use_cache=False,
        )

    async def start(self, port: int = 0, attempts: int = 10) -> None:
        """Serve every demo host on one port (ephemeral unless given) on 127.0.0.2-127.0.0.6."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        last_error: OSError | None = None
        for _ in range(attempts):
            runner = web.AppRunner(app, shutdown_timeout=0.5, handler_cancellation=True)
            await runner.setup()
            try:
                first = web.TCPSite(runner, _ADDRESSES[0], port)
                await first.start()
                chosen = int(runner.addresses[0][1])
                # The same port on the other addresses: links carry one port for every host.
                for address in _ADDRESSES[1:]:
                    await web.TCPSite(runner, address, chosen).start()
            except OSError as exc:
                last_error = exc
                await runner.cleanup()
                if port:
                    break
                continue
            self._runner = runner
            self.port = chosen
            return
        raise last_error or OSError("the demo site could not start")

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        host = (request.host or "").rsplit(":", 1)[0].lower()
        handler = _ROUTES.get((host, request.path))
        if handler is not None:
            return await handler(request, self)
        if host in HOSTS and request.path != "/favicon.ico":
            # Every other address on a known host is an ordinary page, so links "just work".
            return _page(f"{host}{request.path}")
        return web.Response(status=404, text="not found")


async def _article(request: web.Request, site: DemoSite) -> web.Response:
    return web.Response(text=_site_file("article.html", site.port), content_type="text/html")


async def _embed(request: web.Request, site: DemoSite) -> web.Response:
    return web.Response(text=_site_file("embed.html", site.port), content_type="text/html")


async def _home(request: web.Request, site: DemoSite) -> web.Response:
    return _page("LinkLens demo", f"<p><a href='{site.article_url}'>Read the article</a></p>")


async def _related(request: web.Request, site: DemoSite) -> web.Response:
    items = [
        {"href": site.url("news.example-news.test", "/fetched-basil"), "text": "Basil all year"},
        {"href": site.url(ARTICLE_HOST, "/mint"), "text": "Mint takes over (our guide)"},
    ]
    return web.Response(text=json.dumps(items), content_type="application/json")


async def _more(request: web.Request, site: DemoSite) -> web.Response:
    items = [{"href": site.url("blog.example-news.test", "/lazy-herbs"), "text": "Readers' gardens"}]
    return web.Response(text=json.dumps(items), content_type="application/json")


def _redirect(to: str, status: int = 301) -> _Handler:
    async def handler(request: web.Request, site: DemoSite) -> web.Response:
        return web.Response(status=status, headers={"Location": to})

    return handler


def _status(status: int, headers: dict[str, str] | None = None, body: str = "") -> _Handler:
    async def handler(request: web.Request, site: DemoSite) -> web.Response:
        return web.Response(
            status=status, text=body or f"HTTP {status}", content_type="text/html", headers=headers
        )

    return handler


async def _soft_404(request: web.Request, site: DemoSite) -> web.Response:
    return web.Response(text=_SOFT_404, content_type="text/html")


async def _tarpit(request: web.Request, site: DemoSite) -> web.Response:
    await asyncio.sleep(site.tarpit_s)
    return _page("finally")


_ROUTES: dict[tuple[str, str], _Handler] = {
    (ARTICLE_HOST, "/"): _home,
    (ARTICLE_HOST, "/article"): _article,
    (ARTICLE_HOST, "/embed"): _embed,
    (ARTICLE_HOST, "/api/related"): _related,
    (ARTICLE_HOST, "/api/more"): _more,
    ("news.example-news.test", "/old-story"): _redirect("/story", 301),
    ("news.example-news.test", "/error"): _status(500),
    ("news.example-news.test", "/missing-guide"): _soft_404,
    ("news.example-news.test", "/loop-a"): _redirect("/loop-b", 302),
    ("news.example-news.test", "/loop-b"): _redirect("/loop-a", 302),
    ("shop.example-shop.test", "/gone"): _status(404, body="<h1>404 Not Found</h1>"),
    ("shop.example-shop.test", "/discontinued"): _status(410, body="<h1>Gone</h1>"),
    ("shop.example-shop.test", "/busy"): _status(429, {"Retry-After": "120"}, "Too many requests"),
    ("shop.example-shop.test", "/protected"): _status(403, body=_BOT_CHECK),
    ("slow.example-slow.test", "/tarpit"): _tarpit,
}
