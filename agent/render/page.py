"""Render one page in headless Chromium and run the collector in it, once.

    fresh context (proxy = this job's address guard; no service workers, no downloads)
      -> goto (until the response commits)   -> wait for `load`   -> network quiet (capped)
      -> scroll to the bottom while the page grows (bounded rounds)
      -> back to the top and the collector ONCE, in an isolated world (installed in every new
         document beforehand)  -> the main document's body as it was sent

The private-network boundary (docs/DESIGN.md §3) is enforced twice:

- every request the page makes passes `AddressPolicy.check_url` in a route handler (clean refusal
  before anything is sent; images, media and fonts are aborted there too);
- Playwright's route never sees redirect hops (measured: a public page's `302` to loopback
  reached the loopback server), so the context's proxy is `AddressGuard`, a SOCKS5 server run
  for this job that resolves each host itself and connects only to addresses the policy allows.
  Every TCP connection Chromium opens — redirect hops, websockets, workers, preconnects — goes
  through it (`<-loopback>` removes Chromium's implicit loopback bypass), and the address checked
  is the address connected to, so DNS rebinding gains nothing.

Deadline: everything before the collector must end by `deadline_s` minus a reserve kept for
collecting; when waiting is cut short the page is collected as it is and `partial` is set. When
nothing can be collected (no response, a renderer stuck in `while(true){}`) the job fails with
`render_timeout`. The whole call is also bounded with asyncio, because a Playwright call on a
busy page can hang.
"""

from __future__ import annotations

__all__ = ["AddressGuard", "RenderResult", "render_page"]

import asyncio
import contextlib
import ipaddress
import logging
import re
import struct
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import (
    Dialog,
    Download,
    Page,
    Request,
    Response,
    Route,
)
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from agent.config import Config
from agent.errors import LinkLensError, ScanError, TargetRefused
from agent.net.address_policy import AddressPolicy
from agent.net.resolver import HostResolver, ResolutionFailed
from agent.render.browser_pool import BrowserPool
from agent.render.collector import prepare_collector
from protocol import Collection, ErrorCode

log = logging.getLogger(__name__)

#: Not needed to find links, and the bulk of a page's bytes. The collector does not call an image
#: link hidden because its (unloaded) image has no size.
BLOCKED_RESOURCE_TYPES = frozenset({"image", "media", "font"})

#: Neutralise what would block or multiply the render (docs/SECURITY.md). Installed before any page
#: script runs, in every frame. Dialogs still raised (e.g. beforeunload) are dismissed by handler.
_QUIET_PAGE_SCRIPT = """(() => {
  const none = () => undefined;
  try {
    window.alert = none;
    window.confirm = () => false;
    window.prompt = () => null;
    window.print = none;
    window.open = () => null;
  } catch (e) {}
})();"""

# One jump to the bottom, in one round trip, when the page is taller than `minHeight` (and, with
# `fitCheck`, taller than the window). `behavior: "instant"` because a page with
# `scroll-behavior: smooth` would otherwise animate the jump and never reach the bottom in time.
# Then two frames run, for IntersectionObservers and their callbacks; the timeout covers pages
# that never paint (or a renderer too busy to, which the caller then waits for longer). The
# collector itself jumps back to the top (agent/render/collector.py, `scroll_to_top`). Returns
# [height before the jump, window height, jumped, the frames ran].
_JUMP_SCRIPT = """async ({minHeight, fitCheck}) => {
  const root = document.scrollingElement || document.documentElement;
  if (!root) return [0, 0, false, false];
  const height = root.scrollHeight, viewport = window.innerHeight || 0;
  if (height <= minHeight || (fitCheck && height <= viewport)) return [height, viewport, false, false];
  window.scrollTo({top: height, left: 0, behavior: "instant"});
  let frames = 2;
  const painted = await Promise.race([
    new Promise(r => { const next = () => --frames ? requestAnimationFrame(next) : r(true);
                       requestAnimationFrame(next); }),
    new Promise(r => setTimeout(() => r(false), 100)),
  ]);
  return [height, viewport, true, painted];
}"""

