"""Fixtures for the command tests: local "public" sites, a small config, a browser pool."""

import pytest

from tests.harness.scan_fixtures import config, pool, serve

__all__ = ["config", "pool", "serve"]


@pytest.fixture(autouse=True)
def _pipe_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table is as wide as a pipe's, whatever terminal started the tests: a COLUMNS
    inherited from it (pytest-xdist's workers get the terminal's) would narrow the table."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
