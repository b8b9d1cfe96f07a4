"""Local "web" for link-quality tests: aiohttp servers on 127.0.0.N, names mapped by host_map.

Nothing leaves the machine: names resolve through `Config.host_map`, 127.0.0.2-127.0.0.9 are
declared public with `simulated_public` (127.0.0.1 stays private), and a name under `.invalid`
fails resolution without any lookup (RFC 6761, honoured by HostResolver).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from agent.checks.link_check import CheckResult, CheckStats, check_links
from agent.checks.status_cache import StatusCache
from agent.config import Config
from agent.net.address_policy import AddressPolicy
from agent.net.resolver import HostResolver
from protocol import Link

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

PUBLIC = ("127.0.0.2/31", "127.0.0.4/30", "127.0.0.8/31")  # 127.0.0.2 - 127.0.0.9


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Server:
    """A running local server and what it saw."""

    ip: str
    port: int
    hits: list[Hit] = field(default_factory=list)
    active: int = 0
    max_active: int = 0

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]


async def start_server(
    ip: str,
    routes: dict[str, Handler],
    *,
    any_path: Handler | None = None,
    tls: ssl.SSLContext | None = None,
) -> tuple[Server, web.AppRunner]:
    """Serve `routes` (path -> handler for every method) on ip:random port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((ip, 0))
    server = Server(ip=ip, port=sock.getsockname()[1])

    @web.middleware
    async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
        server.hits.append(Hit(request.method, request.path_qs, dict(request.headers)))
        server.active += 1
        server.max_active = max(server.max_active, server.active)
        try:
            return await handler(request)
        finally:
            server.active -= 1

    app = web.Application(middlewares=[record])
    try:
        for path, handler in routes.items():
            app.router.add_route("*", path, handler)
        if any_path is not None:
            app.router.add_route("*", "/{tail:.*}", any_path)
    except BaseException:
        sock.close()
        raise
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=0.1)
    await runner.setup()
    await web.SockSite(runner, sock, ssl_context=tls).start()
    return server, runner


@pytest.fixture
async def serve() -> AsyncIterator[Callable[..., Awaitable[Server]]]:
    """Start servers for one test; all are stopped at its end."""
    runners: list[web.AppRunner] = []

    async def _serve(ip: str, routes: dict[str, Handler], **kwargs: Any) -> Server:
        server, runner = await start_server(ip, routes, **kwargs)
        runners.append(runner)
        return server

    yield _serve
    for runner in runners:
        await runner.cleanup()


def quality_config(**changes: object) -> Config:
    """Small limits and the local name map every quality test uses."""
    values: dict[str, object] = {
        "host_map": {
            "page.test": "127.0.0.2",
            "site.test": "127.0.0.2",
            "other.test": "127.0.0.3",
            "busy.test": "127.0.0.4",
            "*.farm.test": "127.0.0.5",
            "private.test": "127.0.0.1",
            "secure.test": "127.0.0.6",
        },
        "simulated_public": PUBLIC,
        "check_timeout_s": 1.0,
        "check_budget_s": 10.0,
        "per_host_connections": 4,
        "total_connections": 16,
        "check_read_bytes": 4096,
        "max_redirects": 5,
        "use_cache": False,
    }
    values.update(changes)
    return Config().with_overrides(**values)


@dataclass
class CheckRun:
    results: dict[int, CheckResult]
    stats: CheckStats


async def run_checks(
    hrefs: list[str],
    *,
    config: Config,
    page_url: str,
    cache: StatusCache | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> CheckRun:
    """Check `hrefs` (link ids are their positions) from a page at `page_url`."""
    resolver = HostResolver(config)
    policy = await AddressPolicy.for_page(page_url, config, resolver)
    links = [Link(id=i, href=href) for i, href in enumerate(hrefs)]
    results: dict[int, CheckResult] = {}

    async def on_result(link_id: int, result: CheckResult) -> None:
        results[link_id] = result

    stats = await check_links(
        links, config=config, resolver=resolver, policy=policy, cache=cache, on_result=on_result,
        ssl_context=ssl_context,
    )
    return CheckRun(results, stats)


async def forever(request: web.Request) -> web.StreamResponse:
    """A tarpit: accepts the request and never answers."""
    await asyncio.sleep(3600)
    raise AssertionError("unreachable")