# The network counts as quiet after this long with no request in flight. Shorter than
# Playwright's `networkidle` (500 ms): most lazy loaders fire within a frame or two.
_QUIET_WINDOW_S = 0.25
_SCROLL_QUIET_WINDOW_S = 0.15
# Shorter windows when the page has started no request since the wait began (nothing in flight
# either): a page that has gone silent is not about to fetch more. Any request that starts while
# waiting brings back the full window above. Measured (docs/BENCHMARKS.md): these waits were
# most of the gap to a bare Playwright script.
_IDLE_QUIET_WINDOW_S = 0.1
_IDLE_SCROLL_WINDOW_S = 0.075
# How long a request the page started takes, at most, to reach us as an event (renderer ->
# browser -> driver -> Python) on a busy machine: the least a quiet window lasts after a jump.
_EVENT_SLACK_S = 0.03
# Time kept back from the deadline for running the collector and reading the body.
_COLLECT_RESERVE_MIN_S = 0.5
_COLLECT_RESERVE_MAX_S = 5.0
# Extra time for the asyncio bound on top of the deadline (closing the context, the proxy).
_HARD_GRACE_S = 2.0
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Googlebot smartphone renders at a 412 px wide screen (a Pixel-class phone).
_PHONE_CONTEXT: dict[str, object] = {
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
}
_NET_ERROR = re.compile(r"net::(ERR_[A-Z0-9_]+)")


@dataclass
class RenderResult:
    """What the render of one page gives the rest of the flow."""

    url: str
    final_url: str
    status: int | None
    headers: list[tuple[str, str]]
    raw_html: bytes | None
    collection: Collection
    partial: bool
    timings: dict[str, float] = field(default_factory=dict)
    #: The main document was larger than the raw-view cap: `raw_html` is None.
    raw_too_large: bool = False


# --------------------------------------------------------------------------------------------
# The address guard: a SOCKS5 proxy for one job


@dataclass(frozen=True)
class Refusal:
    """A connection the guard did not make, and why."""

    host: str
    port: int
    reason: str  # "policy", "dns", "refused", "timeout", "unreachable"


_SOCKS_OK = 0x00
_SOCKS_NOT_ALLOWED = 0x02
_SOCKS_HOST_UNREACHABLE = 0x04
_SOCKS_REFUSED = 0x05
_SOCKS_BAD_COMMAND = 0x07


