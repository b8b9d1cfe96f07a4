"""Fixtures for the command tests: local "public" sites, a small config, a browser pool."""

from tests.harness.scan_fixtures import config, pool, serve

__all__ = ["config", "pool", "serve"]
