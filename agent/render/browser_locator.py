"""Find a Chromium to render with.

Order: the explicit setting (`LINKLENS_CHROMIUM` / `chromium` in config.toml), then
Google Chrome, then a Playwright-downloaded Chromium, then Debian/Ubuntu's chromium. Debian's
`/usr/bin/chromium` is a shell wrapper that adds flags and prints a warning, so the real binary
behind it is preferred. `python -m agent.render.browser_locator` prints the path (exit 0) or what to
install (exit 1); scripts/setup uses it.
"""

from __future__ import annotations

__all__ = ["INSTALL_HINT", "candidates", "find_chromium", "main"]

import glob
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from agent.config import Config, ConfigError, load_config
from agent.errors import ScanError
from protocol import ErrorCode

INSTALL_HINT = (
    "No Chromium found. Install one — `sudo apt-get install chromium` (Debian/Ubuntu), "
    "Google Chrome, or `playwright install chromium` — or set LINKLENS_CHROMIUM to its path."
)


def _executable(path: str | os.PathLike[str]) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def _playwright_browsers() -> Iterator[str]:
    roots = []
    if os.environ.get("PLAYWRIGHT_BROWSERS_PATH"):
        roots.append(Path(os.environ["PLAYWRIGHT_BROWSERS_PATH"]))
    roots += [
        Path.home() / ".cache" / "ms-playwright",
        Path.home() / "Library" / "Caches" / "ms-playwright",
        Path(os.environ.get("LOCALAPPDATA", "")) / "ms-playwright",
    ]
    patterns = [
        "chromium-*/chrome-linux*/chrome",
        "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
        "chromium-*/chrome-mac*/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing",
        "chromium-*/chrome-win*/chrome.exe",
    ]
    for root in roots:
        for pattern in patterns:
            # Newest revision first.
            yield from sorted(glob.glob(str(root / pattern)), reverse=True)


def candidates() -> Iterator[str]:
    """Places a Chromium may be, in order of preference (after the explicit setting)."""
    # Google Chrome
    yield "/opt/google/chrome/chrome"
    for name in ("google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            yield found
    yield "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("LOCALAPPDATA")):
        if base:
            yield str(Path(base) / "Google" / "Chrome" / "Application" / "chrome.exe")
    # Playwright's own download
    yield from _playwright_browsers()
    # Debian / Ubuntu / other distributions: the real binary before the wrapper scripts
    yield "/usr/lib/chromium/chromium"
    yield "/usr/lib/chromium-browser/chromium-browser"
    yield "/snap/bin/chromium"
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            yield found
    yield "/Applications/Chromium.app/Contents/MacOS/Chromium"


def find_chromium(config: Config | None = None) -> str:
    """The browser executable to use. Raises ScanError(browser_unavailable) naming what to install."""
    explicit = config.chromium if config is not None else os.environ.get("LINKLENS_CHROMIUM")
    if explicit:
        if _executable(explicit):
            return explicit
        raise ScanError(
            ErrorCode.BROWSER_UNAVAILABLE,
            f"LINKLENS_CHROMIUM / chromium is set to {explicit}, which is not an executable file.",
        )
    for path in candidates():
        if _executable(path):
            return path
    raise ScanError(ErrorCode.BROWSER_UNAVAILABLE, INSTALL_HINT)


def main() -> int:
    """Print the browser path, or what to install."""
    try:
        print(find_chromium(load_config()))
    except (ScanError, ConfigError) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