class AddressGuard:
    """SOCKS5 server on 127.0.0.1 that connects only where the job's policy allows."""

    def __init__(
        self,
        policy: AddressPolicy,
        resolver: HostResolver,
        *,
        connect_timeout_s: float = 10.0,
    ) -> None:
        self._policy = policy
        self._resolver = resolver
        self._connect_timeout_s = connect_timeout_s
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self.refusals: list[Refusal] = []
        self.port = 0

    async def start(self) -> None:
        """Listen on an ephemeral loopback port."""
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    @property
    def proxy(self) -> dict[str, str]:
        """Playwright's `proxy=` for a context: everything, loopback included, goes through us."""
        return {"server": f"socks5://127.0.0.1:{self.port}", "bypass": "<-loopback>"}

    def refusal_for(self, host: str) -> Refusal | None:
        """The last refusal recorded for `host`, if any."""
        host = host.lower().strip("[]")
        for refusal in reversed(self.refusals):
            if refusal.host == host:
                return refusal
        return None

    async def close(self) -> None:
        """Stop listening and cut every tunnel."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1.0)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        self._writers.add(writer)
        upstream: asyncio.StreamWriter | None = None
        try:
            target = await asyncio.wait_for(self._handshake(reader, writer), 10.0)
            if target is None:
                return
            host, port = target
            opened = await self._connect(host, port)
            if isinstance(opened, Refusal):
                self.refusals.append(opened)
                code = {
                    "policy": _SOCKS_NOT_ALLOWED,
                    "refused": _SOCKS_REFUSED,
                }.get(opened.reason, _SOCKS_HOST_UNREACHABLE)
                writer.write(bytes([5, code, 0, 1, 0, 0, 0, 0, 0, 0]))
                await writer.drain()
                return
            up_reader, upstream = opened
            self._writers.add(upstream)
            writer.write(bytes([5, _SOCKS_OK, 0, 1, 0, 0, 0, 0, 0, 0]))
            await writer.drain()
            await asyncio.gather(_pipe(reader, upstream), _pipe(up_reader, writer))
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            pass  # the browser or the site hung up; Chromium reports the failure itself
        except asyncio.CancelledError:
            # Only `close()` cancels these connection tasks (the job is over). Ending quietly
            # keeps asyncio's stream server from logging each cancelled tunnel as an error.
            pass
        finally:
            for w in (writer, upstream):
                if w is not None:
                    self._writers.discard(w)
                    w.close()
            if task is not None:
                self._tasks.discard(task)

    async def _handshake(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> tuple[str, int] | None:
        version, n_methods = await reader.readexactly(2)
        await reader.readexactly(n_methods)
        if version != 5:
            return None
        writer.write(b"\x05\x00")  # no authentication: only this machine can reach the port
        version, command, _, address_type = await reader.readexactly(4)
        if address_type == 1:
            host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
        elif address_type == 3:
            length = (await reader.readexactly(1))[0]
            host = (await reader.readexactly(length)).decode("idna").lower()
        elif address_type == 4:
            host = str(ipaddress.IPv6Address(await reader.readexactly(16)))
        else:
            return None
        (port,) = struct.unpack("!H", await reader.readexactly(2))
        if command != 1:  # only CONNECT; no BIND, no UDP
            writer.write(bytes([5, _SOCKS_BAD_COMMAND, 0, 1, 0, 0, 0, 0, 0, 0]))
            await writer.drain()
            return None
        return host, port

    async def _connect(
        self, host: str, port: int
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter] | Refusal:
        try:
            addresses = await self._resolver.resolve(host, port)
        except ResolutionFailed:
            return Refusal(host, port, "dns")
        allowed = [ip for ip in addresses if self._policy.allows(host, port, ip)]
        if not allowed:
            log.info("refused a connection to %s:%s (address policy)", host, port)
            return Refusal(host, port, "policy")
        reason = "unreachable"
        for ip in allowed:
            try:
                return await asyncio.wait_for(
                    asyncio.open_connection(ip, port), self._connect_timeout_s
                )
            except ConnectionRefusedError:
                reason = "refused"
            except TimeoutError:
                reason = "timeout"
            except OSError:
                reason = "unreachable"
        return Refusal(host, port, reason)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        with contextlib.suppress(OSError):
            if writer.can_write_eof():
                writer.write_eof()


# --------------------------------------------------------------------------------------------
# One page's render


class _Watch:
    """What the page did, recorded from Playwright events while it rendered."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.inflight: set[Request] = set()
        self.last_activity = time.monotonic()
        self.last_request_start = 0.0
        self.documents: list[Response] = []  # main-frame document responses, in order
        self.navigation_failures: list[tuple[str, str]] = []  # (url, error text)
        self.refused_navigations: list[tuple[str, TargetRefused]] = []
        self.downloads = 0
        self.dialogs = 0
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, action: Coroutine[Any, Any, None]) -> bool:
        """Run a reply to the page (dismiss, cancel, close) in the background; errors ignored."""
        task = asyncio.ensure_future(_quietly(action))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    def on_request(self, request: Request) -> None:
        self.inflight.add(request)
        self.last_activity = self.last_request_start = time.monotonic()

    def on_request_done(self, request: Request) -> None:
        self.inflight.discard(request)
        self.last_activity = time.monotonic()

    def on_request_failed(self, request: Request) -> None:
        self.on_request_done(request)
        if self._is_main_navigation(request):
            self.navigation_failures.append((request.url, request.failure or ""))

    def on_response(self, response: Response) -> None:
        if self._is_main_navigation(response.request):
            self.documents.append(response)

    def _is_main_navigation(self, request: Request) -> bool:
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except PlaywrightError:
            return False  # e.g. a request of a popup whose frame is already gone

    def main_document(self) -> Response | None:
        """The last main-frame response that is not a redirect."""
        for response in reversed(self.documents):
            if not (300 <= response.status < 400 and response.headers.get("location")):
                return response
        return None


def _raise_if_cancelled() -> None:
    """Turn a Playwright error back into the cancellation that caused it.

    Cancelling a pending Playwright call (Ctrl+C, a job cancelled by the extension) makes it fail
    with Playwright's TimeoutError or Error; that must not be reported as the page's timeout.
    """
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def _remaining(end: float) -> float:
    return max(0.0, end - time.monotonic())


