"""Fixtures for the server tests: the real agent server with a fake runner, and local sites
with a small config for the tests that drive the real engine through it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.harness.agent_harness import Agent, running_agent
from tests.harness.scan_fixtures import config, pool, serve

__all__ = ["agent", "config", "pool", "serve"]


@pytest.fixture
async def agent() -> AsyncIterator[Agent]:
    """The real agent server on a free loopback port: small limits, fake runner."""
    async with running_agent() as running:
        yield running
