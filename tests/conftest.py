"""Fixtures every test area shares: an isolated LinkLens home and the browser to test with."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.config import load_config
from agent.errors import ScanError
from agent.render.browser_locator import find_chromium


@pytest.fixture(autouse=True)
def linklens_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test gets its own config/cache/data dirs, never the person's real ones."""
    home = tmp_path_factory.mktemp("linklens-home")
    previous = os.environ.get("LINKLENS_HOME")
    os.environ["LINKLENS_HOME"] = str(home)
    try:
        yield home
    finally:
        if previous is None:
            os.environ.pop("LINKLENS_HOME", None)
        else:
            os.environ["LINKLENS_HOME"] = previous


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """The Chromium for browser tests. Under CI=true a missing browser fails; it never skips there."""
    try:
        return find_chromium(load_config(Path(os.devnull)))
    except ScanError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Browser tests must run in CI: {exc}")
        pytest.skip(f"no browser on this machine (scripts/setup installs one): {exc}")
