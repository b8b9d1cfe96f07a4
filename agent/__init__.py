"""LinkLens agent: renders pages, finds and classifies every link, checks them, explains them."""

from __future__ import annotations

__all__ = ["__version__"]

import functools


@functools.cache
def _installed_version() -> str:
    # importlib.metadata costs tens of milliseconds to import (email, zipfile...): looked up on
    # first use of `__version__` (the server's welcome, `--version`), not by every `import agent`.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("linklens")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    # PEP 562: `agent.__version__` and `from agent import __version__` both land here.
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
