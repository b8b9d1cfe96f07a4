"""The User-Agent strings LinkLens sends, derived from the version of the Chromium it launched.

One template per kind of client, and the Chrome version filled in from `Browser.version`, so
what the link checks and the cloaking renders claim to be is the browser that really renders.
Templates write the version as Google's documentation does, `Chrome/W.X.Y.Z`; `render_page`
fills it in for the `user_agent` it is given, `default_user_agent` for the link checks (the
version of the browser this process launched, else the one it would launch, asked once with
`--version`).
The version is written the way Chrome itself sends it since its User-Agent reduction: the major
number, then `.0.0.0` (`Chrome/156.0.0.0`).

- a desktop Chrome on Linux: the link checks' default (`Config.user_agent` unset);
- Googlebot Smartphone, in the form Google documents ("Googlebot crawlers",
  developers.google.com): `Chrome/W.X.Y.Z` stands for the current stable Chrome, which Googlebot
  keeps up to date, followed by `(compatible; Googlebot/2.1; +http://www.google.com/bot.html)`;
- the same phone without the Googlebot part: what a person's phone browser sends.
"""

from __future__ import annotations

__all__ = [
    "GOOGLEBOT_PART",
    "GOOGLEBOT_SMARTPHONE",
    "PHONE_BROWSER",
    "VERSION_MARK",
    "browser_version",
    "chrome_version",
    "default_user_agent",
    "desktop_user_agent",
    "fill_version",
    "googlebot_smartphone_user_agent",
    "phone_browser_user_agent",
    "remember_browser_version",
]

import functools
import re
import subprocess
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent.config import Config

#: Where a template has the Chrome version (Google's notation for "the current Chrome").
VERSION_MARK = "W.X.Y.Z"

_DESKTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/W.X.Y.Z Safari/537.36"
)
_PHONE = (
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/W.X.Y.Z Mobile Safari/537.36"
)
#: What Googlebot adds to its browser's User-Agent.
GOOGLEBOT_PART = "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
#: Googlebot Smartphone as Google documents it, and the same phone without the Googlebot part.
GOOGLEBOT_SMARTPHONE = f"{_PHONE} {GOOGLEBOT_PART}"
PHONE_BROWSER = _PHONE

_launched_version: str | None = None


def chrome_version(browser_version: str) -> str:
    """`156.0.8078.114` (Playwright's `Browser.version`) -> `156.0.0.0`, as Chrome sends it."""
    major = browser_version.strip().split(".", 1)[0]
    if not major.isdigit():
        raise ValueError(f"not a Chrome version: {browser_version!r}")
    return f"{major}.0.0.0"


def fill_version(template: str, browser_version: str) -> str:
    """`template` with its `Chrome/W.X.Y.Z` written for `browser_version`."""
    return template.replace(f"Chrome/{VERSION_MARK}", f"Chrome/{chrome_version(browser_version)}")


def desktop_user_agent(browser_version: str) -> str:
    """A desktop Chrome on Linux, of the launched browser's version."""
    return fill_version(_DESKTOP, browser_version)


def phone_browser_user_agent(browser_version: str) -> str:
    """The phone Googlebot Smartphone claims to be, without the Googlebot part."""
    return fill_version(PHONE_BROWSER, browser_version)


def googlebot_smartphone_user_agent(browser_version: str) -> str:
    """Googlebot Smartphone, as Google documents it, with the launched browser's version."""
    return fill_version(GOOGLEBOT_SMARTPHONE, browser_version)


def remember_browser_version(version: str) -> None:
    """Called by the browser pool on each launch: the version the link checks claim."""
    global _launched_version
    _launched_version = version


def browser_version(config: Config) -> str:
    """The version of the Chromium this process launched, else of the one it would launch."""
    if _launched_version is not None:
        return _launched_version
    from agent.render.browser_locator import find_chromium  # only when no browser ran yet

    return _executable_version(find_chromium(config))


def default_user_agent(config: Config) -> str:
    """The link checks' User-Agent: `Config.user_agent`, else a desktop Chrome of our version."""
    return config.user_agent or desktop_user_agent(browser_version(config))


@functools.cache
def _executable_version(executable: str) -> str:
    # `chromium --version` prints "Chromium 156.0.8078.114" (Chrome: "Google Chrome 156...");
    # about 70 ms, once per process, and only when link checks run before any render.
    output = subprocess.run(  # noqa: S603 (the browser LinkLens itself would launch)
        [executable, "--version"], capture_output=True, text=True, timeout=10, check=False
    ).stdout
    match = re.search(r"(\d+\.\d+\.\d+\.\d+)", output)
    if match is None:
        raise ValueError(f"{executable} --version said {output.strip()!r}")
    return match.group(1)
