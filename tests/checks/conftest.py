"""Fixtures for the link-check tests: local "public" sites on 127.0.0.N."""

from tests.harness.check_sites import serve

__all__ = ["serve"]
