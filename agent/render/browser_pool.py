"""One shared headless Chromium per agent process, driven by Playwright.

The Playwright driver and the browser start on first use (a person running `linklens serve`
pays nothing until the first page). Every job gets a fresh `BrowserContext` from
`BrowserPool.context()`, closed in every case. If Chromium dies (crash, OOM killer, a person
killing it), the job using it fails and the next `context()` launches a new one.
"""

from __future__ import annotations

__all__ = ["DISABLED_FEATURES", "QUIET_NETWORK_ARGS", "BrowserPool"]

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from playwright.async_api import Browser, BrowserContext, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from agent.config import Config
from agent.errors import ScanError
from agent.render.browser_locator import find_chromium
from agent.render.user_agent import remember_browser_version
from protocol import ErrorCode

log = logging.getLogger(__name__)

#: Chromium's own background traffic (updates, sync, safe browsing, metrics...) is switched off:
#: the agent must only ever talk to the pages it was asked about.
QUIET_NETWORK_ARGS: tuple[str, ...] = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--metrics-recording-only",
    "--no-pings",
    "--dns-prefetch-disable",
    # WebRTC could reach private addresses over UDP, outside the per-job proxy that enforces the
    # address policy; only proxied traffic is allowed. Measured with Chromium 156: this content
    # switch stops a page's STUN datagrams to loopback; Chrome's `--force-webrtc-ip-handling-
    # policy` (used until now) did not. The render's init script also removes WebRTC from pages
    # (agent/render/page_rules.py).
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
)

#: Chromium keeps only the LAST `--disable-features` switch, and Playwright passes its own before
#: ours: ours must therefore repeat Playwright's list or it silently re-enables those features
#: (measured: the startup preconnect to the search engine, network-time queries, HTTPS upgrades of
#: http:// pages, and aborted CORS redirects under request interception). Playwright 1.65.2's
#: list (chromiumSwitches in its driver), then ours; tests/render/test_browser_pool.py reads the
#: browser's real command line and fails if an earlier switch names a feature this one lacks.
DISABLED_FEATURES: tuple[str, ...] = (
    # Playwright's
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
    # LinkLens's: no translation prompts, no autofill server traffic.
    "Translate",
    "AutofillServerCommunication",
    # Each browser context is a window of headless Chrome, and in Chromium 156 (the version
    # measured) each window loads its address bar's suggestion popup as a WebUI page
    # (chrome://omnibox-popup.top-chrome) in a renderer of its own, which no render ever shows. Measured on the audit benchmark's
    # pages (Chromium 156, 20 renders one after another): Chromium's CPU per render 1,338 ->
    # 638 ms, a render 742 -> 452 ms, and one renderer process less per render.
    # tests/render/test_browser_pool.py fails if a context opens any browser UI page again.
    "WebUIOmniboxPopup",
    "WebUIOmniboxFullPopup",
    "WebUIOmniboxAimPopup",
)

# Closing a context whose renderer is stuck in `while(true){}` normally takes milliseconds (the
# browser kills the renderer); past this something is wrong and the job must not hang on it.
_CLOSE_TIMEOUT_S = 5.0


class BrowserPool:
    """Launches Chromium on first use, relaunches it if it died, hands out fresh contexts."""

    def __init__(self, config: Config, *, extra_args: tuple[str, ...] = ()) -> None:
        self._config = config
        self._extra_args = extra_args
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._lock = asyncio.Lock()
        self._closed = False
        #: How many times Chromium was launched (tests and the benchmark read it).
        self.launches = 0

    def launch_args(self) -> list[str]:
        """The command-line switches Chromium gets."""
        # Imported here: agent.net.resolver pulls in aiohttp, which `linklens scan` imports in a thread
        # while Chromium starts, not before.
        from agent.net.resolver import chromium_resolver_rules

        args = [*QUIET_NETWORK_ARGS, "--disable-features=" + ",".join(DISABLED_FEATURES)]
        rules = chromium_resolver_rules(self._config)
        if rules:
            args.append(f"--host-resolver-rules={rules}")
        args.extend(self._extra_args)
        return args

    async def browser(self) -> Browser:
        """The running browser, launching (or relaunching) it when needed."""
        if self._closed:
            raise ScanError(ErrorCode.INTERNAL_ERROR, "The browser pool is closed.")
        async with self._lock:
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            if self._browser is not None:
                log.warning("Chromium disconnected; launching a new one")
                with contextlib.suppress(PlaywrightError):
                    await self._browser.close()
                self._browser = None
            executable = find_chromium(self._config)  # ScanError(BROWSER_UNAVAILABLE) if none
            try:
                self._browser = await self._launch(executable)
            except PlaywrightError:
                # The driver itself may have died with the browser: start it again, once.
                await self._stop_driver()
                try:
                    self._browser = await self._launch(executable)
                except PlaywrightError as exc:
                    log.error("Chromium failed to start: %s", exc)
                    raise ScanError(
                        ErrorCode.BROWSER_UNAVAILABLE,
                        f"Chromium at {executable} failed to start; check that it runs.",
                    ) from None
            self.launches += 1
            remember_browser_version(self._browser.version)
            return self._browser

    async def _launch(self, executable: str) -> Browser:
        if self._playwright is None:
            self._playwright = await async_playwright().start()
        return await self._playwright.chromium.launch(
            executable_path=executable, headless=True, args=self.launch_args()
        )

    @contextlib.asynccontextmanager
    async def context(self, **kwargs: Any) -> AsyncIterator[BrowserContext]:
        """A fresh context (no cookies, no cache from other jobs), closed in every case."""
        browser = await self.browser()
        try:
            context = await browser.new_context(**kwargs)
        except PlaywrightError as exc:
            raise ScanError(
                ErrorCode.BROWSER_UNAVAILABLE, "The browser stopped; try again."
            ) from exc
        try:
            yield context
        finally:
            await self._close_context(context)

    async def _close_context(self, context: BrowserContext) -> None:
        # Shielded: a job cancelled while closing still gets its context closed in the background,
        # or pages would pile up in Chromium.
        try:
            await asyncio.shield(asyncio.wait_for(context.close(), _CLOSE_TIMEOUT_S))
        except (PlaywrightError, TimeoutError):
            # A dead browser has nothing left to close; a hung close is logged, not waited on.
            log.debug("context close failed", exc_info=True)

    async def _stop_driver(self) -> None:
        if self._playwright is not None:
            with contextlib.suppress(Exception):
                await self._playwright.stop()
            self._playwright = None

    async def close(self) -> None:
        """Close Chromium and stop the driver; later `context()` calls fail."""
        self._closed = True
        async with self._lock:
            if self._browser is not None:
                with contextlib.suppress(PlaywrightError):
                    await self._browser.close()
                self._browser = None
            await self._stop_driver()
