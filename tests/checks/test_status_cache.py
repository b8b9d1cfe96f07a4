"""The link-status cache: a second check of the same links is all cache hits, TTL and corruption."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import web

from agent.checks.outcome import CheckResult
from agent.checks.status_cache import StatusCache
from agent.config import paths
from protocol import Flag, Redirect
from tests.harness.check_sites import Server, quality_config, run_checks

ServeFn = Callable[..., Awaitable[Server]]


async def _page(request: web.Request) -> web.Response:
    return web.Response(text="<title>Fine</title>", content_type="text/html")


async def _missing(request: web.Request) -> web.Response:
    return web.Response(status=404)


async def _moved(request: web.Request) -> web.Response:
    return web.Response(status=301, headers={"Location": "/a"})


async def test_second_check_is_all_cache_hits(serve: ServeFn) -> None:
    """The second run of the same links sends no request and gives the same results."""
    server = await serve("127.0.0.2", {"/a": _page, "/b": _missing, "/c": _moved})
    hrefs = [f"http://site.test:{server.port}/{p}" for p in ("a", "b", "c")]
    config = quality_config(use_cache=True)
    page = f"http://page.test:{server.port}/"
    cache = StatusCache(paths().status_cache, config.cache_ttl_s)
    try:
        first = await run_checks(hrefs, config=config, page_url=page, cache=cache)
        hits_after_first = len(server.hits)
        started = time.monotonic()
        second = await run_checks(hrefs, config=config, page_url=page, cache=cache)
        elapsed = time.monotonic() - started
    finally:
        await cache.close()
    assert hits_after_first > 0
    assert len(server.hits) == hits_after_first
    assert second.stats.cache_hits == 3
    assert second.stats.requests == 0
    assert elapsed < 1.0
    assert {i: r.health for i, r in second.results.items()} == {0: "ok", 1: "broken", 2: "redirect"}
    assert second.results[2].redirects == first.results[2].redirects


async def test_use_cache_false_requests_again(serve: ServeFn) -> None:
    """With use_cache off, every run requests again."""
    server = await serve("127.0.0.2", {"/a": _page})
    config = quality_config(use_cache=False)
    cache = StatusCache(paths().status_cache, config.cache_ttl_s)
    try:
        for _ in range(2):
            await run_checks([f"http://site.test:{server.port}/a"], config=config,
                             page_url=f"http://page.test:{server.port}/", cache=cache)
    finally:
        await cache.close()
    assert len(server.hits) == 2  # one GET per run


async def test_moment_dependent_results_are_not_cached(serve: ServeFn) -> None:
    """429 and private-network results are checked again next time."""
    server = await serve("127.0.0.2", {"/limited": _rate})
    config = quality_config(use_cache=True)
    cache = StatusCache(paths().status_cache, config.cache_ttl_s)
    try:
        for _ in range(2):
            await run_checks([f"http://site.test:{server.port}/limited"], config=config,
                             page_url=f"http://page.test:{server.port}/", cache=cache)
    finally:
        await cache.close()
    assert len(server.hits) == 2


async def _rate(request: web.Request) -> web.Response:
    return web.Response(status=429)


async def test_ttl_expires(tmp_path: Path) -> None:
    """Entries older than the TTL are misses."""
    cache = StatusCache(tmp_path / "c.sqlite3", ttl_s=0.2)
    try:
        await cache.put_many([("https://a.test/", CheckResult(status=200, health="ok"))])
        assert "https://a.test/" in await cache.get_many(["https://a.test/"])
        time.sleep(0.3)
        assert await cache.get_many(["https://a.test/"]) == {}
    finally:
        await cache.close()


async def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    """status, final_url, redirects, health and flags come back as stored."""
    result = CheckResult(
        status=200, final_url="https://b.test/x", redirects=[Redirect("https://a.test/", 301)],
        health="redirect", flags=[Flag("redirect", "info", "It redirects once.")],
    )
    cache = StatusCache(tmp_path / "c.sqlite3", ttl_s=60)
    try:
        await cache.put_many([("https://a.test/", result)])
        assert (await cache.get_many(["https://a.test/"]))["https://a.test/"] == result
    finally:
        await cache.close()


async def test_corrupt_file_is_recreated(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A file that is not a database is replaced, with a warning in the log; the cache works."""
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    cache = StatusCache(path, ttl_s=60)
    try:
        with caplog.at_level(logging.WARNING, logger="agent.checks.status_cache"):
            assert await cache.get_many(["https://a.test/"]) == {}
        assert "recreating" in caplog.text
        await cache.put_many([("https://a.test/", CheckResult(status=200, health="ok"))])
        assert "https://a.test/" in await cache.get_many(["https://a.test/"])
    finally:
        await cache.close()