async def render_page(
    browser: BrowserPool,
    url: str,
    *,
    config: Config,
    policy: AddressPolicy,
    deadline_s: float,
    user_agent: str | None = None,
    max_links: int | None = None,
    resolver: HostResolver | None = None,
    max_html_bytes: int | None = None,
    mobile: bool = False,
) -> RenderResult:
    """Render `url` and collect its links (see the module docstring).

    Raises TargetRefused (the page or a redirect of it is outside the policy) or ScanError
    (unreachable, render_timeout, too_many_redirects, not_html, browser_unavailable).
    """
    # Launching Chromium (first job, or after a crash) is the agent's cost, not the page's: it
    # happens before the page's deadline starts.
    await browser.browser()
    guard = AddressGuard(
        policy, resolver or HostResolver(config), connect_timeout_s=config.check_timeout_s
    )
    await guard.start()
    try:
        return await asyncio.wait_for(
            _render(
                browser,
                url,
                config=config,
                policy=policy,
                guard=guard,
                deadline_s=deadline_s,
                user_agent=user_agent,
                mobile=mobile,
                max_links=config.max_links if max_links is None else max_links,
                max_html_bytes=config.max_html_bytes if max_html_bytes is None else max_html_bytes,
            ),
            deadline_s + _HARD_GRACE_S,
        )
    except TimeoutError:
        raise ScanError(ErrorCode.RENDER_TIMEOUT) from None
    except PlaywrightError as exc:
        # Chromium died under the job (crash, killed): this job fails, the pool relaunches it for
        # the next one. Anything else from Playwright is a bug and propagates.
        if not _browser_gone(exc):
            raise
        raise ScanError(
            ErrorCode.BROWSER_UNAVAILABLE,
            "The browser stopped during the render; try again (a new one is started).",
        ) from None
    finally:
        await guard.close()


def _browser_gone(exc: PlaywrightError) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("closed", "crash", "disconnected"))


