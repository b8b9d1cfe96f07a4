"""Fixtures for the foundation tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from foundation_harness import Agent, running_agent


@pytest.fixture
async def agent() -> AsyncIterator[Agent]:
    """The real agent server on a free loopback port: small limits, fake runner."""
    async with running_agent() as running:
        yield running
