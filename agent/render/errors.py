"""How a render's failures become one sentence a person can read.

Chromium's `net::ERR_*` codes, the address guard's refusals, a non-HTML answer, a refused later
navigation (meta refresh, JS `location`), a browser that died and a cancelled job each map to one
`LinkLensError` here; agent/render/page.py only says when to ask.
"""

from __future__ import annotations

__all__ = [
    "browser_gone",
    "browser_stopped",
    "navigation_error",
    "raise_for_failed_navigation",
    "raise_if_cancelled",
    "refuse_non_html",
]

import asyncio
import re
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Response

from agent.errors import LinkLensError, ScanError, TargetRefused
from agent.render.address_guard import AddressGuard, Refusal
from agent.render.watch import PageWatch
from protocol import ErrorCode

NET_ERROR = re.compile(r"net::(ERR_[A-Z0-9_]+)")
_ANY_NET_ERROR = re.compile(r"(ERR_[A-Z0-9_]+)")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def browser_gone(exc: PlaywrightError) -> bool:
    """The error says the browser, its page or the driver went away (crash, killed, closed)."""
    text = str(exc).lower()
    return any(word in text for word in ("closed", "crash", "disconnected"))


def browser_stopped() -> ScanError:
    """The job's error when Chromium died under it (the pool launches a new one next time)."""
    return ScanError(
        ErrorCode.BROWSER_UNAVAILABLE,
        "The browser stopped during the render; try again (a new one is started).",
    )


def raise_if_cancelled() -> None:
    """Turn a Playwright error back into the cancellation that caused it.

    Cancelling a pending Playwright call (Ctrl+C, a job cancelled by the extension) makes it fail
    with Playwright's TimeoutError or Error; that must not be reported as the page's timeout.
    """
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def raise_for_failed_navigation(page: Page, guard: AddressGuard, watch: PageWatch) -> None:
    """A later navigation of the page (meta refresh, JS location) that was refused or failed."""
    if watch.refused_navigations:
        target, _ = watch.refused_navigations[-1]
        raise _redirected_to_private(_host(target))
    if page.url.startswith("chrome-error:") and watch.navigation_failures:
        target, failure = watch.navigation_failures[-1]
        match = NET_ERROR.search(failure) or _ANY_NET_ERROR.search(failure)
        raise navigation_error(match.group(1) if match else "ERR_FAILED", target, guard, watch)


def navigation_error(code: str, url: str, guard: AddressGuard, watch: PageWatch) -> LinkLensError:
    """The error for a navigation to `url` that Chromium failed with `code` (`ERR_...`)."""
    host = _host(url)
    if watch.refused_navigations:
        target, refused = watch.refused_navigations[-1]
        if _host(target) == host:
            return refused
        return _redirected_to_private(_host(target))
    if code == "ERR_TOO_MANY_REDIRECTS":
        return ScanError(ErrorCode.TOO_MANY_REDIRECTS)
    if code.startswith(("ERR_SOCKS", "ERR_PROXY", "ERR_TUNNEL")):
        # The guard knows what really happened: take its last refusal (a redirect hop may have
        # gone to another host than the one asked for).
        refusal = guard.refusal_for(host) or (guard.refusals[-1] if guard.refusals else None)
        if refusal is not None:
            return _refusal_error(refusal, host)
        return ScanError(ErrorCode.UNREACHABLE, f"{host} could not be reached.")
    if code in ("ERR_NAME_NOT_RESOLVED", "ERR_NAME_RESOLUTION_FAILED"):
        return ScanError(ErrorCode.UNREACHABLE, f"{host} does not resolve (DNS lookup failed).")
    if code == "ERR_CONNECTION_REFUSED":
        return ScanError(ErrorCode.UNREACHABLE, f"{host} refused the connection.")
    if code in ("ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED", "ERR_EMPTY_RESPONSE"):
        return ScanError(ErrorCode.UNREACHABLE, f"{host} closed the connection without answering.")
    if code in ("ERR_TIMED_OUT", "ERR_CONNECTION_TIMED_OUT"):
        return ScanError(ErrorCode.UNREACHABLE, f"{host} did not accept a connection in time.")
    if code.startswith(("ERR_CERT", "ERR_SSL", "ERR_BAD_SSL")):
        return ScanError(
            ErrorCode.UNREACHABLE, f"{host} has a certificate or TLS problem ({code})."
        )
    if code == "ERR_UNSAFE_PORT":
        return TargetRefused(ErrorCode.TARGET_NOT_ALLOWED, "Browsers never connect to that port.")
    if code in ("ERR_ABORTED", "ERR_INVALID_RESPONSE") and watch.downloads:
        return ScanError(ErrorCode.NOT_HTML)
    return ScanError(ErrorCode.UNREACHABLE, f"{host} could not be loaded ({code}).")


async def refuse_non_html(document: Response) -> None:
    """PDF, image, attachment...: a clear error (the download itself was already refused)."""
    try:
        headers = await document.all_headers()
    except PlaywrightError:
        headers = document.headers
    disposition = headers.get("content-disposition", "").lower()
    content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if disposition.startswith("attachment") or (content_type and content_type not in _HTML_TYPES):
        kind = content_type or "a download"
        raise ScanError(
            ErrorCode.NOT_HTML, f"That address is not an HTML page (it sends {kind})."
        )


def _redirected_to_private(host: str) -> TargetRefused:
    return TargetRefused(
        ErrorCode.TARGET_NOT_ALLOWED,
        f"The page redirected to {host}, which is in a private or internal network.",
    )


def _refusal_error(refusal: Refusal, asked_host: str) -> LinkLensError:
    host = refusal.host
    if refusal.reason == "policy":
        if host == asked_host:
            return TargetRefused(
                ErrorCode.TARGET_NOT_ALLOWED, f"{host} points into a private or internal network."
            )
        return _redirected_to_private(host)
    sentence = {
        "dns": f"{host} does not resolve (DNS lookup failed).",
        "refused": f"{host} refused the connection.",
        "timeout": f"{host} did not accept a connection in time.",
    }.get(refusal.reason, f"{host} could not be reached.")
    return ScanError(ErrorCode.UNREACHABLE, sentence)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url