async def _render(
    browser: BrowserPool,
    url: str,
    *,
    config: Config,
    policy: AddressPolicy,
    guard: AddressGuard,
    deadline_s: float,
    user_agent: str | None,
    mobile: bool,
    max_links: int,
    max_html_bytes: int,
) -> RenderResult:
    started = time.monotonic()
    hard_end = started + deadline_s
    reserve = min(max(deadline_s * 0.2, _COLLECT_RESERVE_MIN_S), _COLLECT_RESERVE_MAX_S)
    soft_end = hard_end - reserve
    timings: dict[str, float] = {}
    mark = started

    def lap(name: str) -> None:
        nonlocal mark
        now = time.monotonic()
        timings[name] = round((now - mark) * 1000, 1)
        mark = now

    context_options: dict[str, object] = {
        "proxy": guard.proxy,
        "service_workers": "block",
        "accept_downloads": False,
        "java_script_enabled": True,
    }
    if user_agent:
        context_options["user_agent"] = user_agent
    if mobile:
        # A phone as Googlebot's smartphone crawler renders: CSS and scripts see a small
        # touch screen, so mobile-only layouts are what gets compared.
        context_options.update(_PHONE_CONTEXT)
    async with browser.context(**context_options) as context:
        watches: list[_Watch] = []

        async def route(route: Route) -> None:
            # No request is made before the page below exists and has its watch.
            await _route_request(route, policy, watches[0], route.request)

        # Concurrently: each is a round trip to the browser, and the init script and the route
        # apply to the context's page whichever is done first (both before the navigation).
        _, _, page = await asyncio.gather(
            context.add_init_script(script=_QUIET_PAGE_SCRIPT),
            context.route("**/*", route),
            context.new_page(),
        )
        # The collector is installed in an isolated world of each document the page loads, so
        # collecting later is one small call (the script is compiled while the page loads). The
        # session goes with the page if the render ends before collecting.
        prepared = await prepare_collector(page)
        watch = _Watch(page)
        watches.append(watch)
        page.on("request", watch.on_request)
        page.on("requestfinished", watch.on_request_done)
        page.on("requestfailed", watch.on_request_failed)
        page.on("response", watch.on_response)
        page.on("dialog", lambda dialog: _dismiss(dialog, watch))
        page.on("download", lambda download: _refuse_download(download, watch))
        # Popups the init script did not stop (a script clicking a target=_blank link) are
        # closed at once; they never load.
        context.on("page", lambda popup: _close_popup(popup, page, watch))
        timings["setup"] = round((time.monotonic() - mark) * 1000, 1)
        mark = time.monotonic()

        try:
            committed = await _navigate(page, url, soft_end, guard, watch)
        except LinkLensError:
            raise
        except PlaywrightError as exc:
            if "closed" in str(exc).lower():
                raise ScanError(
                    ErrorCode.BROWSER_UNAVAILABLE, "The browser stopped during the render."
                ) from None
            raise
        lap("navigate")
        # goto's own answer covers a `response` event that has not reached us yet.
        document = watch.main_document() or committed
        if document is not None:
            await _refuse_non_html(document)

        partial = False
        quiet_at_load = False
        loaded_at = 0.0
        try:
            await page.wait_for_load_state("load", timeout=_ms(soft_end))
            loaded_at = time.monotonic()
            quiet_at_load = not watch.inflight
        except (PlaywrightTimeoutError, TimeoutError):
            _raise_if_cancelled()
            partial = True
        lap("load")
        if not partial:
            partial = not await _network_quiet(
                watch,
                _QUIET_WINDOW_S,
                config.network_idle_s,
                soft_end,
                # The shorter window only for a page with nothing in flight at `load`.
                idle_window_s=_IDLE_QUIET_WINDOW_S if quiet_at_load else None,
                since=loaded_at,
            )
        lap("network_idle")
        if not partial:
            partial = not await _scroll(page, watch, config, soft_end)
        lap("scroll")
        _raise_for_failed_navigation(page, guard, watch)

        try:
            # In an isolated world: the page's own scripts cannot replace what the collector
            # calls (getComputedStyle, checkVisibility, JSON...) to hide links from the agent.
            # Back at the top first, one frame later: visibility is judged as a person landing
            # on the page sees it (after scroll handlers such as a header that slid away).
            collection = await asyncio.wait_for(
                prepared.collect(max_links, scroll_to_top=True), _remaining(hard_end)
            )
        except TimeoutError:
            _raise_if_cancelled()
            raise ScanError(ErrorCode.RENDER_TIMEOUT) from None
        except PlaywrightError as exc:
            _raise_if_cancelled()
            _raise_for_failed_navigation(page, guard, watch)
            if "closed" in str(exc).lower() or "crash" in str(exc).lower():
                raise ScanError(
                    ErrorCode.BROWSER_UNAVAILABLE, "The browser stopped during the render."
                ) from None
            # A navigation at the last moment destroys the context the collector ran in.
            log.info("collector failed: %s", exc)
            raise ScanError(
                ErrorCode.RENDER_TIMEOUT, "The page kept navigating and never settled."
            ) from None
        finally:
            prepared.close()
        lap("collect")

        document = watch.main_document() or committed
        status = document.status if document is not None else None
        headers: list[tuple[str, str]] = []
        raw_html: bytes | None = None
        raw_too_large = False
        if document is not None:
            with contextlib.suppress(PlaywrightError, TimeoutError):
                headers = [
                    (h["name"], h["value"])
                    for h in await asyncio.wait_for(document.headers_array(), _remaining(hard_end))
                ]
            length = _content_length(headers)
            if length is not None and length > max_html_bytes:
                raw_too_large = True
            else:
                try:
                    body = await asyncio.wait_for(document.body(), max(_remaining(hard_end), 1.0))
                except (PlaywrightError, TimeoutError):
                    body = None  # still loading (partial) or evicted: no raw view this time
                if body is not None and len(body) > max_html_bytes:
                    raw_too_large = True
                elif body is not None:
                    raw_html = body
        lap("raw_html")
        timings["render"] = round((time.monotonic() - started) * 1000, 1)
        final_url = page.url if page.url.startswith(("http:", "https:")) else url
        if document is not None and not final_url.startswith(("http:", "https:")):
            final_url = document.url
        return RenderResult(
            url=url,
            final_url=final_url,
            status=status,
            headers=headers,
            raw_html=raw_html,
            collection=collection,
            partial=partial,
            timings=timings,
            raw_too_large=raw_too_large,
        )


