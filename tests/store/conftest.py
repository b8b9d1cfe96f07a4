"""Fixtures for the store's tests: a database path in the test's own LinkLens home."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's store lives (nothing there yet)."""
    return tmp_path / "data" / "history.sqlite3"
