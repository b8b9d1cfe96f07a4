"""Fixtures for the link tests: pages for the collector, local "public" sites for checks."""

from tests.harness.check_sites import serve
from tests.harness.pages import browser, page, servers

__all__ = ["browser", "page", "serve", "servers"]
