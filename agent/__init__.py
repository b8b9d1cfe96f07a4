"""LinkLens agent: renders pages, finds and classifies every link, checks them, explains them."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("linklens")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
