"""Fixtures for the real-page tests: the corpus server, plus pages a test adds under its own hosts.

`site` serves the corpus (tests/corpus/corpus_site.py) and whatever a test adds with
`site.add(url, body)`, and `site.scan(url)` runs the whole analysis (`run_analysis`, checks off)
in a real Chromium, offline. The test hosts below stand for real sites: they have real-looking
registrable domains, so internal/external and text-vs-host rules work as on the web.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from agent.config import Config
from agent.render.browser_pool import BrowserPool
from protocol import Report
from tests.corpus.corpus_site import (
    BROWSER_ARGS,
    Route,
    corpus_config,
    corpus_server,
    offline,
    scan,
)

#: Host names tests may serve pages under (all mapped to the corpus address).
TEST_HOSTS = (
    "www.news-site.com",
    "static.news-site.com",
    "ads.ad-network.net",
    "www.partner-site.org",
)


@dataclass
class Site:
    """The corpus server with a browser: add pages, scan them."""

    port: int
    config: Config
    pool: BrowserPool
    routes: dict[tuple[str, str], Route] = field(default_factory=dict)

    def url(self, address: str) -> str:
        """`https://host/path` as served here: the same host and path on the corpus port."""
        parts = urlsplit(address)
        return parts._replace(netloc=f"{parts.hostname}:{self.port}").geturl()

    def add(self, address: str, body: str | bytes | Route, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve `body` (or a handler) at `https://host/path`; returns the URL to scan."""
        parts = urlsplit(address)
        route: Route
        if isinstance(body, str | bytes):
            route = (body.encode() if isinstance(body, str) else body, content_type)
        else:
            route = body
        self.routes[(parts.hostname or "", parts.path or "/")] = route
        return self.url(address)

    async def scan(self, url: str, **config_changes: object) -> Report:
        """The Report of one page, checks off (`config_changes`: e.g. a shorter deadline)."""
        config = self.config.with_overrides(**config_changes) if config_changes else self.config
        with offline():
            return await scan(url, config=config, pool=self.pool)


@pytest.fixture
async def site(chromium_executable: str) -> AsyncIterator[Site]:
    """The corpus and test pages, served offline, and a browser pool for one test."""
    routes: dict[tuple[str, str], Route] = {}
    async with corpus_server(extra=routes) as server:
        base = Config(
            chromium=chromium_executable,
            # Generous: a loaded machine (2 shared cores) can take seconds to commit a navigation.
            render_deadline_s=15.0,
            network_idle_s=0.5,
            scroll_rounds=2,
            # The agent's port in tests: nothing listens there.
            port=47999,
        )
        config = corpus_config(base, [*server.hosts, *TEST_HOSTS])
        pool = BrowserPool(config, extra_args=BROWSER_ARGS)
        try:
            yield Site(port=server.port, config=config, pool=pool, routes=routes)
        finally:
            await pool.close()