def _close_popup(popup: Page, page: Page, watch: _Watch) -> None:
    if popup is not page:
        watch.spawn(_close_quietly(popup))


async def _close_quietly(page: Page) -> None:
    await page.close()


async def _quietly(action: Coroutine[Any, Any, None]) -> None:
    # The page may be gone by the time the reply arrives; that is fine.
    with contextlib.suppress(PlaywrightError):
        await action


def _dismiss(dialog: Dialog, watch: _Watch) -> None:
    watch.dialogs += 1
    # Leaving wins over `beforeunload`; every other dialog is dismissed.
    watch.spawn(dialog.accept() if dialog.type == "beforeunload" else dialog.dismiss())


def _refuse_download(download: Download, watch: _Watch) -> None:
    watch.downloads += 1
    watch.spawn(download.cancel())


async def _route_request(
    route: Route, policy: AddressPolicy, watch: _Watch, request: Request
) -> None:
    try:
        if request.resource_type in BLOCKED_RESOURCE_TYPES:
            await route.abort("blockedbyclient")
            return
        try:
            await policy.check_url(request.url)
        except TargetRefused as refused:
            if watch._is_main_navigation(request):
                watch.refused_navigations.append((request.url, refused))
            log.info("refused a request of the page: %s", refused.message)
            await route.abort("blockedbyclient")
            return
        await route.continue_()
    except PlaywrightError:
        pass  # the page or context closed while the request waited: nothing to answer


async def _navigate(
    page: Page, url: str, soft_end: float, guard: AddressGuard, watch: _Watch
) -> Response | None:
    """Go to `url` until its response commits. Maps Chromium's failures to LinkLens errors."""
    timeout_s = _remaining(soft_end)
    try:
        return await asyncio.wait_for(
            page.goto(url, wait_until="commit", timeout=timeout_s * 1000 + 1), timeout_s + 0.5
        )
    except (PlaywrightTimeoutError, TimeoutError):
        _raise_if_cancelled()
        raise ScanError(ErrorCode.RENDER_TIMEOUT, "The page did not answer in time.") from None
    except PlaywrightError as exc:
        _raise_if_cancelled()
        if watch.downloads or "download is starting" in str(exc).lower():
            raise ScanError(ErrorCode.NOT_HTML) from None
        match = _NET_ERROR.search(str(exc))
        if match is None:
            raise
        document = watch.main_document()
        if document is not None and match.group(1) == "ERR_ABORTED":
            await _refuse_non_html(document)
        raise _navigation_error(match.group(1), url, guard, watch) from None


def _raise_for_failed_navigation(page: Page, guard: AddressGuard, watch: _Watch) -> None:
    """A later navigation of the page (meta refresh, JS location) that was refused or failed."""
    if watch.refused_navigations:
        target, _ = watch.refused_navigations[-1]
        raise TargetRefused(
            ErrorCode.TARGET_NOT_ALLOWED,
            f"The page redirected to {_host(target)}, which is in a private or internal network.",
        )
    if page.url.startswith("chrome-error:") and watch.navigation_failures:
        target, failure = watch.navigation_failures[-1]
        match = _NET_ERROR.search(failure) or re.search(r"(ERR_[A-Z0-9_]+)", failure)
        raise _navigation_error(match.group(1) if match else "ERR_FAILED", target, guard, watch)


def _navigation_error(code: str, url: str, guard: AddressGuard, watch: _Watch) -> LinkLensError:
    host = _host(url)
    if watch.refused_navigations:
        target, refused = watch.refused_navigations[-1]
        if _host(target) == host:
            return refused
        return TargetRefused(
            ErrorCode.TARGET_NOT_ALLOWED,
            f"The page redirected to {_host(target)}, which is in a private or internal network.",
        )
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


def _refusal_error(refusal: Refusal, asked_host: str) -> LinkLensError:
    host = refusal.host
    if refusal.reason == "policy":
        if host == asked_host:
            return TargetRefused(
                ErrorCode.TARGET_NOT_ALLOWED, f"{host} points into a private or internal network."
            )
        return TargetRefused(
            ErrorCode.TARGET_NOT_ALLOWED,
            f"The page redirected to {host}, which is in a private or internal network.",
        )
    sentence = {
        "dns": f"{host} does not resolve (DNS lookup failed).",
        "refused": f"{host} refused the connection.",
        "timeout": f"{host} did not accept a connection in time.",
    }.get(refusal.reason, f"{host} could not be reached.")
    return ScanError(ErrorCode.UNREACHABLE, sentence)


