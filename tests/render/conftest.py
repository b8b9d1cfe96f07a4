"""Fixtures for the render tests: pages served on loopback, one Chromium per module, a pool."""

from tests.harness.pages import browser, page, servers
from tests.harness.scan_fixtures import config, pool, serve

__all__ = ["browser", "config", "page", "pool", "serve", "servers"]
