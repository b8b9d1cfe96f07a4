"""Local web servers for the scan tests: "public" sites on 127.0.0.N (see conftest.py)."""

from __future__ import annotations

__all__ = ["PUBLIC_RANGE", "Handler", "Site", "SiteFactory", "html"]

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

#: 127.0.0.2-127.0.0.9: stand-ins for public sites.
PUBLIC_RANGE = "127.0.0.2/31", "127.0.0.4/30", "127.0.0.8/31"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Site:
    """A local web server; `url(path)` gives an absolute URL on it."""

    host: str
    port: int
    hits: list[str] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"


SiteFactory = Callable[..., Awaitable[Site]]


def html(body: str, *, status: int = 200, headers: dict[str, str] | None = None) -> Handler:
    """A handler answering a fixed HTML page."""

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(text=body, status=status, content_type="text/html", headers=headers)

    return handler