async def _refuse_non_html(document: Response) -> None:
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


async def _network_quiet(
    watch: _Watch,
    window_s: float,
    cap_s: float,
    soft_end: float,
    *,
    idle_window_s: float | None = None,
    since: float | None = None,
    counted_from: float | None = None,
) -> bool:
    """Wait until no request has been in flight for `window_s`, at most `cap_s`.

    With `idle_window_s`, the window is that shorter one as long as no request started after
    `since` (default: the wait's start). The window counts from the last activity, and not from
    before `counted_from` (default: the wait's start). Returns False only when the job's
    deadline (not the cap) cut the wait short.
    """
    started = time.monotonic()
    since = started if since is None else since
    cap_end = started + cap_s
    window_start = started if counted_from is None else counted_from
    while True:
        now = time.monotonic()
        window = window_s
        if idle_window_s is not None and watch.last_request_start < since:
            window = idle_window_s
        # Counted from the wait's start (or the jump) too: requests a scroll just triggered may
        # not have reached us as events yet.
        if not watch.inflight and now - max(watch.last_activity, window_start) >= window:
            return True
        if now >= soft_end:
            return False
        if now >= cap_end:
            return True  # a chatty page (long-poll, beacons): waited as long as we wait
        await asyncio.sleep(min(0.025, max(0.0, soft_end - now)))


async def _scroll(page: Page, watch: _Watch, config: Config, soft_end: float) -> bool:
    """Jump to the bottom, again while the page grows. False if cut short. (The collector
    jumps back to the top.)

    Each round is one round trip: the jump (skipped when the page has not grown since the last
    one) and its frames, then the quiet wait. When the frames ran, the wait's window counts from
    the jump, so those frames are part of it rather than added to it; when the renderer was too
    busy to paint them in time, it counts from their end, as the page is slow to react.
    """
    window_from = 0.0

    async def jump(**arg: object) -> tuple[float, bool]:
        nonlocal window_from
        started = time.monotonic()
        height, _, jumped, painted = await asyncio.wait_for(
            page.evaluate(_JUMP_SCRIPT, {"minHeight": -1, "fitCheck": False, **arg}),
            _remaining(soft_end),
        )
        ended = time.monotonic()
        # Painted in time: the window counts from the jump, yet never ends sooner than
        # _EVENT_SLACK_S after the frames, so a request their callbacks started has time to
        # reach us as an event even when the frames were slow.
        window_from = (
            max(started, ended - (_IDLE_SCROLL_WINDOW_S - _EVENT_SLACK_S)) if painted else ended
        )
        return float(height), bool(jumped)

    try:
        # Nothing to scroll to and nothing pending: a jump would change nothing.
        scrolled_at = time.monotonic()
        height, jumped = await jump(fitCheck=not watch.inflight)
        if not jumped:
            return True
        for round_number in range(1, config.scroll_rounds + 1):
            if not await _network_quiet(
                watch,
                _SCROLL_QUIET_WINDOW_S,
                config.network_idle_s,
                soft_end,
                idle_window_s=_IDLE_SCROLL_WINDOW_S,
                since=scrolled_at,
                counted_from=window_from,
            ):
                return False
            if round_number == config.scroll_rounds:
                break
            scrolled_at = time.monotonic()
            grown, jumped = await jump(minHeight=height)
            if not jumped:
                break  # the page stopped growing
            height = grown
    except TimeoutError:
        _raise_if_cancelled()
        return False
    except PlaywrightError as exc:
        _raise_if_cancelled()
        # A navigation while scrolling (JS redirect) destroys the context: collect the new page.
        log.info("scroll interrupted: %s", exc)
        if "closed" in str(exc).lower():
            raise
    return True


def _content_length(headers: list[tuple[str, str]]) -> int | None:
    for name, value in headers:
        if name.lower() == "content-length":
            with contextlib.suppress(ValueError):
                return int(value)
    return None


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _ms(end: float) -> float:
    # Playwright treats 0 as "no timeout": never pass it.
    return max(1.0, _remaining(end) * 1000)
